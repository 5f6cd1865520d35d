"""Rights come with their holders; an entity's rights; enterprise users see only their own."""
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhibao.accounts.roles import Role, Scope
from zhibao.registry.models import IPRight, MarketEntity, RightHolder

from .base import body
from .conftest import uscc

RIGHTS = "/api/v1/rights"


def test_right_lists_its_holders(make_user, api_for, world):
    api = api_for(make_user(Role.MEDIATOR))
    data = body(api.get(f"{RIGHTS}/{world['patent'].pk}"))
    assert data["kind"] == "invention" and data["number"] == "ZL201810123456.5"
    [holder] = data["holders"]
    assert holder["entity"]["id"] == world["qinchuan"].pk
    assert holder["entity"]["uscc"] == world["qinchuan"].uscc
    assert holder["entity"]["url"].endswith(f"/api/v1/entities/{world['qinchuan'].pk}")
    assert holder["person"] is None and holder["role"] == "owner"


def test_person_holders_are_masked(make_user, api_for, world):
    RightHolder.objects.create(right=world["mark"], person=world["zhang"])
    api = api_for(make_user(Role.IP_OFFICER))
    data = body(api.get(f"{RIGHTS}/{world['mark'].pk}"))
    person = next(h["person"] for h in data["holders"] if h["person"])
    assert person == {"id": world["zhang"].pk, "name": "张**",
                      "url": f"http://testserver/api/v1/persons/{world['zhang'].pk}"}


def test_entity_rights(make_user, api_for, world):
    api = api_for(make_user(Role.IP_OFFICER))
    url = f"/api/v1/entities/{world['qinchuan'].pk}/rights"
    data = body(api.get(url))
    assert data["count"] == 2
    assert {r["number"] for r in data["results"]} == {"ZL201810123456.5", "12345678"}
    marks = body(api.get(url, {"kind": "trademark"}))
    assert [r["number"] for r in marks["results"]] == ["12345678"]
    assert body(api.get(f"/api/v1/entities/{world['qujiang'].pk}/rights"))["count"] == 0
    assert api.get("/api/v1/entities/999999/rights").status_code == 404


def test_entity_rights_respect_scope(make_user, api_for, world):
    api = api_for(make_user(Role.IP_OFFICER, Scope.DISTRICT, org="weiyang_amr"))
    assert api.get(f"/api/v1/entities/{world['qinchuan'].pk}/rights").status_code == 404


def test_filters_are_the_pages_filters(make_user, api_for, world):
    api = api_for(make_user(Role.IP_OFFICER))
    assert [r["number"] for r in body(api.get(RIGHTS, {"nice_class": 42}))["results"]] == ["12345678"]
    assert body(api.get(RIGHTS, {"nice_class": 4}))["count"] == 0
    assert [r["number"] for r in body(api.get(RIGHTS, {"q": "冷却"}))["results"]] == ["ZL201810123456.5"]
    assert body(api.get(RIGHTS, {"holder": world["weiyang_food"].pk}))["count"] == 0
    ordered = [r["number"] for r in body(api.get(RIGHTS, {"ordering": "-number"}))["results"]]
    assert ordered == sorted(ordered, reverse=True)


def test_enterprise_user_sees_only_its_own_entity_and_rights(make_user, api_for, world):
    api = api_for(make_user(Role.ENTERPRISE, entity=world["qinchuan"]))
    assert [e["id"] for e in body(api.get("/api/v1/entities"))["results"]] == [world["qinchuan"].pk]
    assert api.get(f"/api/v1/entities/{world['qujiang'].pk}").status_code == 404
    assert body(api.get(RIGHTS))["count"] == 2
    assert api.get("/api/v1/persons").status_code == 403


def test_holders_are_replaced_by_the_list_sent(make_user, api_for, world):
    api = api_for(make_user(Role.IP_OFFICER))
    mark = world["mark"]
    response = api.patch(f"{RIGHTS}/{mark.pk}", {
        "version": mark.version,
        "holders": [{"entity": world["qinchuan"].pk, "role": "owner"},
                    {"person": world["zhang"].pk, "role": "licensee", "since": "2021-03-01"}],
    })
    assert response.status_code == 200, body(response)
    holders = {(h.entity_id, h.person_id, h.role) for h in mark.holders.all()}
    assert holders == {(world["qinchuan"].pk, None, "owner"), (None, world["zhang"].pk, "licensee")}
    response = api.patch(f"{RIGHTS}/{mark.pk}", {"version": mark.version + 1,
                                                  "holders": [{"person": world["zhang"].pk}]})
    assert response.status_code == 200, body(response)
    assert [(h.person_id, h.role) for h in mark.holders.all()] == [(world["zhang"].pk, "owner")]
    removed = LogEntry.objects.filter(action=LogEntry.Action.DELETE, content_type__model="rightholder")
    assert removed.count() == 1


def test_patch_without_holders_keeps_them(make_user, api_for, world):
    api = api_for(make_user(Role.IP_OFFICER))
    patent = world["patent"]
    assert api.patch(f"{RIGHTS}/{patent.pk}", {"version": 1, "status": "expired"}).status_code == 200
    assert patent.holders.count() == 1
    assert IPRight.objects.get(pk=patent.pk).status == "expired"


def test_create_with_holders(make_user, api_for, world):
    api = api_for(make_user(Role.CENTRE_OFFICER))
    response = api.post(RIGHTS, {"kind": "gi", "number": "2008-123", "title": "临潼石榴", "gi_regime": "product",
                                 "protected_area": "西安市临潼区", "district": "610113",
                                 "holders": [{"entity": world["qujiang"].pk, "role": "applicant"}]})
    assert response.status_code == 201, body(response)
    data = body(response)
    assert data["holders"][0]["entity"]["name"] == world["qujiang"].name
    assert data["holders"][0]["role_label"]


def test_person_holder_needs_the_right_to_see_persons(make_user, api_for, world):
    # An enterprise user cannot write at all; a writer without person access cannot name persons.
    api = api_for(make_user(Role.IP_OFFICER, Scope.DISTRICT, org="weiyang_amr"))
    response = api.post(RIGHTS, {"kind": "trademark", "number": "55555555", "title": "未央", "nice_classes": "30",
                                 "district": "610112", "holders": [{"person": world["zhang"].pk}]})
    assert response.status_code == 422
    assert "holders.0.person" in body(response)["errors"]


def test_list_queries_do_not_grow_with_the_page(make_user, api_for, world):
    """Holders, their entities and persons, districts and organizations are fetched in bulk."""
    api = api_for(make_user(Role.IP_OFFICER))

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert api.get(url, {"limit": 200}).status_code == 200
        return len(captured)

    before = {url: queries(url) for url in (RIGHTS, "/api/v1/entities", "/api/v1/persons")}
    for i in range(20):
        entity = MarketEntity.objects.create(
            name=f"西安测试{i}有限公司", uscc=uscc("610113", 700 + i), district=world["yanta"], org=world["yanta_amr"])
        right = IPRight.objects.create(kind="trademark", number=str(3000000 + i), title=f"测试{i}", nice_classes="9",
                                       district=world["yanta"], org=world["yanta_amr"])
        RightHolder.objects.create(right=right, entity=entity)
        RightHolder.objects.create(right=right, person=world["zhang"])
    after = {url: queries(url) for url in before}
    assert after == before
