"""Joint enforcement operations and joint meetings: save them, group cases in them, track decisions.

The lead body of an operation is always one of its participants, and the convener of a meeting
one of its attendees (the data scope follows participants and attendees); the body of the user
who records one must take part, so that they can see what they saved.
"""
import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from zhibao.accounts.scope import can_see

from .common import Refused, check_date, need_text, own_body, raise_if, require
from .models import AgendaItem, Decision, Meeting, Operation
from .permissions import CollaborationPerm as P


def _must_take_part(user, bodies) -> dict:
    if user.is_superuser:
        return {}
    mine = own_body(user)
    if mine.pk not in {b.pk for b in bodies}:
        return {"participants": [_("Your body (%(body)s) must take part in what you record.") % {"body": mine}]}
    return {}


def save_operation(user, op: Operation, participants) -> Operation:
    require(user, P.OPERATIONS)
    errors = need_text(op.name, "name", _("The name"))
    if not op.lead_id:
        errors["lead"] = [_("Choose the lead body.")]
    if not isinstance(op.starts_on, datetime.date) or not isinstance(op.ends_on, datetime.date):
        errors["ends_on"] = [_("Enter the first and last day.")]
    elif op.ends_on < op.starts_on:
        errors["ends_on"] = [_("The operation cannot end before it starts.")]
    bodies = list(participants) + ([op.lead] if op.lead_id else [])
    if not errors:
        errors |= _must_take_part(user, bodies)
    raise_if(errors)
    with transaction.atomic():
        if op.pk is None:
            op.created_by = user
        op.save()
        op.participants.set({b.pk for b in bodies})
    return op


def add_case(op: Operation, user, case) -> None:
    require(user, P.OPERATIONS)
    if case is None or not can_see(case, user):
        raise Refused({"case": [_("There is no such case in your data scope.")]})
    op.cases.add(case)


def remove_case(op: Operation, user, case) -> None:
    require(user, P.OPERATIONS)
    op.cases.remove(case)


def save_meeting(user, meeting: Meeting, attendees) -> Meeting:
    require(user, P.OPERATIONS)
    errors = need_text(meeting.title, "title", _("The title"))
    if not meeting.convener_id:
        errors["convener"] = [_("Choose the convening body.")]
    if not isinstance(meeting.held_on, datetime.date):
        errors["held_on"] = [_("Enter a date.")]
    else:
        meeting.year = meeting.year or meeting.held_on.year
        meeting.quarter = meeting.quarter or (meeting.held_on.month - 1) // 3 + 1
        if meeting.quarter not in (1, 2, 3, 4):
            errors["quarter"] = [_("The quarter is 1, 2, 3 or 4.")]
    bodies = list(attendees) + ([meeting.convener] if meeting.convener_id else [])
    if not errors:
        errors |= _must_take_part(user, bodies)
    raise_if(errors)
    with transaction.atomic():
        if meeting.pk is None:
            meeting.created_by = user
        meeting.save()
        meeting.attendees.set({b.pk for b in bodies})
    return meeting


def add_agenda_item(meeting: Meeting, user, *, title: str, notes: str = "") -> AgendaItem:
    require(user, P.OPERATIONS)
    raise_if(need_text(title, "title", _("The agenda item")))
    return AgendaItem.objects.create(meeting=meeting, title=title.strip()[:300], notes=(notes or "").strip())


def add_decision(meeting: Meeting, user, *, text: str, owner, due_on) -> Decision:
    """A decision of the meeting; its responsible body must be one of the attending bodies."""
    require(user, P.OPERATIONS)
    errors = need_text(text, "text", _("The decision"))
    if owner is None or not meeting.attendees.filter(pk=owner.pk).exists():
        errors["owner"] = [_("The responsible body must be one of the attending bodies.")]
    if not isinstance(due_on, datetime.date):
        errors["due_on"] = [_("Enter a date.")]
    elif due_on < meeting.held_on:
        errors["due_on"] = [_("A decision cannot be due before the meeting.")]
    raise_if(errors)
    return Decision.objects.create(meeting=meeting, text=text.strip()[:500], owner=owner, due_on=due_on)


def mark_done(decision: Decision, user, *, on) -> Decision:
    require(user, P.OPERATIONS)
    raise_if(check_date(on, "on", not_before=decision.meeting.held_on, before_label=_("the meeting")))
    decision.done_on = on
    decision.save()
    return decision


def add_meeting_case(meeting: Meeting, user, case) -> None:
    require(user, P.OPERATIONS)
    if case is None or not can_see(case, user):
        raise Refused({"case": [_("There is no such case in your data scope.")]})
    meeting.cases.add(case)
