from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "zhibao.calendar"
    label = "calendar"
    verbose_name = _("Working-day calendar")

    def ready(self):
        from . import audit, signals  # noqa: F401
