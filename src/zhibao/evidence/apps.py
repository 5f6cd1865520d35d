"""Evidence files of cases: SHA-256 on upload, chain of custody, integrity checks."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "zhibao.evidence"
    label = "evidence"
    verbose_name = _("Evidence")

    def ready(self):
        from zhibao.cases.documents import panel as documents_panel

        from . import audit, panel  # noqa: F401

        panel.register()
        documents_panel.register()
