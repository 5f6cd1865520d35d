"""Related cases: linked by parties, rights, addresses and phones; over-common values left out;
only cases the user may see."""
import datetime as dt

import pytest

from zhibao.accounts.roles import Role, Scope
from zhibao.cases import engine, links
from zhibao.registry.models import MarketEntity, Person
from zhibao.registry.codes import make_uscc

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def open_(people, orgs):
    def make(title, org="city_ip", **spec):
        return engine.open_case("enforcement", people["officer"], handling_org=orgs[org], title=title,
                                at=D(2026, 11, 2), kind="inspection", **spec)
    return make


def reasons_of(result):
    return {r.case.title: r.reasons for r in result.cases}


def test_linked_by_party_right_address_and_phone(open_, people, entities, xian, orgs):
    officer = people["officer"]
    q = entities["qinchuan"]
    same_phone = MarketEntity.objects.create(name="西安某贸易商行", uscc=make_uscc("610113", 201),
                                             district=xian["yanta"], org=orgs["yanta_amr"], phone="029-88886666")
    MarketEntity.objects.filter(pk=q.pk).update(phone="029-88886666")
    person = Person.objects.create(name="欧阳明远", phone="13912345678")
    case = open_("本案", parties=[{"role": "respondent", "entity": q}, {"role": "third_party", "person": person}],
                 rights=[entities["mark"]], places=[{"address": "西安市未央区凤城八路1号"}])
    open_("同一被投诉人", parties=[{"role": "respondent", "entity": q}])
    open_("同一商标", rights=[entities["mark"]])
    open_("同一地点", places=[{"address": "西安市未央区凤城八路1号"}])
    open_("住所即本案地点", places=[{"address": q.address}])
    open_("同一电话", parties=[{"role": "respondent", "entity": same_phone}])
    open_("同一人", parties=[{"role": "complainant", "person": person}])
    open_("无关", places=[{"address": "西安市碑林区"}])
    found = reasons_of(links.related(case, officer, full=True))
    assert set(found) == {"同一被投诉人", "同一商标", "同一地点", "住所即本案地点", "同一电话", "同一人"}
    assert found["同一被投诉人"][0] == "same Respondent 西安秦川智能装备有限公司"
    assert found["同一商标"] == ["same right 12345678"]
    assert found["同一电话"] == ["same phone 029-88886666"]
    # Shown in full (a logged view by an officer who may); the same person also means the same phone.
    assert found["同一人"] == ["same Third party 欧阳明远", "same phone 13912345678"]


def test_over_common_value_is_left_out(open_, people, entities, settings):
    settings.ZHIBAO_CASE_LINK_MAX_CASES = 2
    platform = "某电商平台（杭州）"
    case = open_("本案", places=[{"address": platform}], rights=[entities["patent"]])
    for i in range(3):
        open_(f"平台案{i}", places=[{"address": platform}])
    open_("同一专利", rights=[entities["patent"]])
    result = links.related(case, people["officer"])
    assert reasons_of(result) == {"同一专利": ["same right ZL201810123456.5"]}
    assert result.too_common == [f"same address {platform}"]


def test_only_visible_cases_and_masked_persons(open_, people, entities, make_user):
    person = Person.objects.create(name="欧阳明远", phone="13912345678")
    case = open_("本案", org="yanta_amr", parties=[{"role": "respondent", "person": person}])
    open_("雁塔另案", org="yanta_amr", parties=[{"role": "respondent", "person": person}])
    open_("未央另案", org="weiyang_amr", parties=[{"role": "respondent", "person": person}])
    mediator = make_user(Role.MEDIATOR, Scope.ORGANIZATION, org="yanta_amr", username="yanta-mediator")
    found = reasons_of(links.related(case, mediator))
    assert found == {"雁塔另案": ["same Respondent 欧***", "same phone 139****5678"]}


def test_api_related(open_, people, entities, client_for):
    case = open_("本案", rights=[entities["mark"]])
    other = open_("同一商标", rights=[entities["mark"]])
    response = client_for(people["officer"]).get(f"/api/v1/cases/{case.pk}/related", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.content
    data = response.json()
    assert [(r["case"]["id"], r["reasons"]) for r in data["results"]] == [(other.pk, ["same right 12345678"])]
    leader = client_for(people["leader"])
    assert leader.get(f"/api/v1/cases/{case.pk}/related").status_code == 403
