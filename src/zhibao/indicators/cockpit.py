"""The cockpit's interface: the nine indicators for a period, and the records behind each.

    figures(period_start, period_end, district=None) -> list[Figure]
    figure(code, period_start, period_end, district=None) -> Figure
    records(code, period_start, period_end, district=None, body=None, part=None) -> Records

Plain Python for the cockpit's pages and reports, the API and the snapshot job; nothing here
knows about requests. Bad input (a reversed period, an unknown district or indicator) raises
`IndicatorInputError` with a translated message.

How a period is read (definitions.Kind):
- a **stock** (1, 3, 4, 5) is counted on the period's last day, or today when the period has
  not ended; its trend is the count on each month's last day (up to today);
- a **flow** (2, 8) is counted over the period; its trend is the count of each month;
- a **rate** (6, 7) and a **mean** (9) are numerator ÷ denominator over the period, and over
  each month for the trend.
A period that starts after today has no value yet (reason given). Status: projection.py.
"""
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zhibao.registry.models import Organization

from . import definitions, measures, projection, targets
from .definitions import Kind
from .periods import IndicatorInputError, check_district, check_period, months, today, xian_districts
from .tally import PERIOD, Tally

__all__ = ["Figure", "Part", "TargetInForce", "Records", "Column", "figures", "figure", "records",
           "IndicatorInputError"]


@dataclass(frozen=True)
class TargetInForce:
    value: Decimal
    target_date: datetime.date
    effective_from: datetime.date
    source: str


@dataclass(frozen=True)
class Part:
    """One row of a breakdown: a district (key = its code) or a handling body (key = its id)."""

    key: str | int | None
    label: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None


@dataclass
class Figure:
    code: int
    name: str
    unit: str
    kind: str                                  # definitions.Kind
    definition: str
    period_start: datetime.date
    period_end: datetime.date
    as_of: datetime.date                       # the day a stock is counted on / the last day counted
    district: str | None                       # None = the whole city
    target: TargetInForce | None
    value: float | None
    reason: str = ""                           # why value is None
    numerator: float | None = None             # rates, means, indicator 1 (the patents)
    denominator: float | None = None           # rates: cases; means: responses; 1: population in 10,000s
    status: str | None = None                  # definitions.Status, None without a value or a target
    projected: float | None = None             # the projection the status is based on
    trend: list[tuple[datetime.date, float | None]] = field(default_factory=list)   # (month's first day, value)
    by_district: list[Part] = field(default_factory=list)
    by_body: list[Part] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(definitions.Status(self.status).label) if self.status else ""

    @property
    def is_rate(self) -> bool:
        return self.kind in (Kind.RATE, Kind.MEAN) or self.code == 1


@dataclass(frozen=True)
class Column:
    path: str       # a field path on the queryset's model (values() / attribute lookup with "__")
    label: str


@dataclass
class Records:
    """The records that make a figure (or a part of it), and the columns to show."""

    queryset: QuerySet
    columns: list[Column]
    title: str


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


class _Calc:
    """The value of one indicator for a cell (num, den) of a tally, on a day."""

    def __init__(self, indicator: definitions.Indicator, district: str | None):
        self.ind = indicator
        self.district = district

    def value(self, num, den, day: datetime.date, district: str | None = None) -> tuple:
        """(value, numerator, denominator, reason)."""
        kind = self.ind.kind
        if self.ind.code == 1:
            pop = targets.population(day.year, district or self.district)
            if pop is None:
                return None, num, None, _("No resident population is recorded for %(year)s or before.") % {
                    "year": day.year}
            per = pop[1] / 10000
            return _round(num / per), num, _round(per), ""
        if kind == Kind.RATE:
            if not den:
                return None, num, den, _("No cases to count in this period.")
            return _round(100 * num / den), num, den, ""
        if kind == Kind.MEAN:
            if not den:
                return None, num, den, _("No survey responses were received in this period.")
            return _round(num / den), _round(num), den, ""
        return num, None, None, ""


def _slots(ind, first, last, as_of) -> tuple[dict, dict]:
    """Windows per slot and the date each month's trend value is shown at."""
    slots, shown = {}, {}
    if ind.kind == Kind.STOCK:
        slots[PERIOD] = (as_of, as_of)
    else:
        slots[PERIOD] = (first, as_of)
    for i, month in enumerate(months(first, as_of)):
        end = min(month.last, as_of)
        slots[i] = (end, end) if ind.kind == Kind.STOCK else (month.first, end)
        shown[i] = (month.first.replace(day=1), end)
    return slots, shown


def figure(code: int, period_start, period_end, district=None, *, _names=None) -> Figure:
    """Indicator `code` for the period (and the district, or the whole city)."""
    ind = definitions.get(code)
    first, last = check_period(period_start, period_end)
    district = check_district(district)
    as_of = min(last, today())
    target_row = targets.in_force(ind.code, as_of if as_of >= first else first)
    target = TargetInForce(target_row.value, target_row.target_date, target_row.effective_from,
                           target_row.source) if target_row else None
    fig = Figure(ind.code, str(ind.name), str(ind.unit), ind.kind, str(ind.definition), first, last, as_of,
                 district, target, None)
    if as_of < first:
        fig.reason = _("The period has not started yet.")
        return fig
    if district and not ind.by_district:
        fig.reason = _("This indicator is kept for the whole city only.")
        return fig
    slots, shown = _slots(ind, first, last, as_of)
    tally: Tally = measures.tally(ind.code, slots, district)
    calc = _Calc(ind, district)
    fig.value, fig.numerator, fig.denominator, fig.reason = calc.value(tally.num(), tally.den(), as_of)
    fig.trend = [(shown[s][0], calc.value(tally.num(s), tally.den(s), shown[s][1])[0]) for s in sorted(shown)]
    names = _names or {}
    districts = names.get("districts") or xian_districts()
    if ind.by_district:
        fig.by_district = [Part(code_, districts.get(code_, code_ or ""), *calc.value(n, d, as_of, code_)[:3])
                           for code_, (n, d) in sorted(tally.by_district.items(), key=lambda kv: str(kv[0]))
                           if code_ in districts]
    bodies = dict(Organization.objects.filter(pk__in=[k for k in tally.by_body if k]).values_list("pk", "name"))
    if ind.code != 1:
        fig.by_body = sorted((Part(key, bodies.get(key, _("(no body recorded)")), *calc.value(n, d, as_of)[:3])
                              for key, (n, d) in tally.by_body.items()), key=lambda p: -(p.value or 0))
    if target:
        points = [(shown[s][1], v) for s, (_d, v) in zip(sorted(shown), fig.trend)]
        fig.projected = _round(projection.project(ind.kind, fig.value, points, target.target_date,
                                                  (as_of - first).days + 1))
        fig.status = projection.status(fig.value, target.value, fig.projected, target.target_date, as_of)
    return fig


def figures(period_start, period_end, district=None) -> list[Figure]:
    """The nine indicators, in order, for the period (and the district, or the whole city)."""
    first, last = check_period(period_start, period_end)
    district = check_district(district)
    names = {"districts": xian_districts()}
    return [figure(code, first, last, district, _names=names) for code in definitions.CODES]


def records(code: int, period_start, period_end, district=None, body=None, part: str | None = None) -> Records:
    """The records behind figure `code` (or one part of it): `district` and `body` (an Organization
    or its id) narrow to a breakdown row; for a rate, `part="numerator"` gives the records counted
    above the line, anything else the whole denominator."""
    from . import record_lists

    ind = definitions.get(code)
    first, last = check_period(period_start, period_end)
    district = check_district(district)
    as_of = max(min(last, today()), first)
    return record_lists.build(ind, first, last, as_of, district, body, part == "numerator")
