"""Each indicator counted from the records, for a period, its months and its breakdowns.

`tally(code, slots, district)` returns a Tally (tally.py); `slots` maps the period (PERIOD)
and each month to its window: (first, last) for flows, rates and means, (day, day) for
stocks, counted on that day. The record sets are the same as services/counts.py's (which
the cockpit's record lists use), counted here in one grouped query per breakdown.
"""
import datetime

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q

from zhibao.cases.models import Case, Clock, ClockState, Party
from zhibao.services.choices import FilingStatus
from zhibao.services.counts import ASSISTANCE_OR_MEDIATION, NOT_ACCEPTED, SERVED_BY_CASES
from zhibao.services.models import (
    ExpertAppointment, FilingEntity, PreexamRequest, ServiceRecipient, SurveyResponse, Workstation,
)

from .casemonths import CIVIL, ENFORCEMENT, TRIAL_CLOCK, summed, whole_months
from .models import CaseMonth, HighValuePatent, ServedMonth
from .periods import today
from .tally import PERIOD, Tally, count_slots

EARLIER = datetime.date.min  # the months before a period, summed into one


def valid_on(day, start: str, end: str) -> Q:
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day}))


def within(field: str, window) -> Q:
    return Q(**{f"{field}__gte": window[0], f"{field}__lte": window[1]})


def _stock(qs, slots, start, end, *, district, body, key="pk") -> Tally:
    first = min(w[0] for w in slots.values())
    last = max(w[1] for w in slots.values())
    qs = qs.filter(Q(**{f"{start}__lte": last}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": first})))
    return count_slots(qs, slots, lambda w: valid_on(w[1], start, end), district=district, body=body, key=key)


def _in_district(qs, field: str, district: str | None):
    return qs.filter(**{field: district}) if district else qs


def high_value_patents(slots, district) -> Tally:
    qs = _in_district(HighValuePatent.objects.all(), "district_id", district)
    return _stock(qs, slots, "valid_from", "valid_to", district="district_id", body=None)


def workstations(slots, district) -> Tally:
    qs = _in_district(Workstation.objects.all(), "district_id", district)
    return _stock(qs, slots, "opened_on", "closed_on", district="district_id", body="org_id")


def experts(slots, district) -> Tally:
    # the pool serves the whole city: no district of its own
    return _stock(ExpertAppointment.objects.all(), slots, "valid_from", "valid_to", district=None,
                  body="appointed_by_id", key="expert_id")


def filing_entities(slots, district) -> Tally:
    qs = FilingEntity.objects.filter(status__in=(FilingStatus.APPROVED, FilingStatus.REVOKED))
    qs = _in_district(qs, "entity__district_id", district)
    return _stock(qs, slots, "valid_from", "valid_to", district="entity__district_id", body="centre_id",
                  key="entity_id")


def enterprises_served(slots, district) -> Tally:
    """Distinct entities over the three sources: from the served-enterprise summary for whole
    months (served.py), otherwise counted by the database from the sources (entity, district,
    body, day): one query for the period and its months, one per breakdown."""
    first, last = slots[PERIOD]
    if whole_months(slots, today()):
        return _served_from_summary(slots, district)
    sources = (
        (ServiceRecipient.objects.filter(record__served_on__gte=first, record__served_on__lte=last),
         ("entity_id", "entity__district_id", "record__workstation__org_id", "record__served_on")),
        (PreexamRequest.objects.filter(submitted_on__gte=first, submitted_on__lte=last),
         ("filing__entity_id", "filing__entity__district_id", "filing__centre_id", "submitted_on")),
        (Party.objects.filter(entity__isnull=False, case__procedure__in=SERVED_BY_CASES,
                              case__received_on__gte=first, case__received_on__lte=last),
         ("entity_id", "entity__district_id", "case__handling_org_id", "case__received_on")),
    )
    parts, params = [], []
    for qs, fields in sources:
        named = dict(zip(("served_entity", "served_district", "served_body", "served_day"), map(F, fields)))
        sql, args = _in_district(qs, fields[1], district).values(**named).order_by().query.sql_with_params()
        parts.append(sql)
        params.extend(args)
    served = f"({' UNION ALL '.join(parts)}) AS served"
    day = connection.ops.adapt_datefield_value
    months = [(s, w) for s, w in slots.items() if s != PERIOD]
    per_month = "COUNT(DISTINCT CASE WHEN served_day BETWEEN %s AND %s THEN served_entity END)"
    columns = ", ".join(["COUNT(DISTINCT served_entity)"] + [per_month] * len(months))
    tally = Tally()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {served}", [day(d) for _s, w in months for d in w] + params)
        for slot, n in zip([PERIOD] + [s for s, _w in months], cursor.fetchone()):
            tally.total[slot] = [n, 0]
        for group, target in (("district", tally.by_district), ("body", tally.by_body)):
            cursor.execute(f"SELECT served_{group}, COUNT(DISTINCT served_entity) FROM {served} GROUP BY served_{group}",
                           params)
            for key, n in cursor.fetchall():
                target[key] = [n, 0]
    return tally


def _served_from_summary(slots, district) -> Tally:
    """Three distinct counts over the summary: per month, per district and per body; the period's
    total is the sum over districts (an entity is in one district)."""
    first, last = slots[PERIOD]
    qs = _in_district(ServedMonth.objects.filter(month__gte=first, month__lte=last), "district", district)
    distinct = Count("entity", distinct=True)
    tally = Tally()
    by_month = dict(qs.values_list("month").annotate(distinct).order_by())
    for slot, (start, _end) in slots.items():
        if slot != PERIOD:
            tally.total[slot] = [by_month.get(start, 0), 0]
    for field, target in (("district", tally.by_district), ("body", tally.by_body)):
        for key, n in qs.values_list(field).annotate(distinct).order_by():
            target[key or None] = [n, 0]
    tally.total[PERIOD] = [sum(n for n, _d in tally.by_district.values()), 0]
    return tally


def _from_summary(kinds: tuple[str, ...], slots, district, cell, *, cumulative: bool = False) -> Tally:
    """A Tally from the monthly case summary: `cell(sum)` gives a window's (numerator,
    denominator), where sum(kind, first, last) adds up the kind's months in [first, last]
    (first=EARLIER: since the beginning; only with `cumulative`)."""
    first, last = slots[PERIOD]
    qs = CaseMonth.objects.filter(summed(kinds, first, last, district, before=cumulative))
    groups = {"total": {}, "district": {}, "body": {}}
    for kind, month, where, body, n in qs.values_list("kind", "month", "district", "handling_org_id", "n"):
        month = month if month >= first else EARLIER
        for name, key in (("total", None), ("district", where or None), ("body", body)):
            series = groups[name].setdefault(key, {}).setdefault(kind, {})
            series[month] = series.get(month, 0) + n

    def cells(series: dict, windows) -> dict:
        def total(kind, lo, hi):
            return sum(n for m, n in series.get(kind, {}).items() if lo <= m <= hi)
        return {slot: list(cell(total, *w)) for slot, w in windows}

    tally = Tally()
    tally.total.update(cells(groups["total"].get(None, {}), slots.items()))
    for name, target in (("district", tally.by_district), ("body", tally.by_body)):
        for key, series in groups[name].items():
            target[key] = cells(series, [(PERIOD, slots[PERIOD])])[PERIOD]
    return tally


def enforcement_closure(slots, district) -> Tally:
    """Concluded in the window ÷ (pending at its start + filed in it) = filed by its end and
    not concluded before its start."""
    if whole_months(slots, today()):
        return _from_summary(("filed_enf", "closed_enf"), slots, district, lambda s, a, b: (
            s("closed_enf", a, b), s("filed_enf", EARLIER, b) - s("closed_enf", EARLIER, a - datetime.timedelta(days=1))),
            cumulative=True)
    first, last = slots[PERIOD]
    qs = Case.objects.filter(procedure__in=ENFORCEMENT, filed_on__isnull=False, filed_on__lte=last).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=first))
    qs = _in_district(qs, "district_id", district)
    return count_slots(
        qs, slots, lambda w: within("closed_on", w),
        lambda w: Q(filed_on__lte=w[1]) & (Q(closed_on__isnull=True) | Q(closed_on__gte=w[0])),
        district="district_id", body="handling_org_id")


def civil_within_limit(slots, district) -> Tally:
    """Concluded in the window with the trial clock met ÷ all concluded in the window. The clock's
    state already counts approved extensions and excluded intervals (cases/clocks.py)."""
    if whole_months(slots, today()):
        return _from_summary(("closed_civil", "met_civil"), slots, district,
                             lambda s, a, b: (s("met_civil", a, b), s("closed_civil", a, b)))
    first, last = slots[PERIOD]
    qs = Case.objects.filter(procedure=CIVIL, closed_on__gte=first, closed_on__lte=last)
    qs = _in_district(qs, "district_id", district)
    qs = qs.annotate(met=Exists(Clock.objects.filter(case=OuterRef("pk"), code=TRIAL_CLOCK, state=ClockState.MET)))
    return count_slots(qs, slots, lambda w: within("closed_on", w) & Q(met=True), lambda w: within("closed_on", w),
                       district="district_id", body="handling_org_id")


def assistance_and_mediation(slots, district) -> Tally:
    if whole_months(slots, today()):
        return _from_summary(("received_am",), slots, district, lambda s, a, b: (s("received_am", a, b), 0))
    first, last = slots[PERIOD]
    qs = Case.objects.filter(procedure__in=ASSISTANCE_OR_MEDIATION, received_on__gte=first,
                             received_on__lte=last).exclude(outcome__in=NOT_ACCEPTED)
    qs = _in_district(qs, "district_id", district)
    return count_slots(qs, slots, lambda w: within("received_on", w), district="district_id",
                       body="handling_org_id")


def satisfaction(slots, district) -> Tally:
    first, last = slots[PERIOD]
    qs = _in_district(SurveyResponse.objects.filter(received_on__gte=first, received_on__lte=last),
                      "district_id", district)
    return count_slots(qs, slots, lambda w: within("received_on", w), district="district_id",
                       body="rated_org_id", score="score")


TALLIES = {1: high_value_patents, 2: enterprises_served, 3: workstations, 4: experts, 5: filing_entities,
           6: enforcement_closure, 7: civil_within_limit, 8: assistance_and_mediation, 9: satisfaction}


def tally(code: int, slots: dict, district: str | None) -> Tally:
    return TALLIES[code](slots, district)
