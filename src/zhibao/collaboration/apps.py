"""Transfers to other bodies, assisted investigations, joint operations and joint meetings."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "zhibao.collaboration"
    label = "collaboration"
    verbose_name = _("Collaboration")
