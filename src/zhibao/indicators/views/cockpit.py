"""The cockpit: the nine indicators as cards with their trend, and one indicator's breakdown by
district (on the map of Xi'an) and by handling body; the snapshot comparison."""
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import cockpit, definitions, snapshots
from ..models import Snapshot
from ..periods import IndicatorInputError, check_district, xian_districts
from .common import MANAGE, REPORT, VIEW, needs, period_form, refuse

#: status → (badge class, sign): the status is also said in words, never by colour alone
STATUS_LOOK = {"met": ("ok", "✓"), "on_track": ("warn", "→"), "at_risk": ("bad", "!")}
DEFAULT_BREAKDOWN = 2


def records_url(code: int, query: str, **extra) -> str:
    q = QueryDict(query, mutable=True)
    for key, value in extra.items():
        q[key] = value
    return f"{reverse('indicators:records', args=[code])}?{q.urlencode()}"


def card(fig: cockpit.Figure, query: str) -> dict:
    look, sign = STATUS_LOOK.get(fig.status, ("", ""))
    return {"fig": fig, "status_class": look, "status_sign": sign,
            "records_url": records_url(fig.code, query, part="numerator"),
            "all_url": records_url(fig.code, query) if fig.kind == definitions.Kind.RATE else None,
            "has_breakdown": bool(fig.by_district or fig.by_body)}


def chart_data(figs, shown: cockpit.Figure, query: str) -> dict:
    """What the page's charts draw (read by static/indicators/cockpit.js)."""
    codes = {name: code for code, name in xian_districts().items()}
    return {
        "trend": {f.code: {"x": [f"{d:%Y-%m}" for d, _v in f.trend], "y": [v for _d, v in f.trend],
                           "target": float(f.target.value) if f.target else None, "unit": f.unit} for f in figs},
        "map": {"parts": [{"name": p.label, "code": codes.get(p.label, p.key), "value": p.value}
                          for p in shown.by_district],
                "records": records_url(shown.code, query, district="CODE"), "unit": shown.unit,
                "title": shown.name},
        "labels": {"target": _("Target"), "value": _("Value"), "no_data": _("No value")},
    }


@needs(VIEW)
def cockpit_page(request):
    form = period_form(request)
    if not form.is_valid():
        return render(request, "indicators/cockpit.html", {"form": form}, status=400)
    first, last = form.period
    district = form.cleaned_data["district"]
    figs = cockpit.figures(first, last, district)
    query = form.query()
    try:
        show = int(request.GET.get("show") or DEFAULT_BREAKDOWN)
        shown = next(f for f in figs if f.code == show)
    except (ValueError, StopIteration):
        return refuse(request, _("There is no indicator %(code)s; the indicators are numbered 1 to 9.")
                      % {"code": request.GET.get("show")})
    return render(request, "indicators/cockpit.html", {
        "form": form, "figures": figs, "cards": [card(f, query) for f in figs], "shown": shown,
        "city_only": not definitions.get(shown.code).by_district,
        "query": query, "district_name": xian_districts().get(district, ""),
        "charts": chart_data(figs, shown, query),
        "body_rows": [(p, records_url(shown.code, query, body=p.key, part="numerator")) for p in shown.by_body
                      if p.key is not None],
        "district_rows": [(p, records_url(shown.code, query, district=p.key, part="numerator"))
                          for p in shown.by_district],
        "may_manage": request.user.has_perm(MANAGE), "may_report": request.user.has_perm(REPORT),
    })


@needs(VIEW)
def compare_page(request):
    """A stored month's snapshot beside the live figure of the same month, with the difference."""
    months = list(Snapshot.objects.filter(district="").dates("month", "month", order="DESC"))
    month = request.GET.get("month") or (f"{months[0]:%Y-%m}" if months else "")
    district = request.GET.get("district") or ""
    rows = []
    if month:
        try:
            check_district(district or None)
            rows = snapshots.compare(month, district or None)
        except IndicatorInputError as exc:
            return refuse(request, str(exc))
    return render(request, "indicators/compare.html", {
        "months": [f"{m:%Y-%m}" for m in months], "month": month, "district": district,
        "districts": xian_districts(), "rows": rows})
