"""The nine indicators for a year at city scale: the cockpit's computation against plain queries.

- **cockpit**: `cockpit.figures(year)` — value, monthly trend and breakdowns of all nine, each
  indicator in one grouped query per breakdown (tally.py) and indicator 1 from the stored
  high-value patents (highvalue.py);
- **plain**: only the nine values (no trend, no breakdown), one straightforward query per
  figure, indicator 1 evaluated from the patents and their facts on the fly (what the stored
  table saves), the others through services/counts.py and direct case queries.

Run: ZHIBAO_VAR_DIR=var/bench-ind python bench/run.py --only indicators
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhibao_bench_ind python bench/run.py --only indicators
"""
import datetime

import common


def _plain_figures(first: datetime.date, last: datetime.date) -> list:
    from django.db.models import Exists, OuterRef

    from zhibao.cases.models import Case, Clock
    from zhibao.indicators import highvalue, targets
    from zhibao.indicators.measures import CIVIL, ENFORCEMENT, TRIAL_CLOCK
    from zhibao.indicators.models import PatentFact, PledgeThreshold, StrategicClass
    from zhibao.services import counts

    day = min(last, datetime.date.today())
    strategic = highvalue._strategic(list(StrategicClass.objects.all()))
    thresholds = list(PledgeThreshold.objects.order_by("-effective_from"))
    owners = highvalue._owner_districts()
    facts = {}
    for fact in PatentFact.objects.all():
        facts.setdefault(fact.right_id, []).append(fact)
    n1 = 0
    for right in highvalue.candidates().filter(grant_date__lte=day).only(
            "pk", "grant_date", "expiry_date", "application_date", "ipc_classes"):
        if right.pk in owners and (right.expiry_date is None or right.expiry_date >= day):
            reasons = highvalue.evaluate(right, facts.get(right.pk, ()), strategic, thresholds)
            if reasons and min(r["since"] for r in reasons) <= day:
                n1 += 1
    pop = targets.population(day.year)
    enforcement = Case.objects.filter(procedure__in=ENFORCEMENT, filed_on__isnull=False, filed_on__lte=last)
    den6 = enforcement.exclude(closed_on__lt=first).count()
    num6 = enforcement.filter(closed_on__gte=first, closed_on__lte=last).count()
    civil = Case.objects.filter(procedure=CIVIL, closed_on__gte=first, closed_on__lte=last)
    met = civil.filter(Exists(Clock.objects.filter(case=OuterRef("pk"), code=TRIAL_CLOCK, state="met"))).count()
    n7 = civil.count()
    return [n1 / (pop[1] / 10000) if pop else None, counts.enterprises_served(first, last),
            counts.workstations_in_operation(day), counts.experts_appointed(day), counts.filing_entities_valid(day),
            num6 / den6 if den6 else None, met / n7 if n7 else None,
            counts.assistance_and_mediation_cases(first, last), counts.satisfaction(first, last)[0]]


def run(repeat: int = 10) -> str:
    from zhibao.cases.models import Case
    from zhibao.indicators import cockpit, highvalue
    from zhibao.indicators.models import HighValuePatent
    from zhibao.registry.models import IPRight

    if not HighValuePatent.objects.exists():
        highvalue.refresh()
    year = datetime.date.today().year
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows = []
    for label, fn in (("cockpit.figures: 9 values + monthly trends + breakdowns",
                       lambda: cockpit.figures(first, last)),
                      ("cockpit.figures for one district (610113)", lambda: cockpit.figures(first, last, "610113")),
                      ("plain: one query per value, no trend or breakdown", lambda: _plain_figures(first, last))):
        s = common.stats(common.timed(fn, repeat))
        rows.append([label, s["median"], s["p95"], s["n"]])
    title = (f"Indicators for {year} ({Case.objects.count():,} cases, {IPRight.objects.count():,} rights, "
             f"{HighValuePatent.objects.count():,} high-value patents, {common.vendor()}, {repeat} runs each)")
    return common.table(title, ["computation", "median ms", "p95 ms", "runs"], rows)
