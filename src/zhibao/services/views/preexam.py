"""Pages of patent pre-examination: the centres' filing rules, filing entities, requests."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhibao.accounts.scope import visible
from zhibao.core.lists import Column
from zhibao.registry.services import StaleVersion, save_record

from .. import common, filters, forms, preexam
from ..choices import FilingStatus
from ..models import CentreProfile, FilingEntity, PreexamRequest
from ..permissions import ServicePerm
from .base import ServiceList, edit_page, errors_text, in_scope, may_see, needs


class CentreList(ServiceList):
    model = CentreProfile
    filterset_class = None
    perm = ServicePerm.PREEXAM
    title = gettext_lazy("Protection centres: filing rules")
    create_url = "services:centre_create"
    create_perm = ServicePerm.PREEXAM
    default_sort = "centre__name"
    section = "preexam"
    columns = (
        Column("centre__name", gettext_lazy("Protection centre"), sort="centre__name"),
        Column("area", gettext_lazy("Service area"),
               value=lambda p: "、".join(d.name for d in p.service_area.all())),
        Column("ipc_classes", gettext_lazy("IPC fields")),
        Column("industries", gettext_lazy("Industries")),
        Column("filing_years", gettext_lazy("Years a filing stays valid")),
        Column("target_working_days", gettext_lazy("Target (working days)")),
    )

    def base_queryset(self):
        return CentreProfile.objects.select_related("centre").prefetch_related("service_area")

    def get_queryset(self):
        return visible(self.base_queryset(), self.request.user), None


def _valid_cell(filing) -> str:
    if filing.valid_from is None:
        return ""
    return f"{filing.valid_from:%Y-%m-%d} – " + (f"{filing.valid_to:%Y-%m-%d}" if filing.valid_to else "")


class FilingList(ServiceList):
    model = FilingEntity
    filterset_class = filters.FilingFilter
    title = gettext_lazy("Pre-examination filing entities")
    create_url = "services:filing_create"
    create_perm = ServicePerm.PREEXAM
    default_sort = "-applied_on"
    section = "preexam"
    columns = (
        Column("entity__name", gettext_lazy("Entity"), sort="entity__name"),
        Column("entity__uscc", gettext_lazy("Unified social credit code")),
        Column("centre__name", gettext_lazy("Protection centre"), sort="centre__name"),
        Column("status", gettext_lazy("Status"), sort="status"),
        Column("applied_on", gettext_lazy("Applied on"), sort="applied_on"),
        Column("valid", pgettext_lazy("validity period", "Valid"), value=_valid_cell),
        Column("ipc_classes", gettext_lazy("IPC fields")),
    )

    def base_queryset(self):
        return FilingEntity.objects.select_related("entity", "centre")


class PreexamList(ServiceList):
    model = PreexamRequest
    filterset_class = filters.PreexamFilter
    title = gettext_lazy("Pre-examination requests")
    create_url = "services:preexam_create"
    create_perm = ServicePerm.PREEXAM
    default_sort = "-submitted_on"
    template_name = "services/preexam_list.html"
    section = "preexam"
    columns = (
        Column("submitted_on", gettext_lazy("Submitted on"), sort="submitted_on"),
        Column("title", gettext_lazy("Title of the application")),
        Column("patent_kind", gettext_lazy("Kind of patent"), sort="patent_kind"),
        Column("filing__entity__name", gettext_lazy("Filing entity")),
        Column("outcome", gettext_lazy("Outcome"), sort="outcome"),
        Column("outcome_on", gettext_lazy("Outcome on"), sort="outcome_on"),
        Column("turnaround_working_days", gettext_lazy("Turnaround (working days)"), sort="turnaround_working_days"),
    )

    def base_queryset(self):
        return PreexamRequest.objects.select_related("filing__entity", "filing__centre")

    def extra_context(self):
        qs, _filterset = self.get_queryset()
        return {**super().extra_context(), "turnaround": preexam.turnaround(qs)}


# -- centres ------------------------------------------------------------------------------------------

def _save_profile(form):
    with_area = form.cleaned_data.get("service_area")
    save_record(form.instance, expected_version=form.expected_version)
    form.instance.service_area.set(with_area)


@needs(ServicePerm.PREEXAM)
@require_http_methods(["GET", "POST"])
def centre_create(request):
    form = forms.CentreProfileForm(request.POST or None, instance=CentreProfile(), user=request.user)
    return edit_page(request, form, _save_profile, title=_("Filing rules of a protection centre"),
                     cancel_url=reverse("services:centre_list"))


@needs(ServicePerm.PREEXAM)
@require_http_methods(["GET", "POST"])
def centre_edit(request, pk):
    profile = in_scope(CentreProfile.objects.all(), request.user, pk)
    form = forms.CentreProfileForm(request.POST or None, instance=profile, user=request.user)
    response = edit_page(request, form, _save_profile, title=_("Filing rules of %(centre)s") % {"centre": profile},
                         cancel_url=reverse("services:centre_list"))
    if response.status_code == 302:
        return redirect("services:centre_list")
    return response


# -- filing entities ----------------------------------------------------------------------------------

@needs(ServicePerm.VIEW)
@require_GET
def filing_detail(request, pk):
    user = request.user
    filing = in_scope(FilingEntity.objects.select_related("entity__district", "centre", "reviewed_by"), user, pk)
    requests = visible(PreexamRequest.objects.filter(filing=filing), user)
    can_change = user.has_perm(ServicePerm.PREEXAM)
    return render(request, "services/filing_detail.html", {
        "filing": filing, "problems": preexam.eligibility(filing) if filing.status == FilingStatus.APPLIED else [],
        "requests": requests.order_by("-submitted_on")[:50], "request_count": requests.count(),
        "turnaround": preexam.turnaround(requests), "today": common.today(),
        "valid_today": filing.valid_on(common.today()), "entity_visible": may_see(filing.entity, user),
        "can_change": can_change,
        "review_form": forms.ReviewForm(initial={"on": common.today(), "decision": "approve"})
        if can_change and filing.status == FilingStatus.APPLIED else None,
        "revoke_form": forms.RevokeForm(initial={"on": common.today()})
        if can_change and filing.status == FilingStatus.APPROVED else None,
    })


@needs(ServicePerm.VIEW, ServicePerm.PREEXAM)
@require_http_methods(["GET", "POST"])
def filing_create(request):
    form = forms.FilingForm(request.POST or None, instance=FilingEntity(applied_on=common.today()), user=request.user)
    return edit_page(request, form, lambda f: preexam.apply(f.instance, request.user),
                     title=_("Application to file with a protection centre"),
                     cancel_url=reverse("services:filing_list"))


@needs(ServicePerm.VIEW, ServicePerm.PREEXAM)
@require_http_methods(["GET", "POST"])
def filing_edit(request, pk):
    filing = in_scope(FilingEntity.objects.all(), request.user, pk)
    if filing.status != FilingStatus.APPLIED:
        messages.error(request, _("Only an application under review can be changed; this filing is %(status)s.")
                       % {"status": filing.get_status_display().lower()})
        return redirect(filing.get_absolute_url())
    form = forms.FilingForm(request.POST or None, instance=filing, user=request.user)
    return edit_page(request, form, lambda f: preexam.apply(f.instance, request.user,
                                                            expected_version=f.expected_version),
                     title=_("Edit the application"), cancel_url=filing.get_absolute_url())


@needs(ServicePerm.VIEW, ServicePerm.PREEXAM)
@require_POST
def filing_review(request, pk):
    filing = in_scope(FilingEntity.objects.all(), request.user, pk)
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: %(problems)s") % {"problems": errors_text(form)})
        return redirect(filing.get_absolute_url())
    data = form.cleaned_data
    try:
        filing = preexam.review(filing, request.user, approve=data["decision"] == "approve", on=data["on"],
                                note=data["note"], valid_until=data["valid_until"])
    except (ValidationError, StaleVersion) as exc:
        messages.error(request, _("Nothing was saved: %(problems)s") % {
            "problems": " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)})
    else:
        messages.success(request, _("The filing is %(status)s.") % {"status": filing.get_status_display().lower()})
    return redirect(filing.get_absolute_url())


@needs(ServicePerm.VIEW, ServicePerm.PREEXAM)
@require_POST
def filing_revoke(request, pk):
    filing = in_scope(FilingEntity.objects.all(), request.user, pk)
    form = forms.RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: %(problems)s") % {"problems": errors_text(form)})
        return redirect(filing.get_absolute_url())
    try:
        filing = preexam.revoke(filing, request.user, on=form.cleaned_data["on"], reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, _("Nothing was saved: %(problems)s") % {"problems": " ".join(exc.messages)})
    else:
        messages.success(request, _("The filing is revoked from %(date)s.") % {"date": filing.revoked_on.isoformat()})
    return redirect(filing.get_absolute_url())


# -- requests -----------------------------------------------------------------------------------------

@needs(ServicePerm.VIEW)
@require_GET
def preexam_detail(request, pk):
    req = in_scope(PreexamRequest.objects.select_related("filing__entity", "filing__centre"), request.user, pk)
    return render(request, "services/preexam_detail.html", {
        "req": req, "can_change": request.user.has_perm(ServicePerm.PREEXAM)})


@needs(ServicePerm.VIEW, ServicePerm.PREEXAM)
@require_http_methods(["GET", "POST"])
def preexam_create(request):
    initial = {}
    filing = None
    if str(request.GET.get("filing", "")).isdigit():
        filing = visible(FilingEntity.objects.all(), request.user).filter(pk=int(request.GET["filing"])).first()
        if filing is not None:
            initial = {"entity": filing.entity, "centre": filing.centre_id}
    form = forms.PreexamForm(request.POST or None, instance=PreexamRequest(submitted_on=common.today()),
                             user=request.user, initial=initial)
    return edit_page(request, form, lambda f: preexam.save_request(f.instance, request.user),
                     title=_("New pre-examination request"),
                     cancel_url=filing.get_absolute_url() if filing else reverse("services:preexam_list"))


@needs(ServicePerm.VIEW, ServicePerm.PREEXAM)
@require_http_methods(["GET", "POST"])
def preexam_edit(request, pk):
    req = in_scope(PreexamRequest.objects.select_related("filing"), request.user, pk)
    form = forms.PreexamForm(request.POST or None, instance=req, user=request.user)
    return edit_page(request, form, lambda f: preexam.save_request(f.instance, request.user,
                                                                   expected_version=f.expected_version),
                     title=_("Edit the pre-examination request"), cancel_url=req.get_absolute_url())
