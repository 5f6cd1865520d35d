"""Targets, the pledge threshold and population: data with history, set through these functions
(pages, the API, the `zhibao indicators` command and the demo all call them).

The value in force on a day is the row with the latest `effective_from` on or before it; a
change is a new row (or, on the same day, an edit of that row), logged by the audit log."""
import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from zhibao.registry.models import District, PopulationRecord

from . import definitions
from .models import PledgeThreshold, Target
from .periods import CITY, IndicatorInputError


def _decimal(value, *, positive: bool = True) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise IndicatorInputError(_("“%(value)s” is not a number.") % {"value": value}) from None
    if not number.is_finite() or (positive and number <= 0):
        raise IndicatorInputError(_("The value must be a number above zero."))
    return number


def in_force(code: int, day: datetime.date) -> Target | None:
    """The target of indicator `code` in force on `day` (the earliest one if none had taken effect yet:
    a plan's target is known before it takes effect)."""
    rows = Target.objects.filter(code=code)
    return rows.filter(effective_from__lte=day).order_by("-effective_from").first() or \
        rows.order_by("effective_from").first()


@transaction.atomic
def set_target(code: int, value, target_date: datetime.date, effective_from: datetime.date, *, source: str = "",
               user=None) -> Target:
    """Set indicator `code`'s target from `effective_from` (a new row, or that day's row changed)."""
    definitions.get(code)
    if target_date < effective_from:
        raise IndicatorInputError(_("The target date is before the day the target takes effect."))
    target, _created = Target.objects.update_or_create(
        code=code, effective_from=effective_from,
        defaults={"value": _decimal(value), "target_date": target_date, "source": source, "changed_by": user})
    return target


def threshold_on(day: datetime.date) -> PledgeThreshold | None:
    return PledgeThreshold.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


@transaction.atomic
def set_pledge_threshold(amount, effective_from: datetime.date, document: str, *, user=None) -> PledgeThreshold:
    """Set the pledge amount above which a patent is high-value (criterion 4), with its document;
    the high-value patents are then recomputed (highvalue.refresh, in the background)."""
    if not document.strip():
        raise IndicatorInputError(_("Say which document the threshold comes from."))
    row, _created = PledgeThreshold.objects.update_or_create(
        effective_from=effective_from,
        defaults={"amount": _decimal(amount), "document": document.strip(), "changed_by": user})
    from .tasks import refresh_high_value
    transaction.on_commit(refresh_high_value.enqueue)
    return row


def population(year: int, district: str | None = None) -> tuple[int, int] | None:
    """(year, year-end resident population) of the city or a district: that year's record, or the
    latest before it when the year's bulletin is not out yet; None without any."""
    row = (PopulationRecord.objects.filter(district_id=district or CITY, year__lte=year).order_by("-year")
           .values_list("year", "population").first())
    return tuple(row) if row else None


@transaction.atomic
def set_population(year: int, population: int, *, district: str | None = None, source: str = "") -> PopulationRecord:
    """Record a year-end resident population (the city's, or a district's); logged by the audit log."""
    code = district or CITY
    if not District.objects.filter(pk=code).exists():
        raise IndicatorInputError(_("“%(code)s” is not a district or county of Xi'an.") % {"code": code})
    if not (2000 <= int(year) <= 2100) or int(population) <= 0:
        raise IndicatorInputError(_("Give a year between 2000 and 2100 and a population above zero."))
    row, _created = PopulationRecord.objects.update_or_create(
        district_id=code, year=int(year), defaults={"population": int(population), "source": source})
    return row
