"""Small rules shared by the service modules: today, periods, text.

Periods. Every dated record of the service network is valid over a closed range of days
[valid_from, valid_to]: both ends count, and an empty valid_to means "still valid". Models
store these two columns (computed in `save()` from the dates people enter, such as a
revocation that takes effect on a day) and index them, so the indicator questions are two
comparisons each:

    valid on day D        valid_from <= D and (valid_to is null or valid_to >= D)
    valid during [a, b]   valid_from <= b and (valid_to is null or valid_to >= a)
"""
import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhibao.registry.validation import plain_text

ONE_DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    """The current date in the platform's time zone (tests replace it)."""
    return timezone.localdate()


def valid_on(day: datetime.date, start: str = "valid_from", end: str = "valid_to") -> Q:
    """Records whose [start, end] contains `day` (an empty end: open-ended)."""
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day}))


def valid_during(first: datetime.date, last: datetime.date, start: str = "valid_from",
                 end: str = "valid_to") -> Q:
    """Records valid on at least one day of [first, last]."""
    return Q(**{f"{start}__lte": last}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": first}))


def day_before(day: datetime.date | None) -> datetime.date | None:
    return day - ONE_DAY if day else None


def earliest(*days: datetime.date | None) -> datetime.date | None:
    present = [d for d in days if d is not None]
    return min(present) if present else None


def check_period(period: tuple, label: str = "") -> None:
    """Refuse a reversed period (last before first) with a message naming the field."""
    first, last = period
    if first and last and last < first:
        raise ValidationError(_("The end date cannot be before the start date."), code="reversed")


def not_in_future(value: datetime.date | None) -> None:
    if value and value > today():
        raise ValidationError(_("This date is in the future."), code="future")


def text(value: str) -> None:
    """Plain text: HTML, scripts and control characters are refused (registry rule)."""
    plain_text(value)


class Errors(dict):
    """Collects field errors; `raise_if_any()` raises one ValidationError with all of them."""

    def add(self, field: str, message) -> None:
        self.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def restore_version(record) -> None:
    """After a refused save, put back the stored version (save_record raises it before it
    validates, and the transaction that would have kept it was rolled back)."""
    if not hasattr(record, "version"):
        return
    if record.pk is None:
        record.version = 1
        return
    stored = type(record)._default_manager.filter(pk=record.pk).values_list("version", flat=True).first()
    if stored is not None:
        record.version = stored


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later (earlier if negative); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
