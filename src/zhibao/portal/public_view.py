"""What the public may see of a case it follows: built from a short allow-list, never from the
case itself in a template, so that officers, notes, parties, evidence and internal steps
(routing, pauses, extensions) cannot leak by accident.

    view = public_view.of(case)   # received_on, stage, steps [(date, label)], outcome, reply, follow_ups
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhibao.cases.models import Case, EventKind

#: The stage as the public reads it, per procedure.
STAGES = {
    "report": {"received": _("Being checked"), "informing": _("Decided; replying to the reporter"),
               "closed": pgettext_lazy("portal", "Closed")},
    "complaint": {"received": _("Being examined for acceptance"), "handling": _("Accepted and being handled"),
                  "closed": pgettext_lazy("portal", "Closed")},
}

#: The steps the public sees (with their dates); every other step stays internal.
STEPS = {
    "open": pgettext_lazy("portal", "Received"),
    "decide_file": _("Decided to file a case"),
    "decide_not_file": _("Decided not to file a case"),
    "transfer": _("Transferred to the competent body"),
    "inform_reporter": _("Reply sent to the reporter"),
    "accept": _("Complaint accepted"),
    "refuse": _("Complaint not accepted"),
    "refer_mediation": _("Referred to mediation"),
    "transfer_clue": _("Handed over for enforcement"),
    "close": pgettext_lazy("portal", "Closed"),
}


@dataclass
class FollowUp:
    """A case that arose from the followed one (the enforcement case a report led to)."""

    procedure: str
    state: str
    outcome: str
    closed_on: datetime.date | None


@dataclass
class PublicCase:
    number: str
    procedure: str
    received_on: datetime.date
    stage: str
    closed_on: datetime.date | None
    outcome: str
    reply: str
    steps: list[tuple[datetime.date, str]] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)


def _stage(case: Case) -> str:
    label = STAGES.get(case.procedure, {}).get(case.stage)
    if label is not None:
        return str(label)
    return str(pgettext_lazy("portal", "Closed")) if case.closed_on else str(_("In progress"))


def of(case: Case) -> PublicCase:
    steps = [(e.at, str(STEPS[e.code]))
             for e in case.events.filter(kind=EventKind.STEP, code__in=list(STEPS)).order_by("seq")]
    reply = getattr(case, "public_reply", None)
    follow_ups = [
        FollowUp(procedure=c.get_procedure_display(),
                 state=str(pgettext_lazy("portal", "Closed") if c.closed_on else _("In progress")),
                 outcome=c.get_outcome_display() if c.closed_on else "", closed_on=c.closed_on)
        for c in case.derived.order_by("pk")
    ]
    return PublicCase(
        number=case.number, procedure=case.get_procedure_display(), received_on=case.received_on,
        stage=_stage(case), closed_on=case.closed_on,
        outcome=case.get_outcome_display() if case.closed_on or case.outcome else "",
        reply=reply.text if reply is not None and case.closed_on else "",
        steps=steps, follow_ups=follow_ups,
    )
