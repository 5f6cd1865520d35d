"""Keyset ("older / newer") paging for logs that grow to millions of rows.

A page is found by the (time, id) of the row next to it, with an index on (time, id),
so that every page costs the same whatever its depth; the count is capped, so that no
page counts millions of rows. Ordering is newest first.
"""
from dataclasses import dataclass
from datetime import datetime, timezone

from django.db.models import Q, QuerySet

COUNT_CAP = 10_000


@dataclass
class KeysetPage:
    object_list: list
    has_newer: bool
    has_older: bool
    newer_cursor: str | None
    older_cursor: str | None
    count: int
    count_capped: bool
    cursor_invalid: bool = False


def encode(timestamp: datetime, pk: int) -> str:
    # Exact microseconds from the datetime's fields (float seconds would lose precision).
    stamp = timestamp.astimezone(timezone.utc)
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    delta = stamp - epoch
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return f"{micros}_{pk}"


def decode(cursor: str) -> tuple[datetime, int] | None:
    """The (time, id) of a cursor, or None if it is not one (cursors come from the URL)."""
    if not cursor or len(cursor) > 40:
        return None
    micros, sep, pk = cursor.partition("_")
    if not sep or not micros.lstrip("-").isdigit() or not pk.isdigit():
        return None
    try:
        seconds, rest = divmod(int(micros), 1_000_000)
        stamp = datetime.fromtimestamp(seconds, tz=timezone.utc).replace(microsecond=rest)
    except (OverflowError, OSError, ValueError):
        return None
    return stamp, int(pk)


def paginate(qs: QuerySet, field: str, per_page: int, older: str | None = None, newer: str | None = None,
             count_cap: int = COUNT_CAP) -> KeysetPage:
    """One page of `qs`, newest first by (`field`, pk). `older`/`newer` are cursors from a previous page."""
    invalid = False
    direction, cursor = None, None
    if older:
        cursor, direction = decode(older), "older"
    elif newer:
        cursor, direction = decode(newer), "newer"
    if direction and cursor is None:
        invalid, direction = True, None

    if direction == "older":
        stamp, pk = cursor
        # The first condition alone is what the index can seek to; the second breaks ties.
        rows = list(qs.filter(**{f"{field}__lte": stamp}).filter(Q(**{f"{field}__lt": stamp}) | Q(pk__lt=pk))
                    .order_by(f"-{field}", "-pk")[:per_page + 1])
        has_older, has_newer = len(rows) > per_page, True
        rows = rows[:per_page]
    elif direction == "newer":
        stamp, pk = cursor
        rows = list(qs.filter(**{f"{field}__gte": stamp}).filter(Q(**{f"{field}__gt": stamp}) | Q(pk__gt=pk))
                    .order_by(field, "pk")[:per_page + 1])
        has_newer, has_older = len(rows) > per_page, True
        rows = rows[:per_page][::-1]
        if not has_newer:
            # Back at the newest page: show it whole, as the first page shows it.
            return paginate(qs, field, per_page, count_cap=count_cap)
    else:
        rows = list(qs.order_by(f"-{field}", "-pk")[:per_page + 1])
        has_older, has_newer = len(rows) > per_page, False
        rows = rows[:per_page]

    count = qs.order_by()[:count_cap + 1].count()
    return KeysetPage(
        object_list=rows,
        has_newer=has_newer and bool(rows),
        has_older=has_older and bool(rows),
        newer_cursor=encode(getattr(rows[0], field), rows[0].pk) if rows else None,
        older_cursor=encode(getattr(rows[-1], field), rows[-1].pk) if rows else None,
        count=min(count, count_cap),
        count_capped=count > count_cap,
        cursor_invalid=invalid,
    )
