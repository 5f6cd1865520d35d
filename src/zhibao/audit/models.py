"""Who viewed a natural person's full personal data. Changes are in django-auditlog's log.

Rows keep the person's id and a label rather than a foreign key, so that the record
survives the person's deletion.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalDataView(models.Model):
    class Channel(models.TextChoices):
        PAGE = "page", _("Page")
        API = "api", _("API")
        EXPORT = "export", _("Export")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(_("user name"), max_length=150)
    person_id = models.BigIntegerField(_("person id"), db_index=True)
    person_label = models.CharField(_("person"), max_length=100)
    fields = models.CharField(_("fields shown"), max_length=200)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("personal data view")
        verbose_name_plural = _("personal data views")
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "-at"], name="pdview_user_at")]


class PruneRun(models.Model):
    """One applied run of `zhibao prune_audit`: when, with which cutoffs, how much it deleted.

    The audit log cannot log its own pruning, so each run leaves this record instead."""

    started = models.DateTimeField(_("started"), auto_now_add=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    retention_days = models.PositiveIntegerField(_("retention (days)"))
    cutoffs = models.JSONField(_("cutoffs"), default=dict)
    deleted = models.JSONField(_("deleted"), default=dict)
    total = models.PositiveBigIntegerField(_("entries deleted"), default=0)
    operator = models.CharField(_("operator"), max_length=100, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("audit log pruning")
        verbose_name_plural = _("audit log prunings")
        ordering = ["-started"]
