"""Generate a procedure's document as a Word file, store it, and record it on the case.

    generated = generate.generate(case, user, "advance_notice", inputs={"basis": "…", "proposal": "…"})
    generated.document          # the CaseDocument the engine's required-document checks see
    generate.open_file(generated, user)   # path for a permission-checked download

The document is recorded through `engine.add_document`, so the engine's role, scope and
closed-case rules apply and the timeline shows it. The file goes to the content-addressed
store (evidence/store.py, area "documents") and a `GeneratedDocument` row links it to the
CaseDocument. A refusal changes nothing and leaves no file.
"""
from __future__ import annotations

import datetime
import io
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate

from zhibao.accounts.scope import can_see
from zhibao.calendar import workdays
from zhibao.evidence import store
from zhibao.evidence.models import GeneratedDocument

from .. import clocks, engine
from ..errors import InvalidField, NotAllowed
from ..models import Case, CaseDocument
from ..permissions import CasesPerm
from . import context
from .catalogue import INPUTS, layout_for

AREA = "documents"
TEMPLATES = Path(__file__).resolve().parent.parent / "docx"


def _clean_inputs(kind: str, inputs: dict) -> dict:
    allowed = set(layout_for(kind).inputs)
    unknown = sorted(set(k for k, v in inputs.items() if v not in (None, "")) - allowed)
    if unknown:
        raise InvalidField(_("This document does not take: %(fields)s.") % {"fields": ", ".join(unknown)},
                           fields=tuple(unknown))
    cleaned = {}
    for name in allowed:
        value = inputs.get(name)
        if value in (None, ""):
            continue
        if name == "hearing_date":
            if not isinstance(value, datetime.date):
                try:
                    value = datetime.date.fromisoformat(str(value).strip())
                except ValueError:
                    raise InvalidField(_("%(field)s: enter a date as YYYY-MM-DD.") % {"field": INPUTS[name][0]},
                                       fields=(name,)) from None
            if not clocks.today() <= value <= datetime.date(workdays.MAX_YEAR, 12, 31):
                raise InvalidField(_("%(field)s: the date must be from today on.") % {"field": INPUTS[name][0]},
                                   fields=(name,))
        else:
            label, limit = INPUTS[name]
            value = engine.clean_text(str(value), label, limit)
        cleaned[name] = value
    return cleaned


def render(case: Case, kind: str, *, on: datetime.date, reference: str, inputs: dict) -> tuple[bytes, list[int]]:
    """The filled Word file's bytes and the provisional years its dates depend on."""
    layout = layout_for(kind)
    values, years = context.build(case, kind, layout, on=on, reference=reference, inputs=inputs)
    doc = DocxTemplate(TEMPLATES / f"{layout.template}.docx")
    doc.render(values, autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue(), years


def generate(case: Case, user, kind: str, *, reference: str = "", inputs: dict | None = None,
             expected_version: int | None = None) -> GeneratedDocument:
    """Generate document `kind` of the case's procedure, dated today; see the module doc."""
    if user is None or not user.has_perm(CasesPerm.HANDLE):
        raise NotAllowed(_("You may not add documents to cases."))
    if kind not in dict(case.spec.documents):
        raise InvalidField(_("The procedure “%(proc)s” has no document “%(kind)s”.")
                           % {"proc": case.spec.label, "kind": kind}, fields=("kind",))
    inputs = _clean_inputs(kind, inputs or {})
    on = clocks.today()
    reference = engine.clean_text(reference, _("Document number"), 100)
    data, years = render(case, kind, on=on, reference=reference or (case.number or ""), inputs=inputs)
    name = f"{case.reference}-{case.spec.document_label(kind)}-{on:%Y%m%d}.docx".replace("/", "-")
    with store.Spool(AREA) as spool:
        spool.write(data)
        path = created = None
        try:
            with transaction.atomic():
                document = engine.add_document(case, user, kind, reference=reference, dated=on,
                                               expected_version=expected_version)
                generated = GeneratedDocument.objects.create(
                    document=document, file_name=name, size=spool.size, sha256=spool.sha256,
                    template=layout_for(kind).template, provisional=bool(years), provisional_years=years)
                path, created = spool.commit()
        except BaseException:
            if created:
                store.discard(path)
            raise
    return generated


def open_file(generated: GeneratedDocument, user) -> Path:
    """The stored file of a generated document, for a user who may handle the case."""
    case = generated.document.case
    if user is None or not user.has_perm(CasesPerm.HANDLE) or not can_see(case, user):
        raise NotAllowed(_("This case is outside your data scope."))
    path = store.path_for(AREA, generated.sha256)
    if not path.exists():
        raise NotAllowed(_("The stored file of this document is missing."))
    return path


def documents_of(case: Case):
    """The case's documents, each with its generated file if there is one."""
    return CaseDocument.objects.filter(case=case).select_related("generated", "created_by").order_by("created", "pk")
