"""Cases written in bulk, row for row as the engine would have written them (demo data).

The engine takes one step per transaction and reads and writes a dozen rows for it: right for
users, far too slow for a million cases of history. A `Draft` takes the same steps of the same
declarations in memory: stages, numbers, facts, outcomes, the timeline (step events and the
"document added" records, with the version they bump) and the clocks, whose state changes go
through the real functions of clocks.py (`stop`, `pause`, `resume`, `extend`, `recompute`) on
unsaved Clock instances. A `Book` collects drafts and writes them with the demo writer.

It does not check what the engine checks (roles, scope, fields, documents, guards): the caller
must take only steps the engine would accept. tests/cases/test_demo.py replays drafts through
the engine and compares every row, so the two cannot drift apart unnoticed.
"""
from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from zhibao.registry.models import Organization

from . import clocks, procedures, timelimits
from .engine import STEP_ONLY, _check_code_hash, format_number
from .models import (
    OPEN_CLOCK_STATES, Assignment, Case, CaseDocument, CaseRight, CaseSequence, Channel, Clock, ClockState, Event,
    EventKind, Party,
)
from .procedures.base import Action
from .procedures.conditions import holds


def _no_save(*args, **kwargs):
    """Stands in for Clock.save: a draft's clocks are written later, in bulk."""


def _json(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


@dataclass
class Step:
    """One call the engine would have received: `documents` added, then the step taken."""

    code: str
    at: datetime.date
    actor_id: int | None
    data: dict
    documents: tuple[str, ...] = ()


@dataclass
class Draft:
    case: Case                       # unsaved; attributes as the engine leaves them
    entry: Step
    officers: list[int]
    lead: int | None
    parties: list[dict]
    rights: list[int]
    steps: list[Step] = field(default_factory=list)
    clocks: list[Clock] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    children: list[Draft] = field(default_factory=list)
    origin: Draft | None = None
    opened_track: str = ""           # the track given when opened (a step may change it later)

    @property
    def proc(self):
        return self.case.spec

    def clock(self, code: str) -> Clock | None:
        """The open clock of that code (running or paused), as the engine's _open_clock."""
        return next((c for c in self.clocks if c.code == code and c.state in OPEN_CLOCK_STATES), None)

    def due(self, code: str) -> datetime.date | None:
        clock = self.clock(code)
        return clock.due_date if clock is not None else None

    @property
    def last_at(self) -> datetime.date:
        return self.steps[-1].at if self.steps else self.entry.at


class Book:
    """Drafts of cases, their numbers, and the rule snapshots their clocks take."""

    def __init__(self):
        self.drafts: list[Draft] = []
        self.org_district = dict(Organization.objects.values_list("pk", "district_id"))
        self.sequences: dict[tuple[str, int], int] = {
            (p, y): n for p, y, n in CaseSequence.objects.values_list("prefix", "year", "last")}
        self._known_sequences = set(self.sequences)
        rules = timelimits.TimeLimitRule.objects
        self._rule_dates = sorted(set(rules.values_list("effective_from", flat=True)))
        self._by_body = rules.filter(organization__isnull=False).exists()
        self._rules: dict = {}

    # ------------------------------------------------------------ opening

    def open(self, procedure: str, actor_id: int | None, *, handling_org_id: int, title: str, at: datetime.date,
             entry: str = "open", kind: str = "", track: str = "", channel: str = "", district_id: str | None = None,
             summary: str = "", officers=(), lead: int | None = None, parties=(), rights=(), data: dict | None = None,
             origin: Draft | None = None, facts: dict | None = None, check_code: str = "") -> Draft:
        """`engine.open_case`; parties are dicts (role, entity_id, person_id, name, no_prc_domicile, note)."""
        proc = procedures.get(procedure)
        t = proc.transition(entry)
        data = dict(data or {})
        case = Case(procedure=proc.code, kind=kind, stage=t.target, track=track, channel=channel,
                    handling_org_id=handling_org_id,
                    district_id=district_id or self.org_district.get(handling_org_id), title=title, summary=summary,
                    received_on=at, created_by_id=actor_id, facts=dict(facts or {}), version=1)
        if proc.check_code and check_code:
            case.check_code_hash = _check_code_hash(check_code)
        officers = list(dict.fromkeys(officers))
        draft = Draft(case=case, entry=Step(entry, at, actor_id, data), officers=officers, lead=lead,
                      parties=[dict(p) for p in parties], rights=list(dict.fromkeys(rights)), origin=origin,
                      opened_track=track)
        effects = self._effects(draft, t, at, data, actor_id, 1)
        self._case_changes(draft, t, at, data)
        effects += self._close_if_terminal(draft, at)
        draft.events.append({"seq": 1, "kind": EventKind.STEP.value, "code": t.code, "from_stage": "",
                             "to_stage": case.stage, "at": at, "actor_id": actor_id, "data": data,
                             "effects": effects})
        _refresh_due(draft)
        self.drafts.append(draft)
        return draft

    # ------------------------------------------------------------ steps

    def apply(self, draft: Draft, code: str, at: datetime.date, actor_id: int | None, data: dict | None = None,
              documents: tuple[str, ...] = ()) -> None:
        """`engine.add_document` for each of `documents` (dated `at`), then `engine.apply`."""
        case, proc = draft.case, draft.proc
        data = dict(data or {})
        for kind in documents:
            draft.documents.append({"kind": kind, "title": str(proc.document_label(kind)), "reference": "",
                                    "dated": at, "created_by_id": actor_id})
            draft.events.append({"seq": len(draft.events) + 1, "kind": EventKind.RECORD.value,
                                 "code": "document_added", "from_stage": "", "to_stage": "", "at": at,
                                 "actor_id": actor_id, "data": {"kind": kind, "reference": ""}, "effects": []})
            case.version += 1
        t = proc.transition(code)
        seq = len(draft.events) + 1
        effects = self._effects(draft, t, at, data, actor_id, seq)
        from_stage = case.stage
        if t.target:
            case.stage = t.target
        self._case_changes(draft, t, at, data)
        effects += self._close_if_terminal(draft, at)
        event_data = dict(data)
        if t.spawn is not None:
            child = self._spawn(draft, t, actor_id, at)
            event_data["spawned"] = child   # the id is known once written; see _event_rows
        case.version += 1
        draft.events.append({"seq": seq, "kind": EventKind.STEP.value, "code": t.code, "from_stage": from_stage,
                             "to_stage": case.stage, "at": at, "actor_id": actor_id, "data": event_data,
                             "effects": effects})
        draft.steps.append(Step(code, at, actor_id, data, tuple(documents)))
        _refresh_due(draft)

    def _spawn(self, draft: Draft, t, actor_id, at) -> Draft:
        spawn, case = t.spawn, draft.case
        target = procedures.get(spawn.procedure)
        facts = {}
        for new_name, old_name in spawn.facts:
            value = getattr(case, old_name, None) if hasattr(case, old_name) else case.facts.get(old_name)
            facts[new_name] = _json(value) if value is not None else case.facts.get(old_name)
        child = self.open(target.code, actor_id, handling_org_id=case.handling_org_id, title=case.title, at=at,
                          entry=spawn.entry, kind=spawn.kind, track=case.track if case.track in target.tracks else "",
                          channel=Channel.TRANSFER.value, district_id=case.district_id, summary=case.summary,
                          officers=draft.officers, lead=draft.lead, parties=draft.parties, rights=draft.rights,
                          origin=draft, facts=facts)
        draft.children.append(child)
        return child

    # ------------------------------------------------------------ what steps do (engine._apply_effects)

    def _effects(self, draft: Draft, t, at, data: dict, actor_id, seq: int) -> list[dict]:
        case, proc = draft.case, draft.proc
        done = []
        for effect in t.effects:
            if not holds(effect.when, case, data):
                continue
            if effect.action is Action.START:
                spec = proc.clock(effect.clocks[0])
                on = _date(data.get(effect.from_field) or case.facts.get(effect.from_field)) if effect.from_field \
                    else None
                on = on or at
                variant = next((v for v in spec.variants if holds(v.when, case, data)), None)
                part = variant.code if variant else "base"
                rule = self._rule(proc, spec, part, on, case.handling_org_id)
                if spec.set_by:
                    until = _date(data.get(spec.set_by))
                    rule = {**rule, **({"until": until.isoformat()} if until else {})}
                clock = Clock(code=spec.code, legal=spec.legal, holder=spec.holder, started_on=on, rule=rule)
                clock.save = _no_save
                clocks.recompute(clock)
                draft.clocks.append(clock)
                done.append({"clock": spec.code, "action": "start", "on": on.isoformat(),
                             "due": _json(clock.due_date), "provisional": clock.provisional, "part": part})
            elif effect.action is Action.STOP:
                for code in effect.clocks:
                    clock = draft.clock(code)
                    if clock is not None:
                        clocks.stop(clock, at)
                        done.append({"clock": code, "action": "stop", "state": clock.state,
                                     "due": _json(clock.due_date)})
            elif effect.action is Action.PAUSE:
                for code in self._chosen(effect, data):
                    clock = draft.clock(code)
                    if clock is None or clock.state != ClockState.RUNNING \
                            or data["pause_reason"] not in proc.clock(code).pause_reasons:
                        continue
                    clocks.pause(clock, at, data["pause_reason"])
                    done.append({"clock": code, "action": "pause", "reason": data["pause_reason"]})
            elif effect.action is Action.RESUME:
                for code in self._chosen(effect, data):
                    clock = draft.clock(code)
                    if clock is None or clock.state != ClockState.PAUSED:
                        continue
                    clocks.resume(clock, at)
                    done.append({"clock": code, "action": "resume", "due": _json(clock.due_date),
                                 "provisional": clock.provisional})
            elif effect.action is Action.EXTEND:
                code = self._chosen(effect, data)[0]
                clock = draft.clock(code)
                ext = data["extension"]
                snap = clock.rule["extensions"][ext]
                n = data.get("n")
                if snap["unit"] != clocks.DATE and n is None:
                    n = int(snap["n"])
                old_due = clock.due_date
                clocks.extend(clock, ext, on=at, n=n, until=_date(data.get("until")),
                              approved_by=data.get("approved_by", ""), approval_ref=data.get("approval_ref", ""),
                              event_seq=seq)
                done.append({"clock": code, "action": "extend", "extension": ext, "old_due": _json(old_due),
                             "due": _json(clock.due_date), "provisional": clock.provisional})
        return done

    @staticmethod
    def _chosen(effect, data: dict) -> list[str]:
        return [data["clock"]] if data.get("clock") else list(effect.clocks)

    def _rule(self, proc, spec, part: str, on: datetime.date, org_id: int) -> dict:
        """timelimits.resolve, asked once per rule key and period between two rule changes."""
        key = (proc.code, spec.code, part, org_id if self._by_body else None,
               bisect.bisect_right(self._rule_dates, on))
        rule = self._rules.get(key)
        if rule is None:
            rule = self._rules[key] = timelimits.resolve(proc, spec, part, on, org_id)
        return rule

    # ------------------------------------------------------------ case changes (engine._apply_case_changes)

    def _case_changes(self, draft: Draft, t, at: datetime.date, data: dict) -> None:
        case, proc = draft.case, draft.proc
        for attr, field_name in t.sets:
            value = data.get(field_name)
            if value in (None, ""):
                continue
            setattr(case, "handling_org_id" if attr == "handling_org" else attr, value)
        outcome = data.get("outcome") if t.field("outcome") else ""
        if outcome or t.outcome:
            case.outcome = outcome or t.outcome
        if t.files and case.filed_on is None:
            case.filed_on = at
        case.facts = {**case.facts, **{k: v for k, v in data.items() if k not in STEP_ONLY}}
        numbering = proc.numbering
        if numbering.prefix and not case.number and (t.files if numbering.on_filing else t.is_entry):
            key = (numbering.prefix, at.year)
            self.sequences[key] = self.sequences.get(key, 0) + 1
            case.number = format_number(numbering.prefix, at.year, self.sequences[key])
        if numbering.external_field and t.is_entry:
            case.number = data.get(numbering.external_field)

    def _close_if_terminal(self, draft: Draft, at: datetime.date) -> list[dict]:
        case = draft.case
        stage = draft.proc.stage(case.stage)
        if not stage or not stage.terminal:
            return []
        case.closed_on = at
        done = []
        for clock in [c for c in draft.clocks if c.state in OPEN_CLOCK_STATES]:
            clocks.stop(clock, at, cancelled=True)
            done.append({"clock": clock.code, "action": "stop", "state": clock.state, "due": _json(clock.due_date)})
        return done

    # ------------------------------------------------------------ writing

    def write(self, writer) -> int:
        """Insert the drafts (parents before the cases they opened) and all their rows; returns
        how many cases. The book is empty afterwards."""
        drafts, self.drafts = self.drafts, []
        level = [d for d in drafts if d.origin is None]
        while level:
            for d in level:
                if d.origin is not None:
                    d.case.origin_id = d.origin.case.pk
            pks = writer.insert(Case, [_case_row(d.case) for d in level])
            for d, pk in zip(level, pks):
                d.case.pk = pk
            level = [child for d in level for child in d.children]
        writer.insert(Assignment, [{"case_id": d.case.pk, "user_id": u, "lead": u == d.lead,
                                    "case_open": d.case.closed_on is None, "due_date": d.case.due_date}
                                   for d in drafts for u in d.officers])
        writer.insert(Party, [{"case_id": d.case.pk, "role": p["role"], "entity_id": p.get("entity_id"),
                               "person_id": p.get("person_id"), "name": p.get("name", ""),
                               "no_prc_domicile": p.get("no_prc_domicile", False), "note": p.get("note", "")}
                              for d in drafts for p in d.parties])
        writer.insert(CaseRight, [{"case_id": d.case.pk, "right_id": r, "note": ""} for d in drafts for r in d.rights])
        writer.insert(CaseDocument, [{"case_id": d.case.pk, **doc} for d in drafts for doc in d.documents])
        writer.insert(Clock, [_clock_row(d.case.pk, c) for d in drafts for c in d.clocks])
        writer.insert(Event, [_event_row(d.case.pk, e) for d in drafts for e in d.events])
        return len(drafts)

    def write_sequences(self, writer) -> None:
        """Record the last numbers given, as the engine's CaseSequence rows would hold them."""
        new = [{"prefix": p, "year": y, "last": n} for (p, y), n in sorted(self.sequences.items())
               if (p, y) not in self._known_sequences]
        writer.insert(CaseSequence, new)
        for (prefix, year), last in self.sequences.items():
            if (prefix, year) in self._known_sequences:
                CaseSequence.objects.filter(prefix=prefix, year=year, last__lt=last).update(last=last)
        self._known_sequences.update(self.sequences)


def _refresh_due(draft: Draft) -> None:
    """The case's next due date: the earliest of its running clocks (clocks.refresh_case_due)."""
    draft.case.due_date = min((c.due_date for c in draft.clocks if c.state == ClockState.RUNNING
                               and c.due_date is not None), default=None)


CASE_FIELDS = ("number", "procedure", "kind", "stage", "track", "channel", "handling_org_id", "district_id", "title",
               "summary", "received_on", "filed_on", "closed_on", "outcome", "due_date", "facts", "origin_id",
               "check_code_hash", "created_by_id", "version")
CLOCK_FIELDS = ("code", "legal", "holder", "started_on", "rule", "pauses", "paused_since", "pause_reason",
                "extensions", "due_date", "provisional", "stopped_on", "notified", "next_remind_on")


def _case_row(case: Case) -> dict:
    return {name: getattr(case, name) for name in CASE_FIELDS}


def _clock_row(case_id: int, clock: Clock) -> dict:
    row = {name: getattr(clock, name) for name in CLOCK_FIELDS}
    row.update(case_id=case_id, state=str(clock.state), notified=int(clock.notified))
    return row


def _event_row(case_id: int, event: dict) -> dict:
    data = event["data"]
    child = data.get("spawned")
    if isinstance(child, Draft):
        data = {**data, "spawned": {"id": child.case.pk, "number": child.case.number,
                                    "procedure": child.case.procedure}}
    return {**event, "case_id": case_id, "data": data, "note": ""}

