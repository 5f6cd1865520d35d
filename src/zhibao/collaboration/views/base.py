"""What the collaboration pages share: access checks, the section tabs, the list base, errors onto forms."""
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhibao.accounts.scope import visible
from zhibao.cases.models import Case
from zhibao.core.lists import ListPage

from ..common import Refused
from ..permissions import CollaborationPerm as P

SECTIONS = (("collaboration:transfer_list", gettext_lazy("Transfers")),
            ("collaboration:assistance_list", gettext_lazy("Requests for assistance")),
            ("collaboration:operation_list", gettext_lazy("Joint operations")),
            ("collaboration:meeting_list", gettext_lazy("Joint meetings")))


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
    record = visible(queryset, user).filter(pk=pk).first()
    if record is None:
        raise Http404(_("No such record in your data scope."))
    return record


def section_links(request) -> list[dict]:
    return [{"href": reverse(name), "label": label, "current": request.path == reverse(name)}
            for name, label in SECTIONS]


class CollabList(ListPage):
    perm = P.VIEW
    export_perm = P.VIEW
    template_name = "collaboration/list.html"

    def extra_context(self) -> dict:
        return {"sections": section_links(self.request)}


def put_errors(form, exc: Refused) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def report(request, exc: Refused) -> None:
    """A refusal of an action posted from a detail page, as one message."""
    messages.error(request, " ".join(exc.messages))


def find_case(user, value):
    """A case in the user's scope by number or id (None when there is none)."""
    cases = visible(Case.objects.all(), user)
    value = (value or "").strip()
    found = cases.filter(number=value).first() if value else None
    if found is None and value.lstrip("#").isdigit():
        found = cases.filter(pk=int(value.lstrip("#"))).first()
    return found
