"""Pieces every procedure uses: excluded intervals, common fields, pause/resume/extend steps."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhibao.accounts.roles import Role

from .base import ClockSpec, FieldKind, FieldSpec, Source, Tag, Transition, extend, pause, resume

# ---------------------------------------------------------------- sources cited by several procedures

APL = "《行政处罚法》(2021)"
SAMR_PROC = "《市场监督管理行政处罚程序规定》(SAMR Order 2 of 2018, amended by Order 42 of 2021)"
APL_ART85 = Source(f"{APL} Art. 85: 二日、三日、五日、七日 are working days", Tag.V,
                   note="LawRefBook/Laws 行政法/行政处罚法(2021-01-22).md")
CPL = "《民事诉讼法》(2023)"

# ---------------------------------------------------------------- intervals the law excludes

PAUSE_REASONS: tuple[tuple[str, object], ...] = (
    ("suspension", _("Suspension")),
    ("hearing", _("Hearing")),
    ("public_notice", _("Public notice")),
    ("testing", _("Testing")),
    ("inspection", _("Inspection")),
    ("quarantine", _("Quarantine")),
    ("appraisal", _("Appraisal")),
    ("identification", _("Identification by the right holder")),
    ("refund", _("Ordering refunds of overcharges")),
    ("jurisdiction_objection", _("Jurisdiction objection")),
    ("evidence_extension", _("Evidence period extended at a party's request")),
    ("settlement", _("Settlement period")),
)
PAUSE_REASON_CODES = {code for code, _label in PAUSE_REASONS}

# ---------------------------------------------------------------- fields

REASON = FieldSpec("reason", _("Reason"), FieldKind.LONGTEXT, max_length=2000)
RESULT = FieldSpec("result", _("Result"), FieldKind.LONGTEXT, max_length=5000)
RECEIVER = FieldSpec("receiver", _("Receiving body"), FieldKind.TEXT, max_length=150)
SERVED_ON = FieldSpec("served_on", _("Date the party received it"), FieldKind.DATE, not_before_event=True)
APPROVED_BY = FieldSpec("approved_by", _("Approved by (name and post)"), FieldKind.TEXT, max_length=100)
APPROVAL_REF = FieldSpec("approval_ref", _("Approval document number"), FieldKind.TEXT, max_length=100)
EXT_AMOUNT = FieldSpec("n", _("Length of the extension"), FieldKind.INT, required=False, min_value=1,
                       max_value=3650)
EXT_UNTIL = FieldSpec("until", _("Extended until"), FieldKind.DATE, required=False, future=True)
PAUSE_REASON = FieldSpec("pause_reason", _("Excluded interval"), FieldKind.CHOICE, choices=PAUSE_REASONS)
FINE = FieldSpec("fine_amount", _("Fine (yuan)"), FieldKind.DECIMAL, required=False)
DECISION_REF = FieldSpec("decision_ref", _("Decision document number"), FieldKind.TEXT, max_length=100,
                         required=False)


def clock_field(clocks: tuple[ClockSpec, ...], required: bool = False) -> FieldSpec:
    return FieldSpec("clock", _("Time limit"), FieldKind.CHOICE, required=required,
                     choices=tuple((c.code, c.label) for c in clocks))


def pause_step(stages: tuple[str, ...], clocks: tuple[ClockSpec, ...], roles: tuple[str, ...]) -> Transition:
    """Stop the count for an interval the law excludes (testing, suspension, ...)."""
    return Transition(
        "pause", _("Pause the time limit"), stages, None, roles,
        fields=(clock_field(clocks), PAUSE_REASON, REASON.optional()),
        effects=(pause(*(c.code for c in clocks)),),
    )


def resume_step(stages: tuple[str, ...], clocks: tuple[ClockSpec, ...], roles: tuple[str, ...]) -> Transition:
    return Transition(
        "resume", _("Resume the time limit"), stages, None, roles,
        fields=(clock_field(clocks), REASON.optional()),
        effects=(resume(*(c.code for c in clocks)),),
    )


def extend_step(stages: tuple[str, ...], clocks: tuple[ClockSpec, ...], roles: tuple[str, ...]) -> Transition:
    """Extend a time limit within what the clock's declaration allows (checked by the engine)."""
    codes: dict[str, object] = {}
    for clock in clocks:
        for ext in clock.extensions:
            codes.setdefault(ext.code, ext.label)
    return Transition(
        "extend", _("Extend the time limit"), stages, None, roles,
        fields=(clock_field(clocks, required=True),
                FieldSpec("extension", _("Extension"), FieldKind.CHOICE, choices=tuple(codes.items())),
                EXT_AMOUNT, EXT_UNTIL, APPROVED_BY, APPROVAL_REF, REASON.optional()),
        effects=(extend(*(c.code for c in clocks)),),
    )


OFFICERS = (Role.IP_OFFICER,)
