"""Periods and districts as the cockpit, the API and the jobs receive them: checked once here,
with a translated message for what cannot be used (IndicatorInputError), so that nothing
downstream sees a reversed period or an unknown district."""
import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from zhibao.registry.models import District

CITY = "610100"
ONE_DAY = datetime.timedelta(days=1)


class IndicatorInputError(ValueError):
    """A period or a district the indicators cannot be computed for; the message says why and
    `field` names the input at fault (period_start, period_end, district), if one is."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.field = field


def today() -> datetime.date:
    """Today in the platform's time zone (tests replace it)."""
    return timezone.localdate()


@dataclass(frozen=True)
class Month:
    first: datetime.date
    last: datetime.date

    @property
    def label(self) -> str:
        return f"{self.first:%Y-%m}"


def month_of(day: datetime.date) -> Month:
    first = day.replace(day=1)
    nxt = (first + datetime.timedelta(days=32)).replace(day=1)
    return Month(first, nxt - ONE_DAY)


def months(first: datetime.date, last: datetime.date) -> list[Month]:
    """The calendar months that [first, last] touches, each cut to the period."""
    out, day = [], first
    while day <= last:
        m = month_of(day)
        out.append(Month(max(m.first, first), min(m.last, last)))
        day = m.last + ONE_DAY
    return out


def check_period(first, last) -> tuple[datetime.date, datetime.date]:
    """(first, last) as dates; refuses a missing, unreadable or reversed period."""
    days = []
    for value, name in ((first, "period_start"), (last, "period_end")):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value.strip())
            except ValueError:
                raise IndicatorInputError(_("“%(value)s” is not a date; write it as YYYY-MM-DD.")
                                          % {"value": value}, name) from None
        if not isinstance(value, datetime.date):
            raise IndicatorInputError(_("A period needs a first and a last day."), name)
        if not 2000 <= value.year <= 2100:
            raise IndicatorInputError(_("The period must lie between the years 2000 and 2100."), name)
        days.append(value)
    if days[1] < days[0]:
        raise IndicatorInputError(_("The period ends before it starts."), "period_end")
    return days[0], days[1]


def current_year() -> tuple[datetime.date, datetime.date]:
    """The cockpit's default period: the current calendar year."""
    year = today().year
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def xian_districts() -> dict[str, str]:
    """Code → name of the city's districts and counties."""
    return dict(District.objects.filter(parent_id=CITY).order_by("code").values_list("code", "name"))


def check_district(district) -> str | None:
    """The district's code, or None for the whole city (None, "", the city's code)."""
    if district is None or district == "":
        return None
    code = district.code if isinstance(district, District) else str(district).strip()
    if code == CITY:
        return None
    if code not in xian_districts():
        raise IndicatorInputError(_("“%(code)s” is not a district or county of Xi'an.") % {"code": code},
                                  "district")
    return code
