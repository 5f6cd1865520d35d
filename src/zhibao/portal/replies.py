"""The reply the handling body publishes to the person following a case on the portal.

Only cases the public follows (procedures with a check code) take one; the writer must be
allowed to handle cases and see this one. It is shown on the portal once the case is closed.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhibao.accounts.scope import can_see
from zhibao.cases.models import Case

from .models import PublicReply

MAX_LENGTH = 2000


def may_write(case: Case, user) -> bool:
    return bool(case.spec.check_code and user.is_authenticated and user.has_perm("cases.handle")
                and can_see(case, user))


def save(case: Case, user, text: str) -> PublicReply:
    """Write or replace the public reply; ValidationError with a translated message when refused."""
    if not may_write(case, user):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the reply first."))
    if len(text) > MAX_LENGTH:
        raise ValidationError(_("The reply may have at most %(n)d characters.") % {"n": MAX_LENGTH})
    with transaction.atomic():
        reply = PublicReply.objects.select_for_update().filter(case=case).first() or PublicReply(case=case)
        reply.text, reply.written_by = text, user
        reply.full_clean()
        reply.save()
    return reply
