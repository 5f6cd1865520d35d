from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "zhibao.services"
    label = "services"
    verbose_name = _("Services")

    def ready(self):
        from . import audit  # noqa: F401  (registers the models with django-auditlog)
