"""Evidence in the API under /api/v1/evidence: list by case, read, upload, custody events, check,
download.

The same rule functions as the pages (`intake.receive`, `custody.record`, `custody.check`,
`custody.open_for_download`), so permissions, scope, refusals and the custody chain are the
same everywhere. A refusal answers in the shared error format with the rule's translated
message; an upload refused stores nothing.
"""
from __future__ import annotations

import datetime

from django.http import FileResponse
from ninja import File, Form, Router, Schema, Status, UploadedFile

from zhibao.api.auth import permission_auth
from zhibao.cases.permissions import CasesPerm
from zhibao.api.errors import ApiError, ErrorOut, not_found
from zhibao.cases.models import Case, Party

from . import custody, intake
from .models import CustodyEvent, EvidenceFile
from .permissions import EvidencePerm
from .rules import EvidenceError, visible_evidence

API_PREFIX = "/evidence"
router = Router(tags=["evidence"])

_errors = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 410: ErrorOut,
           413: ErrorOut, 422: ErrorOut}


class CustodyOut(Schema):
    id: int
    action: str
    actor: str | None
    at: datetime.datetime
    place: str
    to_whom: str
    note: str
    computed_sha256: str
    intact: bool | None

    @staticmethod
    def resolve_actor(obj):
        return obj.actor.get_username() if obj.actor else None


class EvidenceOut(Schema):
    id: int
    case: int
    title: str
    kind: str
    original_name: str
    file_type: str
    content_type: str
    size: int
    sha256: str
    submitter_kind: str
    party: int | None
    officer: str | None
    received: datetime.datetime
    last_checked: datetime.datetime | None
    intact: bool | None
    destroyed: datetime.datetime | None

    @staticmethod
    def resolve_case(obj):
        return obj.case_id

    @staticmethod
    def resolve_party(obj):
        return obj.submitted_by_party_id

    @staticmethod
    def resolve_officer(obj):
        return obj.submitted_by_officer.get_username() if obj.submitted_by_officer else None


class EvidenceDetailOut(EvidenceOut):
    custody: list[CustodyOut]

    @staticmethod
    def resolve_custody(obj):
        return list(obj.custody.select_related("actor").order_by("at", "pk"))


class UploadIn(Schema):
    case: int
    title: str
    kind: str
    submitter_kind: str
    party: int | None = None
    officer: int | None = None
    place: str = ""
    note: str = ""


class CustodyIn(Schema):
    action: str
    place: str = ""
    to_whom: str = ""
    note: str = ""


def _refused(exc: EvidenceError) -> ApiError:
    return ApiError(exc.status, exc.message, errors={exc.field: [exc.message]} if exc.field else None)


def _get(request, pk: int) -> EvidenceFile:
    found = visible_evidence(EvidenceFile.objects.select_related("case", "submitted_by_officer"),
                             request.user).filter(pk=pk).first()
    if found is None:
        raise not_found()
    return found


@router.get("", response={200: list[EvidenceOut], **_errors}, auth=permission_auth((CasesPerm.VIEW, EvidencePerm.VIEW)),
            summary="List the evidence of a case")
def list_evidence(request, case: int):
    """The evidence files of case `case`, oldest first (404 if the case is outside your scope)."""
    from zhibao.accounts.scope import visible

    if not visible(Case.objects.filter(pk=case), request.user).exists():
        raise not_found()
    return visible_evidence(EvidenceFile.objects.filter(case_id=case), request.user).select_related(
        "submitted_by_officer").order_by("received", "pk")


@router.get("/{pk}", response={200: EvidenceDetailOut, **_errors}, auth=permission_auth((CasesPerm.VIEW, EvidencePerm.VIEW)),
            summary="Read one evidence file with its chain of custody")
def read_evidence(request, pk: int):
    return _get(request, pk)


@router.post("", response={201: EvidenceDetailOut, **_errors}, auth=permission_auth((CasesPerm.VIEW, EvidencePerm.UPLOAD)),
             summary="Upload an evidence file to a case")
def upload(request, data: Form[UploadIn], file: File[UploadedFile]):
    """multipart/form-data: `file` and the fields. The SHA-256 is computed while the file is
    stored; empty, oversized, disguised and unlisted file types are refused (nothing stored)."""
    from zhibao.accounts.models import User
    from zhibao.accounts.scope import visible

    case = visible(Case.objects.all(), request.user).filter(pk=data.case).first()
    if case is None:
        raise ApiError(404, not_found().detail, errors={"case": [not_found().detail]})
    party = Party.objects.filter(pk=data.party, case=case).first() if data.party is not None else None
    officer = User.objects.filter(pk=data.officer).first() if data.officer is not None else None
    if data.officer is not None and officer is None:
        raise _refused(EvidenceError(not_found().detail, field="officer"))
    try:
        evidence = intake.receive(case, request.user, file, title=data.title, kind=data.kind,
                                  submitter_kind=data.submitter_kind, party=party, officer=officer,
                                  place=data.place, note=data.note)
    except EvidenceError as exc:
        raise _refused(exc) from None
    return Status(201, evidence)


@router.post("/{pk}/custody", response={201: CustodyOut, **_errors},
             auth=permission_auth((CasesPerm.VIEW, EvidencePerm.CUSTODY)), summary="Record a custody event")
def add_custody(request, pk: int, data: CustodyIn):
    """`action`: sealed, handed_over (with `to_whom`), viewed, returned, destroyed (with a `note`)."""
    evidence = _get(request, pk)
    try:
        event = custody.record(evidence, request.user, data.action, place=data.place, to_whom=data.to_whom,
                               note=data.note)
    except EvidenceError as exc:
        raise _refused(exc) from None
    return Status(201, CustodyEvent.objects.select_related("actor").get(pk=event.pk))


@router.post("/{pk}/check", response={200: CustodyOut, **_errors}, auth=permission_auth((CasesPerm.VIEW, EvidencePerm.CUSTODY)),
             summary="Check integrity: recompute the SHA-256")
def check(request, pk: int):
    """Recomputes the stored file's SHA-256; `intact` false means it no longer matches."""
    evidence = _get(request, pk)
    try:
        event = custody.check(evidence, request.user)
    except EvidenceError as exc:
        raise _refused(exc) from None
    return CustodyEvent.objects.select_related("actor").get(pk=event.pk)


@router.get("/{pk}/file", auth=permission_auth((CasesPerm.VIEW, EvidencePerm.VIEW)), response={200: None, **_errors},
            summary="Download the file (recorded in the chain of custody)")
def download(request, pk: int):
    evidence = _get(request, pk)
    try:
        path = custody.open_for_download(evidence, request.user)
    except EvidenceError as exc:
        raise _refused(exc) from None
    response = FileResponse(open(path, "rb"), as_attachment=True, filename=evidence.original_name,
                            content_type=evidence.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
