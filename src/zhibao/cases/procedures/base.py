"""The building blocks of a procedure declaration: plain, frozen data.

A procedure (`Procedure`) is its stages, the transitions between them, its clocks (time
limits) and the documents and outcomes it knows. The engine (`cases/engine.py`) runs every
procedure the same way; nothing in a declaration is code except the names of conditions
(`cases/procedures/conditions.py`), which are checked when the declarations are validated.

Every number carries its `Source`: the citation and a verification tag, as in
`shared/design/domain-rules.md`:
  V      checked against the regulation's own text;
  V-sec  checked only against a secondary source (a government flowchart, a repost);
  M      from memory, unverified: treat as configurable data and confirm before relying on it.
The amounts are seeded into `TimeLimitRule` rows, where an administrator can change them
(with history); the declaration stays the reference the rows were seeded from.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from zhibao.calendar.limits import Rule, Unit

#: A role marker for entry transitions that the public may take without an account
#: (an anonymous report on the portal).
PUBLIC = "public"


class Tag(StrEnum):
    V = "V"
    V_SEC = "V-sec"
    M = "M"


@dataclass(frozen=True)
class Source:
    """Where a number or rule comes from."""

    citation: str
    tag: Tag
    url: str = ""
    note: str = ""

    def __post_init__(self):
        object.__setattr__(self, "tag", Tag(self.tag))

    def __str__(self):
        return f"{self.citation} [{self.tag.value}]"


@dataclass(frozen=True)
class Period:
    """An amount of time: n calendar days, working days or months."""

    unit: Unit
    n: int

    def __post_init__(self):
        object.__setattr__(self, "unit", Unit(self.unit))
        Rule(self.unit, self.n)  # validates n

    @property
    def rule(self) -> Rule:
        return Rule(self.unit, self.n)

    def label(self) -> str:
        return self.rule.label()

    def __str__(self):
        return str(self.rule)


def working_days(n: int) -> Period:
    return Period(Unit.WORKING_DAYS, n)


def days(n: int) -> Period:
    return Period(Unit.DAYS, n)


def months(n: int) -> Period:
    return Period(Unit.MONTHS, n)


@dataclass(frozen=True)
class Extension:
    """A permitted extension of a clock.

    `period` is the most it may add (the user may ask for less); None means the extension
    is a date set by the approving decision ("a reasonable period set by collective
    decision"). `approvers` are the roles that may record it; `max_count` how many times
    (None: no cap in the law); `after`, another extension that must have been used first;
    `when`, a condition (see conditions.py) under which it is allowed at all.
    """

    code: str
    label: Any
    period: Period | None
    approvers: tuple[str, ...]
    source: Source
    max_count: int | None = 1
    after: str = ""
    when: str = ""


@dataclass(frozen=True)
class Variant:
    """Another period for the same clock when a condition holds (the first that holds wins)."""

    code: str
    when: str
    period: Period
    source: Source
    label: Any = ""


@dataclass(frozen=True)
class ClockSpec:
    """A time limit on a case.

    `period` counts from the start event (`starts` says which, in words); `set_by` instead
    names a date field whose value is the due date the body sets (an evidence period), with
    `minimum` as the least the law allows. `legal` False marks a target of practice or of a
    body's own commitment, shown as a target and never as a legal limit. `holder` is whose
    time it is: the body's, a party's or a court's. `pause_reasons` are the intervals the
    law excludes from the count (pause and resume). `by_body`: each body may set its own
    amount (a TimeLimitRule for its organization), as for a fast-track target.
    """

    code: str
    label: Any
    period: Period | None
    starts: Any
    source: Source
    legal: bool = True
    holder: str = "body"
    pause_reasons: tuple[str, ...] = ()
    extensions: tuple[Extension, ...] = ()
    variants: tuple[Variant, ...] = ()
    set_by: str = ""
    minimum: Period | None = None
    effective_from: datetime.date = datetime.date(2000, 1, 1)
    by_body: bool = False

    def extension(self, code: str) -> Extension | None:
        return next((e for e in self.extensions if e.code == code), None)


HOLDERS = ("body", "party", "court")


class Action(StrEnum):
    START = "start"
    STOP = "stop"
    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"


@dataclass(frozen=True)
class Effect:
    """What a transition does to clocks.

    START and STOP name one clock each (STOP of a clock that is not running is a no-op, so a
    conditional clock can be stopped unconditionally). PAUSE, RESUME and EXTEND list the
    clocks they may act on; the user picks one with the `clock` field (or, for PAUSE and
    RESUME, all of them that are running or paused). `from_field` takes the start date
    from a date field of the transition (or a fact of the case) instead of the event date.
    """

    action: Action
    clocks: tuple[str, ...]
    when: str = ""
    from_field: str = ""


def start(clock: str, *, when: str = "", from_field: str = "") -> Effect:
    return Effect(Action.START, (clock,), when, from_field)


def stop(*clocks: str, when: str = "") -> Effect:
    return Effect(Action.STOP, clocks, when)


def pause(*clocks: str) -> Effect:
    return Effect(Action.PAUSE, clocks)


def resume(*clocks: str) -> Effect:
    return Effect(Action.RESUME, clocks)


def extend(*clocks: str) -> Effect:
    return Effect(Action.EXTEND, clocks)


class FieldKind(StrEnum):
    TEXT = "text"          # one line, up to max_length
    LONGTEXT = "longtext"  # up to max_length (default 5000)
    DATE = "date"
    CHOICE = "choice"
    INT = "int"
    DECIMAL = "decimal"
    BOOL = "bool"
    ORGANIZATION = "organization"   # the id of a registry Organization


@dataclass(frozen=True)
class FieldSpec:
    """A value a transition asks for.

    Dates are past facts (never after today) unless `future` or a rule below makes them
    scheduled dates. They may be tied to the event date: `min_after_event`, on or after the end
    of that period from the event (an evidence period of at least 15 days); `notice_before`,
    the event is at least that long before the date, the whole period lying between them (a
    hearing notified at least 7 working days before); `not_before_event`; `not_after_event`.
    `source` cites the rule behind such a check."""

    name: str
    label: Any
    kind: FieldKind = FieldKind.TEXT
    required: bool = True
    choices: tuple[tuple[str, Any], ...] = ()
    max_length: int = 200
    min_value: int | None = None
    max_value: int | None = None
    odd: bool = False
    min_after_event: Period | None = None
    notice_before: Period | None = None
    future: bool = False
    not_before_event: bool = False
    not_after_event: bool = False
    source: Source | None = None

    def __post_init__(self):
        object.__setattr__(self, "kind", FieldKind(self.kind))

    @property
    def scheduled(self) -> bool:
        """A date that may lie in the future."""
        return bool(self.future or self.min_after_event or self.notice_before)

    def optional(self) -> FieldSpec:
        from dataclasses import replace
        return replace(self, required=False)


@dataclass(frozen=True)
class Spawn:
    """Open a new case of another procedure, linked to this one as its origin.

    `entry` is the new procedure's entry transition; `kind` its kind; `facts` maps fact
    names of the new case to attribute or fact names of this one (e.g. the complaint's
    acceptance date). Parties, rights, products, places and officers are copied."""

    procedure: str
    entry: str = "open"
    kind: str = ""
    facts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Stage:
    code: str
    label: Any
    terminal: bool = False


@dataclass(frozen=True)
class Transition:
    """A step of the procedure.

    `source` is the stages it may be taken from (empty for an entry transition, which opens
    a case); `target` the stage it leads to (None: the stage stays). `roles` may take it
    (`PUBLIC` for an anonymous entry). Before it is taken: `when` must hold, every required
    field must be given, every document in `documents` must be on the case, every clock in
    `requires_stopped` must not be running, every clock in `requires_expired` must be past
    its due date, the event must not precede the date fact `not_before_fact`, the case must
    have `min_officers` officers assigned and a party in each role of `requires_parties`.
    Then: `effects` on clocks; `outcome` (fixed) or the `outcome` field sets the case's
    outcome; `sets` copies fields to case attributes (track, kind, handling_org);
    `files` sets the filing date; `numbers` gives the case its number (see Numbering);
    `spawn` opens a linked case.
    """

    code: str
    label: Any
    source: tuple[str, ...]
    target: str | None
    roles: tuple[str, ...]
    fields: tuple[FieldSpec, ...] = ()
    documents: tuple[str, ...] = ()
    effects: tuple[Effect, ...] = ()
    when: str = ""
    requires_stopped: tuple[str, ...] = ()
    requires_expired: tuple[str, ...] = ()
    not_before_fact: str = ""
    min_officers: int = 0
    requires_parties: tuple[str, ...] = ()
    outcome: str = ""
    sets: tuple[tuple[str, str], ...] = ()
    files: bool = False
    spawn: Spawn | None = None
    source_note: Source | None = None

    @property
    def is_entry(self) -> bool:
        return not self.source

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class Numbering:
    """How a case of the procedure gets its number.

    `prefix` and the year of the event make `{prefix}〔{year}〕{n}号`, n counted per prefix
    and year. It is given when the case is opened, or, with `on_filing`, by the step that
    files it (立案), however it is filed. `external_field` instead takes the number as given
    (a court's own case number)."""

    prefix: str = ""
    on_filing: bool = False
    external_field: str = ""
    source: Source | None = None


@dataclass(frozen=True)
class Procedure:
    code: str
    label: Any
    numbering: Numbering
    stages: tuple[Stage, ...]
    transitions: tuple[Transition, ...]
    clocks: tuple[ClockSpec, ...] = ()
    documents: tuple[tuple[str, Any], ...] = ()
    outcomes: tuple[tuple[str, Any], ...] = ()
    kinds: tuple[tuple[str, Any], ...] = ()
    tracks: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    check_code: bool = False      # the public follows the case by number and check code
    description: Any = ""
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self._index.update(
            stages={s.code: s for s in self.stages},
            transitions={t.code: t for t in self.transitions},
            clocks={c.code: c for c in self.clocks},
            documents=dict(self.documents),
            outcomes=dict(self.outcomes),
            kinds=dict(self.kinds),
        )

    def stage(self, code: str) -> Stage | None:
        return self._index["stages"].get(code)

    def transition(self, code: str) -> Transition | None:
        return self._index["transitions"].get(code)

    def clock(self, code: str) -> ClockSpec | None:
        return self._index["clocks"].get(code)

    def document_label(self, code: str):
        return self._index["documents"].get(code, code)

    def outcome_label(self, code: str):
        return self._index["outcomes"].get(code, code)

    def kind_label(self, code: str):
        return self._index["kinds"].get(code, code)

    @property
    def entries(self) -> tuple[Transition, ...]:
        return tuple(t for t in self.transitions if t.is_entry)

    def outgoing(self, stage: str) -> tuple[Transition, ...]:
        return tuple(t for t in self.transitions if stage in t.source)
