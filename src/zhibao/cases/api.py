"""Cases in the API: /api/v1/cases (list, read, open), its steps, timeline and records,
/api/v1/worklists and /api/v1/time-limit-rules.

Lists and reads are `Resource`s (zhibao.api.resources) over the FilterSets the pages use;
every change goes through the engine (`engine.open_case`, `apply`, `add_party`, ...), which
checks roles, scope, stages, fields and versions exactly as for the pages. What the engine
refuses is answered in the common error format: 403 for a step the caller's role or scope
does not allow, 409 for a stale version (with `current_version`), 400 otherwise (with the
engine's reason as `code`); nothing is changed.
"""
from contextlib import contextmanager
from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from zhibao.accounts.models import User
from zhibao.accounts.roles import Perm
from zhibao.accounts.scope import visible
from zhibao.api.auth import permission_auth
from zhibao.api.errors import ALL, ApiError, ErrorOut, full_view_denied, invalid
from zhibao.api.resources import DEFAULT_LIMIT, MAX_LIMIT, Resource, check_query, no_such
from zhibao.audit.personal import log_full_view
from zhibao.registry.models import District, IPRight, MarketEntity, Organization, Person

from . import engine, filters, links, party_view, schemas, timelimits, worklists
from .errors import CaseError, NotAllowed, StaleCase
from .models import Case, TimeLimitRule
from .permissions import CasesPerm

API_PREFIX = ""
router = Router()
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
CHANGE_ERRORS = {**ERRORS, 400: ErrorOut, 409: ErrorOut}


# -- cases ------------------------------------------------------------------------------------

def present_cases(request, records: list, options) -> list:
    """Personal data of parties masked unless asked for in full by one who may (then logged);
    the steps the caller may take now."""
    user = request.user
    request.cases_restricted = party_view.restricted(user)
    if options.full:
        if not user.has_perm(Perm.PERSON_VIEW_FULL):
            raise full_view_denied()
        persons = {p.person_id: p.person for case in records for p in case.parties.all() if p.person_id}
        log_full_view(user, persons.values(), "api")
        request.cases_full_view = True
    for case in records:
        case.api_steps = engine.available_transitions(case, user)
    return records


cases = Resource(
    "cases", Case, filters.CaseFilter, out=schemas.CaseOut, view_perm=CasesPerm.VIEW,
    options=schemas.CaseOptions, ordering=("id", "number", "received_on", "filed_on", "closed_on", "due_date",
                                           "updated"),
    select_related=("handling_org",),
    prefetch_related=("parties__entity", "parties__person", "rights__right", "products", "places", "clocks",
                      "assignments__user"),
    present=present_cases,
)
cases.register(router)
handle_auth = permission_auth(
    (CasesPerm.VIEW, CasesPerm.HANDLE), lambda: _("You do not have permission to handle cases."))


@contextmanager
def engine_errors():
    """The engine's refusals in the API's error format."""
    try:
        yield
    except StaleCase as exc:
        raise ApiError(409, exc.message, {"version": [exc.message]}, current_version=exc.current_version) from None
    except NotAllowed as exc:
        raise ApiError(403, exc.message, code=exc.code) from None
    except CaseError as exc:
        errors = {field: [exc.message] for field in exc.fields} or {ALL: [exc.message]}
        raise ApiError(400, exc.message, errors, code=exc.code) from None


class Refs:
    """Turns ids in a request body into records within the caller's scope, collecting errors."""

    def __init__(self, user):
        self.user = user
        self.errors: dict[str, list[str]] = {}

    def get(self, model, key: str, value, field: str = "pk"):
        if value is None:
            return None
        qs = User.objects.filter(is_active=True) if model is User else visible(model._default_manager.all(), self.user)
        record = qs.filter(**{field: value}).first()
        if record is None:
            self.errors.setdefault(key, []).append(no_such(model, value))
        return record

    def party(self, prefix: str, party: dict) -> dict:
        return {**party, "entity": self.get(MarketEntity, f"{prefix}entity", party.get("entity")),
                "person": self.get(Person, f"{prefix}person", party.get("person"))}

    def place(self, prefix: str, place: dict) -> dict:
        return {**place, "district": self.get(District, f"{prefix}district", place.get("district"), "code")}

    def check(self):
        if self.errors:
            raise invalid(self.errors)


def read(request, case: Case, options=None):
    """The case as read again after a change, in the caller's scope."""
    return cases.serialize(request, [cases.get_object(request, case.pk)], options)[0]


@router.post("/cases", response={201: schemas.CaseOut, **CHANGE_ERRORS}, auth=handle_auth, tags=["cases"],
             operation_id="cases_create", summary="Open a case")
def create_case(request, payload: schemas.CaseIn):
    check_query(request, set())
    body = payload.model_dump()
    refs = Refs(request.user)
    handling_org = refs.get(Organization, "handling_org", body["handling_org"])
    district = refs.get(District, "district", body["district"], "code")
    officers = [refs.get(User, f"officers.{i}", pk) for i, pk in enumerate(body["officers"])]
    lead = refs.get(User, "lead", body["lead"])
    parties = [refs.party(f"parties.{i}.", p) for i, p in enumerate(body["parties"])]
    rights = [refs.get(IPRight, f"rights.{i}", pk) for i, pk in enumerate(body["rights"])]
    places = [refs.place(f"places.{i}.", p) for i, p in enumerate(body["places"])]
    refs.check()
    with engine_errors():
        case = engine.open_case(
            body["procedure"], request.user, handling_org=handling_org, title=body["title"], at=body["at"],
            entry=body["entry"], kind=body["kind"], track=body["track"], channel=body["channel"],
            district=district, summary=body["summary"], officers=officers, lead=lead, parties=parties,
            rights=rights, products=body["products"], places=places, data=body["data"], note=body["note"])
    return Status(201, read(request, case))


@router.post("/cases/{pk}/steps", response={200: schemas.CaseOut, **CHANGE_ERRORS}, auth=handle_auth,
             tags=["cases"], operation_id="cases_step", summary="Take a step of the case's procedure")
def take_step(request, pk: int, payload: schemas.StepIn):
    check_query(request, set())
    case = cases.get_object(request, pk)
    with engine_errors():
        engine.apply(case, payload.code, request.user, at=payload.at, data=payload.data,
                     expected_version=payload.version, note=payload.note)
    return read(request, case)


@router.get("/cases/{pk}/timeline", response={200: list[schemas.EventOut], **ERRORS}, auth=cases.view_auth,
            tags=["cases"], operation_id="cases_timeline", summary="The case's timeline")
def case_timeline(request, pk: int):
    check_query(request, set())
    case = cases.get_object(request, pk)
    if party_view.restricted(request.user):  # what the case page shows a party, no more
        request.cases_restricted = True
        return party_view.steps_taken(case)
    request.case_entity_names = frozenset(case.parties.filter(entity__isnull=False).values_list("entity__name",
                                                                                               flat=True))
    return list(engine.timeline(case).select_related("case"))


class RelatedOptions(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT)


@router.get("/cases/{pk}/related", response={200: schemas.RelatedOut, **ERRORS}, auth=cases.view_auth,
            tags=["cases"], operation_id="cases_related",
            summary="Other cases sharing a party, a right, an address or a phone")
def related_cases(request, pk: int, options: Query[RelatedOptions]):
    check_query(request, set(RelatedOptions.model_fields))
    if party_view.restricted(request.user):  # the case page does not show a party related cases
        cases.get_object(request, pk)
        return {"results": [], "too_common": []}
    found = links.related(cases.get_object(request, pk), request.user, limit=options.limit)
    return {"results": found.cases, "too_common": found.too_common}


def _add_record(path: str, schema, summary: str, prepare):
    """POST /cases/{pk}/<path>: add a record through the engine; answers the case read again.
    `prepare(refs, body)` resolves the body's ids and returns the engine call to make."""

    @router.post(f"/cases/{{pk}}/{path}", response={201: schemas.CaseOut, **CHANGE_ERRORS}, auth=handle_auth,
                 tags=["cases"], operation_id=f"cases_add_{path}", summary=summary)
    def endpoint(request, pk: int, payload: schema):
        check_query(request, set())
        case = cases.get_object(request, pk)
        body = payload.model_dump()
        version = body.pop("version")
        refs = Refs(request.user)
        add = prepare(refs, body)
        refs.check()
        with engine_errors():
            add(case, request.user, version)
        return Status(201, read(request, case))


def _party(refs, body):
    party = refs.party("", body)
    return lambda case, user, version: engine.add_party(case, user, expected_version=version, **party)


def _right(refs, body):
    right = refs.get(IPRight, "right", body["right"])
    return lambda case, user, version: engine.add_right(case, user, right, note=body["note"],
                                                        expected_version=version)


def _product(refs, body):
    return lambda case, user, version: engine.add_product(case, user, expected_version=version, **body)


def _place(refs, body):
    place = refs.place("", body)
    return lambda case, user, version: engine.add_place(case, user, expected_version=version, **place)


def _assignment(refs, body):
    officer = refs.get(User, "user", body["user"])
    return lambda case, user, version: engine.assign(case, user, officer, lead=body["lead"],
                                                     expected_version=version)


_add_record("parties", schemas.PartyAdd, "Add a party", _party)
_add_record("rights", schemas.RightAdd, "Add an IP right involved", _right)
_add_record("products", schemas.ProductAdd, "Add a product", _product)
_add_record("places", schemas.PlaceAdd, "Add a place", _place)
_add_record("assignments", schemas.AssignmentAdd, "Assign an officer", _assignment)


# -- worklists --------------------------------------------------------------------------------

class WorkPaging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)


class ClockOptions(WorkPaging):
    mine: bool = Field(False, description="Only cases you are assigned to.")
    legal_only: bool = Field(False, description="Only legal time limits (not internal targets).")


class DueOptions(ClockOptions):
    days: int = Field(7, ge=0, le=filters.MAX_DUE_DAYS, description="Due from today to this many days ahead.")


def _page(qs, paging) -> dict:
    return {"count": qs.count(), "limit": paging.limit, "offset": paging.offset,
            "results": list(qs[paging.offset:paging.offset + paging.limit])}


def _page_of(schema, name):
    from pydantic import create_model

    return create_model(name, __base__=Schema, count=(int, ...), limit=(int, ...), offset=(int, ...),
                        results=(list[schema], ...))


CasePage = _page_of(schemas.CaseRef, "WorklistCases")
ClockPage = _page_of(schemas.DueOut, "WorklistClocks")
view_auth = cases.view_auth


@router.get("/worklists/mine", response={200: CasePage, **ERRORS}, auth=view_auth, tags=["worklists"],
            operation_id="worklists_mine", summary="My open cases, the most urgent first")
def my_cases(request, paging: Query[WorkPaging]):
    check_query(request, set(WorkPaging.model_fields))
    return _page(visible(worklists.mine(request.user), request.user), paging)


@router.get("/worklists/due", response={200: ClockPage, **ERRORS}, auth=view_auth, tags=["worklists"],
            operation_id="worklists_due", summary="Time limits due within N days, soonest first")
def due(request, options: Query[DueOptions]):
    check_query(request, set(DueOptions.model_fields))
    return _page(worklists.due_within(request.user, options.days, mine_only=options.mine,
                                      legal_only=options.legal_only), options)


@router.get("/worklists/overdue", response={200: ClockPage, **ERRORS}, auth=view_auth, tags=["worklists"],
            operation_id="worklists_overdue", summary="Time limits past their due date, longest overdue first")
def overdue(request, options: Query[ClockOptions]):
    check_query(request, set(ClockOptions.model_fields))
    return _page(worklists.overdue(request.user, mine_only=options.mine, legal_only=options.legal_only), options)


# -- time-limit rules ---------------------------------------------------------------------------

def present_rules(request, records: list, options) -> list:
    """Each rule with the history of its key (procedure, time limit, part, body), in one query."""
    keys = {(r.procedure, r.clock, r.part) for r in records}
    condition = Q(pk__in=[])
    for procedure, clock, part in keys:
        condition |= Q(procedure=procedure, clock=clock, part=part)
    history: dict[tuple, list] = {}
    for row in TimeLimitRule.objects.filter(condition).select_related("changed_by").order_by("-effective_from"):
        history.setdefault((row.procedure, row.clock, row.part, row.organization_id), []).append(row)
    for record in records:
        record.api_history = history.get((record.procedure, record.clock, record.part, record.organization_id), [])
    return records


rules = Resource(
    "time-limit-rules", TimeLimitRule, filters.RuleFilter, out=schemas.RuleDetailOut, view_perm=CasesPerm.VIEW,
    ordering=("id", "procedure", "clock", "part", "effective_from", "changed"),
    select_related=("changed_by",), present=present_rules,
)
rules.register(router)
rules_auth = permission_auth(
    (CasesPerm.VIEW, CasesPerm.RULES), lambda: _("You do not have permission to change time-limit rules."))


@router.post("/time-limit-rules", response={201: schemas.RuleDetailOut, **CHANGE_ERRORS}, auth=rules_auth,
             tags=["time-limit-rules"], operation_id="time-limit-rules_create",
             summary="Set the amount of a time limit from a date")
def set_rule(request, payload: schemas.RuleIn):
    check_query(request, set())
    body = payload.model_dump()
    refs = Refs(request.user)
    body["organization"] = refs.get(Organization, "organization", body["organization"])
    refs.check()
    row = timelimits.set_rule(user=request.user, **body)
    return Status(201, rules.serialize(request, [rules.get_object(request, row.pk)], None)[0])
