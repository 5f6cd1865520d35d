"""Administrative enforcement (行政处罚, market regulation): clue check to closure.

Sources: 《市场监督管理行政处罚程序规定》 (SAMR), 《行政处罚法》(2021), 《市场监督管理行政处罚信息
公示规定》 (SAMR Order 45). See domain-rules.md section 1.
"""
import datetime

from django.utils.translation import gettext_lazy as _

from zhibao.accounts.roles import Role

from .base import (
    ClockSpec, Extension, FieldKind, FieldSpec, Numbering, Procedure, Source, Spawn, Stage, Tag, Transition,
    days, start, stop, working_days,
)
from .common import (
    APL, APL_ART85, DECISION_REF, FINE, REASON, RECEIVER, RESULT, SAMR_PROC, SERVED_ON, extend_step, pause_step,
    resume_step,
)

OFFICER = (Role.IP_OFFICER,)
BTDSSS = "https://www.btdsss.gov.cn/c/2025-05-14/912884.shtml"
NP_FLOW = "https://www.np.gov.cn/cms/html/npszf/2022-11-08/1621293728.html"
PINGGU = "https://bbs.pinggu.org/thread-15090211-1-1.html"

FILING_CHECK = ClockSpec(
    "filing_check", _("Check the clue and decide whether to file"), working_days(15),
    _("discovering the clue or receiving the materials"),
    Source(f"{SAMR_PROC} Art. 18", Tag.V, BTDSSS),
    pause_reasons=("testing", "inspection", "quarantine", "appraisal", "identification"),
    extensions=(
        Extension("head", _("Department head's approval"), working_days(15), (Role.IP_OFFICER,),
                  Source(f"{SAMR_PROC} Art. 18: extendable once by 15 working days in special cases", Tag.V,
                         BTDSSS)),
    ),
)
PRESERVATION = ClockSpec(
    "preservation", _("Deal with evidence preserved in advance"), working_days(7),
    _("the pre-registration preservation of evidence"),
    Source(f"{APL} Art. 56 (七日, working days under Art. 85); otherwise the preservation lapses", Tag.V),
)
LEGAL_REVIEW = ClockSpec(
    "legal_review", _("Legal review"), working_days(10), _("the reviewer receiving the materials"),
    Source("SAMR legal-review flowchart (article number not verified)", Tag.V_SEC, PINGGU),
    extensions=(
        Extension("approved", _("Extension with approval (date set)"), None, (Role.IP_OFFICER,),
                  Source("SAMR legal-review flowchart: may be extended with approval", Tag.V_SEC, PINGGU)),
    ),
)
STATEMENTS = ClockSpec(
    "statements", _("Representations, defence and hearing request"), working_days(5),
    _("service of the advance notice"),
    Source(f"{APL} Art. 64(1) (五日, working days under Art. 85); no response in time is a waiver", Tag.V,
           note=str(APL_ART85)),
    holder="party",
)
DECISION = ClockSpec(
    "decision", _("Decide the case"), days(90), _("filing"),
    Source(f"{APL} Art. 60 (90 days from filing unless a special rule says otherwise); "
           f"{SAMR_PROC} Art. 64 (article number unverified)", Tag.V,
           note="Number V via 行政处罚法 Art. 60; SAMR article number [M]"),
    pause_reasons=("suspension", "hearing", "public_notice", "testing", "inspection", "quarantine", "appraisal",
                   "identification", "refund"),
    extensions=(
        Extension("head", _("Department head's approval"), days(30), (Role.IP_OFFICER,),
                  Source(f"{SAMR_PROC} Art. 64: +30 days with the department head's approval", Tag.V_SEC, NP_FLOW)),
        Extension("collective", _("Collective decision of the department heads (date set)"), None,
                  (Role.IP_OFFICER,),
                  Source(f"{SAMR_PROC} Art. 64: a further extension by collective discussion, which sets a "
                         "reasonable period (no fixed cap)", Tag.V_SEC, PINGGU),
                  max_count=None, after="head"),
    ),
)
DELIVERY = ClockSpec(
    "delivery", _("Serve the decision"), working_days(7), _("the decision, if the party was not present"),
    Source(f"{APL} Art. 61 (七日, working days under Art. 85)", Tag.V),
)
PAYMENT = ClockSpec(
    "payment", _("Pay the fine"), days(15), _("the party receiving the decision"),
    Source(f"{APL} Art. 67", Tag.V), holder="party",
)
PUBLICATION = ClockSpec(
    "publication", _("Publish the penalty"), working_days(20), _("the decision"),
    Source("《市场监督管理行政处罚信息公示规定》(SAMR Order 45, in force 2021-09-01) Art. 9", Tag.V),
    effective_from=datetime.date(2021, 9, 1),
)

CLOCKS = (FILING_CHECK, PRESERVATION, LEGAL_REVIEW, STATEMENTS, DECISION, DELIVERY, PAYMENT, PUBLICATION)

OPEN_STAGES = ("clue", "investigation", "legal_review", "notice", "hearing", "deciding", "delivery", "execution")
BEFORE_DECISION = ("investigation", "legal_review", "notice", "hearing", "deciding")

HEARING_DATE = FieldSpec(
    "hearing_date", _("Hearing date"), FieldKind.DATE, notice_before=working_days(7),
    source=Source(f"{APL} Art. 64(2) (七日); 《市场监督管理行政处罚听证办法》 Art. 20 (七个工作日前)", Tag.V),
)
TRANSFER_TO = FieldSpec("transfer_to", _("Transferred to"), FieldKind.CHOICE, choices=(
    ("police", _("Public security (criminal case)")),
    ("other_authority", _("Another competent authority")),
))

PROCEDURE = Procedure(
    code="enforcement",
    label=_("Administrative enforcement"),
    description=_("Market-regulation administrative penalty cases: clue check, filing, investigation, legal "
                  "review, advance notice and hearing, decision, delivery, enforcement, publication, closure."),
    numbering=Numbering("西市监知执", on_filing=True,
                        source=Source("Document numbering of the handling office (local practice)", Tag.M)),
    tracks=("simple", "complex"),
    kinds=(("inspection", _("Found by inspection")), ("report", _("From a report or complaint")),
           ("referral", _("Referred or assigned"))),
    sources=(Source(SAMR_PROC, Tag.V_SEC, "http://tuzhigs.com/art/2024/6/19/art_1229185869_59319681.html"),
             Source(APL, Tag.V)),
    stages=(
        Stage("clue", _("Clue check")),
        Stage("investigation", _("Investigation and evidence")),
        Stage("legal_review", _("Legal review")),
        Stage("notice", _("Advance notice of penalty")),
        Stage("hearing", _("Hearing")),
        Stage("deciding", _("Decision stage")),
        Stage("delivery", _("Delivery")),
        Stage("execution", _("Enforcement")),
        Stage("closed", _("Closed"), terminal=True),
        Stage("not_filed", _("Not filed"), terminal=True),
        Stage("transferred", _("Transferred"), terminal=True),
    ),
    documents=(
        ("filing_approval", _("Filing approval form")),
        ("not_filed_approval", _("Non-filing approval form")),
        ("inspection_record", _("On-site inspection record")),
        ("preservation_notice", _("Notice of pre-registration preservation of evidence")),
        ("preservation_decision", _("Decision on preserved evidence")),
        ("review_opinion", _("Legal review opinion")),
        ("advance_notice", _("Advance notice of administrative penalty")),
        ("hearing_notice", _("Hearing notice")),
        ("hearing_record", _("Hearing record")),
        ("penalty_decision", _("Administrative penalty decision")),
        ("no_penalty_decision", _("Decision not to impose a penalty")),
        ("delivery_receipt", _("Proof of service")),
        ("transfer_letter", _("Transfer letter")),
        ("closing_report", _("Case closing approval form")),
    ),
    outcomes=(
        ("penalty", _("Penalty imposed")),
        ("no_penalty", _("No penalty")),
        ("transferred", _("Transferred")),
        ("not_filed", _("Not filed")),
    ),
    clocks=CLOCKS,
    transitions=(
        Transition("open", _("Register the clue"), (), "clue", OFFICER,
                   effects=(start("filing_check"),)),
        Transition("open_filed", _("Open as a filed case"), (), "investigation", OFFICER,
                   files=True, min_officers=2, effects=(start("decision"),),
                   source_note=Source(f"{SAMR_PROC} Art. 19: at least two officers", Tag.V, BTDSSS)),
        Transition("file", _("File the case"), ("clue",), "investigation", OFFICER,
                   documents=("filing_approval",), files=True, min_officers=2,
                   effects=(stop("filing_check"), start("decision")),
                   source_note=Source(f"{SAMR_PROC} Art. 19: conditions for filing; at least two officers",
                                      Tag.V, BTDSSS)),
        Transition("not_file", _("Decide not to file"), ("clue",), "not_filed", OFFICER,
                   fields=(REASON,), documents=("not_filed_approval",), outcome="not_filed",
                   effects=(stop("filing_check"),),
                   source_note=Source(f"{SAMR_PROC} Art. 20", Tag.V, BTDSSS)),
        Transition("transfer", _("Transfer"), ("clue",) + BEFORE_DECISION, "transferred", OFFICER,
                   fields=(TRANSFER_TO, RECEIVER, REASON), documents=("transfer_letter",), outcome="transferred",
                   effects=(stop("filing_check"), stop("decision"))),
        Transition("preserve_evidence", _("Preserve evidence in advance"), ("investigation",), None, OFFICER,
                   documents=("preservation_notice",), effects=(start("preservation"),)),
        Transition("handle_preserved", _("Decide on preserved evidence"), ("investigation", "legal_review"), None,
                   OFFICER, fields=(RESULT,), documents=("preservation_decision",),
                   effects=(stop("preservation"),)),
        Transition("submit_review", _("Submit for legal review"), ("investigation",), "legal_review", OFFICER,
                   effects=(start("legal_review"),)),
        Transition("return_for_investigation", _("Return for further investigation"), ("legal_review",),
                   "investigation", OFFICER, fields=(REASON,), effects=(stop("legal_review"),)),
        Transition("send_notice", _("Serve the advance notice of penalty"), ("legal_review",), "notice", OFFICER,
                   fields=(SERVED_ON,), documents=("review_opinion", "advance_notice"),
                   effects=(stop("legal_review"), start("statements", from_field="served_on"))),
        Transition("request_hearing", _("Party requests a hearing"), ("notice",), "hearing", OFFICER,
                   effects=(stop("statements"),)),
        Transition("notify_hearing", _("Notify the hearing"), ("hearing",), None, OFFICER,
                   fields=(HEARING_DATE,), documents=("hearing_notice",)),
        Transition("hold_hearing", _("Hold the hearing"), ("hearing",), "deciding", OFFICER,
                   documents=("hearing_record",), not_before_fact="hearing_date"),
        Transition("statements_done", _("Representations and defence heard"), ("notice",), "deciding", OFFICER,
                   fields=(RESULT.optional(),), effects=(stop("statements"),)),
        Transition("decide_penalty", _("Decide to impose a penalty"), ("deciding",), "delivery", OFFICER,
                   fields=(FINE, DECISION_REF), documents=("penalty_decision",), outcome="penalty",
                   effects=(stop("decision"), start("delivery"), start("publication"))),
        Transition("decide_no_penalty", _("Decide not to impose a penalty"), ("deciding",), "delivery", OFFICER,
                   fields=(REASON, DECISION_REF), documents=("no_penalty_decision",), outcome="no_penalty",
                   effects=(stop("decision"), start("delivery"))),
        Transition("deliver", _("Serve the decision"), ("delivery",), "execution", OFFICER,
                   fields=(SERVED_ON,), documents=("delivery_receipt",),
                   effects=(stop("delivery"),
                            start("payment", from_field="served_on", when="has:fine_amount"))),
        Transition("record_payment", _("Record payment or enforcement"), ("execution",), None, OFFICER,
                   fields=(RESULT,), effects=(stop("payment"),)),
        Transition("publish", _("Publish"), ("delivery", "execution"), None, OFFICER,
                   fields=(FieldSpec("url", _("Where published"), FieldKind.TEXT, max_length=300,
                                     required=False),),
                   effects=(stop("publication"),)),
        Transition("close", _("Close the case"), ("execution",), "closed", OFFICER,
                   documents=("closing_report",), requires_stopped=("publication", "payment")),
        pause_step(("clue",) + BEFORE_DECISION, (FILING_CHECK, DECISION), OFFICER),
        resume_step(("clue",) + BEFORE_DECISION, (FILING_CHECK, DECISION), OFFICER),
        extend_step(("clue",) + BEFORE_DECISION, (FILING_CHECK, LEGAL_REVIEW, DECISION), OFFICER),
    ),
)

# The report procedure spawns a filed enforcement case through `open_filed`.
SPAWN_FILED = Spawn("enforcement", entry="open_filed", kind="report")
SPAWN_CLUE = Spawn("enforcement", entry="open", kind="report")
