"""The statutory rest days that hold in a year whose official schedule nobody has entered.

Every year the State Council General Office publishes the year's holiday schedule
(放假安排, 国办发明电〔YYYY〕N号): which days are off and which weekend days are
make-up working days (调休上班). Until that notice is entered, Zhibao falls back on
what the law alone says (results marked provisional by `workdays`):

- the weekly rest days of 《国务院关于职工工作时间的规定》, and
- the statutory holidays of 《全国年节及纪念日放假办法》 in the version in force on
  the day in question, and
- the make-up days off its Article 6 requires: "全体公民放假的假日，如果适逢星期六、星期日，
  应当在工作日补假". The law does not say which working day; the annual notices almost
  always give the working days right after the holiday, so that is what the fallback
  assumes (checked against chinesecalendar for 2008–2026: 2 of 19 years placed one such
  day elsewhere, see the tests). Make-up *working* weekend days (调休上班) are not
  required by law and cannot be guessed; only the notice brings them.

Both regulations have been amended; each version is a row below with its source and the
day it took effect, so that a year in the 1990s is judged by the rules of the 1990s.
When the State Council amends them again, add a row (that is a code change reviewed like
any other, because it changes how every provisional deadline is counted).

Lunar dates (春节, 端午, 中秋) are converted with `lunar_python` (6tail/lunar-python,
MIT), which computes the calendar astronomically and so has no year table that runs
out. 清明 is the day of the solar term 清明 (the sun at ecliptic longitude 15°, Beijing
time), also from `lunar_python`; for 1990–2099 it agrees with chinesecalendar's
寿星 formula (tests check this).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext_noop
from lunar_python import Lunar

#: Canonical holiday names. They are English msgids (translated in the app's catalogue)
#: and match the names chinesecalendar gives, so explanations read the same whatever the
#: source of a day.
NEW_YEAR = gettext_noop("New Year's Day")
SPRING_FESTIVAL = gettext_noop("Spring Festival")
TOMB_SWEEPING = gettext_noop("Tomb-sweeping Day")
LABOUR_DAY = gettext_noop("Labour Day")
DRAGON_BOAT = gettext_noop("Dragon Boat Festival")
MID_AUTUMN = gettext_noop("Mid-autumn Festival")
NATIONAL_DAY = gettext_noop("National Day")
#: A one-off holiday chinesecalendar knows (2015-09-03).
ANTI_FASCIST_70TH = gettext_noop("Anti-Fascist 70th Day")


@dataclass(frozen=True)
class HolidayRule:
    """One holiday of the regulation: `days` consecutive days from an anchor date.

    anchor: "solar" (month/day of the Gregorian calendar), "lunar" (month/day of the
    lunar calendar), "lunar_eve" (the last day of the lunar year, 除夕, whatever its
    number), or "qingming" (the day of the solar term).
    """

    name: str
    anchor: str
    month: int = 0
    day: int = 0
    days: int = 1


@dataclass(frozen=True)
class HolidayRegulation:
    effective: datetime.date
    source: str
    rules: tuple[HolidayRule, ...]


# 《全国年节及纪念日放假办法》 and its amendments. Each version applies to the days from its
# `effective` date until the next version's.
HOLIDAY_REGULATIONS: tuple[HolidayRegulation, ...] = (
    HolidayRegulation(
        datetime.date(1949, 12, 23),
        "《全国年节及纪念日放假办法》（政务院1949年12月23日发布）",
        (
            HolidayRule(NEW_YEAR, "solar", 1, 1),
            HolidayRule(SPRING_FESTIVAL, "lunar", 1, 1, days=3),
            HolidayRule(LABOUR_DAY, "solar", 5, 1),
            HolidayRule(NATIONAL_DAY, "solar", 10, 1, days=2),
        ),
    ),
    HolidayRegulation(
        datetime.date(1999, 9, 18),
        "《国务院关于修改〈全国年节及纪念日放假办法〉的决定》（国务院令第270号）",
        (
            HolidayRule(NEW_YEAR, "solar", 1, 1),
            HolidayRule(SPRING_FESTIVAL, "lunar", 1, 1, days=3),
            HolidayRule(LABOUR_DAY, "solar", 5, 1, days=3),
            HolidayRule(NATIONAL_DAY, "solar", 10, 1, days=3),
        ),
    ),
    HolidayRegulation(
        datetime.date(2008, 1, 1),
        "《国务院关于修改〈全国年节及纪念日放假办法〉的决定》（国务院令第513号）",
        (
            HolidayRule(NEW_YEAR, "solar", 1, 1),
            HolidayRule(SPRING_FESTIVAL, "lunar_eve"),
            HolidayRule(SPRING_FESTIVAL, "lunar", 1, 1, days=2),
            HolidayRule(TOMB_SWEEPING, "qingming"),
            HolidayRule(LABOUR_DAY, "solar", 5, 1),
            HolidayRule(DRAGON_BOAT, "lunar", 5, 5),
            HolidayRule(MID_AUTUMN, "lunar", 8, 15),
            HolidayRule(NATIONAL_DAY, "solar", 10, 1, days=3),
        ),
    ),
    HolidayRegulation(
        datetime.date(2014, 1, 1),
        "《国务院关于修改〈全国年节及纪念日放假办法〉的决定》（国务院令第644号）",
        (
            HolidayRule(NEW_YEAR, "solar", 1, 1),
            HolidayRule(SPRING_FESTIVAL, "lunar", 1, 1, days=3),
            HolidayRule(TOMB_SWEEPING, "qingming"),
            HolidayRule(LABOUR_DAY, "solar", 5, 1),
            HolidayRule(DRAGON_BOAT, "lunar", 5, 5),
            HolidayRule(MID_AUTUMN, "lunar", 8, 15),
            HolidayRule(NATIONAL_DAY, "solar", 10, 1, days=3),
        ),
    ),
    HolidayRegulation(
        datetime.date(2025, 1, 1),
        "《国务院关于修改〈全国年节及纪念日放假办法〉的决定》（国务院令第795号）",
        (
            HolidayRule(NEW_YEAR, "solar", 1, 1),
            HolidayRule(SPRING_FESTIVAL, "lunar_eve"),
            HolidayRule(SPRING_FESTIVAL, "lunar", 1, 1, days=3),
            HolidayRule(TOMB_SWEEPING, "qingming"),
            HolidayRule(LABOUR_DAY, "solar", 5, 1, days=2),
            HolidayRule(DRAGON_BOAT, "lunar", 5, 5),
            HolidayRule(MID_AUTUMN, "lunar", 8, 15),
            HolidayRule(NATIONAL_DAY, "solar", 10, 1, days=3),
        ),
    ),
)


@dataclass(frozen=True)
class WeeklyRestRule:
    effective: datetime.date
    source: str
    rest_weekdays: frozenset[int]  # Monday = 0


# 《国务院关于职工工作时间的规定》. From 1994-03-01 to 1995-04-30 the 44-hour week gave
# every other Saturday off, in a rota set locally; that is not knowable from the law, so
# those Saturdays count as working days here (provisional, like every fallback result;
# an administrator can enter the real days for such a year).
WEEKLY_REST_RULES: tuple[WeeklyRestRule, ...] = (
    WeeklyRestRule(datetime.date(1949, 10, 1), "六天工作制（星期日休息）", frozenset({6})),
    WeeklyRestRule(datetime.date(1994, 3, 1), "《国务院关于职工工作时间的规定》（国务院令第146号）：隔周休息两天，"
                   "具体轮休由各地安排（此处按星期日休息计）", frozenset({6})),
    WeeklyRestRule(datetime.date(1995, 5, 1), "《国务院关于修改〈国务院关于职工工作时间的规定〉的决定》"
                   "（国务院令第174号）：星期六、星期日为周休息日", frozenset({5, 6})),
)


def weekly_rest_rule(day: datetime.date) -> WeeklyRestRule:
    current = WEEKLY_REST_RULES[0]
    for rule in WEEKLY_REST_RULES:
        if rule.effective <= day:
            current = rule
    return current


def is_weekly_rest_day(day: datetime.date) -> bool:
    """True on the weekly rest days in force that day (Saturday and Sunday since 1995-05-01)."""
    if day >= datetime.date(1995, 5, 1):
        return day.weekday() >= 5
    return day.weekday() in weekly_rest_rule(day).rest_weekdays


@lru_cache(maxsize=1024)
def _lunar_to_solar(lunar_year: int, month: int, day: int) -> datetime.date:
    solar = Lunar.fromYmd(lunar_year, month, day).getSolar()
    return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())


@lru_cache(maxsize=256)
def qingming(year: int) -> datetime.date:
    """The day of the solar term 清明 in `year` (Beijing time)."""
    solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _rule_dates(rule: HolidayRule, year: int) -> list[datetime.date]:
    """The dates a rule gives whose anchor lies in Gregorian `year` (they may run into the next)."""
    if rule.anchor == "solar":
        first = datetime.date(year, rule.month, rule.day)
        firsts = [first]
    elif rule.anchor == "qingming":
        firsts = [qingming(year)]
    elif rule.anchor == "lunar":
        # A lunar date of lunar year Y falls in Gregorian Y or Y+1; look at both lunar years
        # that overlap Gregorian `year`.
        firsts = [d for ly in (year - 1, year) if (d := _lunar_to_solar(ly, rule.month, rule.day)).year == year]
    elif rule.anchor == "lunar_eve":
        firsts = [d for ly in (year, year + 1)
                  if (d := _lunar_to_solar(ly, 1, 1) - datetime.timedelta(days=1)).year == year]
    else:  # pragma: no cover  (a programming error in the table above)
        raise ValueError(f"unknown anchor {rule.anchor!r}")
    return [first + datetime.timedelta(days=i) for first in firsts for i in range(rule.days)]


def regulation_on(day: datetime.date) -> HolidayRegulation:
    current = HOLIDAY_REGULATIONS[0]
    for regulation in HOLIDAY_REGULATIONS:
        if regulation.effective <= day:
            current = regulation
    return current


@lru_cache(maxsize=256)
def statutory_holidays(year: int) -> dict[datetime.date, str]:
    """The statutory holidays falling in Gregorian `year`: {date: canonical name}.

    Each holiday counts under the version of the regulation in force on that date (so
    1999's Labour Day has one day and its National Day three). Holidays that the law puts
    on a weekend stay where they are: moving them (补休) is what the State Council's
    annual notice decides, and is exactly what the fallback cannot know.
    """
    days: dict[datetime.date, str] = {}
    for i, regulation in enumerate(HOLIDAY_REGULATIONS):
        until = HOLIDAY_REGULATIONS[i + 1].effective if i + 1 < len(HOLIDAY_REGULATIONS) else datetime.date.max
        if regulation.effective.year > year or until.year < year:
            continue
        # A holiday block starting late in the previous year can spill into this one.
        for rule_year in (year - 1, year):
            for rule in regulation.rules:
                for day in _rule_dates(rule, rule_year):
                    if day.year == year and regulation.effective <= day < until and regulation_on(day) is regulation:
                        days.setdefault(day, rule.name)
    return dict(sorted(days.items()))


@lru_cache(maxsize=256)
def statutory_rest_days(year: int) -> dict[datetime.date, str]:
    """Statutory holidays plus the 补假 days Article 6 owes for those falling on a weekly rest day.

    Each run of consecutive statutory days owes one working day off per statutory day that
    falls on a weekly rest day; they are placed on the first working days after the run.
    """
    holidays = statutory_holidays(year)
    days = dict(holidays)
    runs: list[list[datetime.date]] = []
    for day in holidays:
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    one = datetime.timedelta(days=1)
    for run in runs:
        owed = sum(1 for day in run if is_weekly_rest_day(day))
        day = run[-1]
        while owed:
            day += one
            if day.year != year:
                break
            if day in days or is_weekly_rest_day(day):
                continue
            days[day] = holidays[run[0]]
            owed -= 1
    return dict(sorted(days.items()))
