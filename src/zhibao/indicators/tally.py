"""Counting an indicator over a period and its months in as few queries as possible.

A figure needs its value for the period, for each month (the trend) and per district and per
handling body. Rather than one query per number, `count_slots` asks the database once per
breakdown for all of them: each "slot" (the period, then each month) is one filtered
aggregate (`COUNT(...) FILTER (WHERE ...)` on PostgreSQL, `CASE` on SQLite) over the same
indexed range of rows. Plain date comparisons only, so no per-row date functions run.

A `Tally` holds the result: (numerator, denominator) per slot and per group.
"""
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum

PERIOD = -1  # the slot of the whole period; months are 0, 1, ...


@dataclass
class Tally:
    """(numerator, denominator) per slot, in total and per group (district or body).

    `sets` is used instead of numbers when the figure counts distinct keys that may appear in
    several rows (indicator 2): the numerator is then the size of the union."""

    total: dict[int, list] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    by_district: dict[str | None, list] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    by_body: dict[int | None, list] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def num(self, slot: int = PERIOD):
        return self.total[slot][0]

    def den(self, slot: int = PERIOD):
        return self.total[slot][1]


Window = tuple  # (first, last) dates of a slot


def count_slots(qs: QuerySet, slots: dict[int, Window], num: Callable[[Window], Q],
                den: Callable[[Window], Q] | None = None, *, district: str | None, body: str | None,
                key: str = "pk", score: str | None = None) -> Tally:
    """Fill a Tally from `qs`.

    num(window) / den(window) give the filter of the rows counted in a slot's numerator /
    denominator; `key` is what is counted (distinct when not the primary key); with `score`,
    the numerator is the sum of that column and the denominator the count (a mean).
    `district` and `body` are the fields to group by (None: no such breakdown)."""
    distinct = key != "pk"

    def aggs(windows: dict[int, Window]) -> dict:
        out = {}
        for slot, window in windows.items():
            s = f"{slot + 1}"  # PERIOD → "0"
            if score:
                out[f"n{s}"] = Sum(score, filter=num(window))
                out[f"d{s}"] = Count("pk", filter=num(window))
            else:
                out[f"n{s}"] = Count(key, filter=num(window), distinct=distinct)
                if den is not None:
                    out[f"d{s}"] = Count(key, filter=den(window), distinct=distinct)
        return out

    def read(row: dict, slot: int) -> list:
        s = f"{slot + 1}"
        return [row.get(f"n{s}") or 0, row.get(f"d{s}") or 0]

    tally = Tally()
    group = (district,) if district else ()
    for row in qs.values(*group).annotate(**aggs(slots)).order_by() if group else [qs.aggregate(**aggs(slots))]:
        for slot in slots:
            cell = read(row, slot)
            tally.total[slot][0] += cell[0]
            tally.total[slot][1] += cell[1]
        if district:
            tally.by_district[row[district]] = read(row, PERIOD)
    if body:
        period = {PERIOD: slots[PERIOD]}
        for row in qs.values(body).annotate(**aggs(period)).order_by():
            tally.by_body[row[body]] = read(row, PERIOD)
    return tally
