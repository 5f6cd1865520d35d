"""Passing off, mediation with judicial confirmation, assistance and civil court cases."""
import datetime as dt

import pytest

from zhibao.cases import engine
from zhibao.cases.errors import ExtensionRefused, InvalidField, NotAllowed
from zhibao.cases.models import ClockState

from .conftest import clock

D = dt.date
pytestmark = pytest.mark.django_db


class TestPassingOff:
    def test_filing_period_depends_on_how_it_came(self, people, orgs, docs):
        officer = people["officer"]
        found = engine.open_case("passing_off", officer, handling_org=orgs["city_ip"], title="包装标注虚假专利号",
                                 at=D(2026, 9, 30), kind="discovered", officers=[officer, people["colleague"]])
        reported = engine.open_case("passing_off", officer, handling_org=orgs["city_ip"], title="举报假冒专利",
                                    at=D(2026, 9, 30), kind="reported", officers=[officer, people["colleague"]])
        # From Wed 30 Sep 2026, across National Day (1–7 Oct off, Sat 10 Oct a make-up day):
        assert clock(found, "filing").due_date == D(2026, 10, 13)      # 5 working days
        assert clock(reported, "filing").due_date == D(2026, 10, 20)   # 10 working days
        assert clock(reported, "filing").rule["part"] == "reported"

        docs(found, officer, "filing_approval")
        engine.apply(found, "file", officer, at=D(2026, 9, 30))
        assert found.number == "西知假〔2026〕1号"
        conclusion = clock(found, "conclusion")
        assert conclusion.due_date == D(2026, 10, 30)                  # one month
        with pytest.raises(ExtensionRefused, match="at most 15 calendar days"):
            engine.apply(found, "extend", officer, at=D(2026, 10, 20),
                         data={"clock": "conclusion", "extension": "head", "n": 16, "approved_by": "局长",
                               "approval_ref": "批"})
        engine.apply(found, "extend", officer, at=D(2026, 10, 20),
                     data={"clock": "conclusion", "extension": "head", "approved_by": "局长", "approval_ref": "批"})
        conclusion.refresh_from_db()
        assert conclusion.due_date == D(2026, 11, 16)      # 30 Oct + 15 days = Sat 14 Nov → Mon 16 Nov
        docs(found, officer, "passing_off_decision", "closing_report")
        engine.apply(found, "decide", officer, at=D(2026, 11, 10), data={"outcome": "penalty", "fine_amount": "20000"})
        assert clock(found, "publication").due_date == D(2026, 12, 8)
        engine.apply(found, "publish", officer, at=D(2026, 11, 12))
        engine.apply(found, "close", officer, at=D(2026, 11, 13))
        assert (found.stage, found.outcome) == ("closed", "penalty")


class TestMediation:
    def test_complaint_to_mediation_to_judicial_confirmation(self, people, orgs, entities, docs):
        officer, mediator, liaison = people["officer"], people["mediator"], people["liaison"]
        complaint = engine.open_case(
            "complaint", officer, handling_org=orgs["city_ip"], title="网店销售仿冒秦川智造产品", at=D(2026, 1, 12),
            channel="hotline", officers=[officer, mediator],
            parties=[{"role": "complainant", "entity": entities["qinchuan"]},
                     {"role": "respondent", "entity": entities["qujiang"]}])
        assert clock(complaint, "acceptance").due_date == D(2026, 1, 21)   # 7 working days
        engine.apply(complaint, "accept", officer, at=D(2026, 1, 16))
        event = engine.apply(complaint, "refer_mediation", officer, at=D(2026, 1, 16))
        assert (complaint.stage, complaint.outcome) == ("closed", "mediation")
        mediation = complaint.derived.get()
        assert event.data["spawned"]["id"] == mediation.pk
        assert (mediation.procedure, mediation.kind, mediation.stage) == ("mediation", "complaint", "mediating")
        assert mediation.number == "西知调〔2026〕1号"
        assert mediation.parties.count() == 2 and set(mediation.officers.all()) == {officer, mediator}
        window = clock(mediation, "complaint_mediation")
        # 45 working days from the acceptance of the complaint on 16 Jan 2026, across the Spring Festival.
        assert (window.started_on, window.due_date) == (D(2026, 1, 16), D(2026, 3, 26))
        engine.apply(mediation, "pause", mediator, at=D(2026, 2, 2),
                     data={"pause_reason": "appraisal", "reason": "产品鉴定"})
        engine.apply(mediation, "resume", mediator, at=D(2026, 2, 9))
        window.refresh_from_db()
        assert window.due_date == D(2026, 4, 2)        # five working days of appraisal added
        docs(mediation, mediator, "mediation_agreement")
        engine.apply(mediation, "reach_agreement", mediator, at=D(2026, 3, 3),
                     data={"agreement_effective_on": "2026-03-02"})
        window.refresh_from_db()
        assert window.state == ClockState.MET
        application = clock(mediation, "confirmation_application")
        assert (application.holder, application.due_date) == ("party", D(2026, 4, 1))   # 30 days
        docs(mediation, mediator, "confirmation_application")
        engine.apply(mediation, "apply_confirmation", mediator, at=D(2026, 3, 10), data={"court": "西安市中级人民法院"})
        assert clock(mediation, "court_acceptance").due_date == D(2026, 3, 13)
        engine.apply(mediation, "court_accept", liaison, at=D(2026, 3, 12))
        ruling = clock(mediation, "court_ruling")
        assert ruling.due_date == D(2026, 3, 27)
        # Only the court liaison records the president's extension, and only by up to 10 days.
        extension = {"clock": "court_ruling", "extension": "president", "approved_by": "院长", "approval_ref": "批"}
        with pytest.raises(ExtensionRefused, match="Only"):
            engine.apply(mediation, "extend", mediator, at=D(2026, 3, 20), data=extension)
        engine.apply(mediation, "extend", liaison, at=D(2026, 3, 20), data=extension)
        ruling.refresh_from_db()
        assert ruling.due_date == D(2026, 4, 7)        # 6 Apr 2026 is the Qingming holiday
        docs(mediation, liaison, "confirmation_ruling")
        engine.apply(mediation, "confirm", liaison, at=D(2026, 4, 1))
        assert (mediation.stage, mediation.outcome) == ("closed", "confirmed")

    def test_peoples_mediation_target_is_not_a_legal_limit(self, people, orgs):
        mediator = people["mediator"]
        case = engine.open_case("mediation", mediator, handling_org=orgs["city_ip"], title="商标许可费纠纷",
                                at=D(2026, 3, 31), kind="people",
                                parties=[{"role": "applicant", "name": "甲公司"}, {"role": "respondent", "name": "乙"}])
        engine.apply(case, "accept", mediator, at=D(2026, 4, 1))
        target = clock(case, "people_target")
        assert target.legal is False and target.due_date == D(2026, 5, 6)   # 1 May → after the Labour Day holiday
        assert not case.clocks.filter(code="complaint_mediation").exists()
        engine.apply(case, "terminate", mediator, at=D(2026, 4, 20), data={"reason": "一方拒绝调解"})
        assert not case.clocks.filter(code="termination_notice").exists()
        engine.apply(case, "refer_arbitration", mediator, at=D(2026, 4, 21), data={"receiver": "西安仲裁委员会"})
        assert (case.stage, case.outcome) == ("closed", "arbitration")

    def test_kind_is_required_and_checked(self, people, orgs):
        with pytest.raises(InvalidField):
            engine.open_case("mediation", people["mediator"], handling_org=orgs["city_ip"], title="x",
                             at=D(2026, 4, 1), kind="family")


class TestCourt:
    @pytest.mark.parametrize("kind,due,extension,extended", [
        ("ordinary", D(2026, 6, 1), "president_ordinary", D(2026, 12, 1)),
        ("simplified", D(2026, 3, 2), "president_simplified", D(2026, 4, 1)),  # counted on from Sun 1 Mar
        ("small_claims", D(2026, 2, 2), "president_small_claims", D(2026, 3, 2)),
    ])
    def test_trial_limits_by_procedure(self, people, orgs, kind, due, extension, extended):
        liaison = people["liaison"]
        case = engine.open_case("court", liaison, handling_org=orgs["city_ip"], title="侵害商标权纠纷",
                                at=D(2025, 12, 1), kind=kind,
                                data={"court_number": f"（2025）陕01知民初{kind}号"})
        assert case.number == f"（2025）陕01知民初{kind}号" and case.filed_on == D(2025, 12, 1)
        trial = clock(case, "trial")
        assert trial.due_date == due
        data = {"clock": "trial", "approved_by": "院长", "approval_ref": "批"}
        for other in ("president_ordinary", "president_simplified", "president_small_claims"):
            if other != extension:
                with pytest.raises(ExtensionRefused):
                    engine.apply(case, "extend", liaison, at=D(2026, 1, 20), data={**data, "extension": other})
        engine.apply(case, "extend", liaison, at=D(2026, 1, 20), data={**data, "extension": extension})
        trial.refresh_from_db()
        assert trial.due_date == extended
        engine.apply(case, "close", liaison, at=D(2026, 1, 30), data={"outcome": "judgment"})
        trial.refresh_from_db()
        assert trial.state == ClockState.MET and case.outcome == "judgment"

    def test_higher_court_sets_a_date_after_the_president(self, people, orgs):
        liaison = people["liaison"]
        case = engine.open_case("court", liaison, handling_org=orgs["city_ip"], title="专利纠纷", at=D(2025, 3, 3),
                                kind="ordinary", data={"court_number": "（2025）陕01知民初7号"})
        base = {"clock": "trial", "approved_by": "高院", "approval_ref": "批"}
        engine.apply(case, "extend", liaison, at=D(2025, 8, 20), data={**base, "extension": "president_ordinary"})
        with pytest.raises(InvalidField):
            engine.apply(case, "extend", liaison, at=D(2025, 12, 1),
                         data={**base, "extension": "higher_court", "n": 3})
        with pytest.raises(ExtensionRefused, match="after the current due date"):
            engine.apply(case, "extend", liaison, at=D(2025, 12, 1),
                         data={**base, "extension": "higher_court", "until": "2026-03-01"})
        engine.apply(case, "extend", liaison, at=D(2025, 12, 1),
                     data={**base, "extension": "higher_court", "until": "2026-06-30"})
        assert clock(case, "trial").due_date == D(2026, 6, 30)
        engine.apply(case, "close", liaison, at=D(2026, 7, 2), data={"outcome": "mediated"})
        assert clock(case, "trial").state == ClockState.OVERDUE

    def test_court_number_is_unique_and_only_liaisons_record(self, people, orgs):
        liaison = people["liaison"]
        engine.open_case("court", liaison, handling_org=orgs["city_ip"], title="a", at=D(2026, 1, 5),
                         kind="ordinary", data={"court_number": "（2026）陕01知民初1号"})
        with pytest.raises(InvalidField):
            engine.open_case("court", liaison, handling_org=orgs["city_ip"], title="b", at=D(2026, 1, 5),
                             kind="ordinary", data={"court_number": "（2026）陕01知民初1号"})
        with pytest.raises(NotAllowed):
            engine.open_case("court", people["officer"], handling_org=orgs["city_ip"], title="c", at=D(2026, 1, 5),
                             kind="ordinary", data={"court_number": "（2026）陕01知民初2号"})


class TestAssistance:
    def test_request_handled_without_time_limit(self, people, orgs, entities):
        centre = people["centre"]
        case = engine.open_case("assistance", centre, handling_org=orgs["city_ip"], title="海外展会维权咨询",
                                at=D(2026, 5, 6), kind="consultation",
                                parties=[{"role": "applicant", "entity": entities["qinchuan"]}])
        assert case.number == "西知援〔2026〕1号" and not case.clocks.exists()
        engine.apply(case, "take_up", centre, at=D(2026, 5, 6))
        engine.apply(case, "complete", people["workstation"], at=D(2026, 5, 7), data={"result": "提供应对指引"})
        assert (case.stage, case.outcome, case.closed_on) == ("closed", "served", D(2026, 5, 7))
