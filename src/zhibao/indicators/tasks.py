"""Background work of the indicators (django-tasks; run by `zhibao worker`)."""
from django_tasks import task

from zhibao.core.request_id import bind


@task()
def refresh_high_value() -> dict:
    """Recompute every high-value patent after a threshold or the concordance changed."""
    from . import highvalue

    with bind():
        return {"high_value_patents": highvalue.refresh()}


@task()
def take_snapshot(month: str | None = None) -> dict:
    """Store the monthly snapshot of `month` (YYYY-MM; by default the month that just ended), then
    make sure the next month's run is queued (schedule.py), even if this one failed.
    Idempotent: a month already stored is left as it is."""
    from . import schedule, snapshots

    try:
        with bind():
            return snapshots.take(snapshots.parse_month(month) if month else None)
    finally:
        schedule.ensure()
