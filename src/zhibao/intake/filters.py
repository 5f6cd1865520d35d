"""The filters of the triage queue (page and API)."""
import django_filters
from django.utils.translation import gettext_lazy

from zhibao.cases.models import Channel

from .models import Proposal, ProposalStatus


class ProposalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=ProposalStatus.choices, empty_label=gettext_lazy("All"))
    procedure = django_filters.ChoiceFilter(label=gettext_lazy("Report or complaint"), field_name="case__procedure",
                                            choices=(("report", gettext_lazy("Report")), ("complaint", gettext_lazy("Complaint"))))
    channel = django_filters.ChoiceFilter(label=gettext_lazy("Channel"), field_name="case__channel", choices=Channel.choices)
    q = django_filters.CharFilter(label=gettext_lazy("Number or title"), method="search")

    class Meta:
        model = Proposal
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(case__number__icontains=value) | queryset.filter(case__title__icontains=value)
