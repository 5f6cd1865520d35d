"""PostgreSQL: indexes for name parts of 1 or 2 characters (docs/search.md).

Trigram indexes (0003) cannot answer parts shorter than 3 characters. A GIN index on the
set of characters of a name (string_to_array(lower(name), NULL)) narrows a 1–2 character
part to the names holding all its characters; LIKE then checks the order. SQLite answers
short parts from its FTS5 vocabulary (0003) and needs nothing here.
"""
from django.db import migrations

INDEXES = {
    "registry_entity_name_chars": ("registry_marketentity", "name"),
    "registry_right_title_chars": ("registry_ipright", "title"),
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (string_to_array(lower("{column}"), NULL))')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_search_indexes")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
