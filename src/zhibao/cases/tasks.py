"""Background tasks of the cases app (django-tasks; run by `zhibao worker`)."""
from django_tasks import task

from zhibao.core.request_id import bind


@task()
def send_reminders() -> dict:
    """One pass of the reminder job (see reminders.py); safe to run on several workers at once."""
    from . import reminders

    with bind():
        result = reminders.run()
    return {"scanned": result.scanned, "created": result.created, "lost": result.lost,
            "seconds": round(result.seconds, 3)}
