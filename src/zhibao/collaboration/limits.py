"""Collaboration time limits: the amount in force on a day, and the due date it gives.

The amounts are data with history (`CollaborationLimit` rows; officials add a row with a later
`effective_from` when the rule changes). Where no row is in force, the declared default below
applies. Due dates are counted by `zhibao.calendar.limits` and may be provisional (a year whose
holiday schedule is not official yet).
"""
import datetime
from dataclasses import dataclass

from zhibao.calendar.limits import Rule, Unit, compute_deadline

from .models import CollaborationLimit, LimitCode


@dataclass(frozen=True)
class Declared:
    unit: str
    amount: int
    effective_from: datetime.date
    source: str
    tag: str


DECLARED = {
    LimitCode.ACKNOWLEDGEMENT: Declared(
        Unit.WORKING_DAYS.value, 3, datetime.date(2020, 1, 1),
        "Platform rule for the receipt (回执) of a transfer; cf. 《行政执法机关移送涉嫌犯罪案件的规定》"
        "(国务院令第310号, rev. 2020) Arts. 8–9: receipt signed on transfer, review within 3 days", "M"),
    LimitCode.ASSISTANCE_REPLY: Declared(
        Unit.WORKING_DAYS.value, 15, datetime.date(2020, 1, 1),
        "Request to assist an investigation (协助调查): 15 working days, extendable (SAMR procedure flowchart)",
        "V-sec"),
}


def in_force(code: str, on: datetime.date) -> dict:
    """The rule of `code` in force on `on`, as the snapshot a record keeps."""
    row = CollaborationLimit.objects.filter(code=code, effective_from__lte=on).order_by("-effective_from").first()
    if row is None:
        d = DECLARED[LimitCode(code)]
        return {"unit": d.unit, "n": d.amount, "source": d.source, "tag": d.tag, "rule_id": None}
    return {"unit": row.unit, "n": row.amount, "source": row.source, "tag": row.tag, "rule_id": row.pk}


def due(code: str, start: datetime.date) -> tuple[datetime.date, bool, dict]:
    """(due date, provisional, rule snapshot) of a period of `code` starting on `start`."""
    rule = in_force(code, start)
    deadline = compute_deadline(start, Rule(Unit(rule["unit"]), rule["n"]))
    return deadline.date, deadline.provisional, rule

