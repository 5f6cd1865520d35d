"""`zhibao snapshot [--month YYYY-MM] [--replace] [--queue]`: store a month's indicator snapshot."""
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Store the monthly snapshot of the nine indicators (by default the month that just ended)."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: the previous month)")
        parser.add_argument("--replace", action="store_true", help="replace a snapshot already stored")
        parser.add_argument("--queue", action="store_true", help="hand it to the worker instead of running here")

    def handle(self, *args, month=None, replace=False, queue=False, **options):
        from zhibao.indicators import snapshots
        from zhibao.indicators.periods import IndicatorInputError
        from zhibao.indicators.tasks import take_snapshot

        try:
            if queue:
                result = take_snapshot.enqueue(month)
                self.stdout.write(f"queued {result.id}")
                return
            result = snapshots.take(snapshots.parse_month(month) if month else None, replace=replace)
        except IndicatorInputError as exc:
            raise CommandError(str(exc)) from None
        if result["already"]:
            self.stdout.write(f"{result['month']}: already stored (use --replace to store it again)")
        else:
            self.stdout.write(f"{result['month']}: {result['stored']} figures stored")
