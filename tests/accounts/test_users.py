"""User administration: create, edit, deactivate, passwords; the role and scope rules; the audit."""
import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from zhibao.accounts import services
from zhibao.accounts.models import APIToken, User
from zhibao.accounts.roles import Perm, Role, Scope
from zhibao.registry.codes import make_uscc
from zhibao.registry.models import Organization

CREATE = reverse("accounts:user_create")
GOOD_PASSWORD = "Qinling-Mountains-2026"


def form(orgs, **changes):
    data = {"username": "wang.li", "full_name": "王丽", "role": Role.IP_OFFICER, "scope": Scope.DISTRICT,
            "organization": orgs["yanta_amr"].pk, "entity": "", "phone": "029-88886666", "email": "",
            "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}
    data.update(changes)
    return data


def user_entries(user):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User),
                                   object_pk=str(user.pk)).order_by("timestamp", "pk")


def errors_of(response) -> str:
    return response.content.decode()


# -- create --------------------------------------------------------------------------

def test_create_with_a_password(en, orgs, admin_user):
    response = en.post(CREATE, form(orgs), HTTP_X_REQUEST_ID="req-create-1")
    user = User.objects.get(username="wang.li")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:user_detail", args=[user.pk])
    assert user.check_password(GOOD_PASSWORD)
    assert (user.role, user.scope, user.organization) == (Role.IP_OFFICER, Scope.DISTRICT, orgs["yanta_amr"])
    assert not user.is_superuser
    entry = user_entries(user).get(action=LogEntry.Action.CREATE)
    assert entry.actor == admin_user
    assert entry.cid == "req-create-1"
    assert entry.changes["role"] == [None, "ip_officer"] or entry.changes["role"][1] == "ip_officer"
    assert "password" not in entry.changes


def test_create_with_a_generated_password_shows_it_once(en, orgs):
    response = en.post(CREATE, form(orgs, password1="", password2=""))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    user = User.objects.get(username="wang.li")
    shown = response.context["password"]
    assert shown in response.content.decode()
    assert user.check_password(shown)
    assert shown not in en.get(reverse("accounts:user_detail", args=[user.pk])).content.decode()


def test_generated_passwords_pass_the_validators():
    from django.contrib.auth.password_validation import validate_password

    for _ in range(20):
        validate_password(services.generate_password())


@pytest.mark.parametrize("changes, field, message", [
    ({"role": Role.ADMIN, "scope": Scope.DISTRICT}, "scope",
     "A user with the role “Administrator” may have only these data scopes"),
    ({"role": Role.LEADERSHIP, "scope": Scope.ORGANIZATION}, "scope", "may have only these data scopes"),
    ({"organization": ""}, "organization", "Choose the organization this user works for"),
    ({"role": Role.ENTERPRISE, "scope": Scope.ORGANIZATION, "organization": ""}, "entity",
     "An enterprise user acts for one enterprise"),
    ({"entity": "91610113MA6TXXXX0X"}, "entity", "unified social credit code"),
    ({"entity": make_uscc("610113", 31 * 9)}, "entity", "No market entity with the unified social credit code"),
    ({"scope": Scope.DISTRICT, "organization": "city"}, "scope", "is a city-level body"),
    ({"password1": "short", "password2": "short"}, "password1", "too short"),
    ({"password1": "password123", "password2": "password123"}, "password1", "too common"),
    ({"password2": "something-else-2026"}, "password2", "The two passwords differ"),
    ({"full_name": "<script>alert(1)</script>"}, "full_name", "HTML tags and scripts are not allowed"),
    ({"username": "bad name!"}, "username", "Enter a valid username"),
    ({"role": "superuser"}, "role", "Select a valid choice"),
    ({"email": "not-an-address"}, "email", "Enter a valid email address"),
    ({"phone": "call me"}, "phone", "A phone number may contain only digits"),
])
def test_create_refuses_bad_input_with_a_specific_message(en, orgs, changes, field, message):
    if changes.get("organization") == "city":
        changes["organization"] = orgs["city_ip"].pk
    before = User.objects.count()
    response = en.post(CREATE, form(orgs, **changes))
    assert response.status_code == 200
    assert message in response.context["form"].errors.get(field, [""])[0] or any(
        message in e for e in response.context["form"].errors.get(field, [])), response.context["form"].errors
    assert User.objects.count() == before


def test_enterprise_user_needs_an_enterprise_and_no_organization(en, orgs, enterprise):
    response = en.post(CREATE, form(orgs, role=Role.ENTERPRISE, scope=Scope.ORGANIZATION, entity=enterprise.uscc))
    assert "leave the organization empty" in response.context["form"].errors["organization"][0]
    response = en.post(CREATE, form(orgs, role=Role.ENTERPRISE, scope=Scope.CITY, organization="",
                                    entity=enterprise.uscc))
    assert "may have only these data scopes: Own organization" in response.context["form"].errors["scope"][0]
    response = en.post(CREATE, form(orgs, entity=enterprise.uscc))
    assert "Only enterprise users act for an enterprise" in response.context["form"].errors["entity"][0]
    response = en.post(CREATE, form(orgs, role=Role.ENTERPRISE, scope=Scope.ORGANIZATION, organization="",
                                    entity=enterprise.uscc.lower()))
    assert response.status_code == 302
    assert User.objects.get(username="wang.li").entity == enterprise


def test_district_scope_needs_an_organization_with_a_district(en, orgs):
    nowhere = Organization.objects.create(name="某调解委员会", kind="mediation")
    response = en.post(CREATE, form(orgs, organization=nowhere.pk))
    assert "has no district recorded" in response.context["form"].errors["scope"][0]


def test_user_names_are_unique_regardless_of_case(en, orgs, make_user):
    make_user(Role.MEDIATOR, Scope.ORGANIZATION, username="Wang.Li")
    response = en.post(CREATE, form(orgs))
    assert "is taken" in response.context["form"].errors["username"][0]


def test_deactivated_organization_is_not_offered(en, orgs):
    orgs["weiyang_amr"].is_active = False
    orgs["weiyang_amr"].save()
    response = en.post(CREATE, form(orgs, organization=orgs["weiyang_amr"].pk))
    assert "Select a valid choice" in response.context["form"].errors["organization"][0]


def test_messages_are_in_chinese_by_default(admin_client, orgs):
    response = admin_client.post(CREATE, form(orgs, organization=""))
    assert "请选择" in response.context["form"].errors["organization"][0] or "机构" in \
        response.context["form"].errors["organization"][0]


# -- edit ----------------------------------------------------------------------------

@pytest.fixture
def officer(make_user):
    return make_user(Role.IP_OFFICER, Scope.ORGANIZATION, org="yanta_amr", username="officer", full_name="李明")


def edit_form(client, user, **changes):
    initial = client.get(reverse("accounts:user_edit", args=[user.pk])).context["form"].initial
    data = {k: ("" if v is None else v) for k, v in initial.items()}
    data["full_name"] = data["full_name"] or "管理员"  # the fixture's users have none; the form needs one
    data.update(changes)
    return data


def test_edit_is_audited_with_before_and_after(en, officer, admin_user):
    url = reverse("accounts:user_edit", args=[officer.pk])
    response = en.post(url, edit_form(en, officer, scope=Scope.DISTRICT, full_name="李明明"), HTTP_X_REQUEST_ID="req-e")
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.scope == Scope.DISTRICT
    entry = user_entries(officer).filter(action=LogEntry.Action.UPDATE).last()
    assert entry.actor == admin_user and entry.cid == "req-e"
    assert entry.changes["scope"] == ["organization", "district"]
    assert entry.changes["full_name"] == ["李明", "李明明"]


def test_a_stale_edit_is_refused(en, officer):
    data = edit_form(en, officer, full_name="甲")
    services.update_user(officer, by=None, phone="13800000000")
    response = en.post(reverse("accounts:user_edit", args=[officer.pk]), data)
    assert response.status_code == 200
    assert "Someone else changed this user" in response.content.decode()
    officer.refresh_from_db()
    assert officer.full_name == "李明" and officer.phone == "13800000000"


def test_an_invalid_edit_changes_nothing(en, officer):
    response = en.post(reverse("accounts:user_edit", args=[officer.pk]),
                       edit_form(en, officer, role=Role.ADMIN, full_name="改名"))
    assert "may have only these data scopes" in response.context["form"].errors["scope"][0]
    officer.refresh_from_db()
    assert (officer.role, officer.full_name) == (Role.IP_OFFICER, "李明")


def test_demoting_an_administrator_removes_the_superuser_flag(en, make_user, orgs):
    other = make_user(Role.ADMIN, Scope.CITY, username="admin2")  # the fixture makes administrators superusers
    assert other.is_superuser and other.has_perm(Perm.ACCOUNTS_MANAGE)
    response = en.post(reverse("accounts:user_edit", args=[other.pk]),
                       edit_form(en, other, role=Role.IP_OFFICER, scope=Scope.CITY))
    assert response.status_code == 302
    other = User.objects.get(pk=other.pk)
    assert not other.is_superuser
    assert not other.has_perm(Perm.ACCOUNTS_MANAGE)


# -- the last administrator ----------------------------------------------------------

def test_the_last_administrator_cannot_be_demoted(en, admin_user):
    response = en.post(reverse("accounts:user_edit", args=[admin_user.pk]),
                       edit_form(en, admin_user, role=Role.IP_OFFICER))
    assert "is the last active administrator" in response.context["form"].errors["role"][0]
    admin_user.refresh_from_db()
    assert admin_user.role == Role.ADMIN


def test_the_last_administrator_cannot_be_deactivated(admin_user, make_user):
    # (From a page an administrator cannot deactivate themself at all; a command or job could try.)
    with pytest.raises(ValidationError, match="last active administrator"):
        services.set_active(admin_user, False, by=None)
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_an_administrator_cannot_deactivate_themself(en, admin_user, make_user):
    make_user(Role.ADMIN, Scope.CITY, username="admin2")
    response = en.post(reverse("accounts:user_active", args=[admin_user.pk]), {"active": "0"})
    assert response.status_code == 400
    assert "cannot deactivate your own account" in response.content.decode()


def test_with_two_administrators_one_can_be_demoted(en, make_user):
    other = make_user(Role.ADMIN, Scope.CITY, username="admin2")
    response = en.post(reverse("accounts:user_edit", args=[other.pk]),
                       edit_form(en, other, role=Role.LEADERSHIP))
    assert response.status_code == 302
    # now the signed-in administrator is the last one
    with pytest.raises(ValidationError):
        services.update_user(User.objects.get(username="admin"), by=None, role=Role.LEADERSHIP)


# -- deactivate, reactivate, passwords -----------------------------------------------

def test_deactivate_revokes_tokens_and_blocks_sign_in(en, officer, client):
    token, key = APIToken.issue(officer, name="sync")
    url = reverse("accounts:user_active", args=[officer.pk])
    assert "will be revoked" in en.get(url).content.decode()
    response = en.post(url, {"active": "0"})
    assert response.status_code == 302
    officer.refresh_from_db()
    token.refresh_from_db()
    assert not officer.is_active and token.revoked is not None
    response = client.post(reverse("login"), {"username": "officer", "password": "Zhibao-test-2026"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    entry = user_entries(officer).filter(action=LogEntry.Action.UPDATE).last()
    assert entry.changes["is_active"] == ["True", "False"] or entry.changes["is_active"] == [True, False]
    # reactivating does not bring the old token back
    en.post(url, {"active": "1"})
    officer.refresh_from_db()
    token.refresh_from_db()
    assert officer.is_active and not token.is_active
    assert APIToken.authenticate(key) is None


def test_deactivate_with_a_tampered_form_changes_nothing(en, officer):
    response = en.post(reverse("accounts:user_active", args=[officer.pk]), {"active": "maybe"})
    assert response.status_code == 400
    officer.refresh_from_db()
    assert officer.is_active


def test_reset_password_to_a_given_one(en, officer, admin_user, client):
    url = reverse("accounts:user_password", args=[officer.pk])
    response = en.post(url, {"password1": "too-short", "password2": "too-short"})
    assert "too short" in response.context["form"].errors["password1"][0]
    response = en.post(url, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}, HTTP_X_REQUEST_ID="req-pw")
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(GOOD_PASSWORD)
    entry = user_entries(officer).filter(action=LogEntry.Action.UPDATE).last()
    assert entry.actor == admin_user and entry.cid == "req-pw"
    assert entry.changes == {"password": ["hidden", "reset"]}
    assert GOOD_PASSWORD not in str(entry.changes) and officer.password not in str(entry.changes)


def test_reset_password_generated(en, officer):
    response = en.post(reverse("accounts:user_password", args=[officer.pk]), {"password1": "", "password2": ""})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    officer.refresh_from_db()
    assert officer.check_password(response.context["password"])


def test_user_list_filters_and_exports(en, officer, make_user, orgs):
    make_user(Role.MEDIATOR, Scope.ORGANIZATION, org="weiyang_amr", username="mediator1", full_name="赵调解")
    url = reverse("accounts:user_list")
    names = lambda r: [row[0].username for row in r.context["rows"]]  # noqa: E731
    assert set(names(en.get(url))) == {"admin", "officer", "mediator1"}
    assert f'href="{reverse("accounts:user_detail", args=[officer.pk])}"' in en.get(url).content.decode()
    assert names(en.get(url, {"role": Role.MEDIATOR})) == ["mediator1"]
    assert names(en.get(url, {"organization": orgs["yanta_amr"].pk})) == ["officer"]
    assert names(en.get(url, {"q": "调解"})) == ["mediator1"]
    assert names(en.get(url, {"scope": Scope.CITY})) == ["admin"]
    officer.is_active = False
    officer.save()
    assert names(en.get(url, {"is_active": "0"})) == ["officer"]
    assert en.get(url, {"role": "nonsense"}).status_code == 200  # a bad filter value is a message, not a 500
    response = en.get(url, {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_detail_links_to_the_history(en, officer):
    page = en.get(reverse("accounts:user_detail", args=[officer.pk])).content.decode()
    assert "officer" in page and reverse("audit:log_list") in page


def test_missing_user_is_404(en):
    assert en.get(reverse("accounts:user_detail", args=[999999])).status_code == 404
    assert en.post(reverse("accounts:user_active", args=[999999]), {"active": "0"}).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_administrators_demoting_each_other_at_once_leave_one(make_user):
    """Row locks in one order: one demotion wins, the other is refused (no deadlock, no 500)."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write transaction at a time; the race needs PostgreSQL")
    a = make_user(Role.ADMIN, Scope.CITY, username="admin-a")
    b = make_user(Role.ADMIN, Scope.CITY, username="admin-b")
    barrier, results = threading.Barrier(2), []

    def demote(target):
        try:
            barrier.wait()
            services.update_user(target, by=None, role=Role.IP_OFFICER)
            results.append("demoted")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=demote, args=(u,)) for u in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results) == ["demoted", "refused"]
    assert User.objects.filter(role=Role.ADMIN, is_active=True).count() == 1
