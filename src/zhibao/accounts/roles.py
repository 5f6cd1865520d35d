"""Roles, their permissions, and data scopes: the one place that says who may do what.

Pages, exports and the API all ask `user.has_perm(code)` (through RoleBackend) and
filter records with `scope.visible(...)`, so they cannot disagree.
"""
from importlib import import_module

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    IP_OFFICER = "ip_officer", _("IP administration officer")
    CENTRE_OFFICER = "centre_officer", _("Protection-centre officer")
    MEDIATOR = "mediator", _("Mediator")
    EXPERT = "expert", _("Expert")
    WORKSTATION = "workstation", _("Workstation staff")
    LIAISON = "liaison", _("Police, procuratorate or court liaison")
    ENTERPRISE = "enterprise", _("Enterprise user")
    LEADERSHIP = "leadership", _("Leadership (read-only cockpit)")


class Scope(models.TextChoices):
    ORGANIZATION = "organization", _("Own organization")
    DISTRICT = "district", _("Own district")
    CITY = "city", _("City-wide")


class Perm:
    """Permission codes. Each is `app.action`, as Django's `has_perm` expects."""

    REGISTRY_VIEW = "registry.view"
    REGISTRY_CHANGE = "registry.change"
    REGISTRY_IMPORT = "registry.import"
    REGISTRY_EXPORT = "registry.export"
    PERSON_VIEW = "registry.view_person"
    PERSON_VIEW_FULL = "registry.view_person_full"
    ACCOUNTS_MANAGE = "accounts.manage"
    TOKEN_MANAGE = "accounts.token"
    AUDIT_VIEW = "audit.view"
    COCKPIT_VIEW = "cockpit.view"
    CALENDAR_MANAGE = "calendar.manage"


_STAFF_READ = {Perm.REGISTRY_VIEW, Perm.REGISTRY_EXPORT}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(v for k, v in vars(Perm).items() if k.isupper()),
    Role.IP_OFFICER: frozenset(_STAFF_READ | {
        Perm.REGISTRY_CHANGE, Perm.REGISTRY_IMPORT, Perm.PERSON_VIEW, Perm.PERSON_VIEW_FULL,
        Perm.COCKPIT_VIEW,
    }),
    Role.CENTRE_OFFICER: frozenset(_STAFF_READ | {Perm.REGISTRY_CHANGE, Perm.PERSON_VIEW}),
    Role.MEDIATOR: frozenset(_STAFF_READ | {Perm.PERSON_VIEW}),
    Role.EXPERT: frozenset(),
    Role.WORKSTATION: frozenset(_STAFF_READ | {Perm.PERSON_VIEW}),
    Role.LIAISON: frozenset(_STAFF_READ | {Perm.PERSON_VIEW, Perm.PERSON_VIEW_FULL}),
    Role.ENTERPRISE: frozenset({Perm.REGISTRY_VIEW}),
    Role.LEADERSHIP: frozenset({Perm.COCKPIT_VIEW}),
}


#: Apps that declare their own permission codes: a `permissions` module with `ALL` (every code)
#: and `proposed_role_permissions()` (role -> codes). Merged into the table here, once.
APP_PERMISSION_MODULES = (
    "zhibao.services.permissions", "zhibao.cases.permissions", "zhibao.intake.permissions",
    "zhibao.evidence.permissions", "zhibao.collaboration.permissions", "zhibao.indicators.permissions",
)


def _grant_app_permissions() -> None:
    for name in APP_PERMISSION_MODULES:
        module = import_module(name)
        for role, codes in module.proposed_role_permissions().items():
            ROLE_PERMISSIONS[role] = ROLE_PERMISSIONS[role] | codes
        ROLE_PERMISSIONS[Role.ADMIN] = ROLE_PERMISSIONS[Role.ADMIN] | frozenset(module.ALL)


_grant_app_permissions()


def permissions_for(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())
