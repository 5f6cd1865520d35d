"""Run imports under a real `zhibao worker`, started from the real upload page, and watch them.

    ZHIBAO_VAR_DIR=/tmp/x [DATABASE_URL=...] python tests/jobs/worker_scenario.py ROWS

Uses its own fresh database (the SQLite file under ZHIBAO_VAR_DIR, or the DATABASE_URL given)
with the database task backend. Prints one JSON object: what the job page showed while each
import ran (phase, done, total), how each ended, and what was written. tests/jobs/test_worker.py
runs it for SQLite and PostgreSQL; it is also the way to try the worker by hand.
"""
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["ZHIBAO_TASKS_BACKEND"] = "db"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhibao.settings")

import django  # noqa: E402

django.setup()

from auditlog.models import LogEntry  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from tests.imports import files  # noqa: E402
from zhibao.accounts.models import User  # noqa: E402
from zhibao.core.jobs import snapshot  # noqa: E402
from zhibao.core.models import Job  # noqa: E402
from zhibao.registry.models import District, MarketEntity  # noqa: E402

TIMEOUT = 600


def watch(client, job_id, on_write=None):
    """Poll the job page (as htmx does) until the job ends; return what it showed."""
    seen, deadline = [], time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        page = client.get(f"/jobs/{job_id}/", HTTP_HX_REQUEST="true").content.decode()
        job = snapshot(Job.objects.get(pk=job_id))
        width = re.search(r"width: (\d+)%", page)
        seen.append({"state": job.state, "phase": job.phase, "done": job.done, "total": job.total,
                     "page_percent": int(width.group(1)) if width else None,
                     "polling": 'hx-trigger="every 1s"' in page})
        if job.is_finished:
            return seen, job
        if on_write and job.phase == "write" and job.done > 0:
            on_write(job)
            on_write = None
        time.sleep(0.2)
    raise SystemExit(f"job {job_id} did not finish in {TIMEOUT}s")


def upload(client, rows, start):
    content = files.csv_bytes(files.ENTITY_HEADER_ZH, list(files.entity_rows(rows, start=start)))
    response = client.post("/imports/", {"record_type": "entities", "file": SimpleUploadedFile("e.csv", content)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return int(response["Location"].rstrip("/").rsplit("/", 1)[1])


def summary(seen, job):
    writing = [s for s in seen if s["state"] == "running" and s["phase"] == "write"]
    return {"state": job.state, "message": job.message, "observations": len(seen),
            "write_observations": len(writing),
            "write_progress": sorted({s["done"] for s in writing}),
            "page_percents_while_writing": sorted({s["page_percent"] for s in writing if s["page_percent"] is not None}),
            "check_progress_seen": any(s["phase"] == "check" and 0 < s["done"] for s in seen),
            "polling_stopped_at_end": seen[-1]["polling"] is False, "result": {
                k: v for k, v in (job.result or {}).items() if k in ("created", "written", "audit_entries", "seconds")}}


def main(rows: int) -> dict:
    call_command("migrate", verbosity=0)
    city = District.objects.create(code="610100", name="西安市", level="city")
    District.objects.create(code="610113", name="雁塔区", level="district", parent=city)
    user = User.objects.create(username="importer", role="ip_officer", scope="city")
    client = Client()
    client.force_login(user, backend="zhibao.accounts.backends.RoleBackend")
    worker = subprocess.Popen([sys.executable, "-m", "zhibao", "worker", "--interval", "0.2", "--no-startup-delay",
                               "--verbosity", "0"], env=os.environ.copy())
    try:
        out = {"vendor": django.db.connection.vendor, "rows": rows}
        job_id = upload(client, rows, 0)
        seen, job = watch(client, job_id)
        out["import"] = summary(seen, job)
        out["entities_after_import"] = MarketEntity.objects.count()
        out["audit_entries_after_import"] = LogEntry.objects.filter(cid=job.request_id).count()

        def press_cancel(running):
            out["cancel_response"] = client.post(f"/jobs/{running.pk}/cancel/", HTTP_HX_REQUEST="true").status_code

        job_id = upload(client, rows, rows)
        seen, job = watch(client, job_id, on_write=press_cancel)
        out["cancelled"] = summary(seen, job)
        out["entities_after_cancel"] = MarketEntity.objects.count()
        out["audit_entries_of_cancelled"] = LogEntry.objects.filter(cid=job.request_id).count()
        return out
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 30000), ensure_ascii=False))
