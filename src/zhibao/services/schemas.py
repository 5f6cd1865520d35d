"""API schemas of the service network: what the API returns and what it accepts.

Input schemas refuse unknown fields and wrong types and cap text at the model's lengths;
every other rule is the model's validation and the rule modules, as on the pages."""
from datetime import date, datetime
from decimal import Decimal
from typing import Optional

from ninja import Field, Schema

from zhibao.api.resources import InputSchema, api_url_for, choice_label, text, web_url_for

from .choices import ServiceKind, WorkstationKind
from . import common
from .models import ServiceRecord, Workstation, WorkstationContact


class _Links(Schema):
    url: Optional[str] = None
    web_url: Optional[str] = None

    @staticmethod
    def resolve_url(obj, context):
        return api_url_for(context["request"], obj)

    @staticmethod
    def resolve_web_url(obj, context):
        return web_url_for(context["request"], obj)


class _Versioned(_Links):
    version: int
    created: datetime
    updated: datetime


class Ref(Schema):
    """Another record, by id and name."""

    id: int
    name: str

    @staticmethod
    def resolve_name(obj):
        return str(obj)


class EntityRef(Schema):
    id: int
    name: str
    uscc: str


def ref(obj):
    return obj if obj is not None else None


# -- workstations -------------------------------------------------------------------------------

class ContactOut(Schema):
    id: int
    name: str
    position: str
    phone: str
    email: str


class ContactIn(InputSchema):
    name: text(WorkstationContact, "name")
    position: text(WorkstationContact, "position") = ""
    phone: text(WorkstationContact, "phone") = ""
    email: text(WorkstationContact, "email") = ""


class WorkstationOut(_Versioned):
    id: int
    name: str
    kind: str
    kind_label: str
    org: int = Field(..., description="Id of the workstation's own body in the registry (its staff belong to it).")
    supervisor: Optional[Ref]
    host_org: Optional[Ref]
    host_entity: Optional[EntityRef]
    host_name: str
    district: str
    district_name: str
    zone: Optional[int]
    address: str
    latitude: Optional[Decimal]
    longitude: Optional[Decimal]
    opened_on: date
    closed_on: Optional[date] = Field(None, description="Last day in operation.")
    in_operation: bool = Field(..., description="In operation today.")
    note: str
    contacts: list[ContactOut]

    @staticmethod
    def resolve_kind_label(obj):
        return choice_label(WorkstationKind, obj.kind)

    @staticmethod
    def resolve_org(obj):
        return obj.org_id

    @staticmethod
    def resolve_district(obj):
        return obj.district_id

    @staticmethod
    def resolve_district_name(obj):
        return obj.district.name

    @staticmethod
    def resolve_zone(obj):
        return obj.zone_id

    @staticmethod
    def resolve_in_operation(obj):
        return obj.operating_on(common.today())

    @staticmethod
    def resolve_contacts(obj):
        return list(obj.contacts.all())


class WorkstationIn(InputSchema):
    name: text(Workstation, "name")
    kind: WorkstationKind
    supervisor: Optional[int] = Field(None, description="Id of the supervising body.")
    host_org: Optional[int] = Field(None, description="Id of the host body.")
    host_entity: Optional[int] = Field(None, description="Id of the host enterprise (market entity).")
    host_name: text(Workstation, "host_name") = ""
    district: str = Field(..., max_length=6, description="GB/T 2260 division code, e.g. 610113.")
    zone: Optional[int] = Field(None, description="Id of the development zone.")
    address: text(Workstation, "address") = ""
    latitude: Optional[Decimal] = Field(None, max_digits=9, decimal_places=6)
    longitude: Optional[Decimal] = Field(None, max_digits=9, decimal_places=6)
    opened_on: date
    closed_on: Optional[date] = None
    note: text(Workstation, "note") = ""
    contacts: Optional[list[ContactIn]] = Field(
        None, max_length=50, description="The complete list of contact staff; on update it replaces the current one.")


# -- service records -----------------------------------------------------------------------------

class ServiceRecordOut(_Versioned):
    id: int
    workstation: Ref
    kind: str
    kind_label: str
    served_on: date
    subject: str
    details: str
    participants: Optional[int]
    entities: list[EntityRef]
    case: Optional[int] = Field(None, description="Id of the assistance case this service opened.")
    case_number: Optional[str] = None

    @staticmethod
    def resolve_kind_label(obj):
        return choice_label(ServiceKind, obj.kind)

    @staticmethod
    def resolve_entities(obj):
        return [r.entity for r in obj.recipients.all()]

    @staticmethod
    def resolve_case(obj):
        return obj.case_id

    @staticmethod
    def resolve_case_number(obj):
        return obj.case.reference if obj.case_id else None


class ServiceRecordIn(InputSchema):
    workstation: int = Field(..., description="Id of the workstation (within your data scope).")
    kind: ServiceKind
    served_on: date
    subject: text(ServiceRecord, "subject")
    details: text(ServiceRecord, "details") = ""
    participants: Optional[int] = Field(None, ge=1, le=100000)
    entities: Optional[list[int]] = Field(
        None, max_length=500, description="Ids of the enterprises served; on update the list replaces the current one.")
