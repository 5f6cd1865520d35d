"""API schemas of the registries: what the API returns and what it accepts.

Output schemas read model instances; input schemas refuse unknown fields and wrong types
and cap text at the model's lengths. Everything else (codes, dates in the future, plain
text, duplicates) is checked by the model's validation, reached through
`services.save_record`, exactly as on the pages.
"""
from datetime import date
from decimal import Decimal
from typing import Annotated, Optional

from django.core.exceptions import ValidationError
from ninja import Field, Schema
from pydantic import field_validator

from zhibao.api.resources import InputSchema, api_url_for, choice_label, text
from zhibao.api.resources import Versioned as _Versioned

from . import codes, masking
from .choices import (
    DivisionLevel, EntityKind, EntityStatus, Gender, GIRegime, HolderRole, Industry, OrganizationKind, RightKind,
    RightStatus, ZoneLevel,
)
from .models import IPRight, MarketEntity, Organization, Person

DistrictCode = Annotated[str, Field(max_length=6, description="GB/T 2260 division code, e.g. 610113.")]
# Codes are compacted (spaces and hyphens removed) before they are checked, so allow some slack.
CodeInput = Annotated[str, Field(max_length=40)]


# -- reference data -------------------------------------------------------------------------

class DistrictOut(Schema):
    code: str
    name: str
    level: str
    level_label: str
    parent: Optional[str]
    in_cluster: bool
    url: Optional[str] = None

    @staticmethod
    def resolve_level_label(obj):
        return choice_label(DivisionLevel, obj.level)

    @staticmethod
    def resolve_parent(obj):
        return obj.parent_id

    @staticmethod
    def resolve_url(obj, context):
        return api_url_for(context["request"], obj)


class ZoneOut(Schema):
    id: int
    name: str
    short_name: str
    level: str
    level_label: str
    district: Optional[str]
    note: str
    url: Optional[str] = None

    @staticmethod
    def resolve_level_label(obj):
        return choice_label(ZoneLevel, obj.level)

    @staticmethod
    def resolve_district(obj):
        return obj.district_id

    @staticmethod
    def resolve_url(obj, context):
        return api_url_for(context["request"], obj)


# -- organizations --------------------------------------------------------------------------

class OrganizationOut(_Versioned):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    district: Optional[str]
    district_name: Optional[str]
    parent: Optional[int]
    uscc: Optional[str]
    address: str
    phone: str
    is_active: bool

    @staticmethod
    def resolve_kind_label(obj):
        return choice_label(OrganizationKind, obj.kind)

    @staticmethod
    def resolve_district(obj):
        return obj.district_id

    @staticmethod
    def resolve_district_name(obj):
        return obj.district.name if obj.district_id else None

    @staticmethod
    def resolve_parent(obj):
        return obj.parent_id


def _checked_uscc(value: Optional[str]) -> Optional[str]:
    """The compact code, or ValueError carrying the registry's translated message."""
    if not value:
        return None
    try:
        return codes.clean_uscc(value)
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from None


class OrganizationIn(InputSchema):
    name: text(Organization, "name")
    short_name: text(Organization, "short_name") = ""
    kind: OrganizationKind
    district: Optional[DistrictCode] = None
    parent: Optional[int] = Field(None, description="Id of the parent body.")
    uscc: Optional[CodeInput] = None
    address: text(Organization, "address") = ""
    phone: text(Organization, "phone") = ""
    is_active: bool = True

    # Organization.clean() does not check the code yet; check it here with the registry's rule.
    _uscc = field_validator("uscc")(staticmethod(_checked_uscc))


# -- market entities ------------------------------------------------------------------------

class EntityRef(Schema):
    id: int
    name: str
    uscc: str
    url: Optional[str] = None

    @staticmethod
    def resolve_url(obj, context):
        return api_url_for(context["request"], obj)


class EntityOut(_Versioned):
    id: int
    name: str
    uscc: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    legal_representative: str
    district: str
    district_name: str
    zone: Optional[int]
    zone_name: Optional[str]
    address: str
    industry: str
    industry_label: str
    established: Optional[date]
    registered_capital: Optional[Decimal] = Field(None, description="10,000 yuan.")
    phone: str
    org: Optional[int]
    org_name: Optional[str]

    @staticmethod
    def resolve_kind_label(obj):
        return choice_label(EntityKind, obj.kind)

    @staticmethod
    def resolve_status_label(obj):
        return choice_label(EntityStatus, obj.status)

    @staticmethod
    def resolve_industry_label(obj):
        return choice_label(Industry, obj.industry)

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
    def resolve_zone_name(obj):
        return obj.zone.name if obj.zone_id else None

    @staticmethod
    def resolve_org(obj):
        return obj.org_id

    @staticmethod
    def resolve_org_name(obj):
        return obj.org.name if obj.org_id else None


class EntityIn(InputSchema):
    name: text(MarketEntity, "name")
    uscc: CodeInput = Field(..., description="Unified social credit code (GB 32100), 18 characters.")
    kind: EntityKind = EntityKind.COMPANY
    status: EntityStatus = EntityStatus.ACTIVE
    legal_representative: text(MarketEntity, "legal_representative") = ""
    district: DistrictCode
    zone: Optional[int] = Field(None, description="Id of the development zone.")
    address: text(MarketEntity, "address") = ""
    industry: Optional[Industry] = None
    established: Optional[date] = None
    registered_capital: Optional[Decimal] = Field(None, ge=0, max_digits=14, decimal_places=2,
                                                  description="10,000 yuan.")
    phone: text(MarketEntity, "phone") = ""
    org: Optional[int] = Field(None, description="Id of the supervising body.")


# -- persons ----------------------------------------------------------------------------------

class PersonRef(Schema):
    id: int
    name: str = Field(..., description="Masked.")
    url: Optional[str] = None

    @staticmethod
    def resolve_name(obj):
        return masking.name(obj.name)

    @staticmethod
    def resolve_url(obj, context):
        return api_url_for(context["request"], obj)


class PersonOut(_Versioned):
    id: int
    masked: bool = Field(..., description="True when name, ID number, phone and address are masked; "
                                          "ask for ?full=1 with the right to see them.")
    name: str
    id_number: Optional[str]
    gender: str
    gender_label: str
    birth_date: Optional[date] = Field(None, description="Left out when masked: with the masked ID number "
                                                         "it would reveal most of it.")
    phone: str
    address: str
    district: Optional[str]
    org: Optional[int]

    @staticmethod
    def resolve_masked(obj):
        return getattr(obj, "api_masked", True)

    @staticmethod
    def resolve_gender_label(obj):
        return choice_label(Gender, obj.gender)

    @staticmethod
    def resolve_district(obj):
        return obj.district_id

    @staticmethod
    def resolve_org(obj):
        return obj.org_id


class PersonIn(InputSchema):
    name: text(Person, "name")
    id_number: Optional[CodeInput] = Field(None, description="Resident ID number (GB 11643), 18 characters.")
    gender: Optional[Gender] = None
    birth_date: Optional[date] = None
    phone: text(Person, "phone") = ""
    address: text(Person, "address") = ""
    district: Optional[DistrictCode] = None
    org: Optional[int] = Field(None, description="Id of the organization that records the person.")


class PersonOptions(Schema):
    full: bool = Field(False, description="Show personal data unmasked (needs the right to; every such view is logged).")


# -- IP rights ---------------------------------------------------------------------------------

class HolderOut(Schema):
    role: str
    role_label: str
    since: Optional[date]
    entity: Optional[EntityRef]
    person: Optional[PersonRef]

    @staticmethod
    def resolve_role_label(obj):
        return choice_label(HolderRole, obj.role)


class RightOut(_Versioned):
    id: int
    kind: str
    kind_label: str
    number: str
    title: str
    status: str
    status_label: str
    application_date: Optional[date]
    grant_date: Optional[date]
    expiry_date: Optional[date]
    ipc_classes: str
    nice_classes: str
    gi_regime: str
    protected_area: str
    description: str
    district: Optional[str]
    org: Optional[int]
    holders: list[HolderOut]

    @staticmethod
    def resolve_kind_label(obj):
        return choice_label(RightKind, obj.kind)

    @staticmethod
    def resolve_status_label(obj):
        return choice_label(RightStatus, obj.status)

    @staticmethod
    def resolve_district(obj):
        return obj.district_id

    @staticmethod
    def resolve_org(obj):
        return obj.org_id

    @staticmethod
    def resolve_holders(obj):
        return list(obj.holders.all())


class HolderIn(InputSchema):
    entity: Optional[int] = Field(None, description="Id of the market entity (give entity or person).")
    person: Optional[int] = Field(None, description="Id of the person (give entity or person).")
    role: HolderRole = HolderRole.OWNER
    since: Optional[date] = None


class RightIn(InputSchema):
    kind: RightKind
    number: Annotated[str, Field(max_length=IPRight._meta.get_field("number").max_length,
                                 description="Patent, registration or announcement number.")]
    title: text(IPRight, "title")
    status: RightStatus = RightStatus.VALID
    application_date: Optional[date] = None
    grant_date: Optional[date] = None
    expiry_date: Optional[date] = None
    ipc_classes: text(IPRight, "ipc_classes") = ""
    nice_classes: text(IPRight, "nice_classes") = ""
    gi_regime: Optional[GIRegime] = None
    protected_area: text(IPRight, "protected_area") = ""
    description: text(IPRight, "description") = ""
    district: Optional[DistrictCode] = None
    org: Optional[int] = Field(None, description="Id of the supervising body.")
    holders: Optional[list[HolderIn]] = Field(
        None, max_length=50, description="The complete list of holders; on update it replaces the current one.")

