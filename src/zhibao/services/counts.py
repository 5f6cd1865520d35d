"""The service network's share of the nine indicators (indicators.md), as plain queries.

Each function answers one question for a day or a period [first, last] (both days
included) and, where the cockpit breaks figures down, a district. Each has a `*_records`
twin returning the queryset of the records that make the figure (what the cockpit opens
when a figure is clicked). They read the indexed period columns kept by the models
(see common.py): a figure is a couple of index range scans, not a scan of the history.

    indicator 2  enterprises_served(first, last, district=None)
    indicator 3  workstations_in_operation(day, district=None, kind=None)
    indicator 4  experts_appointed(day, role=None)
    indicator 5  filing_entities_valid(day, district=None, centre=None)
    indicator 8  assistance_and_mediation_cases(first, last, district=None)
    indicator 9  satisfaction(first, last, district=None, org=None)   → (mean score, responses)

District means one of Xi'an's districts or counties (a registry District or its code);
passing the city itself (610100) means the whole city. An entity is placed by its own
district, a workstation by its district, a case by its district.
"""
import datetime

from django.db.models import QuerySet

from zhibao.registry.models import District, MarketEntity

from . import common
from .choices import FilingStatus
from .models import ExpertAppointment, Expert, FilingEntity, PreexamRequest, ServiceRecipient, Workstation

CITY = "610100"
#: Case procedures whose parties count as served (indicator 2) besides the services' own records.
SERVED_BY_CASES = ("assistance", "mediation", "adjudication")
#: Procedures counted by indicator 8, and the outcomes that mean the case was not accepted.
ASSISTANCE_OR_MEDIATION = ("assistance", "mediation")
NOT_ACCEPTED = ("declined", "refused")


def _district_code(district) -> str | None:
    if district is None:
        return None
    code = district.code if isinstance(district, District) else str(district)
    return None if code == CITY else code


def _check(first: datetime.date, last: datetime.date) -> None:
    if last < first:
        raise ValueError("The period ends before it starts.")


# -- indicator 3: workstations in operation on a day -----------------------------------------------------

def workstations_in_operation_records(day: datetime.date, district=None, kind: str | None = None) -> QuerySet:
    """Workstations (of every kind, unless `kind`) in operation on `day`: opened on or before it,
    and not closed, or closed on or after it (the closing day is the last day in operation)."""
    qs = Workstation.objects.filter(common.valid_on(day, "opened_on", "closed_on"))
    code = _district_code(district)
    if code:
        qs = qs.filter(district_id=code)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def workstations_in_operation(day: datetime.date, district=None, kind: str | None = None) -> int:
    return workstations_in_operation_records(day, district, kind).count()


# -- indicator 4: experts with a valid appointment on a day -------------------------------------------------

def experts_appointed_records(day: datetime.date, role: str | None = None) -> QuerySet:
    """Distinct people of the pool with an appointment (in `role`, or in any of the three roles)
    valid on `day`: from its first day to its last, and not ended early before `day`."""
    appointments = ExpertAppointment.objects.filter(common.valid_on(day))
    if role:
        appointments = appointments.filter(role=role)
    return Expert.objects.filter(pk__in=appointments.values("expert_id"))


def experts_appointed(day: datetime.date, role: str | None = None) -> int:
    return experts_appointed_records(day, role).count()


# -- indicator 5: filing entities approved and valid on a day -------------------------------------------------

def filing_entities_valid_records(day: datetime.date, district=None, centre=None) -> QuerySet:
    """Distinct market entities whose filing with a protection centre (any, or `centre`) was
    approved and is valid on `day` (a filing revoked later still counts on the days before)."""
    filings = FilingEntity.objects.filter(common.valid_on(day),
                                          status__in=(FilingStatus.APPROVED, FilingStatus.REVOKED))
    if centre is not None:
        filings = filings.filter(centre=centre)
    qs = MarketEntity.objects.filter(pk__in=filings.values("entity_id"))
    code = _district_code(district)
    return qs.filter(district_id=code) if code else qs


def filing_entities_valid(day: datetime.date, district=None, centre=None) -> int:
    return filing_entities_valid_records(day, district, centre).count()


# -- indicator 2: enterprises served in a period ------------------------------------------------------------------

def enterprises_served_records(first: datetime.date, last: datetime.date, district=None) -> QuerySet:
    """Distinct market entities that received at least one rights-protection assistance service
    in [first, last]: named in a workstation service record of that period, submitted a
    pre-examination request in it, or were a party to an assistance, mediation or adjudication
    case received in it."""
    from zhibao.cases.models import Party

    _check(first, last)
    by_service = ServiceRecipient.objects.filter(record__served_on__gte=first, record__served_on__lte=last)
    by_preexam = PreexamRequest.objects.filter(submitted_on__gte=first, submitted_on__lte=last)
    by_case = Party.objects.filter(entity__isnull=False, case__procedure__in=SERVED_BY_CASES,
                                   case__received_on__gte=first, case__received_on__lte=last)
    # One union of ids, not three IN conditions joined by OR: PostgreSQL cannot hash a subquery of
    # 650,000 case parties in work_mem and re-ran it per entity (minutes at a million cases).
    served = by_service.order_by().values("entity_id").union(
        by_preexam.order_by().values("filing__entity_id"), by_case.order_by().values("entity_id"))
    qs = MarketEntity.objects.filter(pk__in=served)
    code = _district_code(district)
    return qs.filter(district_id=code) if code else qs


def enterprises_served(first: datetime.date, last: datetime.date, district=None) -> int:
    return enterprises_served_records(first, last, district).count()


# -- indicator 8: assistance and mediation cases accepted in a period ---------------------------------------------

def assistance_and_mediation_cases_records(first: datetime.date, last: datetime.date, district=None) -> QuerySet:
    """Rights-protection assistance and mediation cases received in [first, last] and not turned
    away at intake (declined, not accepted). The cases app owns the Case; this reads it."""
    from zhibao.cases.models import Case

    _check(first, last)
    qs = Case.objects.filter(procedure__in=ASSISTANCE_OR_MEDIATION, received_on__gte=first,
                             received_on__lte=last).exclude(outcome__in=NOT_ACCEPTED)
    code = _district_code(district)
    return qs.filter(district_id=code) if code else qs


def assistance_and_mediation_cases(first: datetime.date, last: datetime.date, district=None) -> int:
    return assistance_and_mediation_cases_records(first, last, district).count()


# -- indicator 9: mean satisfaction score of a period ----------------------------------------------------------

def satisfaction_records(first: datetime.date, last: datetime.date, district=None, org=None) -> QuerySet:
    """Survey responses received in [first, last] (of the body `org` rated, if given); a
    response is placed in the district of the body it rates."""
    from .models import SurveyResponse

    _check(first, last)
    qs = SurveyResponse.objects.filter(received_on__gte=first, received_on__lte=last)
    code = _district_code(district)
    if code:
        qs = qs.filter(district_id=code)
    if org is not None:
        qs = qs.filter(rated_org=org)
    return qs


def satisfaction(first: datetime.date, last: datetime.date, district=None, org=None) -> tuple[float | None, int]:
    """(mean score on the 0–100 scale rounded to 0.1, number of responses); (None, 0) without any."""
    from django.db.models import Avg, Count

    row = satisfaction_records(first, last, district, org).aggregate(mean=Avg("score"), n=Count("pk"))
    return (round(float(row["mean"]), 1) if row["mean"] is not None else None), row["n"]
