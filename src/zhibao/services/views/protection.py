"""Pages of the protection lists, special actions and shared product descriptions."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhibao.accounts.scope import visible
from zhibao.core.lists import Column
from zhibao.registry.models import GIAuthorization, MarketEntity
from zhibao.registry.services import StaleVersion, save_record

from .. import common, filters, forms, protection
from ..choices import ListKind
from ..models import ListBatch, ListEntry, ProductDescription, SpecialAction
from ..permissions import ServicePerm
from .base import ServiceList, edit_page, errors_text, may_see, needs, save_form


def _period(entry) -> str:
    return f"{entry.valid_from:%Y-%m-%d} – " + (f"{entry.valid_to:%Y-%m-%d}" if entry.valid_to else "")


class EntryList(ServiceList):
    model = ListEntry
    filterset_class = filters.ListEntryFilter
    title = gettext_lazy("Protection lists")
    create_url = "services:entry_create"
    create_perm = ServicePerm.CHANGE
    default_sort = "kind"
    section = "lists"
    columns = (
        Column("name", gettext_lazy("What is listed"), sort="name"),
        Column("kind", gettext_lazy("List"), sort="kind"),
        Column("entity__name", gettext_lazy("Enterprise")),
        Column("reason", gettext_lazy("Why listed"), value=lambda e: e.reason[:60] + ("…" if len(e.reason) > 60 else "")),
        Column("period", gettext_lazy("Listed"), value=_period),
        Column("batch", gettext_lazy("Batch"), value=lambda e: e.batch.name if e.batch_id else ""),
        Column("district__name", gettext_lazy("District")),
    )

    def base_queryset(self):
        return ListEntry.objects.select_related("entity", "batch", "district")

    def _create_href(self):
        href = super()._create_href()
        kind = self.request.GET.get("kind")
        return f"{href}?{urlencode({'kind': kind})}" if href and kind in ListKind.values else href

    def extra_context(self):
        current = self.request.GET.get("kind", "")
        tabs = [{"label": _("All lists"), "href": self.request.path, "current": not current}]
        tabs += [{"label": label, "href": f"{self.request.path}?kind={value}", "current": current == value}
                 for value, label in ListKind.choices]
        return {**super().extra_context(), "tabs": tabs}


class BatchList(ServiceList):
    model = ListBatch
    filterset_class = None
    title = gettext_lazy("List batches")
    create_url = "services:batch_create"
    create_perm = ServicePerm.CHANGE
    default_sort = "-published_on"
    section = "lists"
    columns = (
        Column("kind", gettext_lazy("List"), sort="kind"),
        Column("name", gettext_lazy("Batch"), sort="name"),
        Column("published_on", gettext_lazy("Published on"), sort="published_on"),
        Column("publisher__name", gettext_lazy("Published by")),
        Column("document", gettext_lazy("Document")),
        Column("entries", gettext_lazy("Entries"), value=lambda b: b.entries.count()),
    )

    def get_queryset(self):
        return ListBatch.objects.select_related("publisher"), None


class ActionList(ServiceList):
    model = SpecialAction
    filterset_class = filters.ActionFilter
    title = gettext_lazy("Special actions")
    create_url = "services:action_create"
    create_perm = ServicePerm.CHANGE
    default_sort = "-starts_on"
    section = "lists"
    columns = (
        Column("name", gettext_lazy("Name"), sort="name"),
        Column("lead__name", gettext_lazy("Led by")),
        Column("starts_on", gettext_lazy("Starts on"), sort="starts_on"),
        Column("ends_on", gettext_lazy("Ends on"), sort="ends_on"),
        Column("entries", gettext_lazy("For"), value=lambda a: "、".join(e.name for e in a.entries.all())),
    )

    def base_queryset(self):
        return SpecialAction.objects.select_related("lead").prefetch_related("entries")


class ProductList(ServiceList):
    """Only the descriptions the user may see: their own, or shared with their organization."""

    model = ProductDescription
    filterset_class = filters.ProductFilter
    perm = None
    export_perm = None
    title = gettext_lazy("Product descriptions shared with us")
    create_url = "services:product_create"
    create_perm = ServicePerm.SHARE_PRODUCT
    default_sort = "name"
    section = "lists"
    columns = (
        Column("name", gettext_lazy("Product"), sort="name"),
        Column("holder__name", gettext_lazy("Right holder")),
        Column("valid_until", gettext_lazy("Valid until"), sort="valid_until"),
        Column("updated", gettext_lazy("Last changed"), sort="updated"),
    )

    def base_queryset(self):
        return protection.descriptions_for(self.request.user).select_related("holder")

    def _create_href(self):
        user = self.request.user
        return super()._create_href() if user.entity_id else None


# -- entries -----------------------------------------------------------------------------------------

def _entry_or_404(pk) -> ListEntry:
    entry = ListEntry.objects.select_related("entity", "parent", "batch", "keeper", "district",
                                             "complaint_office").filter(pk=pk).first()
    if entry is None:
        raise Http404(_("No such record in your data scope."))
    return entry


@needs(ServicePerm.VIEW)
@require_GET
def entry_detail(request, pk):
    user = request.user
    entry = _entry_or_404(pk)
    rights = list(entry.rights.prefetch_related("holders__entity").order_by("kind", "number"))
    seen_rights = set(visible(entry.rights.all(), user).values_list("pk", flat=True))
    gi_users = (GIAuthorization.objects.filter(right__in=[r for r in rights if r.kind == "gi"])
                .select_related("entity", "right").order_by("right__title", "entity__name"))
    today = common.today()
    can_change = user.has_perm(ServicePerm.CHANGE)
    return render(request, "services/entry_detail.html", {
        "entry": entry, "rights": [(r, r.pk in seen_rights) for r in rights], "gi_users": gi_users,
        "cases": protection.linked_cases(entry, user)[:50], "children": entry.children.select_related("entity"),
        "actions": entry.actions.select_related("lead"), "listed_today": entry.listed_on_day(today),
        "entity_visible": may_see(entry.entity, user), "can_change": can_change,
        "exhibition_days": (entry.ends_on - entry.starts_on).days + 1 if entry.starts_on and entry.ends_on else None,
        "remove_form": forms.RemoveEntryForm(initial={"on": today}) if can_change and not entry.removed_on else None,
    })


def _save_entry(request, form, expected=False):
    return protection.save_entry(form.instance, form.cleaned_data["rights_text"], request.user,
                                 expected_version=form.expected_version if expected else None)


@needs(ServicePerm.VIEW, ServicePerm.CHANGE)
@require_http_methods(["GET", "POST"])
def entry_create(request):
    kind = request.GET.get("kind")
    entry = ListEntry(kind=kind if kind in ListKind.values else "", listed_on=common.today())
    form = forms.ListEntryForm(request.POST or None, instance=entry, user=request.user,
                               initial={"kind": entry.kind})
    return edit_page(request, form, lambda f: _save_entry(request, f), title=_("New list entry"),
                     cancel_url=reverse("services:entry_list"))


@needs(ServicePerm.VIEW, ServicePerm.CHANGE)
@require_http_methods(["GET", "POST"])
def entry_edit(request, pk):
    entry = _entry_or_404(pk)
    form = forms.ListEntryForm(request.POST or None, instance=entry, user=request.user)
    return edit_page(request, form, lambda f: _save_entry(request, f, expected=True),
                     title=_("Edit %(name)s") % {"name": entry}, cancel_url=entry.get_absolute_url())


@needs(ServicePerm.VIEW, ServicePerm.CHANGE)
@require_POST
def entry_remove(request, pk):
    entry = _entry_or_404(pk)
    form = forms.RemoveEntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: %(problems)s") % {"problems": errors_text(form)})
        return redirect(entry.get_absolute_url())
    try:
        protection.remove_entry(entry, on=form.cleaned_data["on"], reason=form.cleaned_data["reason"])
    except (ValidationError, StaleVersion) as exc:
        messages.error(request, _("Nothing was saved: %(problems)s") % {
            "problems": " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)})
    else:
        messages.success(request, _("The entry is off the list from %(date)s.")
                         % {"date": form.cleaned_data["on"].isoformat()})
    return redirect(entry.get_absolute_url())


@needs(ServicePerm.VIEW, ServicePerm.CHANGE)
@require_http_methods(["GET", "POST"])
def batch_create(request):
    form = forms.BatchForm(request.POST or None, instance=ListBatch(published_on=common.today()), user=request.user)
    if request.method == "POST" and form.is_valid() and save_form(request, form, lambda f: save_record(f.instance)):
        messages.success(request, _("“%(name)s” was saved.") % {"name": form.instance})
        return redirect("services:batch_list")
    return render(request, "services/form.html", {"form": form, "title": _("New list batch"),
                                                  "cancel_url": reverse("services:batch_list")})


# -- special actions -------------------------------------------------------------------------------------

def _action_or_404(pk) -> SpecialAction:
    action = SpecialAction.objects.select_related("lead").filter(pk=pk).first()
    if action is None:
        raise Http404(_("No such record in your data scope."))
    return action


@needs(ServicePerm.VIEW)
@require_GET
def action_detail(request, pk):
    action = _action_or_404(pk)
    return render(request, "services/action_detail.html", {
        "action": action, "entries": action.entries.select_related("entity"),
        "cases": visible(action.cases.all(), request.user).order_by("-received_on"),
        "hidden_cases": action.cases.count() - visible(action.cases.all(), request.user).count(),
        "can_change": request.user.has_perm(ServicePerm.CHANGE)})


def _save_action(form, expected=False):
    return protection.save_action(form.instance, list(form.cleaned_data["entries"]), form.cleaned_data["cases_text"],
                                  expected_version=form.expected_version if expected else None)


@needs(ServicePerm.VIEW, ServicePerm.CHANGE)
@require_http_methods(["GET", "POST"])
def action_create(request):
    initial = {}
    if str(request.GET.get("entry", "")).isdigit():
        initial["entries"] = [int(request.GET["entry"])]
    form = forms.ActionForm(request.POST or None, instance=SpecialAction(starts_on=common.today()), user=request.user,
                            initial=initial)
    return edit_page(request, form, _save_action, title=_("New special action"),
                     cancel_url=reverse("services:action_list"))


@needs(ServicePerm.VIEW, ServicePerm.CHANGE)
@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action = _action_or_404(pk)
    form = forms.ActionForm(request.POST or None, instance=action, user=request.user)
    return edit_page(request, form, lambda f: _save_action(f, expected=True),
                     title=_("Edit %(name)s") % {"name": action}, cancel_url=action.get_absolute_url())


# -- product descriptions -------------------------------------------------------------------------------

def _description_or_404(request, pk) -> ProductDescription:
    description = protection.descriptions_for(request.user).select_related("holder").filter(pk=pk).first()
    if description is None:
        raise Http404(_("No such record in your data scope."))
    return description


@needs()
@require_GET
def product_detail(request, pk):
    description = _description_or_404(request, pk)
    return render(request, "services/product_detail.html", {
        "d": description, "rights": description.rights.order_by("kind", "number"),
        "shared_with": description.shared_with.order_by("name"),
        "can_edit": protection.may_edit_description(request.user, description)})


def _save_description(request, form, expected=False):
    return protection.save_description(form.instance, form.cleaned_data["rights_text"],
                                       form.cleaned_data["shared_with"], request.user,
                                       expected_version=form.expected_version if expected else None)


@needs(ServicePerm.SHARE_PRODUCT)
@require_http_methods(["GET", "POST"])
def product_create(request):
    user = request.user
    if not user.entity_id:
        raise PermissionDenied
    description = ProductDescription(holder=MarketEntity.objects.get(pk=user.entity_id))
    form = forms.ProductDescriptionForm(request.POST or None, instance=description, user=user)
    return edit_page(request, form, lambda f: _save_description(request, f),
                     title=_("Describe a genuine product"), cancel_url=reverse("services:product_list"))


@needs(ServicePerm.SHARE_PRODUCT)
@require_http_methods(["GET", "POST"])
def product_edit(request, pk):
    description = _description_or_404(request, pk)
    if not protection.may_edit_description(request.user, description):
        raise PermissionDenied
    form = forms.ProductDescriptionForm(request.POST or None, instance=description, user=request.user)
    return edit_page(request, form, lambda f: _save_description(request, f, expected=True),
                     title=_("Edit %(name)s") % {"name": description}, cancel_url=description.get_absolute_url())
