"""Evidence files of cases: SHA-256 on upload, chain of custody, integrity checks."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "zhibao.evidence"
    label = "evidence"
    verbose_name = _("Evidence")
