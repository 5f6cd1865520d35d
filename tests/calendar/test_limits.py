"""Deadlines counted the way the law counts them, on real 2025 and 2026 dates."""
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from zhibao.calendar import workdays
from zhibao.calendar.limits import Rule, StepCode, Unit, add_months, compute_deadline, normalize_pauses
from zhibao.calendar.workdays import CalendarRangeError

D = dt.date
pytestmark = pytest.mark.django_db


def deadline(start, rule, pauses=()):
    return compute_deadline(start, rule, pauses).date


class TestWorkingDays:
    def test_across_2025_national_day(self):
        # Fri 26 Sep; Sat 27 rest; Sun 28 make-up (1); 29 (2); 30 (3); 1–8 Oct off; 9 (4); 10 (5).
        assert deadline(D(2025, 9, 26), Rule.working_days(5)) == D(2025, 10, 10)
        # 7 working days from 30 Sep: 9, 10, 11 (Sat, make-up), 13, 14, 15, 16 Oct.
        assert deadline(D(2025, 9, 30), Rule.working_days(7)) == D(2025, 10, 16)

    def test_across_2026_national_day(self):
        # 29, 30 Sep; 1–7 Oct off; 8, 9 Oct; 10 Oct (Sat) is a make-up working day.
        result = compute_deadline(D(2026, 9, 28), Rule.working_days(5))
        assert result.date == D(2026, 10, 10) and not result.provisional
        # 20 Sep 2026 (Sun) is a make-up working day for National Day: counted.
        assert deadline(D(2026, 9, 18), Rule.working_days(1)) == D(2026, 9, 20)

    def test_across_2025_spring_festival(self):
        # Mon 20 Jan: 21, 22, 23, 24, 26 (Sun, make-up), 27; 28 Jan–4 Feb off; 5, 6, 7, 8 (Sat, make-up) Feb.
        assert deadline(D(2025, 1, 20), Rule.working_days(9)) == D(2025, 2, 7)
        assert deadline(D(2025, 1, 20), Rule.working_days(10)) == D(2025, 2, 8)
        assert deadline(D(2025, 1, 24), Rule.working_days(1)) == D(2025, 1, 26)
        assert deadline(D(2025, 2, 7), Rule.working_days(1)) == D(2025, 2, 8)   # Sat 8 Feb make-up

    def test_across_2026_spring_festival(self):
        # Fri 13 Feb 2026: Sat 14 make-up (1); 15–23 off; 24 (2) ... 27 (5); Sat 28 make-up (6).
        assert deadline(D(2026, 2, 13), Rule.working_days(1)) == D(2026, 2, 14)
        assert deadline(D(2026, 2, 13), Rule.working_days(5)) == D(2026, 2, 27)
        assert deadline(D(2026, 2, 13), Rule.working_days(6)) == D(2026, 2, 28)

    def test_start_day_is_not_counted_even_when_a_working_day(self):
        assert deadline(D(2025, 3, 3), Rule.working_days(1)) == D(2025, 3, 4)
        # Start on a holiday: counting begins with the first working day after it.
        assert deadline(D(2025, 10, 3), Rule.working_days(1)) == D(2025, 10, 9)

    def test_explanation_names_the_holidays_and_makeup_days(self):
        result = compute_deadline(D(2025, 9, 26), Rule.working_days(5))
        codes = [s.code for s in result.steps]
        assert codes[0] is StepCode.START and codes[-1] is StepCode.RESULT
        holidays = [s for s in result.steps if s.code is StepCode.HOLIDAYS]
        assert (holidays[0].first, holidays[0].last) == (D(2025, 10, 1), D(2025, 10, 8))
        makeup = [s for s in result.steps if s.code is StepCode.MAKEUP]
        assert [s.first for s in makeup] == [D(2025, 9, 28)]
        assert any("2025-10-10" in line for line in result.explanation)


class TestCalendarDays:
    def test_plain_count(self):
        assert deadline(D(2026, 11, 1), Rule.days(30)) == D(2026, 12, 1)

    def test_last_day_on_a_holiday_rolls_to_the_next_working_day(self):
        # 15 days from 16 Sep 2025 is 1 Oct, National Day: the period ends Thu 9 Oct.
        result = compute_deadline(D(2025, 9, 16), Rule.days(15))
        assert result.nominal == D(2025, 10, 1) and result.date == D(2025, 10, 9)
        assert any(s.code is StepCode.ROLLOVER for s in result.steps)

    def test_last_day_on_a_makeup_saturday_does_not_roll(self):
        # 15 days from 26 Sep 2025 is Sat 11 Oct, a make-up working day.
        assert deadline(D(2025, 9, 26), Rule.days(15)) == D(2025, 10, 11)

    def test_last_day_on_a_weekend_rolls_to_monday(self):
        assert deadline(D(2025, 3, 1), Rule.days(14)) == D(2025, 3, 17)   # Sat 15 -> Mon 17

    def test_spring_festival_2026_rollover(self):
        # 30 days from 17 Jan 2026 = 16 Feb, inside 15–23 Feb: ends Tue 24 Feb.
        assert deadline(D(2026, 1, 17), Rule.days(30)) == D(2026, 2, 24)


class TestMonths:
    @pytest.mark.parametrize("start,n,expected", [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),     # leap year
        (D(2025, 8, 31), 1, D(2025, 9, 30)),
        (D(2025, 3, 15), 3, D(2025, 6, 16)),      # 15 Jun 2025 is a Sunday -> Monday 16
        (D(2025, 11, 30), 2, D(2026, 1, 30)),
        (D(2025, 12, 31), 2, D(2026, 2, 28)),     # month end, and 28 Feb 2026 is a make-up Saturday
        (D(2025, 7, 1), 3, D(2025, 10, 9)),       # 1 Oct 2025 holiday -> 9 Oct
        (D(2025, 2, 28), 1, D(2025, 3, 28)),      # same day number, not month end
    ])
    def test_month_periods(self, start, n, expected):
        assert deadline(start, Rule.months(n)) == expected

    def test_month_end_step_is_explained(self):
        result = compute_deadline(D(2025, 1, 31), Rule.months(1))
        assert result.steps[1].code is StepCode.MONTH_LAST_DAY

    def test_add_months(self):
        assert add_months(D(2025, 12, 31), 2) == (D(2026, 2, 28), True)
        assert add_months(D(2025, 5, 15), 12) == (D(2026, 5, 15), False)


def test_feb_28_2026_is_a_makeup_saturday_so_a_month_period_ending_there_does_not_roll():
    assert deadline(D(2026, 1, 31), Rule.months(1)) == D(2026, 2, 28)
    # Nov 30 + 3 months: 28 Feb 2026 is the month's last day and a make-up working Saturday.
    assert deadline(D(2025, 11, 30), Rule.months(3)) == D(2026, 2, 28)


class TestProvisional:
    def test_a_2027_start_is_provisional(self):
        result = compute_deadline(D(2027, 3, 1), Rule.working_days(15))
        assert result.provisional and result.provisional_years == (2027,)
        assert any(s.code is StepCode.PROVISIONAL for s in result.steps)

    def test_a_count_crossing_into_2027_is_provisional(self):
        result = compute_deadline(D(2026, 12, 20), Rule.working_days(10))
        assert result.provisional and result.provisional_years == (2027,)

    def test_a_calendar_count_ending_in_2026_is_not(self):
        assert not compute_deadline(D(2026, 11, 30), Rule.days(31)).provisional
        assert compute_deadline(D(2026, 12, 15), Rule.days(30)).provisional

    def test_start_day_itself_is_not_consulted(self):
        # The start day, 31 Dec 2025, is never looked at; only 2026 days are.
        assert not compute_deadline(D(2025, 12, 31), Rule.working_days(3)).provisional


class TestPauses:
    def test_calendar_days_pause_extends_by_its_length(self):
        # 30 days from 1 Nov 2026 = 1 Dec; a 5-day pause pushes it to 6 Dec (Sun) -> Mon 7 Dec.
        result = compute_deadline(D(2026, 11, 1), Rule.days(30), [(D(2026, 11, 10), D(2026, 11, 14))])
        assert result.nominal == D(2026, 12, 6) and result.date == D(2026, 12, 7)
        assert result.pauses == ((D(2026, 11, 10), D(2026, 11, 14)),)

    def test_working_days_pause_costs_only_the_working_days_it_covers(self):
        # Pause over the whole 2025 National Day holiday costs nothing but the make-up Saturday 11 Oct.
        base = deadline(D(2025, 9, 26), Rule.working_days(10))
        paused = compute_deadline(D(2025, 9, 26), Rule.working_days(10), [(D(2025, 10, 1), D(2025, 10, 8))])
        assert paused.date == base
        # A pause of Mon–Fri 13–17 Oct costs 5 working days.
        later = deadline(D(2025, 9, 26), Rule.working_days(10), [(D(2025, 10, 13), D(2025, 10, 17))])
        assert workdays.working_days_between(base, later) == 5

    def test_pause_after_the_deadline_changes_nothing(self):
        start = D(2026, 3, 2)
        assert deadline(start, Rule.days(10), [(D(2026, 4, 1), D(2026, 4, 30))]) == deadline(start, Rule.days(10))

    def test_pause_before_start_is_ignored_and_overlaps_merge(self):
        start = D(2026, 3, 2)
        plain = deadline(start, Rule.days(20))
        assert deadline(start, Rule.days(20), [(D(2026, 2, 1), D(2026, 3, 2))]) == plain
        merged = normalize_pauses([(D(2026, 3, 5), D(2026, 3, 8)), (D(2026, 3, 7), D(2026, 3, 10)),
                                   (D(2026, 3, 11), D(2026, 3, 11))], start)
        assert merged == [(D(2026, 3, 5), D(2026, 3, 11))]

    def test_months_pause_extends_by_calendar_days(self):
        # 3 months from 2 Mar 2026 = 2 Jun; paused 10 days in April -> 12 Jun (Fri).
        result = compute_deadline(D(2026, 3, 2), Rule.months(3), [(D(2026, 4, 1), D(2026, 4, 10))])
        assert result.date == D(2026, 6, 12)

    def test_deadline_never_falls_inside_a_pause(self):
        # 14 days from 1 Mar 2025 = Sat 15 Mar -> Mon 17 Mar; a pause 17–19 Mar starting after the
        # nominal last day: the deadline is the first working day after the pause.
        result = compute_deadline(D(2025, 3, 1), Rule.days(14), [(D(2025, 3, 17), D(2025, 3, 19))])
        assert result.date == D(2025, 3, 20)
        assert any(s.code is StepCode.PAUSE_AT_END for s in result.steps)

    def test_bad_pause(self):
        with pytest.raises(ValueError):
            compute_deadline(D(2025, 3, 1), Rule.days(14), [(D(2025, 3, 17), D(2025, 3, 16))])


def test_rule_validation():
    for bad in (0, -1, 3651):
        with pytest.raises(ValueError):
            Rule.days(bad)
    with pytest.raises(TypeError):
        Rule(Unit.DAYS, "5")


def test_range_errors():
    with pytest.raises(CalendarRangeError):
        compute_deadline(D(2100, 12, 1), Rule.months(1))
    with pytest.raises(CalendarRangeError):
        compute_deadline(D(2100, 12, 20), Rule.days(20))
    with pytest.raises(CalendarRangeError):
        compute_deadline(D(1989, 12, 20), Rule.days(20))


# ---------------------------------------------------------------- properties

dates = st.dates(min_value=D(2004, 1, 1), max_value=D(2028, 12, 31))
counts = st.integers(min_value=1, max_value=250)
prop = settings(max_examples=150, deadline=None, database=None,  # no .hypothesis/ folder in the checkout
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@prop
@given(start=dates, n=counts)
def test_working_day_deadline_is_a_working_day_after_start(start, n):
    result = compute_deadline(start, Rule.working_days(n))
    assert result.date > start
    assert workdays.is_working_day(result.date)[0]
    assert workdays.working_days_between(start, result.date) == n


@prop
@given(start=dates, n=counts)
def test_one_more_working_day_is_later(start, n):
    assert deadline(start, Rule.working_days(n + 1)) > deadline(start, Rule.working_days(n))


@prop
@given(start=dates, n=counts, unit=st.sampled_from([Unit.DAYS, Unit.MONTHS]))
def test_calendar_and_month_deadlines_are_working_days_on_or_after_the_nominal_day(start, n, unit):
    n = min(n, 48) if unit is Unit.MONTHS else n
    result = compute_deadline(start, Rule(unit, n))
    assert workdays.is_working_day(result.date)[0]
    assert result.date >= result.nominal > start
    # every day between the nominal last day and the deadline is a rest day
    day = result.nominal
    while day < result.date:
        assert not workdays.is_working_day(day)[0]
        day += dt.timedelta(days=1)


@prop
@given(start=dates, n=counts)
def test_start_day_never_counted(start, n):
    assert compute_deadline(start, Rule.days(n)).nominal == start + dt.timedelta(days=n)
    # the first working day after start is the 1-working-day deadline, never start itself
    assert deadline(start, Rule.working_days(1)) == workdays.next_working_day(start + dt.timedelta(days=1))[0]


@prop
@given(start=dates, n=counts, pause_at=st.integers(min_value=1, max_value=300), length=st.integers(1, 60),
       unit=st.sampled_from([Unit.DAYS, Unit.WORKING_DAYS]))
def test_a_pause_never_brings_a_deadline_forward_and_is_never_inside_it(start, n, pause_at, length, unit):
    first = start + dt.timedelta(days=pause_at)
    last = first + dt.timedelta(days=length - 1)
    plain = compute_deadline(start, Rule(unit, n))
    paused = compute_deadline(start, Rule(unit, n), [(first, last)])
    assert paused.date >= plain.date
    assert not first <= paused.date <= last
    if first > plain.date:
        assert paused.date == plain.date


@prop
@given(start=dates, n=counts)
def test_provisional_exactly_when_a_non_official_year_is_counted(start, n):
    result = compute_deadline(start, Rule.working_days(n))
    official_until = workdays.library_range()[1]
    assert result.provisional == (result.date.year > official_until)
