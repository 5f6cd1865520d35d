"""Whether an indicator is met, on track or at risk (design/indicators.md, "Status and trend").

- **Met**: the value already reaches the target (every target is a floor: "≥").
- Otherwise the monthly values are projected linearly to the target date:
  - a count on a date, a rate or a mean: the least-squares line through the monthly trend
    (x = the day each value was counted), read at the target date; with a single month, the
    value itself;
  - a count over a period (indicators 2 and 8, whose targets are per year): the pace of the
    period so far, carried over a whole year (value × 365 ÷ days counted).
  **On track** when the projection reaches the target, **at risk** when it does not, or when
  the target date has passed without the target being met.
"""
import datetime
from decimal import Decimal

from .definitions import Kind, Status


def linear(points: list[tuple[datetime.date, float]], at: datetime.date) -> float | None:
    """The least-squares line through `points`, read at `at`."""
    pts = [(d.toordinal(), float(v)) for d, v in points if v is not None]
    if not pts:
        return None
    if len(pts) == 1:
        return pts[0][1]
    n = len(pts)
    mx = sum(x for x, _y in pts) / n
    my = sum(y for _x, y in pts) / n
    sxx = sum((x - mx) ** 2 for x, _y in pts)
    if sxx == 0:
        return my
    slope = sum((x - mx) * (y - my) for x, y in pts) / sxx
    return my + slope * (at.toordinal() - mx)


def project(kind: str, value: float | None, trend: list[tuple[datetime.date, float | None]],
            target_date: datetime.date, days_counted: int) -> float | None:
    if value is None:
        return None
    if kind == Kind.FLOW:
        return float(value) * 365 / days_counted if days_counted > 0 else None
    return linear(trend, target_date)


def status(value: float | None, target: Decimal | None, projected: float | None, target_date: datetime.date | None,
           as_of: datetime.date) -> str | None:
    if value is None or target is None:
        return None
    if value >= float(target):
        return Status.MET
    if target_date is not None and target_date < as_of:
        return Status.AT_RISK
    if projected is not None and projected >= float(target):
        return Status.ON_TRACK
    return Status.AT_RISK
