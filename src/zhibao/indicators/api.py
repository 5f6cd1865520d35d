"""The indicators in the API: GET /api/v1/indicators?period_start=&period_end=&district=

The same figures as the cockpit (cockpit.figures), for whoever may see the cockpit
(cockpit.view: administrators, IP administration officers, leadership). Aggregates only:
no personal data. Defaults: the current calendar year, the whole city."""
import datetime

from ninja import Router, Schema

from zhibao.accounts.roles import Perm
from zhibao.api.auth import permission_auth
from zhibao.api.errors import ALL, ErrorOut, invalid

from . import cockpit
from .periods import IndicatorInputError, current_year

API_PREFIX = ""
router = Router(tags=["indicators"])


class TargetOut(Schema):
    value: float
    target_date: datetime.date
    effective_from: datetime.date


class PartOut(Schema):
    key: str | None
    label: str
    value: float | None


class FigureOut(Schema):
    code: int
    name: str
    unit: str
    definition: str
    target: TargetOut | None
    value: float | None
    reason: str
    numerator: float | None
    denominator: float | None
    status: str | None
    status_label: str
    projected: float | None
    as_of: datetime.date
    trend: list[tuple[datetime.date, float | None]]
    by_district: list[PartOut]


class IndicatorsOut(Schema):
    period_start: datetime.date
    period_end: datetime.date
    district: str | None
    indicators: list[FigureOut]


def _out(fig: cockpit.Figure) -> dict:
    return {
        "code": fig.code, "name": fig.name, "unit": fig.unit, "definition": fig.definition,
        "target": {"value": float(fig.target.value), "target_date": fig.target.target_date,
                   "effective_from": fig.target.effective_from} if fig.target else None,
        "value": fig.value, "reason": fig.reason, "numerator": fig.numerator, "denominator": fig.denominator,
        "status": fig.status, "status_label": fig.status_label, "projected": fig.projected, "as_of": fig.as_of,
        "trend": fig.trend,
        "by_district": [{"key": p.key, "label": p.label, "value": p.value} for p in fig.by_district],
    }


@router.get("/indicators", response={200: IndicatorsOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
            auth=permission_auth((Perm.COCKPIT_VIEW,)), operation_id="indicators_list",
            summary="The nine indicators for a period (default: this year) and a district (default: the city)")
def indicators(request, period_start: str | None = None, period_end: str | None = None, district: str | None = None):
    default_start, default_end = current_year()
    try:
        figures = cockpit.figures(period_start or default_start, period_end or default_end, district or None)
    except IndicatorInputError as exc:
        raise invalid({exc.field or ALL: [str(exc)]}) from None
    first, last = figures[0].period_start, figures[0].period_end
    return {"period_start": first, "period_end": last, "district": figures[0].district,
            "indicators": [_out(f) for f in figures]}
