"""The service network in the API: /api/v1/workstations, /service-records, /experts,
/expert-draws, /filing-entities, /preexam-requests, /list-entries, /surveys.

Each is one `Resource` (zhibao.api.resources) built from the FilterSet its list page uses.
Writes go through this app's rule functions (`RuleResource.saver`), the same ones the pages
call, so validation, optimistic locking, scope and the audit log are the same everywhere.
"""
from dataclasses import dataclass
from typing import Any, Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Status

from zhibao.accounts.scope import visible
from zhibao.api.auth import permission_auth
from zhibao.api.errors import ApiError, ErrorOut, forbidden, invalid, not_found
from zhibao.api.resources import Resource, no_such
from zhibao.registry.models import IPRight, MarketEntity, Organization
from zhibao.registry.services import save_record

from . import common, filters, preexam, protection, schemas, stations, surveys
from . import draw as draw_rules
from .common import restore_version
from .models import (
    Expert, ExpertAppointment, ExpertDraw, ExpertOpinion, FilingEntity, ListEntry, PreexamRequest,
    ProductDescription, ServiceRecipient, ServiceRecord, Survey, SurveyQuestion, Workstation, WorkstationContact,
)
from .permissions import ServicePerm

API_PREFIX = ""
router = Router()

Saver = Callable[[Any, Any, dict, int | None], None]


@dataclass
class RuleResource(Resource):
    """A Resource whose writes call a rule function: saver(request, record, extra, version),
    where `extra` holds the body fields that are not columns (lists of related records)."""

    saver: Saver | None = None
    unscoped: tuple[str, ...] = ()  # references to market entities resolved over the whole registry

    def assign(self, request, record, data: dict) -> dict:
        errors = {}
        for key in self.unscoped:
            if key in data:
                value = data.pop(key)
                target = MarketEntity.objects.filter(pk=value).first() if value is not None else None
                if value is not None and target is None:
                    errors[key] = [no_such(MarketEntity, value)]
                setattr(record, key, target)
        extra = super().assign(request, record, data)
        if errors:
            raise invalid(errors)
        return extra

    def save(self, request, record, data: dict, version: int | None = None):
        creating = record.pk is None
        extra = self.assign(request, record, data)
        try:
            with transaction.atomic():
                self.saver(request, record, extra, version)
                if not visible(self.model._default_manager.filter(pk=record.pk), request.user).exists():
                    raise forbidden(_("You may only create or change records within your data scope; "
                                      "this %(thing)s would be outside it. Nothing was saved.") % {
                        "thing": str(self.model._meta.verbose_name)})
        except Exception:
            if creating:
                record.pk = None
            restore_version(record)
            raise
        return self.get_object(request, record.pk)


def entities_by_id(ids: list[int], key: str) -> list[MarketEntity]:
    """Registered market entities by id (any: a workstation serves whoever comes; see forms.py)."""
    found = {e.pk: e for e in MarketEntity.objects.filter(pk__in=ids)}
    errors = {f"{key}.{i}": [no_such(MarketEntity, pk)] for i, pk in enumerate(ids) if pk not in found}
    if errors:
        raise invalid(errors)
    return [found[pk] for pk in ids]


# -- workstations and service records -------------------------------------------------------------

def save_workstation(request, ws, extra, version):
    stations.save_workstation(ws, request.user, expected_version=version)
    contacts = extra.get("contacts")
    if contacts is not None:
        ws.contacts.all().delete()
        for i, item in enumerate(contacts):
            contact = WorkstationContact(workstation=ws, **item)
            try:
                contact.full_clean()
            except ValidationError as exc:
                raise invalid({f"contacts.{i}.{k}": v for k, v in exc.message_dict.items()}) from None
            contact.save()


def save_service_record(request, record, extra, version):
    ids = extra.get("entities")
    entities = entities_by_id(ids, "entities") if ids is not None else None
    stations.save_service(record, entities, request.user, expected_version=version)


workstations = RuleResource(
    "workstations", Workstation, filters.WorkstationFilter, out=schemas.WorkstationOut,
    create=schemas.WorkstationIn, view_perm=ServicePerm.VIEW, change_perm=ServicePerm.CHANGE,
    ordering=("id", "name", "kind", "opened_on", "closed_on", "created", "updated"),
    select_related=("district", "supervisor", "host_org", "host_entity"), prefetch_related=("contacts",),
    saver=save_workstation, unscoped=("host_entity",),
)
service_records = RuleResource(
    "service-records", ServiceRecord, filters.ServiceRecordFilter, out=schemas.ServiceRecordOut,
    create=schemas.ServiceRecordIn, view_perm=ServicePerm.VIEW, change_perm=ServicePerm.RECORD,
    ordering=("id", "served_on", "kind", "created", "updated"), default_ordering=("-served_on",),
    select_related=("workstation", "case"),
    prefetch_related=(Prefetch("recipients", queryset=ServiceRecipient.objects.select_related("entity")
                               .order_by("pk")),),
    saver=save_service_record,
)

for resource in (workstations, service_records):
    resource.register(router)


# -- experts, draws, opinions ------------------------------------------------------------------------

def save_expert(request, expert, extra, version):
    with transaction.atomic():
        save_record(expert, expected_version=version)
        for i, item in enumerate(extra.get("appointments") or []):
            appointed_by = item.pop("appointed_by", None)
            appointment = ExpertAppointment(expert=expert, **item)
            if appointed_by is not None:
                appointment.appointed_by = Organization.objects.filter(pk=appointed_by).first()
                if appointment.appointed_by is None:
                    raise invalid({f"appointments.{i}.appointed_by": [no_such(Organization, appointed_by)]})
            try:
                appointment.full_clean()
            except ValidationError as exc:
                raise invalid({f"appointments.{i}.{k}": v for k, v in exc.message_dict.items()}) from None
            appointment.save()


experts = RuleResource(
    "experts", Expert, filters.ExpertFilter, out=schemas.ExpertOut, create=schemas.ExpertIn,
    view_perm=ServicePerm.EXPERTS_VIEW, change_perm=ServicePerm.EXPERTS_CHANGE,
    ordering=("id", "name", "employer_name", "created", "updated"),
    select_related=("employer_entity", "employer_org"), prefetch_related=("appointments",),
    saver=save_expert, unscoped=("employer_entity",),
)
draws = Resource(
    "expert-draws", ExpertDraw, filters.DrawFilter, out=schemas.DrawOut,
    view_perm=ServicePerm.EXPERTS_VIEW, ordering=("id", "drawn_on", "created"), default_ordering=("-drawn_on",),
    select_related=("case",), prefetch_related=("picks__expert", "picks__replacement_draws__picks"),
)
opinions = Resource(
    "expert-opinions", ExpertOpinion, filters.OpinionFilter, out=schemas.OpinionOut,
    view_perm=ServicePerm.EXPERTS_VIEW, ordering=("id", "given_on", "created"), default_ordering=("-given_on",),
    select_related=("expert",),
)
for resource in (experts, draws, opinions):
    resource.register(router)

_draw_errors = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _not_enough(exc: draw_rules.NotEnough) -> ApiError:
    return ApiError(422, exc.messages[0], {"count": [exc.messages[0]]}, exclusions=exc.exclusions,
                    candidates=exc.candidates)


@router.post("/expert-draws", response={201: schemas.DrawOut, **_draw_errors},
             auth=permission_auth((ServicePerm.EXPERTS_VIEW, ServicePerm.DRAW)), tags=["expert-draws"],
             operation_id="expert-draws_create", summary="Draw experts for a case")
def create_draw(request, payload: schemas.DrawIn):
    from zhibao.cases.models import Case

    case = visible(Case.objects.all(), request.user).filter(pk=payload.case).first()
    if case is None:
        raise invalid({"case": [no_such(Case, payload.case)]})
    try:
        d = draw_rules.draw(case, request.user, role=payload.role, count=payload.count,
                            on=payload.drawn_on or common.today(), ipc=payload.ipc_classes,
                            industries=payload.industries, seed=payload.seed, note=payload.note)
    except draw_rules.NotEnough as exc:
        raise _not_enough(exc) from None
    return Status(201, draws.get_object(request, d.pk))


@router.post("/expert-draws/{pk}/picks/{pick_pk}/recusal", response={200: schemas.DrawOut, **_draw_errors},
             auth=permission_auth((ServicePerm.EXPERTS_VIEW, ServicePerm.DRAW)), tags=["expert-draws"],
             operation_id="expert-draws_recuse",
             summary="Recuse a drawn expert; answers the replacement draw, or the draw itself without one")
def recuse_pick(request, pk: int, pick_pk: int, payload: schemas.RecusalIn):
    d = draws.get_object(request, pk)
    pick = d.picks.filter(pk=pick_pk).first()
    if pick is None:
        raise not_found()
    try:
        replacement = draw_rules.recuse(pick, request.user, reason=payload.reason, note=payload.note,
                                        on=payload.on or common.today(), replace=payload.replace, seed=payload.seed)
    except draw_rules.NotEnough as exc:
        raise _not_enough(exc) from None
    return draws.get_object(request, (replacement or d).pk)


# -- pre-examination ---------------------------------------------------------------------------------------

def save_filing(request, filing, extra, version):
    preexam.apply(filing, request.user, expected_version=version)


def save_preexam(request, req, extra, version):
    preexam.save_request(req, request.user, expected_version=version)


filings = RuleResource(
    "filing-entities", FilingEntity, filters.FilingFilter, out=schemas.FilingOut, create=schemas.FilingIn,
    view_perm=ServicePerm.VIEW, change_perm=ServicePerm.PREEXAM,
    ordering=("id", "applied_on", "valid_from", "valid_to", "created", "updated"), default_ordering=("-applied_on",),
    select_related=("entity", "centre"), saver=save_filing, unscoped=("entity",),
)
preexams = RuleResource(
    "preexam-requests", PreexamRequest, filters.PreexamFilter, out=schemas.PreexamOut, create=schemas.PreexamIn,
    view_perm=ServicePerm.VIEW, change_perm=ServicePerm.PREEXAM,
    ordering=("id", "submitted_on", "outcome_on", "turnaround_working_days", "created", "updated"),
    default_ordering=("-submitted_on",), select_related=("filing__entity", "filing__centre"), saver=save_preexam,
)
for resource in (filings, preexams):
    resource.register(router)

_action_auth = permission_auth((ServicePerm.VIEW, ServicePerm.PREEXAM))


@router.post("/filing-entities/{pk}/review", response={200: schemas.FilingOut, **_draw_errors}, auth=_action_auth,
             tags=["filing-entities"], operation_id="filing-entities_review",
             summary="Approve or reject an application to file")
def review_filing(request, pk: int, payload: schemas.ReviewIn):
    filing = filings.get_object(request, pk)
    preexam.review(filing, request.user, approve=payload.approve, on=payload.on or common.today(), note=payload.note,
                   valid_until=payload.valid_until, expected_version=payload.version)
    return filings.get_object(request, pk)


@router.post("/filing-entities/{pk}/revocation", response={200: schemas.FilingOut, **_draw_errors},
             auth=_action_auth, tags=["filing-entities"], operation_id="filing-entities_revoke",
             summary="Revoke an approved filing")
def revoke_filing(request, pk: int, payload: schemas.RevokeIn):
    filing = filings.get_object(request, pk)
    preexam.revoke(filing, request.user, on=payload.on or common.today(), reason=payload.reason,
                   expected_version=payload.version)
    return filings.get_object(request, pk)


# -- protection lists and product descriptions ---------------------------------------------------------------

def save_list_entry(request, entry, extra, version):
    ids = extra.get("rights")
    rights = None
    if ids is not None:
        found = {r.pk: r for r in IPRight.objects.filter(pk__in=ids)}
        missing = {f"rights.{i}": [no_such(IPRight, pk)] for i, pk in enumerate(ids) if pk not in found}
        if missing:
            raise invalid(missing)
        rights = [found[pk] for pk in ids]
    protection.save_entry(entry, rights, request.user, expected_version=version)


class DescriptionResource(Resource):
    """Read-only; a user sees the descriptions shared with their organization (or their own)."""

    def queryset(self, request):
        return protection.descriptions_for(request.user).select_related("holder").prefetch_related(
            "rights", "shared_with")


list_entries = RuleResource(
    "list-entries", ListEntry, filters.ListEntryFilter, out=schemas.ListEntryOut, create=schemas.ListEntryIn,
    view_perm=ServicePerm.VIEW, change_perm=ServicePerm.CHANGE,
    ordering=("id", "kind", "name", "listed_on", "valid_to", "created", "updated"),
    select_related=("entity", "batch", "keeper", "complaint_office"), prefetch_related=("rights",),
    saver=save_list_entry, unscoped=("entity",),
)
descriptions = DescriptionResource(
    "product-descriptions", ProductDescription, filters.ProductFilter, out=schemas.ProductDescriptionOut,
    view_perm="", ordering=("id", "name", "updated"),
)
for resource in (list_entries, descriptions):
    resource.register(router)


# -- surveys ---------------------------------------------------------------------------------------------------

def save_survey(request, survey, extra, version):
    save_record(survey, expected_version=version)
    questions = extra.get("questions")
    if questions is None:
        return
    if survey.responses.exists():
        raise invalid({"questions": [_("This survey has responses: its questions can no longer change, or the "
                                       "results would not compare. Make a new survey instead.")]})
    survey.questions.all().delete()
    for i, item in enumerate(questions):
        question = SurveyQuestion(survey=survey, **item)
        try:
            question.full_clean()
        except ValidationError as exc:
            raise invalid({f"questions.{i}.{k}": v for k, v in exc.message_dict.items()}) from None
        question.save()


survey_resource = RuleResource(
    "surveys", Survey, filters.SurveyFilter, out=schemas.SurveyOut, create=schemas.SurveyIn,
    view_perm=ServicePerm.SURVEYS, change_perm=ServicePerm.SURVEYS, ordering=("id", "opens_on", "title"),
    saver=save_survey,
)
survey_resource.register(router)


@router.post("/surveys/{pk}/invitations", response={201: schemas.InvitationOut, **_draw_errors},
             auth=permission_auth((ServicePerm.VIEW,)), tags=["surveys"], operation_id="surveys_invite",
             summary="Make an invitation to rate a service or a closed case (the link is shown once)")
def invite(request, pk: int, payload: schemas.InvitationIn):
    from zhibao.cases.models import Case

    user = request.user
    if not (user.has_perm(ServicePerm.RECORD) or user.has_perm(ServicePerm.SURVEYS)):
        raise forbidden()
    survey = Survey.objects.filter(pk=pk).first()
    if survey is None:
        raise not_found()
    if (payload.service_record is None) == (payload.case is None):
        raise invalid({"__all__": [_("Name either a service record or a case.")]})
    if payload.service_record is not None:
        record = visible(ServiceRecord.objects.all(), user).filter(pk=payload.service_record).first()
        if record is None:
            raise invalid({"service_record": [no_such(ServiceRecord, payload.service_record)]})
        invitation, token = surveys.invite_for_service(record, survey, user)
    else:
        case = visible(Case.objects.all(), user).filter(pk=payload.case).first()
        if case is None:
            raise invalid({"case": [no_such(Case, payload.case)]})
        invitation, token = surveys.invite_for_case(case, survey, user)
    url = request.build_absolute_uri(reverse("services:survey_answer", args=[token]))
    return Status(201, {"id": invitation.pk, "survey": survey.pk, "url": url, "expires_on": invitation.expires_on})


@router.get("/surveys/{pk}/results", response={200: schemas.ResultsOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
            auth=permission_auth((ServicePerm.SURVEYS,)), tags=["surveys"], operation_id="surveys_results",
            summary="Count, mean score and per-question means (without responses rating your own body)")
def survey_results(request, pk: int):
    survey = Survey.objects.filter(pk=pk).first()
    if survey is None:
        raise not_found()
    return surveys.results(surveys.visible_responses(request.user).filter(survey=survey))
