"""Patent infringement dispute adjudication (专利侵权纠纷行政裁决) under the 2025 CNIPA rule.

《专利纠纷行政裁决和调解办法》, CNIPA Order No. 81, in force 2025-02-01 (domain-rules.md 2a), read
via the IPReader mirror [V]; the hearing-notice practice from the 2019 办案指南 (2c).
The fast track is a target the body sets (the plan's 繁简分流), not a legal limit: the rule has
no simplified procedure.
"""
import datetime

from django.utils.translation import gettext_lazy as _

from zhibao.accounts.roles import Role

from .base import (
    ClockSpec, Extension, FieldKind, FieldSpec, Numbering, Procedure, Source, Stage, Tag, Transition, Variant,
    days, months, start, stop, working_days,
)
from .common import DECISION_REF, REASON, SERVED_ON, extend_step, pause_step, resume_step

OFFICER = (Role.IP_OFFICER,)
RULE = "《专利纠纷行政裁决和调解办法》(CNIPA Order 81, 2025)"
URL = "https://www.cnipa.gov.cn/art/2024/12/30/art_99_196969.html"
IN_FORCE = datetime.date(2025, 2, 1)


def cite(article: str, tag: Tag = Tag.V, note: str = "") -> Source:
    return Source(f"{RULE} {article}", tag, URL, note)


ACCEPTANCE = ClockSpec(
    "acceptance", _("Accept or refuse the request"), working_days(5), _("receiving the request"), cite("Art. 20"),
    extensions=(Extension("complex", _("Complex case, with the head's approval"), working_days(5),
                          (Role.IP_OFFICER,), cite("Art. 20"), when="track=complex"),),
    effective_from=IN_FORCE,
)
SERVICE = ClockSpec(
    "service", _("Serve the request on the respondent"), working_days(5), _("filing"), cite("Art. 22"),
    effective_from=IN_FORCE,
)
DEFENCE = ClockSpec(
    "defence", _("Respondent's defence"), days(15), _("the respondent receiving the request"), cite("Art. 22"),
    holder="party",
    variants=(Variant("abroad", "respondent_abroad", days(30), cite("Art. 22: no fixed domicile in the PRC"),
                      _("Respondent without a domicile in the PRC")),),
    extensions=(Extension("panel", _("Extension granted by the collegial panel (date set)"), None,
                          (Role.IP_OFFICER,), cite("Art. 22: the panel decides on extension requests"),
                          max_count=None),),
    effective_from=IN_FORCE,
)
FORWARD_DEFENCE = ClockSpec(
    "forward_defence", _("Forward the defence to the requester"), working_days(5), _("receiving the defence"),
    cite("Art. 22"), effective_from=IN_FORCE,
)
EVIDENCE = ClockSpec(
    "evidence", _("Evidence period"), None, _("the notice setting the evidence period"), cite("Art. 54"),
    holder="party", set_by="evidence_until", minimum=days(15),
    extensions=(Extension("party_request", _("Extended at a party's request (date set)"), None,
                          (Role.IP_OFFICER,), cite("Art. 54"), max_count=None),),
    effective_from=IN_FORCE,
)
DECISION = ClockSpec(
    "decision", _("Conclude the case"), months(3), _("filing"), cite("Art. 37"),
    pause_reasons=("suspension", "public_notice", "testing", "appraisal", "jurisdiction_objection",
                   "evidence_extension", "settlement"),
    extensions=(
        Extension("head", _("Head's approval"), months(1), (Role.IP_OFFICER,), cite("Art. 37")),
        Extension("higher_office", _("Approval of the next-level-up patent administration"), months(2),
                  (Role.IP_OFFICER,), cite("Art. 37"), after="head"),
    ),
    effective_from=IN_FORCE,
)
FAST_TARGET = ClockSpec(
    "fast_target", _("Fast-track target"), months(1), _("filing"),
    Source("Target set by the handling body for simple cases (繁简分流); not in the 2025 rule. "
           "Some provinces use about one month for simple cases", Tag.M),
    legal=False, by_body=True, effective_from=IN_FORCE,
)
PUBLICATION = ClockSpec(
    "publication", _("Publish the decision"), working_days(20), _("the decision"), cite("Art. 83"),
    effective_from=IN_FORCE,
)
CLOCKS = (ACCEPTANCE, SERVICE, DEFENCE, FORWARD_DEFENCE, EVIDENCE, DECISION, FAST_TARGET, PUBLICATION)

ACCEPTED = ("service", "defence", "trial", "hearing")
HEARING_DATE = FieldSpec(
    "hearing_date", _("Oral hearing date"), FieldKind.DATE, notice_before=working_days(3),
    source=Source(f"{RULE} Art. 26; 《专利侵权纠纷行政裁决办案指南》(2019) ch. 2 §3", Tag.V, URL),
)
DECISION_OUTCOME = FieldSpec("outcome", _("Decision"), FieldKind.CHOICE, choices=(
    ("infringement", _("Infringement found: ordered to stop")),
    ("no_infringement", _("No infringement: request dismissed")),
))
PANEL = FieldSpec("panel_size", _("Officers on the collegial panel"), FieldKind.INT, min_value=3, max_value=99, odd=True,
                  source=cite("Art. 20: at least three, an odd number"))
TRACK = FieldSpec("track", _("Track"), FieldKind.CHOICE, choices=(
    ("simple", _("Simple")), ("complex", _("Complex")), ("fast", _("Fast track"))))
WITHDRAW_REASON = FieldSpec("withdraw_reason", _("Ground for withdrawal"), FieldKind.CHOICE, choices=(
    ("request_withdrawn", _("The requester withdrew the request")),
    ("conditions_not_met", _("The filing conditions are not met")),
    ("settled", _("The parties settled")),
    ("no_successor", _("A party died or was deregistered with no successor")),
    ("time_barred", _("Time-limit defence upheld (Art. 19)")),
))

PROCEDURE = Procedure(
    code="adjudication",
    label=_("Patent infringement adjudication"),
    description=_("Administrative adjudication of patent infringement disputes under the 2025 CNIPA rule: "
                  "request, acceptance, service, defence, technical investigation, evidence, oral hearing, "
                  "decision (also announced at the end of the hearing), mediation or withdrawal."),
    numbering=Numbering("西知裁", on_filing=True,
                        source=Source("Document numbering of the handling office (local practice)", Tag.M)),
    tracks=("simple", "complex", "fast"),
    sources=(Source(RULE, Tag.V, URL),
             Source("《专利侵权纠纷行政裁决办案指南》(国知发保字〔2019〕57号)", Tag.V,
                    "https://amr.sz.gov.cn/attachment/0/944/944914/9541073.pdf")),
    stages=(
        Stage("received", _("Request received")),
        Stage("service", _("Service on the respondent")),
        Stage("defence", _("Defence period")),
        Stage("trial", _("Examination")),
        Stage("hearing", _("Oral hearing")),
        Stage("decided", _("Decided")),
        Stage("closed", _("Closed"), terminal=True),
        Stage("refused", _("Refused"), terminal=True),
    ),
    documents=(
        ("acceptance_notice", _("Acceptance notice")),
        ("refusal_notice", _("Notice of refusal")),
        ("defence_notice", _("Defence notice")),
        ("hearing_notice", _("Oral hearing notice")),
        ("hearing_record", _("Oral hearing record")),
        ("technical_opinion", _("Technical investigation opinion")),
        ("adjudication_decision", _("Adjudication decision")),
        ("mediation_agreement", _("Mediation agreement")),
        ("withdrawal_approval", _("Case withdrawal approval form")),
    ),
    outcomes=(
        ("infringement", _("Infringement found")),
        ("no_infringement", _("No infringement")),
        ("mediated", _("Mediation agreement")),
        ("withdrawn", _("Withdrawn")),
        ("refused", _("Refused")),
    ),
    clocks=CLOCKS,
    transitions=(
        Transition("open", _("Receive the request"), (), "received",
                   (Role.IP_OFFICER, Role.CENTRE_OFFICER, Role.ENTERPRISE),
                   requires_parties=("requester", "respondent"), effects=(start("acceptance"),)),
        Transition("triage", _("Decide the track"), ("received",), None, OFFICER,
                   fields=(TRACK, REASON), sets=(("track", "track"),)),
        Transition("accept", _("Accept and file"), ("received",), "service", OFFICER,
                   fields=(PANEL,), documents=("acceptance_notice",), files=True,
                   effects=(stop("acceptance"), start("service"), start("decision"),
                            start("fast_target", when="track=fast"))),
        Transition("refuse", _("Refuse the request"), ("received",), "refused", OFFICER,
                   fields=(REASON,), documents=("refusal_notice",), outcome="refused",
                   effects=(stop("acceptance"),)),
        Transition("serve", _("Serve the request on the respondent"), ("service",), "defence", OFFICER,
                   fields=(SERVED_ON,), documents=("defence_notice",),
                   effects=(stop("service"), start("defence", from_field="served_on"))),
        Transition("receive_defence", _("Receive the defence"), ("defence",), "trial", OFFICER,
                   effects=(stop("defence"), start("forward_defence"))),
        Transition("defence_lapsed", _("Defence period over without a defence"), ("defence",), "trial", OFFICER,
                   requires_expired=("defence",), effects=(stop("defence"),),
                   source_note=cite("Art. 22: a late or missing defence does not stop the case")),
        Transition("forward_defence", _("Forward the defence to the requester"), ("trial", "hearing"), None,
                   OFFICER, effects=(stop("forward_defence"),)),
        Transition("assign_investigator", _("Assign a technical investigator"), ("trial", "hearing"), None,
                   OFFICER, fields=(FieldSpec("investigator", _("Technical investigator"), FieldKind.TEXT,
                                              max_length=100),)),
        Transition("technical_opinion", _("Submit the technical opinion"), ("trial", "hearing"), None,
                   (Role.EXPERT, Role.IP_OFFICER), documents=("technical_opinion",)),
        Transition("set_evidence_period", _("Set the evidence period"), ("trial",), None, OFFICER,
                   fields=(FieldSpec("evidence_until", _("Evidence due by"), FieldKind.DATE,
                                     min_after_event=days(15), source=cite("Art. 54")),),
                   effects=(start("evidence"),)),
        Transition("close_evidence", _("Close the evidence period"), ("trial", "hearing"), None, OFFICER,
                   effects=(stop("evidence"),)),
        Transition("notify_hearing", _("Notify the oral hearing"), ("trial",), "hearing", OFFICER,
                   fields=(HEARING_DATE,), documents=("hearing_notice",)),
        Transition("hold_hearing", _("Hold the oral hearing"), ("hearing",), "trial", OFFICER,
                   documents=("hearing_record",), not_before_fact="hearing_date"),
        Transition("announce_at_hearing", _("Announce the decision at the hearing"), ("hearing",), "decided",
                   OFFICER, fields=(DECISION_OUTCOME, DECISION_REF),
                   documents=("hearing_record", "adjudication_decision"), not_before_fact="hearing_date",
                   effects=(stop("decision"), stop("fast_target"), stop("evidence"), start("publication"))),
        Transition("decide", _("Decide"), ("trial",), "decided", OFFICER,
                   fields=(DECISION_OUTCOME, DECISION_REF), documents=("adjudication_decision",),
                   effects=(stop("decision"), stop("fast_target"), stop("evidence"), start("publication"))),
        Transition("mediate", _("Close by mediation agreement"), ACCEPTED, "closed", OFFICER,
                   documents=("mediation_agreement",), outcome="mediated",
                   effects=(stop("decision"), stop("fast_target")),
                   source_note=cite("Arts. 30, 35, 36")),
        Transition("withdraw", _("Withdraw the case"), ACCEPTED, "closed", OFFICER,
                   fields=(WITHDRAW_REASON, REASON.optional()), documents=("withdrawal_approval",),
                   outcome="withdrawn", effects=(stop("decision"), stop("fast_target")),
                   source_note=Source("《专利侵权纠纷行政裁决办案指南》(2019) ch. 2 §3-三; " + RULE + " Art. 19",
                                      Tag.V)),
        Transition("publish", _("Publish the decision"), ("decided",), None, OFFICER,
                   effects=(stop("publication"),)),
        Transition("close", _("Close the case"), ("decided",), "closed", OFFICER,
                   requires_stopped=("publication",)),
        pause_step(ACCEPTED, (DECISION,), OFFICER),
        resume_step(ACCEPTED, (DECISION,), OFFICER),
        extend_step(("received",) + ACCEPTED, (ACCEPTANCE, DEFENCE, EVIDENCE, DECISION), OFFICER),
    ),
)
