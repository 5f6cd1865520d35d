"""What every collaboration rule shares: today's date, refusals, and the acting user's body."""
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from zhibao.registry.models import Organization


def today() -> datetime.date:
    """The current date: the case engine's, so that a transfer and the case step it takes agree."""
    from zhibao.cases import clocks

    return clocks.today()


class Refused(ValidationError):
    """Bad input to a collaboration rule: a translated message per field; nothing was changed."""


def require(user, perm: str) -> None:
    if user is None or not user.is_authenticated or not user.has_perm(perm):
        raise PermissionDenied(_("You do not have permission to do this."))


def own_body(user) -> Organization:
    """The body the user acts for; refused when the account belongs to none."""
    if user.organization_id is None:
        raise Refused(_("Your account belongs to no body, so it cannot send or receive on a body's behalf."))
    return user.organization


def check_date(value, field: str, *, not_before: datetime.date | None = None, before_label: str = "") -> dict:
    """Errors for a date that is missing, in the future, or before `not_before`."""
    if not isinstance(value, datetime.date):
        return {field: [_("Enter a date.")]}
    if value > today():
        return {field: [_("The date cannot be in the future.")]}
    if not_before is not None and value < not_before:
        return {field: [_("The date cannot be before %(what)s (%(date)s).")
                        % {"what": before_label, "date": not_before.isoformat()}]}
    return {}


def need_text(value, field: str, label) -> dict:
    return {} if (value or "").strip() else {field: [_("%(label)s is required.") % {"label": label}]}


def body(value, field: str) -> tuple[Organization | None, dict]:
    """An active Organization given as an instance or an id."""
    if isinstance(value, Organization):
        org = value
    else:
        try:
            org = Organization.objects.filter(pk=int(value), is_active=True).first() if value not in (None, "") else None
        except (TypeError, ValueError):
            org = None
    if org is None or not org.is_active:
        return None, {field: [_("Choose a known, active body.")]}
    return org, {}


def raise_if(errors: dict) -> None:
    if errors:
        raise Refused(errors)
