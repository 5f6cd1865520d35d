"""Collaboration in the API: /api/v1/transfers (+ acknowledge, outcome, recognition),
/assistance-requests (+ reply), /operations, /meetings.

Lists and reads are `Resource`s (filters, paging, ordering, data scope) built from the list
pages' FilterSets. Writes are actions that call the same rule functions as the pages; a
refusal answers 422 with the messages by field and changes nothing.
"""
from django.core.exceptions import PermissionDenied
from django.db import transaction
from ninja import Router, Status

from zhibao.accounts.scope import visible
from zhibao.api.auth import permission_auth
from zhibao.api.errors import ErrorOut, forbidden, invalid
from zhibao.api.resources import Resource, no_such
from zhibao.cases.models import Case
from zhibao.registry.models import Organization

from . import assistance, filters, operations, schemas, transfers
from .common import Refused, today
from .models import AssistanceRequest, Meeting, Operation, Transfer
from .permissions import CollaborationPerm as P

API_PREFIX = ""
router = Router()
_errors = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}

transfer_resource = Resource(
    "transfers", Transfer, filters.TransferFilter, out=schemas.TransferOut, view_perm=P.VIEW,
    ordering=("id", "sent_on", "ack_due", "acknowledged_on", "outcome_on"),
    select_related=("sender", "receiver", "case"), prefetch_related=("items",))
assistance_resource = Resource(
    "assistance-requests", AssistanceRequest, filters.AssistanceFilter, out=schemas.AssistanceOut,
    view_perm=P.VIEW, ordering=("id", "sent_on", "due_on", "replied_on"),
    select_related=("requester", "addressee", "case"))
operation_resource = Resource(
    "operations", Operation, filters.OperationFilter, out=schemas.OperationOut, view_perm=P.VIEW,
    ordering=("id", "starts_on", "ends_on", "name"), select_related=("lead",),
    prefetch_related=("participants", "cases"))
meeting_resource = Resource(
    "meetings", Meeting, filters.MeetingFilter, out=schemas.MeetingOut, view_perm=P.VIEW,
    ordering=("id", "held_on"), select_related=("convener",),
    prefetch_related=("attendees", "agenda", "decisions__owner", "cases"))
for _resource in (transfer_resource, assistance_resource, operation_resource, meeting_resource):
    _resource.register(router)


def _rules(call):
    """Run a rule function; its refusals become the API's 403 and 422 answers."""
    try:
        return call()
    except Refused as exc:
        raise invalid({k: list(v) for k, v in exc.message_dict.items()}) from None
    except PermissionDenied as exc:
        raise forbidden(str(exc) or None) from None


def _case(request, pk):
    if pk is None:
        return None
    case = visible(Case.objects.all(), request.user).filter(pk=pk).first()
    if case is None:
        raise invalid({"case": [no_such(Case, pk)]})
    return case


def _cases(request, ids, key="cases"):
    found = {c.pk: c for c in visible(Case.objects.filter(pk__in=ids), request.user)}
    errors = {f"{key}.{i}": [no_such(Case, pk)] for i, pk in enumerate(ids) if pk not in found}
    if errors:
        raise invalid(errors)
    return [found[pk] for pk in ids]


def _bodies(ids, key):
    found = {o.pk: o for o in Organization.objects.filter(pk__in=ids, is_active=True)}
    errors = {f"{key}.{i}": [no_such(Organization, pk)] for i, pk in enumerate(ids) if pk not in found}
    if errors:
        raise invalid(errors)
    return [found[pk] for pk in ids]


def _body(pk, key):
    return _bodies([pk], key)[0] if pk is not None else None


_send_auth = permission_auth((P.VIEW, P.TRANSFER))
_receive_auth = permission_auth((P.VIEW, P.RECEIVE))
_operations_auth = permission_auth((P.VIEW, P.OPERATIONS))


@router.post("/transfers", response={201: schemas.TransferOut, **_errors}, auth=_send_auth, tags=["transfers"],
             operation_id="transfers_create", summary="Send a clue or a case to another body")
def create_transfer(request, payload: schemas.TransferIn):
    case = _case(request, payload.case)
    items = [("evidence", x) for x in payload.evidence] + [("finding", x) for x in payload.findings]
    t = _rules(lambda: transfers.send(
        request.user, receiver=payload.receiver, kind=payload.kind, reason=payload.reason,
        sent_on=payload.sent_on or today(), subject=payload.subject, case=case, items=items,
        take_step=payload.take_step))
    return Status(201, transfer_resource.get_object(request, t.pk))


@router.post("/transfers/{pk}/acknowledge", response={200: schemas.TransferOut, **_errors}, auth=_receive_auth,
             tags=["transfers"], operation_id="transfers_acknowledge", summary="Acknowledge a transfer (receiving body)")
def acknowledge_transfer(request, pk: int, payload: schemas.AcknowledgeIn):
    t = transfer_resource.get_object(request, pk)
    _rules(lambda: transfers.acknowledge(t, request.user, on=payload.on or today()))
    return transfer_resource.get_object(request, pk)


@router.post("/transfers/{pk}/outcome", response={200: schemas.TransferOut, **_errors}, auth=_receive_auth,
             tags=["transfers"], operation_id="transfers_outcome", summary="Report the outcome (receiving body)")
def report_outcome(request, pk: int, payload: schemas.OutcomeIn):
    t = transfer_resource.get_object(request, pk)
    _rules(lambda: transfers.report_outcome(t, request.user, outcome=payload.outcome, on=payload.on or today(),
                                            text=payload.text))
    return transfer_resource.get_object(request, pk)


@router.post("/transfers/{pk}/recognition", response={200: schemas.TransferOut, **_errors}, auth=_receive_auth,
             tags=["transfers"], operation_id="transfers_recognize",
             summary="State item by item whether the sender's evidence and findings are recognized")
def recognize(request, pk: int, payload: schemas.RecognitionIn):
    t = transfer_resource.get_object(request, pk)
    statements = {s.id: (s.recognized, s.note) for s in payload.items}
    _rules(lambda: transfers.recognize(t, request.user, statements, on=payload.on or today()))
    return transfer_resource.get_object(request, pk)


@router.post("/assistance-requests", response={201: schemas.AssistanceOut, **_errors}, auth=_send_auth,
             tags=["assistance-requests"], operation_id="assistance-requests_create",
             summary="Ask another body to assist an investigation")
def create_request(request, payload: schemas.AssistanceIn):
    case = _case(request, payload.case)
    req = _rules(lambda: assistance.request(
        request.user, addressee=payload.addressee, subject=payload.subject, questions=payload.questions,
        sent_on=payload.sent_on or today(), due_on=payload.due_on, case=case))
    return Status(201, assistance_resource.get_object(request, req.pk))


@router.post("/assistance-requests/{pk}/reply", response={200: schemas.AssistanceOut, **_errors},
             auth=_receive_auth, tags=["assistance-requests"], operation_id="assistance-requests_reply",
             summary="Reply to a request for assistance (requested body)")
def reply(request, pk: int, payload: schemas.ReplyIn):
    req = assistance_resource.get_object(request, pk)
    _rules(lambda: assistance.reply(req, request.user, text=payload.text, on=payload.on or today(),
                                    decline=payload.decline))
    return assistance_resource.get_object(request, pk)


@router.post("/operations", response={201: schemas.OperationOut, **_errors}, auth=_operations_auth,
             tags=["operations"], operation_id="operations_create", summary="Record a joint enforcement operation")
def create_operation(request, payload: schemas.OperationIn):
    participants = _bodies(payload.participants, "participants")
    cases = _cases(request, payload.cases)
    op = Operation(name=payload.name, starts_on=payload.starts_on, ends_on=payload.ends_on, results=payload.results,
                   lead=_body(payload.lead, "lead"))
    with transaction.atomic():
        _rules(lambda: operations.save_operation(request.user, op, participants))
        op.cases.set(cases)
    return Status(201, operation_resource.get_object(request, op.pk))


@router.post("/meetings", response={201: schemas.MeetingOut, **_errors}, auth=_operations_auth,
             tags=["meetings"], operation_id="meetings_create", summary="Record a joint meeting")
def create_meeting(request, payload: schemas.MeetingIn):
    attendees = _bodies(payload.attendees, "attendees")
    cases = _cases(request, payload.cases)
    owners = _bodies([d.owner for d in payload.decisions], "decisions")
    meeting = Meeting(title=payload.title, held_on=payload.held_on, year=payload.year, quarter=payload.quarter,
                      people=payload.people, convener=_body(payload.convener, "convener"))

    def save():
        with transaction.atomic():
            operations.save_meeting(request.user, meeting, attendees)
            for title in payload.agenda:
                operations.add_agenda_item(meeting, request.user, title=title)
            for d, owner in zip(payload.decisions, owners):
                operations.add_decision(meeting, request.user, text=d.text, owner=owner, due_on=d.due_on)
            meeting.cases.set(cases)
    _rules(save)
    return Status(201, meeting_resource.get_object(request, meeting.pk))
