"""Registry pages: lists (search, filter, sort, page, export), record pages, and forms.

Thin: searching is search.py, filtering filters.py, validation validation.py, saving
services.save_record, masking masking.py, the full-view log audit.personal. Every page
asks for its permission and shows only records within the user's data scope (404 outside).
"""
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhibao.accounts.roles import Perm
from zhibao.accounts.scope import visible
from zhibao.audit.personal import log_full_view
from zhibao.core.lists import Column, ListPage

from . import filters, forms, masking, search, services
from .choices import RightKind
from .models import (
    DevelopmentZone, District, GIAuthorization, IPRight, MarketEntity, Organization, Person, PopulationRecord,
    RightHolder,
)

RIGHTS_ON_PAGE = 100  # an entity's page lists this many rights, then links to the filtered list

# Strings of core/list.html that core's catalogue does not translate yet: listed here so
# that the registry's catalogue does (Django merges the catalogues of all apps).
LIST_STRINGS = (
    gettext_noop("More than %(n)s records match; narrow the search to see them all."),
    gettext_noop("Export to Excel"), gettext_noop("New"), gettext_noop("Search"), gettext_noop("Clear"),
    gettext_noop("Nothing matches."), gettext_noop("Pages"), gettext_noop("Previous"), gettext_noop("Next"),
    gettext_noop("Page %(n)s of %(total)s"), ngettext_lazy("%(n)s record", "%(n)s records", 1),
)

LIST_URLS = {
    MarketEntity: "registry:entity_list", IPRight: "registry:right_list", Person: "registry:person_list",
    Organization: "registry:organization_list",
}


# -- access ------------------------------------------------------------------------------------

def needs(*perms):
    """Anonymous users go to the sign-in page; users without every one of `perms` get 403."""
    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not all(request.user.has_perm(p) for p in perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        return wrapped
    return decorate


def in_scope(queryset, user, pk):
    """The record with this pk if the user may see it; 404 otherwise (also for a record that
    exists outside the scope: the page does not tell that it exists)."""
    record = visible(queryset, user).filter(pk=pk).first()
    if record is None:
        raise Http404(_("No such record in your data scope."))
    return record


def _holders_cell(right) -> str:
    names = []
    for holder in right.holders.all():
        names.append(holder.entity.name if holder.entity_id else masking.name(holder.person.name))
    return "、".join(names)


# -- lists -----------------------------------------------------------------------------------

class RegistryList(ListPage):
    """Registry lists count exactly up to 1,000 matches of a text search and 10,000 rows
    otherwise, then say “more than …”: counting every match of a common word in 300,000
    names, or all 420,000 rights, costs more than showing the first page (docs/search.md)."""

    perm = Perm.REGISTRY_VIEW
    export_perm = Perm.REGISTRY_EXPORT
    create_perm = Perm.REGISTRY_CHANGE
    template_name = "registry/list.html"
    count_cap = 1000
    browse_count_cap = 10_000

    def count_cap_for(self, filterset):
        return self.count_cap if search.normalize(self.request.GET.get("q")) else self.browse_count_cap

    def filter_note(self, key: str, model, text) -> dict | None:
        """A visible note for a filter set by a link (hidden in the filter bar), with a way out."""
        value = self.request.GET.get(key, "")
        if not value.isdigit():
            return None
        record = visible(model._default_manager.all(), self.request.user).filter(pk=int(value)).first()
        params = self.request.GET.copy()
        params.pop(key, None)
        params.pop("page", None)
        return {"text": text % {"name": record if record is not None else value},
                "clear": f"{self.request.path}?{params.urlencode()}"}


class EntityList(RegistryList):
    model = MarketEntity
    filterset_class = filters.EntityFilter
    create_url = "registry:entity_create"
    title = gettext_lazy("Market entities")
    # Newest first: cheap at any size for common and rare words alike (docs/search.md).
    default_sort = "-pk"
    columns = (
        Column("name", gettext_lazy("Name"), sort="name"),
        Column("uscc", gettext_lazy("Unified social credit code"), sort="uscc"),
        Column("kind", gettext_lazy("Kind")),
        Column("district__name", gettext_lazy("District or county"), sort="district"),
        Column("industry", gettext_lazy("Industry")),
        Column("status", gettext_lazy("Status")),
        Column("established", gettext_lazy("Date established"), sort="established"),
        Column("created", gettext_lazy("Recorded"), sort="pk", value=lambda e: timezone.localdate(e.created)),
    )

    def base_queryset(self):
        return MarketEntity.objects.select_related("district")

    def extra_context(self):
        note = self.filter_note("org", Organization, _("Supervised by %(name)s"))
        return {"filter_notes": [note] if note else []}


class RightList(RegistryList):
    model = IPRight
    filterset_class = filters.RightFilter
    create_url = "registry:right_create"
    title = gettext_lazy("IP rights")
    default_sort = "-pk"
    columns = (
        Column("number", gettext_lazy("Number"), sort="number"),
        Column("kind", gettext_lazy("Kind"), sort="kind"),
        Column("title", gettext_lazy("Title"), sort="title"),
        Column("status", gettext_lazy("Status")),
        Column("holders", gettext_lazy("Holders"), value=_holders_cell),
        Column("district__name", gettext_lazy("District or county"), sort="district"),
        Column("application_date", gettext_lazy("Application date"), sort="application_date"),
        Column("grant_date", gettext_lazy("Grant or registration date"), sort="grant_date"),
        Column("created", gettext_lazy("Recorded"), sort="pk", value=lambda r: timezone.localdate(r.created)),
    )

    def base_queryset(self):
        return IPRight.objects.select_related("district").prefetch_related(
            Prefetch("holders", queryset=RightHolder.objects.select_related("entity", "person").order_by("pk")))

    def extra_context(self):
        notes = [self.filter_note("holder", MarketEntity, _("Held by %(name)s")),
                 self.filter_note("org", Organization, _("Supervised by %(name)s"))]
        return {"filter_notes": [n for n in notes if n]}


class PersonList(RegistryList):
    """Persons are masked in this list and its export, whoever looks."""

    model = Person
    filterset_class = filters.PersonFilter
    perm = Perm.PERSON_VIEW
    create_url = "registry:person_create"
    title = gettext_lazy("Persons")
    default_sort = "-pk"
    columns = (
        Column("name", gettext_lazy("Name"), value=lambda p: masking.name(p.name)),
        Column("id_number", gettext_lazy("Resident ID number"), value=lambda p: masking.id_number(p.id_number)),
        Column("gender", gettext_lazy("Gender")),
        Column("phone", gettext_lazy("Phone"), value=lambda p: masking.phone(p.phone)),
        Column("district__name", gettext_lazy("District or county"), sort="district"),
        Column("org__name", pgettext_lazy("registering body", "Recorded by"), sort="org__name"),
        Column("created", gettext_lazy("Created"), sort="created"),
    )

    def base_queryset(self):
        return Person.objects.select_related("district", "org")

    def _create_href(self):
        if self.request.user.has_perm(Perm.PERSON_VIEW_FULL):
            return super()._create_href()
        return None


class OrganizationList(RegistryList):
    model = Organization
    filterset_class = filters.OrganizationFilter
    create_url = "registry:organization_create"
    title = gettext_lazy("Organizations")
    default_sort = "name"
    columns = (
        Column("name", gettext_lazy("Name"), sort="name"),
        Column("short_name", gettext_lazy("Short name")),
        Column("kind", gettext_lazy("Kind"), sort="kind"),
        Column("district__name", gettext_lazy("Administrative division"), sort="district"),
        Column("parent__name", gettext_lazy("Parent body")),
        Column("is_active", gettext_lazy("Status"), value=lambda o: _("Active") if o.is_active else _("Inactive")),
    )

    def base_queryset(self):
        return Organization.objects.select_related("district", "parent")


def _population_cell(district) -> str:
    if district.latest_population is None:
        return ""
    return _("%(population)s (%(year)s)") % {
        "population": f"{district.latest_population:,}", "year": district.latest_population_year}


class DistrictList(RegistryList):
    model = District
    filterset_class = filters.DistrictFilter
    title = gettext_lazy("Districts and zones")
    template_name = "registry/district_list.html"
    default_sort = "code"
    columns = (
        Column("code", gettext_lazy("Division code"), sort="code"),
        Column("name", gettext_lazy("Name"), sort="name"),
        Column("level", gettext_lazy("Level"), sort="level"),
        Column("parent__name", gettext_lazy("Part of")),
        Column("in_cluster", gettext_lazy("Guanzhong Plain city cluster"),
               value=lambda d: _("Yes") if d.in_cluster or (d.parent_id and d.parent.in_cluster) else ""),
        Column("latest_population", gettext_lazy("Resident population (year)"), value=_population_cell),
    )

    def base_queryset(self):
        latest = PopulationRecord.objects.filter(district=OuterRef("pk")).order_by("-year")
        return District.objects.select_related("parent").annotate(
            latest_population=Subquery(latest.values("population")[:1]),
            latest_population_year=Subquery(latest.values("year")[:1]),
        )


class ZoneList(RegistryList):
    model = DevelopmentZone
    filterset_class = filters.ZoneFilter
    title = gettext_lazy("Development zones")
    template_name = "registry/district_list.html"
    default_sort = "name"
    columns = (
        Column("name", gettext_lazy("Name"), sort="name"),
        Column("short_name", gettext_lazy("Short name")),
        Column("level", gettext_lazy("Level"), sort="level"),
        Column("district__name", gettext_lazy("Main district"), sort="district"),
        Column("note", gettext_lazy("Note")),
    )

    def base_queryset(self):
        return DevelopmentZone.objects.select_related("district")


# -- saving through the service ------------------------------------------------------------------

def _put_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class OutsideScope(Exception):
    pass


def save_form(request, form, after=None) -> bool:
    """Save a registry form through services.save_record, all or nothing.

    A duplicate is refused with a link to the existing record, a stale version with the
    service's message, and a record that would fall outside the user's data scope is not
    saved either. Returns True when saved."""
    record = form.instance
    model = type(record)
    try:
        with transaction.atomic():
            services.save_record(record, expected_version=form.expected_version if record.pk else None)
            if after is not None:
                after(record)
            if not visible(model._default_manager.filter(pk=record.pk), request.user).exists():
                raise OutsideScope
    except services.Duplicate as exc:
        existing = exc.existing
        label = masking.name(existing.name) if isinstance(existing, Person) else str(existing)
        link = format_html('<a href="{}">{}</a>', existing.get_absolute_url(), label) if visible(
            model._default_manager.filter(pk=existing.pk), request.user).exists() else label
        form.add_error(exc.field if exc.field in form.fields else None, ValidationError(format_html(
            "{} {}", _("This %(field)s is already recorded:") % {
                "field": model._meta.get_field(exc.field).verbose_name}, link)))
        form.duplicate = existing
    except services.StaleVersion as exc:
        form.add_error(None, str(exc))
        form.stale = True
    except ValidationError as exc:
        _put_errors(form, exc)
    except OutsideScope:
        form.add_error(None, _("You may only create or change records within your data scope; this %(thing)s "
                               "would be outside it. Nothing was saved.") % {"thing": model._meta.verbose_name})
    else:
        return True
    _restore(form)
    return False


def _restore(form) -> None:
    """After a refused save the instance on the form may carry half-applied values (its
    version was raised inside the rolled-back transaction): reload the stored row."""
    record = form.instance
    if record.pk:
        stored = type(record)._default_manager.filter(pk=record.pk).first()
        if stored is not None and hasattr(stored, "version"):
            record.version = stored.version
    elif hasattr(record, "version"):
        record.version = 1


def _edit(request, form_class, queryset, pk, template, extra=None, after=None, success=None):
    record = in_scope(queryset, request.user, pk) if pk is not None else queryset.model()
    form = form_class(request.POST or None, instance=record, user=request.user)
    if request.method == "POST" and form.is_valid() and save_form(request, form, after=after):
        messages.success(request, (success or _("“%(name)s” was saved.")) % {"name": form.instance})
        return redirect(form.instance.get_absolute_url())
    context = {"form": form, "record": record if pk is not None else None,
               "model_name": queryset.model._meta.verbose_name,
               "cancel_url": record.get_absolute_url() if pk is not None else reverse(LIST_URLS[queryset.model]),
               **(extra or {})}
    return render(request, template, context)


# -- market entities ---------------------------------------------------------------------------

@needs(Perm.REGISTRY_VIEW)
@require_GET
def entity_detail(request, pk):
    entity = in_scope(MarketEntity.objects.select_related("district", "zone", "org"), request.user, pk)
    rights = visible(IPRight.objects.all(), request.user).filter(holders__entity=entity)
    holdings = (RightHolder.objects.filter(entity=entity, right__in=rights)
                .select_related("right").order_by("right__kind", "right__number"))
    count = holdings.count()
    gi = (GIAuthorization.objects.filter(entity=entity, right__in=visible(IPRight.objects.all(), request.user))
          .select_related("right").order_by("right__title"))
    org_visible = entity.org_id and visible(Organization.objects.filter(pk=entity.org_id), request.user).exists()
    return render(request, "registry/entity_detail.html", {
        "entity": entity, "holdings": holdings[:RIGHTS_ON_PAGE], "rights_count": count,
        "rights_more": count > RIGHTS_ON_PAGE, "gi_authorizations": gi, "org_visible": org_visible,
        "can_change": request.user.has_perm(Perm.REGISTRY_CHANGE),
    })


@needs(Perm.REGISTRY_VIEW, Perm.REGISTRY_CHANGE)
@require_http_methods(["GET", "POST"])
def entity_create(request):
    return _edit(request, forms.EntityForm, MarketEntity.objects.all(), None, "registry/form.html")


@needs(Perm.REGISTRY_VIEW, Perm.REGISTRY_CHANGE)
@require_http_methods(["GET", "POST"])
def entity_edit(request, pk):
    return _edit(request, forms.EntityForm, MarketEntity.objects.all(), pk, "registry/form.html")


@needs(Perm.REGISTRY_VIEW)
@require_GET
def entity_lookup(request):
    """Suggestions for an entity field: <option> elements “USCC name” (htmx fills a datalist)."""
    q = search.normalize(request.GET.get("q") or request.GET.get("entity") or request.GET.get("first_holder"))
    found = []
    if q:
        qs = search.entities(visible(MarketEntity.objects.all(), request.user), q)
        found = list(qs.order_by("name", "pk").only("pk", "name", "uscc")[:15])
    return render(request, "registry/entity_options.html", {"entities": found})


# -- IP rights -----------------------------------------------------------------------------------

@needs(Perm.REGISTRY_VIEW)
@require_GET
def right_detail(request, pk):
    right = in_scope(IPRight.objects.select_related("district", "org"), request.user, pk)
    return render(request, "registry/right_detail.html", _right_context(request, right))


def _right_context(request, right, holder_form=None, gi_form=None, gi_edit_form=None):
    user = request.user
    can_change = user.has_perm(Perm.REGISTRY_CHANGE)
    entity_ids = set(visible(MarketEntity.objects.filter(holdings__right=right), user).values_list("pk", flat=True))
    person_ids = set()
    if user.has_perm(Perm.PERSON_VIEW):
        person_ids = set(visible(Person.objects.filter(holdings__right=right), user).values_list("pk", flat=True))
    holders = []
    for holder in right.holders.select_related("entity", "person").order_by("pk"):
        if holder.entity_id:
            holders.append({"holder": holder, "name": holder.entity.name, "code": holder.entity.uscc,
                            "url": holder.entity.get_absolute_url() if holder.entity_id in entity_ids else None})
        else:
            holders.append({"holder": holder, "name": masking.name(holder.person.name),
                            "code": masking.id_number(holder.person.id_number),
                            "url": holder.person.get_absolute_url() if holder.person_id in person_ids else None})
    gi_users = []
    if right.kind == RightKind.GI:
        for auth in right.gi_users.select_related("entity").order_by("entity__name"):
            edit = None
            if can_change:
                edit = gi_edit_form if gi_edit_form is not None and gi_edit_form.authorization.pk == auth.pk \
                    else forms.GIUserEditForm(authorization=auth)
            gi_users.append({"auth": auth, "edit": edit, "url": auth.entity.get_absolute_url() if visible(
                MarketEntity.objects.filter(pk=auth.entity_id), user).exists() else None})
    if can_change:
        holder_form = holder_form or forms.HolderForm(right=right, user=user)
        if right.kind == RightKind.GI:
            gi_form = gi_form or forms.GIUserForm(right=right, user=user)
    return {"right": right, "holders": holders, "gi_users": gi_users, "can_change": can_change,
            "holder_form": holder_form, "gi_form": gi_form, "is_gi": right.kind == RightKind.GI}


@needs(Perm.REGISTRY_VIEW, Perm.REGISTRY_CHANGE)
@require_http_methods(["GET", "POST"])
def right_create(request):
    def add_first_holder(right):
        entity = form.cleaned_data.get("first_holder")
        if entity is not None:
            holder = RightHolder(right=right, entity=entity)
            holder.full_clean()
            holder.save()

    form = forms.RightForm(request.POST or None, instance=IPRight(), user=request.user)
    if request.method == "POST" and form.is_valid() and save_form(request, form, after=add_first_holder):
        messages.success(request, _("“%(name)s” was saved.") % {"name": form.instance})
        return redirect(form.instance.get_absolute_url())
    return render(request, "registry/form.html", {"form": form, "record": None,
                                                  "model_name": IPRight._meta.verbose_name,
                                                  "cancel_url": reverse("registry:right_list")})


@needs(Perm.REGISTRY_VIEW, Perm.REGISTRY_CHANGE)
@require_http_methods(["GET", "POST"])
def right_edit(request, pk):
    return _edit(request, forms.RightForm, IPRight.objects.all(), pk, "registry/form.html")


@needs(Perm.REGISTRY_VIEW, Perm.REGISTRY_CHANGE)
@require_POST
def holder_add(request, pk):
    right = in_scope(IPRight.objects.all(), request.user, pk)
    form = forms.HolderForm(request.POST, right=right, user=request.user)
    if form.is_valid():
        try:
            services.save_record(form.cleaned_data["holder"])
        except ValidationError as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The holder was added."))
            return redirect(right.get_absolute_url())
    return render(request, "registry/right_detail.html", _right_context(request, right, holder_form=form),
                  status=422)


@needs(Perm.REGISTRY_VIEW, Perm.REGISTRY_CHANGE)
@require_POST
def holder_remove(request, pk, holder_pk):
    right = in_scope(IPRight.objects.all(), request.user, pk)
    holder = right.holders.filter(pk=holder_pk).first()
    if holder is None:
        raise Http404(_("No such record in your data scope."))
    holder.delete()
    messages.success(request, _("The holder was removed."))
    return redirect(right.get_absolute_url())


@needs(Perm.REGISTRY_VIEW, Perm.REGISTRY_CHANGE)
@require_POST
def gi_user_add(request, pk):
    right = in_scope(IPRight.objects.all(), request.user, pk)
    if right.kind != RightKind.GI:
        messages.error(request, _("Only geographical indications have authorized users."))
        return redirect(right.get_absolute_url())
    form = forms.GIUserForm(request.POST, right=right, user=request.user)
    if form.is_valid():
        try:
            services.save_record(form.cleaned_data["authorization"])
        except ValidationError as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The authorized user was added."))
            return redirect(right.get_absolute_url())
    return render(request, "registry/right_detail.html", _right_context(request, right, gi_form=form),
                  status=422)


@needs(Perm.REGISTRY_VIEW, Perm.REGISTRY_CHANGE)
@require_POST
def gi_user_edit(request, pk, auth_pk):
    right = in_scope(IPRight.objects.all(), request.user, pk)
    auth = right.gi_users.filter(pk=auth_pk).select_related("entity").first()
    if auth is None:
        raise Http404(_("No such record in your data scope."))
    form = forms.GIUserEditForm(request.POST, authorization=auth)
    if form.is_valid():
        try:
            services.save_record(form.apply())
        except ValidationError as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The authorization was changed."))
            return redirect(right.get_absolute_url())
    return render(request, "registry/right_detail.html", _right_context(request, right, gi_edit_form=form),
                  status=422)


@needs(Perm.REGISTRY_VIEW, Perm.REGISTRY_CHANGE)
@require_POST
def gi_user_remove(request, pk, auth_pk):
    right = in_scope(IPRight.objects.all(), request.user, pk)
    auth = right.gi_users.filter(pk=auth_pk).first()
    if auth is None:
        raise Http404(_("No such record in your data scope."))
    auth.delete()
    messages.success(request, _("The authorized user was removed."))
    return redirect(right.get_absolute_url())


# -- persons -------------------------------------------------------------------------------------

def _person_page(request, person, full: bool):
    user = request.user
    shown = {f: getattr(person, f) for f in Person.PERSONAL_FIELDS} if full else masking.person(person)
    holdings = (RightHolder.objects.filter(person=person, right__in=visible(IPRight.objects.all(), user))
                .select_related("right").order_by("right__kind", "right__number"))
    response = render(request, "registry/person_detail.html", {
        "person": person, "shown": shown, "full": full, "holdings": holdings,
        "birth_date": person.birth_date if full else None,
        "can_view_full": user.has_perm(Perm.PERSON_VIEW_FULL),
        "can_change": user.has_perm(Perm.REGISTRY_CHANGE) and user.has_perm(Perm.PERSON_VIEW_FULL),
    })
    if full:
        add_never_cache_headers(response)  # full personal data must not stay in a cache
    return response


@needs(Perm.PERSON_VIEW)
@require_GET
def person_detail(request, pk):
    person = in_scope(Person.objects.select_related("district", "org"), request.user, pk)
    return _person_page(request, person, full=False)


@needs(Perm.PERSON_VIEW, Perm.PERSON_VIEW_FULL)
@require_POST
def person_full(request, pk):
    """Show a person's full personal data; every such view is logged (audit.personal)."""
    person = in_scope(Person.objects.select_related("district", "org"), request.user, pk)
    log_full_view(request.user, [person], "page")
    return _person_page(request, person, full=True)


@needs(Perm.PERSON_VIEW, Perm.PERSON_VIEW_FULL, Perm.REGISTRY_CHANGE)
@require_http_methods(["GET", "POST"])
def person_create(request):
    return _edit(request, forms.PersonForm, Person.objects.all(), None, "registry/form.html")


@needs(Perm.PERSON_VIEW, Perm.PERSON_VIEW_FULL, Perm.REGISTRY_CHANGE)
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    """The form shows the person's data in full, so opening it is a logged full view."""
    person = in_scope(Person.objects.all(), request.user, pk)
    if request.method == "GET":
        log_full_view(request.user, [person], "page")
    response = _edit(request, forms.PersonForm, Person.objects.all(), pk, "registry/form.html")
    add_never_cache_headers(response)
    return response


# -- organizations -------------------------------------------------------------------------------

@needs(Perm.REGISTRY_VIEW)
@require_GET
def organization_detail(request, pk):
    user = request.user
    org = in_scope(Organization.objects.select_related("district", "parent"), user, pk)
    children = visible(org.children.all(), user).select_related("district").order_by("name")
    parent_visible = org.parent_id and visible(Organization.objects.filter(pk=org.parent_id), user).exists()
    entities = visible(MarketEntity.objects.filter(org=org), user)
    rights = visible(IPRight.objects.filter(org=org), user)
    return render(request, "registry/organization_detail.html", {
        "org": org, "children": children, "parent_visible": parent_visible,
        "entity_count": entities.count(), "right_count": rights.count(),
        "can_change": user.has_perm(Perm.REGISTRY_CHANGE),
    })


@needs(Perm.REGISTRY_VIEW, Perm.REGISTRY_CHANGE)
@require_http_methods(["GET", "POST"])
def organization_create(request):
    return _edit(request, forms.OrganizationForm, Organization.objects.all(), None, "registry/form.html")


@needs(Perm.REGISTRY_VIEW, Perm.REGISTRY_CHANGE)
@require_http_methods(["GET", "POST"])
def organization_edit(request, pk):
    return _edit(request, forms.OrganizationForm, Organization.objects.all(), pk, "registry/form.html")
