"""The monthly snapshot runs by itself: one `take_snapshot` job always waits in the worker's
queue for the next month's first day.

Nothing else in Zhibao runs on a calendar (reminders repeat with `zhibao remind --every`), and
`zhibao worker` is running wherever Zhibao is deployed, so the job queue is the scheduler:
`ensure()` queues the next run unless one is waiting, after every `migrate` (each deployment)
and at the end of each run. With any backend but the database one (tests, benchmarks run
jobs at once) nothing is queued.
"""
import datetime

from django.utils import timezone

RUN_AT = datetime.time(2, 0)  # the night after a month ends, local time


def next_run(now: datetime.datetime | None = None) -> datetime.datetime:
    """The first day of the month after `now`'s, at RUN_AT (local time)."""
    now = timezone.localtime(now)
    first = (now.date().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return timezone.make_aware(datetime.datetime.combine(first, RUN_AT))


def ensure() -> datetime.datetime | None:
    """Queue the next snapshot unless one is already waiting; returns when it will run (None
    when the tasks backend is not the database)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from .tasks import take_snapshot

    if not isinstance(take_snapshot.get_backend(), DatabaseBackend):
        return None
    waiting = DBTaskResult.objects.filter(task_path=take_snapshot.module_path, status=TaskResultStatus.READY)
    if waiting.exists():
        return waiting.order_by("run_after").values_list("run_after", flat=True).first()
    when = next_run()
    take_snapshot.using(run_after=when).enqueue()
    return when
