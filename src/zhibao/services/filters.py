"""Filter definitions shared by the list pages and the API (one FilterSet per record type)."""
import django_filters as df
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhibao.registry.models import District, Organization

from . import common
from .choices import ServiceKind, WorkstationKind
from .models import ServiceRecord, Workstation

DATE = forms.DateInput(attrs={"type": "date"})
MAX_QUERY = 100


def xian_districts():
    return District.objects.filter(parent__code="610100")


class OperatingOnFilter(df.DateFilter):
    """Records in operation (valid) on a day; the fields are the record's first and last day."""

    def __init__(self, *args, start="valid_from", end="valid_to", **kwargs):
        self.start, self.end = start, end
        kwargs.setdefault("widget", DATE)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        return qs.filter(common.valid_on(value, self.start, self.end))


class WorkstationFilter(df.FilterSet):
    q = df.CharFilter(method="filter_q", label=_("Search"), max_length=MAX_QUERY)
    kind = df.ChoiceFilter(choices=WorkstationKind.choices, label=_("Kind"))
    district = df.ModelChoiceFilter(queryset=xian_districts(), label=_("District"))
    operating_on = OperatingOnFilter(label=_("In operation on"), start="opened_on", end="closed_on")
    supervisor = df.ModelChoiceFilter(queryset=Organization.objects.all(), label=_("Supervising body"),
                                      widget=forms.HiddenInput)

    class Meta:
        model = Workstation
        fields = ["q", "kind", "district", "operating_on", "supervisor"]

    def filter_q(self, queryset, name, value):
        value = " ".join(value.split())
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(address__icontains=value) | Q(host_name__icontains=value)
                               | Q(host_entity__name__icontains=value) | Q(host_org__name__icontains=value))


class ServiceRecordFilter(df.FilterSet):
    q = df.CharFilter(method="filter_q", label=_("Search"), max_length=MAX_QUERY)
    workstation = df.ModelChoiceFilter(queryset=Workstation.objects.all(), label=_("Workstation"))
    kind = df.ChoiceFilter(choices=ServiceKind.choices, label=_("Service"))
    district = df.ModelChoiceFilter(queryset=xian_districts(), field_name="workstation__district",
                                    label=_("District"))
    served_from = df.DateFilter(field_name="served_on", lookup_expr="gte", label=_("From"), widget=DATE)
    served_to = df.DateFilter(field_name="served_on", lookup_expr="lte", label=_("To"), widget=DATE)
    entity = df.NumberFilter(method="filter_entity", label=_("Enterprise (id)"), widget=forms.HiddenInput,
                             min_value=1, max_value=2**63 - 1, decimal_places=0)
    has_case = df.BooleanFilter(field_name="case", lookup_expr="isnull", exclude=True,
                                label=_("Opened an assistance case"))

    class Meta:
        model = ServiceRecord
        fields = ["q", "workstation", "kind", "district", "served_from", "served_to", "entity", "has_case"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            from zhibao.accounts.scope import visible
            self.filters["workstation"].queryset = visible(Workstation.objects.order_by("name"), request.user)

    def filter_q(self, queryset, name, value):
        value = " ".join(value.split())
        if not value:
            return queryset
        ids = ServiceRecord.objects.filter(
            Q(subject__icontains=value) | Q(recipients__entity__name__icontains=value)
            | Q(recipients__entity__uscc=value.upper())).values("pk")
        return queryset.filter(pk__in=ids)

    def filter_entity(self, queryset, name, value):
        return queryset.filter(pk__in=ServiceRecord.objects.filter(recipients__entity_id=int(value)).values("pk"))

    def is_valid(self):
        return super().is_valid() and period_ok(self.form, "served_from", "served_to")


def period_ok(form, first_key: str, last_key: str) -> bool:
    """A reversed date range in a filter is an error on its end field, not an empty list."""
    first, last = form.cleaned_data.get(first_key), form.cleaned_data.get(last_key)
    if first and last and last < first:
        form.add_error(last_key, _("The end date cannot be before the start date."))
        return False
    return True
