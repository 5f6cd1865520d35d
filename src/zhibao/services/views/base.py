"""What every service page shares: access checks, scope, and one way to save a form."""
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhibao.accounts.scope import visible
from zhibao.core.lists import ListPage
from zhibao.registry.services import StaleVersion

from ..common import restore_version
from ..permissions import ServicePerm


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
    """The record if the user may see it; 404 otherwise (the page does not tell it exists)."""
    record = visible(queryset, user).filter(pk=pk).first()
    if record is None:
        raise Http404(_("No such record in your data scope."))
    return record


def may_see(record, user) -> bool:
    return record is not None and visible(type(record)._default_manager.filter(pk=record.pk), user).exists()


def put_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def errors_text(form) -> str:
    """A form's errors in one line, each after its field's label (for a message)."""
    parts = []
    for key, errors in form.errors.items():
        label = form.fields[key].label if key in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return "; ".join(parts)


class OutsideScope(Exception):
    pass


def save_form(request, form, save, check_scope: bool = True) -> bool:
    """Run `save(form)` (a rule function that saves form.instance) all or nothing: a
    validation error, a stale version, or a record that would fall outside the user's data
    scope is reported on the form and nothing is saved. Returns True when saved."""
    record = form.instance
    creating = record.pk is None
    try:
        with transaction.atomic():
            save(form)
            if check_scope and getattr(type(record), "scope_paths", None) and not may_see(record, request.user):
                raise OutsideScope
    except StaleVersion as exc:
        form.add_error(None, str(exc))
    except ValidationError as exc:
        put_errors(form, exc)
    except OutsideScope:
        form.add_error(None, _("You may only create or change records within your data scope; this %(thing)s "
                               "would be outside it. Nothing was saved.") % {"thing": type(record)._meta.verbose_name})
    else:
        return True
    if creating:
        record.pk = None
    restore_version(record)
    return False


def edit_page(request, form, save, *, title, cancel_url, template="services/form.html", extra=None,
              success=None, check_scope=True):
    """GET shows the form; a valid POST saves through `save` and goes to the record's page.
    `check_scope=False` where the rule function decides who may write (an expert's opinion)."""
    if request.method == "POST" and form.is_valid() and save_form(request, form, save, check_scope):
        messages.success(request, success or _("“%(name)s” was saved.") % {"name": form.instance})
        return redirect(form.instance.get_absolute_url())
    return render(request, template, {"form": form, "title": title, "cancel_url": cancel_url, **(extra or {})})


# The pages of each part of the service network, shown as tabs above its lists:
# (url name, label, permission).
SECTIONS = {
    "stations": (("services:workstation_list", gettext_lazy("Workstations"), ServicePerm.VIEW),
                 ("services:record_list", gettext_lazy("Service records"), ServicePerm.VIEW),
                 ("services:own_satisfaction", gettext_lazy("How our work is rated"), ServicePerm.VIEW),
                 ("services:survey_list", gettext_lazy("Satisfaction surveys"), ServicePerm.SURVEYS)),
    "experts": (("services:expert_list", gettext_lazy("Expert pool"), ServicePerm.EXPERTS_VIEW),
                ("services:draw_list", gettext_lazy("Expert draws"), ServicePerm.EXPERTS_VIEW),
                ("services:my_assignments", gettext_lazy("My cases as an expert"), ServicePerm.OPINION)),
    "preexam": (("services:filing_list", gettext_lazy("Pre-examination filing entities"), ServicePerm.VIEW),
                ("services:preexam_list", gettext_lazy("Pre-examination requests"), ServicePerm.VIEW),
                ("services:centre_list", gettext_lazy("Protection centres: filing rules"), ServicePerm.PREEXAM)),
    "lists": (("services:entry_list", gettext_lazy("Protection lists"), ServicePerm.VIEW),
              ("services:batch_list", gettext_lazy("List batches"), ServicePerm.VIEW),
              ("services:action_list", gettext_lazy("Special actions"), ServicePerm.VIEW),
              ("services:product_list", gettext_lazy("Product descriptions shared with us"), None)),
}


def section_links(request, section: str | None) -> list[dict]:
    if not section:
        return []
    links = []
    for name, label, perm in SECTIONS[section]:
        if perm is None or request.user.has_perm(perm):
            href = reverse(name)
            links.append({"href": href, "label": label, "current": request.path == href})
    return links if len(links) > 1 else []


class ServiceList(ListPage):
    """The list pages of the services app: view and export permissions of the app, and the
    tabs of the part of the service network the page belongs to (`section`)."""

    perm = ServicePerm.VIEW
    export_perm = ServicePerm.EXPORT
    template_name = "services/list.html"
    section: str | None = None

    def extra_context(self) -> dict:
        return {"sections": section_links(self.request, self.section)}

