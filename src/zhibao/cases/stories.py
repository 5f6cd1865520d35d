"""What happens to one demo case, procedure by procedure (see demo.py).

A story opens a case in a Book (bulk.py) on its received day and takes the procedure's steps
one after another. Each step is dated some days after the previous one; when that day falls
after the demo date the story stops (`Later`) and the case waits at its stage. The day of a
step that a time limit governs is drawn before the limit's due date, or after it with a small
probability (`Plot.by`), so that most limits are met and a few are not. Cases opened by a step
(a filed report, a complaint sent to mediation) get their own story from that day.

Only steps the engine would accept are taken, with the fields and documents it requires.
"""
from __future__ import annotations

import datetime

from zhibao.calendar.limits import Rule, Unit, compute_deadline

from .engine import _CODE_ALPHABET

DAY = datetime.timedelta(days=1)
FAMOUS_MARKS = ("冰峰", "老孙家", "西凤酒", "德发长", "同盛祥", "西安饭庄", "贾三灌汤包", "樊记腊汁肉夹馍",
                "春发生", "秦镇米皮", "白水杜康", "太白酒")
GOODS = ("白酒", "汽水", "食品", "调味品", "服装", "箱包", "电子配件", "茶叶", "化妆品", "建材")
WHAT = {"trademark": "注册商标专用权", "invention": "发明专利权", "utility": "实用新型专利权", "design": "外观设计专利权",
        "copyright": "著作权", "gi": "地理标志", "famous": "注册商标专用权"}
FINES = (5_000, 10_000, 20_000, 30_000, 50_000, 80_000, 100_000, 150_000, 200_000)
APPROVAL = {"approved_by": "局长", "approval_ref": "延期审批表"}
COURT_APPROVAL = {"approved_by": "院长", "approval_ref": "延长审限审批表"}
ON = object()   # in step data: the day of the step


class Later(Exception):
    """The next step would fall after the demo date: the case waits where it is."""


def after_working_days(day: datetime.date, n: int) -> datetime.date:
    """The first day after n working days from `day` (a hearing notified at least n working days before)."""
    return compute_deadline(day, Rule(Unit.WORKING_DAYS, n), explain=False).nominal + DAY


class Plot:
    """One case being told: its draft, the officer who takes its steps, the demo date."""

    def __init__(self, book, cast, rng, draft, actor: int, as_of: datetime.date):
        self.book, self.cast, self.rng, self.draft, self.actor, self.as_of = book, cast, rng, draft, actor, as_of

    def go(self, code: str, days: int = 0, data: dict | None = None, docs: tuple[str, ...] = ()) -> datetime.date:
        day = self.draft.last_at + DAY * max(0, days)
        if day > self.as_of:
            raise Later
        data = {k: (day.isoformat() if v is ON else v(day).isoformat() if callable(v) else v)
                for k, v in (data or {}).items()}
        self.book.apply(self.draft, code, day, self.actor, data, docs)
        return day

    def by(self, clock: str, late: float = 0.04, early: float = 0.3) -> int:
        """Days from the last step to a day before `clock` is due, or after it with probability `late`."""
        due = self.draft.due(clock)
        if due is None:
            return self.rng.randint(1, 10)
        span = max(0, (due - self.draft.last_at).days)
        if self.rng.random() < late:
            return span + self.rng.randint(1, 30)
        return self.rng.randint(int(span * early), span)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def follow(self, story, child) -> None:
        """Tell the story of a case this one opened, from the day it was opened."""
        try:
            story(Plot(self.book, self.cast, self.rng, child, self.actor, self.as_of))
        except Later:
            pass


# ------------------------------------------------------------------ the procedures

def report(p: Plot) -> None:
    named = p.draft.case.kind == "named"
    if p.chance(0.05):
        p.go("extend", p.by("check", 0, 0.5), {"clock": "check", "extension": "head", **APPROVAL})
    r = p.rng.random()
    if r < 0.35:
        p.go("decide_file", p.by("check"), docs=("filing_approval",))
        p.follow(enforcement_investigation, p.draft.children[-1])
    elif r < 0.92:
        p.go("decide_not_file", p.by("check"), {"reason": "经核查，未发现违法事实"})
    else:
        p.go("transfer", p.by("check"), {"receiver": "西安市公安局", "reason": "涉嫌犯罪，移送公安机关"})
        return
    if named:
        p.go("inform_reporter", p.by("reporter_notice", 0.03), docs=("reply",))
    else:
        p.go("close", p.rng.randint(0, 3))


def complaint(p: Plot) -> None:
    if p.chance(0.12):
        p.go("refuse", p.by("acceptance"), {"ground": p.rng.choice(("outside_remit", "handled_elsewhere",
                                                                     "materials_missing"))})
        return
    p.go("accept", p.by("acceptance", 0.03))
    r = p.rng.random()
    if r < 0.3:
        p.go("refer_mediation", p.rng.randint(1, 5))
        p.follow(mediation_talks, p.draft.children[-1])
    elif r < 0.45:
        p.go("transfer_clue", p.rng.randint(2, 10))
        p.follow(enforcement, p.draft.children[-1])
    else:
        p.go("close", p.rng.randint(5, 30), {"result": "经调查核实，被投诉人已停止销售并下架涉嫌侵权商品"})


def enforcement(p: Plot) -> None:
    r = p.rng.random()
    if r < 0.14:
        p.go("not_file", p.by("filing_check"), {"reason": "违法事实不成立"}, docs=("not_filed_approval",))
        return
    if r < 0.17:
        p.go("transfer", p.by("filing_check"), {"transfer_to": "police", "receiver": "西安市公安局",
                                                "reason": "涉案金额较大，涉嫌犯罪"}, docs=("transfer_letter",))
        return
    p.go("file", p.by("filing_check"), docs=("filing_approval",))
    enforcement_investigation(p)


def enforcement_investigation(p: Plot) -> None:
    if p.chance(0.25):
        p.go("preserve_evidence", p.rng.randint(1, 10), docs=("preservation_notice",))
        p.go("handle_preserved", p.by("preservation", 0.02), {"result": "解除先行登记保存"},
             docs=("preservation_decision",))
    if p.chance(0.14):
        p.go("pause", p.by("decision", 0, 0.05) // 2, {"clock": "decision",
                                                         "pause_reason": p.rng.choice(("appraisal", "testing"))})
        p.go("resume", p.rng.randint(10, 45), {"clock": "decision"})
    if p.chance(0.04):
        p.go("transfer", p.rng.randint(5, 30), {"transfer_to": "police", "receiver": "西安市公安局",
                                                "reason": "涉嫌犯罪"}, docs=("transfer_letter",))
        return
    if p.chance(0.06):
        p.go("extend", p.by("decision", 0, 0.5), {"clock": "decision", "extension": "head", **APPROVAL})
    p.go("submit_review", int(p.by("decision", 0, 0.4) * 0.6))
    p.go("send_notice", p.by("legal_review", 0.02), {"served_on": ON}, docs=("review_opinion", "advance_notice"))
    if p.chance(0.1):
        p.go("request_hearing", p.by("statements", 0))
        p.go("notify_hearing", p.rng.randint(1, 3), {"hearing_date": lambda d: after_working_days(d, 7)},
             docs=("hearing_notice",))
        hearing = datetime.date.fromisoformat(p.draft.case.facts["hearing_date"])
        p.go("hold_hearing", (hearing - p.draft.last_at).days + p.rng.randint(0, 2), docs=("hearing_record",))
    else:
        p.go("statements_done", p.by("statements", 0.02))
    if p.chance(0.85):
        fined = True
        p.go("decide_penalty", p.by("decision"), {"fine_amount": f"{p.rng.choice(FINES)}.00"},
             docs=("penalty_decision",))
    else:
        fined = False
        p.go("decide_no_penalty", p.by("decision"), {"reason": "违法行为轻微并及时改正，没有造成危害后果"},
             docs=("no_penalty_decision",))
    p.go("deliver", p.by("delivery", 0.02), {"served_on": ON}, docs=("delivery_receipt",))
    if fined:
        p.go("publish", p.by("publication", 0.03))
        p.go("record_payment", p.by("payment", 0.05), {"result": "当事人已缴纳罚款"})
    p.go("close", p.rng.randint(1, 12), docs=("closing_report",))


def adjudication(p: Plot) -> None:
    if p.chance(0.3):
        p.go("triage", p.rng.randint(0, 2), {"track": p.rng.choice(("simple", "complex", "fast")),
                                              "reason": "根据案情繁简分流"})
    if p.chance(0.08):
        p.go("refuse", p.by("acceptance"), {"reason": "不符合受理条件"}, docs=("refusal_notice",))
        return
    p.go("accept", p.by("acceptance", 0.03), {"panel_size": 3}, docs=("acceptance_notice",))
    fast = p.draft.case.track == "fast"
    p.go("serve", p.by("service", 0.02), {"served_on": ON}, docs=("defence_notice",))
    if p.chance(0.8):
        p.go("receive_defence", p.rng.randint(3, 8) if fast else p.by("defence", 0, 0.4))
        p.go("forward_defence", p.by("forward_defence", 0.02, 0.0))
    else:
        p.go("defence_lapsed", (p.draft.due("defence") - p.draft.last_at).days + p.rng.randint(1, 3))
    if p.chance(0.1):
        p.go("mediate", p.rng.randint(5, 20), docs=("mediation_agreement",))
        return
    if p.chance(0.05):
        p.go("withdraw", p.rng.randint(5, 20), {"withdraw_reason": "request_withdrawn"}, docs=("withdrawal_approval",))
        return
    if not fast and p.chance(0.5):
        p.go("assign_investigator", p.rng.randint(1, 5), {"investigator": "技术调查官"})
        p.go("technical_opinion", p.rng.randint(7, 20), docs=("technical_opinion",))
    if not fast and p.chance(0.08):
        p.go("pause", p.by("decision", 0, 0.05) // 2, {"clock": "decision", "pause_reason": "appraisal"})
        p.go("resume", p.rng.randint(15, 40), {"clock": "decision"})
    if not fast and p.chance(0.05):
        p.go("extend", p.by("decision", 0, 0.5), {"clock": "decision", "extension": "head", **APPROVAL})
    p.go("notify_hearing", p.rng.randint(0, 3) if fast else p.by("decision", 0, 0.2) // 3,
         {"hearing_date": lambda d: after_working_days(d, 3)}, docs=("hearing_notice",))
    hearing = (datetime.date.fromisoformat(p.draft.case.facts["hearing_date"]) - p.draft.last_at).days
    outcome = {"outcome": "infringement" if p.chance(0.75) else "no_infringement"}
    if fast or p.chance(0.2):
        p.go("announce_at_hearing", hearing, outcome, docs=("hearing_record", "adjudication_decision"))
    else:
        p.go("hold_hearing", hearing, docs=("hearing_record",))
        p.go("decide", p.by("decision"), outcome, docs=("adjudication_decision",))
    p.go("publish", p.by("publication", 0.03))
    p.go("close", p.rng.randint(1, 8))


def passing_off(p: Plot) -> None:
    r = p.rng.random()
    if r < 0.1:
        p.go("not_file", p.by("filing"), {"reason": "标注的专利号真实有效，不构成假冒专利"})
        return
    if r < 0.13:
        p.go("transfer", p.by("filing"), {"receiver": "西安市公安局", "reason": "涉嫌假冒专利罪"},
             docs=("transfer_letter",))
        return
    p.go("file", p.by("filing", 0.03), docs=("filing_approval",))
    if p.chance(0.06):
        p.go("extend", p.by("conclusion", 0, 0.5), {"clock": "conclusion", "extension": "head", **APPROVAL})
    penalty = p.chance(0.8)
    data = {"outcome": "penalty", "fine_amount": f"{p.rng.choice(FINES[:5])}.00"} if penalty else \
        {"outcome": "no_violation"}
    p.go("decide", p.by("conclusion", 0.05), data, docs=("passing_off_decision",))
    if penalty:
        p.go("publish", p.by("publication", 0.03))
    p.go("close", p.rng.randint(1, 8), docs=("closing_report",))


def mediation(p: Plot) -> None:
    if p.chance(0.05):
        p.go("refuse", p.rng.randint(0, 5), {"reason": "纠纷不属于调解受理范围"})
        return
    p.go("accept", p.rng.randint(0, 5))
    mediation_talks(p)


def mediation_talks(p: Plot) -> None:
    kind = p.draft.case.kind
    clock = {"complaint": "complaint_mediation", "people": "people_target"}.get(kind)
    talks = p.by(clock, 0.05) if clock else p.rng.randint(7, 45)
    r = p.rng.random()
    if r < 0.7:
        p.go("reach_agreement", talks, {"agreement_effective_on": ON}, docs=("mediation_agreement",))
        if p.chance(0.35):
            p.go("apply_confirmation", p.by("confirmation_application", 0, 0.1), {"court": p.cast.court_name()},
                 docs=("confirmation_application",))
            p.go("court_accept", p.by("court_acceptance", 0.02, 0.0))
            if p.chance(0.05):
                p.go("extend", p.by("court_ruling", 0, 0.5), {"clock": "court_ruling", "extension": "president",
                                                               **COURT_APPROVAL})
            if p.chance(0.95):
                p.go("confirm", p.by("court_ruling", 0.03), docs=("confirmation_ruling",))
            else:
                p.go("reject_confirmation", p.by("court_ruling", 0.03), {"reason": "协议内容违反法律规定"},
                     docs=("confirmation_ruling",))
        else:
            p.go("close_performed", p.by("confirmation_application", 0, 0.2))
    elif r < 0.9:
        p.go("terminate", talks, {"reason": "双方分歧较大，未能达成协议"})
        p.go("notify_end", p.by("termination_notice", 0.03) if kind == "complaint" else p.rng.randint(1, 5),
             docs=("termination_notice",))
    else:
        p.go("refer_litigation", talks, {"receiver": p.cast.court_name()})


def assistance(p: Plot) -> None:
    if p.chance(0.05):
        p.go("decline", p.rng.randint(0, 3), {"reason": "不属于维权援助范围"})
        return
    p.go("take_up", p.rng.randint(0, 3))
    if p.chance(0.85):
        p.go("complete", p.rng.randint(3, 30), {"result": "已提供维权指导并协助固定证据"})
    else:
        p.go("refer", p.rng.randint(3, 20), {"receiver": "西安市知识产权纠纷人民调解委员会", "reason": "转介调解"})


def court(p: Plot) -> None:
    kind = p.draft.case.kind
    if p.chance(0.15):
        p.go("pause", p.by("trial", 0, 0.05) // 2, {"clock": "trial", "pause_reason": p.rng.choice(
            ("appraisal", "settlement", "jurisdiction_objection", "public_notice"))})
        p.go("resume", p.rng.randint(15, 60), {"clock": "trial"})
    if p.chance(0.08 if kind == "ordinary" else 0.04):
        p.go("extend", p.by("trial", 0, 0.6), {"clock": "trial", "extension": f"president_{kind}", **COURT_APPROVAL})
    outcome = p.rng.choices(("judgment", "mediated", "withdrawn", "ruling"), (50, 30, 15, 5))[0]
    p.go("close", p.by("trial", 0.04), {"outcome": outcome})


# ------------------------------------------------------------------ opening

PROCEDURES = (  # (procedure, weight, story)
    ("report", 19, report), ("complaint", 19, complaint), ("enforcement", 13, enforcement),
    ("adjudication", 6, adjudication), ("passing_off", 5, passing_off), ("mediation", 12, mediation),
    ("assistance", 16, assistance), ("court", 10, court),
)


def tell(book, cast, rng, day: datetime.date, as_of: datetime.date) -> None:
    """Open one case received on `day` and take its steps up to `as_of`."""
    procedure, _weight, story = rng.choices(PROCEDURES, [w for _p, w, _s in PROCEDURES])[0]
    draft, actor = _open(book, cast, rng, procedure, day)
    try:
        story(Plot(book, cast, rng, draft, actor, as_of))
    except Later:
        pass


def _subject(cast, rng, procedure: str):
    """The right a case is about: (right id or None, its title, its holder, kind)."""
    if procedure in ("adjudication", "passing_off"):
        return cast.right("invention", "utility", "design")
    r = rng.random()
    if r < 0.12:
        return None, rng.choice(FAMOUS_MARKS), None, "famous"
    if r < 0.22:
        return cast.right("gi")
    if r < 0.35:
        return cast.right("copyright")
    if r < 0.5:
        return cast.right("invention", "utility", "design")
    return cast.right("trademark")


def _open(book, cast, rng, procedure: str, day: datetime.date):
    right, label, holder, kind = _subject(cast, rng, procedure)
    org = cast.body(procedure)
    local = cast.district_of(org) if org in cast.bureaus else None
    respondent = cast.entity(local)
    holder = holder or cast.entity()
    r, h, what = cast.name(respondent), cast.name(holder), WHAT[kind]
    goods = rng.choice(GOODS) if kind == "famous" else ""
    officers = cast.crew(procedure, org)
    entry, proc_kind, track, data, check = "open", "", "", {}, ""
    parties = [{"role": "respondent", "entity_id": respondent}]
    if procedure == "report":
        proc_kind = "named" if rng.random() < 0.7 else "anonymous"
        if proc_kind == "named":
            parties.append({"role": "reporter", "person_id": rng.choice(cast.persons)})
        title = f"关于{r}销售侵犯“{label}”{goods}{what}商品的举报"
        check = "".join(rng.choice(_CODE_ALPHABET) for _i in range(8))
    elif procedure == "complaint":
        parties.append({"role": "complainant", "entity_id": holder})
        title = f"{h}投诉{r}侵犯“{label}”{goods}{what}"
        check = "".join(rng.choice(_CODE_ALPHABET) for _i in range(8))
    elif procedure == "enforcement":
        proc_kind = rng.choices(("inspection", "report", "referral"), (60, 25, 15))[0]
        title = f"{r}涉嫌侵犯“{label}”{goods}{what}案"
    elif procedure == "adjudication":
        parties.append({"role": "requester", "entity_id": holder})
        track = rng.choice(("simple", "complex", "fast", ""))
        title = f"{h}与{r}“{label}”专利侵权纠纷案"
    elif procedure == "passing_off":
        proc_kind = rng.choice(("discovered", "reported"))
        title = f"{r}涉嫌假冒“{label}”专利案"
    elif procedure == "mediation":
        proc_kind = rng.choices(("people", "administrative", "court_entrusted", "industry", "pre_litigation"),
                                (40, 15, 15, 10, 20))[0]
        parties.append({"role": "applicant", "entity_id": holder})
        title = f"{h}与{r}“{label}”{what}纠纷调解"
    elif procedure == "assistance":
        proc_kind = rng.choice(("consultation", "guidance", "evidence", "referral"))
        parties = [{"role": "applicant", "entity_id": holder}]
        title = f"{h}“{label}”{what}维权援助申请"
    else:
        proc_kind = rng.choices(("ordinary", "simplified", "small_claims"), (45, 40, 15))[0]
        parties.append({"role": "requester", "entity_id": holder})
        data = {"court_number": cast.court_number(org, day.year)}
        title = f"{h}诉{r}侵害“{label}”{what}纠纷案"
    draft = book.open(procedure, officers[0], handling_org_id=org, title=title[:200], at=day, entry=entry,
                      kind=proc_kind, track=track, channel=cast.channel(procedure),
                      district_id=local or cast.entity_district.get(respondent), officers=officers,
                      lead=officers[0], parties=parties, rights=[right] if right else [], data=data,
                      check_code=check)
    return draft, officers[0]
