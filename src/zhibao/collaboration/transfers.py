"""Transfers of clues and cases to other bodies: send, acknowledge, report the outcome, recognize results.

    t = transfers.send(officer, receiver=police, kind="crime", reason="…", sent_on=day, case=case)
    transfers.acknowledge(t, police_user, on=day)                # only the receiving body
    transfers.report_outcome(t, police_user, outcome="accepted", on=day, text="…")
    transfers.recognize(t, police_user, {item.pk: (True, "")}, on=day)

Each call checks permission, body and dates and refuses bad input with `common.Refused`
(translated messages by field), changing nothing. When the transfer concerns a case whose
procedure has a transfer or referral step open to the sender, `send` takes that step through
the case engine in the same transaction (so the case's timeline and clocks agree), or links an
existing step of the case (`event`). The acknowledgement due date is counted in working days
by `zhibao.calendar` from the sending date, with the rule in force that day (limits.py).
"""
from django.db import transaction
from django.utils.translation import gettext as _

from zhibao.accounts.scope import can_see
from zhibao.cases import engine
from zhibao.cases.errors import CaseError
from zhibao.cases.models import Event
from zhibao.registry.choices import OrganizationKind

from . import limits
from .common import Refused, body, check_date, need_text, own_body, raise_if, require
from .models import ItemKind, LimitCode, Transfer, TransferItem, TransferKind, TransferOutcome
from .permissions import CollaborationPerm as P

#: Case steps that hand a matter to another body (they all ask for `receiver`).
STEP_CODES = ("transfer", "refer", "refer_arbitration", "refer_litigation")
_PREFERRED = {OrganizationKind.ARBITRATION: "refer_arbitration", OrganizationKind.COURT: "refer_litigation"}


def case_step_for(case, user, receiver):
    """The step of the case's procedure that this transfer corresponds to, if the user may take it now."""
    if case is None:
        return None
    steps = {t.code: t for t in engine.available_transitions(case, user) if t.code in STEP_CODES}
    preferred = _PREFERRED.get(receiver.kind if receiver else None)
    if preferred in steps:
        return steps[preferred]
    return next((t for code, t in steps.items() if code in ("transfer", "refer")), None)


def untransferred_step(case):
    """The case's latest transfer or referral step that no transfer records yet (to open one from it)."""
    linked = Transfer.objects.filter(case=case, event__isnull=False).values("event_id")
    return (Event.objects.filter(case=case, code__in=STEP_CODES).exclude(pk__in=linked)
            .order_by("-seq").first())


def _step_data(t, receiver, reason) -> dict:
    values = {"receiver": receiver.name[:150], "reason": reason,
              "transfer_to": "police" if receiver.kind == OrganizationKind.POLICE else "other_authority"}
    return {f.name: values[f.name] for f in t.fields if f.name in values}


def send(user, *, receiver, kind: str, reason: str, sent_on, subject: str = "", case=None, event=None,
         items=(), take_step: bool = True) -> Transfer:
    """Send a clue (no case) or a case to `receiver`; returns the transfer.

    `items` are (kind, description) pairs, the evidence and findings that go with it; the case's
    documents are added as items. `event` links a transfer step the case already took."""
    require(user, P.TRANSFER)
    sender = own_body(user)
    receiver, errors = body(receiver, "receiver")
    if receiver is not None and receiver.pk == sender.pk:
        errors["receiver"] = [_("A body cannot transfer to itself; choose another body.")]
    if kind not in TransferKind.values:
        errors["kind"] = [_("Choose the kind of transfer.")]
    errors |= need_text(reason, "reason", _("The reason"))
    errors |= check_date(sent_on, "sent_on", not_before=case.received_on if case else None,
                         before_label=_("the case was received"))
    if case is not None and not can_see(case, user):
        errors["case"] = [_("There is no such case in your data scope.")]
    if event is not None and (case is None or event.case_id != case.pk or event.code not in STEP_CODES):
        errors["event"] = [_("That step is not a transfer step of this case.")]
    subject = (subject or "").strip() or (case.title if case else "")
    errors |= need_text(subject, "subject", _("The subject"))
    clean_items = []
    for i, (item_kind, description) in enumerate(items):
        description = (description or "").strip()
        if not description:
            continue
        if item_kind not in ItemKind.values or len(description) > 300:
            errors[f"items.{i}"] = [_("Each item needs a kind and a description of at most 300 characters.")]
        clean_items.append((item_kind, description))
    raise_if(errors)
    ack_due, provisional, rule = limits.due(LimitCode.ACKNOWLEDGEMENT, sent_on)
    with transaction.atomic():
        if event is None and take_step:
            step = case_step_for(case, user, receiver)
            if step is not None:
                event = _take_step(case, user, step, receiver, reason, sent_on)
        transfer = Transfer.objects.create(
            case=case, event=event, subject=subject[:200], kind=kind, reason=reason.strip(), sender=sender,
            receiver=receiver, sent_on=sent_on, sent_by=user, ack_due=ack_due, ack_provisional=provisional,
            ack_rule=rule)
        transfer.bodies.set([sender, receiver])
        rows = [TransferItem(transfer=transfer, kind=k, description=d) for k, d in clean_items]
        if case is not None:
            rows += [TransferItem(transfer=transfer, kind=ItemKind.DOCUMENT, document=doc,
                                  description=(doc.title or doc.kind) + (f" {doc.reference}" if doc.reference else ""))
                     for doc in case.documents.all()]
        TransferItem.objects.bulk_create(rows)
    return transfer


def _take_step(case, user, step, receiver, reason, sent_on):
    try:
        for kind in step.documents:
            if not case.documents.filter(kind=kind).exists():
                engine.add_document(case, user, kind, title=_("Transfer letter"), dated=sent_on)
        return engine.apply(case, step.code, user, at=sent_on, data=_step_data(step, receiver, reason),
                            expected_version=case.version)
    except CaseError as exc:
        raise Refused({"case": [exc.message]}) from None


def _locked(transfer) -> Transfer:
    return Transfer.objects.select_for_update().get(pk=transfer.pk)


def _as_receiver(transfer, user) -> None:
    require(user, P.RECEIVE)
    if user.organization_id != transfer.receiver_id:
        raise Refused({"__all__": [_("Only the receiving body (%(body)s) may do this.")
                                   % {"body": transfer.receiver}]})


def acknowledge(transfer, user, *, on) -> Transfer:
    """The receiving body confirms it received the transfer (once)."""
    _as_receiver(transfer, user)
    with transaction.atomic():
        locked = _locked(transfer)
        if locked.acknowledged_on is not None:
            raise Refused({"__all__": [_("This transfer was already acknowledged on %(date)s.")
                                       % {"date": locked.acknowledged_on.isoformat()}]})
        raise_if(check_date(on, "on", not_before=locked.sent_on, before_label=_("the transfer was sent")))
        locked.acknowledged_on, locked.acknowledged_by = on, user
        locked.version += 1
        locked.save()
    return locked


def report_outcome(transfer, user, *, outcome: str, on, text: str = "") -> Transfer:
    """The receiving body reports what it did with the transfer (it may correct a report later)."""
    _as_receiver(transfer, user)
    with transaction.atomic():
        locked = _locked(transfer)
        errors = {}
        if locked.acknowledged_on is None:
            errors["__all__"] = [_("Acknowledge the transfer before reporting its outcome.")]
        if outcome not in TransferOutcome.values:
            errors["outcome"] = [_("Choose an outcome.")]
        errors |= check_date(on, "on", not_before=locked.sent_on, before_label=_("the transfer was sent"))
        if len(text or "") > 5000:
            errors["text"] = [_("At most 5,000 characters.")]
        raise_if(errors)
        locked.outcome, locked.outcome_on, locked.outcome_text, locked.outcome_by = outcome, on, (text or "").strip(), user
        locked.version += 1
        locked.save()
    return locked


def recognize(transfer, user, statements: dict, *, on) -> int:
    """The receiving body states, item by item, whether it recognizes the sender's evidence and findings.

    `statements` maps item ids to (recognized: bool, note); returns how many items were stated."""
    _as_receiver(transfer, user)
    items = {item.pk: item for item in transfer.items.all()}
    errors = check_date(on, "on", not_before=transfer.sent_on, before_label=_("the transfer was sent"))
    for pk in statements:
        if pk not in items:
            errors[f"items.{pk}"] = [_("That item is not part of this transfer.")]
    raise_if(errors)
    with transaction.atomic():
        for pk, (recognized, note) in statements.items():
            item = items[pk]
            item.recognized, item.recognition_note, item.recognized_on = bool(recognized), (note or "")[:500], on
            item.save()
    return len(statements)
