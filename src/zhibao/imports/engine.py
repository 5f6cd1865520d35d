"""The importer: check every row of a file, say what would change, then write all rows or none.

    from zhibao.imports import engine
    result = engine.run("entities.csv", "entities", user, dry_run=True)

`run` is what the import job calls and what a benchmark can time. It works in two phases:

1. check: rows are streamed from the file in batches of BATCH; each row's cells are
   parsed (columns.py) and the record it would produce is validated with the model's
   full_clean — the rules forms and the API use. Existing records, districts, holders are
   looked up once per batch, never per row. A key (USCC; kind + number for rights) that is
   already stored means "update"; the same key twice in the file is an error on both rows.
   The records to write are staged, ready to insert, in a temporary file.
2. write (not in a dry run, and only if no row is faulty): one transaction inserts and
   updates the staged records in batches, writes an audit entry for each, and is rolled
   back as a whole on cancel, on error, or if a record changed meanwhile.

The result is a JSON-able dict: counts, the first created and changed rows (with the changed
fields before → after), and the faulty rows with row number, column and reason.
"""
from __future__ import annotations

import pickle
import tempfile
import time
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models
from django.utils import timezone
from django.utils.translation import gettext as _

from zhibao.accounts.roles import Perm, Role, Scope
from zhibao.accounts.scope import visible
from zhibao.core import request_id
from zhibao.core.jobs import NullProgress
from zhibao.registry import codes
from zhibao.registry.models import DevelopmentZone, District, IPRight, MarketEntity, Organization, RightHolder

from . import bulk, columns
from .columns import ENTITIES, RIGHTS, ChoiceLookup, Column, cell_text
from .reader import Refused, max_rows, open_table, sentences

BATCH = 2000  # rows checked, looked up and written together
SAMPLE = 100  # created and changed rows kept for the result page
MAX_ERRORS = 1000  # faulty cells kept for the result page (all are counted)


class Rejected(Exception):
    """Faulty rows (or a change made meanwhile) stopped a real import; nothing was written."""

    def __init__(self, message, result: dict):
        super().__init__(str(message))
        self.message = str(message)
        self.result = result


def run(source: str | BinaryIO, record_type: str, user, dry_run: bool = True, progress=None,
        remote_addr: str | None = None) -> dict:
    """Check (and unless dry_run, write) a file. Raises Refused (the file) or Rejected (the rows)."""
    if record_type not in IMPORTERS:
        raise Refused(_("Choose what the file holds: market entities or IP rights."))
    if user is not None and not user.has_perm(Perm.REGISTRY_IMPORT):
        raise Refused(_("You are not allowed to import records."))
    progress = progress or NullProgress()
    fh = open(source, "rb") if isinstance(source, str) else source
    try:
        progress.phase("read")
        table = open_table(fh)
        try:
            importer = IMPORTERS[record_type](user, table, remote_addr=remote_addr)
            return importer.run(dry_run, progress)
        finally:
            table.close()
    finally:
        if isinstance(source, str):
            fh.close()


def inspect(source: BinaryIO, record_type: str) -> dict:
    """Check a file's type, encoding and headers only (what the upload page does at once)."""
    if record_type not in IMPORTERS:
        raise Refused(_("Choose what the file holds: market entities or IP rights."))
    table = open_table(source)
    try:
        mapping = map_header(record_type, table.header)
        first = next(iter(table.rows), None)
        if first is None:
            raise Refused(_("The file has column headers but no rows of data."))
        return {"format": table.format, "encoding": table.encoding, "estimated_rows": table.estimated_rows,
                "columns": [c.key for c in mapping if c]}
    finally:
        table.close()
        source.seek(0)


def map_header(record_type: str, header: list) -> list[Column | None]:
    """The column for each header cell (None for blank headers), or Refused naming what is wrong."""
    index = columns.header_index(record_type)
    mapping: list[Column | None] = []
    unknown, seen, twice = [], {}, []
    for cell in header:
        text = cell_text(cell)
        if not text:
            mapping.append(None)
            continue
        col = index.get(columns.normalize_header(text))
        if col is None:
            unknown.append(text)
            mapping.append(None)
        elif col.key in seen:
            twice.append(f"{seen[col.key]} / {text}")
            mapping.append(None)
        else:
            seen[col.key] = text
            mapping.append(col)
    missing = [c for c in columns.COLUMNS[record_type] if c.required and c.key not in seen]
    problems = []
    if missing:
        problems.append(_("Required columns are missing: %(names)s.") % {
            "names": "、".join(f"{c.zh} ({c.key})" for c in missing)})
    if unknown:
        problems.append(_("Unknown columns: %(names)s.") % {"names": "、".join(u[:40] for u in unknown[:20])})
    if twice:
        problems.append(_("Columns given twice: %(names)s.") % {"names": "、".join(twice)})
    if problems:
        accepted = "、".join(f"{c.zh} ({c.key})" for c in columns.COLUMNS[record_type])
        problems.append(_("The columns of this record type are: %(names)s. Download the template to see them.")
                        % {"names": accepted})
        raise Refused(sentences(*problems))
    return mapping


# -- bookkeeping ------------------------------------------------------------------------------

PENDING, CREATE, UPDATE, UNCHANGED, ERROR = range(5)


@dataclass
class Problem:
    row: int
    column: str
    value: str
    message: str


class Plan:
    """What the check found: counts, samples, errors, and the outcome of each row."""

    def __init__(self):
        self.rows = 0
        self.counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0, ERROR: 0}
        self.outcome = bytearray()
        self.errors: list[Problem] = []
        self.error_count = 0
        self.creates: list[dict] = []
        self.updates: list[dict] = []
        self.first_row: dict[str, int] = {}
        self.repeated: set[str] = set()

    def _set(self, row: int, outcome: int) -> None:
        if len(self.outcome) <= row:
            self.outcome.extend(bytes(row - len(self.outcome) + 4096))
        previous = self.outcome[row]
        if previous != PENDING:
            self.counts[previous] -= 1
        self.outcome[row] = outcome
        self.counts[outcome] += 1

    def fail(self, row: int, problems: list[Problem]) -> None:
        previous = self.outcome[row] if len(self.outcome) > row else PENDING
        if previous == CREATE:
            self.creates = [c for c in self.creates if c["row"] != row]
        elif previous == UPDATE:
            self.updates = [u for u in self.updates if u["row"] != row]
        self._set(row, ERROR)
        for problem in problems:
            self.error_count += 1
            if len(self.errors) < MAX_ERRORS:
                self.errors.append(problem)

    def create(self, row: int, key: str, label: str) -> None:
        self._set(row, CREATE)
        if len(self.creates) < SAMPLE:
            self.creates.append({"row": row, "key": key, "label": label})

    def update(self, row: int, key: str, label: str, changes: list) -> None:
        self._set(row, UPDATE)
        if len(self.updates) < SAMPLE:
            self.updates.append({"row": row, "key": key, "label": label, "changes": changes})

    def unchanged(self, row: int) -> None:
        self._set(row, UNCHANGED)

    def as_dict(self, **extra) -> dict:
        errors = sorted(self.errors, key=lambda p: p.row)
        return {
            "rows": self.rows,
            "created": self.counts[CREATE],
            "updated": self.counts[UPDATE],
            "unchanged": self.counts[UNCHANGED],
            "faulty": self.counts[ERROR],
            "error_count": self.error_count,
            "errors": [[p.row, p.column, p.value, p.message] for p in errors],
            "creates": self.creates,
            "updates": self.updates,
            **extra,
        }


class Stage:
    """Checked records waiting for the write phase, pickled batch by batch in a temporary file."""

    def __init__(self):
        self.file = tempfile.TemporaryFile(prefix="zhibao-import-")
        self.batches = 0

    def put(self, creates: list, updates: list) -> None:
        if creates or updates:
            pickle.dump((creates, updates), self.file, protocol=pickle.HIGHEST_PROTOCOL)
            self.batches += 1

    def __iter__(self):
        self.file.seek(0)
        for _i in range(self.batches):
            yield pickle.load(self.file)  # noqa: S301  (our own file, written above)

    def close(self):
        self.file.close()


class References:
    """Districts, development zones and organizations by name or code, loaded once."""

    def __init__(self):
        self.districts: dict[str, str] = {}
        self.names: dict[str, dict] = {"district_id": {}, "zone_id": {}, "org_id": {}}
        short: dict[str, list[str]] = {}
        for code, name in District.objects.values_list("code", "name"):
            self.names["district_id"][code] = name
            self.districts[code] = code
            self.districts[name] = code
            if len(name) > 2 and name[-1] in "区县市":
                short.setdefault(name[:-1], []).append(code)
        for name, found in short.items():
            if len(found) == 1:
                self.districts.setdefault(name, found[0])
        self.zones: dict[str, int] = {}
        for pk, name, short_name in DevelopmentZone.objects.values_list("pk", "name", "short_name"):
            self.names["zone_id"][pk] = name
            self.zones[name] = pk
            if short_name:
                self.zones.setdefault(short_name, pk)
        self.orgs: dict[str, int] = {}
        for pk, name, short_name in Organization.objects.values_list("pk", "name", "short_name"):
            self.names["org_id"][pk] = name
            self.orgs[name] = pk
            if short_name:
                self.orgs.setdefault(short_name, pk)

    def district(self, value) -> str:
        text = cell_text(value)
        code = self.districts.get(text)
        if code is None:
            raise ValidationError(_("There is no district “%(value)s”; give its name (雁塔区) or its six-digit "
                                    "division code (610113).") % {"value": text[:40]})
        return code

    def zone(self, value) -> int:
        text = cell_text(value)
        if text not in self.zones:
            raise ValidationError(_("There is no development zone “%(value)s” in the registry.") % {"value": text[:60]})
        return self.zones[text]

    def organization(self, value) -> int:
        text = cell_text(value)
        if text not in self.orgs:
            raise ValidationError(_("There is no organization “%(value)s” in the registry.") % {"value": text[:60]})
        return self.orgs[text]


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip(" \t\r\n\u3000\u00a0"))


def _shown(value) -> str:
    text = cell_text(value)
    return text if len(text) <= 100 else text[:100] + "…"


# -- the importers -------------------------------------------------------------------------------

class Importer:
    """What both record types share: reading rows, parsing cells, planning, the write phase."""

    record_type = ""
    model: type[models.Model] = MarketEntity
    fk_fields: tuple[str, ...] = ()  # validated by look-ups, not by full_clean (one query per row)

    def __init__(self, user, table, remote_addr=None):
        self.user = user
        self.table = table
        self.remote_addr = remote_addr
        self.mapping = map_header(self.record_type, table.header)
        self.present = {c.key: c for c in self.mapping if c}
        self.header_of = {c.key: table.header[i] for i, c in enumerate(self.mapping) if c}
        self.column_of_field = {}
        for col in self.present.values():
            if col.field:
                self.column_of_field[col.field] = col
                self.column_of_field[col.field.removesuffix("_id")] = col
        self.refs = References()
        self.choice = {c.key: ChoiceLookup(c.choices, c.synonyms) for c in self.present.values() if c.parser == "choice"}
        self.industry = columns.industry_lookup()
        self.plan = Plan()
        self.seconds: dict[str, float] = {}
        self.city_wide = user is None or user.is_superuser or getattr(user, "scope", None) == Scope.CITY
        self.default_org = getattr(user, "organization_id", None)

    # reading
    def batches(self, progress):
        batch = []
        width = len(self.mapping)
        limit = max_rows()
        for number, cells in self.table.rows:
            if all(_blank(c) for c in cells):
                continue
            self.plan.rows += 1
            if self.plan.rows > limit:
                raise Refused(_("The file has more than %(limit)s rows; split it into files of at most %(limit)s "
                                "rows.") % {"limit": f"{limit:,}"})
            values = {col.key: cells[i] if i < len(cells) else None for i, col in enumerate(self.mapping) if col}
            extra = len(cells) > width and any(not _blank(c) for c in cells[width:])
            batch.append((number, values, extra))
            if len(batch) >= BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    def label(self, key: str) -> str:
        return self.header_of.get(key) or key

    def problem(self, row, key, value, message) -> Problem:
        return Problem(row, self.label(key) if key else "", _shown(value), str(message))

    def parse(self, number, values, extra) -> tuple[dict, list[Problem]]:
        """Cells -> {attname: value} for non-blank cells, and the problems found."""
        fields, problems = {}, []
        if extra:
            problems.append(Problem(number, "", "", _("This row has more cells than the file has column headers.")))
        for key, raw in values.items():
            col = self.present[key]
            if _blank(raw):
                if col.required:
                    problems.append(self.problem(number, key, "", _("This column must have a value.")))
                continue
            if col.field is None:
                continue  # handled by the record type (holders)
            try:
                fields[col.field] = self.parse_cell(col, raw)
            except ValidationError as exc:
                problems.extend(self.problem(number, key, raw, m) for m in exc.messages)
        return fields, problems

    def parse_cell(self, col: Column, raw):
        if col.parser == "text":
            return cell_text(raw)
        if col.parser == "uscc":
            return columns.compact_uscc(raw)
        if col.parser == "date":
            return columns.parse_date(raw)
        if col.parser == "decimal":
            return columns.parse_decimal(raw)
        if col.parser == "choice":
            return self.choice[col.key](raw)
        if col.parser == "industry":
            return self.industry(raw)
        if col.parser == "district":
            return self.refs.district(raw)
        if col.parser == "zone":
            return self.refs.zone(raw)
        if col.parser == "organization":
            return self.refs.organization(raw)
        raise ValueError(col.parser)

    def validate(self, number, obj, values) -> list[Problem]:
        """The model's own rules (full_clean); foreign keys and uniqueness are checked in batches."""
        try:
            obj.full_clean(exclude=list(self.fk_fields), validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            out = []
            for field, messages in exc.message_dict.items():
                col = self.column_of_field.get(field)
                if col is None:
                    name = "" if field == NON_FIELD_ERRORS else str(self.model._meta.get_field(field).verbose_name)
                    out.extend(Problem(number, name, "", str(m)) for m in messages)
                else:
                    out.extend(self.problem(number, col.key, values.get(col.key), m) for m in messages)
            return out
        return []

    def allowed_new(self, obj) -> bool:
        """May the user create this record (would it be inside their data scope)?"""
        if self.city_wide:
            return True
        user = self.user
        if user.role == Role.ENTERPRISE:
            return False
        if user.scope == Scope.DISTRICT:
            return obj.district_id is not None and obj.district_id == user.district_id
        return obj.org_id is not None and obj.org_id == user.organization_id

    def visible_ids(self, ids) -> set:
        if self.city_wide or not ids:
            return set(ids)
        return set(visible(self.model._default_manager.filter(pk__in=ids), self.user).values_list("pk", flat=True))

    def repeat(self, number, key, key_col, raw, what) -> Problem | None:
        """The same key a second time in the file: an error on this row and on the first."""
        first = self.plan.first_row.get(key)
        if first is None:
            self.plan.first_row[key] = number
            return None
        if key not in self.plan.repeated:
            self.plan.repeated.add(key)
            self.plan.fail(first, [self.problem(first, key_col, raw, _(
                "This %(what)s appears again in row %(row)s; a record may appear only once in a file.")
                % {"what": what, "row": number})])
        return self.problem(number, key_col, raw, _("This %(what)s already appears in row %(row)s.")
                            % {"what": what, "row": first})

    def diff(self, obj, old: dict, attnames) -> list:
        """[(column label, before, after)] for the attnames whose value differs from `old`."""
        out = []
        for attname in attnames:
            new = getattr(obj, attname)
            if new != old.get(attname):
                col = self.column_of_field.get(attname)
                out.append([self.label(col.key) if col else attname, self.display(attname, old.get(attname)),
                            self.display(attname, new)])
        return out

    def display(self, attname: str, value) -> str:
        """A stored value as the user knows it: choice labels and names rather than codes and ids."""
        if value is None or value == "":
            return ""
        if attname in self.refs.names:
            return str(self.refs.names[attname].get(value, value))
        field = self.model._meta.get_field(attname)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        return str(value)

    # running
    def run(self, dry_run: bool, progress) -> dict:
        started = time.monotonic()
        progress.phase("check", self.table.estimated_rows)
        stage = None if dry_run else Stage()
        try:
            for batch in self.batches(progress):
                self.check(batch, stage)
                progress.advance(len(batch))
                progress.check()
            self.seconds["check"] = round(time.monotonic() - started, 2)
            info = {"record_type": self.record_type, "dry_run": dry_run, "format": self.table.format,
                    "encoding": self.table.encoding, "columns": [self.label(k) for k in self.present]}
            if self.plan.rows == 0:
                raise Refused(_("The file has column headers but no rows of data."))
            if dry_run:
                return self.plan.as_dict(written=False, seconds=self.seconds, **info)
            if self.plan.counts[ERROR]:
                raise Rejected(_("Nothing was written: %(n)s of %(total)s rows have errors. Correct them and "
                                 "import the file again.") % {"n": self.plan.counts[ERROR], "total": self.plan.rows},
                               self.plan.as_dict(written=False, seconds=self.seconds, **info))
            to_write = self.plan.counts[CREATE] + self.plan.counts[UPDATE]
            if to_write:
                started = time.monotonic()
                progress.phase("write", to_write)
                audit = bulk.AuditWriter(self.user, request_id.current(), self.remote_addr)
                try:
                    with progress.atomic():
                        for creates, updates in stage:
                            self.write(creates, updates, audit)
                            audit.flush()
                            progress.advance(len(creates) + len(updates))
                            progress.check()
                except IntegrityError:
                    raise Rejected(_("Nothing was written: while the import was running, someone else saved a "
                                     "record with the same code. Run the import again."),
                                   self.plan.as_dict(written=False, seconds=self.seconds, **info)) from None
                except Changed:
                    raise Rejected(_("Nothing was written: while the import was running, someone else changed "
                                     "records that the file changes. Run the import again to see the current "
                                     "differences."), self.plan.as_dict(written=False, seconds=self.seconds,
                                                                        **info)) from None
                self.seconds["write"] = round(time.monotonic() - started, 2)
                info["audit_entries"] = audit.written
            return self.plan.as_dict(written=True, seconds=self.seconds, **info)
        finally:
            if stage is not None:
                stage.close()

    def check(self, batch, stage) -> None:
        raise NotImplementedError

    def write(self, creates, updates, audit) -> None:
        raise NotImplementedError


class Changed(Exception):
    """A record to update no longer has the version the check saw."""


# -- market entities ---------------------------------------------------------------------------

ENTITY_INSERT = ["name", "uscc", "kind", "status", "legal_representative", "district_id", "zone_id", "address",
                 "industry", "established", "registered_capital", "phone", "org_id", "version", "created", "updated"]


class EntityImporter(Importer):
    record_type = ENTITIES
    model = MarketEntity
    fk_fields = ("district", "zone", "org")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The fields the file sets (besides the key); an update writes these.
        self.set_fields = [c.field for c in self.present.values() if c.field and c.field != "uscc"]
        self.writer_insert = None  # made in write(): its timestamps are the audit's
        self.writer_update = bulk.Table(MarketEntity, self.set_fields)
        self.tracked = bulk.tracked_fields(MarketEntity)
        self.load = ["id", "version", "uscc", *[f for f in ENTITY_INSERT if f not in ("version", "created", "updated",
                                                                                     "uscc")]]

    def check(self, batch, stage) -> None:
        parsed = []
        for number, values, extra in batch:
            fields, problems = self.parse(number, values, extra)
            parsed.append((number, values, fields.pop("uscc", None), fields, problems))
        keys = [p[2] for p in parsed if p[2]]
        existing = {row["uscc"]: row for row in MarketEntity.objects.filter(uscc__in=keys).values(*self.load)}
        allowed = self.visible_ids([row["id"] for row in existing.values()])
        creates, updates = [], []
        for number, values, key, fields, problems in parsed:
            if key:
                repeated = self.repeat(number, key, "uscc", values.get("uscc"), _("unified social credit code"))
                if repeated:
                    problems.append(repeated)
            if problems:
                self.plan.fail(number, problems)
                continue
            old = existing.get(key)
            if old is None:
                obj = MarketEntity(uscc=key, **{"org_id": self.default_org, **fields})
                problems = self.validate(number, obj, values)
                if not problems and not self.allowed_new(obj):
                    problems = [self.problem(number, "district", values.get("district"), _(
                        "You may create records only inside your own data scope (your district or organization)."))]
                if problems:
                    self.plan.fail(number, problems)
                    continue
                self.plan.create(number, key, obj.name)
                if stage is not None:
                    creates.append((tuple(getattr(obj, a) for a in ENTITY_INSERT[:-3]), obj.name))
                continue
            if old["id"] not in allowed:
                self.plan.fail(number, [self.problem(number, "uscc", key, _(
                    "A record with this code exists outside your data scope; you may not change it."))])
                continue
            if all(old.get(a) == v for a, v in fields.items()):
                self.plan.unchanged(number)
                continue
            obj = MarketEntity(**old)
            for attname, value in fields.items():
                setattr(obj, attname, value)
            problems = self.validate(number, obj, values)
            if problems:
                self.plan.fail(number, problems)
                continue
            changes = self.diff(obj, old, self.set_fields)
            if not changes:
                self.plan.unchanged(number)
                continue
            self.plan.update(number, key, obj.name, changes)
            if stage is not None:
                audit = {MarketEntity._meta.get_field(a).name: [bulk.json_value(None, old.get(a)),
                                                                 bulk.json_value(None, getattr(obj, a))]
                         for a in self.set_fields if getattr(obj, a) != old.get(a)}
                updates.append((tuple(getattr(obj, a) for a in self.set_fields) + (old["id"], old["version"]),
                                audit, obj.name))
        if stage is not None:
            stage.put(creates, updates)

    def write(self, creates, updates, audit) -> None:
        now = audit.timestamp
        if creates:
            if self.writer_insert is None:
                self.writer_insert = bulk.Table(MarketEntity, ENTITY_INSERT[:-3],
                                                constants={"version": 1, "created": now, "updated": now})
            self.writer_insert.insert([values for values, _name in creates])
            ids = bulk.ids_by(MarketEntity, "uscc", [values[1] for values, _name in creates])
            for values, name in creates:
                pk = ids[values[1]]
                record = dict(zip(ENTITY_INSERT, values))
                record["id"] = pk
                record["version"] = 1
                audit.created(MarketEntity, pk, bulk.creation_changes(MarketEntity, record, self.tracked), name)
        if updates:
            matched = self.writer_update.update([values for values, _audit, _name in updates], now)
            if matched != len(updates):
                raise Changed
            for values, changes, name in updates:
                audit.updated(MarketEntity, values[-2], changes, name)


# -- IP rights ---------------------------------------------------------------------------------

RIGHT_INSERT = ["kind", "number", "title", "status", "application_date", "grant_date", "expiry_date", "ipc_classes",
                "nice_classes", "gi_regime", "protected_area", "description", "district_id", "org_id", "version",
                "created", "updated"]
HOLDER_INSERT = ["right_id", "entity_id", "person_id", "role", "since"]


class RightImporter(Importer):
    record_type = RIGHTS
    model = IPRight
    fk_fields = ("district", "org")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_fields = [c.field for c in self.present.values() if c.field and c.field not in ("kind", "number")]
        self.writer_insert = None  # made in write(): its timestamps are the audit's
        self.writer_update = bulk.Table(IPRight, self.set_fields)
        self.writer_holders = bulk.Table(RightHolder, HOLDER_INSERT)
        self.load = ["id", "version", *[f for f in RIGHT_INSERT if f not in ("version", "created", "updated")]]

    def key_of(self, number, fields, values, problems) -> str | None:
        """kind|number, the number normalized as registry.validation.clean_right does."""
        kind = fields.get("kind")
        raw = fields.get("number")
        if not kind or not raw:
            return None
        text = raw.strip().upper()
        if kind in ("invention", "utility", "design"):
            try:
                text = codes.clean_patent_number(text, kind)
            except ValidationError as exc:
                problems.extend(self.problem(number, "number", raw, m) for m in exc.messages)
                return None
        fields["number"] = text
        return f"{kind}|{text}"

    def holders_of(self, number, values, problems) -> list[str]:
        found = []
        for part in columns.split_codes(values.get("holder_uscc")):
            try:
                code = columns.compact_uscc(part)
            except ValidationError as exc:
                problems.extend(self.problem(number, "holder_uscc", part, m) for m in exc.messages)
                continue
            if code not in found:
                found.append(code)
        return found

    def unknown_holder(self, number, code) -> list[Problem]:
        """Why a holder's code finds no entity: the code is wrong, or the entity is not registered."""
        try:
            columns.parse_uscc(code)
        except ValidationError as exc:
            return [self.problem(number, "holder_uscc", code, m) for m in exc.messages]
        return [self.problem(number, "holder_uscc", code, _(
            "No market entity has the unified social credit code %(code)s; import it as a market entity first.")
            % {"code": code})]

    def check(self, batch, stage) -> None:
        parsed = []
        for number, values, extra in batch:
            fields, problems = self.parse(number, values, extra)
            key = self.key_of(number, fields, values, problems)
            holders = self.holders_of(number, values, problems)
            parsed.append((number, values, key, fields, holders, problems))
        numbers = {p[3]["number"] for p in parsed if p[2]}
        existing = {f"{r['kind']}|{r['number']}": r
                    for r in IPRight.objects.filter(number__in=numbers).values(*self.load)}
        allowed = self.visible_ids([r["id"] for r in existing.values()])
        wanted = {code for p in parsed for code in p[4]}
        entities = {u: (pk, district, name) for u, pk, district, name in MarketEntity.objects.filter(
            uscc__in=wanted).values_list("uscc", "id", "district_id", "name")}
        held: dict[int, list[tuple[int, str]]] = {}
        for right_id, entity_id, uscc in RightHolder.objects.filter(
                right_id__in=[r["id"] for r in existing.values()], entity__isnull=False).values_list(
                "right_id", "entity_id", "entity__uscc"):
            held.setdefault(right_id, []).append((entity_id, uscc))
        creates, updates = [], []
        for number, values, key, fields, holders, problems in parsed:
            if key:
                repeated = self.repeat(number, key, "number", values.get("number"), _("right (kind and number)"))
                if repeated:
                    problems.append(repeated)
            for code in holders:
                if code not in entities:
                    problems.extend(self.unknown_holder(number, code))
            if problems:
                self.plan.fail(number, problems)
                continue
            holder_ids = [entities[c][0] for c in holders]
            old = existing.get(key)
            if old is None:
                if "district_id" not in fields and holders:
                    fields["district_id"] = entities[holders[0]][1]
                obj = IPRight(**{"org_id": self.default_org, **fields})
                problems = self.validate(number, obj, values)
                if not problems and not self.allowed_new(obj):
                    problems = [self.problem(number, "district", values.get("district"), _(
                        "You may create records only inside your own data scope (your district or organization)."))]
                if problems:
                    self.plan.fail(number, problems)
                    continue
                text = str(obj)
                self.plan.create(number, key.split("|", 1)[1], text)
                if stage is not None:
                    names = [entities[c][2] for c in holders]
                    creates.append((tuple(getattr(obj, a) for a in RIGHT_INSERT[:-3]), text, holder_ids, names))
                continue
            if old["id"] not in allowed:
                self.plan.fail(number, [self.problem(number, "number", values.get("number"), _(
                    "A record with this number exists outside your data scope; you may not change it."))])
                continue
            current = held.get(old["id"], [])
            add = [(pk, code) for pk, code in zip(holder_ids, holders) if pk not in {e for e, _u in current}]
            same = all(old.get(a) == v for a, v in fields.items() if a not in ("kind", "number"))
            if same and not add:
                self.plan.unchanged(number)
                continue
            obj = IPRight(**old)
            for attname, value in fields.items():
                setattr(obj, attname, value)
            problems = self.validate(number, obj, values)
            if problems:
                self.plan.fail(number, problems)
                continue
            changes = self.diff(obj, old, self.set_fields)
            if add:
                changes.append([self.label("holder_uscc"), "; ".join(u for _e, u in current),
                                "; ".join([u for _e, u in current] + [u for _e, u in add])])
            if not changes:
                self.plan.unchanged(number)
                continue
            text = str(obj)
            self.plan.update(number, key.split("|", 1)[1], text, changes)
            if stage is not None:
                audit = {IPRight._meta.get_field(a).name: [bulk.json_value(None, old.get(a)),
                                                           bulk.json_value(None, getattr(obj, a))]
                         for a in self.set_fields if getattr(obj, a) != old.get(a)}
                names = [entities[u][2] for _e, u in add]
                updates.append((tuple(getattr(obj, a) for a in self.set_fields) + (old["id"], old["version"]),
                                audit, text, [e for e, _u in add], names))
        if stage is not None:
            stage.put(creates, updates)

    def write(self, creates, updates, audit) -> None:
        now = audit.timestamp
        holders = []  # (right id, entity id, entity name, right text)
        if creates:
            if self.writer_insert is None:
                self.writer_insert = bulk.Table(IPRight, RIGHT_INSERT[:-3],
                                                constants={"version": 1, "created": now, "updated": now})
            self.writer_insert.insert([values for values, *_rest in creates])
            numbers = [values[1] for values, *_rest in creates]
            ids = {(k, n): pk for k, n, pk in IPRight.objects.filter(number__in=numbers).values_list(
                "kind", "number", "id")}
            for values, text, holder_ids, names in creates:
                pk = ids[(values[0], values[1])]
                record = dict(zip(RIGHT_INSERT, values))
                record["id"] = pk
                record["version"] = 1
                audit.created(IPRight, pk, bulk.creation_changes(IPRight, record), text)
                holders.extend((pk, e, name, text) for e, name in zip(holder_ids, names))
        if updates:
            rows = [values for values, *_rest in updates]
            if self.set_fields:
                changed = [r for r, (_v, changes, *_x) in zip(rows, updates) if changes]
                if self.writer_update.update(changed, now) != len(changed):
                    raise Changed
            for values, changes, text, holder_ids, names in updates:
                if changes:
                    audit.updated(IPRight, values[-2], changes, text)
                holders.extend((values[-2], e, name, text) for e, name in zip(holder_ids, names))
        if holders:
            self.writer_holders.insert([(r, e, None, "owner", None) for r, e, _n, _t in holders])
            ids = {(r, e): pk for pk, r, e in RightHolder.objects.filter(
                right_id__in={h[0] for h in holders}).values_list("id", "right_id", "entity_id")}
            for right_id, entity_id, name, text in holders:
                pk = ids[(right_id, entity_id)]
                audit.created(RightHolder, pk, bulk.creation_changes(RightHolder, {
                    "id": pk, "right_id": right_id, "entity_id": entity_id, "person_id": None, "role": "owner",
                    "since": None}), f"{name} – {text}")


IMPORTERS = {ENTITIES: EntityImporter, RIGHTS: RightImporter}
