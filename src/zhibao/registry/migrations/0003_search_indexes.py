"""Indexes for searching names by any part (docs/search.md).

PostgreSQL: pg_trgm GIN indexes on UPPER(name), UPPER(title) and UPPER(number), which answer
Django's `icontains` (UPPER(col) LIKE UPPER('%part%')) for parts of 3 characters or more.

SQLite: contentless FTS5 tables with the trigram tokenizer, kept up to date by triggers,
with an fts5vocab table each for parts of 1 or 2 characters. Indexed text is padded with
two U+E000 characters so that every character of a name starts a trigram.

Caution for later migrations: on SQLite, Django rebuilds a table to alter a column, which
drops its triggers. A migration that alters registry_marketentity or registry_ipright must
run `zhibao.registry.migrations.0003_search_indexes.sqlite_forwards` again afterwards;
tests/registry/test_search_index.py fails if the triggers are missing.
"""
from django.db import migrations

PAD = "char(57344, 57344)"

SQLITE_TABLES = {
    # fts table: (content table, indexed columns)
    "registry_entity_fts": ("registry_marketentity", ("name",)),
    "registry_right_fts": ("registry_ipright", ("title", "number")),
}

POSTGRES_INDEXES = {
    "registry_entity_name_trgm": ("registry_marketentity", "name"),
    "registry_right_title_trgm": ("registry_ipright", "title"),
    "registry_right_number_trgm": ("registry_ipright", "number"),
}


def _values(prefix: str, columns) -> str:
    return ", ".join(f"{prefix}{c} || {PAD}" for c in columns)


def sqlite_statements():
    """Create (or re-create) the FTS tables, their triggers and their contents."""
    for fts, (table, columns) in SQLITE_TABLES.items():
        cols = ", ".join(columns)
        yield f'DROP TABLE IF EXISTS "{fts}_vocab"'
        yield f'DROP TABLE IF EXISTS "{fts}"'
        for suffix in ("ai", "ad", "au"):
            yield f'DROP TRIGGER IF EXISTS "{fts}_{suffix}"'
        yield f"CREATE VIRTUAL TABLE \"{fts}\" USING fts5({cols}, content='', tokenize='trigram')"
        yield f'CREATE VIRTUAL TABLE "{fts}_vocab" USING fts5vocab("{fts}", row)'
        yield f'INSERT INTO "{fts}"(rowid, {cols}) SELECT id, {_values("", columns)} FROM "{table}"'
        insert = f'INSERT INTO "{fts}"(rowid, {cols}) VALUES (new.id, {_values("new.", columns)});'
        delete = f"INSERT INTO \"{fts}\"(\"{fts}\", rowid, {cols}) VALUES ('delete', old.id, {_values('old.', columns)});"
        yield f'CREATE TRIGGER "{fts}_ai" AFTER INSERT ON "{table}" BEGIN {insert} END'
        yield f'CREATE TRIGGER "{fts}_ad" AFTER DELETE ON "{table}" BEGIN {delete} END'
        yield (f'CREATE TRIGGER "{fts}_au" AFTER UPDATE OF {cols} ON "{table}" '
               f"BEGIN {delete} {insert} END")


def sqlite_forwards(schema_editor):
    for sql in sqlite_statements():
        schema_editor.execute(sql)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, (table, column) in POSTGRES_INDEXES.items():
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ((UPPER("{column}"::text)) gin_trgm_ops)')
    elif vendor == "sqlite":
        sqlite_forwards(schema_editor)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for name in POSTGRES_INDEXES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
    elif vendor == "sqlite":
        for fts in SQLITE_TABLES:
            for suffix in ("ai", "ad", "au"):
                schema_editor.execute(f'DROP TRIGGER IF EXISTS "{fts}_{suffix}"')
            schema_editor.execute(f'DROP TABLE IF EXISTS "{fts}_vocab"')
            schema_editor.execute(f'DROP TABLE IF EXISTS "{fts}"')


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_validators")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
