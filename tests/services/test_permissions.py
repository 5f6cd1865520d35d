"""Every role against every services page and API list: allowed exactly by the proposed role
table (permissions.proposed_role_permissions), 403 otherwise; anonymous users sign in first."""
import pytest

from zhibao.accounts.roles import Role
from zhibao.services.permissions import ServicePerm as P
from zhibao.services.permissions import proposed_role_permissions

pytestmark = pytest.mark.django_db

PAGES = {
    "/services/workstations/": {P.VIEW},
    "/services/records/": {P.VIEW},
    "/services/satisfaction/": {P.VIEW},
    "/services/experts/": {P.EXPERTS_VIEW},
    "/services/draws/": {P.EXPERTS_VIEW},
    "/services/my/": {P.OPINION},
    "/services/filings/": {P.VIEW},
    "/services/preexams/": {P.VIEW},
    "/services/centres/": {P.PREEXAM},
    "/services/lists/": {P.VIEW},
    "/services/batches/": {P.VIEW},
    "/services/actions/": {P.VIEW},
    "/services/surveys/": {P.SURVEYS},
    "/services/workstations/new/": {P.VIEW, P.CHANGE},
    "/services/records/new/": {P.VIEW, P.RECORD},
    "/services/experts/new/": {P.EXPERTS_VIEW, P.EXPERTS_CHANGE},
    "/services/draws/new/": {P.EXPERTS_VIEW, P.DRAW},
    "/services/filings/new/": {P.VIEW, P.PREEXAM},
    "/services/preexams/new/": {P.VIEW, P.PREEXAM},
    "/services/centres/new/": {P.PREEXAM},
    "/services/lists/new/": {P.VIEW, P.CHANGE},
    "/services/batches/new/": {P.VIEW, P.CHANGE},
    "/services/actions/new/": {P.VIEW, P.CHANGE},
    "/services/surveys/new/": {P.SURVEYS},
    "/services/products/new/": {P.SHARE_PRODUCT},
}
API = {
    "/api/v1/workstations": {P.VIEW}, "/api/v1/service-records": {P.VIEW}, "/api/v1/experts": {P.EXPERTS_VIEW},
    "/api/v1/expert-draws": {P.EXPERTS_VIEW}, "/api/v1/expert-opinions": {P.EXPERTS_VIEW},
    "/api/v1/filing-entities": {P.VIEW}, "/api/v1/preexam-requests": {P.VIEW}, "/api/v1/list-entries": {P.VIEW},
    "/api/v1/surveys": {P.SURVEYS},
}
ROLE_USERS = {Role.IP_OFFICER: "officer", Role.CENTRE_OFFICER: "centre", Role.MEDIATOR: "mediator",
              Role.EXPERT: "expert", Role.WORKSTATION: "station", Role.LIAISON: "liaison",
              Role.ENTERPRISE: "enterprise", Role.LEADERSHIP: "leader"}


@pytest.mark.parametrize("role", sorted(ROLE_USERS))
def test_each_role_reaches_exactly_the_pages_its_permissions_allow(role, as_user):
    client = as_user(ROLE_USERS[role])
    held = proposed_role_permissions()[role]
    wrong = []
    for url, needed in PAGES.items():
        expected = 200 if needed <= held else 403
        status = client.get(url).status_code
        if status != expected:
            wrong.append((url, status, expected))
    assert wrong == []


@pytest.mark.parametrize("role", sorted(ROLE_USERS))
def test_each_role_reaches_exactly_the_api_lists_its_permissions_allow(role, api_as):
    api = api_as(ROLE_USERS[role])
    held = proposed_role_permissions()[role]
    wrong = [(url, api.get(url).status_code) for url, needed in API.items()
             if api.get(url).status_code != (200 if needed <= held else 403)]
    assert wrong == []


def test_administrators_reach_everything(as_user):
    client = as_user("admin")
    assert [url for url in PAGES if url != "/services/products/new/" and client.get(url).status_code != 200] == []


def test_anonymous_users_are_sent_to_sign_in(client, users):
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert client.get("/api/v1/workstations").status_code == 401


def test_leadership_sees_nothing_of_the_services(as_user):
    """The leadership role sees the cockpit and nothing personal (issue 4)."""
    client = as_user("leader")
    assert all(client.get(url).status_code == 403 for url in PAGES)
