"""The case engine: one way to open a case and move it through its procedure.

    from zhibao.cases import engine

    case = engine.open_case("enforcement", officer, handling_org=org, title="…", at=date(2025, 9, 26),
                            kind="inspection", officers=[officer, colleague])
    engine.available_transitions(case, officer)        # the steps this user may take now
    engine.add_document(case, officer, "filing_approval", reference="…")
    event = engine.apply(case, "file", officer, at=date(2025, 9, 28), expected_version=case.version)

Every call runs in one transaction with the case row locked, writes one timeline `Event`,
moves the stage, applies the step's effects on clocks (start, pause, resume, extend, stop)
and bumps the case's `version`. It refuses, changing nothing, with a `CaseError` subclass
(`errors.py`) whose `.message` is translated: the role may not take the step, not from this
stage, a required field or document is missing, an extension beyond what the law allows or
without the approver role, a step dated before the previous one or in the future, or a
stale `expected_version` ("someone else saved this case").

Records on a case (parties, rights, products, places, documents, officers) are added with
`add_party`, `add_right`, `add_product`, `add_place`, `add_document`, `assign`: each is an
event on the timeline too and bumps the version.
"""
from __future__ import annotations

import datetime
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _, gettext_noop

from zhibao.accounts.roles import Role, Scope
from zhibao.accounts.scope import can_see
from zhibao.calendar import workdays
from zhibao.calendar.limits import Rule, Unit, compute_deadline
from zhibao.registry.models import District, IPRight, MarketEntity, Organization, Person
from zhibao.registry.validation import plain_text

from . import clocks, procedures
from .audit import acting as _acting
from .errors import (
    BadDate, CaseError, ClockError, ConditionNotMet, ExtensionRefused, InvalidField, MissingDocument,
    MissingField, NotAllowed, StaleCase, UnknownStep, WrongStage,
)
from .models import (
    Assignment, Case, CaseDocument, CaseRight, CaseSequence, Channel, Clock, ClockState, Event, EventKind, Party,
    PartyRole, Place, PlaceKind, Product,
)
from .procedures import PUBLIC, Procedure
from .procedures.base import Action, FieldKind, FieldSpec, Transition
from .procedures.conditions import holds
from .signals import case_opened

__all__ = [
    "CaseError", "add_document", "add_party", "add_place", "add_product", "add_right", "apply", "assign",
    "available_transitions", "event_label", "find_by_check_code", "open_case", "timeline",
]

#: Fields that describe one step (an extension, a pause) rather than the case; not kept in facts.
STEP_ONLY = {"clock", "extension", "n", "until", "approved_by", "approval_ref", "pause_reason", "reason"}

RECORD_CODES = {
    "party_added": gettext_noop("Party added"),
    "right_added": gettext_noop("Right added"),
    "product_added": gettext_noop("Product added"),
    "place_added": gettext_noop("Place added"),
    "document_added": gettext_noop("Document added"),
    "officer_assigned": gettext_noop("Officer assigned"),
    "recomputed": gettext_noop("Time limit recomputed after a holiday schedule change"),
}


# ---------------------------------------------------------------- small helpers

def _today() -> datetime.date:
    return clocks.today()


def next_seq(case: Case) -> int:
    """The next event number of a case (call with the case row locked)."""
    return (case.events.aggregate(m=Max("seq"))["m"] or 0) + 1


def _actor(user):
    """The acting user, or None for the public (no account, or Django's AnonymousUser)."""
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _role_ok(t: Transition, user) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return PUBLIC in t.roles
    return bool(user.is_active and user.role in t.roles)


def _roles_text(roles: Iterable[str]) -> str:
    names = []
    for role in roles:
        if role == PUBLIC:
            names.append(_("the public"))
        else:
            names.append(str(Role(role).label))
    return "、".join(names)


def _check_actor(case: Case, proc: Procedure, t: Transition, user) -> None:
    if not _role_ok(t, user):
        raise NotAllowed(_("Your role may not take the step “%(step)s”; it is for: %(roles)s.")
                         % {"step": t.label, "roles": _roles_text(t.roles)})
    if case.pk is not None and (user is None or not can_see(case, user)):
        raise NotAllowed(_("This case is outside your data scope."))


def _may_see_new(case: Case, parties: list[Party], user) -> bool:
    """Whether `user` could see a case about to be opened (so nobody opens one for another body)."""
    if user is None or user.is_superuser:
        return True
    if user.role == Role.ENTERPRISE:
        return user.entity_id is not None and any(p.entity_id == user.entity_id for p in parties)
    if user.scope == Scope.CITY:
        return True
    if user.scope == Scope.DISTRICT:
        return user.district_id is not None and case.district_id == user.district_id
    return user.organization_id is not None and case.handling_org_id == user.organization_id


def _check_date(case: Case | None, at: datetime.date | None) -> datetime.date:
    today = _today()
    if at is None:
        return today
    if isinstance(at, datetime.datetime):
        at = at.date()
    if not isinstance(at, datetime.date):
        raise BadDate(_("The date of the step is not a date."))
    if at > today:
        raise BadDate(_("The step cannot be dated in the future (%(date)s).") % {"date": at.isoformat()})
    if at.year < workdays.MIN_YEAR:
        raise BadDate(_("The date %(date)s is too far in the past.") % {"date": at.isoformat()})
    if case is not None and case.pk is not None:
        last = case.events.filter(kind=EventKind.STEP).order_by("-seq").values_list("at", "code").first()
        if last is not None and at < last[0]:
            raise BadDate(_("The step cannot be dated %(date)s, before the previous step (%(step)s on %(last)s).")
                          % {"date": at.isoformat(), "step": _step_label(case.spec, last[1]),
                             "last": last[0].isoformat()})
    return at


def _step_label(proc: Procedure, code: str) -> str:
    t = proc.transition(code)
    return str(t.label) if t else code


def _field_label(proc: Procedure, name: str) -> str:
    for t in proc.transitions:
        spec = t.field(name)
        if spec is not None:
            return str(spec.label)
    return name


# ---------------------------------------------------------------- fields

def _as_date(value, spec: FieldSpec) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidField(_("%(field)s: enter a date as YYYY-MM-DD.") % {"field": spec.label},
                           fields=(spec.name,)) from None


def _convert(spec: FieldSpec, raw: Any, at: datetime.date) -> Any:
    bad = lambda message: InvalidField(f"{spec.label}: {message}", fields=(spec.name,))  # noqa: E731
    kind = spec.kind
    if kind in (FieldKind.TEXT, FieldKind.LONGTEXT):
        value = str(raw).strip()
        limit = spec.max_length if kind is FieldKind.TEXT or spec.max_length != 200 else 5000
        if len(value) > limit:
            raise bad(_("at most %(n)d characters.") % {"n": limit})
        if kind is FieldKind.TEXT and ("\n" in value or "\r" in value):
            raise bad(_("one line only."))
        try:
            plain_text(value)
        except ValidationError as exc:
            raise bad(" ".join(str(m) for m in exc.messages)) from None
        return value
    if kind is FieldKind.DATE:
        value = _as_date(raw, spec)
        if value.year < workdays.MIN_YEAR or value.year > workdays.MAX_YEAR:
            raise bad(_("the date is out of range."))
        if not spec.scheduled and value > _today():
            raise bad(_("this date is in the future."))
        if spec.not_before_event and value < at:
            raise bad(_("cannot be before the date of the step (%(date)s).") % {"date": at.isoformat()})
        if spec.not_after_event and value > at:
            raise bad(_("cannot be after the date of the step (%(date)s).") % {"date": at.isoformat()})
        if spec.min_after_event is not None:
            least = compute_deadline(at, spec.min_after_event.rule, explain=False).nominal
            if value < least:
                raise bad(_("must be at least %(period)s after %(date)s, so not before %(least)s.")
                          % {"period": spec.min_after_event.label(), "date": at.isoformat(),
                             "least": least.isoformat()})
        if spec.notice_before is not None:
            end = compute_deadline(at, spec.notice_before.rule, explain=False).nominal
            if value <= end:
                raise bad(_("the parties must be told at least %(period)s before; notified on %(date)s, the "
                            "earliest possible date is %(least)s.")
                          % {"period": spec.notice_before.label(), "date": at.isoformat(),
                             "least": (end + datetime.timedelta(days=1)).isoformat()})
        return value
    if kind is FieldKind.CHOICE:
        value = str(raw).strip()
        if value not in dict(spec.choices):
            raise bad(_("choose one of the offered values."))
        return value
    if kind is FieldKind.INT:
        if isinstance(raw, bool):
            raise bad(_("enter a whole number."))
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise bad(_("enter a whole number.")) from None
        if spec.min_value is not None and value < spec.min_value:
            raise bad(_("at least %(n)d.") % {"n": spec.min_value})
        if spec.max_value is not None and value > spec.max_value:
            raise bad(_("at most %(n)d.") % {"n": spec.max_value})
        if spec.odd and value % 2 == 0:
            raise bad(_("must be an odd number."))
        return value
    if kind is FieldKind.DECIMAL:
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation:
            raise bad(_("enter an amount.")) from None
        if not value.is_finite() or value < 0 or value >= Decimal("1e12"):
            raise bad(_("enter an amount of zero or more."))
        return value.quantize(Decimal("0.01"))
    if kind is FieldKind.BOOL:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise bad(_("answer yes or no."))
    if kind is FieldKind.ORGANIZATION:
        pk = raw.pk if isinstance(raw, Organization) else raw
        try:
            org = Organization.objects.get(pk=int(pk), is_active=True)
        except (ValueError, TypeError, Organization.DoesNotExist):
            raise bad(_("choose an active organization.")) from None
        return org.pk
    raise bad("unsupported field kind")  # pragma: no cover


def _clean_fields(proc: Procedure, t: Transition, data: dict | None, at: datetime.date) -> dict:
    data = dict(data or {})
    known = {f.name for f in t.fields}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InvalidField(_("The step “%(step)s” does not take: %(fields)s.")
                           % {"step": t.label, "fields": ", ".join(unknown)}, fields=tuple(unknown))
    cleaned: dict[str, Any] = {}
    missing = []
    for spec in t.fields:
        raw = data.get(spec.name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if spec.required:
                missing.append(spec)
            continue
        cleaned[spec.name] = _convert(spec, raw, at)
    if missing:
        raise MissingField(_("The step “%(step)s” needs: %(fields)s.")
                           % {"step": t.label, "fields": "、".join(str(f.label) for f in missing)},
                           fields=tuple(f.name for f in missing))
    return cleaned


def _json(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _fact_date(case: Case, cleaned: dict, name: str) -> datetime.date | None:
    value = cleaned.get(name)
    if value is None:
        value = (case.facts or {}).get(name)
    if value in (None, ""):
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


# ---------------------------------------------------------------- guards

def _check_guards(case: Case, proc: Procedure, t: Transition, at: datetime.date, cleaned: dict) -> None:
    if not holds(t.when, case, cleaned):
        raise ConditionNotMet(_("The step “%(step)s” does not apply to this case.") % {"step": t.label})
    if t.min_officers:
        count = case.assignments.count()
        if count < t.min_officers:
            raise ConditionNotMet(_("At least %(n)d officers must be assigned to the case (%(count)d are).")
                                  % {"n": t.min_officers, "count": count})
    for role in t.requires_parties:
        if not case.parties.filter(role=role).exists():
            raise ConditionNotMet(_("The case needs a party in the role: %(role)s.")
                                  % {"role": PartyRole(role).label})
    if t.documents:
        present = set(case.documents.filter(kind__in=t.documents).values_list("kind", flat=True))
        missing = [d for d in t.documents if d not in present]
        if missing:
            raise MissingDocument(_("The step “%(step)s” needs these documents on the case first: %(docs)s.")
                                  % {"step": t.label,
                                     "docs": "、".join(str(proc.document_label(d)) for d in missing)},
                                  fields=tuple(missing))
    if t.requires_stopped or t.requires_expired:
        open_clocks = {c.code: c for c in clocks.open_clocks(case)}
        for code in t.requires_stopped:
            if code in open_clocks:
                raise ConditionNotMet(_("“%(clock)s” is still running; finish that step first.")
                                      % {"clock": proc.clock(code).label})
        for code in t.requires_expired:
            clock = open_clocks.get(code)
            if clock is None:
                raise ConditionNotMet(_("“%(clock)s” is not running.") % {"clock": proc.clock(code).label})
            if clock.state == ClockState.PAUSED or clock.due_date is None or at <= clock.due_date:
                raise ConditionNotMet(_("“%(clock)s” runs until %(date)s; this step is possible only after it.")
                                      % {"clock": proc.clock(code).label,
                                         "date": clock.due_date.isoformat() if clock.due_date else "?"})
    if t.not_before_fact:
        day = _fact_date(case, cleaned, t.not_before_fact)
        if day is None:
            raise ConditionNotMet(_("“%(field)s” has not been recorded yet.")
                                  % {"field": _field_label(proc, t.not_before_fact)})
        if at < day:
            raise BadDate(_("This step cannot be dated before %(field)s (%(date)s).")
                          % {"field": _field_label(proc, t.not_before_fact), "date": day.isoformat()})


# ---------------------------------------------------------------- clock effects

def _open_clock(case: Case, code: str) -> Clock | None:
    return case.clocks.filter(code=code, state__in=(ClockState.RUNNING, ClockState.PAUSED)).first()


def _chosen(effect, cleaned: dict, proc: Procedure) -> list[str]:
    wanted = cleaned.get("clock")
    if wanted:
        if wanted not in effect.clocks:
            raise InvalidField(_("This step does not act on “%(clock)s”.") % {"clock": proc.clock(wanted).label},
                               fields=("clock",))
        return [wanted]
    return list(effect.clocks)


def _start(case, proc, spec, at, cleaned, effect) -> Clock:
    if _open_clock(case, spec.code) is not None:
        raise ClockError(_("“%(clock)s” is already running on this case.") % {"clock": spec.label})
    on = at
    if effect.from_field:
        on = _fact_date(case, cleaned, effect.from_field) or at
    variant = next((v for v in spec.variants if holds(v.when, case, cleaned)), None)
    until = None
    if spec.set_by:
        until = cleaned.get(spec.set_by)
    return clocks.start(case, proc, spec, on, part=variant.code if variant else "base", until=until)


def _extend(case, proc, effect, at, cleaned, user, seq) -> dict:
    code = _chosen(effect, cleaned, proc)[0]
    spec = proc.clock(code)
    clock = _open_clock(case, code)
    if clock is None:
        raise ClockError(_("“%(clock)s” is not running, so it cannot be extended.") % {"clock": spec.label})
    ext_code = cleaned.get("extension")
    ext = spec.extension(ext_code) if ext_code else None
    if ext is None:
        allowed = "、".join(str(e.label) for e in spec.extensions) or _("none")
        raise ExtensionRefused(_("The law allows no such extension of “%(clock)s”. Allowed: %(allowed)s.")
                               % {"clock": spec.label, "allowed": allowed}, fields=("extension",))
    if not holds(ext.when, case, cleaned):
        raise ExtensionRefused(_("“%(ext)s” does not apply to this case.") % {"ext": ext.label},
                               fields=("extension",))
    if user is None or user.role not in ext.approvers:
        raise ExtensionRefused(_("Only %(roles)s may record the extension “%(ext)s”.")
                               % {"roles": _roles_text(ext.approvers), "ext": ext.label})
    snap = clock.rule.get("extensions", {}).get(ext.code)
    if snap is None:  # pragma: no cover - a clock started before this extension was declared
        raise ExtensionRefused(_("This time limit was started under a rule without this extension."))
    used = [e for e in clock.extensions if e["code"] == ext.code]
    if snap.get("max_count") is not None and len(used) >= snap["max_count"]:
        raise ExtensionRefused(
            _("The law allows “%(ext)s” only %(n)d time(s); it was already granted.")
            % {"ext": ext.label, "n": snap["max_count"]}, fields=("extension",))
    if ext.after and not any(e["code"] == ext.after for e in clock.extensions):
        raise ExtensionRefused(_("“%(ext)s” is possible only after “%(first)s”.")
                               % {"ext": ext.label, "first": spec.extension(ext.after).label},
                               fields=("extension",))
    if clock.due_date is not None and clock.state == ClockState.RUNNING and at > clock.due_date:
        raise ExtensionRefused(_("“%(clock)s” expired on %(date)s; it can no longer be extended.")
                               % {"clock": spec.label, "date": clock.due_date.isoformat()})
    n, until = cleaned.get("n"), cleaned.get("until")
    if snap["unit"] == clocks.DATE:
        if n is not None:
            raise InvalidField(_("This extension runs to a date set by the decision; give the date, not a length."),
                               fields=("n",))
        if until is None:
            raise MissingField(_("Give the date the approving decision set."), fields=("until",))
        if clock.due_date is not None and until <= clock.due_date:
            raise ExtensionRefused(_("The new date must be after the current due date, %(date)s.")
                                   % {"date": clock.due_date.isoformat()}, fields=("until",))
    else:
        if until is not None:
            raise InvalidField(_("This extension is a length of time; give the length, not a date."),
                               fields=("until",))
        most = int(snap["n"])
        n = most if n is None else n
        if n > most:
            raise ExtensionRefused(_("The law allows at most %(most)s for “%(ext)s”.")
                                   % {"most": Rule(Unit(snap["unit"]), most).label(), "ext": ext.label},
                                   fields=("n",))
    old_due = clock.due_date
    clocks.extend(clock, ext.code, on=at, n=n, until=until, approved_by=cleaned.get("approved_by", ""),
                  approval_ref=cleaned.get("approval_ref", ""), event_seq=seq)
    return {"clock": code, "action": "extend", "extension": ext.code, "old_due": _json(old_due),
            "due": _json(clock.due_date), "provisional": clock.provisional}


def _apply_effects(case: Case, proc: Procedure, t: Transition, at: datetime.date, cleaned: dict, user,
                   seq: int) -> list[dict]:
    done: list[dict] = []
    for effect in t.effects:
        if not holds(effect.when, case, cleaned):
            continue
        if effect.action is Action.START:
            spec = proc.clock(effect.clocks[0])
            clock = _start(case, proc, spec, at, cleaned, effect)
            done.append({"clock": spec.code, "action": "start", "on": clock.started_on.isoformat(),
                         "due": _json(clock.due_date), "provisional": clock.provisional,
                         "part": clock.rule.get("part")})
        elif effect.action is Action.STOP:
            for code in effect.clocks:
                clock = _open_clock(case, code)
                if clock is not None:
                    clocks.stop(clock, at)
                    done.append({"clock": code, "action": "stop", "state": clock.state,
                                 "due": _json(clock.due_date)})
        elif effect.action is Action.PAUSE:
            reason = cleaned["pause_reason"]
            chosen = _chosen(effect, cleaned, proc)
            paused = 0
            for code in chosen:
                spec = proc.clock(code)
                clock = _open_clock(case, code)
                explicit = len(chosen) == 1 and "clock" in cleaned
                if clock is None or clock.state != ClockState.RUNNING:
                    if explicit:
                        raise ClockError(_("“%(clock)s” is not running.") % {"clock": spec.label})
                    continue
                if reason not in spec.pause_reasons:
                    if explicit:
                        raise ClockError(_("The law does not exclude this interval from “%(clock)s”.")
                                         % {"clock": spec.label}, fields=("pause_reason",))
                    continue
                if clock.due_date is not None and at > clock.due_date:
                    raise ClockError(_("“%(clock)s” expired on %(date)s; it cannot be paused after that.")
                                     % {"clock": spec.label, "date": clock.due_date.isoformat()})
                clocks.pause(clock, at, reason)
                paused += 1
                done.append({"clock": code, "action": "pause", "reason": reason})
            if not paused:
                raise ClockError(_("No running time limit of this case excludes that interval."),
                                 fields=("pause_reason",))
        elif effect.action is Action.RESUME:
            chosen = _chosen(effect, cleaned, proc)
            resumed = 0
            for code in chosen:
                clock = _open_clock(case, code)
                if clock is None or clock.state != ClockState.PAUSED:
                    if "clock" in cleaned:
                        raise ClockError(_("“%(clock)s” is not paused.") % {"clock": proc.clock(code).label})
                    continue
                clocks.resume(clock, at)
                resumed += 1
                done.append({"clock": code, "action": "resume", "due": _json(clock.due_date),
                             "provisional": clock.provisional})
            if not resumed:
                raise ClockError(_("No time limit of this case is paused."))
        elif effect.action is Action.EXTEND:
            done.append(_extend(case, proc, effect, at, cleaned, user, seq))
    return done


# ---------------------------------------------------------------- numbers and check codes

def format_number(prefix: str, year: int, n: int) -> str:
    return f"{prefix}〔{year}〕{n}号"


def allocate_number(prefix: str, year: int) -> int:
    """The next number for (prefix, year); call inside a transaction.

    One UPDATE … SET last = last + 1 takes the row lock (PostgreSQL) or the database write
    lock (SQLite, whose transactions here begin IMMEDIATE), so two cases never get the same
    number; the first number of a year creates the row, and a concurrent creator that loses
    the race retries the UPDATE."""
    for _attempt in range(5):
        if CaseSequence.objects.filter(prefix=prefix, year=year).update(last=F("last") + 1):
            return CaseSequence.objects.filter(prefix=prefix, year=year).values_list("last", flat=True).get()
        try:
            with transaction.atomic():
                CaseSequence.objects.create(prefix=prefix, year=year, last=1)
            return 1
        except IntegrityError:
            continue
    raise RuntimeError("could not allocate a case number")  # pragma: no cover


def _check_code_hash(code: str) -> str:
    return salted_hmac("zhibao.cases.check_code", code.strip().upper()).hexdigest()


_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def find_by_check_code(number: str, code: str) -> Case | None:
    """The case a member of the public follows with its tracking number and check code."""
    case = Case.objects.filter(number=(number or "").strip()).first()
    if case is None or not case.check_code_hash or not code:
        return None
    if not constant_time_compare(case.check_code_hash, _check_code_hash(code)):
        return None
    return case


# ---------------------------------------------------------------- case changes

def _apply_case_changes(case: Case, proc: Procedure, t: Transition, at: datetime.date, cleaned: dict) -> None:
    for attr, field_name in t.sets:
        value = cleaned.get(field_name)
        if value in (None, ""):
            continue
        if attr == "handling_org":
            case.handling_org_id = value
        elif attr == "track":
            if value not in proc.tracks:
                raise InvalidField(_("This procedure has no such track."), fields=(field_name,))
            case.track = value
        elif attr == "kind":
            if value not in dict(proc.kinds):
                raise InvalidField(_("This procedure has no such kind."), fields=(field_name,))
            case.kind = value
    outcome = cleaned.get("outcome") if t.field("outcome") else ""
    if outcome or t.outcome:
        case.outcome = outcome or t.outcome
    if t.files and case.filed_on is None:
        case.filed_on = at
    facts = dict(case.facts or {})
    facts.update({k: _json(v) for k, v in cleaned.items() if k not in STEP_ONLY})
    case.facts = facts
    numbering = proc.numbering
    if numbering.prefix and not case.number and (t.files if numbering.on_filing else t.is_entry):
        case.number = format_number(numbering.prefix, at.year, allocate_number(numbering.prefix, at.year))
    if numbering.external_field and t.is_entry:
        number = cleaned.get(numbering.external_field)
        if Case.objects.filter(number=number).exclude(pk=case.pk).exists():
            raise InvalidField(_("A case with the number %(number)s is already recorded.") % {"number": number},
                               fields=(numbering.external_field,))
        case.number = number


def _close_if_terminal(case: Case, proc: Procedure, at: datetime.date) -> list[dict]:
    stage = proc.stage(case.stage)
    if not stage or not stage.terminal:
        return []
    case.closed_on = at
    done = []
    for clock in clocks.open_clocks(case):
        clocks.stop(clock, at, cancelled=True)
        done.append({"clock": clock.code, "action": "stop", "state": clock.state, "due": _json(clock.due_date)})
    return done


def _sync_back(target: Case, source: Case) -> None:
    for f in ("number", "stage", "track", "kind", "handling_org_id", "district_id", "filed_on", "closed_on",
              "outcome", "facts", "version", "due_date", "updated"):
        setattr(target, f, getattr(source, f))
    for cache in ("handling_org", "district"):
        target._state.fields_cache.pop(cache, None)


# ---------------------------------------------------------------- opening a case

def _party_from(spec: dict | Party) -> Party:
    if isinstance(spec, Party):
        return spec
    spec = dict(spec)
    allowed = {"role", "entity", "person", "name", "no_prc_domicile", "note"}
    unknown = set(spec) - allowed
    if unknown:
        raise InvalidField(_("Unknown party field(s): %(f)s.") % {"f": ", ".join(sorted(unknown))})
    party = Party(role=spec.get("role", ""), entity=spec.get("entity"), person=spec.get("person"),
                  name=(spec.get("name") or "").strip(), no_prc_domicile=bool(spec.get("no_prc_domicile")),
                  note=(spec.get("note") or "").strip())
    _validate_party(party)
    return party


def _validate_party(party: Party) -> None:
    if party.role not in PartyRole.values:
        raise InvalidField(_("Choose the party's role."), fields=("role",))
    if party.entity is not None and party.person is not None:
        raise InvalidField(_("A party is either a market entity or a person, not both."))
    if party.entity is not None and not isinstance(party.entity, MarketEntity):
        raise InvalidField(_("The party's entity must be a registered market entity."))
    if party.person is not None and not isinstance(party.person, Person):
        raise InvalidField(_("The party's person must be a registered person."))
    if party.entity is None and party.person is None and not party.name:
        raise InvalidField(_("Give the party's name, or choose a registered entity or person."), fields=("name",))
    for value, limit in ((party.name, 150), (party.note, 300)):
        if len(value) > limit:
            raise InvalidField(_("A party's name or note is too long."))
        try:
            plain_text(value)
        except ValidationError as exc:
            raise InvalidField(" ".join(str(m) for m in exc.messages)) from None


def clean_text(value: str, label, limit: int, required: bool = False) -> str:
    """Stripped text within its limit (required if asked), or CaseError naming the field; pages,
    the API and the document generator clean free text the same way."""
    value = (value or "").strip()
    if required and not value:
        raise MissingField(_("Fill in: %(fields)s.") % {"fields": label})
    if len(value) > limit:
        raise InvalidField(_("%(field)s: at most %(n)d characters.") % {"field": label, "n": limit})
    try:
        plain_text(value)
    except ValidationError as exc:
        raise InvalidField(f"{label}: " + " ".join(str(m) for m in exc.messages)) from None
    return value


def open_case(procedure: str, user, *, handling_org: Organization, title: str, at: datetime.date | None = None,
              entry: str = "open", kind: str = "", track: str = "", channel: str = "",
              district: District | None = None, summary: str = "", officers: Iterable = (), lead=None,
              parties: Iterable[dict | Party] = (), rights: Iterable[IPRight] = (),
              products: Iterable[dict] = (), places: Iterable[dict] = (), data: dict | None = None,
              origin: Case | None = None, note: str = "") -> Case:
    """Open a case through one of the procedure's entry transitions; returns the saved case.

    `at` is the date the matter was received (default today). `user` is None only for
    entries open to the public. Parties are dicts: role, entity or person or name,
    no_prc_domicile, note. Procedures that the public follows (reports, complaints) give the
    case a check code: it is on the returned object as `case.check_code`, shown once.
    """
    try:
        proc = procedures.get(procedure)
    except procedures.UnknownProcedure:
        raise UnknownStep(_("There is no procedure “%(code)s”.") % {"code": procedure}) from None
    user = _actor(user)
    with _acting(user), transaction.atomic():
        return _open(proc, user, entry=entry, handling_org=handling_org, title=title, at=at, kind=kind,
                     track=track, channel=channel, district=district, summary=summary, officers=officers,
                     lead=lead, parties=parties, rights=rights, products=products, places=places, data=data,
                     origin=origin, note=note)


def _open(proc: Procedure, user, *, entry, handling_org, title, at, kind, track, channel, district, summary,
          officers, lead, parties, rights, products, places, data, origin, note, facts=None) -> Case:
    t = proc.transition(entry)
    if t is None or not t.is_entry:
        raise UnknownStep(_("“%(entry)s” is not a way to open a %(proc)s case.")
                          % {"entry": entry, "proc": proc.label})
    _check_actor(Case(), proc, t, user)
    at = _check_date(None, at)
    if proc.kinds:
        if kind not in dict(proc.kinds):
            raise InvalidField(_("Choose the kind of %(proc)s.") % {"proc": proc.label}, fields=("kind",))
    elif kind:
        raise InvalidField(_("This procedure has no kinds."), fields=("kind",))
    if track and track not in proc.tracks:
        raise InvalidField(_("This procedure has no such track."), fields=("track",))
    if channel and channel not in Channel.values:
        raise InvalidField(_("Unknown channel."), fields=("channel",))
    if not isinstance(handling_org, Organization):
        raise InvalidField(_("Choose the handling body."), fields=("handling_org",))
    title = clean_text(title, _("Title"), 200, required=True)
    summary = clean_text(summary, _("Summary"), 10000)
    note = clean_text(note, _("Note"), 5000)
    cleaned = _clean_fields(proc, t, data, at)
    party_rows = [_party_from(p) for p in parties]

    case = Case(procedure=proc.code, kind=kind, stage=t.target, track=track, channel=channel,
                handling_org=handling_org, district=district or handling_org.district, title=title,
                summary=summary, received_on=at, origin=origin,
                created_by=user,
                facts=dict(facts or {}))
    if not _may_see_new(case, party_rows, user):
        raise NotAllowed(_("You may open cases only within your data scope."))
    plain_code = ""
    if proc.check_code:
        plain_code = "".join(secrets.choice(_CODE_ALPHABET) for _i in range(8))
        case.check_code_hash = _check_code_hash(plain_code)
    case.save()
    lead_id = getattr(lead, "pk", None)
    for officer in {o.pk: o for o in officers}.values():
        Assignment.objects.create(case=case, user=officer, lead=officer.pk == lead_id)
    for party in party_rows:
        party.case = case
        party.save()
    for right in {r.pk: r for r in rights}.values():
        CaseRight.objects.create(case=case, right=right)
    for product in products:
        _make_product(case, product)
    for place in places:
        _make_place(case, place)

    _check_guards(case, proc, t, at, cleaned)
    effects = _apply_effects(case, proc, t, at, cleaned, user, 1)
    _apply_case_changes(case, proc, t, at, cleaned)
    effects += _close_if_terminal(case, proc, at)
    case.save()
    Event.objects.create(case=case, seq=1, kind=EventKind.STEP, code=t.code, to_stage=case.stage, at=at,
                         actor=case.created_by, data={k: _json(v) for k, v in cleaned.items()}, effects=effects,
                         note=note)
    case.due_date = clocks.refresh_case_due(case.pk, case.closed_on is None)
    case.check_code = plain_code
    case_opened.send(sender=Case, case=case, user=user)
    return case


def _make_product(case: Case, spec: dict) -> Product:
    spec = dict(spec)
    unknown = set(spec) - {"name", "brand", "model_number", "quantity", "value"}
    if unknown:
        raise InvalidField(_("Unknown product field(s): %(f)s.") % {"f": ", ".join(sorted(unknown))})
    product = Product(case=case, name=clean_text(spec.get("name", ""), _("Product"), 150, required=True),
                      brand=clean_text(spec.get("brand", ""), _("Brand"), 100),
                      model_number=clean_text(spec.get("model_number", ""), _("Model"), 100),
                      quantity=spec.get("quantity"), value=spec.get("value"))
    try:
        product.full_clean(exclude=["case"])
    except ValidationError as exc:
        raise InvalidField(" ".join(exc.messages)) from None
    product.save()
    return product


def _make_place(case: Case, spec: dict) -> Place:
    spec = dict(spec)
    unknown = set(spec) - {"kind", "address", "url", "district"}
    if unknown:
        raise InvalidField(_("Unknown place field(s): %(f)s.") % {"f": ", ".join(sorted(unknown))})
    place = Place(case=case, kind=spec.get("kind") or PlaceKind.PREMISES,
                  address=clean_text(spec.get("address", ""), _("Address or name"), 300, required=True),
                  url=(spec.get("url") or "").strip(), district=spec.get("district"))
    try:
        place.full_clean(exclude=["case"])
    except ValidationError as exc:
        raise InvalidField(" ".join(exc.messages)) from None
    place.save()
    return place


# ---------------------------------------------------------------- taking a step

def available_transitions(case: Case, user) -> list[Transition]:
    """The steps `user` may take on `case` now: their role may, from this stage, and the step
    applies to the case. Fields, documents and time-limit guards are checked by `apply`."""
    user = _actor(user)
    if case.closed_on is not None:
        return []
    if user is None or not can_see(case, user):
        return []
    proc = case.spec
    return [t for t in proc.outgoing(case.stage) if _role_ok(t, user) and holds(t.when, case, {})]


def _lock(case: Case, expected_version: int | None) -> Case:
    locked = Case.objects.select_for_update().filter(pk=case.pk).first()
    if locked is None:
        raise WrongStage(_("This case no longer exists."))
    if expected_version is not None and locked.version != expected_version:
        raise StaleCase(_("Someone else saved this case after you opened it. Nothing was changed; reload the "
                          "case to see the current version, then take the step again."), locked.version)
    return locked


def apply(case: Case, transition_code: str, user, *, at: datetime.date | None = None, data: dict | None = None,
          expected_version: int | None = None, note: str = "") -> Event:
    """Take a step of the case's procedure; returns the timeline event. See the module doc.

    `at` is the date the step happened (default today; not in the future, not before the
    previous step). `data` holds the step's fields. `expected_version` is the case version
    the user saw; a different current version is refused as stale. On success `case` is
    updated in place (stage, version, dates, outcome, number)."""
    proc = case.spec
    t = proc.transition(transition_code)
    if t is None or t.is_entry:
        raise UnknownStep(_("The procedure “%(proc)s” has no step “%(step)s”.")
                          % {"proc": proc.label, "step": transition_code})
    user = _actor(user)
    with _acting(user), transaction.atomic():
        locked = _lock(case, expected_version)
        _check_actor(locked, proc, t, user)
        if locked.closed_on is not None:
            raise WrongStage(_("The case was closed on %(date)s.") % {"date": locked.closed_on.isoformat()})
        if locked.stage not in t.source:
            stage = proc.stage(locked.stage)
            raise WrongStage(_("“%(step)s” cannot be taken at the stage “%(stage)s”.")
                             % {"step": t.label, "stage": stage.label if stage else locked.stage})
        at = _check_date(locked, at)
        note = clean_text(note, _("Note"), 5000)
        cleaned = _clean_fields(proc, t, data, at)
        _check_guards(locked, proc, t, at, cleaned)
        seq = next_seq(locked)
        effects = _apply_effects(locked, proc, t, at, cleaned, user, seq)
        from_stage = locked.stage
        if t.target:
            locked.stage = t.target
        _apply_case_changes(locked, proc, t, at, cleaned)
        effects += _close_if_terminal(locked, proc, at)
        event_data = {k: _json(v) for k, v in cleaned.items()}
        if t.spawn is not None:
            new = _spawn(locked, t, user, at)
            event_data["spawned"] = {"id": new.pk, "number": new.number, "procedure": new.procedure}
        locked.version += 1
        locked.save()
        event = Event.objects.create(case=locked, seq=seq, kind=EventKind.STEP, code=t.code, from_stage=from_stage,
                                     to_stage=locked.stage, at=at, actor=user, data=event_data, effects=effects,
                                     note=note)
        locked.due_date = clocks.refresh_case_due(locked.pk, locked.closed_on is None)
    _sync_back(case, locked)
    return event


def _spawn(case: Case, t: Transition, user, at: datetime.date) -> Case:
    spawn = t.spawn
    target = procedures.get(spawn.procedure)
    facts = {}
    for new_name, old_name in spawn.facts:
        value = getattr(case, old_name, None) if hasattr(case, old_name) else (case.facts or {}).get(old_name)
        facts[new_name] = _json(value) if value is not None else (case.facts or {}).get(old_name)
    officers = [a.user for a in case.assignments.select_related("user")]
    lead = next((a.user for a in case.assignments.all() if a.lead), None)
    parties = [Party(role=p.role, entity=p.entity, person=p.person, name=p.name,
                     no_prc_domicile=p.no_prc_domicile, note=p.note) for p in case.parties.all()]
    return _open(target, user, entry=spawn.entry, handling_org=case.handling_org, title=case.title, at=at,
                 kind=spawn.kind, track=case.track if case.track in target.tracks else "", channel=Channel.TRANSFER,
                 district=case.district, summary=case.summary, officers=officers, lead=lead, parties=parties,
                 rights=[r.right for r in case.rights.select_related("right")],
                 products=[{"name": p.name, "brand": p.brand, "model_number": p.model_number,
                            "quantity": p.quantity, "value": p.value} for p in case.products.all()],
                 places=[{"kind": p.kind, "address": p.address, "url": p.url, "district": p.district}
                         for p in case.places.all()],
                 data=None, origin=case, note="", facts=facts)


# ---------------------------------------------------------------- records on a case

def _editors(proc: Procedure) -> set[str]:
    return {role for t in proc.transitions for role in t.roles if role != PUBLIC}


def _record(case: Case, user, code: str, data: dict, expected_version: int | None, make) -> Any:
    proc = case.spec
    user = _actor(user)
    with _acting(user), transaction.atomic():
        locked = _lock(case, expected_version)
        if user is None or not user.is_active or user.role not in _editors(proc):
            raise NotAllowed(_("Your role may not change %(proc)s cases.") % {"proc": proc.label})
        if not can_see(locked, user):
            raise NotAllowed(_("This case is outside your data scope."))
        if locked.closed_on is not None:
            raise WrongStage(_("The case was closed on %(date)s.") % {"date": locked.closed_on.isoformat()})
        result = make(locked)
        Event.objects.create(case=locked, seq=next_seq(locked), kind=EventKind.RECORD, code=code, at=_today(),
                             actor=user, data=data)
        locked.version += 1
        locked.save(update_fields=["version", "updated"])
    _sync_back(case, locked)
    return result


def add_party(case: Case, user, *, role: str, entity: MarketEntity | None = None, person: Person | None = None,
              name: str = "", no_prc_domicile: bool = False, note: str = "",
              expected_version: int | None = None) -> Party:
    party = _party_from({"role": role, "entity": entity, "person": person, "name": name,
                         "no_prc_domicile": no_prc_domicile, "note": note})

    def make(locked):
        party.case = locked
        party.save()
        return party

    return _record(case, user, "party_added", {"role": role, "party": str(party)[:150]}, expected_version, make)


def add_right(case: Case, user, right: IPRight, *, note: str = "", expected_version: int | None = None) -> CaseRight:
    note = clean_text(note, _("Note"), 300)

    def make(locked):
        link, _created = CaseRight.objects.get_or_create(case=locked, right=right, defaults={"note": note})
        return link

    return _record(case, user, "right_added", {"right": str(right)[:200]}, expected_version, make)


def add_product(case: Case, user, *, expected_version: int | None = None, **spec) -> Product:
    return _record(case, user, "product_added", {"product": str(spec.get("name", ""))[:150]}, expected_version,
                   lambda locked: _make_product(locked, spec))


def add_place(case: Case, user, *, expected_version: int | None = None, **spec) -> Place:
    return _record(case, user, "place_added", {"place": str(spec.get("address", ""))[:300]}, expected_version,
                   lambda locked: _make_place(locked, spec))


def add_document(case: Case, user, kind: str, *, title: str = "", reference: str = "",
                 dated: datetime.date | None = None, expected_version: int | None = None) -> CaseDocument:
    """Record that a document of the procedure exists on the case (the engine checks these)."""
    proc = case.spec
    if kind not in dict(proc.documents):
        raise InvalidField(_("The procedure “%(proc)s” has no document “%(kind)s”.")
                           % {"proc": proc.label, "kind": kind}, fields=("kind",))
    title = clean_text(title, _("Title"), 200) or str(proc.document_label(kind))
    reference = clean_text(reference, _("Document number"), 100)
    if dated is not None and dated > _today():
        raise BadDate(_("A document cannot be dated in the future."))

    def make(locked):
        return CaseDocument.objects.create(case=locked, kind=kind, title=title, reference=reference, dated=dated,
                                           created_by=user)

    return _record(case, user, "document_added", {"kind": kind, "reference": reference}, expected_version, make)


def assign(case: Case, user, officer, *, lead: bool = False, expected_version: int | None = None) -> Assignment:
    """Assign an officer to the case (`lead` makes them the responsible one)."""
    if not getattr(officer, "is_active", False):
        raise InvalidField(_("Only an active user can be assigned."))

    def make(locked):
        if lead:
            Assignment.objects.filter(case=locked, lead=True).update(lead=False)
        row, created = Assignment.objects.get_or_create(
            case=locked, user=officer,
            defaults={"lead": lead, "due_date": locked.due_date, "case_open": locked.closed_on is None})
        if not created and row.lead != lead:
            row.lead = lead
            row.save(update_fields=["lead"])
        return row

    return _record(case, user, "officer_assigned", {"officer": officer.get_username(), "lead": lead},
                   expected_version, make)


# ---------------------------------------------------------------- reading

def event_label(event: Event) -> str:
    if event.kind == EventKind.STEP:
        try:
            return _step_label(procedures.get(event.case.procedure), event.code)
        except procedures.UnknownProcedure:
            return event.code
    label = RECORD_CODES.get(event.code)
    return _(label) if label else event.code


def timeline(case: Case):
    """The case's events in order, with their actors."""
    return case.events.select_related("actor").order_by("seq")
