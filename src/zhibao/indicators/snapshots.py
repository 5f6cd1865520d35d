"""Monthly snapshots: each indicator's figure for a month, city-wide and per district, stored
as computed just after the month ended, so that the history stays stable when records are
corrected later. `compare` sets a snapshot beside the live figure of the same month.

`take(month)` is idempotent: a month already stored is left untouched (the first snapshot is
the history), unless `replace=True` is asked for explicitly.
"""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from . import casemonths, cockpit, definitions, highvalue, served
from .models import Snapshot
from .periods import IndicatorInputError, check_district, month_of, today, xian_districts


def parse_month(value: str) -> datetime.date:
    """'2026-03' → 2026-03-01; refuses anything else with a message."""
    try:
        return datetime.datetime.strptime(str(value).strip(), "%Y-%m").date()
    except ValueError:
        raise IndicatorInputError(_("“%(value)s” is not a month; write it as YYYY-MM.") % {"value": value}) from None


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def take(month: datetime.date | None = None, *, replace: bool = False) -> dict:
    """Store the snapshot of `month` (any day of it; by default the month before today), after
    bringing the stored high-value patents and the case and served summaries up to date (bulk
    writes since the last run send no signals)."""
    if month is None:
        month = month_of(today().replace(day=1) - datetime.timedelta(days=1)).first
    m = month_of(month)
    if m.last >= today():
        raise IndicatorInputError(_("A month can be snapshotted only after it has ended."))
    if Snapshot.objects.filter(month=m.first).exists() and not replace:
        return {"month": m.label, "stored": 0, "already": True}
    highvalue.refresh()
    casemonths.rebuild()
    served.rebuild()
    return store(m.first)


def store(month: datetime.date, districts=None) -> dict:
    """Compute and store (replacing) the month's figures for the city and each district (or the
    `districts` given, None standing for the city), without refreshing anything first."""
    m = month_of(month)
    rows = []
    for district in ([None, *xian_districts()] if districts is None else districts):
        for fig in cockpit.figures(m.first, m.last, district):
            rows.append(Snapshot(month=m.first, code=fig.code, district=district or "", value=_dec(fig.value),
                                 numerator=_dec(fig.numerator), denominator=_dec(fig.denominator),
                                 target=fig.target.value if fig.target else None, status=fig.status or "",
                                 reason=fig.reason[:300]))
    with transaction.atomic():
        Snapshot.objects.filter(month=m.first).delete()
        Snapshot.objects.bulk_create(rows)
    return {"month": m.label, "stored": len(rows), "already": False}


@dataclass(frozen=True)
class Comparison:
    code: int
    name: str
    snapshot: float | None
    live: float | None
    taken: datetime.datetime | None

    @property
    def difference(self) -> float | None:
        if self.snapshot is None or self.live is None:
            return None
        return round(self.live - self.snapshot, 4)

    @property
    def changed(self) -> bool:
        return self.snapshot != self.live


def compare(snapshot_month, district=None) -> list[Comparison]:
    """Each indicator's snapshot of `snapshot_month` (a date in it, or 'YYYY-MM') beside its live
    figure for the same month; `snapshot` is None when no snapshot was taken."""
    month = month_of(parse_month(snapshot_month) if isinstance(snapshot_month, str) else snapshot_month)
    code = check_district(district)
    stored = {s.code: s for s in Snapshot.objects.filter(month=month.first, district=code or "")}
    out = []
    for fig in cockpit.figures(month.first, month.last, code):
        snap = stored.get(fig.code)
        out.append(Comparison(fig.code, fig.name, float(snap.value) if snap and snap.value is not None else None,
                              fig.value, snap.taken if snap else None))
    return out


def history(code: int, district=None) -> list[tuple[datetime.date, float | None]]:
    """The stored monthly values of indicator `code`, oldest first (the stable trend)."""
    definitions.get(code)
    rows = Snapshot.objects.filter(code=code, district=check_district(district) or "").order_by("month")
    return [(r.month, float(r.value) if r.value is not None else None) for r in rows]
