"""What the indicators store: targets and high-value criteria as data with history, the facts
that make a patent high-value, the high-value patents with their reasons, and monthly snapshots.

Nothing here holds a figure typed in by a person: figures are computed from the records
(cockpit.py); a snapshot is such a computation kept as it was at the end of its month.
Every change to the data with history is in the audit log (audit.py) with who and when, and
the `changed_by` column shows the last one on the page.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .definitions import CODES, Status

CODE_CHOICES = [(c, str(c)) for c in CODES]


class Changed(models.Model):
    """Who changed a row of data with history, and when (the audit log has every change)."""

    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    changed = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        abstract = True


class Target(Changed):
    """An indicator's target in force from a date: the value to reach by `target_date`.

    A new target is a new row with a later `effective_from`; the one in force on a day is the
    latest row that took effect on or before it (targets.in_force)."""

    code = models.PositiveSmallIntegerField(_("indicator"), choices=CODE_CHOICES)
    value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    target_date = models.DateField(_("to be reached by"))
    effective_from = models.DateField(_("in force from"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["code", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["code", "effective_from"], name="target_once_per_date")]

    def __str__(self):
        return f"{self.code}: {self.value} by {self.target_date} (from {self.effective_from})"


class PledgeThreshold(Changed):
    """High-value criterion 4: pledge financing above this amount (yuan), in force from a date,
    with the document it comes from (the official wording only says "a high amount")."""

    amount = models.DecimalField(_("amount above which a pledge counts (yuan)"), max_digits=14, decimal_places=2)
    effective_from = models.DateField(_("in force from"), unique=True)
    document = models.CharField(_("document"), max_length=300)

    class Meta:
        verbose_name = _("pledge threshold")
        verbose_name_plural = _("pledge thresholds")
        ordering = ["-effective_from"]

    def __str__(self):
        return f"> {self.amount} from {self.effective_from}"


class StrategicClass(Changed):
    """High-value criterion 1: an IPC class or group that the IPC–Strategic Emerging Industries
    concordance maps to an industry, from a date (until a date, when it was dropped)."""

    ipc = models.CharField(_("IPC class or group"), max_length=20,
                           help_text=_("A subclass (G06F) or a group (G06F 16); it covers what starts with it."))
    industry = models.CharField(_("strategic emerging industry"), max_length=100)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("strategic emerging industry class")
        verbose_name_plural = _("strategic emerging industry classes")
        ordering = ["ipc", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["ipc", "effective_from"], name="strategic_class_once")]

    def __str__(self):
        return f"{self.ipc} → {self.industry}"


class FactKind(models.TextChoices):
    FOREIGN_FAMILY = "foreign_family", _("Family member granted abroad")
    PLEDGE = "pledge", _("Pledge financing")
    AWARD = "award", _("National S&T award or China Patent Award")


class PatentFact(Changed):
    """A dated fact about a patent that may make it high-value (criteria 2, 4 and 5)."""

    right = models.ForeignKey("registry.IPRight", verbose_name=_("patent"), on_delete=models.CASCADE,
                              related_name="value_facts")
    kind = models.CharField(_("kind"), max_length=16, choices=FactKind.choices)
    on = models.DateField(_("date"), help_text=_("Grant abroad, pledge registration or award date."))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True,
                              help_text=_("Country and number abroad, pledgee, or the award's name."))

    class Meta:
        verbose_name = _("patent value fact")
        verbose_name_plural = _("patent value facts")
        ordering = ["right", "on"]
        indexes = [models.Index(fields=["right", "kind"], name="patent_fact_right")]

    def __str__(self):
        return f"{self.right_id} {self.kind} {self.on}"


class HighValuePatent(models.Model):
    """A valid invention patent owned by an entity in Xi'an that meets at least one criterion:
    kept by highvalue.refresh from the registry, the facts and the criteria, so that indicator 1
    is one indexed count and each patent shows why it counts (`reasons`).

    High-value from `valid_from` (the later of the grant and the earliest criterion met) to
    `valid_to` (the last day of validity; empty while valid)."""

    right = models.OneToOneField("registry.IPRight", on_delete=models.CASCADE, primary_key=True,
                                 related_name="high_value")
    district = models.ForeignKey("registry.District", on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    reasons = models.JSONField(default=list)  # [{"criterion": 1..5, "since": "YYYY-MM-DD", "detail": "..."}]

    class Meta:
        verbose_name = _("high-value invention patent")
        verbose_name_plural = _("high-value invention patents")
        indexes = [models.Index(fields=["valid_from", "valid_to", "district"], name="high_value_valid")]


class Snapshot(models.Model):
    """One indicator's figure for a month (city-wide or one district), as computed at the end
    of that month by the snapshot job. A record corrected later changes the live figure, not
    this row (snapshots.compare shows both)."""

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    code = models.PositiveSmallIntegerField(_("indicator"), choices=CODE_CHOICES)
    district = models.CharField(_("district"), max_length=6, blank=True)  # "" = the whole city
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    taken = models.DateTimeField(_("taken"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicator snapshot")
        verbose_name_plural = _("indicator snapshots")
        ordering = ["-month", "code", "district"]
        constraints = [models.UniqueConstraint(fields=["month", "code", "district"], name="snapshot_once")]


class CaseMonth(models.Model):
    """How many cases count towards indicators 6, 7 and 8 per month, district and handling body
    (casemonths.py keeps it in step with every case and clock saved; `zhibao indicators
    refresh` rebuilds it after bulk writes), so that a year of a million cases is a sum over a
    few thousand rows instead of a scan of the cases."""

    month = models.DateField()  # its first day
    kind = models.CharField(max_length=16)  # casemonths.KINDS
    district = models.CharField(max_length=6, blank=True)  # the case's district code, "" when it has none
    handling_org = models.ForeignKey("registry.Organization", on_delete=models.CASCADE, related_name="+")
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "kind", "district", "handling_org"],
                                               name="case_month_once")]
        indexes = [models.Index(fields=["kind", "month"], name="case_month_kind")]


class ServedMonth(models.Model):
    """Indicator 2's sources reduced to one row per month, entity and body (`n` source rows:
    service recipients, pre-examination requests, parties of assistance, mediation and
    adjudication cases), kept by served.py, so that a year's distinct enterprises are counted
    over this table instead of joining a million cases to their parties."""

    month = models.DateField()  # its first day
    entity = models.ForeignKey("registry.MarketEntity", on_delete=models.CASCADE, related_name="+")
    district = models.CharField(max_length=6, blank=True)  # the entity's district code
    body = models.ForeignKey("registry.Organization", null=True, on_delete=models.CASCADE, related_name="+")
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "entity", "body"], name="served_month_once")]
        indexes = [models.Index(fields=["month", "entity", "district", "body"], name="served_month_count")]
