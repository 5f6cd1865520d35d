"""The OpenAPI document, its docs page (offline), /healthz, and the language of messages."""
import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from zhibao.accounts.roles import Role
from zhibao.core.models import WorkerHeartbeat

from .base import body

RESOURCES = ("entities", "rights", "persons", "organizations", "districts", "zones")


@pytest.fixture
def schema(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_openapi_document_is_valid_and_complete(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Zhibao API"
    paths = schema["paths"]
    for name in RESOURCES:
        assert f"/api/v1/{name}" in paths and f"/api/v1/{name}/{{pk}}" in paths
        assert "get" in paths[f"/api/v1/{name}"]
    for name in ("entities", "rights", "persons", "organizations"):
        assert "post" in paths[f"/api/v1/{name}"] and "patch" in paths[f"/api/v1/{name}/{{pk}}"]
    for name in ("districts", "zones"):
        assert "post" not in paths[f"/api/v1/{name}"]
    assert "/api/v1/entities/{pk}/rights" in paths
    # Every $ref points at a schema that exists.
    components = schema["components"]["schemas"]
    for ref in set(_refs(schema)):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in components, ref
    operation_ids = [op["operationId"] for item in paths.values() for op in item.values()]
    assert len(operation_ids) == len(set(operation_ids))


# Routers of other apps that still use an auth callable of their own (no security scheme);
# they should pass `auth=zhibao.api.auth.AUTH` (or `permission_auth(...)`) to their Router.


def test_every_operation_declares_security(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["BearerAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"
    missing = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if not operation.get("security") or {"BearerAuth": []} not in operation["security"]:
                missing.append(f"{method.upper()} {path}")
    assert not missing, missing


def test_write_operations_document_their_errors(schema):
    create = schema["paths"]["/api/v1/entities"]["post"]
    assert {"201", "401", "403", "409", "422"} <= set(create["responses"])
    update = schema["paths"]["/api/v1/entities/{pk}"]["patch"]
    assert {"200", "404", "409", "422"} <= set(update["responses"])
    body_schema = create["requestBody"]["content"]["application/json"]["schema"]
    entity_in = schema["components"]["schemas"][body_schema["$ref"].rsplit("/", 1)[1]]
    assert entity_in["additionalProperties"] is False
    assert entity_in["properties"]["name"]["maxLength"] == 150


def test_list_operations_document_the_page_filters(schema):
    params = {p["name"] for p in schema["paths"]["/api/v1/entities"]["get"]["parameters"]}
    assert {"q", "district", "kind", "industry", "status", "limit", "offset", "page", "per_page", "ordering"} <= params


def test_docs_page_uses_no_outside_address(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/openapi.json" in html
    # Served from here or nothing: a government intranet has no CDN, and the CSP forbids one.
    assert not re.search(r'(src|href)="https?://', html), html
    for asset in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert finders.find(asset), asset


# -- /healthz ---------------------------------------------------------------------------------------------

def test_healthz_reports_database_and_worker(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"]["ok"] is True and data["database"]["vendor"] in ("sqlite", "postgresql")
    assert data["worker"]["ok"] is True
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_degraded_without_a_worker(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    response = client.get("/healthz")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "degraded" and data["worker"]["ok"] is False
    WorkerHeartbeat.objects.create(worker="w1", seen=timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["worker"]["age_seconds"] >= 0
    WorkerHeartbeat.objects.update(seen=timezone.now() - timezone.timedelta(minutes=10))
    assert client.get("/healthz").status_code == 503


def test_healthz_degraded_when_the_database_fails(client, db, monkeypatch):
    class Broken:
        vendor = "broken"

        def cursor(self):
            raise RuntimeError("database is gone")

    monkeypatch.setattr("zhibao.core.views.connection", Broken())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == {"ok": False, "error": "RuntimeError"}


# -- language -----------------------------------------------------------------------------------------------

def test_messages_are_chinese_by_default_and_english_on_request(client, make_user, api_for, world):
    api = api_for(make_user(Role.IP_OFFICER))
    payload = {"name": "<b>x</b>", "uscc": "123", "district": "610113", "colour": "red"}
    zh = body(api.post("/api/v1/entities", payload))
    en = body(api.post("/api/v1/entities", payload, HTTP_ACCEPT_LANGUAGE="en"))
    assert en["detail"] == "Some values are not valid; see the messages per field."
    assert en["errors"]["colour"] == ["Unknown field: remove it or check its spelling."]
    assert zh["detail"] != en["detail"] and re.search(r"[\u4e00-\u9fff]", zh["detail"])
    assert re.search(r"[\u4e00-\u9fff]", zh["errors"]["colour"][0])
    unauthenticated = client.get("/api/v1/entities", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert re.search(r"[\u4e00-\u9fff]", body(unauthenticated)["detail"])


def test_choice_labels_follow_the_language(make_user, api_for, world):
    api = api_for(make_user(Role.IP_OFFICER))
    url = f"/api/v1/entities/{world['qinchuan'].pk}"
    assert body(api.get(url, HTTP_ACCEPT_LANGUAGE="en"))["industry_label"] == "Manufacturing"
    assert body(api.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans"))["industry_label"] != "Manufacturing"
