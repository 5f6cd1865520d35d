"""Indexes for case search by any part of a text (docs/cases-search.md).

The searched texts and how each is indexed:
    case title, party name, product name   any part, 1 character or more
    case number, case summary              any part of 3 characters or more

PostgreSQL: pg_trgm GIN indexes on UPPER(col), which answer Django's `icontains` for parts
of 3 characters or more; for the texts searched by shorter parts, GIN indexes on their
characters and on their 2-character pieces (`registry_bigrams`, registry migration 0005).

SQLite: contentless FTS5 tables with the trigram tokenizer, kept up to date by triggers,
with an fts5vocab table each (for parts of 1 or 2 characters). The text is padded with two
U+E000 characters so that every character starts a trigram.

Caution for later migrations: on SQLite, Django rebuilds a table to alter a column, which
drops its triggers. A migration that alters cases_case, cases_party or cases_product must
run `sqlite_forwards` of this migration again afterwards; tests/cases/test_search.py fails
if the triggers are missing.
"""
from django.db import migrations

PAD = "char(57344, 57344)"

SQLITE_TABLES = {
    # fts table: (content table, indexed columns)
    "cases_title_fts": ("cases_case", ("title",)),
    "cases_text_fts": ("cases_case", ("number", "summary")),
    "cases_party_fts": ("cases_party", ("name",)),
    "cases_product_fts": ("cases_product", ("name",)),
}

TRIGRAM = {  # index: (table, column)
    "cases_case_title_trgm": ("cases_case", "title"),
    "cases_case_number_trgm": ("cases_case", "number"),
    "cases_case_summary_trgm": ("cases_case", "summary"),
    "cases_party_name_trgm": ("cases_party", "name"),
    "cases_product_name_trgm": ("cases_product", "name"),
}
SHORT = {  # the texts searched by parts of 1–2 characters: index name stem -> (table, column)
    "cases_case_title": ("cases_case", "title"),
    "cases_party_name": ("cases_party", "name"),
    "cases_product_name": ("cases_product", "name"),
}


def _values(prefix: str, columns) -> str:
    return ", ".join(f"coalesce({prefix}{c}, '') || {PAD}" for c in columns)


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
        yield f'CREATE TRIGGER "{fts}_au" AFTER UPDATE OF {cols} ON "{table}" BEGIN {delete} {insert} END'


def sqlite_forwards(schema_editor):
    for sql in sqlite_statements():
        schema_editor.execute(sql)


def postgres_statements():
    yield "CREATE EXTENSION IF NOT EXISTS pg_trgm"
    for name, (table, column) in TRIGRAM.items():
        yield f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
    for stem, (table, column) in SHORT.items():
        yield (f'CREATE INDEX IF NOT EXISTS "{stem}_chars" ON "{table}" '
               f'USING gin (string_to_array(lower("{column}"), NULL))')
        yield (f'CREATE INDEX IF NOT EXISTS "{stem}_bigrams" ON "{table}" '
               f'USING gin (registry_bigrams(lower("{column}")))')
        for suffix in ("chars", "bigrams"):
            yield f'ALTER INDEX "{stem}_{suffix}" ALTER COLUMN 1 SET STATISTICS 1000'


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for sql in postgres_statements():
            schema_editor.execute(sql)
    elif vendor == "sqlite":
        sqlite_forwards(schema_editor)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for name in TRIGRAM:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
        for stem in SHORT:
            for suffix in ("chars", "bigrams"):
                schema_editor.execute(f'DROP INDEX IF EXISTS "{stem}_{suffix}"')
    elif vendor == "sqlite":
        for fts in SQLITE_TABLES:
            for suffix in ("ai", "ad", "au"):
                schema_editor.execute(f'DROP TRIGGER IF EXISTS "{fts}_{suffix}"')
            schema_editor.execute(f'DROP TABLE IF EXISTS "{fts}_vocab"')
            schema_editor.execute(f'DROP TABLE IF EXISTS "{fts}"')


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_worklist_indexes"), ("registry", "0005_bigram_indexes")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
