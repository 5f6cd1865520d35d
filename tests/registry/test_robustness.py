"""Whatever a person types into the registry pages, the answer is a page with a message,
never a server error, and nothing is half-saved."""
import pytest
from django.urls import reverse

from zhibao.registry.models import GIAuthorization, IPRight, MarketEntity, Organization, Person, RightHolder

from .test_forms import entity_data, person_data, right_data, snapshot

NASTY = ["", " ", "\x00", "a\x00b", "9" * 30, "-1", "1e999", "０１２３", "<script>alert(1)</script>",
         "'; DROP TABLE registry_marketentity; --", "x" * 10_000, "%", "_", "\\", '"', "秦\u200b川", "NaN"]

MODELS = (MarketEntity, IPRight, RightHolder, GIAuthorization, Person, Organization)


def state():
    return [snapshot(model) for model in MODELS]


def organization_data(reg):
    return {"name": "西安市测试机构", "short_name": "", "kind": "other", "district": "610113",
            "parent": reg["yanta_amr"].pk, "uscc": "", "address": "", "phone": "", "is_active": "on"}


FORMS = {
    "entity_create": entity_data, "right_create": right_data, "person_create": person_data,
    "organization_create": organization_data,
}


@pytest.mark.parametrize("form", FORMS)
def test_no_input_to_a_form_breaks_it(as_user, reg, form):
    client = as_user("officer")
    base = FORMS[form](reg)
    for field in list(base) + ["version", "unknown"]:
        for value in NASTY:
            before = state()
            response = client.post(reverse(f"registry:{form}"), {**base, field: value})
            assert response.status_code in (200, 302), (field, value, response.status_code)
            if response.status_code == 200:
                assert state() == before, (field, value)


def test_no_input_to_holder_and_gi_forms_breaks_them(as_user, reg):
    client = as_user("officer")
    for url, fields in ((reverse("registry:holder_add", args=[reg["patent"].pk]),
                         ("entity", "person_id_number", "role", "since")),
                        (reverse("registry:gi_user_add", args=[reg["gi"].pk]),
                         ("entity", "certificate", "valid_from", "valid_until"))):
        for field in fields:
            for value in NASTY:
                before = state()
                response = client.post(url, {field: value})
                assert response.status_code in (302, 422), (url, field, value)
                assert state() == before


@pytest.mark.parametrize("name", ["entity_list", "right_list", "person_list", "organization_list", "district_list",
                                  "zone_list", "entity_lookup"])
def test_no_query_parameter_breaks_a_list(as_user, reg, name):
    client = as_user("officer")
    for key in ("q", "page", "per_page", "sort", "district", "zone", "kind", "industry", "status", "org", "holder",
                "nice_class", "level", "in_cluster", "parent", "export", "first_holder", "entity"):
        for value in NASTY:
            response = client.get(reverse(f"registry:{name}"), {key: value})
            assert response.status_code in (200, 302), (name, key, value, response.status_code)


@pytest.mark.parametrize("url", ["/registry/entities/0/", "/registry/entities/99999999999999999999/",
                                 "/registry/rights/abc/", "/registry/persons/-1/full/"])
def test_odd_record_addresses_are_404(as_user, reg, url):
    assert as_user("officer").get(url).status_code == 404
