"""The evidence section of the case page (cases/panels.py)."""
from django.utils.translation import gettext_lazy as _

from zhibao.cases import panels

from .permissions import EvidencePerm


def register() -> None:
    from .views import panel_context

    panels.register("evidence", _("Evidence"), "evidence/_case_panel.html", context=panel_context,
                    perm=EvidencePerm.VIEW, order=40)
