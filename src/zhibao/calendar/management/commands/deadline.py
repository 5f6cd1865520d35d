"""`zhibao deadline START --working-days N | --days N | --months N [--pause FIRST/LAST ...] [--explain]`

Prints the deadline as an ISO date, followed by " provisional" when it depends on a year
whose holiday schedule is not official yet. Bad input: a message on stderr, exit code 2.
"""
from django.core.management.base import BaseCommand, CommandError

from zhibao.calendar import inputs
from zhibao.calendar.limits import Unit, compute_deadline
from zhibao.calendar.workdays import CalendarRangeError

_NAMES = {Unit.WORKING_DAYS: "--working-days", Unit.DAYS: "--days", Unit.MONTHS: "--months"}


class Command(BaseCommand):
    requires_system_checks = []  # a calculator: no need to load every app's URLs first
    help = "Compute a statutory deadline (start day not counted); prints YYYY-MM-DD [provisional]."

    def add_arguments(self, parser):
        parser.add_argument("start", help="start date, YYYY-MM-DD (not counted)")
        parser.add_argument("--working-days", dest="working_days", metavar="N")
        parser.add_argument("--days", metavar="N", help="calendar days")
        parser.add_argument("--months", metavar="N")
        parser.add_argument("--pause", action="append", default=[], metavar="FIRST/LAST",
                            help="a paused interval, both days included (repeatable)")
        parser.add_argument("--explain", action="store_true", help="also print how the deadline was counted")

    def handle(self, *args, start, working_days, days, months, pause, explain, **options):
        try:
            start_date = inputs.parse_date(start, "start")
            rule = inputs.parse_rule({Unit.WORKING_DAYS: working_days, Unit.DAYS: days, Unit.MONTHS: months},
                                     _NAMES)
            pauses = [inputs.parse_pause(p, "--pause") for p in pause]
            result = compute_deadline(start_date, rule, pauses)
        except inputs.InputError as exc:
            raise CommandError(exc.message, returncode=2) from None
        except CalendarRangeError:
            raise CommandError(inputs.range_message(), returncode=2) from None
        line = result.date.isoformat() + (" provisional" if result.provisional else "")
        self.stdout.write(line)
        if explain:
            for step in result.explanation:
                self.stdout.write(f"  {step}")
