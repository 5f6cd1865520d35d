"""Reading what people type (a date, a count, a period, a pause) into the calculator.

The API, the page and the `deadline` command all go through these functions, so a bad
input gets the same clear, translated message wherever it is typed. Each error names the
field it is about (`InputError.field`), using the caller's own name for it.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import workdays
from .limits import MAX_COUNT, Rule, Unit

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PAUSE = re.compile(r"^\s*(\S+?)\s*(?:/|\.\.|~|～|\s)\s*(\S+)\s*$")


class InputError(ValueError):
    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class DeadlineRequest:
    start: datetime.date
    rule: Rule
    pauses: tuple[tuple[datetime.date, datetime.date], ...] = ()


def parse_date(value: str | None, field: str = "start") -> datetime.date:
    """A date written YYYY-MM-DD within the calendar's years."""
    text = (value or "").strip()
    if not text:
        raise InputError(field, _("Enter a date as YYYY-MM-DD, for example 2026-09-28."))
    day = None
    if _DATE.match(text):
        try:
            day = datetime.date.fromisoformat(text)
        except ValueError:
            day = None
    if day is None:
        raise InputError(field, _("“%(value)s” is not a date; write it as YYYY-MM-DD, for example 2026-09-28.")
                         % {"value": text[:40]})
    check_year(day, field)
    return day


def check_year(day: datetime.date, field: str) -> None:
    if not workdays.MIN_YEAR <= day.year <= workdays.MAX_YEAR:
        raise InputError(field, _("%(date)s is outside the years the calendar covers (%(min)d–%(max)d).")
                         % {"date": day.isoformat(), "min": workdays.MIN_YEAR, "max": workdays.MAX_YEAR})


def parse_count(value, field: str) -> int:
    """A whole number from 1 to MAX_COUNT."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value or "").strip()
        if not re.fullmatch(r"[+-]?\d{1,9}", text):
            raise InputError(field, _("“%(value)s” is not a whole number.") % {"value": text[:40]})
        number = int(text)
    if number < 1:
        raise InputError(field, _("The number of days or months must be at least 1 (got %(n)d).") % {"n": number})
    if number > MAX_COUNT:
        raise InputError(field, _("The number of days or months must be at most %(max)d (got %(n)d).")
                         % {"max": MAX_COUNT, "n": number})
    return number


def parse_rule(values: dict[Unit, object], names: dict[Unit, str]) -> Rule:
    """Exactly one of the units must be given. `names` are the caller's names for each unit
    (working_days / --working-days / ...), used in the message when none or several are given."""
    given = [unit for unit, value in values.items() if value is not None and str(value).strip() != ""]
    if len(given) != 1:
        a, b, c = (names[u] for u in (Unit.WORKING_DAYS, Unit.DAYS, Unit.MONTHS))
        if not given:
            message = _("Give the period: one of %(a)s, %(b)s or %(c)s.") % {"a": a, "b": b, "c": c}
        else:
            message = _("Give only one of %(a)s, %(b)s or %(c)s (got %(given)s).") % {
                "a": a, "b": b, "c": c, "given": " + ".join(names[u] for u in given)}
        raise InputError("rule", message)
    unit = given[0]
    return Rule(unit, parse_count(values[unit], names[unit]))


def parse_pause(value: str, field: str = "pause") -> tuple[datetime.date, datetime.date]:
    """A paused interval written FIRST/LAST (both days included)."""
    m = _PAUSE.match(value or "")
    if not m:
        raise InputError(field, _("“%(value)s” is not a pause; write the first and last paused day as "
                                  "FIRST/LAST, for example 2026-10-12/2026-10-16.") % {"value": (value or "")[:60]})
    first, last = parse_date(m.group(1), field), parse_date(m.group(2), field)
    if last < first:
        raise InputError(field, _("A pause cannot end (%(last)s) before it starts (%(first)s).")
                         % {"first": first.isoformat(), "last": last.isoformat()})
    return first, last


def range_message() -> str:
    return _("The deadline would fall after %(max)d, beyond the years the calendar covers.") % {
        "max": workdays.MAX_YEAR}
