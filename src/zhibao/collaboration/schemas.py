"""API schemas of collaboration: what the API returns and what it accepts (rules are in the rule modules)."""
from datetime import date
from typing import Optional

from ninja import Field, Schema

from zhibao.api.resources import InputSchema, Linked

from .models import AssistanceStatus, TransferKind, TransferOutcome


class Ref(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj):
        return str(obj)


class CaseRef(Schema):
    id: int
    reference: str
    title: str


class ItemOut(Schema):
    id: int
    kind: str
    description: str
    recognized: Optional[bool]
    recognition_note: str
    recognized_on: Optional[date]


class TransferOut(Linked):
    id: int
    reference: str
    subject: str
    kind: str
    reason: str
    sender: Ref
    receiver: Ref
    case: Optional[CaseRef] = None
    event_id: Optional[int] = None
    sent_on: date
    ack_due: date
    ack_provisional: bool
    ack_rule: dict
    acknowledged_on: Optional[date]
    late: bool
    outcome: str
    outcome_on: Optional[date]
    outcome_text: str
    items: list[ItemOut]
    version: int

    @staticmethod
    def resolve_late(obj):
        from .common import today
        return obj.is_late(today())

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.all())


class TransferIn(InputSchema):
    receiver: int = Field(..., description="Id of the receiving body.")
    kind: TransferKind
    reason: str = Field(..., max_length=5000)
    sent_on: Optional[date] = Field(None, description="Default: today.")
    subject: str = Field("", max_length=200, description="Default: the case's title.")
    case: Optional[int] = Field(None, description="Id of the case transferred (within your data scope); none for a clue.")
    take_step: bool = Field(True, description="Also take the case's transfer or referral step when it is open.")
    evidence: list[str] = Field(default_factory=list, max_length=100)
    findings: list[str] = Field(default_factory=list, max_length=100)


class AcknowledgeIn(InputSchema):
    on: Optional[date] = Field(None, description="Default: today.")


class OutcomeIn(InputSchema):
    outcome: TransferOutcome
    on: Optional[date] = Field(None, description="Default: today.")
    text: str = Field("", max_length=5000)


class StatementIn(InputSchema):
    id: int
    recognized: bool
    note: str = Field("", max_length=500)


class RecognitionIn(InputSchema):
    items: list[StatementIn] = Field(..., max_length=500)
    on: Optional[date] = Field(None, description="Default: today.")


class AssistanceOut(Linked):
    id: int
    subject: str
    questions: str
    requester: Ref
    addressee: Ref
    case: Optional[CaseRef] = None
    sent_on: date
    due_on: date
    status: AssistanceStatus
    reply: str
    replied_on: Optional[date]


class AssistanceIn(InputSchema):
    addressee: int
    subject: str = Field(..., max_length=200)
    questions: str = Field(..., max_length=10000)
    sent_on: Optional[date] = None
    due_on: Optional[date] = Field(None, description="Default: the assisted-investigation time limit in force.")
    case: Optional[int] = None


class ReplyIn(InputSchema):
    text: str = Field(..., max_length=10000)
    on: Optional[date] = None
    decline: bool = False


class OperationOut(Linked):
    id: int
    name: str
    starts_on: date
    ends_on: date
    lead: Ref
    participants: list[Ref]
    cases: list[CaseRef]
    results: str

    @staticmethod
    def resolve_participants(obj):
        return list(obj.participants.all())

    @staticmethod
    def resolve_cases(obj):
        return list(obj.cases.all())


class OperationIn(InputSchema):
    name: str = Field(..., max_length=200)
    starts_on: date
    ends_on: date
    lead: int
    participants: list[int] = Field(default_factory=list, max_length=200)
    cases: list[int] = Field(default_factory=list, max_length=1000)
    results: str = Field("", max_length=10000)


class DecisionOut(Schema):
    id: int
    text: str
    owner: Ref
    due_on: date
    done_on: Optional[date]


class MeetingOut(Linked):
    id: int
    title: str
    held_on: date
    year: int
    quarter: int
    convener: Ref
    attendees: list[Ref]
    people: str
    agenda: list[str]
    decisions: list[DecisionOut]
    cases: list[CaseRef]

    @staticmethod
    def resolve_attendees(obj):
        return list(obj.attendees.all())

    @staticmethod
    def resolve_agenda(obj):
        return [a.title for a in obj.agenda.all()]

    @staticmethod
    def resolve_decisions(obj):
        return list(obj.decisions.all())

    @staticmethod
    def resolve_cases(obj):
        return list(obj.cases.all())


class DecisionIn(InputSchema):
    text: str = Field(..., max_length=500)
    owner: int
    due_on: date


class MeetingIn(InputSchema):
    title: str = Field(..., max_length=200)
    held_on: date
    year: Optional[int] = Field(None, ge=1990, le=2100)
    quarter: Optional[int] = Field(None, ge=1, le=4)
    convener: int
    attendees: list[int] = Field(default_factory=list, max_length=200)
    people: str = Field("", max_length=5000)
    agenda: list[str] = Field(default_factory=list, max_length=100)
    decisions: list[DecisionIn] = Field(default_factory=list, max_length=100)
    cases: list[int] = Field(default_factory=list, max_length=1000)
