"""The plan's nine indicators (design/indicators.md): what each is called, counts, and how it
behaves over a period. The targets are not here: they are data with history (targets.py)."""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy

#: The plan's date: the construction period starts here.
PLAN_DATE = datetime.date(2024, 8, 5)


class Kind(models.TextChoices):
    """How an indicator reads a period: a stock is counted on the period's last day; a flow is
    counted over the period; a rate and a mean are numerator ÷ denominator over the period."""

    STOCK = "stock", _("Count on a date")
    FLOW = "flow", _("Count over a period")
    RATE = "rate", _("Rate over a period")
    MEAN = "mean", _("Mean over a period")


class Status(models.TextChoices):
    MET = "met", pgettext_lazy("target", "Met")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")


@dataclass(frozen=True)
class Indicator:
    code: int
    name: str
    unit: str
    kind: str
    definition: str
    #: the plan's 2025 target, seeded into the Target history (migration 0002)
    plan_target: Decimal
    #: no breakdown by district (the pool serves the whole city)
    by_district: bool = True


PLAN_TARGET_DATE = datetime.date(2025, 12, 31)

INDICATORS: dict[int, Indicator] = {i.code: i for i in (
    Indicator(1, _("High-value invention patents per 10,000 residents"), _("patents per 10,000 residents"),
              Kind.STOCK,
              _("Valid invention patents on the date, owned by an entity located in Xi'an and meeting at least "
                "one high-value criterion, each counted once, divided by the year-end resident population in "
                "units of 10,000."), Decimal("32")),
    Indicator(2, _("Enterprises served by rights-protection assistance"), _("enterprises"), Kind.FLOW,
              _("Distinct market entities that received at least one rights-protection assistance service in "
                "the period: a workstation service record, an assistance case, a pre-examination, a mediation "
                "or an adjudication in which they are a party."), Decimal("3000")),
    Indicator(3, _("IP protection workstations"), pgettext_lazy("unit", "workstations"), Kind.STOCK,
              _("Workstations of every type in operation on the date."), Decimal("240")),
    Indicator(4, _("Think-tank experts, technical investigators and special commissioners"), _("people"),
              Kind.STOCK,
              _("Distinct people in the expert pool, in any of the three roles, whose appointment is valid on "
                "the date."), Decimal("300"), by_district=False),
    Indicator(5, _("Patent pre-examination filing entities"), _("entities"), Kind.STOCK,
              _("Entities whose filing with a protection centre is approved and valid on the date."),
              Decimal("1400")),
    Indicator(6, _("Closure rate of administrative IP enforcement cases"), "%", Kind.RATE,
              _("Administrative enforcement cases concluded in the period, divided by the cases pending at "
                "its start plus those filed in it."), Decimal("95")),
    Indicator(7, _("Civil IP cases concluded within the time limit"), "%", Kind.RATE,
              _("Civil IP cases concluded in the period within their statutory time limit (counting approved "
                "extensions and excluded intervals), divided by all civil IP cases concluded in the period."),
              Decimal("95")),
    Indicator(8, _("Rights-protection assistance and mediation cases"), pgettext_lazy("unit", "cases"), Kind.FLOW,
              _("Rights-protection assistance cases plus mediation cases accepted in the period."), Decimal("200")),
    Indicator(9, _("Public satisfaction with IP protection"), _("points (0–100)"), Kind.MEAN,
              _("The mean score of the satisfaction survey responses received in the period, on the survey's "
                "own 0–100 scale."), Decimal("85")),
)}

CODES = tuple(INDICATORS)


def get(code: int) -> Indicator:
    try:
        return INDICATORS[int(code)]
    except (KeyError, TypeError, ValueError):
        raise ValueError(_("There is no indicator %(code)s; the indicators are numbered 1 to 9.")
                         % {"code": code}) from None
