"""The plan's nine indicators computed from records: targets with history, snapshots, the cockpit and its reports."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "zhibao.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import audit, signals  # noqa: F401  (register the audit log and the high-value upkeep)

        post_migrate.connect(_schedule_snapshot, sender=self, dispatch_uid="indicators.schedule")


def _schedule_snapshot(using, **kwargs):
    """Every deployment migrates: the monthly snapshot job is queued then if none waits (schedule.py)."""
    from django.db import DEFAULT_DB_ALIAS

    from . import schedule

    if using == DEFAULT_DB_ALIAS:
        schedule.ensure()
