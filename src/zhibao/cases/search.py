"""Free-text search over cases: any part of a case's title, a party's name (a registered
entity, a registered person, or a name typed on the case) or a product's name; a part of
3 characters or more of a case number or summary; an IP right by its number or title
(registry rules: a whole patent number however written, part of a trademark number); a
registered person also by a whole phone or ID number; an entity by its USCC.

`search(queryset, q)` narrows a queryset of cases (already in the caller's scope) to the
matches, independently of the other filters; ordering, counting and paging stay with the
caller. Each text is looked up through its own index (migration 0003: FTS5 trigram tables
on SQLite, pg_trgm and character/piece GIN indexes on PostgreSQL; the registry's own for
entities, persons and rights) and the case ids are united in one subquery, so the work
grows with the matches, not with the number of cases (docs/cases-search.md).
"""
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Func, Model, Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from zhibao.registry import search as registry_search
from zhibao.registry.models import IPRight, MarketEntity, Person

from .models import Case, CaseRight, Party, Product

MAX_QUERY = registry_search.MAX_QUERY
SHORT = 3  # parts shorter than this are looked for only in the texts marked `short`
normalize = registry_search.normalize


@dataclass(frozen=True)
class Text:
    model: type[Model]
    case_field: str       # the case id on a row of `model`
    columns: tuple[str, ...]
    fts: str              # the SQLite FTS5 table of these columns
    short: bool           # searched by parts of 1–2 characters too


TEXTS = (
    Text(Case, "pk", ("title",), "cases_title_fts", short=True),
    Text(Case, "pk", ("number", "summary"), "cases_text_fts", short=False),
    Text(Party, "case_id", ("name",), "cases_party_fts", short=True),
    Text(Product, "case_id", ("name",), "cases_product_fts", short=True),
)

# Registered records found by the registry's own search: (model, search function, link to the case, field).
REGISTERED = (
    (MarketEntity, registry_search.entities, Party, "entity"),
    (Person, registry_search.persons, Party, "person"),
    (IPRight, registry_search.rights, CaseRight, "right"),
)


def search(queryset: QuerySet, q: str | None) -> QuerySet:
    q = normalize(q)
    if not q:
        return queryset
    return queryset.filter(pk__in=matching_ids(q, queryset.db))


def matching_ids(q: str, using: str = "default") -> QuerySet:
    """The ids of every case that matches `q` (normalized, not empty), as one subquery."""
    connection = connections[using]
    sources = [_rows(connection, text, q).values(text.case_field) for text in TEXTS if len(q) >= SHORT or text.short]
    for model, find, link, field in REGISTERED:
        ids = _standalone(find(model.objects.all(), q))
        if ids is not None:
            sources.append(link.objects.filter(**{f"{field}__in": ids}).values("case_id"))
    first, *rest = (source.order_by() for source in sources)
    return first.union(*rest)


def _standalone(qs: QuerySet) -> RawSQL | None:
    """The ids of a registry search as SQL of its own (its PostgreSQL conditions name their
    table, which Django would rename inside a subquery); None when it can match nothing."""
    try:
        sql, params = qs.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return None
    return RawSQL(sql, params)


def _rows(connection, text: Text, q: str) -> QuerySet:
    """The rows of `text.model` whose columns hold `q`, found through the text's index."""
    rows = text.model.objects.all()
    like = Q()
    for column in text.columns:
        like |= Q(**{f"{column}__icontains": q})
    if connection.vendor == "postgresql":
        return _postgres_short(rows, text, q).filter(like) if len(q) < SHORT else rows.filter(like)
    if connection.vendor == "sqlite":
        expression = registry_search.fts_expression(connection, text.fts, q)
        if expression is not None:
            return rows.filter(pk__in=RawSQL(f'SELECT rowid FROM "{text.fts}" WHERE "{text.fts}" MATCH %s',
                                             [expression]))
    return rows.filter(like)  # a 1–2 character part that starts too many trigrams, or another database


def _postgres_short(rows: QuerySet, text: Text, q: str) -> QuerySet:
    """A 1–2 character part: the text holds that character, or that 2-character piece; the
    expressions are those of the GIN indexes of migration 0003, whose statistics tell the
    planner how common the part is."""
    from django.contrib.postgres.fields import ArrayField

    lowered = Lower(text.columns[0])
    if len(q) == 1:
        pieces = Func(lowered, Value(None), function="string_to_array", output_field=ArrayField(TextField()))
    else:
        pieces = Func(lowered, function="registry_bigrams", output_field=ArrayField(TextField()))
    return rows.alias(pieces=pieces).filter(pieces__contains=[q.lower()])
