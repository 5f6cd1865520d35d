"""Receiving an evidence file: check, hash while streaming, store by content, record receipt.

    evidence = intake.receive(case, user, upload, title="…", kind="documentary",
                              submitter_kind="party", party=party)

`upload` is any Django UploadedFile (a page's form or the API's ninja UploadedFile). The
SHA-256 is computed from the same chunks that are written to disk, so the digest is that of
the bytes stored. A refusal (`EvidenceError`) leaves no row and no file behind: an empty,
oversized (ZHIBAO_EVIDENCE_MAX_BYTES) or disguised file, a type not accepted, or bad details.
"""
from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from zhibao.cases.audit import acting

from . import filetypes, store
from .models import CustodyAction, CustodyEvent, EvidenceFile, EvidenceKind, SubmitterKind
from .permissions import EvidencePerm
from .rules import EvidenceError, require, text

AREA = "evidence"


def max_bytes() -> int:
    return int(settings.ZHIBAO_EVIDENCE_MAX_BYTES)


def _submitter(case, user, submitter_kind, party, officer):
    if submitter_kind == SubmitterKind.PARTY:
        if party is None or party.case_id != case.pk:
            raise EvidenceError(_("Choose the party of this case who submitted the evidence."), field="party")
        return party, None
    if submitter_kind == SubmitterKind.OFFICER:
        officer = officer or user
        if officer.pk != user.pk and not case.assignments.filter(user=officer).exists():
            raise EvidenceError(_("The officer who submitted the evidence must be assigned to this case."),
                                field="officer")
        return None, officer
    raise EvidenceError(_("Say whether a party or an officer submitted the evidence."), field="submitter_kind")


def receive(case, user, upload, *, title: str, kind: str, submitter_kind: str, party=None, officer=None,
            place: str = "", note: str = "") -> EvidenceFile:
    """Store an uploaded file as evidence on `case`; see the module doc."""
    require(user, EvidencePerm.UPLOAD, case)
    if case.closed_on is not None:
        raise EvidenceError(_("The case was closed on %(date)s; no evidence can be added.")
                            % {"date": case.closed_on.isoformat()}, status=409)
    title = text(title, _("Title"), 200, field="title", required=True)
    if kind not in EvidenceKind.values:
        raise EvidenceError(_("Choose the kind of evidence."), field="kind")
    place = text(place, _("Where"), 200, field="place")
    note = text(note, _("Note"), 500, field="note")
    party, officer = _submitter(case, user, submitter_kind, party, officer)
    if upload is None:
        raise EvidenceError(_("Choose a file to upload."), field="file")
    name = text(upload.name, _("File name"), 255, field="file", required=True)
    limit = max_bytes()
    if upload.size is not None and upload.size > limit:
        raise _too_large(upload.size, limit)

    with store.Spool(AREA, limit) as spool:
        try:
            for chunk in upload.chunks():
                spool.write(chunk)
        except store.TooLarge:
            raise _too_large(spool.size, limit) from None
        if spool.size == 0:
            raise EvidenceError(_("The file “%(name)s” is empty; nothing was stored.") % {"name": name},
                                field="file")
        try:
            _family, found, mime = filetypes.check(name, spool.head)
        except filetypes.Refused as exc:
            raise EvidenceError(exc.message, field="file") from None
        path = created = None
        try:
            with acting(user), transaction.atomic():
                evidence = EvidenceFile.objects.create(
                    case=case, title=title, kind=kind, original_name=name, file_type=found, content_type=mime,
                    size=spool.size, sha256=spool.sha256, submitter_kind=submitter_kind, submitted_by_party=party,
                    submitted_by_officer=officer, received_by=user)
                CustodyEvent.objects.create(evidence=evidence, action=CustodyAction.RECEIVED, actor=user,
                                            at=timezone.now(), place=place, note=note,
                                            computed_sha256=spool.sha256, intact=True)
                path, created = spool.commit()
        except BaseException:
            if created:
                store.discard(path)
            raise
    return evidence


def _too_large(size: int, limit: int) -> EvidenceError:
    return EvidenceError(_("The file is larger than the %(limit)s allowed for evidence (%(size)s or more); "
                           "nothing was stored.") % {"limit": filesizeformat(limit), "size": filesizeformat(size)},
                         status=413, field="file")
