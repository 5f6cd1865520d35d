"""The plan's nine indicators computed from records: targets with history, snapshots, the cockpit and its reports."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "zhibao.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from . import audit, signals  # noqa: F401  (register the audit log and the high-value upkeep)
