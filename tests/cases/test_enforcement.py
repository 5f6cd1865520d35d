"""Administrative enforcement from clue to closure, on real dates across the 2025 National Day holiday."""
import datetime as dt
from decimal import Decimal

import pytest

from zhibao.cases import engine
from zhibao.cases.errors import InvalidField
from zhibao.cases.models import ClockState, EventKind

from .conftest import clock

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def clue(people, orgs, entities):
    officer = people["officer"]
    return engine.open_case(
        "enforcement", officer, handling_org=orgs["city_ip"], title="秦川牌数控机床涉嫌假冒注册商标",
        at=D(2025, 9, 26), kind="inspection", channel="inspection",
        officers=[officer, people["colleague"]], lead=officer,
        parties=[{"role": "respondent", "entity": entities["weiyang_food"]}],
        rights=[entities["mark"]], products=[{"name": "数控机床", "brand": "秦川智造", "quantity": 3}],
        places=[{"address": "西安市未央区凤城八路1号"}])


def test_full_case_across_national_day(clue, people, docs):
    officer = people["officer"]
    case = clue
    assert case.stage == "clue" and case.number is None and case.district.name == "西安市"
    # 15 working days from Fri 26 Sep 2025: Sun 28 Sep (make-up) 1, 29, 30, 1–8 Oct off, 9 Oct 4, 10, Sat 11 Oct
    # (make-up) 6, then 13–17, 20–23 Oct: the 15th is Thu 23 Oct.
    check = clock(case, "filing_check")
    assert (check.started_on, check.due_date, check.provisional) == (D(2025, 9, 26), D(2025, 10, 23), False)
    assert case.due_date == D(2025, 10, 23)
    codes = {t.code for t in engine.available_transitions(case, officer)}
    assert {"file", "not_file", "transfer", "pause", "extend"} <= codes and "decide_penalty" not in codes

    # Sent for testing on Thu 9 Oct, results back Mon 13 Oct: 9, 10, 11 (make-up) Oct are excluded.
    engine.apply(case, "pause", officer, at=D(2025, 10, 9),
                 data={"clock": "filing_check", "pause_reason": "testing"})
    check.refresh_from_db()
    assert check.state == ClockState.PAUSED and check.paused_since == D(2025, 10, 9)
    engine.apply(case, "resume", officer, at=D(2025, 10, 13), data={"clock": "filing_check"})
    check.refresh_from_db()
    assert check.state == ClockState.RUNNING
    assert check.pauses == [["2025-10-09", "2025-10-12"]]
    assert check.due_date == D(2025, 10, 28)          # three working days later: 24, 27, 28 Oct

    # Extended once by 15 working days with the head's approval: 15 working days after 28 Oct.
    engine.apply(case, "extend", officer, at=D(2025, 10, 20),
                 data={"clock": "filing_check", "extension": "head", "approved_by": "王局长",
                       "approval_ref": "西市监批〔2025〕88号"})
    check.refresh_from_db()
    assert check.due_date == D(2025, 11, 18)

    docs(case, officer, "filing_approval")
    event = engine.apply(case, "file", officer, at=D(2025, 10, 22), expected_version=case.version)
    assert case.stage == "investigation" and case.filed_on == D(2025, 10, 22)
    assert case.number == "西市监知执〔2025〕1号"
    check.refresh_from_db()
    assert check.state == ClockState.MET and check.stopped_on == D(2025, 10, 22)
    decision = clock(case, "decision")
    assert decision.due_date == D(2026, 1, 20)         # 90 calendar days from 22 Oct 2025
    assert {e["action"] for e in event.effects} == {"stop", "start"}

    docs(case, officer, "preservation_notice")
    engine.apply(case, "preserve_evidence", officer, at=D(2025, 10, 24))
    assert clock(case, "preservation").due_date == D(2025, 11, 4)   # 7 working days
    docs(case, officer, "preservation_decision")
    engine.apply(case, "handle_preserved", officer, at=D(2025, 10, 30), data={"result": "依法没收"})
    assert clock(case, "preservation").state == ClockState.MET

    engine.apply(case, "submit_review", officer, at=D(2025, 11, 3))
    assert clock(case, "legal_review").due_date == D(2025, 11, 17)  # 10 working days
    docs(case, officer, "review_opinion", "advance_notice")
    engine.apply(case, "send_notice", officer, at=D(2025, 11, 10), data={"served_on": "2025-11-11"})
    statements = clock(case, "statements")
    assert (statements.started_on, statements.due_date, statements.holder) == (D(2025, 11, 11), D(2025, 11, 18),
                                                                               "party")
    engine.apply(case, "request_hearing", officer, at=D(2025, 11, 14))
    assert clock(case, "statements").state == ClockState.MET
    engine.apply(case, "pause", officer, at=D(2025, 11, 14), data={"clock": "decision", "pause_reason": "hearing"})

    # The hearing must be notified at least 7 working days before: notified Mon 17 Nov, the
    # seventh working day after is Wed 26 Nov, so Thu 27 Nov is the earliest hearing date.
    docs(case, officer, "hearing_notice")
    with pytest.raises(InvalidField) as refused:
        engine.apply(case, "notify_hearing", officer, at=D(2025, 11, 17), data={"hearing_date": "2025-11-26"})
    assert "2025-11-27" in refused.value.message
    engine.apply(case, "notify_hearing", officer, at=D(2025, 11, 17), data={"hearing_date": "2025-11-28"})
    docs(case, officer, "hearing_record")
    engine.apply(case, "hold_hearing", officer, at=D(2025, 11, 28))
    engine.apply(case, "resume", officer, at=D(2025, 11, 28), data={"clock": "decision"})
    decision.refresh_from_db()
    assert decision.pauses == [["2025-11-14", "2025-11-27"]]
    assert decision.due_date == D(2026, 2, 3)          # 14 paused days added

    engine.apply(case, "extend", officer, at=D(2026, 1, 10),
                 data={"clock": "decision", "extension": "head", "approved_by": "王局长", "approval_ref": "批2"})
    decision.refresh_from_db()
    assert decision.due_date == D(2026, 3, 5)          # +30 days from 3 Feb

    docs(case, officer, "penalty_decision")
    engine.apply(case, "decide_penalty", officer, at=D(2026, 1, 15),
                 data={"fine_amount": "50000", "decision_ref": "西市监知罚〔2026〕3号"})
    assert case.outcome == "penalty" and case.stage == "delivery"
    assert clock(case, "decision").state == ClockState.MET
    assert clock(case, "delivery").due_date == D(2026, 1, 26)       # 7 working days
    assert clock(case, "publication").due_date == D(2026, 2, 12)    # 20 working days
    assert case.facts["fine_amount"] == "50000.00"

    docs(case, officer, "delivery_receipt")
    engine.apply(case, "deliver", officer, at=D(2026, 1, 19), data={"served_on": "2026-01-19"})
    payment = clock(case, "payment")
    assert (payment.holder, payment.due_date) == ("party", D(2026, 2, 3))   # 15 days
    engine.apply(case, "publish", officer, at=D(2026, 1, 20), data={"url": "http://www.gsxt.gov.cn/"})
    engine.apply(case, "record_payment", officer, at=D(2026, 2, 2), data={"result": "已缴纳罚款"})
    docs(case, officer, "closing_report")
    engine.apply(case, "close", officer, at=D(2026, 2, 5))

    case.refresh_from_db()
    assert case.stage == "closed" and case.closed_on == D(2026, 2, 5) and case.due_date is None
    assert not case.clocks.filter(state__in=["running", "paused"]).exists()
    steps = list(case.events.filter(kind=EventKind.STEP).values_list("code", flat=True))
    assert steps[0] == "open" and steps[-1] == "close" and "decide_penalty" in steps
    assert case.events.filter(kind=EventKind.RECORD, code="document_added").count() == 10
    labels = [e.label for e in engine.timeline(case)]
    assert "File the case" in labels and "Document added" in labels
    assert list(case.events.values_list("seq", flat=True)) == list(range(1, case.events.count() + 1))


def test_numbers_count_per_prefix_and_year(clue, people, orgs, docs):
    officer = people["officer"]
    docs(clue, officer, "filing_approval")
    engine.apply(clue, "file", officer, at=D(2025, 10, 9))
    second = engine.open_case("enforcement", officer, handling_org=orgs["city_ip"], title="第二件",
                              at=D(2025, 12, 30), kind="report", officers=[officer, people["colleague"]])
    third = engine.open_case("enforcement", officer, handling_org=orgs["city_ip"], title="第三件",
                             at=D(2026, 1, 5), kind="report", officers=[officer, people["colleague"]])
    for case, day in ((second, D(2025, 12, 31)), (third, D(2026, 1, 6))):
        docs(case, officer, "filing_approval")
        engine.apply(case, "file", officer, at=day)
    assert (clue.number, second.number, third.number) == (
        "西市监知执〔2025〕1号", "西市监知执〔2025〕2号", "西市监知执〔2026〕1号")


def test_not_filed_and_transfer_end_the_case(clue, people, orgs, docs):
    officer = people["officer"]
    docs(clue, officer, "not_filed_approval")
    engine.apply(clue, "not_file", officer, at=D(2025, 10, 10), data={"reason": "违法行为轻微并及时改正"})
    assert (clue.stage, clue.outcome, clue.closed_on) == ("not_filed", "not_filed", D(2025, 10, 10))
    assert clock(clue, "filing_check").state == ClockState.MET
    assert engine.available_transitions(clue, officer) == []

    other = engine.open_case("enforcement", officer, handling_org=orgs["city_ip"], title="涉嫌犯罪",
                             at=D(2025, 10, 10), kind="inspection", officers=[officer, people["colleague"]])
    docs(other, officer, "transfer_letter")
    engine.apply(other, "transfer", officer, at=D(2025, 10, 15),
                 data={"transfer_to": "police", "receiver": "西安市公安局", "reason": "涉嫌犯罪"})
    assert (other.stage, other.outcome) == ("transferred", "transferred")


def test_a_decision_without_penalty_needs_no_publication(clue, people, docs):
    officer = people["officer"]
    case = clue
    docs(case, officer, "filing_approval", "review_opinion", "advance_notice", "no_penalty_decision",
         "delivery_receipt", "closing_report")
    engine.apply(case, "file", officer, at=D(2025, 10, 9))
    engine.apply(case, "submit_review", officer, at=D(2025, 10, 20))
    engine.apply(case, "send_notice", officer, at=D(2025, 10, 27), data={"served_on": "2025-10-27"})
    engine.apply(case, "statements_done", officer, at=D(2025, 11, 3))
    engine.apply(case, "decide_no_penalty", officer, at=D(2025, 11, 5), data={"reason": "首违不罚"})
    assert not case.clocks.filter(code="publication").exists()
    engine.apply(case, "deliver", officer, at=D(2025, 11, 6), data={"served_on": "2025-11-06"})
    assert not case.clocks.filter(code="payment").exists()
    engine.apply(case, "close", officer, at=D(2025, 11, 10))
    assert (case.stage, case.outcome) == ("closed", "no_penalty")


def test_fine_is_stored_as_decimal_text(clue, people, docs):
    officer = people["officer"]
    docs(clue, officer, "filing_approval", "review_opinion", "advance_notice", "penalty_decision")
    engine.apply(clue, "file", officer, at=D(2025, 10, 9))
    engine.apply(clue, "submit_review", officer, at=D(2025, 10, 20))
    engine.apply(clue, "send_notice", officer, at=D(2025, 10, 27), data={"served_on": D(2025, 10, 28)})
    engine.apply(clue, "statements_done", officer, at=D(2025, 11, 4))
    event = engine.apply(clue, "decide_penalty", officer, at=D(2025, 11, 5), data={"fine_amount": Decimal("3000")})
    assert event.data["fine_amount"] == "3000.00"
