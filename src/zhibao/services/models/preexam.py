"""Patent pre-examination (专利预审): the centres' filing rules, filing entities (备案主体)
and their pre-examination requests."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhibao.registry import validation as registry_validation
from zhibao.registry.models import Versioned

from .. import validation
from ..choices import FilingStatus, PatentKind, PreexamOutcome


class CentreProfile(Versioned):
    """What a protection centre accepts for filing: its service area and technical fields, how
    long a filing stays valid, and its own target for a pre-examination. The numbers are the
    centre's local rules (domain-rules.md §7 marks them unverified), so they are data."""

    centre = models.OneToOneField("registry.Organization", verbose_name=_("protection centre"),
                                  on_delete=models.PROTECT, related_name="preexam_profile")
    service_area = models.ManyToManyField(
        "registry.District", verbose_name=_("service area"), related_name="+",
        help_text=_("Districts and counties whose entities may file; choosing the city covers all its districts."))
    ipc_classes = models.CharField(_("IPC fields"), max_length=500, blank=True,
                                   help_text=_("The technical fields it pre-examines; empty: any."))
    industries = models.CharField(_("industries"), max_length=60, blank=True,
                                  help_text=_("GB/T 4754 sections of the industries it serves; empty: any."))
    filing_years = models.PositiveSmallIntegerField(_("years a filing stays valid"), default=3,
                                                    validators=[MinValueValidator(1), MaxValueValidator(10)])
    target_working_days = models.PositiveSmallIntegerField(
        _("target for a pre-examination (working days)"), default=5,
        validators=[MinValueValidator(1), MaxValueValidator(90)])
    source = models.CharField(_("source of these rules"), max_length=300, blank=True,
                              validators=[registry_validation.plain_text])

    scope_paths = {"organization": "centre", "district": "centre__district"}

    class Meta:
        verbose_name = _("centre filing rules")
        verbose_name_plural = _("centre filing rules")
        ordering = ["centre__name"]

    def __str__(self):
        return str(self.centre)

    def clean(self):
        validation.clean_centre_profile(self)

    def get_absolute_url(self):
        return reverse("services:centre_edit", args=[self.pk])


class FilingEntity(Versioned):
    """An entity's filing with a protection centre: applied, reviewed (approved or rejected),
    valid for a period, possibly revoked. Valid on a day D when approved, valid_from <= D and
    (valid_to is empty or D <= valid_to); valid_to is the last day of validity, kept by save()
    from valid_until and a revocation (which takes effect on `revoked_on`)."""

    centre = models.ForeignKey("registry.Organization", verbose_name=_("protection centre"),
                               on_delete=models.PROTECT, related_name="filings",
                               limit_choices_to={"kind": "protection_centre"})
    entity = models.ForeignKey("registry.MarketEntity", verbose_name=_("entity"), on_delete=models.PROTECT,
                               related_name="preexam_filings")
    ipc_classes = models.CharField(_("IPC fields"), max_length=300, blank=True,
                                   help_text=_("The technical fields in which the entity files patents."))
    industries = models.CharField(_("industries"), max_length=60, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True,
                                    validators=[registry_validation.plain_text])
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True,
                                     validators=[registry_validation.phone])
    applied_on = models.DateField(_("applied on"))
    status = models.CharField(_("status"), max_length=10, choices=FilingStatus.choices, default=FilingStatus.APPLIED,
                              editable=False)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True, editable=False)
    review_note = models.CharField(_("review note"), max_length=300, blank=True, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True, editable=False)
    valid_until = models.DateField(_("valid until"), null=True, blank=True, editable=False)
    revoked_on = models.DateField(_("revoked from"), null=True, blank=True, editable=False)
    revocation_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True, editable=False)
    valid_to = models.DateField(null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", editable=False)

    scope_paths = {"organization": "centre", "district": "entity__district", "entity": "entity"}

    class Meta:
        verbose_name = _("filing entity")
        verbose_name_plural = _("filing entities")
        ordering = ["-applied_on", "-pk"]
        indexes = [models.Index(fields=["valid_from", "valid_to"], name="filing_valid"),
                   models.Index(fields=["centre", "status"], name="filing_centre_status"),
                   models.Index(fields=["entity", "status"], name="filing_entity_status")]

    def __str__(self):
        return f"{self.entity} · {self.centre}"

    def clean(self):
        validation.clean_filing(self)

    def save(self, *args, **kwargs):
        from ..common import day_before, earliest

        if self.status in (FilingStatus.APPROVED, FilingStatus.REVOKED) and self.valid_from:
            self.valid_to = earliest(self.valid_until, day_before(self.revoked_on))
        else:  # never approved: never valid
            self.valid_from = self.valid_to = None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("services:filing_detail", args=[self.pk])

    def valid_on(self, day) -> bool:
        return bool(self.valid_from and self.valid_from <= day and (self.valid_to is None or day <= self.valid_to))


class PreexamRequest(Versioned):
    """A patent application sent through a centre's fast pre-examination channel, from submission
    to outcome. Turnaround (calendar and working days from submission to outcome, the day of
    submission not counted) is kept by save() for statistics."""

    filing = models.ForeignKey(FilingEntity, verbose_name=_("filing entity"), on_delete=models.PROTECT,
                               related_name="requests")
    reference = models.CharField(_("centre's reference"), max_length=60, blank=True,
                                 validators=[registry_validation.plain_text])
    title = models.CharField(_("title of the application"), max_length=200,
                             validators=[registry_validation.plain_text])
    patent_kind = models.CharField(_("kind of patent"), max_length=10, choices=PatentKind.choices)
    ipc_class = models.CharField(_("main IPC class"), max_length=40, blank=True,
                                 help_text=_("Required for inventions and utility models."))
    submitted_on = models.DateField(_("submitted on"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=PreexamOutcome.choices,
                               default=PreexamOutcome.PENDING)
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    outcome_note = models.CharField(_("outcome note"), max_length=300, blank=True,
                                    validators=[registry_validation.plain_text])
    application_number = models.CharField(_("application number"), max_length=40, blank=True,
                                          help_text=_("Given by CNIPA once the application is filed after passing."),
                                          validators=[registry_validation.plain_text])
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    turnaround_days = models.PositiveIntegerField(_("turnaround (days)"), null=True, blank=True, editable=False)
    turnaround_working_days = models.PositiveIntegerField(_("turnaround (working days)"), null=True, blank=True,
                                                          editable=False)
    days_to_grant = models.PositiveIntegerField(_("days from submission to grant"), null=True, blank=True,
                                                editable=False)

    scope_paths = {"organization": "filing__centre", "district": "filing__entity__district",
                   "entity": "filing__entity"}

    class Meta:
        verbose_name = _("pre-examination request")
        verbose_name_plural = _("pre-examination requests")
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["submitted_on"], name="preexam_submitted"),
                   models.Index(fields=["outcome", "outcome_on"], name="preexam_outcome")]

    def __str__(self):
        return f"{self.title} ({self.get_patent_kind_display()})"

    def clean(self):
        validation.clean_preexam(self)

    def save(self, *args, **kwargs):
        from zhibao.calendar.workdays import working_days_between

        if self.outcome_on and self.submitted_on and self.outcome != PreexamOutcome.PENDING:
            self.turnaround_days = (self.outcome_on - self.submitted_on).days
            self.turnaround_working_days = working_days_between(self.submitted_on, self.outcome_on)
        else:
            self.turnaround_days = self.turnaround_working_days = None
        self.days_to_grant = (self.granted_on - self.submitted_on).days if self.granted_on else None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("services:preexam_detail", args=[self.pk])
