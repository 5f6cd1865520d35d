"""The case page's section on transfers, requests for assistance, operations and meetings of the case."""
from zhibao.accounts.scope import visible

from . import transfers
from .common import today
from .models import AssistanceRequest, Meeting, Operation, Transfer
from .permissions import CollaborationPerm as P


def panel_context(case, request) -> dict:
    user = request.user
    may_transfer = user.has_perm(P.TRANSFER) and user.organization_id is not None
    return {
        "collab_transfers": visible(Transfer.objects.filter(case=case), user).select_related("sender", "receiver"),
        "collab_requests": visible(AssistanceRequest.objects.filter(case=case), user).select_related("addressee"),
        "collab_operations": visible(Operation.objects.filter(cases=case), user),
        "collab_meetings": visible(Meeting.objects.filter(cases=case), user),
        "collab_today": today(),
        "collab_may_transfer": may_transfer,
        "collab_open_step": transfers.untransferred_step(case) if may_transfer else None,
    }
