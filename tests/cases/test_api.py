"""The cases API: contract, every role's access, scope, the engine's refusals changing nothing,
personal data, worklists and time-limit rules."""
import datetime as dt

import pytest

from zhibao.accounts.models import User
from zhibao.accounts.roles import Role, Scope, permissions_for
from zhibao.audit.models import PersonalDataView
from zhibao.cases import engine
from zhibao.cases.models import Case, Event, TimeLimitRule
from zhibao.cases.permissions import CasesPerm
from tests.api.base import _Contract, body
from tests.api.conftest import api_for, fast_password_hashing, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/api/v1/cases"


def opener() -> User:
    user, _created = User.objects.get_or_create(
        username="case-opener", defaults={"role": Role.IP_OFFICER, "scope": Scope.CITY})
    return user


def open_case(world, org="yanta_amr", **extra) -> Case:
    spec = {"title": "秦川智造商标侵权线索", "at": D(2026, 11, 2), "kind": "inspection",
            "parties": [{"role": "respondent", "entity": world["qinchuan"]}], **extra}
    return engine.open_case("enforcement", opener(), handling_org=world[org], **spec)


def readers_of(perm):
    return frozenset(role for role in Role if perm in permissions_for(role) or role == Role.ADMIN)


class TestCasesContract(_Contract):
    url = URL
    model = Case
    readers = readers_of(CasesPerm.VIEW)

    def in_scope(self, world):
        return open_case(world)

    def out_of_scope(self, world):
        return open_case(world, "weiyang_amr", parties=[{"role": "respondent", "entity": world["weiyang_food"]}])


class TestRulesContract(_Contract):
    url = "/api/v1/time-limit-rules"
    model = TimeLimitRule
    readers = readers_of(CasesPerm.VIEW)

    def in_scope(self, world):
        return TimeLimitRule.objects.filter(procedure="enforcement", clock="filing_check", part="base").first()


# -- fixtures ---------------------------------------------------------------------------------------

@pytest.fixture
def officer(make_user, api_for):
    user = make_user(Role.IP_OFFICER, Scope.CITY, username="api-officer")
    return api_for(user), user


@pytest.fixture
def case(world, officer):
    return open_case(world, officers=[officer[1]], summary="凤城八路仓库")


def state(case):
    """What a refused request must leave as it was."""
    case.refresh_from_db()
    return (case.version, case.stage, case.number, case.events.count(), case.parties.count(), case.rights.count(),
            case.products.count(), case.places.count(), case.assignments.count(), case.clocks.count())


# -- reading --------------------------------------------------------------------------------------

def test_read_has_parties_rights_clocks_and_steps(officer, case, world):
    api, _user = officer
    engine.add_right(case, opener(), world["mark"])
    data = body(api.get(f"{URL}/{case.pk}"))
    assert data["title"] == "秦川智造商标侵权线索" and data["stage"] == "clue"
    assert data["parties"][0]["entity"]["name"] == "西安秦川智能装备有限公司"
    assert data["rights"][0]["number"] == "12345678"
    clock = data["clocks"][0]
    assert clock["code"] == "filing_check" and clock["due_date"] and clock["provisional"] is False
    assert {"file", "not_file"} <= {s["code"] for s in data["steps"]}
    assert data["version"] == case.version


def test_list_filters_and_searches(officer, case, world):
    api, _user = officer
    other = open_case(world, "weiyang_amr", title="未央区食品包装线索", at=D(2026, 9, 1),
                      parties=[{"role": "respondent", "entity": world["weiyang_food"]}])
    assert {r["id"] for r in body(api.get(URL, {"q": "秦川智"}))["results"]} == {case.pk}
    assert {r["id"] for r in body(api.get(URL, {"q": "凤城八"}))["results"]} == {case.pk}
    assert {r["id"] for r in body(api.get(URL, {"handling_org": world["weiyang_amr"].pk}))["results"]} == {other.pk}
    assert {r["id"] for r in body(api.get(URL, {"received_from": "2026-10-01"}))["results"]} == {case.pk}
    assert {r["id"] for r in body(api.get(URL, {"officer": "mine"}))["results"]} == {case.pk}
    assert {r["id"] for r in body(api.get(URL, {"due": "7", "open": "yes"}))["results"]} == {case.pk}
    response = api.get(URL, {"due": "soon"})
    assert response.status_code == 422 and "due" in body(response)["errors"]


def test_enterprise_sees_only_its_own_cases(make_user, api_for, case, world):
    other = open_case(world, parties=[{"role": "respondent", "entity": world["qujiang"]}])
    api = api_for(make_user(Role.ENTERPRISE, Scope.CITY, username="qinchuan-user", entity=world["qinchuan"]))
    assert {r["id"] for r in body(api.get(URL))["results"]} == {case.pk}
    assert api.get(f"{URL}/{other.pk}").status_code == 404
    response = api.post(f"{URL}/{case.pk}/products", {"name": "机床", "version": case.version})
    assert response.status_code == 403


def test_person_masked_unless_full_view_by_who_may(officer, make_user, api_for, case, world):
    engine.add_party(case, opener(), role="third_party", person=world["zhang"])
    api, user = officer
    party = next(p for p in body(api.get(f"{URL}/{case.pk}"))["parties"] if p["person"])
    assert party["person"] == {"id": world["zhang"].pk, "name": "张**", "phone": "139****5678", "masked": True}
    full = next(p for p in body(api.get(f"{URL}/{case.pk}", {"full": "1"}))["parties"] if p["person"])
    assert full["person"]["name"] == "张三丰" and full["person"]["masked"] is False
    assert PersonalDataView.objects.filter(user=user, person_id=world["zhang"].pk, channel="api").count() == 1
    mediator = api_for(make_user(Role.MEDIATOR, Scope.CITY, username="api-mediator"))
    assert mediator.get(f"{URL}/{case.pk}", {"full": "1"}).status_code == 403


def test_messages_are_chinese_unless_english_is_asked_for(officer, case):
    api, _user = officer
    payload = {"code": "file", "data": {}, "version": case.version}
    chinese = body(api.post(f"{URL}/{case.pk}/steps", payload))["detail"]
    english = body(api.post(f"{URL}/{case.pk}/steps", payload, HTTP_ACCEPT_LANGUAGE="en"))["detail"]
    assert chinese != english and any("\u4e00" <= c <= "\u9fff" for c in chinese)


# -- opening a case ------------------------------------------------------------------------------------

def test_open_a_case(officer, world):
    api, user = officer
    response = api.post(URL, {
        "procedure": "enforcement", "handling_org": world["yanta_amr"].pk, "title": "展会假冒专利线索",
        "at": "2026-11-18", "kind": "inspection", "channel": "inspection", "officers": [user.pk], "lead": user.pk,
        "parties": [{"role": "respondent", "entity": world["qujiang"].pk}, {"role": "third_party", "name": "某展商"}],
        "rights": [world["patent"].pk], "products": [{"name": "冷却装置", "quantity": 2}],
        "places": [{"address": "曲江国际会展中心", "kind": "exhibition", "district": "610113"}]})
    assert response.status_code == 201, body(response)
    data = body(response)
    case = Case.objects.get(pk=data["id"])
    assert case.created_by == user and case.events.get().code == "open"
    assert len(data["parties"]) == 2 and data["rights"][0]["number"] == "ZL201810123456.5"
    assert data["officers"] == [{"id": user.pk, "username": user.username, "name": user.username, "lead": True}]
    assert data["places"][0]["district"] == "610113"


@pytest.mark.parametrize("change, status, field", [
    ({"procedure": "nonsense"}, 400, "__all__"),
    ({"kind": "nonsense"}, 400, "kind"),
    ({"at": "2030-01-01"}, 400, "__all__"),
    ({"handling_org": 999999}, 422, "handling_org"),
    ({"rights": [999999]}, 422, "rights.0"),
    ({"parties": [{"role": "respondent", "entity": 999999}]}, 422, "parties.0.entity"),
    ({"parties": [{"role": "boss", "name": "x"}]}, 422, "parties.0.role"),
    ({"colour": "red"}, 422, "colour"),
    ({"title": ""}, 400, "__all__"),
])
def test_open_refused_saves_nothing(officer, world, change, status, field):
    api, _user = officer
    payload = {"procedure": "enforcement", "handling_org": world["yanta_amr"].pk, "title": "线索", "kind": "inspection",
               **change}
    response = api.post(URL, payload)
    assert response.status_code == status, body(response)
    assert field in body(response)["errors"] and body(response)["detail"]
    assert not Case.objects.exists() and not Event.objects.exists()


def test_open_needs_handle_permission(make_user, api_for, world):
    api = api_for(make_user(Role.ENTERPRISE, Scope.CITY, username="ent", entity=world["qinchuan"]))
    response = api.post(URL, {"procedure": "enforcement", "handling_org": world["yanta_amr"].pk, "title": "x"})
    assert response.status_code == 403 and not Case.objects.exists()


# -- steps -----------------------------------------------------------------------------------------

def test_take_a_step(officer, case, make_user):
    api, user = officer
    colleague = make_user(Role.IP_OFFICER, Scope.CITY, username="api-colleague")
    engine.assign(case, opener(), colleague)
    engine.add_document(case, opener(), "filing_approval", reference="批-1")
    case.refresh_from_db()
    response = api.post(f"{URL}/{case.pk}/steps", {"code": "file", "data": {}, "version": case.version,
                                                   "at": "2026-11-19"})
    assert response.status_code == 200, body(response)
    data = body(response)
    assert data["stage"] == "investigation" and data["number"] and data["version"] == case.version + 1
    timeline = body(api.get(f"{URL}/{case.pk}/timeline"))
    assert [e["code"] for e in timeline][-1] == "file" and timeline[-1]["actor"] == user.username


@pytest.mark.parametrize("payload, status, code", [
    ({"code": "file"}, 400, "condition"),                                # one officer; two are needed
    ({"code": "decide_penalty"}, 400, "wrong_stage"),
    ({"code": "nonsense"}, 400, "unknown"),
    ({"code": "file", "at": "2030-01-01"}, 400, "bad_date"),
    ({"code": "extend", "data": {"clock": "filing_check", "extension": "nonsense"}}, 400, None),
    ({"code": "file", "version": 1_000}, 409, None),                      # stale
])
def test_refused_steps_change_nothing(officer, case, payload, status, code):
    api, _user = officer
    before = state(case)
    response = api.post(f"{URL}/{case.pk}/steps", {"data": {}, "version": case.version, **payload})
    assert response.status_code == status, body(response)
    data = body(response)
    assert data["detail"] and data["errors"]
    if code:
        assert data["code"] == code
    if status == 409:
        assert data["current_version"] == case.version
    assert state(case) == before


def test_role_that_may_not_take_the_step_is_403(make_user, api_for, case):
    api = api_for(make_user(Role.MEDIATOR, Scope.CITY, username="api-mediator"))
    before = state(case)
    response = api.post(f"{URL}/{case.pk}/steps", {"code": "not_file", "data": {}, "version": case.version})
    assert response.status_code == 403 and body(response)["detail"]
    assert state(case) == before


def test_steps_outside_scope_are_404(make_user, api_for, case):
    api = api_for(make_user(Role.IP_OFFICER, Scope.ORGANIZATION, org="weiyang_amr", username="weiyang"))
    before = state(case)
    assert api.post(f"{URL}/{case.pk}/steps", {"code": "file", "version": case.version}).status_code == 404
    assert api.get(f"{URL}/{case.pk}/timeline").status_code == 404
    assert state(case) == before


# -- records on a case ----------------------------------------------------------------------------

def test_add_records(officer, case, world, make_user):
    api, _user = officer
    colleague = make_user(Role.IP_OFFICER, Scope.CITY, username="api-colleague")
    version = case.version
    for path, payload in [
        ("parties", {"role": "third_party", "person": world["li"].pk}),
        ("rights", {"right": world["mark"].pk, "note": "核定第7类"}),
        ("products", {"name": "数控机床", "brand": "秦川智造", "quantity": 3, "value": "120000.00"}),
        ("places", {"address": "西安市未央区凤城八路1号", "district": "610112"}),
        ("assignments", {"user": colleague.pk, "lead": True}),
    ]:
        response = api.post(f"{URL}/{case.pk}/{path}", {**payload, "version": version})
        assert response.status_code == 201, (path, body(response))
        version = body(response)["version"]
    data = body(api.get(f"{URL}/{case.pk}"))
    assert len(data["parties"]) == 2 and data["products"][0]["value"] == "120000.00"
    assert {o["username"]: o["lead"] for o in data["officers"]}[colleague.username] is True
    assert [e["code"] for e in body(api.get(f"{URL}/{case.pk}/timeline"))][-5:] == [
        "party_added", "right_added", "product_added", "place_added", "officer_assigned"]


@pytest.mark.parametrize("path, payload, status", [
    ("parties", {"role": "respondent"}, 400),                           # neither entity, person nor name
    ("parties", {"role": "respondent", "entity": 999999}, 422),
    ("rights", {"right": 999999}, 422),
    ("products", {"name": ""}, 400),
    ("places", {"address": "某地", "district": "999999"}, 422),
    ("assignments", {"user": 999999}, 422),
    ("products", {"name": "机床", "version": 1_000}, 409),
    ("products", {"name": "机床", "colour": "red"}, 422),
])
def test_refused_records_change_nothing(officer, case, path, payload, status):
    api, _user = officer
    before = state(case)
    response = api.post(f"{URL}/{case.pk}/{path}", {"version": case.version, **payload})
    assert response.status_code == status, body(response)
    assert body(response)["detail"]
    assert state(case) == before


def test_closed_case_refuses_records(officer, case):
    api, _user = officer
    Case.objects.filter(pk=case.pk).update(closed_on=D(2026, 11, 19))
    before = state(case)
    response = api.post(f"{URL}/{case.pk}/products", {"name": "机床", "version": case.version})
    assert response.status_code == 400 and body(response)["code"] == "wrong_stage"
    assert state(case) == before


# -- worklists ----------------------------------------------------------------------------------

def test_worklists(officer, case, world, set_today):
    api, user = officer
    open_case(world, title="别人的线索")
    mine = body(api.get("/api/v1/worklists/mine"))
    assert [c["id"] for c in mine["results"]] == [case.pk] and mine["count"] == 1
    due = body(api.get("/api/v1/worklists/due", {"days": 7, "mine": "true"}))
    assert [c["case"]["id"] for c in due["results"]] == [case.pk]
    assert due["results"][0]["code"] == "filing_check"
    assert body(api.get("/api/v1/worklists/overdue"))["count"] == 0
    set_today(D(2026, 12, 31))
    assert body(api.get("/api/v1/worklists/overdue"))["count"] == 2
    assert api.get("/api/v1/worklists/due", {"days": 1000}).status_code == 422


def test_worklists_need_view_permission(make_user, api_for):
    api = api_for(make_user(Role.LEADERSHIP, Scope.CITY, username="leader"))
    for path in ("mine", "due", "overdue"):
        assert api.get(f"/api/v1/worklists/{path}").status_code == 403


# -- time-limit rules ----------------------------------------------------------------------------

RULE = {"procedure": "enforcement", "clock": "filing_check", "part": "base", "unit": "working_days", "amount": 20,
        "effective_from": "2027-01-01", "source": "西安市知识产权局试点决定", "tag": "M"}


def test_change_a_rule_keeps_its_history(officer, world):
    api, user = officer
    response = api.post("/api/v1/time-limit-rules", RULE)
    assert response.status_code == 201, body(response)
    data = body(response)
    assert data["amount"] == 20 and data["changed_by"] == user.username
    assert [h["effective_from"] for h in data["history"]][:1] == ["2027-01-01"] and len(data["history"]) >= 2
    listed = body(api.get("/api/v1/time-limit-rules", {"procedure": "enforcement", "clock": "filing_check"}))
    assert listed["count"] >= 2


@pytest.mark.parametrize("change", [{"unit": "weeks"}, {"amount": None}, {"source": ""}, {"clock": "nonsense"},
                                    {"tag": "X"}])
def test_bad_rule_is_refused(officer, change):
    api, _user = officer
    before = TimeLimitRule.objects.count()
    response = api.post("/api/v1/time-limit-rules", {**RULE, **change})
    assert response.status_code == 422, body(response)
    assert body(response)["detail"] and TimeLimitRule.objects.count() == before


@pytest.mark.parametrize("role", [Role.CENTRE_OFFICER, Role.MEDIATOR, Role.ENTERPRISE, Role.LEADERSHIP])
def test_rule_change_needs_manage_limits(make_user, api_for, world, role):
    entity = world["qinchuan"] if role == Role.ENTERPRISE else None
    api = api_for(make_user(role, Scope.CITY, username=f"r-{role}", entity=entity))
    before = TimeLimitRule.objects.count()
    assert api.post("/api/v1/time-limit-rules", RULE).status_code == 403
    assert TimeLimitRule.objects.count() == before
