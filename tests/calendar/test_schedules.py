"""Entering a year's schedule: line-by-line checks, all-or-nothing save, provisional -> official."""
import datetime as dt

import pytest
from auditlog.models import LogEntry

from zhibao.calendar import schedules, workdays
from zhibao.calendar.limits import Rule, compute_deadline
from zhibao.calendar.models import HolidaySchedule, ScheduleDay
from zhibao.calendar.signals import schedule_changed
from zhibao.calendar.workdays import Source

from .conftest import SCHEDULE_2027

D = dt.date
pytestmark = pytest.mark.django_db


def enter_2027(**kwargs):
    return schedules.save_schedule(year=2027, source_document="国办发明电〔2026〕99号（测试）", text=SCHEDULE_2027,
                                   published=D(2026, 11, 10), **kwargs)


def test_parse_accepts_ranges_kinds_and_comments():
    parsed = schedules.parse_lines(2027, SCHEDULE_2027)
    assert parsed.ok, parsed.errors
    assert len([d for d in parsed.days if d.kind == "holiday"]) == 3 + 7 + 3 + 5 + 3 + 3 + 7
    assert {d.date for d in parsed.days if d.kind == "workday"} == {
        D(2027, 2, 14), D(2027, 2, 20), D(2027, 4, 25), D(2027, 9, 26), D(2027, 10, 9)}
    chinese = schedules.parse_lines(2027, "2027-01-01 休 元旦\n2027-02-14 班 春节调休\n")
    assert chinese.ok and [d.kind for d in chinese.days] == ["holiday", "workday"]


@pytest.mark.parametrize("text,fragment", [
    ("2027-13-01 holiday 元旦", "“2027-13-01” is not a date"),
    ("2027/01/01 holiday 元旦", "“2027/01/01” is not a date"),
    ("2026-12-31 holiday 元旦", "2026-12-31 is not in 2027"),
    ("2027-01-01 holiday 元旦\n2027-01-01 holiday 元旦", "Line 2: 2027-01-01 is already listed on line 1"),
    ("2027-02-10 workday 春节调休", "already a working day"),           # a Wednesday
    ("2027-01-01 rest 元旦", "“rest” is not a kind of day"),
    ("2027-01-01", "write a date, a kind"),
    ("2027-01-05..2027-01-03 holiday 元旦", "the range ends (2027-01-03) before it starts (2027-01-05)"),
    ("2027-01-01 holiday " + "长" * 51, "longer than 50 characters"),
    ("# nothing\n\n", "lists no days"),
])
def test_line_errors_are_specific(text, fragment):
    parsed = schedules.parse_lines(2027, text)
    assert not parsed.ok
    assert any(fragment in e for e in parsed.errors), parsed.errors


def test_every_bad_line_is_reported_with_its_number():
    parsed = schedules.parse_lines(2027, "2027-01-01 holiday 元旦\nbad\n2027-02-31 holiday x\n2027-02-10 workday y\n")
    assert [e.split(":")[0] for e in parsed.errors] == ["Line 2", "Line 3", "Line 4"]


def test_warnings_for_missing_statutory_holidays_and_known_years():
    parsed = schedules.parse_lines(2027, "2027-10-01..2027-10-07 holiday 国庆节\n")
    assert parsed.ok
    assert any("2027-02-06" in w for w in parsed.warnings)        # 春节 not listed
    assert not any("2027-10-02" in w for w in parsed.warnings)
    assert any("chinesecalendar" in w for w in schedules.parse_lines(2026, "2026-10-01 holiday 国庆节").warnings)


def test_nothing_is_saved_when_one_line_is_wrong():
    with pytest.raises(schedules.ScheduleError) as exc:
        schedules.save_schedule(year=2027, source_document="国办发明电〔2026〕99号", text=SCHEDULE_2027 + "2027-13-40 holiday x\n")
    assert len(exc.value.errors) == 1
    assert not HolidaySchedule.objects.exists() and not ScheduleDay.objects.exists()


def test_source_document_is_required():
    with pytest.raises(schedules.ScheduleError) as exc:
        schedules.save_schedule(year=2027, source_document="  ", text=SCHEDULE_2027)
    assert "source document" in exc.value.errors[0]


def test_entering_2027_makes_it_official_and_moves_deadlines(django_capture_on_commit_callbacks):
    before = compute_deadline(D(2027, 9, 20), Rule.working_days(10))
    assert before.provisional
    # Fallback: 21..30 Sep = 8 working days, then 1–3 Oct off and 4–5 Oct 补假, 6, 7 Oct.
    assert before.date == D(2027, 10, 7)

    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)
        return "3 case deadlines recomputed"

    schedule_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = enter_2027()
    finally:
        schedule_changed.disconnect(receiver)
    assert result.action == "entered" and result.was_provisional
    assert received and received[0]["year"] == 2027 and received[0]["action"] == "entered"
    assert "3 case deadlines recomputed" in result.notes
    changed = {c.date: c for c in result.changes}
    assert changed[D(2027, 9, 26)].now_working and not changed[D(2027, 9, 26)].was_working   # make-up Sunday
    assert not changed[D(2027, 10, 6)].now_working and changed[D(2027, 10, 6)].was_working
    assert D(2027, 10, 4) not in changed                                  # off either way

    cal = workdays.calendar_for(2027)
    assert cal.source is Source.ENTERED and not cal.provisional
    after = compute_deadline(D(2027, 9, 20), Rule.working_days(10))
    assert not after.provisional
    # 21–24 Sep (4), Sun 26 make-up (5), 27–30 (9); 1–7 Oct off; 8 Oct (10).
    assert after.date == D(2027, 10, 8)


def test_replacing_requires_consent_and_keeps_history(admin_user):
    enter_2027(user=admin_user)
    with pytest.raises(schedules.ScheduleError) as exc:
        enter_2027()
    assert "already has an entered schedule" in exc.value.errors[0]
    result = schedules.save_schedule(year=2027, source_document="国办发明电〔2026〕99号（更正）",
                                     text=SCHEDULE_2027.replace("2027-10-09 workday 国庆节调休\n", ""), replace=True)
    assert result.action == "replaced"
    assert [c.date for c in result.changes] == [D(2027, 10, 9)]
    assert not workdays.is_working_day(D(2027, 10, 9))[0]
    schedule = HolidaySchedule.objects.get(year=2027)
    assert schedule.entered_by == admin_user
    # django-auditlog kept the removed day and the changed document
    assert LogEntry.objects.get_for_object(schedule).count() >= 2
    assert LogEntry.objects.filter(object_repr__startswith="2027-10-09", action=LogEntry.Action.DELETE).exists()


def test_withdrawing_returns_to_the_fallback():
    enter_2027()
    assert workdays.is_working_day(D(2027, 10, 9)) == (True, False)      # make-up Saturday
    result = schedules.withdraw_schedule(2027)
    assert result.action == "withdrawn"
    assert workdays.is_working_day(D(2027, 10, 9)) == (False, True)


def test_an_entered_schedule_overrides_chinesecalendar():
    assert not workdays.is_working_day(D(2026, 10, 7))[0]
    schedules.save_schedule(year=2026, source_document="测试", text="2026-10-01..2026-10-06 holiday 国庆节\n")
    assert workdays.is_working_day(D(2026, 10, 7)) == (True, False)
    assert workdays.calendar_for(2026).source is Source.ENTERED


def test_other_processes_see_a_change_after_the_recheck_interval(settings, monkeypatch):
    """Another process's cache: simulate it by saving without signals reaching our cache."""
    assert workdays.is_working_day(D(2027, 10, 6)) == (True, True)
    monkeypatch.setattr(workdays, "clear_cache", lambda year=None: None)   # as if saved elsewhere
    enter_2027()
    assert workdays.is_working_day(D(2027, 10, 6)) == (True, True)        # still the cached answer
    monkeypatch.setattr(workdays._cache, "checked", workdays._cache.checked - 3600)
    assert workdays.is_working_day(D(2027, 10, 6)) == (False, False)


def test_schedule_round_trips_as_text():
    result = enter_2027()
    text = schedules.schedule_as_text(result.schedule)
    assert "2027-02-05..2027-02-11 holiday 春节" in text
    assert {d.date for d in schedules.parse_lines(2027, text).days} == set(
        result.schedule.days.values_list("date", flat=True))


def test_a_schedule_withdrawn_elsewhere_is_not_an_error():
    """The cache thought 2027 had a schedule (another process withdrew it): fall back quietly."""
    assert workdays.build_year(2027, entered=True).source is Source.STATUTORY
