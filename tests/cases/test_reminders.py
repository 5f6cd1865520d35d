"""The reminder job: each threshold once per clock and due date, however often and by however
many workers it runs; and the worklists."""
import datetime as dt
import threading

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from zhibao.cases import engine, reminders, worklists
from zhibao.cases.models import Clock, Reminder, Threshold
from zhibao.cases.tasks import send_reminders

from .conftest import clock

D = dt.date
pytestmark = pytest.mark.django_db


def open_report(officer, org, day=D(2026, 11, 2), title="举报"):
    return engine.open_case("report", officer, handling_org=org, title=title, at=day, kind="anonymous",
                            officers=[officer])


@pytest.fixture
def report(people, orgs):
    # 15 working days from Mon 2 Nov 2026: due Mon 23 Nov; three working days before is Wed 18 Nov.
    return open_report(people["officer"], orgs["city_ip"])


def levels(case):
    return list(Reminder.objects.filter(case=case).order_by("pk").values_list("threshold", "due_date"))


def test_each_threshold_once(report):
    check = clock(report, "check")
    assert (check.due_date, check.next_remind_on) == (D(2026, 11, 23), D(2026, 11, 18))
    assert reminders.run(D(2026, 11, 17)).created == 0
    assert reminders.run(D(2026, 11, 18)).created == 1
    assert reminders.run(D(2026, 11, 18)).created == 0
    assert reminders.run(D(2026, 11, 20)).created == 0
    assert reminders.run(D(2026, 11, 23)).created == 1
    assert reminders.run(D(2026, 11, 24)).created == 1
    assert reminders.run(D(2026, 11, 30)).created == 0
    assert levels(report) == [(Threshold.SOON, D(2026, 11, 23)), (Threshold.DUE, D(2026, 11, 23)),
                              (Threshold.OVERDUE, D(2026, 11, 23))]
    check.refresh_from_db()
    assert (check.notified, check.next_remind_on) == (Threshold.OVERDUE, None)


def test_a_clock_first_seen_overdue_gets_one_reminder(report):
    result = reminders.run(D(2026, 12, 1))
    assert (result.scanned, result.created) == (1, 1)
    assert levels(report) == [(Threshold.OVERDUE, D(2026, 11, 23))]


def test_an_extension_starts_the_thresholds_again(report, people, set_today):
    reminders.run(D(2026, 11, 18))
    set_today(D(2026, 11, 19))
    engine.apply(report, "extend", people["officer"], at=D(2026, 11, 19),
                 data={"clock": "check", "extension": "head", "approved_by": "局长", "approval_ref": "批"})
    check = clock(report, "check")
    assert check.due_date == D(2026, 12, 14) and check.notified == Threshold.NONE
    assert reminders.run(D(2026, 11, 20)).created == 0
    assert reminders.run(D(2026, 12, 9)).created == 1
    assert levels(report) == [(Threshold.SOON, D(2026, 11, 23)), (Threshold.SOON, D(2026, 12, 14))]


def test_paused_and_stopped_clocks_are_not_reminded(report, people, set_today):
    engine.apply(report, "pause", people["officer"], at=D(2026, 11, 10), data={"pause_reason": "testing"})
    assert reminders.run(D(2026, 12, 1)).scanned == 0
    engine.apply(report, "resume", people["officer"], at=D(2026, 11, 12))
    engine.apply(report, "transfer", people["officer"], at=D(2026, 11, 13),
                 data={"receiver": "宝鸡市市场监管局", "reason": "管辖"})
    assert reminders.run(D(2026, 12, 1)).scanned == 0


def test_a_threshold_claimed_by_another_worker_is_not_reminded_again(report, monkeypatch):
    real_claim = reminders.claim

    def another_worker_first(clock_id, due, level):
        assert real_claim(clock_id, due, level) is True      # the other worker wins
        return real_claim(clock_id, due, level)               # ours: the UPDATE changes nothing

    monkeypatch.setattr(reminders, "claim", another_worker_first)
    result = reminders.run(D(2026, 11, 18))
    assert (result.scanned, result.lost, result.created) == (1, 1, 0)
    assert not Reminder.objects.exists()


def test_the_unique_constraint_is_a_second_guard(report):
    reminders.run(D(2026, 11, 18))
    first = Reminder.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(clock=first.clock, case=first.case, threshold=first.threshold,
                                due_date=first.due_date)


def test_the_task_and_the_command(report, set_today):
    set_today(D(2026, 11, 18))
    assert send_reminders.call()["created"] == 1      # what the worker runs
    set_today(D(2026, 11, 23))
    from io import StringIO
    out = StringIO()
    call_command("remind", stdout=out)
    assert out.getvalue().startswith("1 reminders from 1 clocks")
    call_command("remind", date="2026-11-24", stdout=out)
    assert Reminder.objects.count() == 3


def test_signal_reports_new_reminders_after_commit(report, django_capture_on_commit_callbacks):
    seen = []

    def receiver(sender, reminders, **kwargs):
        seen.extend(reminders)

    reminders.reminders_created.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            reminders.run(D(2026, 11, 18))
    finally:
        reminders.reminders_created.disconnect(receiver)
    assert [r.threshold for r in seen] == [Threshold.SOON]


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_once(people, orgs):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads need a database file or PostgreSQL (set ZHIBAO_TEST_DB or DATABASE_URL)")
    officer = people["officer"]
    for i in range(40):
        open_report(officer, orgs["city_ip"], title=f"举报{i}")
    results, errors = [], []
    barrier = threading.Barrier(2)

    def work():
        try:
            barrier.wait()
            results.append(reminders.run(D(2026, 11, 18), batch=7))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sum(r.created for r in results) == 40 == Reminder.objects.count()
    assert sum(r.created + r.lost for r in results) == sum(r.scanned for r in results)
    assert set(Clock.objects.values_list("notified", flat=True)) == {Threshold.SOON}


class TestWorklists:
    def test_due_overdue_and_mine_within_scope(self, people, orgs):
        yanta, weiyang, city = people["yanta_officer"], people["weiyang_officer"], people["officer"]
        a = open_report(yanta, orgs["yanta_amr"], title="雁塔")                      # due 23 Nov
        b = open_report(weiyang, orgs["weiyang_amr"], title="未央")                    # due 23 Nov
        c = open_report(yanta, orgs["yanta_amr"], day=D(2026, 10, 9), title="早")    # due 30 Oct
        today = D(2026, 11, 20)
        assert [x.case for x in worklists.due_within(yanta, 5, today=today)] == [a]
        assert {x.case for x in worklists.due_within(city, 5, today=today)} == {a, b}
        assert [x.case for x in worklists.overdue(yanta, today=today)] == [c]
        assert list(worklists.overdue(weiyang, today=today)) == []
        assert list(worklists.mine(yanta)) == [c, a]
        assert list(worklists.due_within(city, 5, today=today, mine_only=True)) == []
        reminders.run(today)
        assert {r.case for r in worklists.inbox(yanta)} == {a, c}
        assert list(worklists.inbox(weiyang).values_list("case", flat=True)) == [b.pk]

    def test_the_scope_join_agrees_with_accounts_scope(self, people, orgs, entities, make_user):
        from zhibao.accounts.roles import Role, Scope
        from zhibao.accounts.scope import visible
        from zhibao.cases.models import Case

        open_report(people["yanta_officer"], orgs["yanta_amr"], title="雁塔")
        open_report(people["weiyang_officer"], orgs["weiyang_amr"], title="未央")
        engine.open_case("complaint", people["officer"], handling_org=orgs["city_ip"], title="投诉",
                         at=D(2026, 11, 2), parties=[{"role": "complainant", "entity": entities["qinchuan"]},
                                                     {"role": "respondent", "name": "某店"}])
        users = [people["officer"], people["yanta_officer"], people["weiyang_officer"],
                 make_user(Role.IP_OFFICER, Scope.DISTRICT, org="yanta_amr", username="district"),
                 make_user(Role.ENTERPRISE, Scope.ORGANIZATION, org=None, username="firm",
                           entity=entities["qinchuan"]),
                 make_user(Role.IP_OFFICER, Scope.ORGANIZATION, org="yanta_amr", username="gone", is_active=False)]
        for user in users:
            expected = set(Clock.objects.filter(case__in=visible(Case.objects.all(), user)))
            assert set(worklists.scoped_clocks(Clock.objects.all(), user)) == expected, user
        assert len(set(worklists.scoped_clocks(Clock.objects.all(), users[4]))) == 1
