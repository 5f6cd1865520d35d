"""Likely duplicates: same respondent (entity, USCC, normalized name), same right, nearly the
same product; only recent open intake cases; never the case itself."""
import datetime as dt

import pytest

from zhibao.cases import engine
from zhibao.intake import duplicates
from zhibao.intake.models import Proposal

D = dt.date


def ids(found):
    return [d["case"] for d in found]


def test_same_registered_respondent(open_report, entities):
    first = open_report(respondent=entities["qinchuan"])
    second = open_report(respondent=entities["qinchuan"])
    found = duplicates.find(second)
    assert ids(found) == [first.pk] and found[0]["signals"] == ["respondent_entity"]


def test_same_name_typed_differently(open_report):
    first = open_report(respondent="西安 秦川（智能）装备有限公司")
    second = open_report(respondent="西安秦川(智能)装备有限公司")
    assert ids(duplicates.find(second)) == [first.pk]
    assert duplicates.normalize_name("ＡＢＣ 公司") == "abc公司"


def test_registered_entity_matches_its_name_typed_free(open_report, entities):
    first = open_report(respondent="西安秦川智能装备有限公司")
    second = open_report(respondent=entities["qinchuan"])
    assert duplicates.find(second)[0]["signals"] == ["respondent_name"] and ids(duplicates.find(second)) == [first.pk]


def test_same_uscc_given_as_text(open_report, entities):
    code = entities["qujiang"].uscc
    first = open_report(respondent=entities["qujiang"])
    second = engine.open_case("report", first.created_by, handling_org=first.handling_org, title="举报", kind="named",
                              at=D(2026, 11, 2), parties=[{"role": "respondent", "name": "某传媒",
                                                           "note": f"统一社会信用代码 {code}"}])
    assert "respondent_uscc" in duplicates.find(second)[0]["signals"]


def test_same_right_and_similar_product(open_report, entities):
    first = open_report(rights=[entities["mark"]], products=["秦川智造数控机床主轴"])
    second = open_report(rights=[entities["mark"]], products=["秦川智造 数控机床主轴"])
    unrelated = open_report(products=["月饼礼盒"])
    found = duplicates.find(second)
    assert ids(found) == [first.pk] and found[0]["signals"] == ["product", "right"]
    assert unrelated.pk not in ids(found)


def test_most_signals_first(open_report, entities):
    one = open_report(respondent=entities["qinchuan"])
    two = open_report(respondent=entities["qinchuan"], rights=[entities["patent"]])
    new = open_report(respondent=entities["qinchuan"], rights=[entities["patent"]])
    assert ids(duplicates.find(new)) == [two.pk, one.pk]


def test_old_closed_and_other_procedures_are_not_candidates(open_report, entities, people, orgs, set_today):
    old = open_report(respondent=entities["qinchuan"], at=D(2026, 1, 5))
    enforcement = engine.open_case("enforcement", people["officer"], handling_org=orgs["city_ip"], title="检查",
                                   kind="inspection", at=D(2026, 11, 2),
                                   parties=[{"role": "respondent", "entity": entities["qinchuan"]}])
    new = open_report(respondent=entities["qinchuan"], at=D(2026, 11, 2))
    found = ids(duplicates.find(new))
    assert old.pk not in found and enforcement.pk not in found and new.pk not in found


def test_stored_with_the_proposal(open_report, entities):
    first = open_report(respondent=entities["qinchuan"])
    second = open_report(respondent=entities["qinchuan"])
    assert Proposal.objects.get(case=second).duplicates[0]["case"] == first.pk
