"""Statutory time limits: the last day of a period of N calendar days, N working days or N months.

The counting rules (docs/calendar.md has them with their sources):

- The start day is not counted; counting begins the next day
  (民法典 Art. 201; 民事诉讼法 Art. 85).
- N calendar days: the N-th day after the start day.
- N working days: the N-th working day after the start day; rest days and holidays are not
  counted, make-up working days (a Saturday or Sunday the State Council made a working
  day) are (行政处罚法 Art. 85 for 二日/三日/五日/七日; rules that say "N个工作日").
- N months: the day of the N-th following month with the start day's number; if that
  month has no such day, its last day (民法典 Art. 202). So 31 January + 1 month is
  28 (or 29) February, and 31 August + 1 month is 30 September.
- A calendar-day or month period whose last day is not a working day ends on the next
  working day (民法典 Art. 203; 民事诉讼法 Art. 85). A working-day period always ends on
  a working day.

Paused (excluded) intervals: many clocks do not run during suspension, hearings, public
notice, testing, inspection, appraisal, identification by the right holder, settlement
periods and so on. Pass them as `pauses`, a sequence of `(first, last)` date pairs; see
`compute_deadline` for exactly how they count.

The result is a `Deadline`: the date, whether it is provisional (some day consulted lies
in a year whose holiday schedule is not official yet, see `workdays`), the rule, and the
steps of the count, which pages, the API and documents show as the explanation.

Extensions (e.g. "+30 days with the head's approval") are a new period counted from the
end of the first one: `compute_deadline(first.date, Rule.days(30), ...)`. Which end
the law means (the nominal last day or the rolled-over one) is the case engine's call;
`Deadline.nominal` holds the former.
"""
from __future__ import annotations

import calendar as _pycalendar
import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Iterable, Sequence

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext, ngettext

from . import workdays
from .workdays import CalendarRangeError, DayKind

#: The largest count a rule accepts (ten years of days).
MAX_COUNT = 3650

Pause = tuple[datetime.date, datetime.date]


class Unit(StrEnum):
    DAYS = "days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


@dataclass(frozen=True)
class Rule:
    """A period: `n` units (1 <= n <= MAX_COUNT)."""

    unit: Unit
    n: int

    def __post_init__(self):
        object.__setattr__(self, "unit", Unit(self.unit))
        if isinstance(self.n, bool) or not isinstance(self.n, int):
            raise TypeError("n must be an int")
        if not 1 <= self.n <= MAX_COUNT:
            raise ValueError(f"n must be between 1 and {MAX_COUNT}")

    @classmethod
    def days(cls, n: int) -> Rule:
        return cls(Unit.DAYS, n)

    @classmethod
    def working_days(cls, n: int) -> Rule:
        return cls(Unit.WORKING_DAYS, n)

    @classmethod
    def months(cls, n: int) -> Rule:
        return cls(Unit.MONTHS, n)

    def label(self) -> str:
        """"5 working days", "30 calendar days", "3 months" in the active language."""
        if self.unit is Unit.WORKING_DAYS:
            return ngettext("%(n)d working day", "%(n)d working days", self.n) % {"n": self.n}
        if self.unit is Unit.DAYS:
            return ngettext("%(n)d calendar day", "%(n)d calendar days", self.n) % {"n": self.n}
        return ngettext("%(n)d month", "%(n)d months", self.n) % {"n": self.n}

    def __str__(self):
        return f"{self.n} {self.unit.value}"


class StepCode(StrEnum):
    START = "start"
    COUNT = "count"                  # the count itself: n units from first to last
    HOLIDAYS = "holidays"            # working-day rule: holidays in the period, not counted
    MAKEUP = "makeup"                # working-day rule: make-up working days, counted
    MONTH_SAME_DAY = "month_same_day"
    MONTH_LAST_DAY = "month_last_day"
    PAUSE = "pause"                  # a paused interval and what it added
    PAUSE_AT_END = "pause_at_end"    # the last day fell in a pause: moved past it
    ROLLOVER = "rollover"            # the last day was not a working day
    PROVISIONAL = "provisional"
    RESULT = "result"


@dataclass(frozen=True)
class Step:
    """One step of the count, kept as data; `str(step)` renders it in the active language."""

    code: StepCode
    first: datetime.date | None = None
    last: datetime.date | None = None
    count: int = 0
    names: tuple[str, ...] = ()        # holiday names (canonical English ones are translated)
    unit: Unit | None = None
    kind: str = ""                     # ROLLOVER: the DayKind of the day rolled over
    moved_to: datetime.date | None = None  # ROLLOVER, PAUSE_AT_END: the new last day

    def __str__(self) -> str:
        return render_step(self)


@dataclass(frozen=True)
class Deadline:
    start: datetime.date
    rule: Rule
    date: datetime.date
    provisional: bool
    provisional_years: tuple[int, ...]
    nominal: datetime.date          # the last day before any roll-over to a working day
    pauses: tuple[Pause, ...] = ()  # the pauses that moved the deadline (merged, clipped)
    steps: tuple[Step, ...] = field(default=(), compare=False)

    @property
    def explanation(self) -> list[str]:
        return [str(step) for step in self.steps]


# ---------------------------------------------------------------- helpers

def add_months(day: datetime.date, n: int) -> tuple[datetime.date, bool]:
    """The same day n months later, or that month's last day if it has none (then True)."""
    index = day.month - 1 + n
    year, month = day.year + index // 12, index % 12 + 1
    if year > workdays.MAX_YEAR:
        raise CalendarRangeError(year)
    last = _pycalendar.monthrange(year, month)[1]
    if day.day > last:
        return datetime.date(year, month, last), True
    return datetime.date(year, month, day.day), False


def normalize_pauses(pauses: Iterable[Sequence[datetime.date]], after: datetime.date) -> list[Pause]:
    """Sort and merge pauses, drop the days on or before `after` (they are never counted anyway).

    Both ends are inclusive. Overlapping or touching intervals are merged. A pause whose last
    day precedes its first is a ValueError.
    """
    cleaned: list[Pause] = []
    for pair in pauses:
        first, last = pair
        if last < first:
            raise ValueError(f"pause ends ({last}) before it starts ({first})")
        if last <= after:
            continue
        cleaned.append((max(first, after + datetime.timedelta(days=1)), last))
    cleaned.sort()
    merged: list[Pause] = []
    for first, last in cleaned:
        if merged and first.toordinal() <= merged[-1][1].toordinal() + 1:
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


def _spans(days: list[tuple[datetime.date, DayKind, str]], kind: DayKind,
           ) -> list[tuple[datetime.date, datetime.date, tuple[str, ...]]]:
    """Group consecutive days of one kind into (first, last, names) spans."""
    spans: list[list] = []
    for day, k, name in days:
        if k is not kind:
            continue
        if spans and (day - spans[-1][1]).days == 1:
            spans[-1][1] = day
            if name and name not in spans[-1][2]:
                spans[-1][2].append(name)
        else:
            spans.append([day, day, [name] if name else []])
    return [(a, b, tuple(names)) for a, b, names in spans]


# ---------------------------------------------------------------- the computation

def compute_deadline(start: datetime.date, rule: Rule, pauses: Iterable[Sequence[datetime.date]] = (),
                     *, explain: bool = True) -> Deadline:
    """The last day of the period `rule` that starts on (and does not count) `start`.

    Pauses: `(first, last)` pairs, both days inclusive, during which the clock does not run.
    Days on or before `start` are ignored; overlapping pauses are merged.

    - N calendar days: paused days are not counted, so each pause that begins before the
      count is done pushes the deadline back by its length in calendar days.
    - N working days: paused days are not counted, so a pause pushes the deadline back by
      the number of working days it covers (a pause over a holiday costs nothing).
    - N months: the months are counted as usual, then the deadline is pushed back by the
      length in calendar days of every pause that began on or before the (so far) last day.
      This is how "the time of suspension is not counted in the N months" is applied.

    Then, for calendar days and months, a last day that is not a working day moves to the
    next working day; and a deadline never falls inside a pause: if it would, it becomes
    the first working day after that pause.

    Raises CalendarRangeError if a day outside the calendar's years would be needed.
    """
    if not workdays.MIN_YEAR <= start.year <= workdays.MAX_YEAR:
        raise CalendarRangeError(start.year)
    workdays.refresh_if_stale()
    merged = normalize_pauses(pauses, start)
    steps: list[Step] = [Step(StepCode.START, start)] if explain else []
    used: list[tuple[Pause, int]] = []
    consulted: set[int] = set()
    one = datetime.timedelta(days=1)

    if rule.unit is Unit.DAYS:
        cursor, remaining = start.toordinal(), rule.n
        for first, last in merged:
            available = first.toordinal() - 1 - cursor
            if remaining <= available:
                break
            remaining -= available
            cursor = last.toordinal()
            used.append(((first, last), (last - first).days + 1))
        if cursor + remaining > datetime.date(workdays.MAX_YEAR, 12, 31).toordinal():
            raise CalendarRangeError(workdays.MAX_YEAR + 1)
        nominal = datetime.date.fromordinal(cursor + remaining)
        if explain:
            steps.append(Step(StepCode.COUNT, start + one, nominal, rule.n, unit=rule.unit))
    elif rule.unit is Unit.WORKING_DAYS:
        cursor, remaining = start, rule.n
        for first, last in merged:
            available = workdays._working_days_between(cursor, first - one)
            if remaining <= available:
                break
            remaining -= available
            used.append(((first, last), workdays._working_days_between(first - one, last)))
            cursor = last
        nominal, _years = workdays._nth_working_day_after(cursor, remaining)
        consulted.update(range((start + one).year, nominal.year + 1))
        if explain:
            steps.append(Step(StepCode.COUNT, start + one, nominal, rule.n, unit=rule.unit))
            special = workdays.special_days(start + one, nominal)
            paused = [p for p, _n in used]

            def outside_pauses(item):
                return not any(a <= item[0] <= b for a, b in paused)

            special = [item for item in special if outside_pauses(item)]
            found = [Step(StepCode.HOLIDAYS, a, b, (b - a).days + 1, names)
                     for a, b, names in _spans(special, DayKind.HOLIDAY)]
            found += [Step(StepCode.MAKEUP, a, b, (b - a).days + 1, names)
                      for a, b, names in _spans(special, DayKind.MAKEUP)]
            steps.extend(sorted(found, key=lambda step: step.first))
    else:
        target, clipped = add_months(start, rule.n)
        if explain:
            steps.append(Step(StepCode.MONTH_LAST_DAY if clipped else StepCode.MONTH_SAME_DAY,
                              start, target, rule.n, unit=rule.unit))
        end = target
        for first, last in merged:
            if first > end:
                break
            length = (last - first).days + 1
            end += datetime.timedelta(days=length)
            used.append(((first, last), length))
        nominal = end
        if nominal.year > workdays.MAX_YEAR:
            raise CalendarRangeError(nominal.year)

    if explain:
        for (first, last), added in used:
            steps.append(Step(StepCode.PAUSE, first, last, added, unit=rule.unit))

    final = nominal
    if rule.unit is not Unit.WORKING_DAYS:
        final, years = workdays._next_working_day(nominal)
        consulted.update(years)
        if final != nominal and explain:
            info = workdays.year_calendar(nominal.year).info(nominal)
            steps.append(Step(StepCode.ROLLOVER, nominal, moved_to=final, names=(info.name,) if info.name else (),
                              kind=info.kind.value))
    # A deadline never falls inside a pause.
    moved = True
    while moved:
        moved = False
        for first, last in merged:
            if first <= final <= last:
                after, years = workdays._next_working_day(last + one)
                consulted.update(years)
                if explain:
                    steps.append(Step(StepCode.PAUSE_AT_END, first, last, moved_to=after))
                final, moved = after, True
                break

    provisional_years = tuple(sorted(y for y in consulted if workdays.year_calendar(y).provisional))
    if explain:
        for year in provisional_years:
            steps.append(Step(StepCode.PROVISIONAL, count=year))
        steps.append(Step(StepCode.RESULT, final))
    return Deadline(start=start, rule=rule, date=final, provisional=bool(provisional_years),
                    provisional_years=provisional_years, nominal=nominal,
                    pauses=tuple(p for p, _n in used), steps=tuple(steps))


def _names(names: tuple[str, ...]) -> str:
    return "、".join(gettext(n) for n in names)


def _day_reason(day: datetime.date, kind: str, names: tuple[str, ...]) -> str:
    if kind == DayKind.HOLIDAY.value:
        return gettext("holiday: %(name)s") % {"name": _names(names)} if names else gettext("holiday")
    return str(WEEKDAYS[day.weekday()])


def provisional_message(years: Sequence[int]) -> str:
    """"The 2027 holiday schedule has not been published yet; the result is provisional." """
    return gettext("The %(years)s holiday schedule has not been published yet; the result is provisional.") % {
        "years": "、".join(str(y) for y in years)}


def render_step(step: Step) -> str:
    """The step as a sentence in the active language."""
    d = (lambda x: x.isoformat() if x else "")
    code = step.code
    if code is StepCode.START:
        return gettext("Start: %(date)s. The start day is not counted.") % {"date": d(step.first)}
    if code is StepCode.COUNT:
        if step.unit is Unit.WORKING_DAYS:
            return ngettext(
                "Counted %(n)d working day, from %(first)s to %(last)s; rest days and holidays are not counted.",
                "Counted %(n)d working days, from %(first)s to %(last)s; rest days and holidays are not counted.",
                step.count) % {"n": step.count, "first": d(step.first), "last": d(step.last)}
        return ngettext(
            "Counted %(n)d calendar day, from %(first)s to %(last)s.",
            "Counted %(n)d calendar days, from %(first)s to %(last)s.",
            step.count) % {"n": step.count, "first": d(step.first), "last": d(step.last)}
    if code is StepCode.HOLIDAYS:
        span = d(step.first) if step.first == step.last else f"{d(step.first)}–{d(step.last)}"
        return gettext("Not counted: %(span)s, holiday (%(name)s).") % {
            "span": span, "name": _names(step.names) or gettext("holiday")}
    if code is StepCode.MAKEUP:
        span = d(step.first) if step.first == step.last else f"{d(step.first)}–{d(step.last)}"
        return gettext("Counted: %(span)s, a make-up working day (%(name)s).") % {
            "span": span, "name": _names(step.names) or gettext("make-up working day")}
    if code is StepCode.MONTH_SAME_DAY:
        return ngettext(
            "%(n)d month after %(start)s is %(last)s, the same day of the month.",
            "%(n)d months after %(start)s is %(last)s, the same day of the month.",
            step.count) % {"n": step.count, "start": d(step.first), "last": d(step.last)}
    if code is StepCode.MONTH_LAST_DAY:
        return ngettext(
            "%(n)d month after %(start)s: that month has no day %(day)d, so the period ends on its last day, %(last)s.",
            "%(n)d months after %(start)s: that month has no day %(day)d, so the period ends on its last day, %(last)s.",
            step.count) % {"n": step.count, "start": d(step.first), "day": step.first.day, "last": d(step.last)}
    if code is StepCode.PAUSE:
        span = f"{d(step.first)}–{d(step.last)}"
        if step.unit is Unit.WORKING_DAYS:
            return ngettext(
                "Paused %(span)s: %(n)d working day not counted.",
                "Paused %(span)s: %(n)d working days not counted.",
                step.count) % {"span": span, "n": step.count}
        return ngettext(
            "Paused %(span)s: %(n)d day not counted.",
            "Paused %(span)s: %(n)d days not counted.",
            step.count) % {"span": span, "n": step.count}
    if code is StepCode.PAUSE_AT_END:
        return gettext("The last day fell in the pause from %(first)s to %(last)s; it moves to the next "
                       "working day after the pause, %(next)s.") % {
            "first": d(step.first), "last": d(step.last), "next": d(step.moved_to)}
    if code is StepCode.ROLLOVER:
        return gettext("%(day)s is not a working day (%(reason)s); the period ends on the next working day, "
                       "%(next)s.") % {"day": d(step.first), "reason": _day_reason(step.first, step.kind, step.names),
                         "next": d(step.moved_to)}
    if code is StepCode.PROVISIONAL:
        return provisional_message([step.count])
    if code is StepCode.RESULT:
        return gettext("Deadline: %(date)s.") % {"date": d(step.first)}
    return code.value  # pragma: no cover
