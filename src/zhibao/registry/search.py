"""Free-text search over the registries: any part of a Chinese name, or a code or number.

One function per record type, used by the list pages and the API alike.
"""
import re

from django.db.models import Q, QuerySet

MAX_QUERY = 100
_CODE = re.compile(r"^[0-9A-Za-z.\-]+$")


def normalize(q: str | None) -> str:
    return re.sub(r"\s+", " ", (q or "").strip())[:MAX_QUERY]


def entities(qs: QuerySet, q: str) -> QuerySet:
    q = normalize(q)
    if not q:
        return qs
    if _CODE.match(q):
        code = q.upper()
        if len(code) == 18:
            return qs.filter(uscc=code)
        return qs.filter(Q(uscc__startswith=code) | Q(name__icontains=q))
    return qs.filter(name__contains=q)


def rights(qs: QuerySet, q: str) -> QuerySet:
    q = normalize(q)
    if not q:
        return qs
    if _CODE.match(q):
        number = q.upper().removeprefix("ZL").removeprefix("CN")
        return qs.filter(Q(number__contains=number) | Q(title__icontains=q))
    return qs.filter(title__contains=q)


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
    return qs.filter(name__contains=q)


def organizations(qs: QuerySet, q: str) -> QuerySet:
    q = normalize(q)
    if not q:
        return qs
    return qs.filter(Q(name__contains=q) | Q(short_name__contains=q) | Q(uscc=q.upper()))
