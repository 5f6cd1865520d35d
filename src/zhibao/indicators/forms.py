"""The cockpit's forms: the period and district a page shows, and changes to targets, the pledge
threshold and population (each with the reason it is made, which the history keeps)."""
import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from . import definitions
from .periods import CITY, IndicatorInputError, check_district, check_period, month_of, today, xian_districts

KINDS = (("year", _("Year")), ("quarter", _("Quarter")), ("month", _("Month")), ("custom", _("From … to")))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def district_choices():
    return [("", _("Whole city"))] + list(xian_districts().items())


class PeriodForm(forms.Form):
    """A year, a quarter, a month, or any from–to; `period` is (first, last) once valid. Links
    between the cockpit's pages carry `start` and `end` (and read as a custom period)."""

    kind = forms.ChoiceField(label=_("Period"), choices=KINDS, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int, required=False,
                                     choices=[(q, f"Q{q}") for q in range(1, 5)])
    month = forms.TypedChoiceField(label=_("Month"), coerce=int, required=False,
                                   choices=[(m, f"{m:02d}") for m in range(1, 13)])
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    district = forms.CharField(label=_("District or county"), required=False,
                               widget=forms.Select(choices=()))

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("kind"):
            data["kind"] = "custom" if data.get("start") or data.get("end") else "year"
        data.setdefault("year", today().year)
        super().__init__(data, **kwargs)
        self.fields["district"].widget.choices = district_choices()

    def clean_district(self):
        try:
            return check_district(self.cleaned_data.get("district") or None)
        except IndicatorInputError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        kind, year = data.get("kind") or "year", data.get("year") or today().year
        if kind == "year":
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        elif kind == "quarter":
            q = data.get("quarter") or (today().month - 1) // 3 + 1
            first = datetime.date(year, 3 * q - 2, 1)
            last = month_of(datetime.date(year, 3 * q, 1)).last
        elif kind == "month":
            m = month_of(datetime.date(year, data.get("month") or today().month, 1))
            first, last = m.first, m.last
        else:
            first, last = data.get("start"), data.get("end")
        try:
            self.period = check_period(first, last)
        except IndicatorInputError as exc:
            raise forms.ValidationError(str(exc)) from None
        return data

    def query(self) -> str:
        """The period and district as a query string for links to the other cockpit pages."""
        from django.http import QueryDict

        q = QueryDict(mutable=True)
        q["start"], q["end"] = (d.isoformat() for d in self.period)
        if self.cleaned_data.get("district"):
            q["district"] = self.cleaned_data["district"]
        return q.urlencode()


class TargetForm(forms.Form):
    code = forms.TypedChoiceField(label=_("Indicator"), coerce=int,
                                  choices=[(i.code, f"{i.code} {i.name}") for i in definitions.INDICATORS.values()])
    value = forms.DecimalField(label=_("Target value"), max_digits=12, decimal_places=2)
    target_date = forms.DateField(label=_("To be reached by"), widget=DateInput())
    effective_from = forms.DateField(label=_("In force from"), widget=DateInput())
    reason = forms.CharField(label=_("Reason for the change (document, decision)"), max_length=300)


class ThresholdForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount above which a pledge counts (yuan)"), max_digits=14,
                                decimal_places=2)
    effective_from = forms.DateField(label=_("In force from"), widget=DateInput())
    document = forms.CharField(label=_("Document it comes from (the reason for the change)"), max_length=300)


class PopulationForm(forms.Form):
    district = forms.ChoiceField(label=_("City, district or county"), choices=())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    population = forms.IntegerField(label=_("Year-end resident population"), min_value=1)
    reason = forms.CharField(label=_("Source or reason (statistical bulletin)"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [(CITY, _("Xi'an (the whole city)"))] + list(xian_districts().items())
