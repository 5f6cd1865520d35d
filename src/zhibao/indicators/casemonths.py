"""The monthly case summary behind indicators 6, 7 and 8 (CaseMonth), and keeping it in step.

Counting a year of a million cases means reading some 650,000 of them; the summary holds, per
month, district and handling body, how many cases were

    received_am   assistance or mediation received (not declined or refused)      indicator 8
    filed_enf     enforcement / passing-off filed                                  indicator 6
    closed_enf    enforcement / passing-off filed and concluded                    indicator 6
    closed_civil  civil (court) concluded                                          indicator 7
    met_civil     civil concluded with its trial clock met                         indicator 7

so a figure is a sum over a few thousand rows. Every case or clock saved one by one (the case
engine saves through the ORM) moves its counts at once, in the same transaction: a record
corrected after a snapshot shows in the live figure. Bulk writes send no signals (imports, the
demo): `rebuild()` recounts everything, run by `zhibao indicators refresh`, before each
snapshot and by the demo.

The summary answers windows of whole months; a window that ends on today counts its month so
far (cases are not dated in the future). Any other window is counted from the cases
(measures.py).
"""
import datetime

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncMonth

from zhibao.cases.models import Case, Clock, ClockState
from zhibao.services.counts import ASSISTANCE_OR_MEDIATION, NOT_ACCEPTED

from .models import CaseMonth

#: Administrative enforcement procedures (indicator 6): market-regulation enforcement and passing-off patents.
ENFORCEMENT = ("enforcement", "passing_off")
#: Civil IP cases recorded by court liaisons (indicator 7) and the clock that is their statutory time limit.
CIVIL = "court"
TRIAL_CLOCK = "trial"
SUMMARISED = (*ASSISTANCE_OR_MEDIATION, *ENFORCEMENT, CIVIL)
FIELDS = ("procedure", "received_on", "filed_on", "closed_on", "outcome", "district_id", "handling_org_id")


def _first(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def keys(case: dict, met: bool) -> list[tuple]:
    """(kind, month, district, body) of each count a case with these FIELDS adds to."""
    proc, where, body = case["procedure"], case["district_id"] or "", case["handling_org_id"]
    out = []
    if proc in ASSISTANCE_OR_MEDIATION and case["outcome"] not in NOT_ACCEPTED:
        out.append(("received_am", _first(case["received_on"]), where, body))
    if proc in ENFORCEMENT and case["filed_on"]:
        out.append(("filed_enf", _first(case["filed_on"]), where, body))
        if case["closed_on"]:
            out.append(("closed_enf", _first(case["closed_on"]), where, body))
    if proc == CIVIL and case["closed_on"]:
        out.append(("closed_civil", _first(case["closed_on"]), where, body))
        if met:
            out.append(("met_civil", _first(case["closed_on"]), where, body))
    return out


def trial_met(case_id: int) -> bool:
    return Clock.objects.filter(case_id=case_id, code=TRIAL_CLOCK, state=ClockState.MET).exists()


def stored(case_id: int) -> list[tuple]:
    """The counts the case adds to as it is in the database now."""
    row = Case.objects.filter(pk=case_id).values(*FIELDS).first()
    return keys(row, trial_met(case_id)) if row and row["procedure"] in SUMMARISED else []


def move(old: list[tuple], new: list[tuple]) -> None:
    """Take a case's counts off `old` and add them to `new`."""
    for key, delta in [*((k, -1) for k in old if k not in new), *((k, 1) for k in new if k not in old)]:
        kind, month, district, body = key
        rows = CaseMonth.objects.filter(kind=kind, month=month, district=district, handling_org_id=body)
        if not rows.update(n=F("n") + delta):  # a new row: get_or_create copes with a concurrent first
            CaseMonth.objects.get_or_create(kind=kind, month=month, district=district, handling_org_id=body)
            rows.update(n=F("n") + delta)


@transaction.atomic
def rebuild() -> int:
    """Recount the whole summary from the cases; returns the number of rows."""
    cases = Case.objects.order_by()
    met = Exists(Clock.objects.filter(case=OuterRef("pk"), code=TRIAL_CLOCK, state=ClockState.MET))
    enf = cases.filter(procedure__in=ENFORCEMENT, filed_on__isnull=False)
    civil = cases.filter(procedure=CIVIL, closed_on__isnull=False)
    sources = (
        ("received_am", cases.filter(procedure__in=ASSISTANCE_OR_MEDIATION).exclude(outcome__in=NOT_ACCEPTED),
         "received_on"),
        ("filed_enf", enf, "filed_on"),
        ("closed_enf", enf.filter(closed_on__isnull=False), "closed_on"),
        ("closed_civil", civil, "closed_on"),
        ("met_civil", civil.filter(met), "closed_on"),
    )
    rows = []
    for kind, qs, day in sources:
        for row in qs.annotate(m=TruncMonth(day)).values("m", "district_id", "handling_org_id").annotate(n=Count("pk")):
            rows.append(CaseMonth(kind=kind, month=row["m"], district=row["district_id"] or "",
                                  handling_org_id=row["handling_org_id"], n=row["n"]))
    CaseMonth.objects.all().delete()
    CaseMonth.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def whole_months(slots: dict, today: datetime.date) -> bool:
    """Whether every window runs from a month's first day to its last (or to today)."""
    return all(first.day == 1 and (last == today or (last + datetime.timedelta(days=1)).day == 1)
               for first, last in slots.values())


def summed(kinds: tuple[str, ...], first: datetime.date, last: datetime.date, district: str | None,
           *, before: bool = False) -> Q:
    """The summary rows of `kinds` in the months of [first, last] (or, with `before`, all months
    up to `last`), of one district or all."""
    q = Q(kind__in=kinds, month__lte=last) if before else Q(kind__in=kinds, month__gte=_first(first), month__lte=last)
    return q & Q(district=district) if district else q
