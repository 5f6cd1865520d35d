"""Transfers to other bodies, assisted investigations, joint operations and joint meetings."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "zhibao.collaboration"
    label = "collaboration"
    verbose_name = _("Collaboration")

    def ready(self):
        from zhibao.cases import panels

        from . import audit  # noqa: F401  (registers the models with django-auditlog)
        from . import recompute  # noqa: F401  (stored due dates follow holiday schedule changes)
        from .panel import panel_context

        panels.register("collaboration", _("Transfers and joint work"), "collaboration/_case_panel.html",
                        context=panel_context, perm="collaboration.view", order=60)
