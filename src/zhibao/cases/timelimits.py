"""The amounts of time limits in force: `TimeLimitRule` rows, with history.

The declarations in `procedures/` say what each clock is and where its number comes from;
the rows say what amount applies from which date, so that officials can record a change
of the law (or a body can set its own fast-track target) without a code change:

    resolve(proc, clock_spec, on=date, organization_id=...)   # the snapshot a new clock keeps
    set_rule(user=..., procedure=..., clock=..., part="base", unit=..., amount=..., ...)
    sync()                                                     # seed rows from the declarations

A clock takes the rule in force on its start date and keeps a snapshot of it, so a later
change never moves a running clock. Where no row is in force on that date (before the first
row's `effective_from`, or before seeding), the declaration itself applies.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhibao.calendar.limits import MAX_COUNT, Unit

from . import procedures
from .audit import acting
from .models import TimeLimitRule
from .procedures.base import ClockSpec, Procedure, Source

#: Permission code for changing time-limit rules (see the report: to be added to accounts/roles.py).
MANAGE_PERM = "cases.manage_limits"
DATE = "date"


@dataclass(frozen=True)
class DeclaredPart:
    procedure: str
    clock: str
    part: str
    unit: str
    amount: int | None
    max_count: int | None
    legal: bool
    effective_from: datetime.date
    source: Source


def declared_parts(proc: Procedure, spec: ClockSpec) -> list[DeclaredPart]:
    """The rule keys of one clock: its base period, its variants and its extensions."""
    parts = [DeclaredPart(proc.code, spec.code, "base",
                          spec.period.unit.value if spec.period else DATE,
                          spec.period.n if spec.period else None, None, spec.legal, spec.effective_from,
                          spec.source)]
    for v in spec.variants:
        parts.append(DeclaredPart(proc.code, spec.code, v.code, v.period.unit.value, v.period.n, None, spec.legal,
                                  spec.effective_from, v.source))
    for e in spec.extensions:
        parts.append(DeclaredPart(proc.code, spec.code, e.code, e.period.unit.value if e.period else DATE,
                                  e.period.n if e.period else None, e.max_count, spec.legal, spec.effective_from,
                                  e.source))
    return parts


def all_declared() -> list[DeclaredPart]:
    return [part for proc in procedures.PROCEDURES.values() for spec in proc.clocks
            for part in declared_parts(proc, spec)]


def _declared(procedure: str, clock: str, part: str) -> DeclaredPart | None:
    try:
        proc = procedures.get(procedure)
    except procedures.UnknownProcedure:
        return None
    spec = proc.clock(clock)
    if spec is None:
        return None
    return next((p for p in declared_parts(proc, spec) if p.part == part), None)


def sync(user=None) -> int:
    """Create a city-wide row for every declared rule key that has none yet; returns how many.

    Existing rows are never changed: what an official entered stays."""
    existing = set(TimeLimitRule.objects.filter(organization__isnull=True)
                   .values_list("procedure", "clock", "part").distinct())
    created = 0
    for part in all_declared():
        if (part.procedure, part.clock, part.part) in existing:
            continue
        TimeLimitRule.objects.create(
            procedure=part.procedure, clock=part.clock, part=part.part, unit=part.unit, amount=part.amount,
            max_count=part.max_count, legal=part.legal, effective_from=part.effective_from,
            source=part.source.citation[:400], tag=part.source.tag.value,
            note=part.source.note[:2000], changed_by=user)
        created += 1
    return created


def in_force(procedure: str, clock: str, part: str, on: datetime.date,
             organization_id: int | None = None) -> TimeLimitRule | None:
    """The row in force on `on`: the body's own if it has one, else the city-wide one."""
    rows = TimeLimitRule.objects.filter(procedure=procedure, clock=clock, part=part, effective_from__lte=on)
    if organization_id is not None:
        own = rows.filter(organization_id=organization_id).order_by("-effective_from").first()
        if own is not None:
            return own
    return rows.filter(organization__isnull=True).order_by("-effective_from").first()


def _part_snapshot(declared: DeclaredPart, row: TimeLimitRule | None) -> dict:
    if row is None:
        return {"unit": declared.unit, "n": declared.amount, "max_count": declared.max_count,
                "source": declared.source.citation, "tag": declared.source.tag.value, "rule_id": None}
    return {"unit": row.unit, "n": row.amount, "max_count": row.max_count, "source": row.source, "tag": row.tag,
            "rule_id": row.pk}


def resolve(proc: Procedure, spec: ClockSpec, part: str, on: datetime.date,
            organization_id: int | None = None) -> dict:
    """The snapshot a clock keeps: its period (`part`: base or the variant that applies) and
    every extension, each as in force on `on`."""
    parts = {p.part: p for p in declared_parts(proc, spec)}
    base = parts[part]
    snapshot = _part_snapshot(base, in_force(proc.code, spec.code, part, on, organization_id))
    snapshot.update(part=part, legal=spec.legal)
    snapshot["extensions"] = {
        e.code: _part_snapshot(parts[e.code], in_force(proc.code, spec.code, e.code, on, organization_id))
        for e in spec.extensions
    }
    return snapshot


class RuleError(ValidationError):
    pass


def set_rule(*, user, procedure: str, clock: str, part: str = "base", unit: str, amount: int | None,
             effective_from: datetime.date, source: str, tag: str, note: str = "", organization=None,
             max_count: int | None | object = ...) -> TimeLimitRule:
    """Record the amount of a time limit from a date. Clocks started before that date keep theirs.

    Raises PermissionDenied without the permission, RuleError for anything the declaration
    does not allow (an unknown rule, a body's own amount for a legal limit, a bad amount).
    `max_count` (for extensions: how many times it may be granted; None = no cap) keeps the
    declared value unless given."""
    if user is None or not (user.is_superuser or user.has_perm(MANAGE_PERM)):
        raise PermissionDenied(_("You may not change time-limit rules."))
    declared = _declared(procedure, clock, part)
    errors = []
    if declared is None:
        raise RuleError(_("There is no such time limit: %(key)s.") % {"key": f"{procedure}.{clock}.{part}"})
    if (unit == DATE) != (declared.unit == DATE):
        errors.append(_("This time limit is a date set by decision; it cannot become a period, or the reverse."))
    elif unit != DATE and unit not in {u.value for u in Unit}:
        errors.append(_("Choose calendar days, working days or months."))
    if unit != DATE and (not isinstance(amount, int) or isinstance(amount, bool) or not 1 <= amount <= MAX_COUNT):
        errors.append(_("The amount must be a whole number between 1 and %(max)d.") % {"max": MAX_COUNT})
    if unit == DATE:
        amount = None
    if max_count is ...:
        max_count = declared.max_count
    if max_count is not None and (not isinstance(max_count, int) or max_count < 1):
        errors.append(_("The number of times must be at least 1, or empty for no limit."))
    if organization is not None:
        spec = procedures.get(procedure).clock(clock)
        if not spec.by_body:
            errors.append(_("Only targets that each body sets may have a body's own amount; this is a legal "
                            "limit for everyone."))
    if not (source or "").strip():
        errors.append(_("Cite the source of the new amount (the regulation and article, or the body's decision)."))
    if tag not in ("V", "V-sec", "M"):
        errors.append(_("Choose a verification tag: V, V-sec or M."))
    if errors:
        raise RuleError(errors)
    with acting(user), transaction.atomic():
        row, _created = TimeLimitRule.objects.select_for_update().get_or_create(
            procedure=procedure, clock=clock, part=part, organization=organization, effective_from=effective_from,
            defaults={"unit": unit, "amount": amount, "max_count": max_count, "legal": declared.legal,
                      "source": source.strip()[:400], "tag": tag, "note": note, "changed_by": user})
        if not _created:
            row.unit, row.amount, row.max_count = unit, amount, max_count
            row.source, row.tag, row.note, row.changed_by = source.strip()[:400], tag, note, user
            row.save()
    return row


def history(procedure: str, clock: str, part: str = "base"):
    """Every row of one rule key, newest first (the audit log has each row's edits)."""
    return TimeLimitRule.objects.filter(procedure=procedure, clock=clock, part=part).order_by(
        "organization_id", "-effective_from")
