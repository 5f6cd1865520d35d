"""Who may see, add to and handle the evidence of a case, and the refusal every rule raises.

Evidence follows its case: whoever may see the case (data scope) and holds `evidence.view`
may see its evidence; uploads and custody events need `evidence.upload` / `evidence.custody`
on top. Pages and the API call these same functions.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhibao.accounts.scope import can_see, visible
from zhibao.registry.validation import plain_text

from .permissions import EvidencePerm


class EvidenceError(Exception):
    """A refusal with a translated `message`; `status` is the HTTP status the API answers,
    `field` the input concerned (if any). Nothing was changed."""

    def __init__(self, message: str, *, status: int = 422, field: str | None = None):
        super().__init__(message)
        self.message = str(message)
        self.status = status
        self.field = field


def require(user, perm: str, case) -> None:
    """Refuse unless `user` holds `perm` and may see `case`."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.has_perm(perm):
        raise EvidenceError(_("You do not have permission to do this."), status=403)
    if not can_see(case, user):
        raise EvidenceError(_("This case is outside your data scope."), status=404)


def visible_evidence(queryset, user):
    """Evidence of the cases `user` may see (none without evidence.view)."""
    if not user.has_perm(EvidencePerm.VIEW):
        return queryset.none()
    return visible(queryset, user)


def text(value, label, limit: int, *, field: str, required: bool = False) -> str:
    """A one-line plain-text input, stripped; refused with a message naming `label`."""
    value = str(value or "").strip()
    if required and not value:
        raise EvidenceError(_("%(field)s: this field is required.") % {"field": label}, field=field)
    if len(value) > limit:
        raise EvidenceError(_("%(field)s: at most %(n)d characters.") % {"field": label, "n": limit}, field=field)
    if "\n" in value or "\r" in value:
        raise EvidenceError(_("%(field)s: one line only.") % {"field": label}, field=field)
    try:
        plain_text(value)
    except ValidationError as exc:
        raise EvidenceError(f"{label}: {' '.join(exc.messages)}", field=field) from None
    return value
