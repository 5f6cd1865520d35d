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
