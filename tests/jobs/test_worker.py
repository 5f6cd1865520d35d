"""A real `zhibao worker` runs imports started from the upload page; the job page shows the
progress move while the import's write transaction is open; cancel mid-write leaves nothing.

Runs tests/jobs/worker_scenario.py in a subprocess against a fresh database of the same
kind as the test run's (a SQLite file, or a scratch PostgreSQL database).
"""
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

SCENARIO = Path(__file__).with_name("worker_scenario.py")
ROWS = 8000  # four write batches: enough for the page to see the write phase move


def _scratch_postgres():
    import psycopg

    db = settings.DATABASES["default"]
    name = f"zhibao_worker_{uuid.uuid4().hex[:8]}"
    admin = dict(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"],
                 dbname="postgres", autocommit=True)
    with psycopg.connect(**admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{admin['host']}:{admin['port']}/{name}"

    def drop():
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url, drop


def test_imports_run_under_the_real_worker(tmp_path):
    env = {**os.environ, "ZHIBAO_VAR_DIR": str(tmp_path), "ZHIBAO_TASKS_BACKEND": "db"}
    drop = None
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        env["DATABASE_URL"], drop = _scratch_postgres()
    else:
        env.pop("DATABASE_URL", None)
    try:
        done = subprocess.run([sys.executable, str(SCENARIO), str(ROWS)], env=env, capture_output=True, text=True,
                              timeout=900, cwd=SCENARIO.parents[2])
    finally:
        if drop:
            drop()
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])

    finished = out["import"]
    assert finished["state"] == "done" and finished["result"]["created"] == ROWS
    assert out["entities_after_import"] == ROWS and out["audit_entries_after_import"] == ROWS
    # While the write transaction was open, the page saw it advance:
    assert any(0 < done < ROWS for done in finished["write_progress"]), finished
    assert any(0 < p < 100 for p in finished["page_percents_while_writing"]), finished
    assert finished["check_progress_seen"] and finished["polling_stopped_at_end"]

    cancelled = out["cancelled"]
    assert out["cancel_response"] == 200
    assert cancelled["state"] == "cancelled", cancelled
    assert out["entities_after_cancel"] == ROWS and out["audit_entries_of_cancelled"] == 0
