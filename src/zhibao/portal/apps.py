"""The public's pages, no account needed: report, complaint, follow a case by tracking number and check code, satisfaction surveys."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "zhibao.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from . import audit, panel  # noqa: F401  (audit registers the models with django-auditlog)

        panel.register()
