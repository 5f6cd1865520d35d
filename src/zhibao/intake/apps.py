"""Reports and complaints as they arrive: hotline and walk-in entry, triage rules, proposals and decisions, likely duplicates."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "zhibao.intake"
    label = "intake"
    verbose_name = _("Intake")
