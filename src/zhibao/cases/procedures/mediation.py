"""Mediation of every kind, the agreement, and judicial confirmation (domain-rules.md 3 and 4).

Complaint mediation ends at 45 working days (《市场监督管理投诉举报处理暂行办法》 Art. 21(5)).
People's mediation has no statutory limit; "usually settled within a month" is practice and
is shown as a target, not a legal limit. The parties' 30 days to apply for judicial
confirmation and the court's 3 + 15 (+10) days are legal limits.
"""
from django.utils.translation import gettext_lazy as _

from zhibao.accounts.roles import Role

from .base import (
    ClockSpec, Extension, FieldKind, FieldSpec, Numbering, Procedure, Source, Stage, Tag, Transition, days, start,
    stop, working_days,
)
from .common import CPL, REASON, RECEIVER, extend_step, pause_step, resume_step

COMPLAINTS = "《市场监督管理投诉举报处理暂行办法》(SAMR Order 20, amended 2022)"
COMPLAINTS_URL = "LawRefBook/Laws 部门规章/市场监督管理总局/市场监督管理投诉举报处理暂行办法(2022-03-24).md"
SPC_2011 = "《最高人民法院关于人民调解协议司法确认程序的若干规定》(2011)"
MEDIATORS = (Role.MEDIATOR, Role.IP_OFFICER, Role.CENTRE_OFFICER)
COURT = (Role.LIAISON,)

COMPLAINT_MEDIATION = ClockSpec(
    "complaint_mediation", _("Complaint mediation"), working_days(45), _("accepting the complaint"),
    Source(f"{COMPLAINTS} Art. 21(5): mediation ends without agreement within 45 working days", Tag.V,
           COMPLAINTS_URL),
    pause_reasons=("testing", "inspection", "appraisal"),
)
TERMINATION_NOTICE = ClockSpec(
    "termination_notice", _("Tell the parties mediation ended"), working_days(7), _("the termination decision"),
    Source(f"{COMPLAINTS} Art. 21 para. 2", Tag.V, COMPLAINTS_URL),
)
PEOPLE_TARGET = ClockSpec(
    "people_target", _("Mediation target"), days(30), _("accepting the dispute"),
    Source("《人民调解工作若干规定》(Ministry of Justice Order 75, 2002): 一般在一个月内调结 "
           "(practice; article number unverified). No statutory limit.", Tag.M),
    legal=False, by_body=True,
)
CONFIRMATION_APPLICATION = ClockSpec(
    "confirmation_application", _("Apply for judicial confirmation"), days(30), _("the agreement taking effect"),
    Source(f"{CPL} Art. 205; 《人民调解法》 Art. 33", Tag.V),
    holder="party",
)
COURT_ACCEPTANCE = ClockSpec(
    "court_acceptance", _("Court decides on acceptance"), days(3), _("the application"),
    Source(f"{SPC_2011} Art. 4", Tag.V, note="check against the current 民诉法解释 Arts. 351 onward [M]"),
    holder="court",
)
COURT_RULING = ClockSpec(
    "court_ruling", _("Court decides on confirmation"), days(15), _("acceptance of the application"),
    Source(f"{SPC_2011} Art. 5", Tag.V, note="check against the current 民诉法解释 Arts. 351 onward [M]"),
    holder="court",
    extensions=(Extension("president", _("Court president's approval"), days(10), (Role.LIAISON,),
                          Source(f"{SPC_2011} Art. 5", Tag.V)),),
)
CLOCKS = (COMPLAINT_MEDIATION, TERMINATION_NOTICE, PEOPLE_TARGET, CONFIRMATION_APPLICATION, COURT_ACCEPTANCE,
          COURT_RULING)

KINDS = (
    ("people", _("People's mediation")),
    ("administrative", _("Administrative mediation")),
    ("court_entrusted", _("Court-entrusted mediation")),
    ("industry", _("Industry mediation")),
    ("pre_litigation", _("Pre-litigation mediation")),
    ("complaint", _("Complaint mediation")),
)

PROCEDURE = Procedure(
    code="mediation",
    label=_("Mediation"),
    description=_("People's, administrative, court-entrusted, industry, pre-litigation and complaint mediation; "
                  "the agreement, and judicial confirmation of it."),
    numbering=Numbering("西知调", source=Source("Numbering of the mediation body (local practice)", Tag.M)),
    kinds=KINDS,
    sources=(Source("《人民调解法》(2010)", Tag.V), Source(COMPLAINTS, Tag.V, COMPLAINTS_URL),
             Source("《民事诉讼法》(2023) Art. 205", Tag.V), Source(SPC_2011, Tag.V)),
    stages=(
        Stage("applied", _("Application received")),
        Stage("mediating", _("Mediation")),
        Stage("agreement", _("Agreement reached")),
        Stage("confirmation", _("Judicial confirmation")),
        Stage("terminated", _("Mediation ended")),
        Stage("closed", _("Closed"), terminal=True),
    ),
    documents=(
        ("mediation_agreement", _("Mediation agreement")),
        ("termination_notice", _("Notice that mediation ended")),
        ("confirmation_application", _("Application for judicial confirmation")),
        ("confirmation_ruling", _("Court ruling on confirmation")),
    ),
    outcomes=(
        ("refused", _("Not accepted")),
        ("agreement", _("Agreement performed")),
        ("confirmed", _("Agreement confirmed by the court")),
        ("confirmation_rejected", _("Confirmation rejected")),
        ("failed", _("No agreement")),
        ("arbitration", _("Referred to arbitration")),
        ("litigation", _("Referred to litigation")),
    ),
    clocks=CLOCKS,
    transitions=(
        Transition("open", _("Receive the application"), (), "applied",
                   MEDIATORS + (Role.LIAISON, Role.WORKSTATION, Role.ENTERPRISE)),
        Transition("open_complaint", _("Mediate an accepted complaint"), (), "mediating", MEDIATORS,
                   when="kind=complaint",
                   effects=(start("complaint_mediation", from_field="complaint_accepted_on"),)),
        Transition("accept", _("Accept for mediation"), ("applied",), "mediating", MEDIATORS, files=True,
                   effects=(start("complaint_mediation", when="kind=complaint"),
                            start("people_target", when="kind=people"))),
        Transition("refuse", _("Do not accept"), ("applied",), "closed", MEDIATORS, fields=(REASON,),
                   outcome="refused"),
        Transition("reach_agreement", _("Reach a mediation agreement"), ("mediating",), "agreement", MEDIATORS,
                   fields=(FieldSpec("agreement_effective_on", _("Agreement effective on"), FieldKind.DATE,
                                     not_after_event=True),),
                   documents=("mediation_agreement",),
                   effects=(stop("complaint_mediation"), stop("people_target"),
                            start("confirmation_application", from_field="agreement_effective_on"))),
        Transition("terminate", _("End mediation without agreement"), ("mediating",), "terminated", MEDIATORS,
                   fields=(REASON,),
                   effects=(stop("complaint_mediation"), stop("people_target"),
                            start("termination_notice", when="kind=complaint"))),
        Transition("notify_end", _("Tell the parties mediation ended"), ("terminated",), "closed", MEDIATORS,
                   documents=("termination_notice",), outcome="failed", effects=(stop("termination_notice"),)),
        Transition("refer_arbitration", _("Refer to arbitration"), ("mediating", "terminated"), "closed",
                   MEDIATORS, fields=(RECEIVER,), outcome="arbitration",
                   effects=(stop("complaint_mediation"), stop("people_target"), stop("termination_notice"))),
        Transition("refer_litigation", _("Refer to litigation"), ("mediating", "terminated"), "closed",
                   MEDIATORS, fields=(RECEIVER,), outcome="litigation",
                   effects=(stop("complaint_mediation"), stop("people_target"), stop("termination_notice"))),
        Transition("apply_confirmation", _("Apply for judicial confirmation"), ("agreement",), "confirmation",
                   MEDIATORS + COURT, fields=(FieldSpec("court", _("Court"), FieldKind.TEXT, max_length=150),),
                   documents=("confirmation_application",),
                   effects=(stop("confirmation_application"), start("court_acceptance"))),
        Transition("court_accept", _("Court accepts the application"), ("confirmation",), None, COURT + MEDIATORS,
                   effects=(stop("court_acceptance"), start("court_ruling"))),
        Transition("confirm", _("Court confirms the agreement"), ("confirmation",), "closed", COURT + MEDIATORS,
                   documents=("confirmation_ruling",), outcome="confirmed",
                   effects=(stop("court_acceptance"), stop("court_ruling"))),
        Transition("reject_confirmation", _("Court rejects the application"), ("confirmation",), "closed",
                   COURT + MEDIATORS, fields=(REASON,), documents=("confirmation_ruling",),
                   outcome="confirmation_rejected", effects=(stop("court_acceptance"), stop("court_ruling"))),
        Transition("close_performed", _("Close: agreement performed without confirmation"), ("agreement",),
                   "closed", MEDIATORS, outcome="agreement", effects=(stop("confirmation_application"),)),
        pause_step(("mediating",), (COMPLAINT_MEDIATION,), MEDIATORS),
        resume_step(("mediating",), (COMPLAINT_MEDIATION,), MEDIATORS),
        extend_step(("confirmation",), (COURT_RULING,), COURT + MEDIATORS),
    ),
)
