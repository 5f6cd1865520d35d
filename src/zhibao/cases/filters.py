"""The case filters shared by the case list pages and the API (one FilterSet, like registry/filters.py).

`q` is the free-text search of search.py, independent of the other filters; the others are
plain lookups on indexed columns. `due` and `officer` take a word or a number:
    due=overdue        open cases with a running time limit past its due date
    due=7              open cases with a time limit due from today to 7 days ahead
    officer=mine       cases the signed-in user is assigned to
    officer=12         cases user 12 is assigned to
"""
import datetime

import django_filters as df
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zhibao.registry.filters import xian_districts
from zhibao.registry.models import Organization

from . import clocks, procedures, search
from .models import Assignment, Case, Channel, TimeLimitRule, Track

MAX_DUE_DAYS = 366
OVERDUE = "overdue"
MINE = "mine"


def _first_label_per_code(pairs) -> list:
    """Several procedures may declare the same stage or kind code: keep one label for it."""
    labels = {}
    for code, label in pairs:
        labels.setdefault(code, label)
    return list(labels.items())


def stage_choices():
    return _first_label_per_code((s.code, s.label) for p in procedures.PROCEDURES.values() for s in p.stages)


def kind_choices():
    return _first_label_per_code(pair for p in procedures.PROCEDURES.values() for pair in p.kinds)


class DueField(forms.CharField):
    """"overdue", or a number of days ahead (0 = due today)."""

    def clean(self, value):
        value = super().clean(value)
        if not value or value == OVERDUE:
            return value
        if not value.isdigit() or int(value) > MAX_DUE_DAYS:
            raise ValidationError(_("Enter “overdue” or a number of days from 0 to %(max)d.") % {"max": MAX_DUE_DAYS},
                                  code="invalid")
        return int(value)


class OfficerField(forms.CharField):
    """"mine", or a user id."""

    def clean(self, value):
        value = super().clean(value)
        if not value or value == MINE:
            return value
        if not value.isdigit() or int(value) > 2**63 - 1:
            raise ValidationError(_("Enter “mine” or the id of an officer."), code="invalid")
        return int(value)


class DueFilter(df.CharFilter):
    field_class = DueField


class OfficerFilter(df.CharFilter):
    field_class = OfficerField


class CaseFilter(df.FilterSet):
    q = df.CharFilter(method="filter_q", label=_("Search"), max_length=search.MAX_QUERY,
                      widget=forms.SearchInput(attrs={"placeholder": _("Part of a number, name or title")}))
    procedure = df.ChoiceFilter(choices=procedures.choices, label=_("Procedure"))
    stage = df.ChoiceFilter(choices=stage_choices, label=_("Stage"))
    kind = df.ChoiceFilter(choices=kind_choices, label=_("Kind"))
    handling_org = df.ModelChoiceFilter(queryset=Organization.objects.all(), label=_("Handling body"))
    district = df.ModelChoiceFilter(queryset=xian_districts(), label=_("District or county"))
    track = df.ChoiceFilter(choices=Track.choices, label=_("Track"))
    channel = df.ChoiceFilter(choices=Channel.choices, label=_("Channel"))
    open = df.ChoiceFilter(choices=[("yes", _("Open")), ("no", _("Closed"))], method="filter_open",
                           label=_("Open or closed"))
    due = DueFilter(method="filter_due", label=_("Due"), max_length=10,
                    help_text=_("“overdue”, or a number of days ahead."))
    received_from = df.DateFilter(field_name="received_on", lookup_expr="gte", label=_("Received from"),
                                  widget=forms.DateInput(attrs={"type": "date"}))
    received_to = df.DateFilter(field_name="received_on", lookup_expr="lte", label=_("Received until"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    officer = OfficerFilter(method="filter_officer", label=_("Officer"), max_length=20,
                            help_text=_("“mine”, or the id of an officer."))

    class Meta:
        model = Case
        fields = ["q", "procedure", "stage", "kind", "handling_org", "district", "track", "channel", "open", "due",
                  "received_from", "received_to", "officer"]

    def filter_q(self, queryset, name, value):
        return search.search(queryset, value)

    def filter_open(self, queryset, name, value):
        return queryset.filter(closed_on__isnull=value == "yes")

    def filter_due(self, queryset, name, value):
        """On Case.due_date (the earliest running time limit), index case_open_due."""
        today = clocks.today()
        open_cases = queryset.filter(closed_on__isnull=True)
        if value == OVERDUE:
            return open_cases.filter(due_date__lt=today)
        return open_cases.filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=value))

    def filter_officer(self, queryset, name, value):
        if value == MINE:
            user = getattr(self.request, "user", None)
            if user is None or not user.is_authenticated:
                return queryset.none()
            value = user.pk
        return queryset.filter(pk__in=Assignment.objects.filter(user_id=value).values("case_id"))


class RuleFilter(df.FilterSet):
    """Time-limit rules by procedure, time limit and part (the API's /time-limit-rules)."""

    procedure = df.ChoiceFilter(choices=procedures.choices, label=_("Procedure"))
    clock = df.CharFilter(label=_("Time limit"), max_length=40)
    part = df.CharFilter(label=_("Part"), max_length=40)
    organization = df.ModelChoiceFilter(queryset=Organization.objects.all(), label=_("Body"))

    class Meta:
        model = TimeLimitRule
        fields = ["procedure", "clock", "part", "organization"]
