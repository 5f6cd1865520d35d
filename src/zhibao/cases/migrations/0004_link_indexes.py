"""Indexes for related cases (links.py): every value a case is linked by is looked up by
equality on an index, never by a scan.

Parties' entities and persons and the rights involved already have theirs (party_entity,
party_person, the CaseRight foreign key). Added here: places by address, and market entities
and persons by address and phone. The last four are on registry tables but serve only case
links, so they live with the cases app; on SQLite a migration that rebuilds one of these
tables drops them, and must create them again (`CREATE INDEX IF NOT EXISTS`, below).
"""
from django.db import migrations

INDEXES = {
    "cases_place_address": ("cases_place", "address"),
    "cases_link_entity_address": ("registry_marketentity", "address"),
    "cases_link_entity_phone": ("registry_marketentity", "phone"),
    "cases_link_person_address": ("registry_person", "address"),
    "cases_link_person_phone": ("registry_person", "phone"),
}

FORWARDS = [f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")'
            for name, (table, column) in INDEXES.items()]
BACKWARDS = [f'DROP INDEX IF EXISTS "{name}"' for name in INDEXES]


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_search_indexes"), ("registry", "0005_bigram_indexes")]
    operations = [migrations.RunSQL(FORWARDS, BACKWARDS, elidable=False)]
