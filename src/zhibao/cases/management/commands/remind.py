"""`zhibao remind [--every SECONDS] [--date YYYY-MM-DD] [--enqueue]`: the reminder job.

Once by default; `--every` repeats it until interrupted (for a process manager); `--enqueue`
puts one run on the background worker's queue instead. Safe to run on several machines at
once: each reminder is claimed by one conditional UPDATE (see zhibao/cases/reminders.py)."""
import datetime
import signal
import time

from django.core.management.base import BaseCommand, CommandError

from zhibao.cases import reminders
from zhibao.core.request_id import bind


class Command(BaseCommand):
    help = "Record reminders for time limits that are due soon, due today or overdue."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, metavar="SECONDS", help="repeat every SECONDS")
        parser.add_argument("--date", metavar="YYYY-MM-DD", help="act as if today were this date")
        parser.add_argument("--enqueue", action="store_true", help="enqueue one run on the worker")

    def handle(self, *args, every=None, date=None, enqueue=False, **options):
        if enqueue:
            from zhibao.cases.tasks import send_reminders

            result = send_reminders.enqueue()
            self.stdout.write(f"enqueued {result.id}")
            return
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError("--date must be YYYY-MM-DD", returncode=2) from None
        stop = {"now": False}
        if every:
            signal.signal(signal.SIGTERM, lambda *a: stop.update(now=True))
        while True:
            with bind():
                result = reminders.run(today)
            self.stdout.write(
                f"{result.created} reminders from {result.scanned} clocks past a threshold "
                f"({result.lost} taken by another worker) in {result.seconds:.3f} s "
                f"(scan {result.scan_seconds:.3f} s)")
            if not every or stop["now"]:
                return
            try:
                time.sleep(every)
            except KeyboardInterrupt:
                return
