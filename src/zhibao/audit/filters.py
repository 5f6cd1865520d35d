"""Filters of the audit log and the personal-data view log (shared with the API when it lists them)."""
import datetime

import django_filters as df
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from zhibao.accounts.models import User

from .models import PersonalDataView

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2999, 12, 31)


def start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def record_types():
    """The record types django-auditlog logs, by their names (content type id, label)."""
    models = sorted(auditlog.get_models(), key=lambda m: str(m._meta.verbose_name))
    types = ContentType.objects.get_for_models(*models)
    return [(types[m].pk, capfirst(m._meta.verbose_name)) for m in models]


class PeriodForm(forms.Form):
    """Refuses a period that ends before it starts, or dates no log can have."""

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        for name in ("since", "until"):
            day = data.get(name)
            if day and not (EARLIEST <= day <= LATEST):
                self.add_error(name, _("Enter a date between %(first)s and %(last)s.") % {
                    "first": EARLIEST.isoformat(), "last": LATEST.isoformat()})
        if since and until and until < since and not self.errors:
            self.add_error("until", _("The end date is before the start date."))
        return data


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodFilterSet(df.FilterSet):
    time_field = "timestamp"

    since = df.DateFilter(method="filter_since", label=_("From"), widget=_date_widget())
    until = df.DateFilter(method="filter_until", label=_("To"), widget=_date_widget())

    def filter_since(self, queryset, name, value):
        return queryset.filter(**{f"{self.time_field}__gte": start_of(value)})

    def filter_until(self, queryset, name, value):
        return queryset.filter(**{f"{self.time_field}__lt": start_of(value + datetime.timedelta(days=1))})


class UserNameField(forms.CharField):
    """A user given by user name (a list of every user would be too long for a city)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 150)
        super().__init__(**kwargs)

    def clean(self, value):
        name = super().clean(value)
        if not name:
            return None
        user = User.objects.filter(username__iexact=name).first()
        if user is None:
            raise forms.ValidationError(_("No user is named “%(name)s”."), params={"name": name}, code="unknown")
        return user


class UserNameFilter(df.Filter):
    field_class = UserNameField

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(**{self.field_name: value})


class LogFilter(PeriodFilterSet):
    actor = UserNameFilter(label=_("User name"))
    system = df.BooleanFilter(method="filter_system", label=_("Only by the system"), widget=forms.CheckboxInput)
    content_type = df.ChoiceFilter(choices=record_types, label=_("Record type"))
    object_pk = df.CharFilter(label=_("Record id"), max_length=64)
    action = df.ChoiceFilter(choices=LogEntry.Action.choices, label=_("Action"))
    cid = df.CharFilter(label=_("Request id"), max_length=64)

    class Meta:
        model = LogEntry
        fields = ["actor", "system", "content_type", "object_pk", "action", "since", "until", "cid"]
        form = PeriodForm

    def filter_system(self, queryset, name, value):
        """Entries of commands and jobs, which act for no user."""
        return queryset.filter(actor__isnull=True) if value else queryset


class PersonalViewFilter(PeriodFilterSet):
    time_field = "at"

    user = UserNameFilter(label=_("User name"))
    person_id = df.NumberFilter(label=_("Person id"), min_value=1, max_value=2**63 - 1)
    channel = df.ChoiceFilter(choices=PersonalDataView.Channel.choices, label=_("Channel"))

    class Meta:
        model = PersonalDataView
        fields = ["user", "person_id", "channel", "since", "until"]
        form = PeriodForm
