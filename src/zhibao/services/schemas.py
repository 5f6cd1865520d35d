"""API schemas of the service network: what the API returns and what it accepts.

Input schemas refuse unknown fields and wrong types and cap text at the model's lengths;
every other rule is the model's validation and the rule modules, as on the pages."""
from datetime import date
from decimal import Decimal
from typing import Optional

from ninja import Field, Schema

from zhibao.api.resources import InputSchema, choice_label, text
from zhibao.api.resources import Linked as _Links, Versioned as _Versioned

from . import common
from .choices import (
    Availability, ExpertRole, FilingStatus, ListKind, PatentKind, PickState, PreexamOutcome, QuestionKind,
    RecusalReason, ServiceKind, SurveyOccasion, WorkstationKind,
)
from .models import (
    Expert, ExpertAppointment, FilingEntity, ListEntry, PreexamRequest, ServiceRecord, Workstation,
    WorkstationContact,
)


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


# -- experts ---------------------------------------------------------------------------------------

class AppointmentOut(Schema):
    id: int
    role: str
    role_label: str
    appointed_by: Optional[int]
    document: str
    starts_on: date
    ends_on: Optional[date]
    ended_on: Optional[date] = Field(None, description="No longer valid from this day (ended early).")
    end_reason: str
    valid_from: date
    valid_to: Optional[date] = Field(None, description="Last valid day (empty: no end).")

    @staticmethod
    def resolve_role_label(obj):
        return choice_label(ExpertRole, obj.role)

    @staticmethod
    def resolve_appointed_by(obj):
        return obj.appointed_by_id


class AppointmentIn(InputSchema):
    role: ExpertRole
    appointed_by: Optional[int] = Field(None, description="Id of the appointing body.")
    document: text(ExpertAppointment, "document") = ""
    starts_on: date
    ends_on: Optional[date] = None
    ended_on: Optional[date] = None
    end_reason: text(ExpertAppointment, "end_reason") = ""


class ExpertOut(_Versioned):
    id: int
    name: str
    title: str
    employer_entity: Optional[EntityRef]
    employer_org: Optional[Ref]
    employer_name: str
    ipc_classes: str
    industries: str
    specialty: str
    availability: str
    availability_label: str
    roles_today: list[str] = Field(..., description="Roles with an appointment valid today.")
    appointments: list[AppointmentOut]

    @staticmethod
    def resolve_availability_label(obj):
        return choice_label(Availability, obj.availability)

    @staticmethod
    def resolve_roles_today(obj):
        day = common.today()
        return sorted({a.role for a in obj.appointments.all()
                       if a.valid_from <= day and (a.valid_to is None or a.valid_to >= day)})

    @staticmethod
    def resolve_appointments(obj):
        return list(obj.appointments.all())


class ExpertIn(InputSchema):
    name: text(Expert, "name")
    title: text(Expert, "title") = ""
    employer_entity: Optional[int] = Field(None, description="Id of the employing market entity.")
    employer_org: Optional[int] = Field(None, description="Id of the employing public body.")
    employer_name: text(Expert, "employer_name") = ""
    ipc_classes: text(Expert, "ipc_classes") = ""
    industries: text(Expert, "industries") = ""
    specialty: text(Expert, "specialty") = ""
    phone: text(Expert, "phone") = ""
    email: text(Expert, "email") = ""
    availability: Availability = Availability.AVAILABLE
    note: text(Expert, "note") = ""
    appointments: Optional[list[AppointmentIn]] = Field(
        None, max_length=20, description="Appointments to add (existing ones are kept).")


class PickOut(Schema):
    id: int
    order: int
    expert: Ref
    state: str
    state_label: str
    recused_on: Optional[date]
    recusal_reason: str
    recusal_note: str
    replaced_by: Optional[int] = Field(None, description="Id of the expert drawn to replace this one.")

    @staticmethod
    def resolve_state_label(obj):
        return choice_label(PickState, obj.state)

    @staticmethod
    def resolve_replaced_by(obj):
        replacement = obj.replacement
        return replacement.expert_id if replacement else None


class DrawOut(_Links):
    id: int
    case: int
    case_number: str
    role: str
    role_label: str
    ipc_classes: str
    industries: str
    count: int
    drawn_on: date
    seed: str = Field(..., description="The seed, as a string (it may exceed what JSON numbers carry exactly).")
    considered: list[int]
    candidates: list[list[int]] = Field(..., description="[expert id, workload] of every candidate.")
    exclusions: list[dict]
    picked: list[int]
    picks: list[PickOut]
    replay_matches: bool = Field(..., description="Replaying from the seed and candidates gives the same picks.")
    replaces: Optional[int] = Field(None, description="Id of the pick this draw replaced.")
    note: str

    @staticmethod
    def resolve_case(obj):
        return obj.case_id

    @staticmethod
    def resolve_case_number(obj):
        return obj.case.reference

    @staticmethod
    def resolve_role_label(obj):
        return choice_label(ExpertRole, obj.role)

    @staticmethod
    def resolve_seed(obj):
        return str(obj.seed)

    @staticmethod
    def resolve_picks(obj):
        return list(obj.picks.all())

    @staticmethod
    def resolve_replay_matches(obj):
        from .draw import verify
        return verify(obj)

    @staticmethod
    def resolve_replaces(obj):
        return obj.replaces_id


class DrawIn(InputSchema):
    case: int = Field(..., description="Id of the case (within your data scope).")
    role: ExpertRole
    count: int = Field(..., ge=1, le=15)
    drawn_on: Optional[date] = Field(None, description="Default: today.")
    ipc_classes: str = Field("", max_length=300)
    industries: str = Field("", max_length=60)
    seed: Optional[int] = Field(None, ge=0, le=2**63 - 1, description="Default: a random seed, recorded.")
    note: str = Field("", max_length=300)


class RecusalIn(InputSchema):
    reason: RecusalReason
    note: str = Field("", max_length=300)
    on: Optional[date] = Field(None, description="Default: today.")
    replace: bool = Field(True, description="Draw a replacement with the same criteria.")
    seed: Optional[int] = Field(None, ge=0, le=2**63 - 1)


class OpinionOut(_Versioned):
    id: int
    case: int
    expert: Ref
    pick: int
    kind: str
    given_on: date
    title: str
    text: str

    @staticmethod
    def resolve_case(obj):
        return obj.case_id

    @staticmethod
    def resolve_pick(obj):
        return obj.pick_id


# -- pre-examination ----------------------------------------------------------------------------------

class FilingOut(_Versioned):
    id: int
    centre: Ref
    entity: EntityRef
    ipc_classes: str
    industries: str
    applied_on: date
    status: str
    status_label: str
    reviewed_on: Optional[date]
    review_note: str
    valid_from: Optional[date]
    valid_until: Optional[date]
    revoked_on: Optional[date] = Field(None, description="No longer valid from this day.")
    revocation_reason: str
    valid_to: Optional[date] = Field(None, description="Last day of validity (after revocation or expiry).")
    valid_today: bool

    @staticmethod
    def resolve_status_label(obj):
        return choice_label(FilingStatus, obj.status)

    @staticmethod
    def resolve_valid_today(obj):
        return obj.valid_on(common.today())


class FilingIn(InputSchema):
    centre: int = Field(..., description="Id of the protection centre.")
    entity: int = Field(..., description="Id of the market entity.")
    ipc_classes: text(FilingEntity, "ipc_classes") = ""
    industries: text(FilingEntity, "industries") = ""
    contact_name: text(FilingEntity, "contact_name") = ""
    contact_phone: text(FilingEntity, "contact_phone") = ""
    applied_on: date


class ReviewIn(InputSchema):
    approve: bool
    on: Optional[date] = Field(None, description="Default: today.")
    note: str = Field("", max_length=300, description="Required when rejecting.")
    valid_until: Optional[date] = Field(None, description="Default: the centre's usual period.")
    version: Optional[int] = Field(None, ge=1)


class RevokeIn(InputSchema):
    on: Optional[date] = Field(None, description="No longer valid from this day (default today).")
    reason: str = Field(..., max_length=300)
    version: Optional[int] = Field(None, ge=1)


class PreexamOut(_Versioned):
    id: int
    filing: int
    entity: EntityRef
    centre: Ref
    reference: str
    title: str
    patent_kind: str
    ipc_class: str
    submitted_on: date
    outcome: str
    outcome_label: str
    outcome_on: Optional[date]
    outcome_note: str
    application_number: str
    granted_on: Optional[date]
    turnaround_days: Optional[int]
    turnaround_working_days: Optional[int]
    days_to_grant: Optional[int]

    @staticmethod
    def resolve_filing(obj):
        return obj.filing_id

    @staticmethod
    def resolve_entity(obj):
        return obj.filing.entity

    @staticmethod
    def resolve_centre(obj):
        return obj.filing.centre

    @staticmethod
    def resolve_outcome_label(obj):
        return choice_label(PreexamOutcome, obj.outcome)


class PreexamIn(InputSchema):
    filing: int = Field(..., description="Id of the filing entity record.")
    reference: text(PreexamRequest, "reference") = ""
    title: text(PreexamRequest, "title")
    patent_kind: PatentKind
    ipc_class: text(PreexamRequest, "ipc_class") = ""
    submitted_on: date
    outcome: PreexamOutcome = PreexamOutcome.PENDING
    outcome_on: Optional[date] = None
    outcome_note: text(PreexamRequest, "outcome_note") = ""
    application_number: text(PreexamRequest, "application_number") = ""
    granted_on: Optional[date] = None


# -- protection lists ------------------------------------------------------------------------------------

class RightRef(Schema):
    id: int
    kind: str
    number: str
    title: str


class ListEntryOut(_Versioned):
    id: int
    kind: str
    kind_label: str
    entity: Optional[EntityRef]
    name: str
    parent: Optional[int]
    rights: list[RightRef]
    reason: str
    listed_on: date
    valid_until: Optional[date]
    removed_on: Optional[date] = Field(None, description="Off the list from this day.")
    removal_reason: str
    valid_from: date
    valid_to: Optional[date] = Field(None, description="Last day on the list.")
    batch: Optional[Ref]
    keeper: Optional[Ref]
    district: Optional[str]
    venue: str
    starts_on: Optional[date]
    ends_on: Optional[date]
    complaint_office: Optional[Ref]
    arrangements: str

    @staticmethod
    def resolve_kind_label(obj):
        return choice_label(ListKind, obj.kind)

    @staticmethod
    def resolve_parent(obj):
        return obj.parent_id

    @staticmethod
    def resolve_rights(obj):
        return list(obj.rights.all())

    @staticmethod
    def resolve_district(obj):
        return obj.district_id


class ListEntryIn(InputSchema):
    kind: ListKind
    entity: Optional[int] = Field(None, description="Id of the market entity listed (or owner, operator, organizer).")
    name: text(ListEntry, "name") = ""
    parent: Optional[int] = Field(None, description="Id of the enterprise entry a product or technology is listed under.")
    rights: Optional[list[int]] = Field(None, max_length=200, description="Ids of the linked IP rights (replaces).")
    reason: text(ListEntry, "reason")
    listed_on: date
    valid_until: Optional[date] = None
    batch: Optional[int] = None
    keeper: Optional[int] = None
    district: Optional[str] = Field(None, max_length=6)
    venue: text(ListEntry, "venue") = ""
    starts_on: Optional[date] = None
    ends_on: Optional[date] = None
    complaint_office: Optional[int] = None
    arrangements: text(ListEntry, "arrangements") = ""
    note: text(ListEntry, "note") = ""


class ProductDescriptionOut(_Versioned):
    id: int
    holder: EntityRef
    name: str
    rights: list[RightRef]
    features: str
    markings: str
    channels: str
    contact: str
    valid_until: Optional[date]
    shared_with: list[Ref]

    @staticmethod
    def resolve_rights(obj):
        return list(obj.rights.all())

    @staticmethod
    def resolve_shared_with(obj):
        return list(obj.shared_with.all())


# -- surveys -------------------------------------------------------------------------------------------

class QuestionOut(Schema):
    id: int
    order: int
    text: str
    kind: str
    weight: int
    required: bool


class QuestionIn(InputSchema):
    order: int = Field(1, ge=1, le=1000)
    text: str = Field(..., max_length=300)
    kind: QuestionKind = QuestionKind.SCORE
    weight: int = Field(1, ge=1, le=10)
    required: bool = True


class SurveyOut(_Versioned):
    id: int
    title: str
    occasion: str
    intro: str
    opens_on: date
    closes_on: Optional[date]
    public: bool
    questions: list[QuestionOut]
    responses: int

    @staticmethod
    def resolve_questions(obj):
        return list(obj.questions.order_by("order", "pk"))

    @staticmethod
    def resolve_responses(obj):
        return obj.responses.count()


class SurveyIn(InputSchema):
    title: str = Field(..., max_length=200)
    occasion: SurveyOccasion
    intro: str = Field("", max_length=2000)
    opens_on: date
    closes_on: Optional[date] = None
    public: bool = False
    questions: Optional[list[QuestionIn]] = Field(
        None, max_length=50, description="The complete list of questions; it cannot change once there are responses.")


class InvitationIn(InputSchema):
    service_record: Optional[int] = Field(None, description="Id of the service record rated (give it or a case).")
    case: Optional[int] = Field(None, description="Id of the closed case rated.")


class InvitationOut(Schema):
    id: int
    survey: int
    url: str = Field(..., description="The link to hand to the respondent; shown only in this answer.")
    expires_on: date


class ResultsOut(Schema):
    count: int
    mean: Optional[float]
    questions: list[dict]
