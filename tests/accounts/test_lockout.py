"""Sign-in lockout (django-axes) through the real sign-in form, and unlocking by an administrator."""
import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.test import Client
from django.urls import reverse

from zhibao.accounts import services
from zhibao.accounts.roles import Role, Scope
from tests.fixtures import PASSWORD

LOGIN = reverse("login")


@pytest.fixture
def officer(make_user):
    return make_user(Role.IP_OFFICER, Scope.ORGANIZATION, org="yanta_amr", username="officer")


def sign_in(client, password, username="officer"):
    return client.post(LOGIN, {"username": username, "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def english(client):
    client.cookies["django_language"] = "en"
    return client


def lock(client, username="officer"):
    responses = [sign_in(client, f"wrong-{i}", username) for i in range(settings.AXES_FAILURE_LIMIT)]
    return responses


def test_five_failures_lock_the_account_even_for_the_right_password(officer):
    client = english(Client())
    responses = lock(client)
    assert [r.status_code for r in responses[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert "The user name or password is wrong" in responses[0].content.decode()
    assert responses[-1].status_code == 429
    assert "Account locked" in responses[-1].content.decode()
    assert f"After {settings.AXES_FAILURE_LIMIT} failed sign-in attempts this account is locked for 30 minutes" in \
        responses[-1].content.decode()
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429 and not signed_in(client)
    # from another browser too: the lock is on the user name, not the machine
    other = english(Client(HTTP_USER_AGENT="another browser", REMOTE_ADDR="10.0.0.9"))
    assert sign_in(other, PASSWORD).status_code == 429 and not signed_in(other)
    status = services.lock_status("officer")
    assert status.locked and status.failures >= settings.AXES_FAILURE_LIMIT and status.until is not None


def test_fewer_failures_do_not_lock_and_success_clears_them(officer):
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, f"wrong-{i}")
    assert services.lock_status("officer").failures == settings.AXES_FAILURE_LIMIT - 1
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302 and signed_in(client)
    assert services.lock_status("officer").failures == 0


def test_an_administrator_sees_the_lock_and_unlocks(officer, en, admin_user):
    lock(Client())
    detail = reverse("accounts:user_detail", args=[officer.pk])
    page = en.get(detail).content.decode()
    assert "Locked" in page and "Unlock" in page
    listing = en.get(reverse("accounts:user_list"), {"q": "officer"})
    assert "Locked" in [row[1] for row in listing.context["rows"]][0]
    response = en.post(reverse("accounts:user_unlock", args=[officer.pk]), HTTP_X_REQUEST_ID="req-unlock")
    assert response.status_code == 302
    assert not services.lock_status("officer").locked
    entry = LogEntry.objects.filter(object_pk=str(officer.pk), cid="req-unlock").get()
    assert entry.actor == admin_user
    assert entry.changes["lockout"] == ["locked", "unlocked"]
    client = Client()
    assert sign_in(client, PASSWORD).status_code == 302 and signed_in(client)


def test_unlocking_a_user_without_failures_says_so(officer, en):
    response = en.post(reverse("accounts:user_unlock", args=[officer.pk]), follow=True)
    assert "had no failed sign-in attempts" in response.content.decode()
    assert not LogEntry.objects.filter(object_pk=str(officer.pk), changes__has_key="lockout").exists()


def test_a_lock_on_one_user_does_not_lock_another(officer, make_user):
    make_user(Role.MEDIATOR, Scope.ORGANIZATION, username="mediator")
    lock(Client())
    client = Client()
    assert sign_in(client, PASSWORD, username="mediator").status_code == 302 and signed_in(client)
