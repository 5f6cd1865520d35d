"""The portal's section on the staff case page: how the case came in, the reporter's contact
(masked), and the public reply officers write for the person following the case."""
from django.utils.translation import gettext_lazy as _

from zhibao.cases import panels
from zhibao.registry import masking

from . import replies


def panel_context(case, request) -> dict:
    if not case.spec.check_code:
        return {"portal_followed": False}
    contact = getattr(case, "portal_contact", None)
    reply = getattr(case, "public_reply", None)
    return {
        "portal_followed": True,
        "portal_contact": contact and {"name": masking.name(contact.name), "phone": masking.phone(contact.phone),
                                       "id_number": masking.id_number(contact.id_number), "uscc": contact.uscc},
        "portal_reply": reply,
        "portal_may_reply": replies.may_write(case, request.user),
        "portal_reply_limit": replies.MAX_LENGTH,
    }


def register() -> None:
    panels.register("portal", _("Public portal"), "portal/_case_panel.html", context=panel_context,
                    perm="cases.view", order=80)
