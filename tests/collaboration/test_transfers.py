"""Transfers: the acknowledgement deadline on real dates, receiver-only steps, outcome, bad input, case steps."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from zhibao.cases import engine
from zhibao.collaboration import transfers
from zhibao.collaboration.common import Refused
from zhibao.collaboration.models import CollaborationLimit, Transfer, TransferItem

pytestmark = pytest.mark.django_db


def send(staff, bodies, **kw):
    args = dict(receiver=bodies["police"], kind="crime", reason="涉嫌假冒注册商标罪", sent_on=dt.date(2025, 9, 30),
                subject="某商贸公司销售假冒注册商标商品", items=[("evidence", "现场检查笔录"), ("finding", "涉案金额逾五万元")])
    args.update(kw)
    return transfers.send(staff["officer"], **args)


def test_acknowledgement_due_counts_working_days_across_national_day_2025(staff, bodies):
    # Sent Tuesday 30 Sep 2025; 1–8 Oct is the National Day and Mid-Autumn holiday. Three working
    # days: Thu 9 Oct, Fri 10 Oct and Saturday 11 Oct, a make-up working day.
    t = send(staff, bodies)
    assert t.ack_due == dt.date(2025, 10, 11)
    assert t.ack_provisional is False
    assert t.ack_rule["n"] == 3 and t.ack_rule["unit"] == "working_days"
    assert set(t.bodies.all()) == {bodies["city_ip"], bodies["police"]}
    assert [i.kind for i in t.items.all()] == ["evidence", "finding"]


def test_a_later_rule_applies_only_to_transfers_sent_from_its_date(staff, bodies):
    CollaborationLimit.objects.create(code="acknowledgement", unit="working_days", amount=5,
                                      effective_from=dt.date(2025, 10, 15), source="市局通知", tag="V")
    before = send(staff, bodies)
    after = send(staff, bodies, sent_on=dt.date(2025, 10, 15))
    assert before.ack_due == dt.date(2025, 10, 11)
    assert after.ack_due == dt.date(2025, 10, 22)
    assert after.ack_rule["source"] == "市局通知"


def test_late_acknowledgement_is_flagged(staff, bodies):
    t = send(staff, bodies)
    assert t.is_late(dt.date(2025, 10, 13))            # not acknowledged, past the due date
    t = transfers.acknowledge(t, staff["police"], on=dt.date(2025, 10, 13))
    assert t.acknowledged_by == staff["police"]
    assert t.is_late(dt.date(2025, 10, 20))
    on_time = send(staff, bodies)
    on_time = transfers.acknowledge(on_time, staff["police"], on=dt.date(2025, 10, 11))
    assert not on_time.is_late(dt.date(2025, 10, 20))


def test_only_the_receiving_body_acknowledges_and_reports(staff, bodies):
    t = send(staff, bodies)
    for user in (staff["officer"], staff["court"]):
        with pytest.raises(Refused):
            transfers.acknowledge(t, user, on=dt.date(2025, 10, 9))
    with pytest.raises(PermissionDenied):
        transfers.acknowledge(t, staff["workstation"], on=dt.date(2025, 10, 9))
    t.refresh_from_db()
    assert t.acknowledged_on is None and t.version == 1


def test_outcome_and_recognition_reported_by_the_receiver(staff, bodies):
    t = send(staff, bodies)
    with pytest.raises(Refused, match="Acknowledge"):
        transfers.report_outcome(t, staff["police"], outcome="accepted", on=dt.date(2025, 10, 10))
    transfers.acknowledge(t, staff["police"], on=dt.date(2025, 10, 9))
    transfers.report_outcome(t, staff["police"], outcome="accepted", on=dt.date(2025, 10, 16), text="已立案侦查")
    evidence, finding = t.items.all()
    transfers.recognize(t, staff["police"], {evidence.pk: (True, ""), finding.pk: (False, "金额需重新鉴定")},
                        on=dt.date(2025, 10, 16))
    t.refresh_from_db()
    assert (t.outcome, t.outcome_on, t.outcome_text) == ("accepted", dt.date(2025, 10, 16), "已立案侦查")
    assert [i.recognized for i in t.items.all()] == [True, False]


@pytest.mark.parametrize("change, field", [
    ({"receiver": "city_ip"}, "receiver"),      # to oneself
    ({"receiver": 999999}, "receiver"),         # unknown body
    ({"receiver": "abc"}, "receiver"),
    ({"kind": "bribe"}, "kind"),
    ({"reason": "  "}, "reason"),
    ({"sent_on": dt.date(2025, 10, 21)}, "sent_on"),   # in the future
])
def test_bad_transfers_are_refused_and_change_nothing(staff, bodies, change, field):
    if change.get("receiver") == "city_ip":
        change = {"receiver": bodies["city_ip"]}
    with pytest.raises(Refused) as refused:
        send(staff, bodies, **change)
    assert field in refused.value.message_dict
    assert Transfer.objects.count() == 0 and TransferItem.objects.count() == 0


def test_outcome_dated_before_the_transfer_was_sent_is_refused(staff, bodies):
    t = send(staff, bodies)
    transfers.acknowledge(t, staff["police"], on=dt.date(2025, 10, 9))
    with pytest.raises(Refused) as refused:
        transfers.report_outcome(t, staff["police"], outcome="not_filed", on=dt.date(2025, 9, 29))
    assert "on" in refused.value.message_dict
    with pytest.raises(Refused):
        transfers.acknowledge(t, staff["police"], on=dt.date(2025, 10, 10))  # once only
    t.refresh_from_db()
    assert t.outcome == "" and t.version == 2


def test_transferring_a_case_takes_its_transfer_step(staff, bodies):
    officer = staff["officer"]
    case = engine.open_case("enforcement", officer, handling_org=bodies["city_ip"], title="销售假冒商标白酒",
                            kind="inspection", at=dt.date(2025, 9, 22))
    engine.add_document(case, officer, "filing_approval", reference="西市监知立〔2025〕1号")
    t = send(staff, bodies, case=case, subject="")
    case.refresh_from_db()
    assert case.stage == "transferred" and case.outcome == "transferred"
    assert t.event.code == "transfer" and t.event.data["receiver"] == "西安市公安局"
    assert t.event.data["transfer_to"] == "police"
    assert t.subject == "销售假冒商标白酒"
    assert {i.kind for i in t.items.all()} == {"evidence", "finding", "document"}
    assert transfers.untransferred_step(case) is None


def test_a_case_step_taken_before_is_linked_not_repeated(staff, bodies):
    officer = staff["officer"]
    case = engine.open_case("enforcement", officer, handling_org=bodies["city_ip"], title="侵犯专利权线索",
                            kind="inspection", at=dt.date(2025, 9, 22))
    engine.add_document(case, officer, "transfer_letter")
    event = engine.apply(case, "transfer", officer, at=dt.date(2025, 9, 26),
                         data={"transfer_to": "other_authority", "receiver": "宝鸡市市场监督管理局", "reason": "管辖"})
    assert transfers.untransferred_step(case) == event
    t = send(staff, bodies, case=case, event=event, receiver=bodies["baoji"], kind="competence",
             sent_on=dt.date(2025, 9, 26))
    assert t.event == event and transfers.untransferred_step(case) is None
    assert case.events.filter(code="transfer").count() == 1


def test_a_case_outside_the_senders_scope_is_refused(staff, bodies):
    case = engine.open_case("enforcement", staff["yanta"], handling_org=bodies["yanta_amr"], title="雁塔线索",
                            kind="inspection", at=dt.date(2025, 9, 22))
    with pytest.raises(Refused) as refused:
        send(staff, bodies, case=case)
    assert "case" in refused.value.message_dict
    case.refresh_from_db()
    assert case.stage == "clue" and Transfer.objects.count() == 0


def test_a_holiday_schedule_change_recounts_unacknowledged_due_dates(staff, bodies):
    from zhibao.collaboration.recompute import recompute_transfers

    t = send(staff, bodies)
    Transfer.objects.filter(pk=t.pk).update(ack_due=dt.date(2025, 10, 3))   # as counted before the schedule
    done = send(staff, bodies)
    transfers.acknowledge(done, staff["police"], on=dt.date(2025, 10, 9))
    Transfer.objects.filter(pk=done.pk).update(ack_due=dt.date(2025, 10, 3))
    assert "1" in recompute_transfers(None, year=2025)
    assert Transfer.objects.get(pk=t.pk).ack_due == dt.date(2025, 10, 11)
    assert Transfer.objects.get(pk=done.pk).ack_due == dt.date(2025, 10, 3)
