"""The triage rules and simple/complex criteria in force on a date, and changing them.

A change never edits a version: it adds one, with who, when and why, in force from a date
(which may be in the past for a correction: the later version wins on that date). So the
rules that proposed a route for a case received on any day can be read back.
"""
from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from zhibao.cases import procedures
from zhibao.cases.procedures import TRACKS
from zhibao.registry.choices import OrganizationKind, RightKind
from zhibao.registry.models import District
from zhibao.registry.validation import plain_text

from .models import Matter, Presence, TrackCriteria, TriageRule, TriageRuleVersion

#: The fields of a rule version that a change may set (everything but the history columns).
RULE_FIELDS = ("name", "priority", "active", "effective_from", "case_procedures", "matters", "right_kinds",
               "districts", "min_value", "max_value", "foreign", "exhibition", "online", "body", "body_kind",
               "procedure", "track", "reasons")
CRITERIA_FIELDS = ("effective_from", "complex_value_from", "complex_rights_from", "complex_respondents_from",
                   "foreign_is_complex")
CASE_PROCEDURES = ("report", "complaint")


def in_force(on: datetime.date) -> list[TriageRuleVersion]:
    """The rule versions in force on `on`, in the order they are tried (priority, then code)."""
    latest: dict[int, TriageRuleVersion] = {}
    versions = (TriageRuleVersion.objects.filter(effective_from__lte=on)
                .select_related("rule", "body", "body__district").order_by("rule_id", "effective_from", "number"))
    for version in versions:
        latest[version.rule_id] = version
    return sorted((v for v in latest.values() if v.active), key=lambda v: (v.priority, v.rule.code))


def criteria_in_force(on: datetime.date) -> TrackCriteria | None:
    return TrackCriteria.objects.filter(effective_from__lte=on).order_by("-effective_from", "-number").first()


def current(rule: TriageRule) -> TriageRuleVersion | None:
    """The rule's latest version (whatever its date)."""
    return rule.versions.order_by("-number").first()


class StaleRule(Exception):
    """Someone else changed the rule after the editor read it."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def _check_why(why: str) -> str:
    why = (why or "").strip()
    if not why:
        raise ValidationError({"why": _("Say why the rule is changed; the reason is kept with the version.")})
    if len(why) > 2000:
        raise ValidationError({"why": _("At most 2000 characters.")})
    plain_text(why)
    return why


def _codes(values, allowed: set[str], field: str, label: str) -> list[str]:
    values = list(dict.fromkeys(values or []))
    bad = [v for v in values if v not in allowed]
    if bad:
        raise ValidationError({field: _("%(label)s: unknown value(s) %(values)s.")
                               % {"label": label, "values": ", ".join(map(str, bad))}})
    return values


def clean_rule(version: TriageRuleVersion) -> None:
    """Check a rule version before it is saved; ValidationError per field, translated."""
    errors: dict[str, str] = {}
    try:
        version.case_procedures = _codes(version.case_procedures, set(CASE_PROCEDURES), "case_procedures",
                                         _("Report or complaint"))
        version.matters = _codes(version.matters, set(Matter.values), "matters", _("Matters"))
        version.right_kinds = _codes(version.right_kinds, set(RightKind.values), "right_kinds", _("Types of right"))
        codes = set(District.objects.filter(code__in=version.districts or []).values_list("code", flat=True))
        version.districts = _codes(version.districts, codes, "districts", _("Districts"))
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    for name in ("min_value", "max_value"):
        value = getattr(version, name)
        if value is not None and Decimal(value) < 0:
            errors[name] = _("A value involved cannot be negative.")
    if (version.min_value is not None and version.max_value is not None
            and Decimal(version.max_value) <= Decimal(version.min_value)):
        errors["max_value"] = _("The upper bound must be above the lower bound.")
    for name in ("foreign", "exhibition", "online"):
        if getattr(version, name) not in Presence.values:
            errors[name] = _("Choose yes, no or does not matter.")
    if version.body_id is None and not version.body_kind:
        errors["body"] = _("Name the competent body, or the kind of body to look for in the case's district.")
    if version.body_kind and version.body_kind not in OrganizationKind.values:
        errors["body_kind"] = _("Unknown kind of body.")
    if version.procedure not in dict(procedures.choices()):
        errors["procedure"] = _("Choose a procedure.")
    if version.track and version.track not in TRACKS:
        errors["track"] = _("Choose simple, complex or fast track, or leave it empty.")
    if not (version.name or "").strip():
        errors["name"] = _("Give the rule a name.")
    if not (version.reasons or "").strip():
        errors["reasons"] = _("Give the reasons the officer will see with the proposal.")
    if not isinstance(version.effective_from, datetime.date):
        errors["effective_from"] = _("Enter the date from which the version is in force.")
    if errors:
        raise ValidationError(errors)
    try:
        version.full_clean(exclude=["rule", "number", "changed_by", "why"])
    except ValidationError as exc:
        raise ValidationError({k: v for k, v in exc.message_dict.items()}) from None


def create_rule(code: str, user, values: dict, why: str) -> TriageRuleVersion:
    """A new rule with its first version."""
    with transaction.atomic():
        rule = TriageRule(code=(code or "").strip())
        try:
            rule.full_clean()
        except ValidationError as exc:
            raise ValidationError({"code": exc.message_dict.get("code", exc.messages)}) from None
        rule.save()
        return _add_version(rule, user, values, why, number=1)


def change_rule(rule: TriageRule, user, values: dict, why: str, *, expected: int | None = None) -> TriageRuleVersion:
    """A new version of `rule`: the latest version with `values` applied. `expected` is the
    version number the editor read; another is refused as stale (StaleRule)."""
    with transaction.atomic():
        TriageRule.objects.select_for_update().filter(pk=rule.pk).first()
        last = current(rule)
        if expected is not None and last is not None and last.number != expected:
            raise StaleRule(_("Someone else changed this rule (now version %(n)d) after you opened it. Nothing "
                              "was saved; reload it and make your change again.") % {"n": last.number})
        base = {name: getattr(last, name) for name in RULE_FIELDS} if last else {}
        base["body"] = last.body if last else None
        base.update(values)
        return _add_version(rule, user, base, why, number=(last.number + 1) if last else 1)


def _add_version(rule: TriageRule, user, values: dict, why: str, *, number: int) -> TriageRuleVersion:
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in unknown})
    why = _check_why(why)
    version = TriageRuleVersion(rule=rule, number=number, why=why, changed_by=_actor(user), **values)
    if version.effective_from is None:
        version.effective_from = datetime.date.today()
    clean_rule(version)
    version.save()
    return version


def change_criteria(user, values: dict, why: str, *, expected: int | None = None) -> TrackCriteria:
    """A new version of the simple/complex criteria (the latest with `values` applied)."""
    unknown = set(values) - set(CRITERIA_FIELDS)
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in unknown})
    with transaction.atomic():
        last = TrackCriteria.objects.select_for_update().order_by("-number").first()
        if expected is not None and last is not None and last.number != expected:
            raise StaleRule(_("Someone else changed the criteria (now version %(n)d) after you opened them. "
                              "Nothing was saved; reload them and make your change again.") % {"n": last.number})
        base = {name: getattr(last, name) for name in CRITERIA_FIELDS} if last else {}
        base.update(values)
        criteria = TrackCriteria(number=(last.number + 1) if last else 1, why=_check_why(why),
                                 changed_by=_actor(user), **base)
        if criteria.effective_from is None:
            criteria.effective_from = datetime.date.today()
        for name in ("complex_value_from",):
            if getattr(criteria, name) is not None and Decimal(getattr(criteria, name)) < 0:
                raise ValidationError({name: _("A value involved cannot be negative.")})
        for name in ("complex_rights_from", "complex_respondents_from"):
            value = getattr(criteria, name)
            if value is not None and int(value) < 1:
                raise ValidationError({name: _("Enter a number of at least 1, or leave it empty.")})
        criteria.full_clean(exclude=["changed_by", "why"])
        criteria.save()
        return criteria


def _actor(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def next_priority() -> int:
    top = TriageRuleVersion.objects.aggregate(m=Max("priority"))["m"]
    return (top or 0) + 10
