"""`zhibao demo`: load a deterministic demo Xi'an (see zhibao.demo.build)."""
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from zhibao.demo import build
from zhibao.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from zhibao.demo.context import SCALES

# The parts `--only` may add to a loaded demo: the app of each contributor.
ONLY = {path.split(".")[1]: path for path in build.CONTRIBUTORS}


class Command(BaseCommand):
    @property
    def help(self):  # argparse wants a str, translated when the parser is built
        return _("Load demo data: Xi'an's real divisions, population, zones, public bodies and GI products, "
                 "with generated market entities, persons and IP rights, and one demo account per role. "
                 "The same seed always gives the same data.")

    # The checks import every app's URLs and views; `make run` runs them when the server starts.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small",
                            help=_("small: a few thousand records, loads in seconds (tests, make run); "
                                              "city: 300,000 entities and 400,000+ rights (benchmarks)."))
        parser.add_argument("--seed", type=int, default=1,
                            help=_("Random seed; the same seed gives the same data."))
        parser.add_argument("--if-empty", action="store_true",
                            help=_("Do nothing if the database already holds divisions."))
        parser.add_argument("--reset", action="store_true",
                            help=_("Delete the rows of earlier demo loads first, then load again."))
        parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=build.DEFAULT_AS_OF,
                            help=_("Date the data describes (statuses of rights), YYYY-MM-DD."))
        parser.add_argument("--batch-size", type=int, default=5000,
                            help=_("Rows per INSERT statement."))
        parser.add_argument("--only", choices=sorted(ONLY),
                            help=_("Add only this part (e.g. cases) to a demo already loaded; with --if-empty, "
                                   "only if an earlier load did not add it."))

    def handle(self, *args, scale, seed, if_empty, reset, as_of, batch_size, verbosity, only=None, **options):
        say = self.stdout.write if verbosity > 0 else (lambda _text: None)
        if only:
            if reset:
                raise CommandError(_("--only adds to a loaded demo; --reset removes every demo row."))
            if if_empty and build.contributed(ONLY[only]):
                say(_("That part of the demo is already loaded: nothing added (--if-empty)."))
                return
            try:
                record = build.add(scale, seed, say, (ONLY[only],), as_of=as_of, batch_size=batch_size)
            except build.DemoError as exc:
                raise CommandError(str(exc)) from None
            self._report(record, say)
            return
        if build.has_registry_data():
            if if_empty:
                say(_("The database already holds divisions: demo data not loaded (--if-empty)."))
                return
            if not reset:
                raise CommandError(_(
                    "The database already holds divisions. Use --reset to delete the earlier demo data and "
                    "load again, or --if-empty to keep what is there."))
        try:
            with transaction.atomic():  # a reset is undone if the new load fails
                record = self._load(scale, seed, reset, as_of, batch_size, say)
        except build.DemoError as exc:
            raise CommandError(str(exc)) from None
        self._report(record, say)

    def _report(self, record, say):
        _refresh_statistics()
        total = sum(record.counts.values())
        say(self.style.SUCCESS(_("Demo data loaded: %(rows)s rows in %(seconds).1f s.")
                               % {"rows": f"{total:,}", "seconds": record.seconds}))
        for label, count in record.counts.items():
            say(f"  {label:<28} {count:>10,}")
        say(_("Demo accounts (password %(password)s): %(names)s")
            % {"password": DEMO_PASSWORD, "names": ", ".join(a.username for a in DEMO_ACCOUNTS)})

    def _load(self, scale, seed, reset, as_of, batch_size, say):
        if reset:
            deleted = build.reset(say)
            say(_("Deleted %(n)s rows of earlier demo data.") % {"n": f"{deleted:,}"})
            if build.has_registry_data():
                raise build.DemoError(_(
                    "The database holds divisions that no demo load created; the demo data is loaded "
                    "only into an empty registry."))
        say(_("Loading demo data at scale %(scale)s (seed %(seed)s, data as of %(date)s)...")
            % {"scale": scale, "seed": seed, "date": as_of.isoformat()})
        return build.load(scale, seed, say, as_of=as_of, batch_size=batch_size, contributors=build.CONTRIBUTORS)


def _refresh_statistics() -> None:
    """PostgreSQL plans by table statistics that autovacuum refreshes only later; after a bulk
    load of up to millions of rows, refresh them now so the first queries are planned right."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
