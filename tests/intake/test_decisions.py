"""The triage decision: recorded (who, what differed, why) and applied to the case through the
engine's "route" step, so it is on the timeline; refusals change nothing."""
import pytest
from django.core.exceptions import ValidationError

from zhibao.cases import engine
from zhibao.cases.errors import NotAllowed, StaleCase
from zhibao.intake import decisions
from zhibao.intake.models import Decision, Proposal, ProposalStatus

pytestmark = pytest.mark.usefixtures("no_rules")


@pytest.fixture
def proposal(open_report, rule, orgs):
    rule("mark", body=orgs["yanta_amr"], procedure="enforcement")
    return Proposal.objects.get(case=open_report())


def test_accepting_routes_the_case(proposal, people, orgs):
    decision = decisions.decide(proposal, people["officer"])
    case = proposal.case
    case.refresh_from_db()
    assert case.handling_org == orgs["yanta_amr"] and case.track == "simple"
    assert decision.differences == [] and decision.decided_by == people["officer"]
    event = case.events.order_by("-seq").first()
    assert event.code == "route" and decision.event == event and "Triage" in event.data["reason"]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED


def test_changing_needs_a_reason_and_records_what_differed(proposal, people, orgs):
    with pytest.raises(ValidationError) as exc:
        decisions.decide(proposal, people["officer"], body=orgs["weiyang_amr"], track="complex")
    assert "why" in exc.value.message_dict
    assert not Decision.objects.exists() and proposal.case.events.count() == 1
    decision = decisions.decide(proposal, people["officer"], body=orgs["weiyang_amr"], track="complex",
                                procedure="adjudication", why="行为地在未央区")
    assert decision.differences == ["body", "procedure", "track"]
    case = proposal.case
    case.refresh_from_db()
    assert case.handling_org == orgs["weiyang_amr"] and case.track == "complex"
    assert "行为地在未央区" in case.events.order_by("-seq").first().data["reason"]


def test_marking_a_duplicate_links_the_other_case(open_report, rule, orgs, people, entities):
    first = open_report(respondent=entities["qinchuan"])
    decisions.decide(Proposal.objects.get(case=first), people["officer"], body=orgs["weiyang_amr"], why="未央")
    second = open_report(respondent=entities["qinchuan"])
    proposal = Proposal.objects.get(case=second)
    assert proposal.duplicates[0]["case"] == first.pk
    decision = decisions.decide(proposal, people["officer"], duplicate_of=first, why="同一举报")
    second.refresh_from_db()
    assert decision.duplicate_of == first and "duplicate_of" in decision.differences
    assert second.handling_org == orgs["weiyang_amr"]  # routed with the other case
    assert first.reference in second.events.order_by("-seq").first().data["reason"]


def test_engine_refusals_change_nothing(proposal, people):
    with pytest.raises(NotAllowed):
        decisions.decide(proposal, people["mediator"])
    with pytest.raises(StaleCase):
        decisions.decide(proposal, people["officer"], expected_version=proposal.case.version + 5)
    assert not Decision.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_decided_once(proposal, people):
    decisions.decide(proposal, people["officer"])
    with pytest.raises(ValidationError):
        decisions.decide(proposal, people["officer"])


def test_decision_page(proposal, people, client_for, orgs):
    client = client_for(people["officer"])
    client.cookies["django_language"] = "en"
    url = f"/intake/triage/{proposal.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and "reason of mark" in page.content.decode()
    bad = client.post(url, {"body": orgs["weiyang_amr"].pk, "track": "simple", "procedure": "enforcement",
                            "version": proposal.case.version})
    assert "Say why" in bad.content.decode() and not Decision.objects.exists()
    ok = client.post(url, {"body": orgs["yanta_amr"].pk, "track": "simple", "procedure": "enforcement",
                           "version": proposal.case.version}, follow=True)
    assert ok.status_code == 200 and Decision.objects.count() == 1
    assert "none: the proposal was accepted" in ok.content.decode()
    queue = client.get("/intake/triage/").content.decode()
    assert proposal.case.reference not in queue  # decided: no longer awaiting
