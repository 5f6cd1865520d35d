"""Indexes that keep django-auditlog's table fast at millions of rows.

The audit log pages newest first by (timestamp, id) and filter by user, record type or
action; each of these composite indexes serves one filter in that order. The table
belongs to django-auditlog, so they are created here by SQL. On PostgreSQL they are built
CONCURRENTLY, which does not block writes to a table that is already large.
"""
from django.db import migrations

TABLE = "auditlog_logentry"
INDEXES = {
    "zb_logentry_ts_id": "timestamp, id",
    "zb_logentry_actor_ts_id": "actor_id, timestamp, id",
    "zb_logentry_ct_ts_id": "content_type_id, timestamp, id",
    "zb_logentry_action_ts_id": "action, timestamp, id",
    "zb_logentry_ct_pk": "content_type_id, object_pk",
}


def create(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    for name, columns in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX {concurrently}IF NOT EXISTS {name} ON {TABLE} ({columns})")


def drop(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX {concurrently}IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("audit", "0002_prune_run"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(create, drop, atomic=False)]
