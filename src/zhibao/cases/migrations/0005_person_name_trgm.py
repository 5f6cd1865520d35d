"""Case search on PostgreSQL: a pg_trgm GIN index on UPPER(registry_person.name).

Case search (cases/search.py) looks for a registered person by any part of the name
(registry.search.persons: `name__icontains`, i.e. UPPER(name) LIKE UPPER('%part%')). The
registry has trigram indexes for entities and rights but none for persons, so every case
search read the whole person table (a parallel sequential scan, 70–100 ms at city scale,
the largest single part of a search at 1,000,000 cases). The index serves only case search,
so it lives with the cases app, like those of 0004. SQLite: nothing (its scan of the person
table is not what limits a case search there).
"""
from django.db import migrations

NAME, TABLE, COLUMN = "cases_search_person_name_trgm", "registry_person", "name"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "{TABLE}" USING gin ((UPPER("{COLUMN}"::text)) gin_trgm_ops)')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{NAME}"')


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_link_indexes"), ("registry", "0003_search_indexes")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
