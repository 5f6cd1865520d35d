"""API schemas of cases: what /api/v1/cases, its sub-resources, worklists and time-limit rules
return and accept.

Input schemas only check shapes (types, lengths, unknown fields); every rule of a case
(roles, stages, fields a step asks for, dates, documents, time limits) is the engine's, so
the API refuses exactly what the pages refuse.
"""
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Optional

from ninja import Field, Schema

from zhibao.api.resources import InputSchema, Linked, api_url_for, choice_label, text
from zhibao.registry import masking
from zhibao.registry.schemas import EntityRef

from .models import ClockState, PartyRole, Place, PlaceKind, Product

Version = Field(..., ge=1, description="The version of the case you read (optimistic locking).")


# -- reading a case -------------------------------------------------------------------------

class PersonRef(Schema):
    """A natural person: masked unless the caller may and asked to see it in full (?full=1)."""

    id: int
    name: str
    phone: str
    masked: bool

    @staticmethod
    def resolve_name(obj, context):
        return obj.name if _full(context) else masking.name(obj.name)

    @staticmethod
    def resolve_phone(obj, context):
        return obj.phone if _full(context) else masking.phone(obj.phone)

    @staticmethod
    def resolve_masked(obj, context):
        return not _full(context)


def _full(context) -> bool:
    return bool(getattr(context["request"], "cases_full_view", False))


def _restricted(context) -> bool:
    """The caller sees the party's view of a case (cases.party_view), as on the case page."""
    return bool(getattr(context["request"], "cases_restricted", False))


class PartyOut(Schema):
    id: int
    role: str
    role_label: str
    entity: Optional[EntityRef]
    person: Optional[PersonRef]
    name: str
    no_prc_domicile: bool
    note: str

    @staticmethod
    def resolve_role_label(obj):
        return choice_label(PartyRole, obj.role)

    @staticmethod
    def resolve_note(obj, context):
        return "" if _restricted(context) else obj.note

    @staticmethod
    def resolve_name(obj, context):
        """A name typed on the case (not in the registry) is a natural person's: masked as on the page."""
        return obj.name if obj.entity_id or _full(context) else masking.name(obj.name)


class RightRef(Schema):
    id: int
    kind: str
    number: Optional[str]
    title: str
    note: str
    url: Optional[str] = None

    @staticmethod
    def resolve_id(obj):
        return obj.right_id

    @staticmethod
    def resolve_kind(obj):
        return obj.right.kind

    @staticmethod
    def resolve_number(obj):
        return obj.right.number

    @staticmethod
    def resolve_title(obj):
        return obj.right.title

    @staticmethod
    def resolve_url(obj, context):
        return api_url_for(context["request"], obj.right)


class ProductOut(Schema):
    id: int
    name: str
    brand: str
    model_number: str
    quantity: Optional[int]
    value: Optional[Decimal]


class PlaceOut(Schema):
    id: int
    kind: str
    kind_label: str
    address: str
    url: str
    district: Optional[str]

    @staticmethod
    def resolve_kind_label(obj):
        return choice_label(PlaceKind, obj.kind)

    @staticmethod
    def resolve_district(obj):
        return obj.district_id


class ClockOut(Schema):
    id: int
    code: str
    label: str
    state: str
    state_label: str
    legal: bool
    started_on: date
    due_date: Optional[date]
    provisional: bool = Field(..., description="The due date depends on a year without an official holiday schedule.")
    paused_since: Optional[date]
    stopped_on: Optional[date]

    @staticmethod
    def resolve_state_label(obj):
        return choice_label(ClockState, obj.state)


class OfficerOut(Schema):
    id: int
    username: str
    name: str
    lead: bool

    @staticmethod
    def resolve_id(obj):
        return obj.user_id

    @staticmethod
    def resolve_username(obj):
        return obj.user.get_username()

    @staticmethod
    def resolve_name(obj):
        return obj.user.get_full_name() or obj.user.get_username()


class StepOut(Schema):
    """A step the caller may take now (POST /cases/{id}/steps with its code)."""

    code: str
    label: str
    fields: list[str] = Field(..., description="Names of the values the step asks for in `data`.")
    documents: list[str] = Field(..., description="Documents the case must hold first.")

    @staticmethod
    def resolve_label(obj):
        return str(obj.label)

    @staticmethod
    def resolve_fields(obj):
        return [f.name for f in obj.fields]

    @staticmethod
    def resolve_documents(obj):
        return list(obj.documents)


class CaseOut(Linked):
    id: int
    number: Optional[str]
    reference: str
    procedure: str
    procedure_label: str
    kind: str
    kind_label: str
    stage: str
    stage_label: str
    track: str
    channel: str
    handling_org: int
    handling_org_name: str
    district: Optional[str]
    title: str
    summary: str
    received_on: date
    filed_on: Optional[date]
    closed_on: Optional[date]
    outcome: str
    outcome_label: str
    due_date: Optional[date]
    facts: dict[str, Any]
    origin: Optional[int]
    parties: list[PartyOut]
    rights: list[RightRef]
    products: list[ProductOut]
    places: list[PlaceOut]
    clocks: list[ClockOut] = Field(..., description="Time limits, open ones first.")
    officers: list[OfficerOut]
    steps: list[StepOut] = Field(..., description="The steps you may take now.")
    version: int
    created: datetime
    updated: datetime

    @staticmethod
    def resolve_procedure_label(obj):
        return obj.get_procedure_display()

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_stage_label(obj):
        return obj.get_stage_display()

    @staticmethod
    def resolve_outcome_label(obj):
        return obj.get_outcome_display()

    @staticmethod
    def resolve_handling_org(obj):
        return obj.handling_org_id

    @staticmethod
    def resolve_handling_org_name(obj):
        return obj.handling_org.name

    @staticmethod
    def resolve_district(obj):
        return obj.district_id

    @staticmethod
    def resolve_origin(obj, context):
        return None if _restricted(context) else obj.origin_id

    @staticmethod
    def resolve_summary(obj, context):
        return "" if _restricted(context) else obj.summary

    @staticmethod
    def resolve_facts(obj, context):
        return {} if _restricted(context) else obj.facts

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())

    @staticmethod
    def resolve_rights(obj):
        return list(obj.rights.all())

    @staticmethod
    def resolve_products(obj, context):
        return [] if _restricted(context) else list(obj.products.all())

    @staticmethod
    def resolve_places(obj, context):
        return [] if _restricted(context) else list(obj.places.all())

    @staticmethod
    def resolve_clocks(obj):
        return sorted(obj.clocks.all(), key=lambda c: (not c.is_open, c.started_on, c.pk))

    @staticmethod
    def resolve_officers(obj, context):
        return [] if _restricted(context) else list(obj.assignments.all())

    @staticmethod
    def resolve_steps(obj):
        return getattr(obj, "api_steps", [])


class CaseOptions(Schema):
    full: bool = Field(False, description="Show parties' personal data unmasked (needs the right to; "
                                          "every such view is logged).")


class EventOut(Schema):
    seq: int
    kind: str
    code: str
    label: str
    from_stage: str
    to_stage: str
    at: date
    recorded: datetime
    actor: Optional[str]
    data: dict[str, Any]
    effects: list[Any]
    note: str

    @staticmethod
    def resolve_actor(obj, context):
        return obj.actor.get_username() if obj.actor_id and not _restricted(context) else None

    @staticmethod
    def resolve_note(obj, context):
        return "" if _restricted(context) else obj.note

    @staticmethod
    def resolve_data(obj, context):
        """A party's name in the data masked unless a registered entity's (as on the case page)."""
        if _restricted(context):
            return {}
        data = dict(obj.data or {})
        entities = getattr(context["request"], "case_entity_names", frozenset())
        if data.get("party") and data["party"] not in entities:
            data["party"] = masking.name(data["party"])
        return data


# -- writing --------------------------------------------------------------------------------

class PartyIn(InputSchema):
    role: PartyRole
    entity: Optional[int] = Field(None, description="Id of a registered market entity.")
    person: Optional[int] = Field(None, description="Id of a registered person.")
    name: str = Field("", max_length=150, description="The name, for a party not in the registry.")
    no_prc_domicile: bool = False
    note: str = Field("", max_length=300)


class ProductIn(InputSchema):
    name: text(Product, "name")
    brand: text(Product, "brand") = ""
    model_number: text(Product, "model_number") = ""
    quantity: Optional[int] = Field(None, ge=0, le=2_147_483_647)
    value: Optional[Decimal] = Field(None, ge=0, max_digits=14, decimal_places=2)


class PlaceIn(InputSchema):
    kind: PlaceKind = PlaceKind.PREMISES
    address: text(Place, "address")
    url: str = Field("", max_length=500)
    district: Optional[str] = Field(None, max_length=6, description="GB/T 2260 division code.")


class CaseIn(InputSchema):
    """Open a case: the procedure's entry step (`entry`, default "open") with its `data`."""

    procedure: str = Field(..., max_length=30)
    entry: str = Field("open", max_length=40)
    handling_org: int
    title: str = Field(..., max_length=200)
    at: Optional[date] = Field(None, description="Date received (default today).")
    kind: str = Field("", max_length=30)
    track: str = Field("", max_length=10)
    channel: str = Field("", max_length=12)
    district: Optional[str] = Field(None, max_length=6)
    summary: str = Field("", max_length=10000)
    officers: list[int] = Field([], max_length=50, description="Ids of officers to assign.")
    lead: Optional[int] = None
    parties: list[PartyIn] = Field([], max_length=100)
    rights: list[int] = Field([], max_length=100, description="Ids of IP rights.")
    products: list[ProductIn] = Field([], max_length=100)
    places: list[PlaceIn] = Field([], max_length=100)
    data: dict[str, Any] = Field({}, description="Values the entry step asks for.")
    note: str = Field("", max_length=5000)


class StepIn(InputSchema):
    code: str = Field(..., max_length=40, description="One of the case's `steps`.")
    data: dict[str, Any] = Field({}, description="Values the step asks for.")
    version: int = Version
    at: Optional[date] = Field(None, description="The date the step happened (default today; never in the future).")
    note: str = Field("", max_length=5000)


class PartyAdd(PartyIn):
    version: int = Version


class RightAdd(InputSchema):
    right: int = Field(..., description="Id of the IP right.")
    note: str = Field("", max_length=300)
    version: int = Version


class ProductAdd(ProductIn):
    version: int = Version


class PlaceAdd(PlaceIn):
    version: int = Version


class AssignmentAdd(InputSchema):
    user: int = Field(..., description="Id of the officer.")
    lead: bool = False
    version: int = Version


# -- worklists ------------------------------------------------------------------------------

class CaseRef(Linked):
    id: int
    reference: str
    title: str
    stage_label: str
    due_date: Optional[date]

    @staticmethod
    def resolve_stage_label(obj):
        return obj.get_stage_display()


class DueOut(ClockOut):
    case: CaseRef


class RelatedCaseOut(Schema):
    case: CaseRef
    reasons: list[str]


class RelatedOut(Schema):
    results: list[RelatedCaseOut]
    too_common: list[str] = Field(..., description="Values left out: found in too many cases to link by.")


# -- time-limit rules -------------------------------------------------------------------------

class RuleOut(Linked):
    id: int
    procedure: str
    clock: str
    part: str
    organization: Optional[int]
    unit: str
    amount: Optional[int]
    max_count: Optional[int]
    legal: bool
    effective_from: date
    source: str
    tag: str
    note: str
    changed_by: Optional[str]
    changed: datetime

    @staticmethod
    def resolve_organization(obj):
        return obj.organization_id

    @staticmethod
    def resolve_changed_by(obj):
        return obj.changed_by.get_username() if obj.changed_by_id else None


class RuleDetailOut(RuleOut):
    history: list[RuleOut] = Field(..., description="Every amount of this rule, newest first.")

    @staticmethod
    def resolve_history(obj):
        return getattr(obj, "api_history", [])


class RuleIn(InputSchema):
    """A new amount of a time limit from a date (clocks started earlier keep theirs)."""

    procedure: str = Field(..., max_length=30)
    clock: str = Field(..., max_length=40)
    part: str = Field("base", max_length=40)
    organization: Optional[int] = None
    unit: str = Field(..., max_length=12)
    amount: Optional[int] = Field(None, ge=1, le=100_000)
    max_count: Optional[int] = Field(None, ge=1, le=100)
    effective_from: date
    source: str = Field(..., max_length=400)
    tag: str = Field(..., max_length=8)
    note: str = Field("", max_length=2000)
