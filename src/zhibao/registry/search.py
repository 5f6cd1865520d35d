"""Free-text search over the registries: any part of a Chinese name, or a code or number.

One function per record type, used by the list pages and the API alike. Each takes a
queryset (already in the caller's scope) and the text typed, and returns the queryset
narrowed to the matches; ordering, counting and paging stay with the caller.

How a name part is found fast at city scale (300,000 entities, 400,000+ rights) is in
docs/search.md:
- PostgreSQL: `UPPER(name) LIKE UPPER('%part%')`, which pg_trgm GIN indexes (migration
  0003) answer for parts of 3 characters or more; a part of 1 character adds "the name
  holds this character" (a GIN index on its characters, 0004), a part of 2 characters
  "the name holds this 2-character piece" (a GIN index on its pieces, 0005).
- SQLite: a trigram FTS5 index kept by triggers (migration 0003). Parts of 3 characters
  or more are phrase queries; parts of 1 or 2 characters are looked up in the index's
  vocabulary (every trigram that starts with them). When a part matches more than
  `DENSE` records, finding them all costs more than scanning for the first page, so the
  search falls back to LIKE, which the list page pairs with a capped count.
"""
import re

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from .codes import clean_patent_number

MAX_QUERY = 100
DENSE = 5000  # SQLite: beyond this many index matches, LIKE is cheaper than listing them all
MAX_PREFIX_TERMS = 300  # SQLite: a 1–2 character part that starts more trigrams than this scans

USCC_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
_CODE = re.compile(r"^[0-9A-Za-z.\-]+$")
# The FTS index pads names with U+E000 (private use); control characters (NUL above all)
# have no place in a name and PostgreSQL refuses NUL in text.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\x00-\x1f\x7f]")
_SPACES = re.compile(r"\s+")

# SQLite FTS5 tables of migration 0003: table -> indexed columns.
ENTITY_FTS = "registry_entity_fts"
RIGHT_FTS = "registry_right_fts"
PAD = "\ue000\ue000"


def normalize(q: str | None) -> str:
    text = _PRIVATE_USE.sub("", _SPACES.sub(" ", q or ""))
    return text.strip()[:MAX_QUERY]


def entities(qs: QuerySet, q: str) -> QuerySet:
    """By any part of the name, by a whole USCC, or by the first characters of one."""
    q = normalize(q)
    if not q:
        return qs
    compact = re.sub(r"[\s\-]", "", q).upper()
    if USCC_SHAPE.match(compact):
        return qs.filter(uscc=compact)
    if _CODE.match(compact) and any(c.isdigit() for c in compact) and len(compact) >= 4:
        # The start of a code, or letters and digits in a name.
        return qs.filter(_prefix("uscc", compact) | _contains(qs, "name", q))
    return qs.filter(_contains(qs, "name", q))


def rights(qs: QuerySet, q: str) -> QuerySet:
    """By any part of the title or the number; a whole patent number in any usual writing
    (ZL201810123456.7, 201810123456.7, CN 2018 1 0123456.7) finds that patent."""
    q = normalize(q)
    if not q:
        return qs
    compact = re.sub(r"[\s\-]", "", q).upper()
    if _CODE.match(compact):
        try:
            number = clean_patent_number(compact, "")
        except ValidationError:  # not a whole patent number: search it as text
            number = None
        if number:
            return qs.filter(number=number)
        if compact.isdigit() and len(compact) >= 5:
            # Trademark registration numbers: a whole number, or part of one.
            return qs.filter(Q(number=compact) | _contains(qs, "number", compact, also="title"))
    return qs.filter(_contains(qs, "title", q, also="number"))


def persons(qs: QuerySet, q: str) -> QuerySet:
    """By name part, or by a full ID number or phone (partial numbers are not searchable)."""
    q = normalize(q)
    if not q:
        return qs
    compact = q.replace(" ", "").upper()
    if re.fullmatch(r"\d{17}[\dX]", compact):
        return qs.filter(id_number=compact)
    if re.fullmatch(r"[\d+\-]{7,20}", compact):
        return qs.filter(phone=compact)
    return qs.filter(name__icontains=q)


def organizations(qs: QuerySet, q: str) -> QuerySet:
    q = normalize(q)
    if not q:
        return qs
    return qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(uscc=q.upper()))


# -- helpers ---------------------------------------------------------------------------------

def _prefix(field: str, start: str) -> Q:
    """`field` starts with `start` (ASCII), as an index range: LIKE 'x%' uses no index on
    SQLite, nor on PostgreSQL with a collation other than C."""
    end = start[:-1] + chr(ord(start[-1]) + 1)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _contains(qs: QuerySet, field: str, q: str, also: str | None = None) -> Q:
    """`field` (or `also`) contains `q`, ignoring the case of Latin letters."""
    like = Q(**{f"{field}__icontains": q})
    if also:
        like |= Q(**{f"{also}__icontains": q})
    connection = connections[qs.db]
    if connection.vendor == "postgresql":
        return _postgres_contains(qs, field, q, like)
    if connection.vendor != "sqlite":
        return like
    table = {"registry_marketentity": ENTITY_FTS, "registry_ipright": RIGHT_FTS}.get(qs.model._meta.db_table)
    if table is None:
        return like
    expression = fts_expression(connection, table, q)
    if expression is None:
        return like
    ids = fts_ids(connection, table, expression)
    if ids is None:
        return like
    if not ids:
        return Q(pk__in=[])  # no match: Django answers without asking the database
    # A subquery rather than the ids themselves: SQLite looks each one up by rowid, and the
    # SQL stays short however many thousands match.
    return Q(pk__in=RawSQL(f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s', [expression]))


# Columns with GIN indexes on their characters (migration 0004) and 2-character pieces (0005).
_PIECE_INDEXED = {("registry_marketentity", "name"), ("registry_ipright", "title")}


def _postgres_contains(qs: QuerySet, field: str, q: str, like: Q) -> Q:
    """Parts of 3 characters or more: the trigram indexes answer `like`. A 1-character part:
    the name must hold that character; a 2-character part: that piece (the character and
    piece indexes answer, and their statistics tell the planner how common the part is).
    (A 1–2 character part of a number is not looked for in the number.)"""
    table = qs.model._meta.db_table
    if len(q) >= 3 or (table, field) not in _PIECE_INDEXED:
        return like
    column = f'lower("{table}"."{field}")'
    if len(q) == 1:
        sql = f"string_to_array({column}, NULL) @> ARRAY[lower(%s)]"
    else:
        sql = f"registry_bigrams({column}) @> ARRAY[lower(%s)]"
    holds = RawSQL(sql, [q], output_field=BooleanField())
    return Q(holds) & Q(**{f"{field}__icontains": q})


def fts_expression(connection, table: str, q: str) -> str | None:
    """The FTS5 query that finds `q` anywhere in the indexed text; None when the index
    cannot answer it (no index, or a 1–2 character part that starts too many trigrams)."""
    if len(q) >= 3:
        return _phrase(q)
    terms = _prefix_terms(connection, table, q)
    if terms is None:
        return None
    # No trigram starts with the part: an expression that matches nothing.
    return " OR ".join(_phrase(term) for term in terms) if terms else _phrase(PAD + PAD)


def fts_ids(connection, table: str, expression: str) -> list[int] | None:
    """Row ids that the FTS5 expression matches; None when they are more than DENSE (or
    there is no index), when scanning for the first page is cheaper than listing them."""
    with connection.cursor() as cursor:
        if not _has_table(cursor, table):
            return None
        cursor.execute(f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s LIMIT %s', [expression, DENSE + 1])
        ids = [row[0] for row in cursor.fetchall()]
    return None if len(ids) > DENSE else ids


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _prefix_terms(connection, table: str, q: str) -> list[str] | None:
    """The index's trigrams that start with a 1–2 character part (names are padded at the
    end, so every occurrence of the part starts one)."""
    start = q.lower()  # the trigram tokenizer folds case
    with connection.cursor() as cursor:
        if not _has_table(cursor, f"{table}_vocab"):
            return None
        cursor.execute(f'SELECT term FROM "{table}_vocab" WHERE term >= %s AND term < %s LIMIT %s',
                       [start, start + "\U0010ffff", MAX_PREFIX_TERMS + 1])
        terms = [row[0] for row in cursor.fetchall()]
    return None if len(terms) > MAX_PREFIX_TERMS else terms


def _has_table(cursor, name: str) -> bool:
    cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [name])
    return cursor.fetchone() is not None
