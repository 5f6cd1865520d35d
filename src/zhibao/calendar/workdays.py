"""Which days are working days in China, and where each answer comes from.

Plain Python, no views. For a year, the first source that has it wins:

1. an administrator-entered schedule (`HolidaySchedule`, the State Council's notice);
2. chinesecalendar, for the years it knows (2004–2026 in version 1.11; a year it does not
   know makes it raise NotImplementedError, which is how support is detected, so a newer
   release is picked up without a code change);
3. the statutory fallback (`statutory.py`): weekly rest days plus the holidays of
   《全国年节及纪念日放假办法》 and the 补假 days its Article 6 owes for holidays on a
   weekend. Answers from it are **provisional**.

Every answer is `(working, provisional)`.

Speed: each year is built once per process into a `YearCalendar` (a flag per day and a
sorted list of the working days' ordinals), so a lookup is an index and "the 90th working
day after D" is one bisect per year crossed. The cache is dropped for a year when its
schedule is saved or deleted in this process (signals in `signals.py`); other processes
(web workers, the job worker) notice within `ZHIBAO_CALENDAR_RECHECK_SECONDS` (a Django
setting, 5 seconds by default), when they next look at the calendar, by comparing one
small query over `HolidaySchedule` (year, updated_at) with what they cached.
"""
from __future__ import annotations

import datetime
import threading
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from enum import StrEnum

import chinese_calendar
from django.conf import settings

from . import statutory

#: The years the calendar answers for. Outside them `CalendarRangeError` is raised.
MIN_YEAR = 1990
MAX_YEAR = 2100

_ONE_DAY = datetime.timedelta(days=1)


class CalendarRangeError(ValueError):
    """A date outside MIN_YEAR–MAX_YEAR was asked about (or a count ran past them)."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"year {year} is outside the calendar's range {MIN_YEAR}–{MAX_YEAR}")


class Source(StrEnum):
    ENTERED = "entered"                # an administrator entered the State Council's schedule
    LIBRARY = "chinesecalendar"        # chinesecalendar knows the year
    STATUTORY = "statutory"            # statutory holidays and weekends only: provisional


class DayKind(StrEnum):
    WORKING = "working"      # an ordinary working day
    REST = "rest"            # a weekly rest day (weekend)
    HOLIDAY = "holiday"      # a day off in a holiday period
    MAKEUP = "makeup"        # a weekend day made a working day (调休上班)


@dataclass(frozen=True, slots=True)
class DayInfo:
    date: datetime.date
    working: bool
    provisional: bool
    source: Source
    kind: DayKind
    name: str = ""


class YearCalendar:
    """One year's working days, built once and then only read."""

    __slots__ = ("year", "source", "provisional", "document", "first", "flags", "work", "special",
                 "special_ordinals")

    def __init__(self, year: int, source: Source, document: str,
                 special: dict[datetime.date, tuple[DayKind, str]]):
        self.year = year
        self.source = source
        self.provisional = source is Source.STATUTORY
        self.document = document
        jan1 = datetime.date(year, 1, 1)
        self.first = jan1.toordinal()
        length = datetime.date(year + 1, 1, 1).toordinal() - self.first
        flags = bytearray(length)
        for i in range(length):
            day = jan1 + datetime.timedelta(days=i)
            entry = special.get(day)
            if entry is not None:
                flags[i] = entry[0] is DayKind.MAKEUP
            else:
                flags[i] = not statutory.is_weekly_rest_day(day)
        self.flags = bytes(flags)
        self.work = [self.first + i for i, f in enumerate(self.flags) if f]
        self.special = {d.toordinal(): entry for d, entry in special.items()}
        self.special_ordinals = sorted(self.special)

    @property
    def last(self) -> int:
        return self.first + len(self.flags) - 1

    def is_working(self, ordinal: int) -> bool:
        return bool(self.flags[ordinal - self.first])

    def info(self, day: datetime.date) -> DayInfo:
        ordinal = day.toordinal()
        working = self.is_working(ordinal)
        entry = self.special.get(ordinal)
        if entry is not None:
            kind, name = entry
        else:
            kind, name = (DayKind.WORKING if working else DayKind.REST), ""
        return DayInfo(day, working, self.provisional, self.source, kind, name)

    def holidays(self) -> list[tuple[datetime.date, str]]:
        return [(datetime.date.fromordinal(o), self.special[o][1]) for o in self.special_ordinals
                if self.special[o][0] is DayKind.HOLIDAY]

    def makeup_days(self) -> list[tuple[datetime.date, str]]:
        return [(datetime.date.fromordinal(o), self.special[o][1]) for o in self.special_ordinals
                if self.special[o][0] is DayKind.MAKEUP]


# ---------------------------------------------------------------- sources of a year

def library_knows(year: int) -> bool:
    """Whether the installed chinesecalendar has the official schedule of `year`."""
    try:
        chinese_calendar.is_workday(datetime.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def library_range() -> tuple[int, int]:
    years = [d.year for d in chinese_calendar.holidays]
    return min(years), max(years)


def _from_library(year: int) -> YearCalendar:
    special: dict[datetime.date, tuple[DayKind, str]] = {}
    day = datetime.date(year, 1, 1)
    while day.year == year:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        if name:
            special[day] = (DayKind.HOLIDAY if on_holiday else DayKind.MAKEUP, name)
        day += _ONE_DAY
    return YearCalendar(year, Source.LIBRARY, f"chinesecalendar {chinese_calendar.__version__}", special)


def _from_statute(year: int) -> YearCalendar:
    special = {day: (DayKind.HOLIDAY, name) for day, name in statutory.statutory_rest_days(year).items()}
    return YearCalendar(year, Source.STATUTORY, statutory.regulation_on(datetime.date(year, 12, 31)).source,
                        special)


def _from_schedule(year: int) -> YearCalendar | None:
    from .models import DayKind as ModelKind, HolidaySchedule

    schedule = HolidaySchedule.objects.filter(year=year).first()
    if schedule is None:  # withdrawn by another process since we last looked
        return None
    special = {
        d.date: (DayKind.HOLIDAY if d.kind == ModelKind.HOLIDAY else DayKind.MAKEUP, d.name)
        for d in schedule.days.all()
    }
    return YearCalendar(year, Source.ENTERED, schedule.source_document, special)


def build_year(year: int, *, entered: bool | None = None) -> YearCalendar:
    """Build a year afresh (no cache). `entered` says whether a schedule exists (looked up if None)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CalendarRangeError(year)
    if entered is None:
        from .models import HolidaySchedule

        entered = HolidaySchedule.objects.filter(year=year).exists()
    if entered:
        cal = _from_schedule(year)
        if cal is not None:
            return cal
    if library_knows(year):
        return _from_library(year)
    return _from_statute(year)


# ---------------------------------------------------------------- the process cache

class _Cache:
    def __init__(self):
        self.lock = threading.RLock()
        self.years: dict[int, YearCalendar] = {}
        self.entered: dict[int, str] | None = None   # year -> fingerprint of its schedule
        self.checked = 0.0


_cache = _Cache()


_recheck: list[float] = []


def _recheck_seconds() -> float:
    if not _recheck:
        _recheck.append(float(getattr(settings, "ZHIBAO_CALENDAR_RECHECK_SECONDS", 5.0)))
    return _recheck[0]


def _load_entered() -> dict[int, str]:
    from .models import HolidaySchedule

    return {year: f"{updated.isoformat()}|{pk}" for year, updated, pk in
            HolidaySchedule.objects.values_list("year", "updated_at", "id")}


def refresh_if_stale() -> None:
    """Drop cached years whose schedule another process changed (checked at most every few seconds)."""
    _refresh_if_stale()


def _refresh_if_stale() -> None:
    now = time.monotonic()
    if _cache.entered is not None and now - _cache.checked < _recheck_seconds():
        return
    with _cache.lock:
        entered = _load_entered()
        if _cache.entered is not None and entered != _cache.entered:
            for year in set(entered) | set(_cache.entered):
                if entered.get(year) != _cache.entered.get(year):
                    _cache.years.pop(year, None)
        _cache.entered = entered
        _cache.checked = now


def clear_cache(year: int | None = None) -> None:
    """Forget one year (or all); the next question rebuilds it from its source."""
    with _cache.lock:
        if year is None:
            _cache.years.clear()
        else:
            _cache.years.pop(year, None)
        _cache.entered = None
        _cache.checked = 0.0


def year_calendar(year: int) -> YearCalendar:
    """The (cached) calendar of one year."""
    cal = _cache.years.get(year)
    if cal is not None:
        return cal
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CalendarRangeError(year)
    with _cache.lock:
        cal = _cache.years.get(year)
        if cal is None:
            if _cache.entered is None:
                _cache.entered = _load_entered()
                _cache.checked = time.monotonic()
            cal = build_year(year, entered=year in _cache.entered)
            _cache.years[year] = cal
        return cal


def calendar_for(year: int) -> YearCalendar:
    """Like `year_calendar`, but first makes sure the cache is not stale (public entry point)."""
    _refresh_if_stale()
    return year_calendar(year)


# ---------------------------------------------------------------- questions about days

def is_working_day(day: datetime.date) -> tuple[bool, bool]:
    """(is `day` a working day, is that answer provisional)."""
    cal = calendar_for(day.year)
    return cal.is_working(day.toordinal()), cal.provisional


def day_info(day: datetime.date) -> DayInfo:
    """Everything known about one day: working or not, why, and from which source."""
    return calendar_for(day.year).info(day)


def next_working_day(day: datetime.date) -> tuple[datetime.date, frozenset[int]]:
    """The first working day on or after `day`, and the years consulted to find it."""
    _refresh_if_stale()
    return _next_working_day(day)


def _next_working_day(day: datetime.date) -> tuple[datetime.date, frozenset[int]]:
    ordinal = day.toordinal()
    year = day.year
    years = set()
    while True:
        if year > MAX_YEAR:
            raise CalendarRangeError(year)
        cal = year_calendar(year)
        years.add(year)
        i = bisect_left(cal.work, ordinal)
        if i < len(cal.work):
            return datetime.date.fromordinal(cal.work[i]), frozenset(years)
        year += 1
        ordinal = cal.last + 1


def nth_working_day_after(day: datetime.date, n: int) -> tuple[datetime.date, frozenset[int]]:
    """The n-th working day after `day` (`day` itself not counted; n >= 1), and the years consulted."""
    _refresh_if_stale()
    return _nth_working_day_after(day, n)


def _nth_working_day_after(day: datetime.date, n: int) -> tuple[datetime.date, frozenset[int]]:
    if n < 1:
        raise ValueError("n must be at least 1")
    ordinal = day.toordinal()
    year = day.year
    years = set()
    while True:
        if year > MAX_YEAR:
            raise CalendarRangeError(year)
        cal = year_calendar(year)
        years.add(year)
        i = bisect_right(cal.work, ordinal)
        available = len(cal.work) - i
        if n <= available:
            return datetime.date.fromordinal(cal.work[i + n - 1]), frozenset(years)
        n -= available
        year += 1
        ordinal = cal.last


def working_days_between(after: datetime.date, until: datetime.date) -> int:
    """How many working days lie in (after, until]: after `after`, up to and including `until`.

    0 when `until` <= `after`. Useful for "working days left" on a clock.
    """
    _refresh_if_stale()
    return _working_days_between(after, until)


def _working_days_between(after: datetime.date, until: datetime.date) -> int:
    if until <= after:
        return 0
    count = 0
    lo, hi = after.toordinal(), until.toordinal()
    for year in range(after.year, until.year + 1):
        cal = year_calendar(year)
        count += bisect_right(cal.work, hi) - bisect_right(cal.work, lo)
    return count


def special_days(first: datetime.date, last: datetime.date) -> list[tuple[datetime.date, DayKind, str]]:
    """Holidays and make-up working days in [first, last], in date order."""
    out = []
    if last < first:
        return out
    lo, hi = first.toordinal(), last.toordinal()
    for year in range(first.year, last.year + 1):
        cal = year_calendar(year)
        ords = cal.special_ordinals
        for o in ords[bisect_left(ords, lo):bisect_right(ords, hi)]:
            kind, name = cal.special[o]
            out.append((datetime.date.fromordinal(o), kind, name))
    return out


def year_overview(year: int) -> YearCalendar:
    """A year's calendar for display (fresh from the cache)."""
    return calendar_for(year)
