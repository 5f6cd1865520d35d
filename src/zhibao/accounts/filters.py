"""Filters of the user and token lists (shared with the API when it lists them)."""
import django_filters as df
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhibao.registry.models import Organization

from .models import APIToken, User
from .roles import Role, Scope

MAX_QUERY = 100


def _search_users(queryset, value, prefix=""):
    value = " ".join((value or "").split())[:MAX_QUERY]
    if not value:
        return queryset
    return queryset.filter(Q(**{f"{prefix}username__icontains": value}) | Q(**{f"{prefix}full_name__icontains": value}))


class UserFilter(df.FilterSet):
    q = df.CharFilter(method="filter_q", label=_("User name or name"), max_length=MAX_QUERY)
    role = df.ChoiceFilter(choices=Role.choices, label=_("Role"))
    organization = df.ModelChoiceFilter(queryset=Organization.objects.order_by("name"), label=_("Organization"))
    scope = df.ChoiceFilter(choices=Scope.choices, label=_("Data scope"))
    is_active = df.ChoiceFilter(
        method="filter_active", label=_("Status"), empty_label=_("Any"),
        choices=(("1", _("Active")), ("0", _("Deactivated"))))

    class Meta:
        model = User
        fields = ["q", "role", "organization", "scope", "is_active"]

    def filter_q(self, queryset, name, value):
        return _search_users(queryset, value)

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=(value == "1"))


class TokenFilter(df.FilterSet):
    q = df.CharFilter(method="filter_q", label=_("User or token name"), max_length=MAX_QUERY)
    state = df.ChoiceFilter(
        method="filter_state", label=_("Status"), empty_label=_("Any"),
        choices=(("active", _("Active")), ("expired", _("Expired")), ("revoked", _("Revoked"))))

    class Meta:
        model = APIToken
        fields = ["q", "state"]

    def filter_q(self, queryset, name, value):
        value = " ".join((value or "").split())[:MAX_QUERY]
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(user__username__icontains=value)
                               | Q(user__full_name__icontains=value) | Q(hint__startswith=value))

    def filter_state(self, queryset, name, value):
        now = timezone.now()
        if value == "revoked":
            return queryset.filter(revoked__isnull=False)
        if value == "expired":
            return queryset.filter(revoked__isnull=True, expires__lte=now)
        return queryset.filter(Q(expires__isnull=True) | Q(expires__gt=now), revoked__isnull=True)
