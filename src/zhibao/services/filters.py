"""Filter definitions shared by the list pages and the API (one FilterSet per record type)."""
import re

import django_filters as df
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhibao.registry.choices import Industry
from zhibao.registry.models import District, Organization

from . import common
from .choices import (
    Availability, ExpertRole, FilingStatus, ListKind, OpinionKind, PatentKind, PreexamOutcome, ServiceKind,
    SurveyOccasion, WorkstationKind,
)
from .models import (
    Expert, ExpertAppointment, ExpertDraw, ExpertOpinion, FilingEntity, ListBatch, ListEntry, PreexamRequest,
    ProductDescription, ServiceRecord, SpecialAction, Survey, Workstation,
)

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
    supervisor = df.ModelChoiceFilter(queryset=Organization.objects.all(),
                                      label=pgettext_lazy("workstation", "Supervising body"),
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


# -- experts ---------------------------------------------------------------------------------------

class ExpertFilter(df.FilterSet):
    q = df.CharFilter(method="filter_q", label=_("Search"), max_length=MAX_QUERY)
    role = df.ChoiceFilter(choices=ExpertRole.choices, method="filter_role", label=_("Role"))
    valid_on = df.DateFilter(method="filter_valid_on", label=_("Appointment valid on"), widget=DATE)
    ipc = df.CharFilter(method="filter_ipc", label=_("IPC class"), max_length=40)
    industry = df.ChoiceFilter(choices=Industry.choices, method="filter_industry", label=_("Industry"))
    availability = df.ChoiceFilter(choices=Availability.choices, label=_("Availability"))

    class Meta:
        model = Expert
        fields = ["q", "role", "valid_on", "ipc", "industry", "availability"]

    def filter_q(self, queryset, name, value):
        value = " ".join(value.split())
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(employer_name__icontains=value)
                               | Q(specialty__icontains=value))

    def _appointments(self):
        data = self.form.cleaned_data
        qs = ExpertAppointment.objects.all()
        if data.get("role"):
            qs = qs.filter(role=data["role"])
        if data.get("valid_on"):
            qs = qs.filter(common.valid_on(data["valid_on"]))
        return qs

    def filter_role(self, queryset, name, value):
        return queryset.filter(pk__in=self._appointments().values("expert_id")) if value else queryset

    def filter_valid_on(self, queryset, name, value):
        if not value or self.form.cleaned_data.get("role"):
            return queryset  # filter_role applied both
        return queryset.filter(pk__in=self._appointments().values("expert_id"))

    def filter_ipc(self, queryset, name, value):
        from .fields import ipc_prefixes, parse_ipc

        try:
            symbols = parse_ipc(value)
        except ValidationError:
            return queryset.none()
        q = Q()
        for symbol in symbols:
            base = symbol[:-3] if symbol.endswith("/00") else symbol
            q |= Q(ipc_classes__regex=rf"(^|, ){re.escape(base)}(?![0-9])")  # the expert's field lies within it
            for prefix in ipc_prefixes(symbol):  # or covers it (a main group written 9/00 too)
                q |= Q(ipc_classes__regex=rf"(^|, ){re.escape(prefix)}(/00)?(,|$)")
        return queryset.filter(q)

    def filter_industry(self, queryset, name, value):
        return queryset.filter(Q(industries=value) | Q(industries__startswith=f"{value},")
                               | Q(industries__endswith=f",{value}") | Q(industries__contains=f",{value},"))

    def is_valid(self):
        from .fields import parse_ipc

        valid = super().is_valid()
        if valid and self.form.cleaned_data.get("ipc"):
            try:
                parse_ipc(self.form.cleaned_data["ipc"])
            except ValidationError as exc:
                self.form.add_error("ipc", exc.messages[0])
                return False
        return valid


class DrawFilter(df.FilterSet):
    case = df.CharFilter(method="filter_case", label=_("Case number"), max_length=60)
    role = df.ChoiceFilter(choices=ExpertRole.choices, label=_("Role"))
    expert = df.NumberFilter(method="filter_expert", label=_("Expert (id)"), widget=forms.HiddenInput,
                             min_value=1, max_value=2**63 - 1, decimal_places=0)
    drawn_from = df.DateFilter(field_name="drawn_on", lookup_expr="gte", label=_("From"), widget=DATE)
    drawn_to = df.DateFilter(field_name="drawn_on", lookup_expr="lte", label=_("To"), widget=DATE)

    class Meta:
        model = ExpertDraw
        fields = ["case", "role", "expert", "drawn_from", "drawn_to"]

    def filter_case(self, queryset, name, value):
        value = value.strip()
        if value.startswith("#") and value[1:].isdigit():
            return queryset.filter(case_id=int(value[1:]))
        return queryset.filter(case__number__icontains=value) if value else queryset

    def filter_expert(self, queryset, name, value):
        return queryset.filter(picks__expert_id=int(value)).distinct()

    def is_valid(self):
        return super().is_valid() and period_ok(self.form, "drawn_from", "drawn_to")


class OpinionFilter(df.FilterSet):
    case = df.CharFilter(method="filter_case", label=_("Case number"), max_length=60)
    expert = df.NumberFilter(field_name="expert", label=_("Expert (id)"), widget=forms.HiddenInput,
                             min_value=1, max_value=2**63 - 1, decimal_places=0)
    kind = df.ChoiceFilter(choices=OpinionKind.choices, label=_("Kind"))

    class Meta:
        model = ExpertOpinion
        fields = ["case", "expert", "kind"]

    filter_case = DrawFilter.filter_case


# -- pre-examination ------------------------------------------------------------------------------------

def protection_centres():
    return Organization.objects.filter(kind="protection_centre").order_by("name")


class FilingFilter(df.FilterSet):
    q = df.CharFilter(method="filter_q", label=_("Search"), max_length=MAX_QUERY)
    centre = df.ModelChoiceFilter(queryset=protection_centres(), label=_("Protection centre"))
    status = df.ChoiceFilter(choices=FilingStatus.choices, label=_("Status"))
    district = df.ModelChoiceFilter(queryset=xian_districts(), field_name="entity__district", label=_("District"))
    valid_on = OperatingOnFilter(label=_("Valid on"))
    entity = df.NumberFilter(field_name="entity", label=_("Entity (id)"), widget=forms.HiddenInput,
                             min_value=1, max_value=2**63 - 1, decimal_places=0)

    class Meta:
        model = FilingEntity
        fields = ["q", "centre", "status", "district", "valid_on", "entity"]

    def filter_q(self, queryset, name, value):
        value = " ".join(value.split())
        if not value:
            return queryset
        return queryset.filter(Q(entity__name__icontains=value) | Q(entity__uscc=value.upper()))


class PreexamFilter(df.FilterSet):
    q = df.CharFilter(method="filter_q", label=_("Search"), max_length=MAX_QUERY)
    centre = df.ModelChoiceFilter(queryset=protection_centres(), field_name="filing__centre",
                                  label=_("Protection centre"))
    outcome = df.ChoiceFilter(choices=PreexamOutcome.choices, label=_("Outcome"))
    patent_kind = df.ChoiceFilter(choices=PatentKind.choices, label=_("Kind of patent"))
    submitted_from = df.DateFilter(field_name="submitted_on", lookup_expr="gte", label=_("Submitted from"),
                                   widget=DATE)
    submitted_to = df.DateFilter(field_name="submitted_on", lookup_expr="lte", label=_("Submitted until"),
                                 widget=DATE)
    filing = df.NumberFilter(field_name="filing", label=_("Filing (id)"), widget=forms.HiddenInput,
                             min_value=1, max_value=2**63 - 1, decimal_places=0)

    class Meta:
        model = PreexamRequest
        fields = ["q", "centre", "outcome", "patent_kind", "submitted_from", "submitted_to", "filing"]

    def filter_q(self, queryset, name, value):
        value = " ".join(value.split())
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(filing__entity__name__icontains=value)
                               | Q(reference__icontains=value) | Q(application_number__icontains=value))

    def is_valid(self):
        return super().is_valid() and period_ok(self.form, "submitted_from", "submitted_to")


# -- protection lists -----------------------------------------------------------------------------------

class ListEntryFilter(df.FilterSet):
    q = df.CharFilter(method="filter_q", label=_("Search"), max_length=MAX_QUERY)
    kind = df.ChoiceFilter(choices=ListKind.choices, label=_("List"))
    district = df.ModelChoiceFilter(queryset=xian_districts(), label=_("District"))
    listed_on = OperatingOnFilter(label=_("Listed on"))
    batch = df.ModelChoiceFilter(queryset=ListBatch.objects.all(), label=_("Batch"))
    entity = df.NumberFilter(field_name="entity", label=_("Enterprise (id)"), widget=forms.HiddenInput,
                             min_value=1, max_value=2**63 - 1, decimal_places=0)
    parent = df.NumberFilter(field_name="parent", label=_("Listed under (id)"), widget=forms.HiddenInput,
                             min_value=1, max_value=2**63 - 1, decimal_places=0)

    class Meta:
        model = ListEntry
        fields = ["q", "kind", "district", "listed_on", "batch", "entity", "parent"]

    def filter_q(self, queryset, name, value):
        value = " ".join(value.split())
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(entity__name__icontains=value)
                               | Q(entity__uscc=value.upper()) | Q(reason__icontains=value))


class ActionFilter(df.FilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"), max_length=MAX_QUERY)
    entry = df.NumberFilter(field_name="entries", label=_("For the entry (id)"), widget=forms.HiddenInput,
                            min_value=1, max_value=2**63 - 1, decimal_places=0)

    class Meta:
        model = SpecialAction
        fields = ["q", "entry"]


class ProductFilter(df.FilterSet):
    q = df.CharFilter(method="filter_q", label=_("Search"), max_length=MAX_QUERY)

    class Meta:
        model = ProductDescription
        fields = ["q"]

    def filter_q(self, queryset, name, value):
        value = " ".join(value.split())
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(holder__name__icontains=value))


class SurveyFilter(df.FilterSet):
    occasion = df.ChoiceFilter(choices=SurveyOccasion.choices, label=_("Sent"))

    class Meta:
        model = Survey
        fields = ["occasion"]
