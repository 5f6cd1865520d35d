"""Every refusal of the engine: the message says why, and nothing changes."""
import datetime as dt

import pytest
from django.utils import translation

from zhibao.cases import engine
from zhibao.cases.errors import (
    BadDate, CaseError, ClockError, ConditionNotMet, ExtensionRefused, InvalidField, MissingDocument,
    MissingField, NotAllowed, StaleCase, UnknownStep, WrongStage,
)
from zhibao.cases.models import Case, Clock, Event

from .conftest import clock

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def clue(people, orgs):
    officer = people["officer"]
    return engine.open_case("enforcement", officer, handling_org=orgs["yanta_amr"], title="雁塔线索",
                            at=D(2026, 3, 2), kind="inspection", officers=[officer, people["colleague"]])


def snapshot(case):
    case = Case.objects.get(pk=case.pk)
    return (case.stage, case.version, case.number, case.filed_on, case.outcome, case.facts,
            list(Event.objects.filter(case=case).values_list("seq", "code")),
            list(Clock.objects.filter(case=case).values_list("code", "state", "due_date", "pauses", "extensions")))


def refused(case, exc_type, *args, match=None, **kwargs):
    """Take a step that must be refused; check the reason and that nothing changed."""
    before = snapshot(case)
    version = case.version
    with pytest.raises(exc_type, match=match) as info:
        engine.apply(case, *args, **kwargs)
    assert snapshot(case) == before and case.version == version
    assert info.value.message
    return info.value


def test_role_not_allowed(clue, people, docs):
    docs(clue, people["officer"], "filing_approval")
    error = refused(clue, NotAllowed, "file", people["mediator"], at=D(2026, 3, 3))
    assert "IP administration officer" in error.message
    refused(clue, NotAllowed, "file", people["leader"], at=D(2026, 3, 3))
    refused(clue, NotAllowed, "file", None, at=D(2026, 3, 3))


def test_outside_the_users_scope(clue, people, docs):
    docs(clue, people["officer"], "filing_approval")
    refused(clue, NotAllowed, "file", people["weiyang_officer"], at=D(2026, 3, 3), match="data scope")
    assert engine.available_transitions(clue, people["weiyang_officer"]) == []
    engine.apply(clue, "file", people["yanta_officer"], at=D(2026, 3, 3))   # the handling body's own officer


def test_not_from_this_stage(clue, people):
    error = refused(clue, WrongStage, "decide_penalty", people["officer"], at=D(2026, 3, 3))
    assert "Clue check" in error.message
    refused(clue, UnknownStep, "no_such_step", people["officer"])
    refused(clue, UnknownStep, "open", people["officer"])


def test_missing_field_and_invalid_values(clue, people, docs):
    officer = people["officer"]
    docs(clue, officer, "not_filed_approval")
    error = refused(clue, MissingField, "not_file", officer, at=D(2026, 3, 3))
    assert error.fields == ("reason",)
    refused(clue, InvalidField, "not_file", officer, at=D(2026, 3, 3), data={"reason": "<script>alert(1)</script>"})
    refused(clue, InvalidField, "not_file", officer, at=D(2026, 3, 3), data={"reason": "x" * 2001})
    refused(clue, InvalidField, "not_file", officer, at=D(2026, 3, 3), data={"reason": "ok", "surprise": 1})
    refused(clue, InvalidField, "pause", officer, at=D(2026, 3, 3), data={"pause_reason": "lunch"})


def test_missing_document(clue, people):
    error = refused(clue, MissingDocument, "file", people["officer"], at=D(2026, 3, 3))
    assert "Filing approval form" in error.message and error.fields == ("filing_approval",)


def test_two_officers_needed_to_file(people, orgs, docs):
    officer = people["officer"]
    case = engine.open_case("enforcement", officer, handling_org=orgs["city_ip"], title="一人", at=D(2026, 3, 2),
                            kind="inspection", officers=[officer])
    docs(case, officer, "filing_approval")
    refused(case, ConditionNotMet, "file", officer, at=D(2026, 3, 3), match="At least 2 officers")
    engine.assign(case, officer, people["colleague"])
    engine.apply(case, "file", officer, at=D(2026, 3, 3))


def test_extension_beyond_the_law(clue, people):
    officer = people["officer"]
    ext = {"clock": "filing_check", "extension": "head", "approved_by": "局长", "approval_ref": "批"}
    refused(clue, ExtensionRefused, "extend", officer, at=D(2026, 3, 5), data={**ext, "n": 16},
            match="at most 15 working days")
    refused(clue, ExtensionRefused, "extend", officer, at=D(2026, 3, 5), data={**ext, "extension": "collective"},
            match="no such extension")
    refused(clue, MissingField, "extend", officer, at=D(2026, 3, 5), data={"clock": "filing_check",
                                                                          "extension": "head"})
    engine.apply(clue, "extend", officer, at=D(2026, 3, 5), data=ext)
    refused(clue, ExtensionRefused, "extend", officer, at=D(2026, 3, 6), data=ext, match="only 1 time")


def test_extension_after_expiry_is_refused(clue, people):
    due = clock(clue, "filing_check").due_date
    refused(clue, ExtensionRefused, "extend", people["officer"], at=due + dt.timedelta(days=1),
            data={"clock": "filing_check", "extension": "head", "approved_by": "局长", "approval_ref": "批"},
            match="expired")


def test_backdated_and_future_steps(clue, people, docs, set_today):
    officer = people["officer"]
    engine.apply(clue, "pause", officer, at=D(2026, 3, 9), data={"pause_reason": "testing"})
    error = refused(clue, BadDate, "resume", officer, at=D(2026, 3, 6))
    assert "2026-03-09" in error.message and "Pause the time limit" in error.message
    refused(clue, BadDate, "resume", officer, at=D(2026, 11, 21), match="future")
    set_today(D(2026, 11, 21))
    engine.apply(clue, "resume", officer, at=D(2026, 11, 21))


def test_clock_errors(clue, people):
    officer = people["officer"]
    refused(clue, ClockError, "resume", officer, at=D(2026, 3, 3))
    refused(clue, ClockError, "pause", officer, at=D(2026, 3, 3),
            data={"clock": "filing_check", "pause_reason": "hearing"}, match="does not exclude")
    refused(clue, ClockError, "pause", officer, at=D(2026, 3, 3),
            data={"clock": "decision", "pause_reason": "testing"}, match="not running")


def test_stale_version(clue, people, docs):
    officer = people["officer"]
    docs(clue, officer, "filing_approval")
    seen = clue.version
    other = Case.objects.get(pk=clue.pk)
    engine.apply(other, "pause", people["colleague"], at=D(2026, 3, 3), data={"pause_reason": "testing"})
    error = refused(clue, StaleCase, "file", officer, at=D(2026, 3, 3), expected_version=seen)
    assert error.current_version == seen + 1 and "Someone else saved this case" in error.message


def test_closed_case_refuses_everything(clue, people, docs):
    officer = people["officer"]
    docs(clue, officer, "not_filed_approval")
    engine.apply(clue, "not_file", officer, at=D(2026, 3, 3), data={"reason": "不予立案"})
    refused(clue, WrongStage, "file", officer, at=D(2026, 3, 4), match="closed")
    with pytest.raises(WrongStage):
        engine.add_document(clue, officer, "filing_approval")


def test_messages_are_translated(clue, people):
    with translation.override("zh-hans"):
        with pytest.raises(CaseError) as info:
            engine.apply(clue, "file", people["mediator"], at=D(2026, 3, 3))
    assert "立案" in info.value.message and "知识产权行政执法人员" in info.value.message
    assert info.value.message.startswith("您的角色")


def test_record_changes_need_an_editor_role(clue, people):
    with pytest.raises(NotAllowed):
        engine.add_party(clue, people["leader"], role="respondent", name="某公司")
    with pytest.raises(InvalidField):
        engine.add_party(clue, people["officer"], role="respondent")
    with pytest.raises(InvalidField):
        engine.add_document(clue, people["officer"], "adjudication_decision")
    with pytest.raises(StaleCase):
        engine.add_party(clue, people["officer"], role="respondent", name="某公司", expected_version=clue.version - 1)
    engine.add_party(clue, people["officer"], role="respondent", name="某公司", expected_version=clue.version)
    assert clue.parties.get().name == "某公司"
