"""Authentication: bearer tokens (valid, wrong, revoked, expired, disabled account) and
browser sessions with CSRF."""
import datetime
import json

from django.test import Client
from django.utils import timezone

from zhibao.accounts.models import APIToken
from zhibao.accounts.roles import Role

from .base import body

URL = "/api/v1/entities"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", **EN}


def test_valid_token_is_accepted_and_marked_used(client, make_user, world):
    token, key = APIToken.issue(make_user(Role.IP_OFFICER), name="script")
    response = client.get(URL, **bearer(key))
    assert response.status_code == 200
    assert body(response)["count"] == 3
    token.refresh_from_db()
    assert token.last_used is not None


def test_wrong_token_is_401_with_a_clear_message(client, world):
    response = client.get(URL, **bearer("zb_not-a-real-key"))
    assert response.status_code == 401
    assert "not valid" in body(response)["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_wrong_token_does_not_fall_back_to_the_session(client_for, make_user, world):
    browser = client_for(make_user(Role.IP_OFFICER))
    assert browser.get(URL).status_code == 200
    assert browser.get(URL, **bearer("zb_wrong")).status_code == 401


def test_revoked_token_is_401(client, make_user, world):
    token, key = APIToken.issue(make_user(Role.IP_OFFICER))
    token.revoked = timezone.now()
    token.save()
    response = client.get(URL, **bearer(key))
    assert response.status_code == 401
    assert "revoked" in body(response)["detail"]


def test_expired_token_is_401(client, make_user, world):
    _token, key = APIToken.issue(make_user(Role.IP_OFFICER), expires=timezone.now() - datetime.timedelta(days=1))
    response = client.get(URL, **bearer(key))
    assert response.status_code == 401
    assert "expired" in body(response)["detail"]


def test_token_of_a_disabled_account_is_401(client, make_user, world):
    user = make_user(Role.IP_OFFICER)
    _token, key = APIToken.issue(user)
    user.is_active = False
    user.save()
    response = client.get(URL, **bearer(key))
    assert response.status_code == 401
    assert "disabled" in body(response)["detail"]


def test_other_authorization_schemes_are_refused(client, world):
    response = client.get(URL, HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz", **EN)
    assert response.status_code == 401
    assert "Bearer" in body(response)["detail"]


def test_no_credentials_is_401_in_json(client, world):
    response = client.get(URL, **EN)
    assert response.status_code == 401
    assert "Authentication required" in body(response)["detail"]


def test_token_requests_need_no_csrf(client, make_user, world):
    _token, key = APIToken.issue(make_user(Role.IP_OFFICER))
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.patch(f"{URL}/{world['qinchuan'].pk}", json.dumps({"version": 1, "phone": "029-88886666"}),
                                 content_type="application/json", **bearer(key))
    assert response.status_code == 200, body(response)


def test_session_reads_and_needs_csrf_to_write(make_user, world):
    user = make_user(Role.IP_OFFICER)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user, backend="zhibao.accounts.backends.RoleBackend")
    assert browser.get(URL).status_code == 200
    url = f"{URL}/{world['qinchuan'].pk}"
    payload = json.dumps({"version": 1, "phone": "029-88886666"})
    refused = browser.patch(url, payload, content_type="application/json", **EN)
    assert refused.status_code == 403
    assert "CSRF" in body(refused)["detail"]
    world["qinchuan"].refresh_from_db()
    assert world["qinchuan"].version == 1
    browser.get("/accounts/login/")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.patch(url, payload, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200, body(accepted)
    assert body(accepted)["phone"] == "029-88886666"
