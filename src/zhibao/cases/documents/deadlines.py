"""The dates a document states, from the case's clocks (cases/clocks.py), and whether each is provisional.

A date is provisional when it depends on a year whose holiday schedule is not published
(the calendar says so); the document then marks it （暂定）.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from zhibao.calendar import workdays
from zhibao.calendar.limits import compute_deadline

from .. import clocks, timelimits
from ..models import Case, Clock
from ..procedures.conditions import holds
from .catalogue import DeadlineSpec


@dataclass(frozen=True)
class Dated:
    key: str
    label: str
    date: datetime.date
    provisional: bool
    provisional_years: tuple[int, ...]
    source: str   # "clock" (the case's own time limit), "projected" (counted from the document date), "rule"


def _from_clock(case: Case, code: str, on: datetime.date) -> tuple[datetime.date, bool, tuple, str] | None:
    existing = case.clocks.filter(code=code).order_by("-pk").first()
    if existing is not None and existing.due_date is not None:
        due = clocks.compute(existing)
        return existing.due_date, existing.provisional, due.provisional_years, "clock"
    proc = case.spec
    spec = proc.clock(code)
    if spec.set_by:
        return None
    variant = next((v for v in spec.variants if holds(v.when, case, {})), None)
    rule = timelimits.resolve(proc, spec, variant.code if variant else "base", on, case.handling_org_id)
    due = clocks.compute(Clock(case=case, code=code, started_on=on, rule=rule))
    if due.date is None:
        return None
    return due.date, due.provisional, due.provisional_years, "projected"


def _hearing_notice_by(case: Case, hearing: datetime.date) -> tuple[datetime.date, bool, tuple, str] | None:
    """The last day to serve the notice: the notify step's `hearing_date` needs N working days between."""
    step = case.spec.transition("notify_hearing")
    field = step.field("hearing_date") if step else None
    if field is None or field.notice_before is None:
        return None
    day = clocks.soon_date(hearing, field.notice_before.n + 1)
    years = tuple(sorted({y for y in range(day.year, hearing.year + 1) if workdays.year_calendar(y).provisional}))
    return day, bool(years), years, "clock"


def compute(case: Case, spec: DeadlineSpec, on: datetime.date, inputs: dict) -> Dated | None:
    """The date `spec` names for `case`, for a document dated `on` (None if it does not apply)."""
    found = None
    if spec.hearing_notice:
        if inputs.get("hearing_date"):
            found = _hearing_notice_by(case, inputs["hearing_date"])
    else:
        code = next((c for c in spec.clocks if case.spec.clock(c) is not None), None)
        if code is not None:
            found = _from_clock(case, code, on)
        elif spec.rule is not None:
            result = compute_deadline(on, spec.rule, explain=False)
            found = result.date, result.provisional, result.provisional_years, "rule"
    if found is None:
        return None
    date, provisional, years, source = found
    return Dated(spec.key, str(spec.label), date, provisional, tuple(years), source)


def running(case: Case) -> list[Dated]:
    """The case's running time limits (for documents without deadlines of their own)."""
    out = []
    for clock in clocks.open_clocks(case).order_by("due_date", "pk"):
        if clock.due_date is None:
            continue
        due = clocks.compute(clock)
        out.append(Dated(clock.code, clock.label, clock.due_date, clock.provisional, due.provisional_years, "clock"))
    return out
