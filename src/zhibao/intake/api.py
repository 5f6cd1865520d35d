"""Intake in the API: /api/v1/triage-rules (list, read with history, change, create),
/api/v1/triage-criteria (read with history, change), /api/v1/intake/proposals (list, read) and
POST /api/v1/intake/proposals/{id}/decision.

The same rule functions as the pages (rules.py, decisions.py) and the same permissions:
intake.manage_rules for the rules, intake.triage for proposals and decisions.
"""
from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal, Optional

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from zhibao.accounts.scope import visible
from zhibao.api.auth import permission_auth
from zhibao.api.errors import ALL, ApiError, ErrorOut, invalid, not_found
from zhibao.api.resources import MAX_LIMIT, InputSchema, check_query
from zhibao.cases import clocks, engine
from zhibao.cases.models import Case
from zhibao.registry.models import Organization

from . import decisions, proposals, rules
from .models import Proposal, ProposalStatus, TrackCriteria, TriageRule, TriageRuleVersion
from .permissions import IntakePerm

API_PREFIX = ""
router = Router(tags=["intake"])

RULES_AUTH = permission_auth((IntakePerm.RULES,), lambda: _("You do not have permission to manage triage rules."))
TRIAGE_AUTH = permission_auth((IntakePerm.TRIAGE,), lambda: _("You do not have permission to triage."))


def _errors(exc: ValidationError) -> ApiError:
    if hasattr(exc, "error_dict"):
        return invalid({k: [str(m) for m in v] for k, v in exc.message_dict.items()})
    return invalid({ALL: [str(m) for m in exc.messages]})


# -- schemas -------------------------------------------------------------------------------------

class RuleVersionOut(Schema):
    number: int
    effective_from: datetime.date
    active: bool
    priority: int
    name: str
    case_procedures: list[str]
    matters: list[str]
    right_kinds: list[str]
    districts: list[str]
    min_value: Optional[Decimal]
    max_value: Optional[Decimal]
    foreign: str
    exhibition: str
    online: str
    body: Optional[int] = Field(None, alias="body_id")
    body_kind: str
    procedure: str
    track: str
    reasons: str
    changed_by: Optional[str] = None
    changed: datetime.datetime
    why: str

    @staticmethod
    def resolve_changed_by(obj):
        return obj.changed_by.username if obj.changed_by_id else None


class RuleOut(Schema):
    code: str
    current: RuleVersionOut
    history: Optional[list[RuleVersionOut]] = None


class RuleList(Schema):
    on: datetime.date
    count: int
    results: list[RuleOut]


class RuleIn(InputSchema):
    """The fields to change (the rest are taken from the latest version), the reason, and the
    version number read (`expected`), or for a new rule its `code` and every field."""

    code: Optional[str] = None
    expected: Optional[int] = None
    why: str
    name: Optional[str] = None
    priority: Optional[int] = Field(None, ge=0, le=32767)
    active: Optional[bool] = None
    effective_from: Optional[datetime.date] = None
    case_procedures: Optional[list[str]] = None
    matters: Optional[list[str]] = None
    right_kinds: Optional[list[str]] = None
    districts: Optional[list[str]] = None
    min_value: Optional[Decimal] = Field(None, max_digits=14, decimal_places=2)
    max_value: Optional[Decimal] = Field(None, max_digits=14, decimal_places=2)
    foreign: Optional[Literal["", "yes", "no"]] = None
    exhibition: Optional[Literal["", "yes", "no"]] = None
    online: Optional[Literal["", "yes", "no"]] = None
    body: Optional[int] = None
    body_kind: Optional[str] = None
    procedure: Optional[str] = None
    track: Optional[Literal["", "simple", "complex"]] = None
    reasons: Optional[str] = None


class CriteriaOut(Schema):
    number: int
    effective_from: datetime.date
    complex_value_from: Optional[Decimal]
    complex_rights_from: Optional[int]
    complex_respondents_from: Optional[int]
    foreign_is_complex: bool
    changed_by: Optional[str] = None
    changed: datetime.datetime
    why: str

    @staticmethod
    def resolve_changed_by(obj):
        return obj.changed_by.username if obj.changed_by_id else None


class CriteriaHistory(Schema):
    in_force: Optional[CriteriaOut]
    history: list[CriteriaOut]


class CriteriaIn(InputSchema):
    expected: Optional[int] = None
    why: str
    effective_from: Optional[datetime.date] = None
    complex_value_from: Optional[Decimal] = Field(None, max_digits=14, decimal_places=2)
    complex_rights_from: Optional[int] = Field(None, ge=1, le=1000)
    complex_respondents_from: Optional[int] = Field(None, ge=1, le=1000)
    foreign_is_complex: Optional[bool] = None


class ReasonOut(Schema):
    code: str
    text: str


class DuplicateOut(Schema):
    case: int
    number: str
    title: str
    received_on: datetime.date
    signals: list[str]


class DecisionOut(Schema):
    body: int
    procedure: str
    track: str
    duplicate_of: Optional[int]
    differences: list[str]
    why: str
    decided_by: Optional[str]
    decided: datetime.datetime


class ProposalOut(Schema):
    id: int
    case: int
    case_number: Optional[str]
    case_title: str
    case_procedure: str
    channel: str
    received_on: datetime.date
    status: str
    rules_on: datetime.date
    body: Optional[int]
    body_name: Optional[str]
    procedure: str
    track: str
    rule: Optional[str]
    rule_version: Optional[int]
    reasons: list[ReasonOut]
    facts: dict
    duplicates: list[DuplicateOut]
    decision: Optional[DecisionOut] = None


class ProposalList(Schema):
    count: int
    limit: int
    offset: int
    results: list[ProposalOut]


class DecisionIn(InputSchema):
    """Leave body, procedure and track out to accept the proposal; `version` is the case version read."""

    body: Optional[int] = None
    procedure: Optional[str] = None
    track: Optional[Literal["simple", "complex"]] = None
    duplicate_of: Optional[int] = None
    why: str = ""
    version: Optional[int] = None


# -- triage rules --------------------------------------------------------------------------------

def _rule(code: str) -> TriageRule:
    rule = TriageRule.objects.filter(code=code).first() if "\x00" not in code else None
    if rule is None:
        raise not_found()
    return rule


def _rule_out(rule: TriageRule, version: TriageRuleVersion, history: bool) -> dict:
    out = {"code": rule.code, "current": version}
    if history:
        out["history"] = list(rule.versions.select_related("changed_by").order_by("-number"))
    return out


class RuleListQuery(Schema):
    on: Optional[datetime.date] = None


@router.get("/triage-rules", response={200: RuleList, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
            auth=RULES_AUTH, summary="Triage rules in force on a date")
def list_rules(request, query: Query[RuleListQuery]):
    check_query(request, {"on"})
    on = query.on or clocks.today()
    found = rules.in_force(on)
    return {"on": on, "count": len(found), "results": [_rule_out(v.rule, v, False) for v in found]}


@router.get("/triage-rules/{code}", response={200: RuleOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
            auth=RULES_AUTH, summary="A triage rule with its history")
def read_rule(request, code: str):
    rule = _rule(code)
    return _rule_out(rule, rules.current(rule), True)


def _rule_values(body: RuleIn, creating: bool) -> dict:
    values = body.model_dump(exclude={"code", "expected", "why"}, exclude_unset=not creating)
    if creating:
        values = {k: v for k, v in values.items() if v is not None}
    if "body" in values:
        pk = values.pop("body")
        org = Organization.objects.filter(pk=pk, is_active=True).first() if pk is not None else None
        if pk is not None and org is None:
            raise invalid({"body": [_("There is no active organization with the id %(id)s.") % {"id": pk}]})
        values["body"] = org
    for key in ("case_procedures", "matters", "right_kinds", "districts"):
        if key in values and values[key] is None:
            values[key] = []
    for key in ("foreign", "exhibition", "online", "body_kind", "track"):
        if key in values and values[key] is None:
            values[key] = ""
    return values


@router.patch("/triage-rules/{code}", response={200: RuleOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                                                409: ErrorOut, 422: ErrorOut},
              auth=RULES_AUTH, summary="Change a triage rule (a new version)")
def change_rule(request, code: str, body: RuleIn):
    rule = _rule(code)
    try:
        rules.change_rule(rule, request.user, _rule_values(body, False), body.why, expected=body.expected)
    except rules.StaleRule as exc:
        raise ApiError(409, exc.message) from None
    except ValidationError as exc:
        raise _errors(exc) from None
    return _rule_out(rule, rules.current(rule), True)


@router.post("/triage-rules", response={201: RuleOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
             auth=RULES_AUTH, summary="Create a triage rule")
def create_rule(request, body: RuleIn):
    values = _rule_values(body, True)
    values.setdefault("priority", rules.next_priority())
    try:
        version = rules.create_rule(body.code or "", request.user, values, body.why)
    except ValidationError as exc:
        raise _errors(exc) from None
    return Status(201, _rule_out(version.rule, version, True))


@router.get("/triage-criteria", response={200: CriteriaHistory, 401: ErrorOut, 403: ErrorOut},
            auth=RULES_AUTH, summary="Simple/complex criteria in force, with their history")
def read_criteria(request):
    return {"in_force": rules.criteria_in_force(clocks.today()),
            "history": list(TrackCriteria.objects.select_related("changed_by").order_by("-number"))}


@router.patch("/triage-criteria", response={200: CriteriaHistory, 401: ErrorOut, 403: ErrorOut, 409: ErrorOut,
                                             422: ErrorOut},
              auth=RULES_AUTH, summary="Change the simple/complex criteria (a new version)")
def change_criteria(request, body: CriteriaIn):
    try:
        rules.change_criteria(request.user, body.model_dump(exclude={"expected", "why"}, exclude_unset=True),
                              body.why, expected=body.expected)
    except rules.StaleRule as exc:
        raise ApiError(409, exc.message) from None
    except ValidationError as exc:
        raise _errors(exc) from None
    return read_criteria(request)


# -- proposals and decisions ---------------------------------------------------------------------

def _proposal_out(p: Proposal, user) -> dict:
    case = p.case
    ids = [d["case"] for d in p.duplicates]
    seen = set(visible(Case.objects.filter(pk__in=ids), user).values_list("pk", flat=True)) if ids else set()
    decision = getattr(p, "decision", None) if p.status == ProposalStatus.DECIDED else None
    return {
        "id": p.pk, "case": case.pk, "case_number": case.number, "case_title": case.title,
        "case_procedure": case.procedure, "channel": case.channel, "received_on": case.received_on,
        "status": p.status, "rules_on": p.rules_on, "body": p.body_id, "body_name": p.body.name if p.body else None,
        "procedure": p.procedure, "track": p.track,
        "rule": p.rule_version.rule.code if p.rule_version else None,
        "rule_version": p.rule_version.number if p.rule_version else None,
        "reasons": [{"code": r.get("code", ""), "text": proposals.describe(r)} for r in p.reasons],
        "facts": p.facts, "duplicates": [d for d in p.duplicates if d["case"] in seen],
        "decision": None if decision is None else {
            "body": decision.body_id, "procedure": decision.procedure, "track": decision.track,
            "duplicate_of": decision.duplicate_of_id, "differences": decision.differences, "why": decision.why,
            "decided_by": decision.decided_by.username if decision.decided_by_id else None,
            "decided": decision.decided},
    }


def _proposals(request):
    return visible(Proposal.objects.select_related("case", "body", "rule_version__rule", "decision__decided_by"),
                   request.user)


class ProposalQuery(Schema):
    status: Literal["pending", "decided", "all"] = "pending"
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=100_000_000)


@router.get("/intake/proposals", response={200: ProposalList, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
            auth=TRIAGE_AUTH, summary="Triage proposals (awaiting a decision by default)")
def list_proposals(request, query: Query[ProposalQuery]):
    check_query(request, {"status", "limit", "offset"})
    qs = _proposals(request).order_by("-case__received_on", "-pk")
    if query.status != "all":
        qs = qs.filter(status=query.status)
    rows = list(qs[query.offset:query.offset + query.limit])
    return {"count": qs.count(), "limit": query.limit, "offset": query.offset,
            "results": [_proposal_out(p, request.user) for p in rows]}


def _proposal(request, pk: int) -> Proposal:
    p = _proposals(request).filter(pk=pk).first()
    if p is None:
        raise not_found()
    return p


@router.get("/intake/proposals/{pk}", response={200: ProposalOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
            auth=TRIAGE_AUTH, summary="A triage proposal")
def read_proposal(request, pk: int):
    return _proposal_out(_proposal(request, pk), request.user)


@router.post("/intake/proposals/{pk}/decision",
             response={201: ProposalOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
             auth=TRIAGE_AUTH, summary="Decide: accept or change the route, or mark a duplicate")
def decide(request, pk: int, body: DecisionIn):
    proposal = _proposal(request, pk)
    errors = {}
    org = None
    if body.body is not None:
        org = Organization.objects.filter(pk=body.body, is_active=True).first()
        if org is None:
            errors["body"] = [_("There is no active organization with the id %(id)s.") % {"id": body.body}]
    other = None
    if body.duplicate_of is not None:
        other = visible(Case.objects.filter(pk=body.duplicate_of), request.user).first()
        if other is None:
            errors["duplicate_of"] = [_("There is no case with the id %(id)s in your data scope.")
                                      % {"id": body.duplicate_of}]
    if errors:
        raise invalid(errors)
    try:
        decisions.decide(proposal, request.user, body=org, procedure=body.procedure or "", track=body.track or "",
                         duplicate_of=other, why=body.why, expected_version=body.version)
    except engine.StaleCase as exc:
        raise ApiError(409, exc.message) from None
    except engine.NotAllowed as exc:
        raise ApiError(403, exc.message) from None
    except engine.CaseError as exc:
        raise invalid({ALL: [exc.message]}) from None
    except ValidationError as exc:
        if not hasattr(exc, "error_dict") and proposal.status != ProposalStatus.PENDING:
            raise ApiError(409, exc.messages[0]) from None
        raise _errors(exc) from None
    return Status(201, _proposal_out(_proposal(request, pk), request.user))
