"""Is a background worker alive? The worker beats a heartbeat job; we read its age."""
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

HEARTBEAT_MAX_AGE = timedelta(minutes=2)


def worker_state() -> dict:
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db"):
        return {"ok": True, "backend": backend.rsplit(".", 1)[-1], "note": "jobs run in-process"}
    from .models import WorkerHeartbeat

    beat = WorkerHeartbeat.objects.order_by("-seen").first()
    if beat is None:
        return {"ok": False, "backend": "database", "error": "no worker has reported"}
    age = timezone.now() - beat.seen
    return {
        "ok": age <= HEARTBEAT_MAX_AGE,
        "backend": "database",
        "last_seen": beat.seen.isoformat(),
        "age_seconds": int(age.total_seconds()),
    }
