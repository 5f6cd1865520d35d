"""Who may see and change a case from the pages: the same rules as the engine and the API."""
from django.http import Http404
from django.utils.translation import gettext as _

from zhibao.accounts.scope import visible
from zhibao.registry.views import needs  # noqa: F401 - the one sign-in-and-permission decorator

from ..models import Case
from ..permissions import CasesPerm


def case_or_404(user, pk) -> Case:
    """The case if the user may see it; 404 otherwise (the page does not tell that it exists)."""
    case = (visible(Case.objects.select_related("handling_org", "district", "origin"), user)
            .filter(pk=pk).first())
    if case is None:
        raise Http404(_("No such case in your data scope."))
    return case


def may_change(case: Case, user) -> bool:
    """Whether to offer the forms that change the case; the engine decides in the end."""
    if not user.has_perm(CasesPerm.HANDLE) or case.closed_on is not None:
        return False
    return user.is_superuser or any(user.role in t.roles for t in case.spec.transitions)
