"""Pages of workstations and service records."""
import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhibao.accounts.scope import visible
from zhibao.core.lists import Column
from zhibao.registry.models import MarketEntity

from .. import filters, forms, stations
from .. import common
from ..choices import SurveyOccasion
from ..models import ServiceRecipient, ServiceRecord, Workstation, WorkstationContact
from ..permissions import ServicePerm
from .base import ServiceList, edit_page, errors_text, in_scope, may_see, needs


def _operating(ws) -> str:
    if ws.operating_on(common.today()):
        return _("In operation")
    return pgettext("workstation", "Closed") if ws.closed_on and ws.closed_on < common.today() else _("Not yet open")


class WorkstationList(ServiceList):
    model = Workstation
    filterset_class = filters.WorkstationFilter
    title = gettext_lazy("Workstations")
    create_url = "services:workstation_create"
    create_perm = ServicePerm.CHANGE
    default_sort = "name"
    section = "stations"
    columns = (
        Column("name", gettext_lazy("Name"), sort="name"),
        Column("kind", gettext_lazy("Kind"), sort="kind"),
        Column("district__name", gettext_lazy("District"), sort="district"),
        Column("host", gettext_lazy("Host")),
        Column("opened_on", gettext_lazy("Opened on"), sort="opened_on"),
        Column("closed_on", pgettext_lazy("workstation", "Closed on"), sort="closed_on"),
        Column("state", gettext_lazy("Status"), value=_operating),
    )

    def base_queryset(self):
        return Workstation.objects.select_related("district", "host_org", "host_entity")


class ServiceRecordList(ServiceList):
    model = ServiceRecord
    filterset_class = filters.ServiceRecordFilter
    title = gettext_lazy("Service records")
    create_url = "services:record_create"
    create_perm = ServicePerm.RECORD
    default_sort = "-served_on"
    section = "stations"
    columns = (
        Column("served_on", gettext_lazy("Date of service"), sort="served_on"),
        Column("kind", gettext_lazy("Service"), sort="kind"),
        Column("subject", gettext_lazy("Subject")),
        Column("workstation__name", gettext_lazy("Workstation"), sort="workstation__name"),
        Column("recipients", gettext_lazy("Enterprises served"),
               value=lambda r: "、".join(x.entity.name for x in r.recipients.all()[:5])
               + ("…" if len(r.recipients.all()) > 5 else "")),
        Column("case", gettext_lazy("Assistance case"), value=lambda r: r.case.reference if r.case_id else ""),
    )

    def base_queryset(self):
        return ServiceRecord.objects.select_related("workstation", "case").prefetch_related(
            Prefetch("recipients", queryset=ServiceRecipient.objects.select_related("entity").order_by("pk")))


# -- workstations ------------------------------------------------------------------------------

@needs(ServicePerm.VIEW)
@require_GET
def workstation_detail(request, pk):
    user = request.user
    ws = in_scope(Workstation.objects.select_related("district", "zone", "org", "supervisor", "host_org",
                                                     "host_entity"), user, pk)
    records = visible(ServiceRecord.objects.filter(workstation=ws), user)
    year_ago = common.today() - datetime.timedelta(days=365)
    recent = records.filter(served_on__gte=year_ago)
    by_kind = recent.values("kind").annotate(n=Count("pk")).order_by("kind")
    served = ServiceRecipient.objects.filter(record__in=recent).values("entity").distinct().count()
    return render(request, "services/workstation_detail.html", {
        "ws": ws, "contacts": ws.contacts.select_related("user").all(),
        "latest": records.select_related("case").order_by("-served_on", "-pk")[:20],
        "record_count": records.count(), "recent_count": recent.count(), "served_count": served,
        "by_kind": [(dict(ServiceRecord._meta.get_field("kind").choices)[row["kind"]], row["n"]) for row in by_kind],
        "operating": _operating(ws), "can_change": user.has_perm(ServicePerm.CHANGE),
        "can_record": user.has_perm(ServicePerm.RECORD) and ws.operating_on(common.today()),
        "contact_form": forms.ContactForm(user=user) if user.has_perm(ServicePerm.CHANGE) else None,
        "host_entity_visible": may_see(ws.host_entity, user),
    })


@needs(ServicePerm.VIEW, ServicePerm.CHANGE)
@require_http_methods(["GET", "POST"])
def workstation_create(request):
    form = forms.WorkstationForm(request.POST or None, instance=Workstation(), user=request.user)
    return edit_page(request, form, lambda f: stations.save_workstation(f.instance, request.user),
                     title=_("New workstation"), cancel_url=reverse("services:workstation_list"))


@needs(ServicePerm.VIEW, ServicePerm.CHANGE)
@require_http_methods(["GET", "POST"])
def workstation_edit(request, pk):
    ws = in_scope(Workstation.objects.all(), request.user, pk)
    form = forms.WorkstationForm(request.POST or None, instance=ws, user=request.user)
    return edit_page(request, form, lambda f: stations.save_workstation(f.instance, request.user,
                                                                        expected_version=f.expected_version),
                     title=_("Edit %(name)s") % {"name": ws}, cancel_url=ws.get_absolute_url())


@needs(ServicePerm.VIEW, ServicePerm.CHANGE)
@require_POST
def contact_add(request, pk):
    ws = in_scope(Workstation.objects.all(), request.user, pk)
    form = forms.ContactForm(request.POST, instance=WorkstationContact(workstation=ws), user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, _("The contact was added."))
    else:
        messages.error(request, _("The contact was not added: %(problems)s") % {"problems": errors_text(form)})
    return redirect(ws.get_absolute_url())


@needs(ServicePerm.VIEW, ServicePerm.CHANGE)
@require_POST
def contact_remove(request, pk, contact_pk):
    ws = in_scope(Workstation.objects.all(), request.user, pk)
    contact = ws.contacts.filter(pk=contact_pk).first()
    if contact is not None:
        contact.delete()
        messages.success(request, _("The contact was removed."))
    return redirect(ws.get_absolute_url())


# -- service records ----------------------------------------------------------------------------

@needs(ServicePerm.VIEW)
@require_GET
def record_detail(request, pk):
    user = request.user
    record = in_scope(ServiceRecord.objects.select_related("workstation", "case", "recorded_by"), user, pk)
    entities = MarketEntity.objects.filter(services_received__record=record).order_by("name")
    seen = set(visible(MarketEntity.objects.filter(pk__in=[e.pk for e in entities]), user).values_list("pk", flat=True))
    return render(request, "services/record_detail.html", {
        "record": record, "entities": [(e, e.pk in seen) for e in entities],
        "case_visible": may_see(record.case, user) if record.case_id else False,
        "can_record": user.has_perm(ServicePerm.RECORD),
        "invite_form": forms.InviteForm(occasion=SurveyOccasion.SERVICE)
        if user.has_perm(ServicePerm.RECORD) or user.has_perm(ServicePerm.SURVEYS) else None,
        "invitations": record.survey_invitations.count(),
    })


@needs(ServicePerm.VIEW, ServicePerm.RECORD)
@require_http_methods(["GET", "POST"])
def record_create(request):
    record = ServiceRecord(served_on=common.today())
    form = forms.ServiceRecordForm(request.POST or None, instance=record, user=request.user,
                                   initial={"workstation": request.GET.get("workstation")})
    stations_visible = form.fields["workstation"].queryset
    if not request.POST and "workstation" not in request.GET and stations_visible.count() == 1:
        form.initial["workstation"] = stations_visible.first().pk
    return edit_page(request, form, lambda f: stations.save_service(f.instance, f.cleaned_data["entities"], request.user),
                     title=_("Record a service"), cancel_url=reverse("services:record_list"))


@needs(ServicePerm.VIEW, ServicePerm.RECORD)
@require_http_methods(["GET", "POST"])
def record_edit(request, pk):
    record = in_scope(ServiceRecord.objects.all(), request.user, pk)
    form = forms.ServiceRecordForm(request.POST or None, instance=record, user=request.user)
    return edit_page(request, form, lambda f: stations.save_service(f.instance, f.cleaned_data["entities"],
                                                                    request.user, expected_version=f.expected_version),
                     title=_("Edit the service record"), cancel_url=record.get_absolute_url())


@needs(ServicePerm.VIEW, ServicePerm.RECORD)
@require_POST
def record_open_case(request, pk):
    record = in_scope(ServiceRecord.objects.all(), request.user, pk)
    try:
        case = stations.open_assistance_case(record, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Assistance case %(case)s was opened.") % {"case": case.reference})
    return redirect(record.get_absolute_url())
