"""Bad input gets a specific message per field, nothing is half-written, never a 500."""
import datetime
import json

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from zhibao.accounts.roles import Role, Scope
from zhibao.registry.models import IPRight, MarketEntity, Person, RightHolder

from .base import body
from .conftest import uscc

ENTITIES = "/api/v1/entities"
RIGHTS = "/api/v1/rights"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def api(make_user, api_for, world):
    return api_for(make_user(Role.IP_OFFICER))


def entity(**changes):
    payload = {"name": "西安新材料科技有限公司", "uscc": uscc("610113", 500), "district": "610113"}
    payload.update(changes)
    return payload


def refused(response, status, field=None) -> dict:
    """The response has `status`, the common error format, and (if given) messages for `field`."""
    assert response.status_code == status, response.content[:500]
    data = body(response)
    assert isinstance(data["detail"], str) and data["detail"]
    if field is not None:
        assert data["errors"][field], data
        assert all(isinstance(m, str) and m for m in data["errors"][field])
    return data


def nothing_saved(before: int):
    assert MarketEntity.objects.count() == before


@pytest.mark.parametrize("field,value,needle", [
    ("uscc", uscc("610113", 500)[:-1] + ("0" if uscc("610113", 500)[-1] != "0" else "1"), "check character"),
    ("uscc", "91610113ABC", "18 characters"),
    ("uscc", "IIIIIIIIIIIIIIIIII", "only digits"),
    ("name", "<script>alert(1)</script>", "HTML"),
    ("name", "秦川<b>精工</b>", "HTML"),
    ("address", "javascript:alert(1)", "HTML"),
    ("address", '西安 <img src=x onerror=alert(1)>', "HTML"),
    ("legal_representative", "张\x00三", "control characters"),
    ("name", "名" * 151, "at most 150"),
    ("address", "路" * 201, "at most 200"),
    ("established", (timezone.localdate() + datetime.timedelta(days=1)).isoformat(), "future"),
    ("established", "2020-02-30", "YYYY-MM-DD"),
    ("established", "yesterday", "YYYY-MM-DD"),
    ("name", 12345, "text"),
    ("kind", "multinational", "Choose one of"),
    ("registered_capital", "-5", "at least 0"),
    ("registered_capital", "123456789012345.5", "too many digits"),
    ("registered_capital", "lots", "number"),
    ("phone", "call me maybe", "phone number"),
    ("district", "999999", "no district"),
    ("zone", 424242, "no development zone"),
    ("org", "first", "whole number"),
])
def test_bad_entity_values_get_a_specific_message(api, field, value, needle):
    before = MarketEntity.objects.count()
    messages = refused(api.post(ENTITIES, entity(**{field: value}), **EN), 422, field)["errors"][field]
    assert needle.lower() in " ".join(messages).lower(), messages
    nothing_saved(before)


def test_several_errors_are_reported_together(api):
    # The shape of the body is checked first (every field at once), then the values (every field at once).
    data = refused(api.post(ENTITIES, {"name": "名" * 151, "district": "610113", "extra": 1}, **EN), 422)
    assert {"name", "uscc", "extra"} == set(data["errors"])
    data = refused(api.post(ENTITIES, {"name": "<i>x</i>", "uscc": "123", "district": "610113",
                                       "established": "2999-01-01"}, **EN), 422)
    assert {"name", "uscc", "established"} == set(data["errors"])


def test_missing_required_fields(api):
    data = refused(api.post(ENTITIES, {"name": "西安某公司"}, **EN), 422)
    assert data["errors"]["uscc"] == ["This field is required."]
    assert data["errors"]["district"] == ["This field is required."]


def test_duplicate_uscc_is_409_with_a_link_to_the_existing_record(api, world):
    existing = world["qinchuan"]
    response = api.post(ENTITIES, entity(uscc=existing.uscc), **EN)
    data = refused(response, 409, "uscc")
    assert data["existing"]["id"] == existing.pk
    assert data["existing"]["url"].endswith(f"{ENTITIES}/{existing.pk}")
    assert existing.name in data["detail"]


def test_duplicate_outside_scope_does_not_reveal_the_record(make_user, api_for, world):
    api = api_for(make_user(Role.IP_OFFICER, Scope.DISTRICT, org="yanta_amr"))
    other = world["weiyang_food"]
    data = refused(api.post(ENTITIES, entity(uscc=other.uscc), **EN), 409, "uscc")
    assert data["existing"] is None
    assert other.name not in json.dumps(data, ensure_ascii=False)


def test_duplicate_person_does_not_reveal_the_name(api, world):
    zhang = world["zhang"]
    response = api.post("/api/v1/persons", {"name": "张三", "id_number": zhang.id_number}, **EN)
    data = refused(response, 409, "id_number")
    assert data["existing"]["id"] == zhang.pk
    assert zhang.name not in json.dumps(data, ensure_ascii=False)


def test_uscc_is_normalized(api):
    code = uscc("610113", 500)
    response = api.post(ENTITIES, entity(uscc=f" {code.lower()} "))
    assert response.status_code == 201, body(response)
    assert body(response)["uscc"] == code


def test_stale_version_is_409_with_the_current_version(api, world):
    url = f"{ENTITIES}/{world['qinchuan'].pk}"
    assert api.patch(url, {"version": 1, "phone": "029-1234567"}).status_code == 200
    data = refused(api.patch(url, {"version": 1, "phone": "029-7654321"}, **EN), 409, "version")
    assert data["current_version"] == 2
    assert "Nothing was saved" in data["detail"]
    world["qinchuan"].refresh_from_db()
    assert world["qinchuan"].phone == "029-1234567"


def test_patch_can_clear_an_optional_field_and_refuses_to_clear_a_required_one(api, world):
    url = f"{ENTITIES}/{world['qinchuan'].pk}"
    response = api.patch(url, {"version": 1, "address": None, "established": None})
    assert response.status_code == 200, body(response)
    assert body(response)["address"] == "" and body(response)["established"] is None
    refused(api.patch(url, {"version": 2, "name": None}, **EN), 422, "name")


def test_malformed_json_is_400(api):
    response = api.raw("post", ENTITIES, '{"name": "x",', **EN)
    data = refused(response, 400)
    assert "not valid JSON" in data["detail"]


def test_body_that_is_not_utf8_is_400(api):
    response = api.raw("post", ENTITIES, b'{"name": "\xff\xfe"}', **EN)
    refused(response, 400)


def test_body_nested_too_deeply_is_400(api):
    data = refused(api.raw("post", ENTITIES, "[" * 100_000, **EN), 400)
    assert "nested too deeply" in data["detail"]


@pytest.mark.parametrize("query,field", [
    ({"offset": 10**23}, "offset"), ({"page": 10**12, "per_page": 10}, "page"), ({"limit": "1e3"}, "limit"),
    ({"q": "\x00"}, "q"), ({"ordering": "-"}, "ordering"), ({"ordering": ",,"}, "ordering"),
])
def test_extreme_query_values_are_422(api, query, field):
    refused(api.get(ENTITIES, query, **EN), 422, field)


def test_huge_id_is_404_or_422_never_500(api):
    assert api.get(f"{ENTITIES}/{10**23}").status_code in (404, 422)
    assert api.get("/api/v1/districts/%00").status_code == 404


def test_body_that_is_not_an_object_is_422(api):
    data = refused(api.raw("post", ENTITIES, "[1, 2, 3]", **EN), 422)
    assert data["errors"]["__all__"] == ["The request body must be a JSON object."]


def test_empty_body_is_422(api):
    data = refused(api.raw("post", ENTITIES, "", **EN), 422)
    assert "__all__" in data["errors"]


def test_form_encoded_body_is_refused(api):
    response = api.raw("post", ENTITIES, "name=x&uscc=y", content_type="application/x-www-form-urlencoded", **EN)
    refused(response, 400)


def test_body_too_large_is_413(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api.raw("post", ENTITIES, json.dumps(entity(address="路" * 2000)), **EN)
    refused(response, 413)


def test_bad_filter_values_are_422(api):
    data = refused(api.get(ENTITIES, {"kind": "nonsense"}, **EN), 422, "kind")
    assert "valid choice" in data["errors"]["kind"][0]
    refused(api.get(ENTITIES, {"q": "x" * 500}, **EN), 422, "q")
    refused(api.get(RIGHTS, {"nice_class": "99"}, **EN), 422, "nice_class")
    refused(api.get(ENTITIES, {"offset": "-1"}, **EN), 422, "offset")
    refused(api.get(ENTITIES, {"limit": "many"}, **EN), 422, "limit")


def test_unknown_path_is_a_json_404(api):
    refused(api.get("/api/v1/no-such-thing", **EN), 404)


def test_wrong_id_type_in_path_is_422(api):
    data = refused(api.get(f"{ENTITIES}/abc", **EN), 422, "pk")
    assert data["errors"]["pk"] == ["Enter a whole number."]


# -- rights: codes, holders, all or nothing ---------------------------------------------------------

def right(**changes):
    payload = {"kind": "invention", "number": "ZL201910234567.8", "title": "一种冷却装置", "district": "610113"}
    payload.update(changes)
    return payload


@pytest.mark.parametrize("changes,field,needle", [
    ({"number": "ZL201910234567.3"}, "number", "check character"),
    ({"number": "12345"}, "number", "looks like"),
    ({"kind": "trademark", "number": "1234567"}, "nice_classes", "at least one Nice class"),
    ({"kind": "trademark", "number": "1234567", "nice_classes": "7, 99"}, "nice_classes", "1 to 45"),
    ({"grant_date": "2019-01-01", "application_date": "2019-06-01"}, "grant_date", "before the application"),
    ({"description": "说" * 5001}, "description", "at most 5000"),
    ({"title": "<svg onload=alert(1)>"}, "title", "HTML"),
])
def test_bad_right_values(api, changes, field, needle):
    payload = right(**changes)
    messages = refused(api.post(RIGHTS, payload, **EN), 422, field)["errors"][field]
    assert needle.lower() in " ".join(messages).lower(), messages
    assert not IPRight.objects.filter(title=payload["title"]).exists()


def test_a_bad_holder_leaves_no_right_behind(api, world):
    rights_before, holders_before = IPRight.objects.count(), RightHolder.objects.count()
    logs_before = LogEntry.objects.count()
    payload = right(holders=[{"entity": world["qinchuan"].pk}, {"entity": 999999}])
    refused(api.post(RIGHTS, payload, **EN), 422, "holders.1.entity")
    payload = right(holders=[{"entity": world["qinchuan"].pk, "person": world["zhang"].pk}])
    refused(api.post(RIGHTS, payload, **EN), 422, "holders.0")
    payload = right(holders=[{"entity": world["qinchuan"].pk}, {"entity": world["qinchuan"].pk}])
    refused(api.post(RIGHTS, payload, **EN), 422, "holders.1")
    payload = right(holders=[{"entity": world["qinchuan"].pk, "role": "thief"}])
    refused(api.post(RIGHTS, payload, **EN), 422, "holders.0.role")
    assert IPRight.objects.count() == rights_before
    assert RightHolder.objects.count() == holders_before
    assert LogEntry.objects.count() == logs_before


def test_person_id_number_is_checked(api):
    before = Person.objects.count()
    refused(api.post("/api/v1/persons", {"name": "王五", "id_number": "610113199001020331"}, **EN), 422, "id_number")
    refused(api.post("/api/v1/persons", {"name": "王五", "birth_date": "2999-01-01"}, **EN), 422, "birth_date")
    assert Person.objects.count() == before


def test_organization_uscc_is_checked(api):
    data = refused(api.post("/api/v1/organizations", {"name": "某工作站", "kind": "workstation", "uscc": "12345"},
                            **EN), 422, "uscc")
    assert "18 characters" in data["errors"]["uscc"][0]
