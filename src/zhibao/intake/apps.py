"""Reports and complaints as they arrive: hotline and walk-in entry, triage rules, proposals and decisions, likely duplicates."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "zhibao.intake"
    label = "intake"
    verbose_name = _("Intake")

    def ready(self):
        from zhibao.cases import panels
        from zhibao.cases.signals import case_opened

        from . import audit, proposals, views  # noqa: F401  (audit registers the models)
        from .permissions import IntakePerm

        case_opened.connect(proposals.on_case_opened, dispatch_uid="intake.propose")
        panels.register("intake", _("Triage"), "intake/_case_panel.html", context=views.case_panel_context,
                        perm=IntakePerm.TRIAGE, order=20)
