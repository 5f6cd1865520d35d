"""Runners for tests/jobs: each does a little real work through the Progress interface."""
from zhibao.core.jobs import JobFailed
from zhibao.registry.models import District

# Set by a test: after this many batches, the runner's user presses cancel.
CANCEL_AFTER = {"batches": None}


def count(job, progress):
    n = int(job.params.get("n", 10))
    progress.phase("check", n)
    for _i in range(n):
        progress.advance(1)
        progress.check()
    return {"counted": n}


def write_districts(job, progress):
    """Creates one District per batch inside the job's transaction; a cancel must undo them all."""
    from zhibao.core.jobs import request_cancel
    from zhibao.core.models import Job

    batches = int(job.params.get("batches", 5))
    progress.phase("write", batches)
    progress.check_interval = 0  # look at the flag at every check
    with progress.atomic():
        for i in range(batches):
            District.objects.create(code=f"99{i:04d}", name=f"测试区{i}", level="district")
            progress.advance(1)
            if CANCEL_AFTER["batches"] is not None and i + 1 == CANCEL_AFTER["batches"]:
                request_cancel(Job.objects.get(pk=job.pk))
            progress.check()
    return {"written": batches}


def fail(job, progress):
    progress.phase("check", 3)
    progress.advance(1)
    raise RuntimeError("secret internal detail")


def refuse(job, progress):
    raise JobFailed("The file is not what it should be.", {"partial": 1})


def observe(job_id) -> dict:
    """What the job page would read now, from outside the runner's transaction."""
    from django.db import DEFAULT_DB_ALIAS, connections

    from zhibao.core.jobs import snapshot
    from zhibao.core.models import Job

    main = connections[DEFAULT_DB_ALIAS]
    if main.vendor == "sqlite":
        # SQLite: the page reads the row (WAL readers are not blocked) and the progress file.
        job = snapshot(Job.objects.get(pk=job_id))
        return {"phase": job.phase, "done": job.done}
    other = type(main)(dict(main.settings_dict), alias=DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT phase, done FROM core_job WHERE id = %s", [job_id])
            phase, done = cursor.fetchone()
        return {"phase": phase, "done": done}
    finally:
        other.close()


def cancel_from_elsewhere(job_id) -> None:
    """The user's cancel, as the web process sends it: not through the runner's connection."""
    from django.db import DEFAULT_DB_ALIAS, connections

    from zhibao.core.jobs import request_cancel
    from zhibao.core.models import Job

    main = connections[DEFAULT_DB_ALIAS]
    if main.vendor == "sqlite":
        request_cancel(Job.objects.get(pk=job_id))  # the runner's transaction is open: a marker file
        return
    other = type(main)(dict(main.settings_dict), alias=DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute("UPDATE core_job SET cancel_requested = true WHERE id = %s", [job_id])
    finally:
        other.close()


OBSERVED: list = []


def probe(job, progress):
    """Writes inside its transaction, and looks from outside at what the page would see."""
    progress.write_interval = 0
    progress.check_interval = 0
    batches = int(job.params.get("batches", 3))
    cancel_at = job.params.get("cancel_at")
    progress.phase("write", batches)
    with progress.atomic():
        for i in range(batches):
            District.objects.create(code=f"98{i:04d}", name=f"探针区{i}", level="district")
            progress.advance(1)
            OBSERVED.append(observe(job.pk))
            if cancel_at is not None and i + 1 == cancel_at:
                cancel_from_elsewhere(job.pk)
            progress.check()
    return {"written": batches}
