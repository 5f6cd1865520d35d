"""The platform starts: sign-in page, home page with every module named, health check."""
import pytest
from django.urls import reverse

from zhibao.core.modules import MODULES


def test_login_page_in_chinese_by_default(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_anonymous_home_redirects_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_home_names_every_module(admin_client):
    page = admin_client.get("/").content.decode()
    for module in MODULES:
        assert str(module.label) in page


def test_healthz_reports_database_and_worker(client, db):
    data = client.get("/healthz").json()
    assert data["database"]["ok"] is True
    assert "worker" in data


def test_request_id_is_echoed(client, db):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="abc-123")
    assert response["X-Request-ID"] == "abc-123"


@pytest.mark.parametrize("bad", ["<script>", "x" * 200])
def test_malformed_request_id_is_replaced(client, db, bad):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID=bad)
    assert response["X-Request-ID"] != bad
