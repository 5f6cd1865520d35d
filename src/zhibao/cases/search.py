"""Free-text search over cases: any part of a case number, title or summary, of a party's
name (a registered entity, a registered person, or a name typed on the case), of an IP
right's number or title, or of a product's name.

`search(queryset, q)` narrows a queryset of cases (already in the caller's scope) to the
matches, independently of the other filters; ordering, counting and paging stay with the
caller. Each source is looked up with its own index and the case ids are united in one
subquery (docs/cases-search.md).
"""
from django.db.models import Q, QuerySet

from zhibao.registry import search as registry_search
from zhibao.registry.models import IPRight, MarketEntity, Person

from .models import Case, CaseRight, Party, Product

MAX_QUERY = registry_search.MAX_QUERY
normalize = registry_search.normalize


def search(queryset: QuerySet, q: str | None) -> QuerySet:
    q = normalize(q)
    if not q:
        return queryset
    return queryset.filter(pk__in=matching_ids(q))


def matching_ids(q: str) -> QuerySet:
    """The ids of every case that matches `q` (a normalized, non-empty text), as a subquery."""
    entities = registry_search.entities(MarketEntity.objects.all(), q).values("pk")
    persons = registry_search.persons(Person.objects.all(), q).values("pk")
    rights = registry_search.rights(IPRight.objects.all(), q).values("pk")
    own = Case.objects.filter(Q(number__icontains=q) | Q(title__icontains=q) | Q(summary__icontains=q))
    parties = Party.objects.filter(Q(name__icontains=q) | Q(entity__in=entities) | Q(person__in=persons))
    products = Product.objects.filter(name__icontains=q)
    sources = [parties.values("case_id"), CaseRight.objects.filter(right__in=rights).values("case_id"),
               products.values("case_id")]
    return own.order_by().values("pk").union(*(source.order_by() for source in sources))
