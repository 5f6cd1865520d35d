"""Every administration page: administrators only; anyone else 403, anonymous to sign-in."""
import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from zhibao.accounts.models import APIToken
from zhibao.accounts.roles import Perm, Role, Scope
from zhibao.audit.models import PersonalDataView

NON_ADMIN_ROLES = [r for r in Role if r != Role.ADMIN]


@pytest.fixture
def pages(admin_user, make_user):
    target = make_user(Role.MEDIATOR, Scope.ORGANIZATION, username="target")
    token, _key = APIToken.issue(target, name="t")
    entry = LogEntry.objects.filter(object_pk=str(target.pk)).first()
    PersonalDataView.objects.create(user=admin_user, username="admin", person_id=1, person_label="张*",
                                    fields="name", channel="page")
    return [
        reverse("accounts:user_list"),
        reverse("accounts:user_list") + "?export=xlsx",
        reverse("accounts:user_create"),
        reverse("accounts:user_detail", args=[target.pk]),
        reverse("accounts:user_edit", args=[target.pk]),
        reverse("accounts:user_active", args=[target.pk]),
        reverse("accounts:user_password", args=[target.pk]),
        reverse("accounts:token_list"),
        reverse("accounts:token_list") + "?export=xlsx",
        reverse("accounts:token_issue"),
        reverse("accounts:token_detail", args=[token.pk]),
        reverse("audit:log_list"),
        reverse("audit:log_list") + "?export=xlsx",
        reverse("audit:log_detail", args=[entry.pk]),
        reverse("audit:personal_views"),
        reverse("audit:personal_views") + "?export=xlsx",
    ]


def test_admin_opens_every_page(admin_client, pages):
    for url in pages:
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_other_roles_are_refused(role, make_user, client_for, pages, enterprise):
    extra = {"entity": enterprise, "org": None, "scope": Scope.ORGANIZATION} if role == Role.ENTERPRISE else {}
    user = make_user(role, **{"scope": Scope.CITY, **extra})
    client = client_for(user)
    for url in pages:
        assert client.get(url).status_code == 403, (role, url)
    # and nothing changes through the forms either
    assert client.post(reverse("accounts:user_create"), {"username": "x"}).status_code == 403
    assert client.post(pages[5], {"active": "0"}).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_unlock_needs_post_and_admin(admin_client, make_user, client_for, client):
    target = make_user(Role.MEDIATOR, Scope.ORGANIZATION, username="target")
    url = reverse("accounts:user_unlock", args=[target.pk])
    assert admin_client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert client_for(make_user(Role.IP_OFFICER)).post(url).status_code == 403


def test_only_administrators_hold_the_administration_permissions():
    from zhibao.accounts.roles import ROLE_PERMISSIONS

    for perm in (Perm.ACCOUNTS_MANAGE, Perm.TOKEN_MANAGE, Perm.AUDIT_VIEW, Perm.CALENDAR_MANAGE):
        holders = {role for role, perms in ROLE_PERMISSIONS.items() if perm in perms}
        assert holders == {Role.ADMIN}, perm


def test_navigation_shows_administration_to_administrators_only(admin_client, make_user, client_for):
    page = admin_client.get("/").content.decode()
    for name in ("accounts:user_list", "accounts:token_list", "audit:log_list"):
        assert reverse(name) in page
    other = client_for(make_user(Role.IP_OFFICER)).get("/").content.decode()
    assert reverse("accounts:user_list") not in other
    assert reverse("audit:log_list") not in other
