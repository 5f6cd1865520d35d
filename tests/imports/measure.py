"""Measure the importer at city scale: rows per second for the check and the write phase,
next to a plain bulk insert of the same rows by the database driver.

    ZHIBAO_VAR_DIR=/tmp/m [DATABASE_URL=postgres://...] python tests/imports/measure.py 100000 [options]

    --skip-dry-run          time the check phase within the real import only
    --no-search-triggers    SQLite: drop registry/search.py's index triggers on the entity table first,
                            to see what they cost (the raw insert then runs without them too)

CPU seconds of this process are reported next to wall-clock seconds: on a shared machine they
tell the work done (on SQLite all of it; PostgreSQL's own work is in its server process).

Uses a fresh database (the SQLite file under ZHIBAO_VAR_DIR or the given DATABASE_URL, which
it migrates and fills: it must be a scratch database). Prints one JSON object.
The CSV (valid USCCs from registry.codes.make_uscc) is generated once under /tmp.
"""
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhibao.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from tests.imports import files  # noqa: E402
from zhibao.accounts.models import User  # noqa: E402
from zhibao.imports import engine  # noqa: E402
from zhibao.registry.models import District, MarketEntity  # noqa: E402


def csv_file(rows: int) -> str:
    path = f"/tmp/zhibao-measure-entities-{rows}.csv"
    if not os.path.exists(path):
        files.write_csv(path, files.ENTITY_HEADER_ZH, files.entity_rows(rows))
    return path


def raw_insert(rows: int) -> float:
    """The same rows, already clean, inserted by the driver in one transaction (no audit)."""
    now = timezone.now()
    data = [(r[1], r[0], "company", "active", r[4], "610113", r[5], "I", r[7], r[8], 1, now, now)
            for r in files.entity_rows(rows, start=10_000_000)]
    cols = "name, uscc, kind, status, legal_representative, district_id, address, industry, established, phone, " \
           "version, created, updated"
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY registry_marketentity ({cols}) FROM STDIN") as copy:
                for row in data:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO registry_marketentity ({cols}) VALUES ({', '.join(['%s'] * 13)})", data)
    return time.perf_counter() - started


def drop_search_triggers() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'registry_marketentity'")
        names = [r[0] for r in cursor.fetchall()]
        for name in names:
            cursor.execute(f'DROP TRIGGER "{name}"')
    return names


def main(rows: int, skip_dry_run=False, no_triggers=False) -> dict:
    call_command("migrate", verbosity=0)
    if not District.objects.filter(code="610113").exists():
        city = District.objects.create(code="610100", name="西安市", level="city")
        District.objects.create(code="610113", name="雁塔区", level="district", parent=city)
    user, _ = User.objects.get_or_create(username="measure", defaults={"role": "ip_officer", "scope": "city"})
    path = csv_file(rows)
    out = {"vendor": connection.vendor, "rows": rows, "file_mb": round(os.path.getsize(path) / 2**20, 1),
           "load_before": [round(x, 1) for x in os.getloadavg()]}
    if no_triggers and connection.vendor == "sqlite":
        out["dropped_triggers"] = drop_search_triggers()

    if not skip_dry_run:
        started, cpu = time.perf_counter(), time.process_time()
        dry = engine.run(path, "entities", user, dry_run=True)
        out["dry_run_seconds"] = round(time.perf_counter() - started, 1)
        out["dry_run_cpu_seconds"] = round(time.process_time() - cpu, 1)
        out["check_rows_per_second"] = round(rows / dry["seconds"]["check"])
        out["check_rows_per_cpu_second"] = round(rows / out["dry_run_cpu_seconds"])

    started, cpu = time.perf_counter(), time.process_time()
    real = engine.run(path, "entities", user, dry_run=False)
    out["import_seconds"] = round(time.perf_counter() - started, 1)
    out["import_cpu_seconds"] = round(time.process_time() - cpu, 1)
    out["check_seconds_in_import"] = real["seconds"]["check"]
    out["write_seconds"] = real["seconds"]["write"]
    out["write_rows_per_second"] = round(rows / real["seconds"]["write"])
    if not skip_dry_run:
        write_cpu = out["import_cpu_seconds"] - out["dry_run_cpu_seconds"]
        out["write_cpu_seconds_estimate"] = round(write_cpu, 1)
        out["write_rows_per_cpu_second_estimate"] = round(rows / write_cpu) if write_cpu > 0 else None
    out["overall_rows_per_second"] = round(rows / out["import_seconds"])
    assert MarketEntity.objects.count() == rows and real["audit_entries"] == rows

    cpu = time.process_time()
    seconds = raw_insert(rows)
    out["raw_insert_seconds"] = round(seconds, 1)
    out["raw_insert_cpu_seconds"] = round(time.process_time() - cpu, 1)
    out["raw_insert_rows_per_second"] = round(rows / seconds)
    out["load_after"] = [round(x, 1) for x in os.getloadavg()]
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    print(json.dumps(main(int(args[0]) if args else 100_000, skip_dry_run="--skip-dry-run" in sys.argv,
                          no_triggers="--no-search-triggers" in sys.argv)))
