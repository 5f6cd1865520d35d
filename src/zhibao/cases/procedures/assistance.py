"""Rights-protection assistance requests (维权援助): consultation, guidance, help with evidence,
referral (domain-rules.md 7; the 12330 service scope [V-sec]). No statutory time limit applies."""
from django.utils.translation import gettext_lazy as _

from zhibao.accounts.roles import Role

from .base import Numbering, Procedure, Source, Stage, Tag, Transition
from .common import REASON, RECEIVER, RESULT

STAFF = (Role.CENTRE_OFFICER, Role.WORKSTATION, Role.IP_OFFICER)

PROCEDURE = Procedure(
    code="assistance",
    label=_("Rights-protection assistance"),
    description=_("Requests for rights-protection assistance from enterprises and right holders."),
    numbering=Numbering("西知援", source=Source("Numbering of the assistance centre (local practice)", Tag.M)),
    kinds=(("consultation", _("Consultation")), ("guidance", _("Guidance on complaints and procedures")),
           ("evidence", _("Help with evidence")), ("referral", _("Referral"))),
    sources=(Source("12330 rights-protection assistance service scope (CNIPA)", Tag.V_SEC,
                    "https://kjj.xinxiang.gov.cn/news/27_314"),),
    stages=(
        Stage("received", _("Request received")),
        Stage("handling", _("Being handled")),
        Stage("closed", _("Closed"), terminal=True),
    ),
    outcomes=(("served", _("Assistance given")), ("referred", _("Referred")), ("declined", _("Declined"))),
    transitions=(
        Transition("open", _("Receive the request"), (), "received", STAFF + (Role.ENTERPRISE,)),
        Transition("take_up", _("Take up the request"), ("received",), "handling", STAFF, files=True),
        Transition("decline", _("Decline"), ("received",), "closed", STAFF, fields=(REASON,), outcome="declined"),
        Transition("refer", _("Refer to another body"), ("handling",), "closed", STAFF, fields=(RECEIVER, REASON),
                   outcome="referred"),
        Transition("complete", _("Complete"), ("handling",), "closed", STAFF, fields=(RESULT,), outcome="served"),
    ),
)
