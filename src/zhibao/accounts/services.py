"""Account rules: who may hold which role and data scope, creating and changing users,
passwords, sign-in lockout and API tokens.

Pages, the `zhibao token` command and the API call these functions; none of them holds a
rule of its own. Every function either does all it was asked or raises
`ValidationError` (with a message per form field where one applies) and changes nothing.
Changes to users and tokens are logged by django-auditlog (accounts/audit.py); the
changes it cannot see (a password set, a lockout lifted) are logged here explicitly.
"""
import hashlib
import secrets
import string
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from auditlog.context import auditlog_value, set_actor
from auditlog.models import LogEntry
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from zhibao.registry.choices import DivisionLevel, EntityStatus

from .models import APIToken, User
from .roles import Role, Scope

# -- roles and scopes ----------------------------------------------------------------

#: The data scopes each role may have (docs/security.md explains why; a test keeps them equal).
ROLE_SCOPES: dict[str, tuple[str, ...]] = {
    Role.ADMIN: (Scope.CITY,),
    Role.IP_OFFICER: (Scope.ORGANIZATION, Scope.DISTRICT, Scope.CITY),
    Role.CENTRE_OFFICER: (Scope.ORGANIZATION, Scope.DISTRICT, Scope.CITY),
    Role.MEDIATOR: (Scope.ORGANIZATION, Scope.DISTRICT),
    Role.EXPERT: (Scope.ORGANIZATION,),
    Role.WORKSTATION: (Scope.ORGANIZATION, Scope.DISTRICT),
    Role.LIAISON: (Scope.ORGANIZATION, Scope.DISTRICT, Scope.CITY),
    Role.ENTERPRISE: (Scope.ORGANIZATION,),
    Role.LEADERSHIP: (Scope.DISTRICT, Scope.CITY),
}

#: The fields an administrator edits; the edit form's fingerprint covers them.
EDITABLE_FIELDS = ("full_name", "role", "scope", "organization_id", "entity_id", "phone", "email")

MAX_TOKEN_DAYS = 3650


class StaleEdit(ValidationError):
    """The user was changed by someone else after the form was opened."""

    def __init__(self):
        super().__init__(_("Someone else changed this user after you opened the page. Nothing was saved; "
                           "reload the page to see the current values, then make your changes again."),
                         code="stale")


def scope_labels(role: str) -> list[str]:
    return [str(Scope(s).label) for s in ROLE_SCOPES.get(role, ())]


def validate_assignment(role: str, scope: str, organization, entity, previous: User | None = None) -> None:
    """Refuse a role, scope, organization and enterprise that do not fit together.

    `previous` is the user as stored: an organization or enterprise that has since been
    deactivated may stay on a user who already had it, but is not given to anyone new.
    """
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if role not in ROLE_SCOPES:
        add("role", _("Choose one of the listed roles."))
        raise ValidationError(errors)
    role_label = Role(role).label
    if scope not in Scope.values:
        add("scope", _("Choose one of the listed data scopes."))
    elif scope not in ROLE_SCOPES[role]:
        add("scope", _("A user with the role “%(role)s” may have only these data scopes: %(scopes)s.") % {
            "role": role_label, "scopes": "、".join(scope_labels(role))})

    if role == Role.ENTERPRISE:
        if entity is None:
            add("entity", _("An enterprise user acts for one enterprise: enter its unified social credit code."))
        elif entity.status != EntityStatus.ACTIVE and (previous is None or previous.entity_id != entity.pk):
            add("entity", _("“%(name)s” is %(status)s; an account cannot be opened for it.") % {
                "name": entity, "status": entity.get_status_display()})
        if organization is not None:
            add("organization", _("An enterprise user belongs to an enterprise, not to an organization of the "
                                  "protection system: leave the organization empty."))
    else:
        if entity is not None:
            add("entity", _("Only enterprise users act for an enterprise; leave this empty for the role “%(role)s”.")
                % {"role": role_label})
        if organization is None:
            add("organization", _("Choose the organization this user works for; every role except enterprise "
                                  "user belongs to one."))
        else:
            if not organization.is_active and (previous is None or previous.organization_id != organization.pk):
                add("organization", _("“%(name)s” is deactivated; choose an active organization.")
                    % {"name": organization})
            if scope == Scope.DISTRICT:
                district = organization.district
                if district is None:
                    add("scope", _("“%(name)s” has no district recorded, so “Own district” would show nothing. "
                                   "Record its district first, or choose another scope.") % {"name": organization})
                elif district.level == DivisionLevel.CITY:
                    add("scope", _("“%(name)s” is a city-level body (%(district)s); “Own district” applies only to "
                                   "bodies of a district or county. Choose “City-wide” or “Own organization”.")
                        % {"name": organization, "district": district})
    if errors:
        raise ValidationError(errors)


# -- users ---------------------------------------------------------------------------

def fingerprint(user: User) -> str:
    """A short digest of the editable values, so that a stale edit form is refused."""
    raw = "\x1f".join(str(getattr(user, f)) for f in EDITABLE_FIELDS + ("is_active",))
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def generate_password() -> str:
    """A random password an administrator can read out: 4 groups of 4, no look-alike characters."""
    alphabet = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
    while True:
        raw = "".join(secrets.choice(alphabet) for _ in range(16))
        if any(c.islower() for c in raw) and any(c.isupper() for c in raw) and any(c.isdigit() for c in raw):
            return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def _name_taken(username: str, exclude_pk=None) -> User | None:
    qs = User.objects.filter(username__iexact=username)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def check_password(password: str, user: User) -> None:
    """Django's password validators, with the errors keyed to the form's first password field."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password1": exc.messages}) from None


@contextmanager
def acting(by):
    """Record `by` as the actor of the changes made inside.

    Inside a web request django-auditlog's middleware already knows the user; commands and
    jobs have no middleware. django-auditlog's `set_actor` does not restore the context it
    replaces, so the one that was there (the request's) is put back afterwards."""
    if by is None:
        yield
        return
    previous = auditlog_value.get(None)
    extra = {k: previous.get(k) for k in ("remote_addr", "remote_port")} if previous else {}
    try:
        with set_actor(by, **extra):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)


def create_user(*, by, username: str, full_name: str, role: str, scope: str, organization=None, entity=None,
                phone: str = "", email: str = "", password: str | None = None) -> tuple[User, str | None]:
    """Create an active user. Returns the user and the generated password (None if one was given)."""
    username = (username or "").strip()
    existing = _name_taken(username)
    if existing is not None:
        raise ValidationError({"username": _("The user name “%(name)s” is taken (user names are compared "
                                             "without regard to upper and lower case).") % {"name": existing.username}})
    validate_assignment(role, scope, organization, entity)
    user = User(username=username, full_name=full_name, role=role, scope=scope, organization=organization,
                entity=entity, phone=phone, email=email, is_active=True, is_superuser=False, is_staff=False)
    generated = None
    if password:
        check_password(password, user)
    else:
        password = generated = generate_password()
    user.set_password(password)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    with acting(by), transaction.atomic():
        user.save()
    return user, generated


def update_user(user: User, *, by, expected: str | None = None, **values) -> User:
    """Change the editable fields of `user`. `expected` is the fingerprint the form was built on."""
    unknown = set(values) - {"full_name", "role", "scope", "organization", "entity", "phone", "email"}
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    with acting(by), transaction.atomic():
        current, admins = _lock(user)
        if expected is not None and fingerprint(current) != expected:
            raise StaleEdit()
        role = values.get("role", current.role)
        validate_assignment(role, values.get("scope", current.scope), values.get("organization", current.organization),
                            values.get("entity", current.entity), previous=current)
        if current.role == Role.ADMIN and role != Role.ADMIN and current.is_active:
            _ensure_another_admin(current, admins, "role", _(
                "“%(name)s” is the last active administrator; make another user an administrator before "
                "giving this one another role."))
        for field, value in values.items():
            setattr(current, field, value)
        if role != Role.ADMIN:
            # A former administrator keeps no blanket rights (Django's superuser flag bypasses roles).
            current.is_superuser = current.is_staff = False
        try:
            current.full_clean(exclude=["password"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict) from None
        current.save()
    return current


def set_active(user: User, active: bool, *, by) -> User:
    """Deactivate or reactivate a user. Users are never deleted: the audit log needs them.

    Deactivating revokes the user's API tokens, so that reactivating does not bring old
    keys back to life."""
    with acting(by), transaction.atomic():
        current, admins = _lock(user)
        if current.is_active == active:
            return current
        if not active:
            if by is not None and by.pk == current.pk:
                raise ValidationError(_("You cannot deactivate your own account; ask another administrator."),
                                      code="self")
            if current.role == Role.ADMIN:
                _ensure_another_admin(current, admins, None, _(
                    "“%(name)s” is the last active administrator and cannot be deactivated; make another user an "
                    "administrator first."))
            now = timezone.now()
            for token in current.api_tokens.filter(revoked__isnull=True):
                token.revoked = now
                token.save(update_fields=["revoked"])
        current.is_active = active
        current.save(update_fields=["is_active"])
    return current


def _lock(user: User) -> tuple[User, list[int]]:
    """Lock the active administrators' rows, then the user's: the user as stored, and the administrators.

    Always in this order (administrators by id, then the user), so that two administrators
    demoting or deactivating each other at the same moment wait for each other instead of
    deadlocking, and the second sees the first one's change."""
    admins = list(User.objects.select_for_update().filter(role=Role.ADMIN, is_active=True)
                  .order_by("pk").values_list("pk", flat=True))
    return User.objects.select_for_update().get(pk=user.pk), admins


def _ensure_another_admin(user: User, admins: list[int], field: str | None, message: str) -> None:
    if not [pk for pk in admins if pk != user.pk]:
        text = message % {"name": user}
        raise ValidationError({field: [text]} if field else text, code="last_admin")


def set_password(user: User, *, by, password: str | None = None) -> str | None:
    """Set a new password (checked by the validators) or generate one; returns the generated one.

    The user's sessions end (Django ties them to the password). The audit entry says the
    password was reset, never what it is."""
    generated = None
    if password:
        check_password(password, user)
    else:
        password = generated = generate_password()
    with acting(by), transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        current.set_password(password)
        current.save(update_fields=["password"])
        LogEntry.objects.log_create(current, force_log=True, action=LogEntry.Action.UPDATE,
                                    changes={"password": ["hidden", "reset"]}, actor=by)
    return generated


# -- sign-in lockout (django-axes) ---------------------------------------------------

@dataclass(frozen=True)
class LockStatus:
    failures: int
    limit: int
    locked: bool
    until: datetime | None


def _cool_off() -> timedelta:
    return get_cool_off() or timedelta(0)


def _failure_limit() -> int:
    limit = getattr(settings, "AXES_FAILURE_LIMIT", 3)
    return limit if isinstance(limit, int) else 5


def lock_status(username: str) -> LockStatus:
    """How many recent failed sign-ins a user name has, and whether it is locked now."""
    since = timezone.now() - _cool_off()
    attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=since)
    failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
    last = attempts.order_by("-attempt_time").values_list("attempt_time", flat=True).first()
    limit = _failure_limit()
    locked = failures >= limit
    return LockStatus(failures, limit, locked, (last + _cool_off()) if locked and last else None)


def recent_failures():
    """An expression for User querysets: failed sign-ins within the cool-off period (lists, exports)."""
    since = timezone.now() - _cool_off()
    total = (AccessAttempt.objects.filter(username=OuterRef("username"), attempt_time__gte=since)
             .order_by().values("username").annotate(n=Sum("failures_since_start")).values("n")[:1])
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def unlock(user: User, *, by) -> int:
    """Lift the lockout of a user name; returns the number of attempt records removed."""
    status = lock_status(user.username)
    with acting(by), transaction.atomic():
        removed = axes_reset(username=user.username)
        if removed:
            changes = {"failed_sign_ins": [str(status.failures), "0"]}
            if status.locked:
                changes["lockout"] = ["locked", "unlocked"]
            LogEntry.objects.log_create(user, force_log=True, action=LogEntry.Action.UPDATE, actor=by,
                                        changes=changes)
    return removed


# -- API tokens ----------------------------------------------------------------------

def issue_token(user: User, *, by=None, name: str = "", expires_days: int | None = None) -> tuple[APIToken, str]:
    """Issue a token for an active user; returns it and the key, which is not stored and not shown again."""
    name = (name or "").strip()
    errors = {}
    if not user.is_active:
        errors["user"] = [_("“%(name)s” is deactivated; a deactivated user cannot be given a token.")
                          % {"name": user}]
    if len(name) > 100:
        errors["name"] = [_("A token name has at most 100 characters.")]
    if expires_days is not None and not (1 <= expires_days <= MAX_TOKEN_DAYS):
        errors["expires_days"] = [_("A token expires after 1 to %(max)d days, or never (leave empty).")
                                  % {"max": MAX_TOKEN_DAYS}]
    if errors:
        raise ValidationError(errors)
    expires = timezone.now() + timedelta(days=expires_days) if expires_days else None
    with acting(by), transaction.atomic():
        return APIToken.issue(user, name=name, created_by=by, expires=expires)


def revoke_token(token: APIToken, *, by) -> bool:
    """Revoke a token; False if it was revoked already."""
    with acting(by), transaction.atomic():
        current = APIToken.objects.select_for_update().get(pk=token.pk)
        if current.revoked is not None:
            return False
        current.revoked = timezone.now()
        current.save(update_fields=["revoked"])
    return True
