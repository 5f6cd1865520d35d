"""`zhibao holidays show YEAR` and `zhibao holidays import FILE --year Y --source DOC [...]`.

The file has the lines the schedule page accepts (see `zhibao.calendar.schedules`). The
import is checked line by line and saved all or nothing; warnings stop it unless --force.
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zhibao.calendar import inputs, schedules, workdays


class Command(BaseCommand):
    requires_system_checks = []  # a calculator: no need to load every app's URLs first
    help = "Show a year's working-day calendar, or import a year's holiday schedule from a file."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="list a year's holidays and make-up working days, and their source")
        show.add_argument("year", type=int)
        imp = sub.add_parser("import", help="enter a year's schedule from a file of lines")
        imp.add_argument("file")
        imp.add_argument("--year", type=int, required=True)
        imp.add_argument("--source", required=True, help="the notice, e.g. 国办发明电〔2026〕7号")
        imp.add_argument("--published", help="publication date, YYYY-MM-DD")
        imp.add_argument("--replace", action="store_true", help="replace a schedule already entered")
        imp.add_argument("--force", action="store_true", help="save despite warnings")

    def handle(self, *args, action, **options):
        if action == "show":
            return self._show(options["year"])
        return self._import(options)

    def _show(self, year):
        if not workdays.MIN_YEAR <= year <= workdays.MAX_YEAR:
            raise CommandError(_("The year must be between %(min)d and %(max)d.")
                               % {"min": workdays.MIN_YEAR, "max": workdays.MAX_YEAR}, returncode=2)
        cal = workdays.calendar_for(year)
        self.stdout.write(f"{year} {cal.source.value}{' provisional' if cal.provisional else ''}: {cal.document}")
        for day, name in cal.holidays():
            self.stdout.write(f"{day.isoformat()} holiday {name}".rstrip())
        for day, name in cal.makeup_days():
            self.stdout.write(f"{day.isoformat()} workday {name}".rstrip())

    def _import(self, options):
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: {exc}", returncode=2) from None
        published = None
        if options["published"]:
            try:
                published = inputs.parse_date(options["published"], "--published")
            except inputs.InputError as exc:
                raise CommandError(exc.message, returncode=2) from None
        year = options["year"]
        parsed = schedules.parse_lines(year, text) if workdays.MIN_YEAR <= year <= workdays.MAX_YEAR else None
        if parsed is not None and parsed.ok and parsed.warnings and not options["force"]:
            raise CommandError("\n".join([*parsed.warnings, "--force"]), returncode=2)
        try:
            result = schedules.save_schedule(year=year, source_document=options["source"], text=text,
                                             published=published, replace=options["replace"])
        except schedules.ScheduleError as exc:
            raise CommandError("\n".join(exc.errors), returncode=2) from None
        self.stdout.write(f"{year} {result.action}: {result.schedule.days.count()} days, "
                          f"{len(result.changes)} changed working status")
        for change in result.changes:
            state = "working" if change.now_working else "rest"
            self.stdout.write(f"  {change.date.isoformat()} -> {state} {change.name}".rstrip())
        for note in result.notes:
            self.stdout.write(f"  {note}")
