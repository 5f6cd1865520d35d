"""Patent infringement adjudication under the 2025 CNIPA rule, around the 2026 Spring Festival."""
import datetime as dt

import pytest

from zhibao.accounts.roles import Role
from zhibao.cases import engine, timelimits
from zhibao.cases.errors import ConditionNotMet, ExtensionRefused, InvalidField
from zhibao.cases.models import ClockState

from .conftest import clock

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def request_case(people, orgs, entities):
    officer = people["officer"]
    return engine.open_case(
        "adjudication", officer, handling_org=orgs["city_ip"], title="数控机床主轴冷却装置专利侵权纠纷",
        at=D(2026, 2, 10), channel="walk_in", officers=[officer, people["colleague"]],
        parties=[{"role": "requester", "entity": entities["qinchuan"]},
                 {"role": "respondent", "entity": entities["weiyang_food"]}],
        rights=[entities["patent"]])


def accept(case, officer, docs, at=D(2026, 2, 26)):
    docs(case, officer, "acceptance_notice")
    engine.apply(case, "accept", officer, at=at, data={"panel_size": 3})


def test_full_adjudication_announced_at_the_hearing(request_case, people, docs):
    officer, expert = people["officer"], people["expert"]
    case = request_case
    # 5 working days from Tue 10 Feb 2026: 11, 12, 13, Sat 14 (make-up), 15–23 Feb off, 24 Feb.
    assert clock(case, "acceptance").due_date == D(2026, 2, 24)
    engine.apply(case, "triage", officer, at=D(2026, 2, 11), data={"track": "complex", "reason": "技术方案复杂"})
    assert case.track == "complex"
    engine.apply(case, "extend", officer, at=D(2026, 2, 13),
                 data={"clock": "acceptance", "extension": "complex", "approved_by": "李处长", "approval_ref": "批1"})
    # +5 working days from 24 Feb: 25, 26, 27, Sat 28 (make-up), Mon 2 Mar.
    assert clock(case, "acceptance").due_date == D(2026, 3, 2)

    with pytest.raises(InvalidField):
        docs(case, officer, "acceptance_notice")
        engine.apply(case, "accept", officer, at=D(2026, 2, 26), data={"panel_size": 4})
    engine.apply(case, "accept", officer, at=D(2026, 2, 26), data={"panel_size": 3})
    assert case.number == "西知裁〔2026〕1号" and case.filed_on == D(2026, 2, 26)
    assert clock(case, "acceptance").state == ClockState.MET
    assert clock(case, "service").due_date == D(2026, 3, 4)
    assert clock(case, "decision").due_date == D(2026, 5, 26)      # 3 months
    assert not case.clocks.filter(code="fast_target").exists()

    docs(case, officer, "defence_notice")
    engine.apply(case, "serve", officer, at=D(2026, 3, 2), data={"served_on": "2026-03-03"})
    defence = clock(case, "defence")
    assert (defence.started_on, defence.due_date, defence.rule["part"]) == (D(2026, 3, 3), D(2026, 3, 18), "base")
    with pytest.raises(ConditionNotMet):
        engine.apply(case, "defence_lapsed", officer, at=D(2026, 3, 18))
    engine.apply(case, "receive_defence", officer, at=D(2026, 3, 16))
    assert clock(case, "forward_defence").due_date == D(2026, 3, 23)
    engine.apply(case, "forward_defence", officer, at=D(2026, 3, 18))

    # The evidence period is at least 15 days: set on 20 Mar, not before 4 Apr.
    with pytest.raises(InvalidField):
        engine.apply(case, "set_evidence_period", officer, at=D(2026, 3, 20), data={"evidence_until": "2026-04-03"})
    engine.apply(case, "set_evidence_period", officer, at=D(2026, 3, 20), data={"evidence_until": "2026-04-10"})
    assert clock(case, "evidence").due_date == D(2026, 4, 10)
    engine.apply(case, "assign_investigator", officer, at=D(2026, 3, 20), data={"investigator": "张工"})
    docs(case, expert, "technical_opinion")
    engine.apply(case, "technical_opinion", expert, at=D(2026, 4, 8))
    engine.apply(case, "close_evidence", officer, at=D(2026, 4, 10))
    assert clock(case, "evidence").state == ClockState.MET

    # Oral hearing notice at least 3 working days before: notified Mon 13 Apr, earliest Fri 17 Apr.
    docs(case, officer, "hearing_notice")
    with pytest.raises(InvalidField):
        engine.apply(case, "notify_hearing", officer, at=D(2026, 4, 13), data={"hearing_date": "2026-04-16"})
    engine.apply(case, "notify_hearing", officer, at=D(2026, 4, 13), data={"hearing_date": "2026-04-17"})
    docs(case, officer, "hearing_record", "adjudication_decision")
    with pytest.raises(Exception) as early:
        engine.apply(case, "announce_at_hearing", officer, at=D(2026, 4, 16), data={"outcome": "infringement"})
    assert "2026-04-17" in str(early.value)
    engine.apply(case, "announce_at_hearing", officer, at=D(2026, 4, 17),
                 data={"outcome": "infringement", "decision_ref": "西知裁字〔2026〕1号"})
    assert (case.stage, case.outcome) == ("decided", "infringement")
    assert clock(case, "decision").state == ClockState.MET
    assert clock(case, "publication").due_date == D(2026, 5, 19)   # 20 working days, across Labour Day
    with pytest.raises(ConditionNotMet):
        engine.apply(case, "close", officer, at=D(2026, 4, 20))
    engine.apply(case, "publish", officer, at=D(2026, 4, 30))
    engine.apply(case, "close", officer, at=D(2026, 5, 6))
    assert case.closed_on == D(2026, 5, 6)


def test_respondent_without_prc_domicile_has_30_days(request_case, people, docs):
    officer = people["officer"]
    engine.add_party(request_case, officer, role="respondent", name="Acme Tools GmbH", no_prc_domicile=True)
    accept(request_case, officer, docs)
    docs(request_case, officer, "defence_notice")
    engine.apply(request_case, "serve", officer, at=D(2026, 3, 2), data={"served_on": "2026-03-03"})
    defence = clock(request_case, "defence")
    assert (defence.rule["part"], defence.rule["n"], defence.due_date) == ("abroad", 30, D(2026, 4, 2))
    # After the period, the case goes on without a defence.
    engine.apply(request_case, "defence_lapsed", officer, at=D(2026, 4, 3))
    assert request_case.stage == "trial"


def test_decision_extensions_follow_article_37(request_case, people, docs):
    officer = people["officer"]
    accept(request_case, officer, docs)
    decision = clock(request_case, "decision")
    assert decision.due_date == D(2026, 5, 26)

    def extend(ext, **more):
        engine.apply(request_case, "extend", officer, at=D(2026, 5, 20),
                     data={"clock": "decision", "extension": ext, "approved_by": "局长", "approval_ref": "批",
                           **more})

    with pytest.raises(ExtensionRefused, match="only after"):
        extend("higher_office")
    with pytest.raises(ExtensionRefused, match="at most 1 month"):
        extend("head", n=2)
    extend("head")
    decision.refresh_from_db()
    assert decision.due_date == D(2026, 6, 26)
    with pytest.raises(ExtensionRefused, match="only 1 time"):
        extend("head")
    with pytest.raises(ExtensionRefused, match="at most 2 months"):
        extend("higher_office", n=3)
    extend("higher_office", n=1)
    decision.refresh_from_db()
    assert decision.due_date == D(2026, 7, 27)     # 26 Jul 2026 is a Sunday
    assert [e["code"] for e in decision.extensions] == ["head", "higher_office"]
    with pytest.raises(ExtensionRefused):
        extend("higher_office", n=1)
    # An acceptance extension needs a complex case.
    other = engine.open_case("adjudication", officer, handling_org=request_case.handling_org, title="简单案件",
                             at=D(2026, 3, 2), parties=[{"role": "requester", "name": "甲"},
                                                        {"role": "respondent", "name": "乙"}])
    with pytest.raises(ExtensionRefused, match="does not apply"):
        engine.apply(other, "extend", officer, at=D(2026, 3, 3),
                     data={"clock": "acceptance", "extension": "complex", "approved_by": "x", "approval_ref": "y"})


def test_fast_track_target_is_set_by_the_body(request_case, people, orgs, docs, admin_user):
    officer = people["officer"]
    engine.apply(request_case, "triage", officer, at=D(2026, 2, 11), data={"track": "fast", "reason": "事实清楚"})
    # The city IP administration sets its own fast-track target: 20 days from filing.
    timelimits.set_rule(user=admin_user, procedure="adjudication", clock="fast_target", unit="days", amount=20,
                        effective_from=D(2026, 1, 1), source="西安市知识产权局 快速处理承诺", tag="V",
                        organization=orgs["city_ip"])
    accept(request_case, officer, docs, at=D(2026, 3, 10))
    target = clock(request_case, "fast_target")
    assert target.legal is False and target.rule["n"] == 20 and target.due_date == D(2026, 3, 30)
    assert clock(request_case, "decision").legal is True
    # Another body keeps the declared target of one month.
    other = engine.open_case("adjudication", people["yanta_officer"], handling_org=orgs["yanta_amr"], title="雁塔",
                             at=D(2026, 3, 2), track="fast", parties=[{"role": "requester", "name": "甲"},
                                                                       {"role": "respondent", "name": "乙"}])
    docs(other, people["yanta_officer"], "acceptance_notice")
    engine.apply(other, "accept", people["yanta_officer"], at=D(2026, 3, 2), data={"panel_size": 3})
    target = clock(other, "fast_target")
    assert (target.rule["unit"], target.rule["n"], target.due_date) == ("months", 1, D(2026, 4, 2))


def test_mediation_or_withdrawal_ends_the_case(request_case, people, docs):
    officer = people["officer"]
    accept(request_case, officer, docs)
    docs(request_case, officer, "mediation_agreement")
    engine.apply(request_case, "mediate", officer, at=D(2026, 3, 20))
    assert (request_case.stage, request_case.outcome) == ("closed", "mediated")
    assert clock(request_case, "decision").state == ClockState.MET
    # Clocks the closure did not stop explicitly are stopped as no longer applicable.
    assert clock(request_case, "service").state == ClockState.STOPPED


def test_expert_may_only_give_the_technical_opinion(request_case, people, docs):
    from zhibao.cases.errors import NotAllowed

    expert = people["expert"]
    assert expert.role == Role.EXPERT
    assert engine.available_transitions(request_case, expert) == []
    with pytest.raises(NotAllowed):
        engine.apply(request_case, "triage", expert, at=D(2026, 2, 11), data={"track": "simple", "reason": "x"})
