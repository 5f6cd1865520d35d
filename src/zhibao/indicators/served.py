"""The served-enterprise summary behind indicator 2 (ServedMonth), and keeping it in step.

Indicator 2 counts distinct entities over three sources; at city scale a year is some 330,000
case parties reached through 650,000 cases, seconds of joining on SQLite. The summary keeps one
row per month, entity and body with the number of source rows, so the figure is a distinct
count over a narrow indexed table.

Each source row is saved one by one by its app (case engine, service records, pre-examination):
saving a case, a party, a service record, a recipient or a request recounts the rows of that
case / record / request in the same transaction; deleting a party, a recipient or a request
takes its own row off (a deleted case or record cascades to them). Bulk writes and an entity
moved to another district are caught by `rebuild()` (`zhibao indicators refresh`, each snapshot).
"""
from collections import Counter

from django.db import transaction
from django.db.models import Count, F
from django.db.models.functions import TruncMonth

from zhibao.cases.models import Party
from zhibao.services.counts import SERVED_BY_CASES
from zhibao.services.models import PreexamRequest, ServiceRecipient

from .models import ServedMonth

# source → (rows, their day, entity, district, body, the field naming the unit saved together)
SOURCES = {
    "case": (lambda: Party.objects.filter(entity__isnull=False, case__procedure__in=SERVED_BY_CASES),
             ("case__received_on", "entity_id", "entity__district_id", "case__handling_org_id"), "case_id"),
    "record": (lambda: ServiceRecipient.objects.all(),
               ("record__served_on", "entity_id", "entity__district_id", "record__workstation__org_id"), "record_id"),
    "request": (lambda: PreexamRequest.objects.all(),
                ("submitted_on", "filing__entity_id", "filing__entity__district_id", "filing__centre_id"), "pk"),
}


def _keys(rows) -> Counter:
    return Counter((day.replace(day=1), entity, district or "", body) for day, entity, district, body in rows)


def stored(source: str, **lookup) -> Counter:
    """(month, entity, district, body) → source rows, for the rows matching `lookup` as stored now."""
    rows, fields, _unit = SOURCES[source]
    return _keys(rows().filter(**lookup).values_list(*fields))


def unit(source: str, pk) -> Counter:
    """The counts of one case, service record or request."""
    return stored(source, **{SOURCES[source][2]: pk}) if pk else Counter()


def move(old: Counter, new: Counter) -> None:
    """Take a unit's `old` counts off and add its `new` ones."""
    for key in old.keys() | new.keys():
        delta = new[key] - old[key]
        if not delta:
            continue
        month, entity, district, body = key
        rows = ServedMonth.objects.filter(month=month, entity_id=entity, body_id=body)
        if not rows.update(n=F("n") + delta, district=district):  # a new row: get_or_create copes with a race
            ServedMonth.objects.get_or_create(month=month, entity_id=entity, body_id=body,
                                              defaults={"district": district})
            rows.update(n=F("n") + delta)
    if any(new[key] < n for key, n in old.items()):
        ServedMonth.objects.filter(n__lte=0).delete()


@transaction.atomic
def rebuild() -> int:
    """Recount the whole summary from its sources; returns the number of rows."""
    total = Counter()
    districts = {}
    for rows, (day, entity, district, body), _unit in SOURCES.values():
        grouped = rows().order_by().annotate(m=TruncMonth(day), e=F(entity), d=F(district), b=F(body))
        for row in grouped.values("m", "e", "d", "b").annotate(n=Count("pk")):
            key = (row["m"], row["e"], row["b"])
            total[key] += row["n"]
            districts[key] = row["d"] or ""
    ServedMonth.objects.all().delete()
    ServedMonth.objects.bulk_create([ServedMonth(month=m, entity_id=e, body_id=b, district=districts[(m, e, b)], n=n)
                                     for (m, e, b), n in total.items()], batch_size=5000)
    return len(total)
