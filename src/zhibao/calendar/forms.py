"""Forms of the calendar pages. They read input through `inputs` and `schedules`, like the API."""
from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import inputs, workdays
from .limits import Unit


class DeadlineForm(forms.Form):
    start = forms.CharField(label=_("Start date (not counted)"), required=False,
                            widget=forms.DateInput(attrs={"type": "date", "min": f"{workdays.MIN_YEAR}-01-01",
                                                          "max": f"{workdays.MAX_YEAR}-12-31"}))
    n = forms.CharField(label=pgettext_lazy("count", "Number"), required=False,
                        widget=forms.NumberInput(attrs={"min": 1, "max": 3650, "style": "width:7em"}))
    unit = forms.ChoiceField(label=_("Unit"), initial=Unit.WORKING_DAYS.value, choices=[
        (Unit.WORKING_DAYS.value, _("working days")),
        (Unit.DAYS.value, _("calendar days")),
        (Unit.MONTHS.value, _("months")),
    ])
    pauses = forms.CharField(
        label=_("Paused intervals (optional)"), required=False,
        help_text=_("One per line: first and last paused day, e.g. 2026-10-12/2026-10-16."),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 28}))

    def clean_start(self):
        try:
            return inputs.parse_date(self.cleaned_data.get("start"), "start")
        except inputs.InputError as exc:
            raise forms.ValidationError(exc.message) from None

    def clean_n(self):
        try:
            return inputs.parse_count(self.cleaned_data.get("n"), "n")
        except inputs.InputError as exc:
            raise forms.ValidationError(exc.message) from None

    def clean_pauses(self):
        out = []
        for line in (self.cleaned_data.get("pauses") or "").splitlines():
            if line.strip():
                try:
                    out.append(inputs.parse_pause(line.strip(), "pauses"))
                except inputs.InputError as exc:
                    raise forms.ValidationError(exc.message) from None
        return out


class ScheduleForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=workdays.MIN_YEAR, max_value=workdays.MAX_YEAR)
    source_document = forms.CharField(
        label=_("Source document"), max_length=200,
        help_text=_("The State Council General Office notice, e.g. 国办发明电〔2026〕7号."))
    published = forms.DateField(label=_("Published on"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    lines = forms.CharField(
        label=_("Days"), widget=forms.Textarea(attrs={"rows": 18, "cols": 60, "spellcheck": "false"}),
        help_text=_("One line per day or range: date (or FIRST..LAST), holiday or workday, name. "
                    "For example “2027-10-01..2027-10-07 holiday 国庆节” and “2027-09-26 workday 国庆节调休”."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))
    replace = forms.BooleanField(label=_("Replace the schedule already entered for this year"), required=False)
    confirm_warnings = forms.BooleanField(label=_("I have checked the warnings; save anyway"), required=False)

    def clean_published(self):
        published = self.cleaned_data.get("published")
        if published and published > datetime.date.today() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("The publication date lies in the future."))
        return published
