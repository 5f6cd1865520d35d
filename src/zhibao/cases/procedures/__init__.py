"""Every procedure a case can follow, declared as data in this package, and their validation.

    from zhibao.cases import procedures
    proc = procedures.get("enforcement")
    proc.transition("file").roles, proc.clock("decision").period, ...

`validate()` lists every inconsistency (a transition into a stage that does not exist, a clock
without a source, ...); the test suite requires it to be empty, and `CasesConfig.ready()`
refuses to start with broken declarations.
"""
from __future__ import annotations

from zhibao.accounts.roles import Role

from . import adjudication, assistance, conditions, court, enforcement, intake, mediation, passing_off
from .base import (
    HOLDERS, PUBLIC, Action, ClockSpec, FieldKind, Procedure, Tag, Transition,
)

PROCEDURES: dict[str, Procedure] = {p.code: p for p in (
    intake.REPORT, intake.COMPLAINT, enforcement.PROCEDURE, adjudication.PROCEDURE, passing_off.PROCEDURE,
    mediation.PROCEDURE, assistance.PROCEDURE, court.PROCEDURE,
)}

#: Tracks a case may be given (繁简分流).
TRACKS = ("simple", "complex", "fast")

#: Case attributes a transition may set from its fields.
SETTABLE = {"track", "kind", "handling_org"}


class UnknownProcedure(LookupError):
    pass


def get(code: str) -> Procedure:
    try:
        return PROCEDURES[code]
    except KeyError:
        raise UnknownProcedure(code) from None


def choices() -> list[tuple[str, object]]:
    return [(p.code, p.label) for p in PROCEDURES.values()]


def _check_source(where: str, source, errors: list[str]) -> None:
    if source is None or not source.citation.strip():
        errors.append(f"{where}: no source")
    elif source.tag not in Tag:
        errors.append(f"{where}: unknown verification tag {source.tag!r}")


def _check_condition(where: str, expr: str, proc: Procedure, errors: list[str]) -> None:
    try:
        conditions.parse(expr)
    except ValueError as exc:
        errors.append(f"{where}: {exc}")
        return
    for value in conditions.values_named(expr, "kind"):
        if value not in dict(proc.kinds):
            errors.append(f"{where}: condition names kind {value!r}, which {proc.code} does not declare")
    for value in conditions.values_named(expr, "track"):
        if value not in TRACKS:
            errors.append(f"{where}: condition names unknown track {value!r}")
    for value in conditions.values_named(expr, "outcome"):
        if value not in dict(proc.outcomes):
            errors.append(f"{where}: condition names outcome {value!r}, which {proc.code} does not declare")


def _check_clock(proc: Procedure, clock: ClockSpec, errors: list[str]) -> None:
    from .common import PAUSE_REASON_CODES

    where = f"{proc.code}.clock.{clock.code}"
    _check_source(where, clock.source, errors)
    if (clock.period is None) == (not clock.set_by):
        errors.append(f"{where}: needs exactly one of a period or set_by")
    if clock.holder not in HOLDERS:
        errors.append(f"{where}: unknown holder {clock.holder!r}")
    if not str(clock.starts):
        errors.append(f"{where}: does not say from which event it counts")
    for reason in clock.pause_reasons:
        if reason not in PAUSE_REASON_CODES:
            errors.append(f"{where}: unknown pause reason {reason!r}")
    codes = [v.code for v in clock.variants] + [e.code for e in clock.extensions]
    if len(codes) != len(set(codes)) or "base" in codes:
        errors.append(f"{where}: variant and extension codes must be unique and not 'base'")
    for variant in clock.variants:
        _check_source(f"{where}.variant.{variant.code}", variant.source, errors)
        _check_condition(f"{where}.variant.{variant.code}", variant.when, proc, errors)
        if not variant.when:
            errors.append(f"{where}.variant.{variant.code}: a variant needs a condition")
    for ext in clock.extensions:
        ew = f"{where}.extension.{ext.code}"
        _check_source(ew, ext.source, errors)
        _check_condition(ew, ext.when, proc, errors)
        if not ext.approvers:
            errors.append(f"{ew}: no approver role")
        for role in ext.approvers:
            if role not in Role.values:
                errors.append(f"{ew}: unknown role {role!r}")
        if ext.max_count is not None and ext.max_count < 1:
            errors.append(f"{ew}: max_count must be at least 1 (or None)")
        if ext.after and clock.extension(ext.after) is None:
            errors.append(f"{ew}: 'after' names unknown extension {ext.after!r}")


def _check_transition(proc: Procedure, t: Transition, errors: list[str]) -> None:
    where = f"{proc.code}.transition.{t.code}"
    for stage in t.source:
        if proc.stage(stage) is None:
            errors.append(f"{where}: unknown source stage {stage!r}")
        elif proc.stage(stage).terminal:
            errors.append(f"{where}: leaves terminal stage {stage!r}")
    if t.is_entry and t.target is None:
        errors.append(f"{where}: an entry transition needs a target stage")
    if t.target is not None and proc.stage(t.target) is None:
        errors.append(f"{where}: unknown target stage {t.target!r}")
    if not t.roles:
        errors.append(f"{where}: no role may take it")
    for role in t.roles:
        if role not in Role.values and role != PUBLIC:
            errors.append(f"{where}: unknown role {role!r}")
        if role == PUBLIC and not t.is_entry:
            errors.append(f"{where}: only an entry may be open to the public")
    names = [f.name for f in t.fields]
    if len(names) != len(set(names)):
        errors.append(f"{where}: duplicate field names")
    for spec in t.fields:
        if spec.kind is FieldKind.CHOICE and not spec.choices:
            errors.append(f"{where}.{spec.name}: a choice field without choices")
        if spec.name == "outcome":
            for code, _label in spec.choices:
                if code not in dict(proc.outcomes):
                    errors.append(f"{where}: outcome choice {code!r} is not a declared outcome")
    for doc in t.documents:
        if doc not in dict(proc.documents):
            errors.append(f"{where}: unknown document {doc!r}")
    if t.outcome and t.outcome not in dict(proc.outcomes):
        errors.append(f"{where}: unknown outcome {t.outcome!r}")
    for clock in t.requires_stopped + t.requires_expired:
        if proc.clock(clock) is None:
            errors.append(f"{where}: guard names unknown clock {clock!r}")
    for attr, field_name in t.sets:
        if attr not in SETTABLE:
            errors.append(f"{where}: may not set case attribute {attr!r}")
        if t.field(field_name) is None:
            errors.append(f"{where}: sets {attr} from unknown field {field_name!r}")
    _check_condition(where, t.when, proc, errors)
    for effect in t.effects:
        _check_condition(f"{where}.{effect.action}", effect.when, proc, errors)
        for code in effect.clocks:
            spec = proc.clock(code)
            if spec is None:
                errors.append(f"{where}: effect names unknown clock {code!r}")
                continue
            if effect.action is Action.PAUSE and not spec.pause_reasons:
                errors.append(f"{where}: pauses {code!r}, which declares no excluded interval")
            if effect.action is Action.EXTEND and not spec.extensions:
                errors.append(f"{where}: extends {code!r}, which declares no extension")
            if effect.action is Action.START and spec.set_by and t.field(spec.set_by) is None:
                errors.append(f"{where}: starts {code!r} but has no field {spec.set_by!r} for its due date")
        if effect.action is Action.START and len(effect.clocks) != 1:
            errors.append(f"{where}: start names exactly one clock")
        if effect.from_field and t.field(effect.from_field) is None and not _spawned_fact(effect.from_field):
            errors.append(f"{where}: starts from unknown field {effect.from_field!r}")
    if t.min_officers < 0:
        errors.append(f"{where}: min_officers must not be negative")
    if t.spawn is not None:
        target = PROCEDURES.get(t.spawn.procedure)
        if target is None:
            errors.append(f"{where}: spawns unknown procedure {t.spawn.procedure!r}")
        else:
            entry = target.transition(t.spawn.entry)
            if entry is None or not entry.is_entry:
                errors.append(f"{where}: spawn entry {t.spawn.entry!r} is not an entry of {target.code}")
            if t.spawn.kind and t.spawn.kind not in dict(target.kinds):
                errors.append(f"{where}: spawn kind {t.spawn.kind!r} is not a kind of {target.code}")


def _spawned_fact(name: str) -> bool:
    """A fact that some spawn hands to the case it opens."""
    return any(new == name for p in PROCEDURES.values() for t in p.transitions if t.spawn
               for new, _old in t.spawn.facts)


def _check_procedure(proc: Procedure, errors: list[str]) -> None:
    where = proc.code
    if not proc.entries:
        errors.append(f"{where}: no entry transition")
    for kind in ("stages", "transitions", "clocks"):
        codes = [x.code for x in getattr(proc, kind)]
        if len(codes) != len(set(codes)):
            errors.append(f"{where}: duplicate {kind} codes")
    for track in proc.tracks:
        if track not in TRACKS:
            errors.append(f"{where}: unknown track {track!r}")
    for source in proc.sources:
        _check_source(f"{where}.sources", source, errors)
    n = proc.numbering
    if n.on_filing and not any(t.files for t in proc.transitions):
        errors.append(f"{where}: numbered on filing, but no step files the case")
    if not n.prefix and not n.external_field:
        errors.append(f"{where}: numbering needs a prefix or an external field")
    if n.external_field and not any(t.field(n.external_field) for t in proc.entries):
        errors.append(f"{where}: no entry asks for the external number field {n.external_field!r}")
    if n.prefix:
        _check_source(f"{where}.numbering", n.source, errors)
    for clock in proc.clocks:
        _check_clock(proc, clock, errors)
        if not any(e.action is Action.START and clock.code in e.clocks for t in proc.transitions for e in t.effects):
            errors.append(f"{where}.clock.{clock.code}: no transition starts it")
    for t in proc.transitions:
        _check_transition(proc, t, errors)
    # Every stage can be reached from an entry, and every non-terminal stage can be left.
    reached = {t.target for t in proc.entries}
    changed = True
    while changed:
        changed = False
        for t in proc.transitions:
            if t.target and t.target not in reached and set(t.source) & reached:
                reached.add(t.target)
                changed = True
    for stage in proc.stages:
        if stage.code not in reached:
            errors.append(f"{where}: stage {stage.code!r} cannot be reached")
        if not stage.terminal and not any(t.target and t.target != stage.code for t in proc.outgoing(stage.code)):
            errors.append(f"{where}: stage {stage.code!r} has no way out")
    if not any(s.terminal for s in proc.stages):
        errors.append(f"{where}: no terminal stage")


def validate() -> list[str]:
    """Every inconsistency in the declarations, as readable lines (empty when all is well)."""
    errors: list[str] = []
    for code, proc in PROCEDURES.items():
        if code != proc.code:
            errors.append(f"{code}: registered under another code")
        _check_procedure(proc, errors)
    return errors


__all__ = ["PROCEDURES", "PUBLIC", "Procedure", "UnknownProcedure", "choices", "get", "validate"]
