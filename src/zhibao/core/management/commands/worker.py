"""`zhibao worker`: the database job worker, plus a heartbeat that /healthz reads.

Run any number of copies; each claims jobs with a row lock (django-tasks-db).
"""
import threading
import time

from django.db import close_old_connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from zhibao.core.models import WorkerHeartbeat

HEARTBEAT_SECONDS = 30


def _beat(worker_id: str, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            WorkerHeartbeat.objects.update_or_create(worker=worker_id, defaults={"seen": timezone.now()})
        except Exception:  # noqa: BLE001  (a missed beat shows on /healthz; it must not kill the worker)
            pass
        finally:
            close_old_connections()
        stop.wait(HEARTBEAT_SECONDS)


class Command(DBWorkerCommand):
    help = "Run the background worker (imports, exports, reports, reminders)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *args, **options):
        stop = threading.Event()
        thread = threading.Thread(target=_beat, args=(options["worker_id"][:100], stop), daemon=True)
        thread.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            time.sleep(0)
