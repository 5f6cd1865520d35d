"""Calendar API under /api/v1/calendar/: the deadline calculator and single-day look-ups.

Open to every signed-in user (browser session or `Authorization: Bearer <token>`), through
the shared API authentication. Bad input answers 422 in the shared error format, with a
translated message per field: `{"detail": "...", "errors": {"start": ["..."]}}`.
"""
from __future__ import annotations

import datetime

from ninja import Query, Router, Schema
from ninja.errors import ValidationError

from zhibao.api.auth import AUTH

from . import inputs, workdays
from .limits import Unit, compute_deadline, provisional_message
from .workdays import CalendarRangeError

API_PREFIX = "/calendar"

_PARAM_NAMES = {Unit.WORKING_DAYS: "working_days", Unit.DAYS: "days", Unit.MONTHS: "months"}


router = Router(tags=["calendar"], auth=AUTH)


class DeadlineOut(Schema):
    start: datetime.date
    rule: str
    n: int
    rule_label: str
    deadline: datetime.date
    nominal: datetime.date
    provisional: bool
    provisional_years: list[int]
    provisional_reason: str | None
    pauses: list[list[datetime.date]]
    explanation: list[str]


class DayOut(Schema):
    date: datetime.date
    working_day: bool
    provisional: bool
    source: str
    kind: str
    name: str
    weekday: int


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError([{"type": "value_error", "loc": ["query", field], "msg": message}])


@router.get("/deadline", response=DeadlineOut, summary="Compute a statutory deadline")
def deadline(request, start: str = None, working_days: str = None, days: str = None, months: str = None,
             pause: list[str] = Query(None)):
    """The last day of a period from `start` (not counted): give exactly one of `working_days`,
    `days` (calendar days) or `months`. Optional `pause=FIRST/LAST` (repeatable) excludes
    paused intervals. `provisional` is true when a year without an official holiday schedule
    was consulted; the result is then recomputed once the schedule is entered."""
    try:
        start_date = inputs.parse_date(start, "start")
        rule = inputs.parse_rule({Unit.WORKING_DAYS: working_days, Unit.DAYS: days, Unit.MONTHS: months},
                                 _PARAM_NAMES)
        pauses = [inputs.parse_pause(p, "pause") for p in (pause or [])]
    except inputs.InputError as exc:
        raise _invalid(exc.field, exc.message) from None
    try:
        result = compute_deadline(start_date, rule, pauses)
    except CalendarRangeError:
        raise _invalid(_PARAM_NAMES[rule.unit], inputs.range_message()) from None
    return {
        "start": result.start,
        "rule": rule.unit.value,
        "n": rule.n,
        "rule_label": rule.label(),
        "deadline": result.date,
        "nominal": result.nominal,
        "provisional": result.provisional,
        "provisional_years": list(result.provisional_years),
        "provisional_reason": provisional_message(result.provisional_years) if result.provisional else None,
        "pauses": [[a, b] for a, b in result.pauses],
        "explanation": result.explanation,
    }


@router.get("/day", response=DayOut, summary="Is a date a working day?")
def day(request, date: str = None):
    """Whether `date` is a working day, whether that is provisional, and where the answer comes
    from: `entered` (an administrator's schedule), `chinesecalendar`, or `statutory` (fallback)."""
    try:
        when = inputs.parse_date(date, "date")
    except inputs.InputError as exc:
        raise _invalid(exc.field, exc.message) from None
    info = workdays.day_info(when)
    return {
        "date": info.date, "working_day": info.working, "provisional": info.provisional,
        "source": info.source.value, "kind": info.kind.value, "name": info.name, "weekday": when.isoweekday(),
    }
