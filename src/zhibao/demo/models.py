"""What each demo load created, so that `zhibao demo --reset` removes exactly those rows."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoRun(models.Model):
    """One run of `zhibao demo`: its parameters, row counts, and the rows it created.

    `created_rows` maps a model label to the primary keys the run created, as
    {"min": first, "max": last} for generated tables (their ids are consecutive within the
    run's transaction) or {"pks": [...]} for the few tables keyed by code.
    """

    scale = models.CharField(_("scale"), max_length=10)
    seed = models.BigIntegerField(_("seed"))
    as_of = models.DateField(_("data as of"))
    started = models.DateTimeField(_("started"))
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    seconds = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    counts = models.JSONField(_("rows created"), default=dict)
    created_rows = models.JSONField(_("created rows"), default=dict)

    class Meta:
        verbose_name = _("demo data load")
        verbose_name_plural = _("demo data loads")
        ordering = ["-started"]

    def __str__(self):
        return f"{self.scale} seed={self.seed} {self.started:%Y-%m-%d %H:%M}"
