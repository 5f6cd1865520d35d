"""A generic contract for API resources (the NetBox idea): declare a resource, get its tests.

Subclass `ResourceContract` (list, read, create, update) or `ReadOnlyResourceContract`
(list, read; POST and PATCH answer 405) as `Test<Something>` and set:
    url            "/api/v1/entities"
    model          the Django model
    readers        roles that may list and read (every other role of accounts.roles.Role
                   must get 403 on every operation)
    writers        roles that may create and update (every other role: 403, nothing saved)
and implement, with `world` (tests/api/conftest.py: districts, organizations, entities,
rights, a zone, persons):
    in_scope(world)          a record a district-scoped officer of 雁塔区 can see
    out_of_scope(world)      a record he cannot see (None: the resource has no data scope)
    create_payload(world)    the body of a valid new record, inside his scope
    outside_payload(world)   the body of a valid new record outside his scope (None to skip)
    update_payload(world, record)  a valid change to `record` (without `version`)

Every test goes through a real bearer token, so authentication, permissions, data scope,
validation and the audit log are exercised the way a client meets them.
"""
import json

import pytest
from auditlog.models import LogEntry

from zhibao.accounts.models import APIToken
from zhibao.accounts.roles import Role, Scope

ALL_ROLES = tuple(Role)


def body(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return json.loads(response.content)


class ApiClient:
    """A test client that sends a bearer token (and JSON bodies) on every request."""

    def __init__(self, client, key: str | None):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}

    def get(self, url, data=None, **extra):
        return self.client.get(url, data, **self.headers, **extra)

    def post(self, url, payload, **extra):
        return self.client.post(url, json.dumps(payload), content_type="application/json", **self.headers, **extra)

    def patch(self, url, payload, **extra):
        return self.client.patch(url, json.dumps(payload), content_type="application/json", **self.headers, **extra)

    def raw(self, method, url, data, content_type="application/json", **extra):
        return getattr(self.client, method)(url, data, content_type=content_type, **self.headers, **extra)


class _Contract:
    """What every resource must do: authentication, read permissions, listing, scope."""

    url: str = ""
    model = None
    readers: frozenset = frozenset()
    writers: frozenset = frozenset()

    # -- to implement -------------------------------------------------------------------------
    def in_scope(self, world):
        raise NotImplementedError

    def out_of_scope(self, world):
        return None

    def create_payload(self, world) -> dict:
        raise NotImplementedError

    def outside_payload(self, world) -> dict | None:
        return None

    def update_payload(self, world, record) -> dict:
        raise NotImplementedError

    # -- parametrization: one test per role ---------------------------------------------------
    def pytest_generate_tests(self, metafunc):
        roles = {
            "forbidden_reader": [r for r in ALL_ROLES if r not in self.readers],
            "allowed_reader": [r for r in ALL_ROLES if r in self.readers],
            "forbidden_writer": [r for r in ALL_ROLES if r not in self.writers] if self.writers else [],
        }
        for name, values in roles.items():
            if name in metafunc.fixturenames:
                metafunc.parametrize(name, values, ids=[str(r) for r in values])

    # -- fixtures ---------------------------------------------------------------------------------
    @pytest.fixture
    def as_role(self, make_user, client, world):
        """A client for a city-wide user of a role (an enterprise user acts for 秦川)."""
        def build(role, scope=Scope.CITY, org="city_ip"):
            entity = world["qinchuan"] if role == Role.ENTERPRISE else None
            user = make_user(role, scope, org=org, username=f"{role}-{scope}-{org}", entity=entity)
            _token, key = APIToken.issue(user, name="test")
            return ApiClient(client, key), user
        return build

    @pytest.fixture
    def officer(self, as_role):
        """The default writer: a city-wide IP officer (or the first writer role)."""
        role = Role.IP_OFFICER if Role.IP_OFFICER in (self.writers or self.readers) else sorted(self.readers)[0]
        return as_role(role)

    @pytest.fixture
    def district_officer(self, as_role):
        """An officer of 雁塔区 with district scope."""
        role = Role.IP_OFFICER if Role.IP_OFFICER in (self.writers or self.readers) else sorted(self.readers)[0]
        return as_role(role, Scope.DISTRICT, "yanta_amr")

    def detail(self, record) -> str:
        return f"{self.url}/{record.pk}"

    # -- authentication ------------------------------------------------------------------------------
    def test_list_without_credentials_is_401(self, client, world):
        response = client.get(self.url)
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert body(response)["detail"]

    def test_read_without_credentials_is_401(self, client, world):
        assert client.get(self.detail(self.in_scope(world))).status_code == 401

    # -- permissions: every role ----------------------------------------------------------------------
    def test_allowed_role_can_list_and_read(self, as_role, world, allowed_reader):
        api, _user = as_role(allowed_reader)
        response = api.get(self.url)
        assert response.status_code == 200, body(response)
        assert "count" in body(response)
        if allowed_reader == Role.ENTERPRISE:
            return  # an enterprise user sees only its own records; covered by the resource's tests
        record = self.in_scope(world)
        assert api.get(self.detail(record)).status_code == 200

    def test_forbidden_role_cannot_list_or_read(self, as_role, world, forbidden_reader):
        api, _user = as_role(forbidden_reader)
        for url in (self.url, self.detail(self.in_scope(world))):
            response = api.get(url)
            assert response.status_code == 403, (forbidden_reader, url, response.content[:300])
            assert body(response)["detail"]

    # -- list, read ------------------------------------------------------------------------------------------
    def test_list_pages_with_limit_offset_and_page(self, officer, world):
        api, _user = officer
        self.in_scope(world)
        total = body(api.get(self.url))["count"]
        assert total >= 1
        first = body(api.get(self.url, {"limit": 1}))
        assert first["limit"] == 1 and first["offset"] == 0 and len(first["results"]) == 1
        assert (first["next"] is not None) == (total > 1)
        by_page = body(api.get(self.url, {"page": 1, "per_page": 1}))
        assert by_page["results"] == first["results"]
        assert api.get(self.url, {"limit": 201}).status_code == 422
        assert api.get(self.url, {"limit": 0}).status_code == 422
        assert api.get(self.url, {"limit": 1, "page": 1}).status_code == 422

    def test_list_refuses_unknown_parameters_and_ordering(self, officer, world):
        api, _user = officer
        response = api.get(self.url, {"colour": "red"})
        assert response.status_code == 422 and "colour" in body(response)["errors"]
        response = api.get(self.url, {"ordering": "password"})
        assert response.status_code == 422 and "ordering" in body(response)["errors"]

    def test_read_returns_the_record_and_its_url(self, officer, world):
        api, _user = officer
        record = self.in_scope(world)
        data = body(api.get(self.detail(record)))
        assert data["url"].endswith(self.detail(record))
        assert str(data.get("id", data.get("code"))) == str(record.pk)

    def test_unknown_record_is_404(self, officer, world):
        api, _user = officer
        response = api.get(f"{self.url}/999999")
        assert response.status_code == 404 and body(response)["detail"]

    # -- data scope --------------------------------------------------------------------------------------------
    def test_scope_hides_records_outside_it(self, district_officer, world):
        outside = self.out_of_scope(world)
        if outside is None:
            pytest.skip("reference data: no data scope")
        inside = self.in_scope(world)
        api, _user = district_officer
        listed = {str(r.get("id", r.get("code"))) for r in body(api.get(self.url, {"limit": 200}))["results"]}
        assert str(inside.pk) in listed
        assert str(outside.pk) not in listed
        assert api.get(self.detail(outside)).status_code == 404



class ReadOnlyResourceContract(_Contract):
    """A resource that can be listed and read only (reference data)."""

    def test_read_only_resource_refuses_writes(self, officer, world):
        api, _user = officer
        for response in (api.post(self.url, {}), api.patch(self.detail(self.in_scope(world)), {})):
            assert response.status_code == 405
            assert "GET" in response["Allow"] and body(response)["detail"]



class ResourceContract(_Contract):
    """A resource that can also be created and updated."""

    def test_write_without_credentials_is_401(self, client, world):
        before = self.model.objects.count()
        response = client.post(self.url, json.dumps(self.create_payload(world)), content_type="application/json")
        assert response.status_code == 401
        assert self.model.objects.count() == before

    def test_forbidden_role_cannot_create_or_update(self, as_role, world, forbidden_writer):
        api, _user = as_role(forbidden_writer)
        record = self.in_scope(world)
        before_count = self.model.objects.count()
        before_version = getattr(record, "version", None)
        created = api.post(self.url, self.create_payload(world))
        assert created.status_code == 403, (forbidden_writer, created.content[:300])
        changed = api.patch(self.detail(record), {**self.update_payload(world, record), "version": before_version})
        assert changed.status_code == 403, (forbidden_writer, changed.content[:300])
        assert self.model.objects.count() == before_count
        record.refresh_from_db()
        assert getattr(record, "version", None) == before_version

    def test_forbidden_role_is_refused_before_the_input_is_read(self, as_role, world, forbidden_writer):
        api, _user = as_role(forbidden_writer)
        assert api.post(self.url, {"no such field": "<script>"}).status_code == 403

    def test_scope_hides_records_from_updates(self, district_officer, world):
        outside = self.out_of_scope(world)
        if outside is None:
            pytest.skip("reference data: no data scope")
        api, _user = district_officer
        response = api.patch(self.detail(outside), {**self.update_payload(world, outside), "version": outside.version})
        assert response.status_code == 404
        outside.refresh_from_db()
        assert outside.version == 1

    def test_create_outside_scope_is_refused_and_nothing_saved(self, district_officer, world):
        payload = self.outside_payload(world)
        if payload is None:
            pytest.skip("the resource declares no outside-scope payload")
        api, _user = district_officer
        before = self.model.objects.count()
        response = api.post(self.url, payload)
        assert response.status_code in (403, 422), response.content[:300]
        assert self.model.objects.count() == before

    # -- writes and audit ---------------------------------------------------------------------------------------
    def test_create_is_saved_and_audited_with_actor_and_request_id(self, officer, world):
        api, user = officer
        response = api.post(self.url, self.create_payload(world), HTTP_X_REQUEST_ID="req-create-1")
        assert response.status_code == 201, body(response)
        data = body(response)
        record = self.model.objects.get(pk=data["id"])
        assert data["version"] == record.version == 1
        entry = LogEntry.objects.get_for_object(record).get(action=LogEntry.Action.CREATE)
        assert entry.actor == user
        assert entry.cid == "req-create-1"

    def test_update_bumps_version_and_is_audited(self, officer, world):
        api, user = officer
        record = self.in_scope(world)
        change = self.update_payload(world, record)
        response = api.patch(self.detail(record), {**change, "version": record.version}, HTTP_X_REQUEST_ID="req-upd-1")
        assert response.status_code == 200, body(response)
        assert body(response)["version"] == record.version + 1
        entry = LogEntry.objects.get_for_object(record).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
        assert entry.actor == user
        assert entry.cid == "req-upd-1"
        assert set(change) & set(entry.changes_dict)

    def test_update_with_stale_version_is_409_and_changes_nothing(self, officer, world):
        api, _user = officer
        record = self.in_scope(world)
        change = self.update_payload(world, record)
        ok = api.patch(self.detail(record), {**change, "version": record.version})
        assert ok.status_code == 200
        stale = api.patch(self.detail(record), {**self.update_payload(world, record), "version": record.version})
        assert stale.status_code == 409
        data = body(stale)
        assert data["current_version"] == record.version + 1 and data["detail"]
        record.refresh_from_db()
        assert record.version == data["current_version"]

    def test_update_without_version_is_422(self, officer, world):
        api, _user = officer
        record = self.in_scope(world)
        response = api.patch(self.detail(record), self.update_payload(world, record))
        assert response.status_code == 422
        assert "version" in body(response)["errors"]

    def test_unknown_field_is_422_and_nothing_saved(self, officer, world):
        api, _user = officer
        before = self.model.objects.count()
        response = api.post(self.url, {**self.create_payload(world), "colour": "red"})
        assert response.status_code == 422
        assert "colour" in body(response)["errors"]
        assert self.model.objects.count() == before
