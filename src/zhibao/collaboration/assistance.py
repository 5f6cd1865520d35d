"""Requests to another body to assist an investigation (协查): ask, reply or decline.

The due date defaults to the assisted-investigation time limit in force on the sending day
(limits.py, counted in working days); the requesting body may set another date.
"""
from django.db import transaction
from django.utils.translation import gettext as _

from zhibao.accounts.scope import can_see

from . import limits
from .common import Refused, body, check_date, need_text, own_body, raise_if, require
from .models import AssistanceRequest, AssistanceStatus, LimitCode
from .permissions import CollaborationPerm as P


def default_due(sent_on):
    return limits.due(LimitCode.ASSISTANCE_REPLY, sent_on)[0]


def request(user, *, addressee, subject: str, questions: str, sent_on, due_on=None, case=None) -> AssistanceRequest:
    require(user, P.TRANSFER)
    requester = own_body(user)
    addressee, errors = body(addressee, "addressee")
    if addressee is not None and addressee.pk == requester.pk:
        errors["addressee"] = [_("A body cannot ask itself for assistance; choose another body.")]
    errors |= need_text(subject, "subject", _("The subject")) | need_text(questions, "questions", _("The questions"))
    errors |= check_date(sent_on, "sent_on")
    if case is not None and not can_see(case, user):
        errors["case"] = [_("There is no such case in your data scope.")]
    if not errors:
        due_on = due_on or default_due(sent_on)
        if due_on <= sent_on:
            errors["due_on"] = [_("The reply must be due after the request is sent.")]
    raise_if(errors)
    with transaction.atomic():
        req = AssistanceRequest.objects.create(
            requester=requester, addressee=addressee, case=case, subject=subject.strip()[:200],
            questions=questions.strip(), sent_on=sent_on, due_on=due_on, sent_by=user)
        req.bodies.set([requester, addressee])
    return req


def reply(req, user, *, text: str, on, decline: bool = False) -> AssistanceRequest:
    """The requested body answers (or declines, saying why); once."""
    require(user, P.RECEIVE)
    if user.organization_id != req.addressee_id:
        raise Refused({"__all__": [_("Only the requested body (%(body)s) may reply.") % {"body": req.addressee}]})
    with transaction.atomic():
        locked = AssistanceRequest.objects.select_for_update().get(pk=req.pk)
        errors = {}
        if locked.status != AssistanceStatus.OPEN:
            errors["__all__"] = [_("This request was already answered.")]
        errors |= need_text(text, "text", _("The reply"))
        errors |= check_date(on, "on", not_before=locked.sent_on, before_label=_("the request was sent"))
        raise_if(errors)
        locked.reply, locked.replied_on, locked.replied_by = text.strip(), on, user
        locked.status = AssistanceStatus.DECLINED if decline else AssistanceStatus.ANSWERED
        locked.save()
    return locked


def is_overdue(req, today) -> bool:
    return (req.replied_on or today) > req.due_on
