"""Filter definitions shared by the list pages and the API (one FilterSet per record type)."""
import django_filters as df
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import search
from .choices import (
    DivisionLevel, EntityKind, EntityStatus, Industry, OrganizationKind, RightKind, RightStatus, ZoneLevel,
)
from .models import DevelopmentZone, District, IPRight, MarketEntity, Organization, Person


def xian_districts():
    return District.objects.filter(parent__code="610100")


class SearchFilterSet(df.FilterSet):
    """Adds `q`, handled by the record type's function in search.py."""

    search_function = None
    q = df.CharFilter(method="filter_q", label=_("Search"), max_length=search.MAX_QUERY,
                      widget=forms.SearchInput(attrs={"placeholder": _("Part of a name, a code or a number")}))

    def filter_q(self, queryset, name, value):
        return type(self).search_function(queryset, value)


class EntityFilter(SearchFilterSet):
    search_function = staticmethod(search.entities)
    district = df.ModelChoiceFilter(queryset=xian_districts(), label=_("District or county"))
    zone = df.ModelChoiceFilter(queryset=DevelopmentZone.objects.all(), label=_("Development zone"))
    kind = df.ChoiceFilter(choices=EntityKind.choices, label=_("Kind"))
    industry = df.ChoiceFilter(choices=Industry.choices, label=_("Industry"))
    status = df.ChoiceFilter(choices=EntityStatus.choices, label=_("Status"))
    # Set by links (an organization's page); not shown in the filter bar.
    org = df.ModelChoiceFilter(queryset=Organization.objects.all(), label=_("Supervising body"),
                               widget=forms.HiddenInput)

    class Meta:
        model = MarketEntity
        fields = ["q", "district", "zone", "kind", "industry", "status", "org"]


class RightFilter(SearchFilterSet):
    search_function = staticmethod(search.rights)
    kind = df.ChoiceFilter(choices=RightKind.choices, label=_("Kind"))
    status = df.ChoiceFilter(choices=RightStatus.choices, label=_("Status"))
    district = df.ModelChoiceFilter(queryset=xian_districts(), label=_("District or county"))
    nice_class = df.NumberFilter(method="filter_nice", label=_("Nice class"), min_value=1, max_value=45,
                                 decimal_places=0)
    # Set by links (an entity's page); not shown in the filter bar.
    holder = df.NumberFilter(field_name="holders__entity", label=_("Holder (entity id)"), widget=forms.HiddenInput,
                             min_value=1, max_value=2**63 - 1, decimal_places=0)
    org = df.ModelChoiceFilter(queryset=Organization.objects.all(), label=_("Supervising body"),
                               widget=forms.HiddenInput)

    class Meta:
        model = IPRight
        fields = ["q", "kind", "status", "district", "nice_class", "holder", "org"]

    def filter_nice(self, queryset, name, value):
        # nice_classes is normalized to "7,9,42": match a whole class, not a digit inside another.
        value = int(value)
        return queryset.filter(
            Q(nice_classes=str(value))
            | Q(nice_classes__startswith=f"{value},")
            | Q(nice_classes__endswith=f",{value}")
            | Q(nice_classes__contains=f",{value},")
        )


class PersonFilter(SearchFilterSet):
    search_function = staticmethod(search.persons)
    district = df.ModelChoiceFilter(queryset=xian_districts(), label=_("District or county"))

    class Meta:
        model = Person
        fields = ["q", "district"]


class OrganizationFilter(SearchFilterSet):
    search_function = staticmethod(search.organizations)
    kind = df.ChoiceFilter(choices=OrganizationKind.choices, label=_("Kind"))
    district = df.ModelChoiceFilter(queryset=District.objects.all(), label=_("Administrative division"))

    class Meta:
        model = Organization
        fields = ["q", "kind", "district"]


class DistrictFilter(df.FilterSet):
    level = df.ChoiceFilter(choices=DivisionLevel.choices, label=_("Level"))
    in_cluster = df.BooleanFilter(label=_("In the city cluster"))

    class Meta:
        model = District
        fields = ["level", "in_cluster", "parent"]


class ZoneFilter(df.FilterSet):
    level = df.ChoiceFilter(choices=ZoneLevel.choices, label=_("Level"))
    district = df.ModelChoiceFilter(queryset=District.objects.all(), label=_("Main district"))

    class Meta:
        model = DevelopmentZone
        fields = ["level", "district"]
