"""What a viewer who does not handle cases sees of a case: in practice an enterprise user, on a
case its enterprise is a party to (its scope).

A party follows its case: its number, procedure, stage, dates, time limits and the steps taken.
It does not see internal notes, the data officers recorded with a step, officers' names, who
recorded what, other parties' personal data or notes, the sections meant for staff (products,
places, officers, related cases, other apps' sections), nor the case's internal summary or the
case it arose from.

This module is the one place that decides it: the case page asks `restricted(user)` and passes
what it shows through `step`/`party`; the API should do the same for its case and timeline
answers (`restricted`, `steps_taken`, `step`, `party`, `HIDDEN`).
"""
from . import engine
from .models import EventKind
from .permissions import CasesPerm

#: Parts of the case page a party does not see: the case's internal summary and the case it arose
#: from, its officers, products and places, related cases and the sections of other apps.
HIDDEN = frozenset({"summary", "origin", "officers", "products", "places", "related", "panels"})
#: What of a timeline entry a party sees: when, which step, the stage change and what it did to
#: the time limits; not the step's data, its note or who recorded it.
STEP_FIELDS = ("seq", "at", "label", "from_stage", "to_stage", "effects")
#: What of a party a party sees: not the note officers wrote about it.
PARTY_FIELDS = ("role", "name", "code", "masked", "url", "no_prc_domicile")


def restricted(user) -> bool:
    """Whether the viewer sees the party's view of a case (does not handle cases)."""
    return not user.has_perm(CasesPerm.HANDLE)


def steps_taken(case) -> list:
    """The procedural steps taken, in order; not the records (parties, documents, officers)."""
    return [e for e in engine.timeline(case) if e.kind == EventKind.STEP]


def step(row: dict) -> dict:
    """A timeline row (cases.views.display.event_row) cut to what a party sees."""
    return {k: row[k] for k in STEP_FIELDS}


def party(row: dict) -> dict:
    """A party row (display.party_row, never in full) cut to what a party sees."""
    return {k: row[k] for k in PARTY_FIELDS}
