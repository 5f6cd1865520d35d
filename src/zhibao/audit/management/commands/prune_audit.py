"""`zhibao prune_audit [--apply]`: delete audit entries older than their retention period.

Dry run by default (says what would be deleted); `--apply` deletes. Refuses to run
without ZHIBAO_AUDIT_RETENTION_DAYS. Entries of record types under a legal retention
period (audit/retention.py) are kept at least that long.
"""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zhibao.audit import retention
from zhibao.core import request_id


class Command(BaseCommand):
    help = "Delete audit log entries past their retention period (dry run unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Delete; without it, only report.")
        parser.add_argument("--batch-size", type=int, default=5000, dest="batch_size")

    def handle(self, *args, apply, batch_size, **options):
        if not 100 <= batch_size <= 100_000:
            raise CommandError(_("--batch-size must be between 100 and 100000."))
        with request_id.bind():
            try:
                days, groups = retention.prune(apply=apply, batch_size=batch_size)
            except retention.RetentionError as exc:
                raise CommandError(str(exc)) from None
        self.stdout.write(_("General retention: %(days)d days.") % {"days": days})
        for group in groups:
            label = _("all other record types") if group.label == retention.GENERAL_LABEL else group.label
            n = group.deleted if apply else group.count
            line = (_("%(label)s: %(n)s entries older than %(cutoff)s deleted.") if apply
                    else _("%(label)s: %(n)s entries older than %(cutoff)s would be deleted."))
            self.stdout.write(line % {"label": label, "n": f"{n:,}", "cutoff": group.cutoff.strftime("%Y-%m-%d")})
        if not apply:
            self.stdout.write(_("Dry run: nothing was deleted. Run with --apply to delete."))
