"""Triage: propose the competent body, procedure and track of a report or complaint, with the
reasons, and its likely duplicates.

    from zhibao.intake import proposals
    result = proposals.propose(case)          # a Result, nothing saved
    proposals.store(case)                     # saved as the case's Proposal (done on case_opened)

The rules and criteria are those in force on the day the case was received (rules.in_force),
so a later change of the rules does not change what was proposed for an earlier case.
"""
from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from zhibao.cases import procedures
from zhibao.cases.models import Case, PartyRole, PlaceKind, Track
from zhibao.registry.choices import OrganizationKind, RightKind
from zhibao.registry.models import Organization

from . import duplicates, rules
from .models import Matter, Presence, Proposal, ProposalStatus, TrackCriteria, TriageRuleVersion

logger = logging.getLogger(__name__)

INTAKE_PROCEDURES = duplicates.INTAKE_PROCEDURES
DECLARED_KEYS = ("matter", "foreign", "value")


@dataclass
class Facts:
    """What triage looks at, taken from the case and from what was declared at intake."""

    procedure: str
    matter: str = Matter.INFRINGEMENT
    right_kinds: set[str] = field(default_factory=set)
    district: str | None = None
    value: Decimal | None = None
    foreign: bool = False
    exhibition: bool = False
    online: bool = False
    rights: int = 0
    respondents: int = 0

    def as_json(self) -> dict:
        return {"procedure": self.procedure, "matter": self.matter, "right_kinds": sorted(self.right_kinds),
                "district": self.district, "value": None if self.value is None else str(self.value),
                "foreign": self.foreign, "exhibition": self.exhibition, "online": self.online,
                "rights": self.rights, "respondents": self.respondents}


@dataclass
class Result:
    body: Organization | None
    procedure: str
    track: str
    reasons: list[dict]
    rule: TriageRuleVersion | None
    criteria: TrackCriteria | None
    facts: Facts
    duplicates: list[dict]


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def facts_of(case: Case, declared: dict | None = None) -> Facts:
    declared = declared or {}
    parties = list(case.parties.all())
    places = list(case.places.all())
    values = [p.value for p in case.products.all() if p.value is not None]
    value = _decimal(declared.get("value"))
    if value is None and values:
        value = sum(values, Decimal(0))
    district = case.district_id or next((p.district_id for p in places if p.district_id), None)
    return Facts(
        procedure=case.procedure,
        matter=declared.get("matter") or Matter.INFRINGEMENT,
        right_kinds=set(case.rights.values_list("right__kind", flat=True)),
        district=district,
        value=value,
        foreign=bool(declared.get("foreign")) or any(p.no_prc_domicile for p in parties),
        exhibition=any(p.kind == PlaceKind.EXHIBITION for p in places),
        online=any(p.kind == PlaceKind.ONLINE for p in places),
        rights=case.rights.count(),
        respondents=sum(1 for p in parties if p.role == PartyRole.RESPONDENT),
    )


def _presence(wanted: str, actual: bool) -> bool:
    return wanted == Presence.ANY or (wanted == Presence.YES) == actual


def matches(rule: TriageRuleVersion, facts: Facts) -> bool:
    """Whether every condition of the rule holds (an empty condition always holds)."""
    if rule.case_procedures and facts.procedure not in rule.case_procedures:
        return False
    if rule.matters and facts.matter not in rule.matters:
        return False
    if rule.right_kinds and not (facts.right_kinds & set(rule.right_kinds)):
        return False
    if rule.districts and facts.district not in rule.districts:
        return False
    if rule.min_value is not None and (facts.value is None or facts.value < rule.min_value):
        return False
    if rule.max_value is not None and (facts.value is None or facts.value >= rule.max_value):
        return False
    return (_presence(rule.foreign, facts.foreign) and _presence(rule.exhibition, facts.exhibition)
            and _presence(rule.online, facts.online))


def resolve_body(kind: str, district_code: str | None) -> Organization | None:
    """The active body of `kind` in the district; else the city's (the district's parent); else any."""
    qs = Organization.objects.filter(kind=kind, is_active=True).select_related("district")
    if district_code:
        local = qs.filter(district_id=district_code).order_by("name").first()
        if local is not None:
            return local
        upper = qs.filter(district__children__code=district_code).order_by("name").first()
        if upper is not None:
            return upper
    return qs.filter(Q(district__level="city", district__in_cluster=False) | Q(district__isnull=True)).order_by(
        "district_id", "name").first() or qs.order_by("name").first()


def _track(rule: TriageRuleVersion | None, criteria: TrackCriteria | None, facts: Facts,
           reasons: list[dict]) -> str:
    if rule is not None and rule.track:
        reasons.append({"code": "rule_track", "track": rule.track})
        return rule.track
    if criteria is None:
        reasons.append({"code": "no_criteria"})
        return Track.SIMPLE
    complex_ = []
    if criteria.complex_value_from is not None and facts.value is not None and facts.value >= criteria.complex_value_from:
        complex_.append({"code": "value", "value": str(facts.value), "threshold": str(criteria.complex_value_from)})
    if criteria.complex_rights_from and facts.rights >= criteria.complex_rights_from:
        complex_.append({"code": "rights", "n": facts.rights, "threshold": criteria.complex_rights_from})
    if criteria.complex_respondents_from and facts.respondents >= criteria.complex_respondents_from:
        complex_.append({"code": "respondents", "n": facts.respondents, "threshold": criteria.complex_respondents_from})
    if criteria.foreign_is_complex and facts.foreign:
        complex_.append({"code": "foreign"})
    if complex_:
        reasons.extend(complex_)
        return Track.COMPLEX
    reasons.append({"code": "simple", "criteria": criteria.number})
    return Track.SIMPLE


def propose(case: Case, declared: dict | None = None, *, on: datetime.date | None = None) -> Result:
    """Body, procedure and track for `case`, with the reasons, and its likely duplicates.

    `on` is the date whose rules apply (default: the day the case was received)."""
    on = on or case.received_on
    facts = facts_of(case, declared)
    reasons: list[dict] = []
    rule = next((r for r in rules.in_force(on) if matches(r, facts)), None)
    body = None
    if rule is None:
        reasons.append({"code": "no_rule"})
        procedure = ""
        body = case.handling_org
    else:
        reasons.append({"code": "rule", "rule": rule.rule.code, "version": rule.number, "name": rule.name,
                        "text": rule.reasons})
        procedure = rule.procedure
        body = rule.body
        if body is None:
            body = resolve_body(rule.body_kind, facts.district)
            if body is None:
                reasons.append({"code": "no_body", "kind": rule.body_kind})
                body = case.handling_org
            else:
                reasons.append({"code": "body_kind", "kind": rule.body_kind, "body": body.name})
    criteria = rules.criteria_in_force(on)
    track = _track(rule, criteria, facts, reasons)
    return Result(body=body, procedure=procedure, track=track, reasons=reasons, rule=rule, criteria=criteria,
                  facts=facts, duplicates=duplicates.find(case))


def store(case: Case, declared: dict | None = None) -> Proposal | None:
    """Compute and save the proposal of a report or complaint (again, while it awaits a decision)."""
    if case.procedure not in INTAKE_PROCEDURES:
        return None
    existing = Proposal.objects.filter(case=case).first()
    if existing is not None and existing.status != ProposalStatus.PENDING:
        return existing
    declared = {k: v for k, v in (declared if declared is not None else (existing.declared if existing else {})
                                  ).items() if k in DECLARED_KEYS}
    result = propose(case, declared)
    proposal = existing or Proposal(case=case)
    proposal.rules_on = case.received_on
    proposal.declared = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in declared.items()}
    proposal.facts = result.facts.as_json()
    proposal.rule_version = result.rule
    proposal.criteria = result.criteria
    proposal.body = result.body
    proposal.procedure = result.procedure
    proposal.track = result.track
    proposal.reasons = result.reasons
    proposal.duplicates = result.duplicates
    proposal.save()
    return proposal


def on_case_opened(sender, case, user=None, **kwargs):
    """Receiver of cases.signals.case_opened: propose a route for every new report and complaint.

    A fault in triage must not lose a report from the public: the proposal is saved in a
    savepoint, and if it fails the case is still opened (the error is logged and the queue
    shows the case without a proposal until it is proposed again)."""
    if case.procedure not in INTAKE_PROCEDURES:
        return
    try:
        with transaction.atomic():
            store(case)
    except Exception:  # noqa: BLE001 - logged; the case itself must still be received
        logger.exception("triage proposal failed for case %s", case.pk)


# -- words --------------------------------------------------------------------------------------

def track_label(code: str) -> str:
    return str(dict(Track.choices).get(code, code)) if code else ""


def procedure_label(code: str) -> str:
    return str(dict(procedures.choices()).get(code, code)) if code else _("not proposed")


def describe(reason: dict) -> str:
    """One reason of a proposal, in the reader's language."""
    code = reason.get("code")
    if code == "rule":
        return _("Rule “%(name)s” (%(rule)s, version %(version)s): %(text)s") % reason
    if code == "no_rule":
        return _("No triage rule matches; the receiving body is proposed. Decide the route yourself.")
    if code == "body_kind":
        return _("Competent body: the %(kind)s for the case's district, %(body)s.") % {
            "kind": dict(OrganizationKind.choices).get(reason["kind"], reason["kind"]), "body": reason["body"]}
    if code == "no_body":
        return _("No active %(kind)s was found; the receiving body is proposed.") % {
            "kind": dict(OrganizationKind.choices).get(reason["kind"], reason["kind"])}
    if code == "rule_track":
        return _("Track set by the rule: %(track)s.") % {"track": track_label(reason["track"])}
    if code == "value":
        return _("Complex: the value involved, %(value)s yuan, is at least %(threshold)s yuan.") % reason
    if code == "rights":
        return _("Complex: %(n)s rights are involved (complex from %(threshold)s).") % reason
    if code == "respondents":
        return _("Complex: %(n)s respondents (complex from %(threshold)s).") % reason
    if code == "foreign":
        return _("Complex: the matter has a foreign element.")
    if code == "simple":
        return _("Simple: none of the complex criteria (version %(criteria)s) holds.") % reason
    if code == "no_criteria":
        return _("No simple/complex criteria are in force; simple is proposed.")
    return str(reason)


SIGNALS = {
    "respondent_entity": lambda: _("same respondent (registered entity)"),
    "respondent_uscc": lambda: _("same respondent USCC"),
    "respondent_name": lambda: _("same respondent name"),
    "right": lambda: _("same right"),
    "product": lambda: _("nearly the same product name"),
}


def signal_labels(signals: list[str]) -> str:
    return "、".join(SIGNALS[s]() if s in SIGNALS else s for s in signals)


def right_kind_label(code: str) -> str:
    return str(dict(RightKind.choices).get(code, code))
