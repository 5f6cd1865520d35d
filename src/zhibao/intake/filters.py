"""The filters of the triage queue (page and API)."""
import django_filters
from django.utils.translation import gettext_lazy as _l

from zhibao.cases.models import Channel

from .models import Proposal, ProposalStatus


class ProposalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_l("Status"), choices=ProposalStatus.choices, empty_label=_l("All"))
    procedure = django_filters.ChoiceFilter(label=_l("Report or complaint"), field_name="case__procedure",
                                            choices=(("report", _l("Report")), ("complaint", _l("Complaint"))))
    channel = django_filters.ChoiceFilter(label=_l("Channel"), field_name="case__channel", choices=Channel.choices)
    q = django_filters.CharFilter(label=_l("Number or title"), method="search")

    class Meta:
        model = Proposal
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(case__number__icontains=value) | queryset.filter(case__title__icontains=value)
