"""Passing-off patent cases (假冒专利) under 《专利行政执法办法》 (SIPO Order 60 of 2010, amended
by Order 71, in force 2015-07-01), which the 2025 rule did not replace for passing off
(domain-rules.md 2b) [V via the IPReader mirror]."""
import datetime

from django.utils.translation import gettext_lazy as _

from zhibao.accounts.roles import Role

from .base import (
    ClockSpec, Extension, FieldKind, FieldSpec, Numbering, Procedure, Source, Stage, Tag, Transition, Variant,
    days, months, start, stop, working_days,
)
from .common import DECISION_REF, FINE, REASON, RECEIVER, extend_step, pause_step, resume_step

OFFICER = (Role.IP_OFFICER,)
RULE = "《专利行政执法办法》(SIPO Order 60 of 2010, amended by Order 71 of 2015)"
URL = "https://www.cnipa.gov.cn/art/2015/5/29/art_526_145932.html"
IN_FORCE = datetime.date(2015, 7, 1)


def cite(article: str) -> Source:
    return Source(f"{RULE} {article}", Tag.V, URL)


FILING = ClockSpec(
    "filing", _("Decide whether to file"), working_days(5), _("discovering the passing off, or receiving a report"),
    cite("Art. 28: 5 working days from discovery"),
    variants=(Variant("reported", "kind=reported", working_days(10),
                      cite("Art. 28: 10 working days from receiving a report or complaint"),
                      _("From a report or complaint")),),
    effective_from=IN_FORCE,
)
CONCLUSION = ClockSpec(
    "conclusion", _("Conclude the case"), months(1), _("filing"), cite("Art. 36"),
    pause_reasons=("hearing", "public_notice"),
    extensions=(Extension("head", _("Head's approval"), days(15), (Role.IP_OFFICER,), cite("Art. 36")),),
    effective_from=IN_FORCE,
)
PUBLICATION = ClockSpec(
    "publication", _("Publish the decision"), working_days(20), _("the decision"), cite("Art. 46"),
    effective_from=IN_FORCE,
)
CLOCKS = (FILING, CONCLUSION, PUBLICATION)

OUTCOME = FieldSpec("outcome", _("Decision"), FieldKind.CHOICE, choices=(
    ("penalty", _("Passing off established: penalty")),
    ("no_violation", _("No passing off found")),
))

PROCEDURE = Procedure(
    code="passing_off",
    label=_("Passing-off patent case"),
    description=_("Cases of passing off a patent: filing within 5 working days of discovery or 10 of a "
                  "report, conclusion within one month (+15 days with approval)."),
    numbering=Numbering("西知假", on_filing=True,
                        source=Source("Document numbering of the handling office (local practice)", Tag.M)),
    kinds=(("discovered", _("Discovered by the office")), ("reported", _("From a report or complaint"))),
    sources=(Source(RULE, Tag.V, URL),),
    stages=(
        Stage("clue", _("Clue check")),
        Stage("investigation", _("Investigation and evidence")),
        Stage("decided", _("Decided")),
        Stage("closed", _("Closed"), terminal=True),
        Stage("not_filed", _("Not filed"), terminal=True),
        Stage("transferred", _("Transferred"), terminal=True),
    ),
    documents=(
        ("filing_approval", _("Filing approval form")),
        ("passing_off_decision", _("Decision on passing off")),
        ("transfer_letter", _("Transfer letter")),
        ("closing_report", _("Case closing approval form")),
    ),
    outcomes=(
        ("penalty", _("Penalty imposed")),
        ("no_violation", _("No passing off found")),
        ("not_filed", _("Not filed")),
        ("transferred", _("Transferred")),
    ),
    clocks=CLOCKS,
    transitions=(
        Transition("open", _("Register the clue"), (), "clue", OFFICER, effects=(start("filing"),)),
        Transition("file", _("File the case"), ("clue",), "investigation", OFFICER,
                   documents=("filing_approval",), files=True, min_officers=2,
                   effects=(stop("filing"), start("conclusion")),
                   source_note=cite("Art. 28: at least two officers")),
        Transition("not_file", _("Decide not to file"), ("clue",), "not_filed", OFFICER, fields=(REASON,),
                   outcome="not_filed", effects=(stop("filing"),)),
        Transition("transfer", _("Transfer to public security"), ("clue", "investigation"), "transferred",
                   OFFICER, fields=(RECEIVER, REASON), documents=("transfer_letter",), outcome="transferred",
                   effects=(stop("filing"), stop("conclusion"))),
        Transition("decide", _("Decide"), ("investigation",), "decided", OFFICER,
                   fields=(OUTCOME, FINE, DECISION_REF), documents=("passing_off_decision",),
                   effects=(stop("conclusion"), start("publication", when="outcome=penalty"))),
        Transition("publish", _("Publish the decision"), ("decided",), None, OFFICER,
                   effects=(stop("publication"),)),
        Transition("close", _("Close the case"), ("decided",), "closed", OFFICER, documents=("closing_report",),
                   requires_stopped=("publication",)),
        pause_step(("investigation",), (CONCLUSION,), OFFICER),
        resume_step(("investigation",), (CONCLUSION,), OFFICER),
        extend_step(("investigation",), (CONCLUSION,), OFFICER),
    ),
)
