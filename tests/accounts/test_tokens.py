"""API tokens: the `zhibao token` command, the issue and revoke pages, and bearer authentication."""
import datetime
import hashlib
import io
import re

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from zhibao.accounts.management.commands.token import Command as TokenCommand
from zhibao.accounts.models import APIToken
from zhibao.accounts.roles import Role, Scope

KEY = re.compile(r"^zb_[A-Za-z0-9_-]{40,}$")
AUDIT = reverse("audit:log_list")


def run_token(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# -- command -------------------------------------------------------------------------

def test_command_prints_only_the_key_and_stores_only_its_hash(admin_user):
    out, err = run_token("admin", "--name", "nightly sync", "--expires-days", "30")
    key = out.strip()
    assert out == key + "\n" and KEY.match(key) and err == ""
    token = APIToken.objects.get(user=admin_user)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.hint == key[:10] and token.name == "nightly sync"
    assert timezone.now() + datetime.timedelta(days=29) < token.expires < timezone.now() + datetime.timedelta(days=31)
    stored = [str(v) for v in APIToken.objects.filter(pk=token.pk).values().get().values()]
    assert key not in stored
    entry = LogEntry.objects.get(content_type__model="apitoken", object_pk=str(token.pk))
    assert entry.action == LogEntry.Action.CREATE and entry.cid and "key_hash" not in entry.changes


def test_command_key_signs_in_to_the_api(admin_user, client):
    key = run_token("admin")[0].strip()
    assert client.get(AUDIT, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


@pytest.mark.parametrize("args, message", [
    (["ghost"], "No user is named “ghost”"),
    (["admin", "--expires-days", "0"], "expires after 1 to 3650 days"),
    (["admin", "--expires-days", "5000"], "expires after 1 to 3650 days"),
])
def test_command_errors(admin_user, args, message, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(CommandError, match=message):
        run_token(*args)
    assert not APIToken.objects.exists()


def test_command_refuses_a_deactivated_user_with_exit_code_1(make_user, capsys, settings, monkeypatch):
    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(connections, "close_all", lambda: None)  # run_from_argv would close the test database
    make_user(Role.MEDIATOR, Scope.ORGANIZATION, username="gone", is_active=False)
    with pytest.raises(SystemExit) as exit_info:
        TokenCommand().run_from_argv(["zhibao", "token", "gone"])
    captured = capsys.readouterr()
    assert exit_info.value.code == 1
    assert captured.out == ""
    assert "deactivated" in captured.err
    assert not APIToken.objects.exists()


# -- pages ---------------------------------------------------------------------------

@pytest.fixture
def officer(make_user):
    return make_user(Role.IP_OFFICER, Scope.ORGANIZATION, org="yanta_amr", username="officer")


def test_issue_page_shows_the_key_once(en, officer, admin_user):
    response = en.post(reverse("accounts:token_issue"), {"user": officer.pk, "name": "case system",
                                                         "expires_days": "90"}, HTTP_X_REQUEST_ID="req-tok")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    key = response.context["key"]
    assert KEY.match(key) and key in response.content.decode()
    token = APIToken.objects.get(user=officer)
    assert token.key_hash == APIToken.digest(key) and token.created_by == admin_user
    entry = LogEntry.objects.get(content_type__model="apitoken", object_pk=str(token.pk))
    assert entry.actor == admin_user and entry.cid == "req-tok"
    for url in (reverse("accounts:token_detail", args=[token.pk]), reverse("accounts:token_list"),
                reverse("accounts:user_detail", args=[officer.pk])):
        page = en.get(url).content.decode()
        assert key not in page and token.hint in page


@pytest.mark.parametrize("data, field, message", [
    ({"user": "", "name": "x"}, "user", "This field is required"),
    ({"user": "999999"}, "user", "Choose an active user from the list"),
    ({"expires_days": "0"}, "expires_days", "greater than or equal to 1"),
    ({"expires_days": "a week"}, "expires_days", "Enter a whole number"),
    ({"name": "<b>x</b>"}, "name", "HTML tags and scripts are not allowed"),
    ({"name": "x" * 101}, "name", "at most 100 characters"),
])
def test_issue_page_refuses_bad_input(en, officer, data, field, message):
    payload = {"user": officer.pk, "name": "", "expires_days": ""}
    payload.update(data)
    response = en.post(reverse("accounts:token_issue"), payload)
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field]), response.context["form"].errors
    assert not APIToken.objects.exists()


def test_a_deactivated_user_is_not_offered(en, make_user):
    gone = make_user(Role.MEDIATOR, Scope.ORGANIZATION, username="gone", is_active=False)
    response = en.post(reverse("accounts:token_issue"), {"user": gone.pk})
    assert "Choose an active user" in response.context["form"].errors["user"][0]


def test_revoke_page(en, officer, admin_user, client):
    token, key = APIToken.issue(officer)
    url = reverse("accounts:token_detail", args=[token.pk])
    assert client.get(AUDIT, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 403  # officer: no audit right
    response = en.post(url, HTTP_X_REQUEST_ID="req-revoke", follow=True)
    assert "was revoked" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked is not None
    entry = LogEntry.objects.filter(content_type__model="apitoken", object_pk=str(token.pk),
                                    action=LogEntry.Action.UPDATE).get()
    assert entry.actor == admin_user and entry.cid == "req-revoke" and "revoked" in entry.changes
    assert "already revoked" in en.post(url, follow=True).content.decode()
    assert client.get(AUDIT, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 302


def test_token_list_filters(en, officer, admin_user):
    APIToken.issue(officer, name="active one")
    revoked, _ = APIToken.issue(officer, name="revoked one")
    revoked.revoked = timezone.now()
    revoked.save()
    APIToken.issue(admin_user, name="expired one", expires=timezone.now() - datetime.timedelta(days=1))
    url = reverse("accounts:token_list")
    names = lambda r: sorted(row[0].name for row in r.context["rows"])  # noqa: E731
    assert names(en.get(url)) == ["active one", "expired one", "revoked one"]
    assert f'href="{reverse("accounts:token_detail", args=[revoked.pk])}"' in en.get(url).content.decode()
    assert names(en.get(url, {"state": "active"})) == ["active one"]
    assert names(en.get(url, {"state": "revoked"})) == ["revoked one"]
    assert names(en.get(url, {"state": "expired"})) == ["expired one"]
    assert names(en.get(url, {"q": "officer"})) == ["active one", "revoked one"]
    assert en.get(url, {"export": "xlsx"}).status_code == 200


# -- bearer authentication -----------------------------------------------------------

def test_bearer_token_authenticates_and_revoked_expired_or_deactivated_do_not(admin_user, make_user, client):
    token, key = APIToken.issue(admin_user)
    assert client.get(AUDIT, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    token.refresh_from_db()
    assert token.last_used is not None
    for bad in ("", "zb_nonsense", key + "x", "x" * 500):
        assert client.get(AUDIT, HTTP_AUTHORIZATION=f"Bearer {bad}").status_code == 302
    expired, expired_key = APIToken.issue(admin_user, expires=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(AUDIT, HTTP_AUTHORIZATION=f"Bearer {expired_key}").status_code == 302
    token.revoked = timezone.now()
    token.save()
    assert client.get(AUDIT, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 302
    other = make_user(Role.ADMIN, Scope.CITY, username="admin2")
    _t, other_key = APIToken.issue(other)
    other.is_active = False
    other.save()
    assert client.get(AUDIT, HTTP_AUTHORIZATION=f"Bearer {other_key}").status_code == 302


def test_changes_through_a_token_are_audited_with_its_user(admin_user, make_user, client):
    target = make_user(Role.MEDIATOR, Scope.ORGANIZATION, username="target")
    _token, key = APIToken.issue(admin_user)
    response = client.post(reverse("accounts:user_active", args=[target.pk]), {"active": "0"},
                           HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_X_REQUEST_ID="req-api")
    assert response.status_code == 302
    entry = LogEntry.objects.get(object_pk=str(target.pk), content_type__model="user", cid="req-api")
    assert entry.actor == admin_user
