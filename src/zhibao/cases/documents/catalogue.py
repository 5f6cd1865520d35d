"""Which Word template fills which document of a procedure, with its deadlines and inputs.

A procedure declares its documents (`Procedure.documents`); here each one finds its layout
(cases/docx/<template>.docx, built by scripts/make_docx_templates.py) and says which dates it
states. A document without a layout of its own uses `generic`, which lists the case's
running time limits, so every declared document can be generated.

A deadline comes from one of the procedure's clocks when the procedure has it (its due date
if the clock runs or ran; otherwise counted from the document's date with the rule in force,
as if the event it counts from happened that day), or from a rule of its own with its source
(deadlines stated in a document that the procedure does not time).
"""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from zhibao.calendar.limits import Rule


@dataclass(frozen=True)
class DeadlineSpec:
    key: str                         # the name the template uses: deadlines.<key>
    label: object
    clocks: tuple[str, ...] = ()     # the first of these the procedure declares is used
    rule: Rule | None = None         # otherwise this period from the document's date
    source: str = ""
    hearing_notice: bool = False     # the last day to serve a hearing notice (from hearing_date)


@dataclass(frozen=True)
class Layout:
    template: str
    deadlines: tuple[DeadlineSpec, ...] = ()
    inputs: tuple[str, ...] = ()     # names of the generate form's fields this layout uses
    title: str = ""                  # heading, when it differs from the procedure's label


#: The generate form's optional fields: label and longest length (hearing_date is a date).
INPUTS = {
    "basis": (_("Provisions violated"), 500),
    "proposal": (_("Decision or proposed penalty"), 2000),
    "hearing_date": (_("Hearing date"), None),
    "hearing_place": (_("Hearing place"), 200),
}

FILING = DeadlineSpec("filing_check", _("Check and decide whether to file"), ("filing_check", "check", "filing"))
DECISION = DeadlineSpec("decision", _("Decide the case"), ("decision", "conclusion"))

LAYOUTS: dict[str, Layout] = {
    "filing_approval": Layout("filing_approval", (FILING, DECISION)),
    "advance_notice": Layout("advance_notice", (
        DeadlineSpec("statements", _("Representations, defence and hearing request"), ("statements",)),),
        inputs=("basis", "proposal")),
    "penalty_decision": Layout("penalty_decision", (
        DeadlineSpec("payment", _("Pay the fine"), ("payment",)),), inputs=("basis", "proposal")),
    "acceptance_notice": Layout("acceptance_notice", (
        DeadlineSpec("service", _("Serve the request on the respondent"), ("service",)), DECISION)),
    "defence_notice": Layout("defence_notice", (
        DeadlineSpec("defence", _("Respondent's defence"), ("defence",)),)),
    "hearing_notice": Layout("hearing_notice", (
        DeadlineSpec("notice", _("Serve the hearing notice by"), hearing_notice=True),),
        inputs=("hearing_date", "hearing_place")),
    "adjudication_decision": Layout("adjudication_decision", (
        DeadlineSpec("litigation", _("Bring an action in court"), rule=Rule.days(15),
                     source="《中华人民共和国专利法》(2020) Art. 65: 十五日内向人民法院起诉 [V]"),),
        inputs=("proposal",), title="专利侵权纠纷处理决定书"),
    "mediation_agreement": Layout("mediation_agreement", (
        DeadlineSpec("confirmation", _("Apply for judicial confirmation"), ("confirmation_application",),
                     rule=Rule.days(30), source="《民事诉讼法》(2023) Art. 205; 《人民调解法》 Art. 33 [V]"),),
        inputs=("proposal",)),
}
GENERIC = Layout("generic")


def layout_for(kind: str) -> Layout:
    return LAYOUTS.get(kind, GENERIC)
