"""The nine indicators for a year at city scale: the cockpit's computation against plain queries.

- **cockpit**: `cockpit.figures(year)` — value, monthly trend and breakdowns of all nine, each
  indicator in one grouped query per breakdown (tally.py), indicator 1 from the stored
  high-value patents (highvalue.py), 6, 7 and 8 from the monthly case summary (casemonths.py),
  2 from the served-enterprise summary (served.py);
- **plain**: only the nine values (no trend, no breakdown), one straightforward query per
  figure, indicator 1 evaluated from the patents and their facts on the fly (what the stored
  table saves), the others through services/counts.py and direct case queries.

Cases: `zhibao demo --scale small --only cases` on the city-scale demo, then
`python bench/indicators.py --fill-cases 1000000` (fill_cases: copies in SQL, minutes instead
of the hours of the city-scale case stories).

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
    from zhibao.indicators import casemonths, cockpit, highvalue, served
    from zhibao.indicators.models import CaseMonth, HighValuePatent, ServedMonth
    from zhibao.registry.models import IPRight

    if not HighValuePatent.objects.exists():
        highvalue.refresh()
    if not CaseMonth.objects.exists():  # the demo's and fill_cases' bulk inserts send no signals
        casemonths.rebuild()
    if not ServedMonth.objects.exists():
        served.rebuild()
    year = datetime.date.today().year
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows = []
    for label, fn in (("cockpit.figures: 9 values + monthly trends + breakdowns",
                       lambda: cockpit.figures(first, last)),
                      ("cockpit.figures for one district (610113)", lambda: cockpit.figures(first, last, "610113")),
                      ("plain: one query per value, no trend or breakdown", lambda: _plain_figures(first, last))):
        s = common.stats(common.timed(fn, repeat))
        rows.append([label, s["median"], s["p95"], s["n"]])
    for code in range(1, 10):
        s = common.stats(common.timed(lambda code=code: cockpit.figure(code, first, last), max(3, repeat // 2)))
        rows.append([f"  indicator {code} alone", s["median"], s["p95"], s["n"]])
    title = (f"Indicators for {year} ({Case.objects.count():,} cases, {IPRight.objects.count():,} rights, "
             f"{HighValuePatent.objects.count():,} high-value patents, {common.vendor()}, {repeat} runs each)")
    return common.table(title, ["computation", "median ms", "p95 ms", "runs"], rows)


def fill_cases(total: int) -> int:
    """Grow the cases already loaded (the demo's, e.g. `zhibao demo --scale small --only cases`)
    to `total` by copying them with their parties and clocks in SQL: copy k moves every date k % 15
    days back and each party to another entity, so that dates, procedures and outcomes keep the
    demo's mix and served enterprises spread over the registry. Minutes instead of the hours the
    city-scale case stories take; only for benchmarks."""
    from django.db import connection, transaction

    from zhibao.cases.models import Case, Clock, Party
    from zhibao.registry.models import MarketEntity

    base = Case.objects.count()
    top = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    entities = MarketEntity.objects.order_by("-pk").values_list("pk", flat=True).first()
    copies = max(0, total // max(base, 1) - 1)
    q = connection.ops.quote_name

    def columns(model, swap: dict) -> tuple[str, str]:
        names = [f.column for f in model._meta.concrete_fields if not (f.primary_key and model is not Case)]
        cols = [q(n) for n in names]
        exprs = [swap.get(n, q(n)) for n in names]
        return ", ".join(cols), ", ".join(exprs)

    shift = {c: (f"{q(c)} - (g.k % 15)" if connection.vendor == "postgresql"
                 else f"date({q(c)}, '-' || (g.k % 15) || ' days')")
             for c in ("received_on", "filed_on", "closed_on", "due_date")}
    case_cols, case_exprs = columns(Case, {"id": f"id + g.k * {top}", "number": "NULL", "origin_id": "NULL", **shift})
    party_cols, party_exprs = columns(Party, {"case_id": f"case_id + g.k * {top}",
                                              "entity_id": f"CASE WHEN entity_id IS NULL THEN NULL ELSE "
                                                           f"(entity_id + g.k * 7919) % {entities} + 1 END"})
    clock_cols, clock_exprs = columns(Clock, {"case_id": f"case_id + g.k * {top}"})
    series = (f"WITH RECURSIVE g(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM g WHERE k < {copies}) "
              if connection.vendor == "sqlite" else f"WITH g(k) AS (SELECT generate_series(1, {copies})) ")
    with transaction.atomic(), connection.cursor() as cursor:
        for table, cols, exprs in ((Case._meta.db_table, case_cols, case_exprs),
                                   (Party._meta.db_table, party_cols, party_exprs),
                                   (Clock._meta.db_table, clock_cols, clock_exprs)):
            cursor.execute(f"INSERT INTO {q(table)} ({cols}) {series} SELECT {exprs} FROM {q(table)}, g "
                           f"WHERE {q(table)}.{'id' if table == Case._meta.db_table else 'case_id'} <= {top}")
        if connection.vendor == "postgresql":
            for table in (Case._meta.db_table, Party._meta.db_table, Clock._meta.db_table):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {q(table)}")
        cursor.execute("ANALYZE")
    return Case.objects.count()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Grow the benchmark's cases to a total (see fill_cases).")
    parser.add_argument("--fill-cases", type=int, required=True)
    common.setup("city")
    print(f"{fill_cases(parser.parse_args().fill_cases):,} cases")
