"""Working days from the three sources, checked against the State Council's published notices."""
import datetime as dt

import chinese_calendar
import pytest

from zhibao.calendar import statutory, workdays
from zhibao.calendar.workdays import CalendarRangeError, DayKind, Source

D = dt.date
pytestmark = pytest.mark.django_db


def working(day):
    return workdays.is_working_day(day)[0]


# 国办发明电〔2024〕12号 (2025 schedule): 春节 1月28日至2月4日, 1月26日(周日)、2月8日(周六)上班;
# 国庆、中秋 10月1日至8日, 9月28日(周日)、10月11日(周六)上班.
@pytest.mark.parametrize("day", [D(2025, 1, 28) + dt.timedelta(days=i) for i in range(8)]
                         + [D(2025, 10, 1) + dt.timedelta(days=i) for i in range(8)])
def test_2025_holidays_are_rest_days(day):
    assert workdays.is_working_day(day) == (False, False)


@pytest.mark.parametrize("day", [D(2025, 1, 26), D(2025, 2, 8), D(2025, 9, 28), D(2025, 10, 11)])
def test_2025_makeup_weekend_days_are_working_days(day):
    assert day.weekday() >= 5
    assert workdays.is_working_day(day) == (True, False)
    assert workdays.day_info(day).kind is DayKind.MAKEUP


# 国办发明电〔2025〕7号 (2026 schedule), as chinesecalendar 1.11 carries it:
# 元旦 1月1日至3日, 1月4日(周日)上班; 春节 2月15日至23日, 2月14日(周六)、2月28日(周六)上班;
# 劳动节 5月1日至5日, 5月9日(周六)上班; 国庆 10月1日至7日, 9月20日(周日)、10月10日(周六)上班.
def test_2026_schedule_as_published():
    off = [D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3), *[D(2026, 2, 15) + dt.timedelta(days=i) for i in range(9)],
           *[D(2026, 5, 1) + dt.timedelta(days=i) for i in range(5)],
           *[D(2026, 10, 1) + dt.timedelta(days=i) for i in range(7)]]
    on = [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)]
    assert not any(working(d) for d in off)
    assert all(working(d) for d in on)
    assert all(d.weekday() >= 5 for d in on)
    assert working(D(2026, 10, 8)) and working(D(2026, 10, 9))
    assert workdays.calendar_for(2026).source is Source.LIBRARY


def test_2026_answers_match_the_library_day_by_day():
    day = D(2026, 1, 1)
    while day.year == 2026:
        assert working(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)


def test_2027_falls_back_to_statutory_holidays_and_is_provisional():
    assert not workdays.library_knows(2027)
    cal = workdays.calendar_for(2027)
    assert cal.source is Source.STATUTORY and cal.provisional
    # 2025 amendment: 春节 = 除夕 + 正月初一至初三. Lunar new year 2027 is Saturday 6 February.
    for day in (D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)):
        assert workdays.is_working_day(day) == (False, True)
    # Article 6: 6 and 7 Feb fall on the weekend, so two working days off follow (补假).
    assert not working(D(2027, 2, 9)) and not working(D(2027, 2, 10))
    assert workdays.is_working_day(D(2027, 2, 11)) == (True, True)
    # 劳动节 is 5月1日、2日 (Sat, Sun): made up on Mon 3 and Tue 4 May.
    assert [working(D(2027, 5, d)) for d in (3, 4, 5)] == [False, False, True]
    assert not working(D(2027, 4, 5))               # 清明 2027 (Monday)
    assert not working(D(2027, 6, 9))               # 端午, 五月初五
    assert not working(D(2027, 9, 15))              # 中秋, 八月十五
    # 国庆 1–3 Oct (Fri–Sun): 2 and 3 Oct on the weekend, made up on 4 and 5 Oct.
    assert [working(D(2027, 10, d)) for d in (1, 2, 3, 4, 5, 6)] == [False, False, False, False, False, True]
    assert workdays.day_info(D(2027, 10, 2)).name == statutory.NATIONAL_DAY
    # No make-up *working* weekend days can be guessed.
    assert cal.makeup_days() == []


def test_article_6_makeup_days_match_the_official_notices():
    """补假 on the working days right after the holiday: what the notices did in 2008–2026,
    except Dragon Boat 2012 (Friday 22 June off instead) and Mid-autumn 2015."""
    misses = []
    for year in range(2008, 2027):
        for day in statutory.statutory_rest_days(year):
            if chinese_calendar.is_workday(day):
                misses.append(day)
    assert misses == [D(2012, 6, 25), D(2015, 9, 28)]


def test_statutory_holidays_are_rest_days_in_every_official_year():
    """The fallback never calls a statutory holiday a working day where the real notice did not."""
    first, last = workdays.library_range()
    for year in range(max(first, 2008), last + 1):
        for day in statutory.statutory_holidays(year):
            assert not chinese_calendar.is_workday(day), (year, day)


def test_regulation_versions():
    assert len([d for d, n in statutory.statutory_holidays(2024).items() if n == statutory.SPRING_FESTIVAL]) == 3
    assert D(2024, 2, 9) not in statutory.statutory_holidays(2024)       # 除夕 not a holiday 2014–2024
    assert D(2025, 1, 28) in statutory.statutory_holidays(2025)          # 除夕 again from 2025
    assert D(2013, 2, 9) in statutory.statutory_holidays(2013)           # 除夕 under the 2008 version
    nineteen99 = statutory.statutory_holidays(1999)
    assert D(1999, 5, 2) not in nineteen99 and D(1999, 10, 3) in nineteen99   # amended 1999-09-18


def test_qingming_agrees_with_the_library_formula():
    for year in range(1990, 2100):
        formula = [d for d, name in chinese_calendar.get_solar_terms(D(year, 4, 1), D(year, 4, 30)) if name == "清明"]
        assert statutory.qingming(year) == formula[0], year


def test_weekly_rest_before_the_five_day_week():
    assert working(D(1993, 6, 5))          # a Saturday under the six-day week
    assert not working(D(1993, 6, 6))
    assert not working(D(1995, 5, 6))      # first Saturday off under 国务院令第174号


def test_out_of_range_years():
    with pytest.raises(CalendarRangeError):
        workdays.is_working_day(D(1989, 12, 31))
    with pytest.raises(CalendarRangeError):
        workdays.is_working_day(D(2101, 1, 1))
    with pytest.raises(CalendarRangeError):
        workdays.nth_working_day_after(D(2100, 12, 20), 30)


def test_working_days_between_counts_half_open_interval():
    # 2025-09-26 (Fri) .. 2025-10-10 (Fri): 28 Sep (make-up), 29, 30 Sep, 9, 10 Oct.
    assert workdays.working_days_between(D(2025, 9, 26), D(2025, 10, 10)) == 5
    assert workdays.working_days_between(D(2025, 10, 10), D(2025, 9, 26)) == 0
    # across a year boundary
    assert workdays.working_days_between(D(2025, 12, 30), D(2026, 1, 5)) == 3   # 31 Dec, 4 Jan (make-up), 5 Jan
