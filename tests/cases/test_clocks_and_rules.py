"""Clocks: provisional years and recomputation when a holiday schedule is entered; pauses;
the explanation; time-limit rules in force on the start date, with history."""
import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from zhibao.calendar import workdays
from zhibao.calendar.schedules import save_schedule, withdraw_schedule
from zhibao.cases import clocks, engine, timelimits
from zhibao.cases.models import Case, Clock, ClockState, EventKind, TimeLimitRule

from .conftest import clock

D = dt.date
pytestmark = pytest.mark.django_db

SCHEDULE_2027 = """\
2027-01-01..2027-01-03 holiday 元旦
2027-02-05..2027-02-11 holiday 春节
2027-02-14 workday 春节调休
2027-02-20 workday 春节调休
2027-10-01..2027-10-07 holiday 国庆节
"""


@pytest.fixture
def filed(people, orgs, docs):
    """An enforcement case filed on 10 Nov 2026: its 90 days end in February 2027."""
    officer = people["officer"]
    case = engine.open_case("enforcement", officer, handling_org=orgs["city_ip"], title="跨年案件",
                            at=D(2026, 11, 10), kind="inspection", officers=[officer, people["colleague"]])
    docs(case, officer, "filing_approval")
    engine.apply(case, "file", officer, at=D(2026, 11, 10))
    return case


def test_a_deadline_in_2027_is_provisional_until_the_schedule_is_entered(
        filed, admin_user, django_capture_on_commit_callbacks):
    if workdays.library_knows(2027):
        pytest.skip("the installed chinesecalendar already knows 2027")
    decision = clock(filed, "decision")
    # 90 days from 10 Nov 2026 is Mon 8 Feb 2027, in the statutory Spring Festival days (provisional).
    assert decision.provisional is True
    assert decision.due_date == D(2027, 2, 11)
    assert any("2027" in line and "provisional" in line for line in clocks.explanation(decision))
    assert clock(filed, "filing_check").provisional is False

    with django_capture_on_commit_callbacks(execute=True):
        result = save_schedule(year=2027, source_document="国办发明电〔2026〕7号", text=SCHEDULE_2027,
                               user=admin_user)
    decision.refresh_from_db()
    # The entered schedule keeps 5–11 Feb off: the period ends on Fri 12 Feb, no longer provisional.
    assert (decision.due_date, decision.provisional) == (D(2027, 2, 12), False)
    assert any("1 changed" in note for note in result.notes)
    event = filed.events.get(kind=EventKind.SYSTEM)
    assert event.code == "recomputed" and event.data["old"] == "2027-02-11" and event.data["new"] == "2027-02-12"
    assert Case.objects.get(pk=filed.pk).due_date == D(2027, 2, 12)

    # Withdrawn again: back to the statutory fallback, provisional.
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_schedule(2027, user=admin_user)
    decision.refresh_from_db()
    assert (decision.due_date, decision.provisional) == (D(2027, 2, 11), True)


def test_a_stopped_clock_is_judged_again_when_its_provisional_date_moves(filed, people, admin_user,
                                                                         django_capture_on_commit_callbacks,
                                                                         set_today):
    if workdays.library_knows(2027):
        pytest.skip("the installed chinesecalendar already knows 2027")
    officer = people["officer"]
    set_today(D(2027, 2, 12))
    for step, data in (("submit_review", {}),):
        engine.apply(filed, step, officer, at=D(2027, 2, 12), data=data)
    decision = clock(filed, "decision")
    docs_needed = ("review_opinion", "advance_notice", "penalty_decision")
    for kind in docs_needed:
        engine.add_document(filed, officer, kind)
    engine.apply(filed, "send_notice", officer, at=D(2027, 2, 12), data={"served_on": "2027-02-12"})
    engine.apply(filed, "statements_done", officer, at=D(2027, 2, 12))
    engine.apply(filed, "decide_penalty", officer, at=D(2027, 2, 12))
    decision.refresh_from_db()
    assert (decision.state, decision.provisional) == (ClockState.OVERDUE, True)   # due 11 Feb, provisionally
    with django_capture_on_commit_callbacks(execute=True):
        save_schedule(year=2027, source_document="国办发明电〔2026〕7号", text=SCHEDULE_2027, user=admin_user)
    decision.refresh_from_db()
    assert (decision.state, decision.due_date) == (ClockState.MET, D(2027, 2, 12))


def test_pause_and_resume_on_the_same_day_excludes_nothing(filed, people):
    officer = people["officer"]
    decision = clock(filed, "decision")
    due = decision.due_date
    engine.apply(filed, "pause", officer, at=D(2026, 11, 12), data={"clock": "decision", "pause_reason": "testing"})
    engine.apply(filed, "resume", officer, at=D(2026, 11, 12), data={"clock": "decision"})
    decision.refresh_from_db()
    assert decision.pauses == [] and decision.due_date == due


def test_stopping_a_paused_clock_closes_its_pause(people, orgs):
    officer = people["officer"]
    report = engine.open_case("report", officer, handling_org=orgs["city_ip"], title="举报", at=D(2026, 3, 2),
                              kind="anonymous")
    engine.apply(report, "pause", officer, at=D(2026, 3, 4), data={"pause_reason": "appraisal"})
    engine.apply(report, "transfer", officer, at=D(2026, 3, 9), data={"receiver": "宝鸡市市场监管局", "reason": "管辖"})
    check = clock(report, "check")
    assert check.pauses == [["2026-03-04", "2026-03-08"]] and check.state == ClockState.MET
    assert check.paused_since is None


def test_explanation_lists_pauses_and_extensions(filed, people):
    officer = people["officer"]
    engine.apply(filed, "pause", officer, at=D(2026, 11, 12), data={"clock": "decision", "pause_reason": "appraisal"})
    engine.apply(filed, "resume", officer, at=D(2026, 11, 16), data={"clock": "decision"})
    engine.apply(filed, "extend", officer, at=D(2026, 11, 18),
                 data={"clock": "decision", "extension": "head", "approved_by": "局长", "approval_ref": "批"})
    lines = clocks.explanation(clock(filed, "decision"))
    assert lines[0].startswith("Start: 2026-11-10")
    assert any(line.startswith("Paused 2026-11-12–2026-11-15") for line in lines)
    assert any(line.startswith("Extended by 30 calendar days") for line in lines)


class TestRules:
    def test_every_declared_rule_is_seeded_once(self):
        declared = timelimits.all_declared()
        assert TimeLimitRule.objects.filter(organization__isnull=True).count() == len(declared)
        assert timelimits.sync() == 0
        row = TimeLimitRule.objects.get(procedure="enforcement", clock="filing_check", part="head")
        assert (row.unit, row.amount, row.max_count, row.tag) == ("working_days", 15, 1, "V")
        assert "Art. 18" in row.source

    def test_clocks_use_the_rule_in_force_on_their_start_date(self, people, orgs, admin_user):
        officer = people["officer"]
        timelimits.set_rule(user=admin_user, procedure="report", clock="check", unit="working_days", amount=10,
                            effective_from=D(2026, 6, 1), source="假设的修订：某部门规章第三十一条", tag="M",
                            note="test")

        def open_on(day):
            return engine.open_case("report", officer, handling_org=orgs["city_ip"], title="举报", at=day,
                                    kind="anonymous")

        before, after = open_on(D(2026, 5, 29)), open_on(D(2026, 6, 1))
        assert clock(before, "check").rule["n"] == 15
        assert clock(after, "check").rule["n"] == 10 and clock(after, "check").rule["tag"] == "M"
        assert [r.amount for r in timelimits.history("report", "check")] == [10, 15]
        entry = LogEntry.objects.get_for_model(TimeLimitRule).filter(action=LogEntry.Action.CREATE).latest("pk")
        assert entry.actor == admin_user

    def test_only_permitted_users_change_rules_within_the_declaration(self, people, orgs, admin_user):
        common = {"procedure": "enforcement", "clock": "decision", "effective_from": D(2026, 1, 1),
                  "source": "x", "tag": "V"}
        with pytest.raises(PermissionDenied):
            timelimits.set_rule(user=people["centre"], unit="days", amount=60, **common)  # no cases.manage_limits
        with pytest.raises(timelimits.RuleError):
            timelimits.set_rule(user=admin_user, unit="days", amount=60, organization=orgs["yanta_amr"], **common)
        with pytest.raises(timelimits.RuleError):
            timelimits.set_rule(user=admin_user, unit="date", amount=None, **common)
        with pytest.raises(timelimits.RuleError):
            timelimits.set_rule(user=admin_user, unit="days", amount=0, **common)
        with pytest.raises(timelimits.RuleError):
            timelimits.set_rule(user=admin_user, procedure="enforcement", clock="nope", unit="days", amount=5,
                                effective_from=D(2026, 1, 1), source="x", tag="V")
        # An extension keeps its declared cap unless a new one is given.
        row = timelimits.set_rule(user=admin_user, procedure="enforcement", clock="decision", part="head",
                                  unit="days", amount=20, effective_from=D(2026, 1, 1), source="修订", tag="V")
        assert row.max_count == 1

    def test_a_running_clock_keeps_its_snapshot(self, filed, admin_user):
        decision = clock(filed, "decision")
        due = decision.due_date
        timelimits.set_rule(user=admin_user, procedure="enforcement", clock="decision", unit="days", amount=60,
                            effective_from=D(2026, 11, 1), source="假设", tag="M")
        clocks.recompute(decision)
        assert decision.due_date == due and decision.rule["n"] == 90


def test_clock_changes_are_audited(filed, people):
    decision = clock(filed, "decision")
    entries = LogEntry.objects.get_for_object(decision)
    assert entries.filter(action=LogEntry.Action.CREATE).exists()
    assert entries.first().actor == people["officer"]
    case_entries = LogEntry.objects.get_for_object(Case.objects.get(pk=filed.pk))
    assert case_entries.filter(action=LogEntry.Action.UPDATE).exists()
    assert Clock.objects.filter(case=filed).count() == 2


def test_the_actor_is_recorded_after_a_finished_request_left_its_audit_context(people, orgs):
    from auditlog.context import auditlog_value, set_actor

    token = auditlog_value.set(None)
    try:
        with set_actor(people["colleague"]):
            pass          # django-auditlog leaves this context behind, as after a request
        case = engine.open_case("report", people["officer"], handling_org=orgs["city_ip"], title="举报",
                                at=D(2026, 3, 2), kind="anonymous")
        entry = LogEntry.objects.get_for_object(Case.objects.get(pk=case.pk)).get(action=LogEntry.Action.CREATE)
        assert entry.actor == people["officer"]
        assert auditlog_value.get()["actor"] == people["colleague"]     # the previous context is back
    finally:
        auditlog_value.reset(token)
