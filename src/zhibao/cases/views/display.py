"""What the case page shows of clocks, parties and timeline events, in the active language.

Plain functions from records to small dicts the templates print, so that the templates hold
no rules: days left, the provisional reason, masked personal data, readable event data.
"""
from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhibao.calendar.limits import Rule, Unit, provisional_message
from zhibao.registry import masking

from .. import clocks, party_names
from ..models import ClockState, Event, EventKind, PartyRole
from ..procedures.base import FieldKind
from ..procedures.common import PAUSE_REASONS

PAUSE_LABELS = dict(PAUSE_REASONS)
HOLDERS = {"body": gettext_lazy("the handling body"), "party": gettext_lazy("a party"),
           "court": gettext_lazy("the court")}


def clock_row(clock, today) -> dict:
    """A time limit as the case page shows it."""
    spec = clock.spec
    due = clocks.compute(clock, explain=True)
    days_left = (clock.due_date - today).days if clock.due_date and clock.is_open else None
    rule = clock.rule or {}
    return {
        "clock": clock,
        "label": clock.label,
        "legal": clock.legal,
        "holder": HOLDERS.get(clock.holder, clock.holder),
        "starts": spec.starts if spec else "",
        "period": _period_text(rule),
        "source": rule.get("source", ""),
        "tag": rule.get("tag", ""),
        "days_left": days_left,
        "days_over": -days_left if days_left is not None and days_left < 0 else 0,
        "overdue": days_left is not None and days_left < 0 and clock.state == ClockState.RUNNING,
        "paused_reason": PAUSE_LABELS.get(clock.pause_reason, clock.pause_reason),
        "provisional_reason": provisional_message(due.provisional_years) if clock.provisional and
        due.provisional_years else "",
        "extensions": [_extension_text(spec, e) for e in clock.extensions],
        "explanation": due.explanation,
    }


def _period_text(rule: dict) -> str:
    if rule.get("unit") == clocks.DATE or not rule.get("unit"):
        return _("a date set by decision")
    return Rule(Unit(rule["unit"]), int(rule["n"])).label()


def _extension_text(spec, ext: dict) -> str:
    declared = spec.extension(ext["code"]) if spec else None
    label = str(declared.label) if declared else ext["code"]
    if ext.get("unit") == clocks.DATE:
        amount = _("until %(date)s") % {"date": ext["until"]}
    else:
        amount = _period_text(ext)
    approval = "，".join(x for x in (ext.get("approved_by"), ext.get("approval_ref")) if x)
    text = _("%(label)s on %(on)s: %(amount)s") % {"label": label, "on": ext["on"], "amount": amount}
    return f"{text} ({approval})" if approval else text


def party_row(party, full: bool) -> dict:
    """A party; a natural person (registered, or a name typed on the case) is masked unless
    `full` (the user may see personal data in full and asked to, which is logged)."""
    row = {"role": party.get_role_display(), "name": party_names.shown(party, full=full), "note": party.note,
           "no_prc_domicile": party.no_prc_domicile, "url": "", "masked": not party.entity_id and not full}
    if party.entity_id:
        return {**row, "code": party.entity.uscc, "url": party.entity.get_absolute_url()}
    id_number = party.person.id_number or "" if party.person_id else ""
    return {**row, "code": id_number if full else masking.id_number(id_number)}


def persons_of(parties) -> list:
    return [p.person for p in parties if p.person_id]


RECORD_LABELS = {"party": gettext_lazy("Party"), "right": gettext_lazy("Right"), "product": gettext_lazy("Product"),
                 "place": gettext_lazy("Place"), "kind": gettext_lazy("Kind"),
                 "reference": gettext_lazy("Document number"), "officer": gettext_lazy("Officer"),
                 "lead": gettext_lazy("Lead officer"), "role": gettext_lazy("Role")}


def event_row(event: Event, proc, *, full: bool = False, entity_names=frozenset()) -> dict:
    """A timeline entry: what happened, by whom, and its data in words. A party's name is
    masked as in the party list, unless it is a registered entity's (`entity_names`)."""
    details = []
    t = proc.transition(event.code) if event.kind == EventKind.STEP else None
    for key, value in (event.data or {}).items():
        spec = t.field(key) if t else None
        if value in ("", None):
            continue
        if spec is not None:
            details.append((spec.label, _value_text(spec, value)))
        elif key == "spawned" and isinstance(value, dict):
            details.append((_("Opened the case"), value.get("number") or f"#{value.get('id')}"))
        elif key == "role" and value in PartyRole.values:
            details.append((RECORD_LABELS[key], PartyRole(value).label))
        elif key == "party" and not full and value not in entity_names:
            details.append((RECORD_LABELS[key], masking.name(value)))
        elif key == "kind" and event.code == "document_added":
            details.append((RECORD_LABELS[key], proc.document_label(value)))
        elif key == "lead":
            details.append((RECORD_LABELS[key], _("yes") if value else _("no")))
        else:
            details.append((RECORD_LABELS.get(key, key), value))
    return {
        "seq": event.seq, "at": event.at, "note": event.note, "actor": event.actor, "recorded": event.recorded,
        "label": event.label,
        "from_stage": _stage_label(proc, event.from_stage),
        "to_stage": _stage_label(proc, event.to_stage) if event.to_stage != event.from_stage else "",
        "details": details,
        "effects": [_effect_text(proc, e) for e in event.effects or []],
    }


def _value_text(spec, value):
    if spec.kind is FieldKind.CHOICE:
        return dict(spec.choices).get(value, value)
    if spec.kind is FieldKind.BOOL:
        return _("yes") if value else _("no")
    if spec.kind is FieldKind.ORGANIZATION:
        from zhibao.registry.models import Organization
        return Organization.objects.filter(pk=value).values_list("name", flat=True).first() or value
    return value


def _stage_label(proc, code: str) -> str:
    stage = proc.stage(code) if code else None
    return str(stage.label) if stage else code


def _effect_text(proc, effect: dict) -> str:
    spec = proc.clock(effect.get("clock", ""))
    label = str(spec.label) if spec else effect.get("clock", "")
    action = effect.get("action")
    if action == "start":
        return _("%(clock)s started, due %(due)s") % {"clock": label, "due": effect.get("due") or "—"}
    if action == "stop":
        return _("%(clock)s stopped: %(state)s") % {"clock": label,
                                                    "state": ClockState(effect.get("state")).label}
    if action == "pause":
        return _("%(clock)s paused: %(reason)s") % {"clock": label,
                                                    "reason": PAUSE_LABELS.get(effect.get("reason"), "")}
    if action == "resume":
        return _("%(clock)s resumed, due %(due)s") % {"clock": label, "due": effect.get("due") or "—"}
    if action == "extend":
        return _("%(clock)s extended from %(old)s to %(due)s") % {"clock": label, "old": effect.get("old_due"),
                                                                  "due": effect.get("due")}
    return label
