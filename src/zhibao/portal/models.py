"""What the portal keeps beside the case: the contact details of a named reporter or
complainant (never published), and the reply the handling body publishes to them."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhibao.registry import validation


class Contact(models.Model):
    """How to reach the person who reported or complained on the portal. Personal data: shown
    only to officers of the case, masked in the audit log."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="portal_contact")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100, validators=[validation.plain_text])
    phone = models.CharField(_("phone"), max_length=20)
    id_number = models.CharField(_("resident ID number"), max_length=18, blank=True)
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    consented = models.DateTimeField(_("consented to the use of personal data"), auto_now_add=True)

    class Meta:
        verbose_name = _("portal contact")
        verbose_name_plural = _("portal contacts")

    def __str__(self):
        return f"{self.case_id}"


class PublicReply(models.Model):
    """The text the handling body publishes to the reporter; shown on the portal once the case is closed."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="public_reply")
    text = models.TextField(_("public reply"), max_length=2000, validators=[validation.plain_text])
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("public reply")
        verbose_name_plural = _("public replies")

    def __str__(self):
        return f"{self.case_id}"
