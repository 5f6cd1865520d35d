"""Reports and complaints: anonymous and named reports, tracking number and check code, routing,
the filing decision that opens an enforcement case, telling the named reporter."""
import datetime as dt

import pytest

from zhibao.cases import engine
from zhibao.cases.errors import ConditionNotMet, NotAllowed
from zhibao.cases.models import ClockState

from .conftest import clock

D = dt.date
pytestmark = pytest.mark.django_db


def test_named_report_from_the_portal_becomes_an_enforcement_case(people, orgs, entities, docs):
    officer, colleague = people["officer"], people["colleague"]
    report = engine.open_case(
        "report", None, handling_org=orgs["city_ip"], title="某商场销售假冒秦川智造机床配件", at=D(2025, 9, 26),
        kind="named", channel="portal", summary="在未央区某商场发现",
        parties=[{"role": "reporter", "name": "王先生"}, {"role": "respondent", "entity": entities["weiyang_food"]}],
        rights=[entities["mark"]], products=[{"name": "机床配件", "brand": "秦川智造"}])
    assert report.number == "西知举〔2025〕1号" and report.created_by is None
    assert len(report.check_code) == 8
    assert engine.find_by_check_code(report.number, report.check_code.lower()) == report
    assert engine.find_by_check_code(report.number, "WRONG123") is None
    assert clock(report, "check").due_date == D(2025, 10, 23)   # 15 working days across National Day

    # Routed to the Yanta bureau; then officers are assigned and the filing is decided.
    engine.apply(report, "route", officer, at=D(2025, 9, 28),
                 data={"handling_org": orgs["yanta_amr"].pk, "track": "simple", "reason": "属地管辖"})
    assert report.handling_org == orgs["yanta_amr"] and report.track == "simple"
    yanta = people["yanta_officer"]
    engine.assign(report, officer, yanta, lead=True)
    engine.assign(report, officer, colleague)
    docs(report, yanta, "filing_approval")
    event = engine.apply(report, "decide_file", yanta, at=D(2025, 10, 10))
    assert (report.stage, report.outcome) == ("informing", "filed")
    assert clock(report, "check").state == ClockState.MET
    assert clock(report, "reporter_notice").due_date == D(2025, 10, 16)   # 5 working days (Sat 11 Oct counts)

    enforcement = report.derived.get()
    assert event.data["spawned"]["number"] == enforcement.number == "西市监知执〔2025〕1号"
    assert (enforcement.procedure, enforcement.stage, enforcement.kind) == ("enforcement", "investigation", "report")
    assert enforcement.filed_on == D(2025, 10, 10) and enforcement.handling_org == orgs["yanta_amr"]
    assert enforcement.rights.get().right == entities["mark"] and enforcement.products.get().name == "机床配件"
    assert clock(enforcement, "decision").due_date == D(2026, 1, 8)
    assert not enforcement.clocks.filter(code="filing_check").exists()

    with pytest.raises(ConditionNotMet):
        engine.apply(report, "close", yanta, at=D(2025, 10, 14))   # a named reporter must be told
    docs(report, yanta, "reply")
    engine.apply(report, "inform_reporter", yanta, at=D(2025, 10, 14))
    assert report.stage == "closed" and clock(report, "reporter_notice").state == ClockState.MET


def test_anonymous_report_needs_no_reply(people, orgs):
    officer = people["officer"]
    report = engine.open_case("report", None, handling_org=orgs["city_ip"], title="匿名举报", at=D(2026, 3, 2),
                              kind="anonymous", channel="portal")
    engine.apply(report, "decide_not_file", officer, at=D(2026, 3, 10), data={"reason": "线索不实"})
    assert not report.clocks.filter(code="reporter_notice").exists()
    assert "inform_reporter" not in {t.code for t in engine.available_transitions(report, officer)}
    engine.apply(report, "close", officer, at=D(2026, 3, 11))
    assert (report.stage, report.outcome) == ("closed", "not_filed")


def test_a_complaint_is_never_anonymous(orgs):
    with pytest.raises(ConditionNotMet, match="Complainant"):
        engine.open_case("complaint", None, handling_org=orgs["city_ip"], title="投诉", at=D(2026, 3, 2),
                         parties=[{"role": "respondent", "name": "某店"}])


def test_the_public_may_open_only_reports_and_complaints(orgs):
    from django.contrib.auth.models import AnonymousUser

    visitor = AnonymousUser()      # what a portal view has as request.user
    report = engine.open_case("report", visitor, handling_org=orgs["city_ip"], title="匿名", at=D(2026, 3, 2),
                              kind="anonymous", channel="portal")
    assert report.created_by is None and report.events.get().actor is None
    assert engine.available_transitions(report, visitor) == []
    with pytest.raises(NotAllowed):
        engine.apply(report, "close", visitor, at=D(2026, 3, 3))
    with pytest.raises(NotAllowed):
        engine.open_case("enforcement", visitor, handling_org=orgs["city_ip"], title="x", at=D(2026, 3, 2),
                         kind="report")
    with pytest.raises(NotAllowed):
        engine.open_case("enforcement", None, handling_org=orgs["city_ip"], title="x", at=D(2026, 3, 2),
                         kind="report")


def test_refused_complaint_and_complaint_turned_into_a_clue(people, orgs, entities):
    officer = people["officer"]
    refused = engine.open_case("complaint", people["workstation"], handling_org=orgs["city_ip"], title="投诉甲",
                               at=D(2026, 4, 1), parties=[{"role": "complainant", "name": "李女士"},
                                                          {"role": "respondent", "name": "某网店"}])
    engine.apply(refused, "refuse", officer, at=D(2026, 4, 8), data={"ground": "time_barred"})
    assert (refused.outcome, clock(refused, "acceptance").state) == ("refused", ClockState.MET)

    complaint = engine.open_case("complaint", officer, handling_org=orgs["city_ip"], title="投诉乙",
                                 at=D(2026, 4, 1), officers=[officer, people["colleague"]],
                                 parties=[{"role": "complainant", "entity": entities["qinchuan"]},
                                          {"role": "respondent", "name": "某网店"}])
    engine.apply(complaint, "accept", officer, at=D(2026, 4, 3))
    engine.apply(complaint, "transfer_clue", officer, at=D(2026, 4, 7))
    clue = complaint.derived.get()
    assert (clue.procedure, clue.stage, clue.number) == ("enforcement", "clue", None)
    assert clock(clue, "filing_check").started_on == D(2026, 4, 7)


def test_enterprise_user_opens_a_complaint_for_itself_only(make_user, orgs, entities):
    from zhibao.accounts.roles import Role, Scope

    user = make_user(Role.ENTERPRISE, Scope.ORGANIZATION, org=None, username="qinchuan",
                     entity=entities["qinchuan"])
    own = engine.open_case("complaint", user, handling_org=orgs["city_ip"], title="我司商标被仿冒",
                           at=D(2026, 4, 1), channel="online",
                           parties=[{"role": "complainant", "entity": entities["qinchuan"]},
                                    {"role": "respondent", "name": "某网店"}])
    assert own.created_by == user
    with pytest.raises(NotAllowed):
        engine.open_case("complaint", user, handling_org=orgs["city_ip"], title="替别人投诉", at=D(2026, 4, 1),
                         parties=[{"role": "complainant", "entity": entities["qujiang"]},
                                  {"role": "respondent", "name": "某网店"}])
