"""Field and record rules of the service network, reached through `full_clean` by the pages,
the API and the rule modules alike. Each raises one ValidationError with every message,
keyed by field, translated."""
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .common import Errors, not_in_future
from django.core.exceptions import ValidationError

# The map position must fall in Shaanxi province (a generous box around it): a point
# elsewhere is almost always latitude and longitude swapped or mistyped.
SHAANXI_LATITUDE = (Decimal("31.7"), Decimal("39.6"))
SHAANXI_LONGITUDE = (Decimal("105.5"), Decimal("111.3"))


def _future(errors: Errors, field: str, value) -> None:
    try:
        not_in_future(value)
    except ValidationError as exc:
        errors.add(field, exc.messages[0])


def clean_workstation(ws) -> None:
    errors = Errors()
    if ws.opened_on and ws.closed_on and ws.closed_on < ws.opened_on:
        errors.add("closed_on", _("A workstation cannot close before it opened."))
    if (ws.latitude is None) != (ws.longitude is None):
        errors.add("longitude" if ws.longitude is None else "latitude",
                   _("Give both latitude and longitude for the map position, or neither."))
    elif isinstance(ws.latitude, Decimal) and isinstance(ws.longitude, Decimal):  # else its field reported it
        if not (SHAANXI_LATITUDE[0] <= ws.latitude <= SHAANXI_LATITUDE[1]
                and SHAANXI_LONGITUDE[0] <= ws.longitude <= SHAANXI_LONGITUDE[1]):
            errors.add("latitude", _("This map position is outside Shaanxi province; check the latitude and "
                                     "longitude (Xi'an is near 34.3° N, 108.9° E)."))
    if not (ws.host_org_id or ws.host_entity_id or (ws.host_name or "").strip()):
        errors.add("host_name", _("Name the host: a body, an enterprise, or another host."))
    errors.raise_if_any()


def clean_service_record(record) -> None:
    errors = Errors()
    _future(errors, "served_on", record.served_on)
    ws = record.workstation if record.workstation_id else None
    if ws is not None and record.served_on and not ws.operating_on(record.served_on):
        if ws.closed_on:
            message = _("The workstation was not in operation on this date (it operated from %(opened)s to "
                        "%(closed)s).") % {"opened": ws.opened_on.isoformat(), "closed": ws.closed_on.isoformat()}
        else:
            message = _("The workstation was not in operation on this date (it opened on %(opened)s).") % {
                "opened": ws.opened_on.isoformat()}
        errors.add("served_on", message)
    errors.raise_if_any()


# -- experts ----------------------------------------------------------------------------------

def clean_expert(expert) -> None:
    from .fields import parse_industries, parse_ipc

    errors = Errors()
    try:
        expert.ipc_classes = ", ".join(parse_ipc(expert.ipc_classes))
    except ValidationError as exc:
        for message in exc.messages:
            errors.add("ipc_classes", message)
    try:
        expert.industries = ",".join(parse_industries(expert.industries))
    except ValidationError as exc:
        errors.add("industries", exc.messages[0])
    if expert.employer_entity_id and expert.employer_org_id:
        errors.add("employer_org", _("Choose the employer either as a market entity or as a public body, not both."))
    if not (expert.employer_name or "").strip():
        employer = expert.employer_entity if expert.employer_entity_id else (
            expert.employer_org if expert.employer_org_id else None)
        if employer is not None:
            expert.employer_name = employer.name
        else:
            errors.add("employer_name", _("Give the organization where the expert works."))
    errors.raise_if_any()


def clean_appointment(appointment) -> None:
    errors = Errors()
    start, end, ended = appointment.starts_on, appointment.ends_on, appointment.ended_on
    if start and end and end < start:
        errors.add("ends_on", _("The term cannot end before it starts."))
    if start and ended and ended <= start:
        errors.add("ended_on", _("An appointment can end early only after its first day."))
    if end and ended and ended > end:
        errors.add("ended_on", _("The appointment ends early after the end of its term; change the term instead."))
    if ended and not (appointment.end_reason or "").strip():
        errors.add("end_reason", _("Say why the appointment ended early."))
    if start and appointment.expert_id and not errors:
        from .common import day_before, earliest

        last = earliest(end, day_before(ended))
        others = type(appointment).objects.filter(expert_id=appointment.expert_id, role=appointment.role).exclude(
            pk=appointment.pk)
        for other in others:
            if (other.valid_to is None or other.valid_to >= start) and (last is None or other.valid_from <= last):
                errors.add("starts_on", _("This overlaps the appointment in the same role from %(start)s; end that "
                                          "one first.") % {"start": other.starts_on.isoformat()})
                break
    errors.raise_if_any()


def clean_unavailability(period) -> None:
    if period.first_day and period.last_day and period.last_day < period.first_day:
        raise ValidationError({"last_day": _("The end date cannot be before the start date.")})


def clean_tie(tie) -> None:
    from .choices import TieKind

    errors = Errors()
    if tie.kind == TieKind.CASE_ROLE:
        if not tie.case_id:
            errors.add("case", _("Name the case in which the expert acted for a party."))
    elif not (tie.entity_id or tie.person_id or (tie.name or "").strip()):
        errors.add("name", _("Name the other side of the tie: a market entity, a person, or a name."))
    if tie.started_on and tie.ended_on and tie.ended_on < tie.started_on:
        errors.add("ended_on", _("The end date cannot be before the start date."))
    errors.raise_if_any()


def clean_opinion(opinion) -> None:
    from .choices import PickState

    errors = Errors()
    _future(errors, "given_on", opinion.given_on)
    pick = opinion.pick if opinion.pick_id else None
    if pick is not None:
        if pick.case_id != opinion.case_id or pick.expert_id != opinion.expert_id:
            errors.add("pick", _("This opinion does not belong to that draw."))
        elif pick.state != PickState.ACTIVE:
            errors.add("pick", _("The expert was recused from this case and can no longer give an opinion on it."))
        if opinion.given_on and opinion.given_on < pick.drawn_on:
            errors.add("given_on", _("The opinion cannot be dated before the expert was drawn (%(date)s).")
                       % {"date": pick.drawn_on.isoformat()})
    errors.raise_if_any()


# -- pre-examination ------------------------------------------------------------------------------

def _fields(errors: Errors, record, ipc_attr="ipc_classes", industries_attr="industries") -> None:
    from .fields import parse_industries, parse_ipc

    try:
        setattr(record, ipc_attr, ", ".join(parse_ipc(getattr(record, ipc_attr))))
    except ValidationError as exc:
        for message in exc.messages:
            errors.add(ipc_attr, message)
    try:
        setattr(record, industries_attr, ",".join(parse_industries(getattr(record, industries_attr))))
    except ValidationError as exc:
        errors.add(industries_attr, exc.messages[0])


def clean_centre_profile(profile) -> None:
    errors = Errors()
    _fields(errors, profile)
    if profile.centre_id and profile.centre.kind != "protection_centre":
        errors.add("centre", _("Filing rules belong to an IP protection centre."))
    errors.raise_if_any()


def clean_filing(filing) -> None:
    errors = Errors()
    _future(errors, "applied_on", filing.applied_on)
    _fields(errors, filing)
    if filing.centre_id and filing.centre.kind != "protection_centre":
        errors.add("centre", _("Entities file with an IP protection centre."))
    errors.raise_if_any()


def clean_preexam(request) -> None:
    from .choices import PatentKind, PreexamOutcome
    from .fields import parse_ipc

    errors = Errors()
    _future(errors, "submitted_on", request.submitted_on)
    filing = request.filing if request.filing_id else None
    if filing is not None and request.submitted_on and not filing.valid_on(request.submitted_on):
        errors.add("filing", _("%(entity)s had no approved, valid filing with %(centre)s on %(date)s; only filing "
                               "entities may use the fast pre-examination channel.")
                   % {"entity": filing.entity, "centre": filing.centre, "date": request.submitted_on.isoformat()})
    if request.patent_kind in (PatentKind.INVENTION, PatentKind.UTILITY) and not (request.ipc_class or "").strip():
        errors.add("ipc_class", _("Give the main IPC class of an invention or utility model."))
    elif request.ipc_class:
        try:
            symbols = parse_ipc(request.ipc_class)
        except ValidationError as exc:
            errors.add("ipc_class", exc.messages[0])
        else:
            if len(symbols) != 1:
                errors.add("ipc_class", _("Give one main IPC class."))
            else:
                request.ipc_class = symbols[0]
                problem = field_problem(filing, symbols) if filing is not None else None
                if problem:
                    errors.add("ipc_class", problem)
    if request.outcome == PreexamOutcome.PENDING:
        if request.outcome_on:
            errors.add("outcome_on", _("A request still being examined has no outcome date."))
    elif not request.outcome_on:
        errors.add("outcome_on", _("Give the date of the outcome."))
    else:
        _future(errors, "outcome_on", request.outcome_on)
        if request.submitted_on and request.outcome_on < request.submitted_on:
            errors.add("outcome_on", _("The outcome cannot be before the submission."))
    passed = request.outcome == PreexamOutcome.PASSED
    if request.granted_on:
        if not passed:
            errors.add("granted_on", _("Only an application that passed pre-examination can be granted here."))
        else:
            _future(errors, "granted_on", request.granted_on)
            if request.outcome_on and request.granted_on < request.outcome_on:
                errors.add("granted_on", _("The grant cannot be before the pre-examination outcome."))
    if request.application_number and not passed:
        errors.add("application_number", _("An application number is given only after passing pre-examination."))
    errors.raise_if_any()


def field_problem(filing, symbols) -> str | None:
    """Why a request's IPC class is outside the centre's fields, or None."""
    from .fields import ipc_overlap

    profile = getattr(filing.centre, "preexam_profile", None)
    if profile is None or not profile.ipc_classes:
        return None
    fields = [s.strip() for s in profile.ipc_classes.split(",") if s.strip()]
    if ipc_overlap(fields, symbols):
        return None
    return _("%(ipc)s is outside the technical fields that %(centre)s pre-examines (%(fields)s).") % {
        "ipc": symbols[0], "centre": filing.centre, "fields": profile.ipc_classes}


# -- protection lists ---------------------------------------------------------------------------------

ENTERPRISE_KINDS = ("key_enterprise", "contact_enterprise")
CHILD_KINDS = {"key_work": "key_enterprise", "core_technology": "contact_enterprise"}
BATCHED_KINDS = ("contact_enterprise", "core_technology")


def clean_batch(batch) -> None:
    errors = Errors()
    _future(errors, "published_on", batch.published_on)
    errors.raise_if_any()


def clean_list_entry(entry) -> None:
    from .choices import ListKind

    errors = Errors()
    kind = entry.kind
    _future(errors, "listed_on", entry.listed_on)
    parent = entry.parent if entry.parent_id else None
    if kind in CHILD_KINDS:
        if parent is None:
            errors.add("parent", _("A %(kind)s is listed under its %(parent)s: choose it.") % {
                "kind": ListKind(kind).label.lower(), "parent": ListKind(CHILD_KINDS[kind]).label.lower()})
        elif parent.kind != CHILD_KINDS[kind]:
            errors.add("parent", _("A %(kind)s is listed under a %(parent)s.") % {
                "kind": ListKind(kind).label.lower(), "parent": ListKind(CHILD_KINDS[kind]).label.lower()})
        else:
            entry.entity = parent.entity
            entry.batch = entry.batch if entry.batch_id else parent.batch
    elif parent is not None:
        errors.add("parent", _("Only key products and core technologies are listed under another entry."))
    if kind in ENTERPRISE_KINDS:
        if not entry.entity_id:
            errors.add("entity", _("Name the enterprise that is listed."))
        elif not (entry.name or "").strip():
            entry.name = entry.entity.name
    elif not (entry.name or "").strip():
        errors.add("name", _("Name what is listed."))
    if kind in BATCHED_KINDS and not entry.batch_id:
        errors.add("batch", _("Entries of the procuratorate's key-contact list are published in batches: choose "
                              "the batch."))
    if entry.batch_id:
        batch = entry.batch
        if batch.kind not in ((kind,) + ((CHILD_KINDS[kind],) if kind in CHILD_KINDS else ())):
            errors.add("batch", _("This batch belongs to another list (%(list)s).") % {"list": batch.get_kind_display()})
        elif entry.listed_on and entry.listed_on < batch.published_on:
            errors.add("listed_on", _("An entry cannot be listed before its batch was published (%(date)s).")
                       % {"date": batch.published_on.isoformat()})
    if entry.listed_on and entry.valid_until and entry.valid_until < entry.listed_on:
        errors.add("valid_until", _("The end date cannot be before the start date."))
    if kind == ListKind.EXHIBITION:
        if not entry.starts_on or not entry.ends_on:
            errors.add("starts_on", _("Give the days the exhibition opens and closes."))
        elif entry.ends_on < entry.starts_on:
            errors.add("ends_on", _("The exhibition cannot close before it opens."))
        if not (entry.venue or "").strip():
            errors.add("venue", _("Give the venue of the exhibition."))
    elif entry.starts_on or entry.ends_on or entry.complaint_office_id or (entry.arrangements or "").strip():
        errors.add("starts_on", _("Exhibition dates, complaint office and arrangements belong to exhibitions only."))
    if kind == ListKind.KEY_MARKET and not ((entry.venue or "").strip() or entry.entity_id):
        errors.add("venue", _("Give the address of the market or its operator."))
    if not entry.district_id and entry.entity_id:
        entry.district = entry.entity.district
    errors.raise_if_any()


def clean_action(action) -> None:
    errors = Errors()
    if action.starts_on and action.ends_on and action.ends_on < action.starts_on:
        errors.add("ends_on", _("The end date cannot be before the start date."))
    _future(errors, "starts_on", action.starts_on)
    errors.raise_if_any()


# -- surveys -----------------------------------------------------------------------------------------

def clean_survey(survey) -> None:
    errors = Errors()
    if survey.opens_on and survey.closes_on and survey.closes_on < survey.opens_on:
        errors.add("closes_on", _("The end date cannot be before the start date."))
    errors.raise_if_any()
