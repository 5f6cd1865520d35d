"""Data scope: which records a user may see, the same for pages, exports and the API.

A model opts in by declaring `scope_paths`, a dict with any of:
  "organization": lookup to the responsible Organization,
  "district": lookup to the District,
  "entity": lookup to the MarketEntity (what an enterprise user may see).
A model without `scope_paths` is reference data, visible to everyone allowed to view it.
"""
from django.db.models import Q, QuerySet

from .roles import Role, Scope


def visible(queryset: QuerySet, user) -> QuerySet:
    model = queryset.model
    paths = getattr(model, "scope_paths", None)
    if paths is None or user.is_superuser:
        return queryset
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.role == Role.ENTERPRISE:
        return _filter(queryset, paths.get("entity"), user.entity_id)
    if user.scope == Scope.CITY:
        return queryset
    if user.scope == Scope.DISTRICT:
        return _filter(queryset, paths.get("district"), user.district_id)
    return _filter(queryset, paths.get("organization"), user.organization_id)


def _filter(queryset: QuerySet, path: str | None, value) -> QuerySet:
    if not path or value is None:
        return queryset.none()
    if "__" in path:
        # Multi-valued paths would repeat rows; test membership with a subquery instead.
        ids = queryset.model._default_manager.filter(**{path: value}).values("pk")
        return queryset.filter(pk__in=ids)
    return queryset.filter(Q(**{path: value}))


def can_see(obj, user) -> bool:
    return visible(type(obj)._default_manager.filter(pk=obj.pk), user).exists()
