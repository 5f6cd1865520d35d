"""Filters of the collaboration lists, shared by the pages and the API."""
import django_filters as df
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from zhibao.registry.choices import OrganizationKind

from .common import today
from .models import AssistanceRequest, AssistanceStatus, Meeting, Operation, Transfer, TransferKind, TransferOutcome

DATE = forms.DateInput(attrs={"type": "date"})
BOX_CHOICES = (("received", _("Received by my body")), ("sent", _("Sent by my body")))
STATE_CHOICES = (("unacknowledged", _("Not acknowledged")), ("late", _("Acknowledged late or overdue")),
                 ("no_outcome", _("No outcome reported")))


def _box(qs, request, value, sender: str, receiver: str):
    org = getattr(getattr(request, "user", None), "organization_id", None)
    if value == "received":
        return qs.filter(**{receiver: org})
    if value == "sent":
        return qs.filter(**{sender: org})
    return qs


class TransferFilter(df.FilterSet):
    q = df.CharFilter(label=_("Subject contains"), field_name="subject", lookup_expr="icontains", max_length=100)
    box = df.ChoiceFilter(label=_("Box"), choices=BOX_CHOICES, method="filter_box")
    kind = df.ChoiceFilter(label=_("Kind of transfer"), choices=TransferKind.choices)
    receiver_kind = df.ChoiceFilter(label=_("Kind of receiving body"), field_name="receiver__kind",
                                    choices=OrganizationKind.choices)
    cluster = df.BooleanFilter(label=_("To or from another cluster city"), method="filter_cluster")
    state = df.ChoiceFilter(label=_("State"), choices=STATE_CHOICES, method="filter_state")
    outcome = df.ChoiceFilter(label=_("Outcome"), choices=TransferOutcome.choices)
    sent_from = df.DateFilter(label=_("Sent from"), field_name="sent_on", lookup_expr="gte", widget=DATE)
    sent_to = df.DateFilter(label=_("Sent until"), field_name="sent_on", lookup_expr="lte", widget=DATE)

    class Meta:
        model = Transfer
        fields = []

    def filter_box(self, qs, name, value):
        return _box(qs, self.request, value, "sender_id", "receiver_id")

    def filter_cluster(self, qs, name, value):
        cross = Q(receiver__district__in_cluster=True) | Q(sender__district__in_cluster=True)
        return qs.filter(cross) if value else qs.exclude(cross) if value is False else qs

    def filter_state(self, qs, name, value):
        if value == "unacknowledged":
            return qs.filter(acknowledged_on__isnull=True)
        if value == "late":
            return qs.filter(Q(acknowledged_on__gt=F("ack_due")) | Q(acknowledged_on__isnull=True, ack_due__lt=today()))
        if value == "no_outcome":
            return qs.filter(outcome="")
        return qs


class AssistanceFilter(df.FilterSet):
    q = df.CharFilter(label=_("Subject contains"), field_name="subject", lookup_expr="icontains", max_length=100)
    box = df.ChoiceFilter(label=_("Box"), choices=BOX_CHOICES, method="filter_box")
    status = df.ChoiceFilter(label=_("Status"), choices=AssistanceStatus.choices)
    overdue = df.BooleanFilter(label=_("Reply overdue"), method="filter_overdue")
    sent_from = df.DateFilter(label=_("Sent from"), field_name="sent_on", lookup_expr="gte", widget=DATE)
    sent_to = df.DateFilter(label=_("Sent until"), field_name="sent_on", lookup_expr="lte", widget=DATE)

    class Meta:
        model = AssistanceRequest
        fields = []

    def filter_box(self, qs, name, value):
        return _box(qs, self.request, value, "requester_id", "addressee_id")

    def filter_overdue(self, qs, name, value):
        late = Q(replied_on__gt=F("due_on")) | Q(replied_on__isnull=True, due_on__lt=today())
        return qs.filter(late) if value else qs.exclude(late) if value is False else qs


class OperationFilter(df.FilterSet):
    q = df.CharFilter(label=_("Name contains"), field_name="name", lookup_expr="icontains", max_length=100)
    running_on = df.DateFilter(label=_("Running on"), method="filter_running", widget=DATE)

    class Meta:
        model = Operation
        fields = []

    def filter_running(self, qs, name, value):
        return qs.filter(starts_on__lte=value, ends_on__gte=value) if value else qs


class MeetingFilter(df.FilterSet):
    q = df.CharFilter(label=_("Title contains"), field_name="title", lookup_expr="icontains", max_length=100)
    year = df.NumberFilter(label=_("Year"), min_value=1990, max_value=2100)
    quarter = df.ChoiceFilter(label=_("Quarter"), choices=[(q, f"Q{q}") for q in range(1, 5)])
    open_decisions = df.BooleanFilter(label=_("With open decisions"), method="filter_open")

    class Meta:
        model = Meeting
        fields = []

    def filter_open(self, qs, name, value):
        if value is None:
            return qs
        ids = Meeting.objects.filter(decisions__done_on__isnull=True).values("pk")
        return qs.filter(pk__in=ids) if value else qs.exclude(pk__in=ids)
