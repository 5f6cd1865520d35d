"""propose(): each condition of a rule, the criteria thresholds at their boundary, the rules in
force on a past date after a change, the body found by kind and district."""
import datetime as dt

import pytest

from zhibao.intake import proposals, rules
from zhibao.intake.models import Proposal, ProposalStatus
from zhibao.registry.choices import OrganizationKind
from zhibao.registry.models import Organization

D = dt.date
pytestmark = pytest.mark.usefixtures("no_rules")


def test_no_rule_proposes_the_receiving_body(open_report, orgs):
    case = open_report()
    result = proposals.propose(case)
    assert result.body == orgs["city_ip"] and result.procedure == "" and result.rule is None
    assert result.reasons[0]["code"] == "no_rule"
    assert result.track == "simple"  # no criteria either


def test_right_kind_condition(open_report, rule, entities, orgs, xian):
    rule("patent", right_kinds=["invention", "utility"], procedure="adjudication")
    rule("mark", right_kinds=["trademark"], body_kind="market_regulation", priority=200)
    patent_case = open_report(rights=[entities["patent"]], district=xian["yanta"])
    mark_case = open_report(rights=[entities["mark"]], district=xian["yanta"])
    assert proposals.propose(patent_case).procedure == "adjudication"
    assert proposals.propose(patent_case).body == orgs["city_ip"]
    result = proposals.propose(mark_case)
    assert result.rule.rule.code == "mark"
    assert result.body == orgs["yanta_amr"]  # the market-regulation bureau of the case's district
    assert {"code": "body_kind", "kind": "market_regulation", "body": orgs["yanta_amr"].name} in result.reasons


def test_body_of_kind_falls_back_to_the_city(open_report, rule, xian, orgs):
    Organization.objects.create(name="西安市版权局", kind=OrganizationKind.COPYRIGHT, district=xian["city"])
    rule("any", body_kind="copyright")
    result = proposals.propose(open_report(district=xian["weiyang"]))
    assert result.body.name == "西安市版权局"


def test_named_body_wins_over_kind(open_report, rule, orgs):
    rule("named", body=orgs["weiyang_amr"])
    assert proposals.propose(open_report()).body == orgs["weiyang_amr"]


def test_district_condition(open_report, rule, xian, orgs):
    rule("yanta-only", districts=["610113"], body=orgs["yanta_amr"])
    assert proposals.propose(open_report(district=xian["yanta"])).body == orgs["yanta_amr"]
    assert proposals.propose(open_report(district=xian["weiyang"])).rule is None


def test_value_condition_boundaries(open_report, rule, orgs):
    rule("mid", min_value="5000", max_value="100000", body=orgs["yanta_amr"])

    def matched(value):
        case = open_report(products=[{"name": "轴承", "value": value}])
        return proposals.propose(case).rule is not None

    assert not matched("4999.99")
    assert matched("5000")           # from: inclusive
    assert matched("99999.99")
    assert not matched("100000")     # below: exclusive
    assert not proposals.propose(open_report()).rule  # unknown value matches no bounded rule


def test_declared_value_counts_instead_of_products(open_report, rule, orgs):
    rule("big", min_value="100000", body=orgs["yanta_amr"])
    case = open_report(products=[{"name": "轴承", "value": "10"}])
    assert proposals.propose(case).rule is None
    assert proposals.propose(case, {"value": "100000"}).rule is not None


@pytest.mark.parametrize("field,places,expected", [
    ("exhibition", [{"kind": "exhibition", "address": "西洽会"}], True),
    ("exhibition", [{"kind": "premises", "address": "小寨"}], False),
    ("online", [{"kind": "online", "address": "某电商平台店铺"}], True),
    ("online", [], False),
])
def test_exhibition_and_online_conditions(open_report, rule, orgs, field, places, expected):
    rule("cond", body=orgs["yanta_amr"], **{field: "yes"})
    rule("not-cond", body=orgs["weiyang_amr"], priority=200, **{field: "no"})
    result = proposals.propose(open_report(places=places))
    assert result.body == (orgs["yanta_amr"] if expected else orgs["weiyang_amr"])


def test_foreign_condition_from_party_or_declaration(open_report, rule, orgs):
    rule("foreign", foreign="yes", body=orgs["yanta_amr"])
    assert proposals.propose(open_report(foreign=True)).rule is not None
    plain = open_report()
    assert proposals.propose(plain).rule is None
    assert proposals.propose(plain, {"foreign": True}).rule is not None


def test_matter_and_case_procedure_conditions(open_report, rule, orgs):
    rule("passing", matters=["passing_off"], body=orgs["yanta_amr"], procedure="passing_off")
    rule("complaints", case_procedures=["complaint"], body=orgs["weiyang_amr"], procedure="mediation", priority=200)
    report = open_report()
    assert proposals.propose(report).rule is None
    assert proposals.propose(report, {"matter": "passing_off"}).procedure == "passing_off"
    assert proposals.propose(open_report("complaint")).procedure == "mediation"


def test_priority_order(open_report, rule, orgs):
    rule("second", body=orgs["weiyang_amr"], priority=20)
    rule("first", body=orgs["yanta_amr"], priority=10)
    assert proposals.propose(open_report()).rule.rule.code == "first"


def test_criteria_value_threshold_boundary(open_report, criteria):
    criteria(complex_value_from="100000", foreign_is_complex=False)
    below = open_report(products=[{"name": "轴承", "value": "99999.99"}])
    at = open_report(products=[{"name": "轴承", "value": "100000"}])
    assert proposals.propose(below).track == "simple"
    result = proposals.propose(at)
    assert result.track == "complex"
    assert {"code": "value", "value": "100000.00", "threshold": "100000.00"} in result.reasons


def test_criteria_rights_respondents_and_foreign(open_report, criteria, entities):
    criteria(complex_rights_from=2, complex_respondents_from=2, foreign_is_complex=True)
    assert proposals.propose(open_report(rights=[entities["patent"]])).track == "simple"
    assert proposals.propose(open_report(rights=[entities["patent"], entities["mark"]])).track == "complex"
    assert proposals.propose(open_report(foreign=True)).track == "complex"
    two = open_report("complaint")
    from zhibao.cases import engine
    engine.add_party(two, two.created_by, role="respondent", name="第二被投诉人")
    assert proposals.propose(two).track == "complex"


def test_rule_track_wins_over_criteria(open_report, rule, criteria, orgs):
    criteria(foreign_is_complex=True)
    rule("exhibition", exhibition="yes", track="simple", body=orgs["yanta_amr"])
    case = open_report(places=[{"kind": "exhibition", "address": "丝博会"}], foreign=True)
    result = proposals.propose(case)
    assert result.track == "simple" and {"code": "rule_track", "track": "simple"} in result.reasons


def test_rules_in_force_on_a_past_date_after_a_change(open_report, rule, people, orgs, set_today):
    first = rule("mark", body=orgs["yanta_amr"])
    set_today(D(2026, 11, 20))
    rules.change_rule(first.rule, people["officer"], {"body": orgs["weiyang_amr"], "effective_from": D(2026, 10, 1)},
                      "辖区调整")
    assert [v.number for v in rules.in_force(D(2026, 9, 30))] == [1]
    assert [v.number for v in rules.in_force(D(2026, 10, 1))] == [2]
    september = open_report(at=D(2026, 9, 15))
    november = open_report(at=D(2026, 11, 2))
    assert proposals.propose(september).body == orgs["yanta_amr"]
    assert proposals.propose(november).body == orgs["weiyang_amr"]
    # the history keeps both versions with who and why
    v1, v2 = first.rule.versions.order_by("number")
    assert v1.body == orgs["yanta_amr"] and v2.why == "辖区调整" and v2.changed_by == people["officer"]


def test_retiring_a_rule_from_a_date(open_report, rule, people, orgs):
    first = rule("old", body=orgs["yanta_amr"])
    rules.change_rule(first.rule, people["officer"], {"active": False, "effective_from": D(2026, 6, 1)}, "废止")
    assert proposals.propose(open_report(at=D(2026, 5, 29))).rule is not None
    assert proposals.propose(open_report(at=D(2026, 6, 1))).rule is None


def test_change_needs_a_reason_and_refuses_a_stale_version(rule, people, orgs):
    from django.core.exceptions import ValidationError
    first = rule("r", body=orgs["yanta_amr"])
    with pytest.raises(ValidationError) as exc:
        rules.change_rule(first.rule, people["officer"], {"priority": 5}, "  ")
    assert "why" in exc.value.message_dict
    rules.change_rule(first.rule, people["officer"], {"priority": 5}, "调整", expected=1)
    with pytest.raises(rules.StaleRule):
        rules.change_rule(first.rule, people["officer"], {"priority": 6}, "再调整", expected=1)
    assert first.rule.versions.count() == 2


@pytest.mark.parametrize("values,field", [
    ({"right_kinds": ["song"]}, "right_kinds"),
    ({"min_value": "10", "max_value": "5"}, "max_value"),
    ({"procedure": "nope"}, "procedure"),
    ({"body_kind": ""}, "body"),
    ({"districts": ["999999"]}, "districts"),
])
def test_bad_rule_values_are_refused(rule, values, field):
    from django.core.exceptions import ValidationError
    with pytest.raises(ValidationError) as exc:
        rule("bad", **values)
    assert field in exc.value.message_dict


def test_proposal_is_stored_when_any_report_or_complaint_opens(open_report, rule, orgs, people):
    rule("all", body=orgs["yanta_amr"], procedure="enforcement")
    portal = open_report("complaint", user=None, channel="portal")
    stored = Proposal.objects.get(case=portal)
    assert stored.status == ProposalStatus.PENDING and stored.body == orgs["yanta_amr"]
    assert stored.rules_on == portal.received_on
    from zhibao.cases import engine
    other = engine.open_case("enforcement", people["officer"], handling_org=orgs["city_ip"], title="检查发现",
                             kind="inspection", at=D(2026, 11, 2))
    assert not Proposal.objects.filter(case=other).exists()
