"""Entering a year's holiday schedule: parse, check, save all or nothing, report what changed.

An administrator pastes the State Council's notice as lines:

    2027-01-01 holiday 元旦
    2027-02-05..2027-02-11 holiday 春节
    2027-02-07 workday 春节调休

one date (or a range FIRST..LAST) per line, then the kind (`holiday` or 休/放假 for a rest
day of a holiday period; `workday` or 班/上班 for a weekend day made a working day), then
an optional name. Blank lines and lines starting with # are ignored.

Every line is checked and every problem reported with its line number; nothing is saved
unless all lines are right. Some things are not errors but are worth a second look
(a statutory holiday that the schedule leaves as a working day, a year chinesecalendar
already knows): those are warnings, which the administrator confirms before saving.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from . import statutory, workdays
from .models import DayKind, HolidaySchedule, ScheduleDay
from .signals import schedule_changed

MAX_NAME = 50
MAX_LINES = 400

_KINDS = {
    "holiday": DayKind.HOLIDAY, "休": DayKind.HOLIDAY, "放假": DayKind.HOLIDAY, "休息": DayKind.HOLIDAY,
    "workday": DayKind.WORKDAY, "班": DayKind.WORKDAY, "上班": DayKind.WORKDAY,
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RANGE = re.compile(r"^(\S+?)(?:\.\.|~|～|至|--)(\S+)$")
_SLASH_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class ParsedDay:
    line: int
    date: datetime.date
    kind: str
    name: str


@dataclass
class ParseResult:
    days: list[ParsedDay] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class DayChange:
    """A day whose status changed when a schedule was entered, replaced or withdrawn."""

    date: datetime.date
    was_working: bool
    now_working: bool
    was: str        # workdays.DayKind value before
    now: str        # workdays.DayKind value after
    name: str = ""


@dataclass
class SaveResult:
    schedule: HolidaySchedule | None
    action: str
    changes: list[DayChange]
    was_provisional: bool
    notes: list[str]


class ScheduleError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


def _parse_date(token: str) -> datetime.date | None:
    if not _DATE.match(token):
        return None
    try:
        return datetime.date.fromisoformat(token)
    except ValueError:
        return None


def parse_lines(year: int, text: str) -> ParseResult:
    """Parse and check the pasted lines for `year`. Does not touch the database."""
    result = ParseResult()
    seen: dict[datetime.date, int] = {}
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        result.errors.append(_("The schedule has %(n)d lines; at most %(max)d are accepted.")
                             % {"n": len(lines), "max": MAX_LINES})
        return result
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 2)
        if len(parts) < 2:
            result.errors.append(_("Line %(line)d: write a date, a kind (holiday or workday) and a name, "
                                   "for example “%(example)s”.") % {"line": number,
                                                                  "example": f"{year}-01-01 holiday 元旦"})
            continue
        date_token, kind_token = parts[0], parts[1]
        name = parts[2].strip() if len(parts) > 2 else ""
        first_token, last_token = date_token, None
        m = _SLASH_RANGE.match(date_token) or _RANGE.match(date_token)
        if m and not _DATE.match(date_token):
            first_token, last_token = m.group(1), m.group(2)
        line_errors = []
        first = _parse_date(first_token)
        last = _parse_date(last_token) if last_token is not None else first
        for token, value in ((first_token, first), (last_token, last)):
            if token is not None and value is None:
                line_errors.append(_("Line %(line)d: “%(value)s” is not a date; write it as YYYY-MM-DD.")
                                   % {"line": number, "value": token})
        kind = _KINDS.get(kind_token.lower())
        if kind is None:
            line_errors.append(_("Line %(line)d: “%(value)s” is not a kind of day; write holiday or workday.")
                               % {"line": number, "value": kind_token})
        if len(name) > MAX_NAME:
            line_errors.append(_("Line %(line)d: the name is longer than %(max)d characters.")
                               % {"line": number, "max": MAX_NAME})
        if first and last and last < first:
            line_errors.append(_("Line %(line)d: the range ends (%(last)s) before it starts (%(first)s).")
                               % {"line": number, "first": first.isoformat(), "last": last.isoformat()})
        if line_errors:
            result.errors.extend(line_errors)
            continue
        day = first
        while day <= last:
            error = None
            if day.year != year:
                error = _("Line %(line)d: %(date)s is not in %(year)d.") % {
                    "line": number, "date": day.isoformat(), "year": year}
            elif day in seen:
                error = _("Line %(line)d: %(date)s is already listed on line %(other)d.") % {
                    "line": number, "date": day.isoformat(), "other": seen[day]}
            elif kind == DayKind.WORKDAY and not statutory.is_weekly_rest_day(day):
                error = _("Line %(line)d: %(date)s is a %(weekday)s, already a working day; a make-up "
                          "working day must be a weekly rest day (Saturday or Sunday).") % {
                    "line": number, "date": day.isoformat(), "weekday": WEEKDAYS[day.weekday()]}
            if error:
                result.errors.append(error)
            else:
                seen[day] = number
                result.days.append(ParsedDay(number, day, kind, name))
            day += datetime.timedelta(days=1)
    if not result.errors and not result.days:
        result.errors.append(_("The schedule lists no days. Paste one line per day or range, for example "
                               "“%(example)s”.") % {"example": f"{year}-01-01 holiday 元旦"})
    if result.ok:
        result.warnings.extend(check_plausible(year, result.days))
    return result


def check_plausible(year: int, days: list[ParsedDay]) -> list[str]:
    """Warnings (not errors) about a correctly written schedule."""
    warnings = []
    holidays = {d.date for d in days if d.kind == DayKind.HOLIDAY}
    for day, name in statutory.statutory_holidays(year).items():
        if day not in holidays:
            warnings.append(_("The statutory holiday %(date)s (%(name)s) is not listed as a holiday; "
                              "it would count as a working day.") % {"date": day.isoformat(), "name": _(name)})
    if workdays.library_knows(year):
        warnings.append(_("chinesecalendar already has the official schedule of %(year)d; the schedule "
                          "entered here will be used instead of it.") % {"year": year})
    return warnings


def _status(cal: workdays.YearCalendar) -> dict[datetime.date, tuple[bool, str, str]]:
    out = {}
    day = datetime.date(cal.year, 1, 1)
    while day.year == cal.year:
        info = cal.info(day)
        out[day] = (info.working, info.kind.value, info.name)
        day += datetime.timedelta(days=1)
    return out


def _changes(before: workdays.YearCalendar, after: workdays.YearCalendar) -> list[DayChange]:
    old, new = _status(before), _status(after)
    return [DayChange(day, old[day][0], new[day][0], old[day][1], new[day][1], new[day][2] or old[day][2])
            for day in old if old[day][0] != new[day][0]]


def _notify(year: int, action: str, changes: list[DayChange], user) -> list[str]:
    notes: list[str] = []

    def send():
        for _receiver, response in schedule_changed.send_robust(
                sender=HolidaySchedule, year=year, changes=changes, action=action, user=user):
            if isinstance(response, Exception):
                notes.append(_("A module that keeps deadlines failed to recompute them: %(error)s")
                             % {"error": response})
            elif response:
                notes.append(str(response))

    transaction.on_commit(send)
    return notes


def save_schedule(*, year: int, source_document: str, text: str, user=None,
                  published: datetime.date | None = None, note: str = "", replace: bool = False) -> SaveResult:
    """Check and save a year's schedule, all or nothing. Raises ScheduleError with every problem.

    Warnings from `parse_lines` are the caller's to show and confirm; they do not stop the save.
    """
    errors = []
    if not workdays.MIN_YEAR <= year <= workdays.MAX_YEAR:
        errors.append(_("The year must be between %(min)d and %(max)d.")
                      % {"min": workdays.MIN_YEAR, "max": workdays.MAX_YEAR})
        raise ScheduleError(errors)
    source_document = (source_document or "").strip()
    if not source_document:
        errors.append(_("Name the source document, for example 国办发明电〔%(year)d〕7号.") % {"year": year - 1})
    elif len(source_document) > 200:
        errors.append(_("The source document is longer than 200 characters."))
    parsed = parse_lines(year, text)
    errors.extend(parsed.errors)
    existing = HolidaySchedule.objects.filter(year=year).first()
    if existing and not replace:
        errors.append(_("%(year)d already has an entered schedule (%(source)s); choose to replace it.")
                      % {"year": year, "source": existing.source_document})
    if errors:
        raise ScheduleError(errors)

    with transaction.atomic():
        before = workdays.build_year(year)
        schedule = HolidaySchedule.objects.select_for_update().filter(year=year).first()
        action = "replaced" if schedule else "entered"
        if schedule is None:
            schedule = HolidaySchedule(year=year)
        schedule.source_document = source_document
        schedule.published = published
        schedule.note = note or ""
        if user is not None and getattr(user, "is_authenticated", False):
            schedule.entered_by = user
        schedule.save()
        wanted = {d.date: d for d in parsed.days}
        for day in list(schedule.days.all()):
            new = wanted.pop(day.date, None)
            if new is None:
                day.delete()
            elif (day.kind, day.name) != (new.kind, new.name):
                day.kind, day.name = new.kind, new.name
                day.save()
        for new in wanted.values():
            ScheduleDay.objects.create(schedule=schedule, date=new.date, kind=new.kind, name=new.name)
        after = workdays.build_year(year, entered=True)
        changes = _changes(before, after)
        notes = _notify(year, action, changes, user)
    return SaveResult(schedule, action, changes, before.provisional, notes)


def withdraw_schedule(year: int, user=None) -> SaveResult:
    """Delete an entered schedule; the year goes back to chinesecalendar or the statutory fallback."""
    with transaction.atomic():
        schedule = HolidaySchedule.objects.select_for_update().filter(year=year).first()
        if schedule is None:
            raise ScheduleError([_("%(year)d has no entered schedule.") % {"year": year}])
        before = workdays.build_year(year, entered=True)
        for day in list(schedule.days.all()):
            day.delete()
        schedule.delete()
        after = workdays.build_year(year, entered=False)
        changes = _changes(before, after)
        notes = _notify(year, "withdrawn", changes, user)
    return SaveResult(None, "withdrawn", changes, False, notes)


def schedule_as_text(schedule: HolidaySchedule) -> str:
    """The schedule's days as lines `parse_lines` reads back (ranges joined)."""
    lines = []
    run: list[ScheduleDay] = []

    def flush():
        if not run:
            return
        first, last = run[0], run[-1]
        dates = first.date.isoformat() if first is last else f"{first.date.isoformat()}..{last.date.isoformat()}"
        kind = "holiday" if first.kind == DayKind.HOLIDAY else "workday"
        lines.append(f"{dates} {kind} {first.name}".rstrip())
        run.clear()

    for day in schedule.days.order_by("date"):
        if run and ((day.date - run[-1].date).days != 1 or day.kind != run[-1].kind or day.name != run[-1].name):
            flush()
        run.append(day)
    flush()
    return "\n".join(lines) + ("\n" if lines else "")


def year_rows(first: int, last: int) -> list[dict]:
    """One row per year for the schedules page: where its working days come from."""
    schedules = {s.year: s for s in HolidaySchedule.objects.select_related("entered_by")
                 .filter(year__gte=first, year__lte=last)}
    rows = []
    for year in range(last, first - 1, -1):
        cal = workdays.calendar_for(year)
        rows.append({
            "year": year,
            "source": cal.source.value,
            "provisional": cal.provisional,
            "document": cal.document,
            "schedule": schedules.get(year),
            "holidays": sum(1 for o in cal.special_ordinals if cal.special[o][0] is workdays.DayKind.HOLIDAY),
            "makeup": sum(1 for o in cal.special_ordinals if cal.special[o][0] is workdays.DayKind.MAKEUP),
            "library": workdays.library_knows(year),
        })
    return rows
