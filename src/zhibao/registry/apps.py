from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "zhibao.registry"
    label = "registry"
    verbose_name = _("Registries")

    def ready(self):
        from . import audit  # noqa: F401  (registers the models with django-auditlog)
