"""Reports (举报) and complaints (投诉): intake with a tracking number and check code, and the
statutory reply deadlines of 《市场监督管理投诉举报处理暂行办法》 (SAMR Order 20, amended 2022), which
IP administrations apply too (Art. 38 para. 3) [V]; domain-rules.md 3.

A report is a clue: checked within 15 working days (+15) under the penalty procedure, and a
named reporter is told within 5 working days of the filing decision. Filing spawns a filed
enforcement case. A complaint is accepted or refused within 7 working days; accepted, it goes
to complaint mediation (a linked mediation case) or becomes a clue.
"""
from django.utils.translation import gettext_lazy as _

from zhibao.accounts.roles import Role

from .base import (
    PUBLIC, ClockSpec, Extension, FieldKind, FieldSpec, Numbering, Procedure, Source, Spawn, Stage, Tag,
    Transition, start, stop, working_days,
)
from .common import REASON, RECEIVER, RESULT, SAMR_PROC, extend_step, pause_step, resume_step

RULE = "《市场监督管理投诉举报处理暂行办法》(SAMR Order 20, amended 2022)"
URL = "LawRefBook/Laws 部门规章/市场监督管理总局/市场监督管理投诉举报处理暂行办法(2022-03-24).md"
OFFICER = (Role.IP_OFFICER,)
INTAKE = (Role.IP_OFFICER, Role.CENTRE_OFFICER, Role.WORKSTATION)


def cite(article: str) -> Source:
    return Source(f"{RULE} {article}", Tag.V, URL)


CHECK = ClockSpec(
    "check", _("Check the report and decide whether to file"), working_days(15), _("receiving the report"),
    Source(f"{RULE} Art. 31 para. 1; {SAMR_PROC} Art. 18", Tag.V, URL),
    pause_reasons=("testing", "inspection", "quarantine", "appraisal", "identification"),
    extensions=(Extension("head", _("Department head's approval"), working_days(15), OFFICER,
                          Source(f"{SAMR_PROC} Art. 18", Tag.V,
                                 "https://www.btdsss.gov.cn/c/2025-05-14/912884.shtml")),),
)
REPORTER_NOTICE = ClockSpec(
    "reporter_notice", _("Tell the named reporter"), working_days(5), _("the filing decision"),
    cite("Art. 31 para. 2"),
)
ACCEPTANCE = ClockSpec(
    "acceptance", _("Accept or refuse the complaint and tell the complainant"), working_days(7),
    _("receiving the complaint"), cite("Art. 14"),
)

ROUTE = Transition(
    "route", _("Route to the competent body"), ("received",), None, INTAKE,
    fields=(FieldSpec("handling_org", _("Handling body"), FieldKind.ORGANIZATION),
            FieldSpec("track", _("Track"), FieldKind.CHOICE, required=False,
                      choices=(("simple", _("Simple")), ("complex", _("Complex")))),
            REASON),
    sets=(("handling_org", "handling_org"), ("track", "track")),
)

REPORT = Procedure(
    code="report",
    label=_("Report"),
    description=_("Reports of infringement by anyone, named or anonymous: check, filing decision, telling a "
                  "named reporter."),
    numbering=Numbering("西知举", source=Source("Tracking number format (platform choice)", Tag.M)),
    kinds=(("named", _("Named reporter")), ("anonymous", _("Anonymous"))),
    tracks=("simple", "complex"),
    check_code=True,
    sources=(Source(RULE, Tag.V, URL),),
    stages=(
        Stage("received", _("Check")),
        Stage("informing", _("Reply to the reporter")),
        Stage("closed", _("Closed"), terminal=True),
    ),
    documents=(("filing_approval", _("Filing approval form")), ("reply", _("Reply to the reporter"))),
    outcomes=(("filed", _("Case filed")), ("not_filed", _("Not filed")), ("transferred", _("Transferred"))),
    clocks=(CHECK, REPORTER_NOTICE),
    transitions=(
        Transition("open", _("Receive the report"), (), "received", INTAKE + (Role.ENTERPRISE, PUBLIC),
                   effects=(start("check"),)),
        ROUTE,
        Transition("decide_file", _("Decide to file a case"), ("received",), "informing", OFFICER,
                   documents=("filing_approval",), outcome="filed",
                   spawn=Spawn("enforcement", entry="open_filed", kind="report"),
                   effects=(stop("check"), start("reporter_notice", when="kind=named"))),
        Transition("decide_not_file", _("Decide not to file"), ("received",), "informing", OFFICER,
                   fields=(REASON,), outcome="not_filed",
                   effects=(stop("check"), start("reporter_notice", when="kind=named"))),
        Transition("transfer", _("Transfer to the competent body"), ("received",), "closed", OFFICER,
                   fields=(RECEIVER, REASON), outcome="transferred", effects=(stop("check"),)),
        Transition("inform_reporter", _("Tell the reporter"), ("informing",), "closed", OFFICER,
                   documents=("reply",), when="kind=named", effects=(stop("reporter_notice"),)),
        Transition("close", _("Close (anonymous report)"), ("informing",), "closed", OFFICER,
                   when="kind=anonymous"),
        pause_step(("received",), (CHECK,), OFFICER),
        resume_step(("received",), (CHECK,), OFFICER),
        extend_step(("received",), (CHECK,), OFFICER),
    ),
)

REFUSAL_GROUND = FieldSpec("ground", _("Ground for refusal"), FieldKind.CHOICE, choices=(
    ("outside_remit", _("Outside the department's remit or jurisdiction")),
    ("handled_elsewhere", _("Already handled by a court, arbitration body, agency or association")),
    ("not_consumption", _("Not consumption for daily life")),
    ("time_barred", _("More than three years since the complainant knew of the harm")),
    ("materials_missing", _("Materials missing")),
), source=cite("Art. 15"))

COMPLAINT = Procedure(
    code="complaint",
    label=_("Complaint"),
    description=_("Complaints by an affected party (never anonymous): accept or refuse within 7 working days, "
                  "then mediation or handling as a clue."),
    numbering=Numbering("西知投", source=Source("Tracking number format (platform choice)", Tag.M)),
    check_code=True,
    tracks=("simple", "complex"),
    sources=(Source(RULE, Tag.V, URL),),
    stages=(
        Stage("received", _("Acceptance check")),
        Stage("handling", _("Being handled")),
        Stage("closed", _("Closed"), terminal=True),
    ),
    outcomes=(("refused", _("Not accepted")), ("mediation", _("Referred to mediation")),
              ("clue", _("Handled as a clue")), ("resolved", _("Resolved"))),
    clocks=(ACCEPTANCE,),
    transitions=(
        Transition("open", _("Receive the complaint"), (), "received", INTAKE + (Role.ENTERPRISE, PUBLIC),
                   requires_parties=("complainant", "respondent"), effects=(start("acceptance"),)),
        ROUTE,
        Transition("accept", _("Accept the complaint"), ("received",), "handling", OFFICER, files=True,
                   effects=(stop("acceptance"),)),
        Transition("refuse", _("Refuse the complaint"), ("received",), "closed", OFFICER,
                   fields=(REFUSAL_GROUND, REASON.optional()), outcome="refused", effects=(stop("acceptance"),)),
        Transition("refer_mediation", _("Refer to complaint mediation"), ("handling",), "closed", OFFICER,
                   outcome="mediation",
                   spawn=Spawn("mediation", entry="open_complaint", kind="complaint",
                               facts=(("complaint_accepted_on", "filed_on"),)),
                   source_note=cite("Arts. 16–21")),
        Transition("transfer_clue", _("Handle as a clue of a violation"), ("handling",), "closed", OFFICER,
                   outcome="clue", spawn=Spawn("enforcement", entry="open", kind="report"),
                   source_note=cite("Art. 23")),
        Transition("close", _("Close as resolved"), ("handling",), "closed", OFFICER, fields=(RESULT,),
                   outcome="resolved"),
    ),
)
