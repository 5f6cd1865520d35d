"""The chain of custody: events people record, integrity checks, and downloads.

    custody.record(evidence, user, "handed_over", to_whom="市公安局经侦支队 王警官", place="…")
    custody.check(evidence, user)          # recomputes the SHA-256; records ok or MISMATCH
    path = custody.open_for_download(evidence, user)   # records the download

Every event is a new row, never changed. An integrity check compares the stored file's digest
with the one taken on receipt; a missing or changed file is recorded as a mismatch and the
evidence is marked as not intact until a later check matches again. Once destroyed, evidence
can no longer be downloaded, checked or handed on.
"""
from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhibao.cases.audit import acting

from . import store
from .intake import AREA
from .models import MANUAL_ACTIONS, CustodyAction, CustodyEvent, EvidenceFile
from .permissions import EvidencePerm
from .rules import EvidenceError, require, text


def _lock(evidence: EvidenceFile) -> EvidenceFile:
    return EvidenceFile.objects.select_for_update().get(pk=evidence.pk)


def _not_destroyed(evidence: EvidenceFile) -> None:
    if evidence.destroyed is not None:
        raise EvidenceError(_("This evidence was destroyed on %(date)s.")
                            % {"date": timezone.localtime(evidence.destroyed).strftime("%Y-%m-%d %H:%M")},
                            status=409)


def record(evidence: EvidenceFile, user, action: str, *, place: str = "", to_whom: str = "", note: str = "",
           ) -> CustodyEvent:
    """Record a custody event a person reports (sealed, handed over, viewed, returned, destroyed)."""
    require(user, EvidencePerm.CUSTODY, evidence.case)
    if action not in MANUAL_ACTIONS:
        raise EvidenceError(_("Choose one of the custody events offered."), field="action")
    place = text(place, _("Where"), 200, field="place")
    to_whom = text(to_whom, _("Handed to"), 150, field="to_whom")
    note = text(note, _("Note"), 500, field="note")
    if action == CustodyAction.HANDED_OVER and not to_whom:
        raise EvidenceError(_("Say to whom the evidence was handed over."), field="to_whom")
    if action == CustodyAction.DESTROYED and not note:
        raise EvidenceError(_("Give the reason or the approval for destroying the evidence in the note."),
                            field="note")
    with acting(user), transaction.atomic():
        locked = _lock(evidence)
        _not_destroyed(locked)
        now = timezone.now()
        event = CustodyEvent.objects.create(evidence=locked, action=action, actor=user, at=now, place=place,
                                            to_whom=to_whom, note=note)
        if action == CustodyAction.DESTROYED:
            locked.destroyed = now
            locked.save(update_fields=["destroyed"])
            evidence.destroyed = now
    return event


def check(evidence: EvidenceFile, user) -> CustodyEvent:
    """Recompute the stored file's SHA-256 and record whether it still matches."""
    require(user, EvidencePerm.CUSTODY, evidence.case)
    with acting(user), transaction.atomic():
        locked = _lock(evidence)
        _not_destroyed(locked)
        path = store.path_for(AREA, locked.sha256)
        computed = store.digest_of(path) if path.exists() else ""
        intact = computed == locked.sha256
        note = "" if path.exists() else _("The stored file is missing.")
        now = timezone.now()
        event = CustodyEvent.objects.create(evidence=locked, action=CustodyAction.CHECKED, actor=user, at=now,
                                            computed_sha256=computed, intact=intact, note=note)
        locked.last_checked, locked.intact = now, intact
        locked.save(update_fields=["last_checked", "intact"])
    evidence.last_checked, evidence.intact = now, intact
    return event


def open_for_download(evidence: EvidenceFile, user) -> Path:
    """The stored file's path for a download by `user`, after recording the download."""
    require(user, EvidencePerm.VIEW, evidence.case)
    _not_destroyed(evidence)
    path = store.path_for(AREA, evidence.sha256)
    if not path.exists():
        raise EvidenceError(_("The stored file is missing; run an integrity check and report it."), status=410)
    with acting(user), transaction.atomic():
        CustodyEvent.objects.create(evidence=evidence, action=CustodyAction.DOWNLOADED, actor=user,
                                    at=timezone.now())
    return path
