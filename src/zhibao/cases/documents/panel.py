"""The documents section of the case page (cases/panels.py), registered from evidence's ready()."""
from django.utils.translation import gettext_lazy as _

from zhibao.cases import panels
from zhibao.cases.permissions import CasesPerm


def register() -> None:
    from zhibao.cases.views.documents import panel_context

    panels.register("documents", _("Documents"), "cases/documents/_panel.html", context=panel_context,
                    perm=CasesPerm.HANDLE, order=45)
