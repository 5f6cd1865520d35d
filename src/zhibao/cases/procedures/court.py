"""Civil IP court cases recorded by court liaisons, so that the within-limit closure rate can
be computed (domain-rules.md 4; 《民事诉讼法》(2023) Arts. 152, 164, 168) [V].

The number is the court's own case number, entered as given."""
from django.utils.translation import gettext_lazy as _

from zhibao.accounts.roles import Role

from .base import (
    ClockSpec, Extension, FieldKind, FieldSpec, Numbering, Procedure, Source, Stage, Tag, Transition, Variant,
    months, start, stop,
)
from .common import CPL, extend_step, pause_step, resume_step

LIAISON = (Role.LIAISON,)
LAWREF = "LawRefBook/Laws 诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md"


def cite(article: str, tag: Tag = Tag.V) -> Source:
    return Source(f"{CPL} {article}", tag, LAWREF)


TRIAL = ClockSpec(
    "trial", _("Trial time limit"), months(6), _("filing"), cite("Art. 152: ordinary procedure, 6 months"),
    holder="court",
    pause_reasons=("suspension", "public_notice", "appraisal", "jurisdiction_objection", "settlement"),
    variants=(
        Variant("simplified", "kind=simplified", months(3), cite("Art. 164: simplified procedure, 3 months"),
                _("Simplified procedure")),
        Variant("small_claims", "kind=small_claims", months(2), cite("Art. 168: small claims, 2 months"),
                _("Small claims")),
    ),
    extensions=(
        Extension("president_ordinary", _("Court president's approval (ordinary)"), months(6), LIAISON,
                  cite("Art. 152"), when="kind=ordinary"),
        Extension("higher_court", _("Higher court's approval (date set)"), None, LIAISON,
                  cite("Art. 152: any further extension needs the higher court's approval"),
                  max_count=None, after="president_ordinary", when="kind=ordinary"),
        Extension("president_simplified", _("Court president's approval (simplified)"), months(1), LIAISON,
                  cite("Art. 164"), when="kind=simplified"),
        Extension("president_small_claims", _("Court president's approval (small claims)"), months(1), LIAISON,
                  cite("Art. 168"), when="kind=small_claims"),
    ),
)

PROCEDURE = Procedure(
    code="court",
    label=_("Civil IP court case"),
    description=_("First-instance civil IP cases recorded by court liaisons: ordinary (6 months +6), "
                  "simplified (3 months +1) and small claims (2 months +1)."),
    numbering=Numbering(external_field="court_number"),
    kinds=(("ordinary", _("Ordinary procedure")), ("simplified", _("Simplified procedure")),
           ("small_claims", _("Small claims"))),
    sources=(Source(CPL, Tag.V, LAWREF),
             Source("SPC interpretation of the Civil Procedure Law on periods excluded from the trial limit "
                    "(public notice, appraisal, settlement, jurisdiction objection)", Tag.M)),
    stages=(
        Stage("trial", _("Trial")),
        Stage("closed", _("Closed"), terminal=True),
    ),
    outcomes=(
        ("judgment", _("Judgment")),
        ("mediated", _("Mediated")),
        ("withdrawn", _("Withdrawn")),
        ("ruling", _("Ruling (dismissed or transferred)")),
    ),
    clocks=(TRIAL,),
    transitions=(
        Transition("open", _("Record the filed case"), (), "trial", LIAISON,
                   fields=(FieldSpec("court_number", _("Court case number"), FieldKind.TEXT, max_length=60),),
                   files=True, effects=(start("trial"),)),
        Transition("close", _("Record the case as concluded"), ("trial",), "closed", LIAISON,
                   fields=(FieldSpec("outcome", _("Outcome"), FieldKind.CHOICE, choices=(
                       ("judgment", _("Judgment")), ("mediated", _("Mediated")), ("withdrawn", _("Withdrawn")),
                       ("ruling", _("Ruling (dismissed or transferred)")))),),
                   effects=(stop("trial"),)),
        pause_step(("trial",), (TRIAL,), LIAISON),
        resume_step(("trial",), (TRIAL,), LIAISON),
        extend_step(("trial",), (TRIAL,), LIAISON),
    ),
)
