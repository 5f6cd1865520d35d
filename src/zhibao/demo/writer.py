"""Batched inserts with progress, and a record of what was created.

Rows are written with `bulk_create`: no signals fire, so django-auditlog writes no entry per
row (demo loading is not a user's edit); the loader writes one summary entry instead.
"""
import time
from collections import Counter
from contextlib import contextmanager

from django.db import connection, models


class Writer:
    def __init__(self, say, batch_size: int = 5000):
        self.say = say
        self.batch_size = batch_size
        self.counts: Counter = Counter()
        self.created: dict[str, dict] = {}
        self.started = time.monotonic()

    def save(self, model: type[models.Model], objs: list) -> list:
        """Insert `objs` in batches; their primary keys are set on return."""
        if not objs:
            return objs
        created = model._default_manager.bulk_create(objs, batch_size=self.batch_size)
        label = model._meta.label
        self.counts[label] += len(created)
        if isinstance(model._meta.pk, models.AutoField | models.BigAutoField):
            pks = [obj.pk for obj in created]
            lo, hi = min(pks), max(pks)
            span = self.created.get(label)
            if span is None:
                self.created[label] = {"min": lo, "max": hi}
            else:
                span["min"], span["max"] = min(span["min"], lo), max(span["max"], hi)
        else:
            self.created.setdefault(label, {"pks": []})["pks"].extend(obj.pk for obj in created)
        return created

    def record(self, model: type[models.Model], pks: list) -> None:
        """Rows created some other way (a few, e.g. user accounts)."""
        label = model._meta.label
        self.counts[label] += len(pks)
        self.created.setdefault(label, {"pks": []})["pks"].extend(pks)

    def elapsed(self) -> float:
        return time.monotonic() - self.started


class Progress:
    """Prints `stage: done / total (rate)` every `every` rows and at the end."""

    def __init__(self, say, label: str, total: int, every: int = 50_000):
        self.say, self.label, self.total, self.every = say, label, total, every
        self.done = 0
        self.next_report = every
        self.started = time.monotonic()

    def advance(self, n: int) -> None:
        self.done += n
        if self.done >= self.next_report and self.done < self.total:
            self._report()
            while self.next_report <= self.done:
                self.next_report += self.every

    def finish(self) -> None:
        self._report()

    def _report(self) -> None:
        seconds = max(time.monotonic() - self.started, 1e-6)
        self.say(f"  {self.label}: {self.done:,} / {self.total:,}  ({self.done / seconds:,.0f}/s)")


@contextmanager
def without_query_log():
    """Use plain cursors while loading, even with DEBUG on.

    With DEBUG, Django renders every query with its parameters into `connection.queries`
    (on SQLite by running one more query to quote them); for inserts of thousands of rows
    that costs more CPU and memory than the insert itself."""
    connection.make_debug_cursor = connection.make_cursor
    try:
        yield
    finally:
        del connection.make_debug_cursor
