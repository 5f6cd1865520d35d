"""`zhibao indicators ...`: set targets, the pledge threshold and population, recompute the
high-value patents, print the figures. The same functions as the pages and the API."""
import datetime

from django.core.management.base import BaseCommand, CommandError


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


class Command(BaseCommand):
    help = "Indicator targets, thresholds and population; recompute high-value patents; print figures."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        t = sub.add_parser("target", help="set an indicator's target from a date")
        t.add_argument("code", type=int)
        t.add_argument("value")
        t.add_argument("--by", type=_date, required=True, help="target date")
        t.add_argument("--from", dest="effective_from", type=_date, required=True, help="in force from")
        t.add_argument("--source", default="")
        p = sub.add_parser("pledge-threshold", help="set the pledge amount (yuan) of criterion 4")
        p.add_argument("amount")
        p.add_argument("--from", dest="effective_from", type=_date, required=True)
        p.add_argument("--document", required=True)
        pop = sub.add_parser("population", help="record a year-end resident population")
        pop.add_argument("year", type=int)
        pop.add_argument("population", type=int)
        pop.add_argument("--district", default=None)
        pop.add_argument("--source", default="")
        sub.add_parser("refresh", help="recompute the high-value patents and the case and served summaries (after imports)")
        show = sub.add_parser("show", help="print the nine figures")
        show.add_argument("--start", type=_date, required=True)
        show.add_argument("--end", type=_date, required=True)
        show.add_argument("--district", default=None)

    def handle(self, *args, action, **o):
        from zhibao.indicators import casemonths, cockpit, highvalue, served, targets
        from zhibao.indicators.periods import IndicatorInputError

        try:
            if action == "target":
                row = targets.set_target(o["code"], o["value"], o["by"], o["effective_from"], source=o["source"])
                self.stdout.write(str(row))
            elif action == "pledge-threshold":
                self.stdout.write(str(targets.set_pledge_threshold(o["amount"], o["effective_from"], o["document"])))
            elif action == "population":
                self.stdout.write(str(targets.set_population(o["year"], o["population"], district=o["district"],
                                                             source=o["source"])))
            elif action == "refresh":
                self.stdout.write(f"{highvalue.refresh()} high-value patents, "
                                  f"{casemonths.rebuild()} rows of the monthly case summary, "
                                  f"{served.rebuild()} of the served-enterprise summary")
            else:
                for f in cockpit.figures(o["start"], o["end"], o["district"]):
                    target = f.target.value if f.target else "-"
                    self.stdout.write(f"{f.code}\t{f.value}\t{target}\t{f.status or ''}\t{f.name}\t{f.reason}")
        except IndicatorInputError as exc:
            raise CommandError(str(exc)) from None
