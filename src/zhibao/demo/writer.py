"""Batched inserts with progress, and a record of what was created.

No signals fire for these rows, so django-auditlog writes no entry per row (demo loading
is not a user's edit); the loader writes one summary entry instead.

Two ways in:
- `save(model, objs)`: `bulk_create`, for the reference rows (a few hundred).
- `insert(model, rows)`: the generated rows (hundreds of thousands), given as dicts of
  field values. It issues the same multi-row `INSERT … RETURNING id` as `bulk_create`, with
  each column's value adapted the way the field would (dates, decimals, defaults,
  auto_now timestamps), but without building a model instance and compiling every field of
  every row, which costs bulk_create ~90 µs per row here; at city scale that halves the load.
"""
import sqlite3
import time
from collections import Counter
from contextlib import contextmanager

from django.db import connection, models
from django.utils import timezone


class Writer:
    def __init__(self, say, batch_size: int = 5000):
        self.say = say
        self.batch_size = batch_size
        self.counts: Counter = Counter()
        self.created: dict[str, dict] = {}
        self.started = time.monotonic()
        self.tables: dict = {}

    def save(self, model: type[models.Model], objs: list) -> list:
        """Insert model instances with bulk_create; their primary keys are set on return."""
        if not objs:
            return objs
        created = model._default_manager.bulk_create(objs, batch_size=self.batch_size)
        self._track(model, [obj.pk for obj in created])
        return created

    def insert(self, model: type[models.Model], rows: list[dict]) -> list:
        """Insert rows given as {attname: value}; returns their primary keys, in order."""
        if not rows:
            return []
        table = self.tables.get(model)
        if table is None:
            table = self.tables[model] = _Table(model)
        pks = table.insert(rows, self.batch_size)
        self._track(model, pks)
        return pks

    def record(self, model: type[models.Model], pks: list) -> None:
        """Rows created some other way (a few, e.g. user accounts)."""
        label = model._meta.label
        self.counts[label] += len(pks)
        self.created.setdefault(label, {"pks": []})["pks"].extend(pks)

    def _track(self, model, pks: list) -> None:
        label = model._meta.label
        self.counts[label] += len(pks)
        if isinstance(model._meta.pk, models.AutoField | models.BigAutoField):
            lo, hi = min(pks), max(pks)
            span = self.created.get(label)
            if span is None:
                self.created[label] = {"min": lo, "max": hi}
            else:
                span["min"], span["max"] = min(span["min"], lo), max(span["max"], hi)
        else:
            self.created.setdefault(label, {"pks": []})["pks"].extend(pks)

    def elapsed(self) -> float:
        return time.monotonic() - self.started


class _Table:
    """Columns, value adapters and defaults of one model, worked out once."""

    def __init__(self, model):
        opts = model._meta
        self.model = model
        self.pk = opts.pk
        self.fields = [f for f in opts.concrete_fields if f is not opts.pk]
        ops = connection.ops
        self.adapters, self.defaults, self.stamps, self.callables = [], [], [], []
        for index, field in enumerate(self.fields):
            adapt = None
            if isinstance(field, models.DateTimeField):
                adapt = ops.adapt_datetimefield_value
            elif isinstance(field, models.DateField):
                adapt = ops.adapt_datefield_value
            elif isinstance(field, models.DecimalField):
                adapt = (lambda f: lambda v: ops.adapt_decimalfield_value(v, f.max_digits, f.decimal_places))(field)
            elif not isinstance(field, (models.CharField, models.TextField, models.IntegerField, models.BooleanField,
                                        models.ForeignKey)):
                adapt = (lambda f: lambda v: f.get_db_prep_save(v, connection))(field)
            self.adapters.append(adapt)
            self.defaults.append(field.get_default())
            if field.has_default() and callable(field.default):
                self.callables.append((index, field.attname, field.get_default))
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.stamps.append(index)
        self.attnames = [f.attname for f in self.fields]
        quote = ops.quote_name
        self.head = f"INSERT INTO {quote(opts.db_table)} ({', '.join(quote(f.column) for f in self.fields)}) "
        self.tail = f" RETURNING {quote(self.pk.column)}"
        self.row = "(" + ", ".join(["%s"] * len(self.fields)) + ")"
        # PostgreSQL: one array per column through UNNEST (as Django's bulk_create does there);
        # elsewhere: multi-row VALUES within the database's parameter limit.
        self.unnest = connection.vendor == "postgresql"
        if self.unnest:
            types = [f.db_type(connection).split("(")[0] for f in self.fields]
            self.head += "SELECT * FROM UNNEST(" + ", ".join(f"(%s)::{t}[]" for t in types) + ")"
        self.per_statement = max(1, _max_params() // len(self.fields))

    def values(self, row: dict, now) -> list:
        values = [row.get(name, default) for name, default in zip(self.attnames, self.defaults)]
        for index, name, default in self.callables:
            if name not in row:
                values[index] = default()
        for index in self.stamps:
            values[index] = now
        for index, adapt in enumerate(self.adapters):
            if adapt is not None and values[index] is not None:
                values[index] = adapt(values[index])
        return values

    def insert(self, rows: list[dict], batch_size: int) -> list:
        if not connection.features.can_return_rows_from_bulk_insert:  # old SQLite: let Django do it
            objs = self.model._default_manager.bulk_create([self.model(**row) for row in rows], batch_size=batch_size)
            return [obj.pk for obj in objs]
        now = timezone.now() if self.stamps else None
        pks = []
        with connection.cursor() as cursor:
            if self.unnest:
                for start in range(0, len(rows), batch_size):
                    values = [self.values(row, now) for row in rows[start:start + batch_size]]
                    cursor.execute(self.head + self.tail, [list(column) for column in zip(*values)])
                    pks.extend(r[0] for r in cursor.fetchall())
                return pks
            step = min(batch_size, self.per_statement)
            for start in range(0, len(rows), step):
                chunk = rows[start:start + step]
                params = []
                for row in chunk:
                    params.extend(self.values(row, now))
                cursor.execute(self.head + "VALUES " + ", ".join([self.row] * len(chunk)) + self.tail, params)
                pks.extend(r[0] for r in cursor.fetchall())
        return pks


def _max_params() -> int:
    """Parameters one statement may carry: SQLite's compiled limit, PostgreSQL's 65,535."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        try:
            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except AttributeError:  # Python < 3.11
            return connection.features.max_query_params
    return 65_535


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
