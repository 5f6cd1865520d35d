"""`zhibao timelimits [--sync] [--procedure CODE]`: the time-limit rules in force, with their history.

`--sync` creates a rule row for every declared time limit that has none (never changes an
existing row). Changes of an amount are made through `zhibao.cases.timelimits.set_rule`
(pages for administrators build on it), which keeps the history and the audit log."""
from django.core.management.base import BaseCommand

from zhibao.cases import timelimits
from zhibao.cases.models import TimeLimitRule


class Command(BaseCommand):
    help = "List the time-limit rules (and seed missing ones with --sync)."

    def add_arguments(self, parser):
        parser.add_argument("--sync", action="store_true")
        parser.add_argument("--procedure", metavar="CODE")

    def handle(self, *args, sync=False, procedure=None, **options):
        if sync:
            self.stdout.write(f"{timelimits.sync()} rules created")
        rows = TimeLimitRule.objects.select_related("organization").order_by(
            "procedure", "clock", "part", "organization_id", "effective_from")
        if procedure:
            rows = rows.filter(procedure=procedure)
        for r in rows:
            amount = "date set by decision" if r.amount is None else f"{r.amount} {r.unit}"
            body = f" [{r.organization}]" if r.organization_id else ""
            count = "" if r.max_count is None else f" x{r.max_count}"
            kind = "" if r.legal else " (target)"
            self.stdout.write(f"{r.procedure}.{r.clock}.{r.part}{body}: {amount}{count}{kind} from "
                              f"{r.effective_from} — {r.source} [{r.tag}]")
