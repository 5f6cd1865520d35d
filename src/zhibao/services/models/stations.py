"""Workstations (维权援助工作站, 公安/检察/涉外工作站, 展会投诉站, 巡回审判庭) and the services they give."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhibao.registry import validation as registry_validation
from zhibao.registry.models import Versioned

from .. import validation
from ..choices import ServiceKind, WorkstationKind


class Workstation(Versioned):
    """A workstation of any kind. It is also a body of the registry (`org`): its staff belong
    to that organization, and assistance cases it opens are handled by it. The organization
    is created with the workstation and kept in step with its name, district and address.

    In operation over [opened_on, closed_on], both days included (closed_on empty: still open).
    """

    name = models.CharField(_("name"), max_length=150, unique=True, validators=[registry_validation.plain_text])
    kind = models.CharField(_("kind"), max_length=16, choices=WorkstationKind.choices, db_index=True)
    org = models.OneToOneField(
        "registry.Organization", verbose_name=_("body in the registry"), on_delete=models.PROTECT,
        related_name="workstation", editable=False,
        help_text=_("The workstation as a body: its staff accounts belong to it."))
    supervisor = models.ForeignKey(
        "registry.Organization", verbose_name=pgettext_lazy("workstation", "supervising body"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="supervised_workstations",
        help_text=_("The body that set up the workstation and oversees it (protection centre, police, ...)."))
    host_org = models.ForeignKey(
        "registry.Organization", verbose_name=_("host body"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="hosted_workstations", help_text=_("A public body that hosts the workstation (court, procuratorate, ...)."))
    host_entity = models.ForeignKey(
        "registry.MarketEntity", verbose_name=_("host enterprise"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="hosted_workstations",
        help_text=_("The key enterprise, park operator, market or exhibition organizer that hosts it."))
    host_name = models.CharField(
        _("host (other)"), max_length=150, blank=True, validators=[registry_validation.plain_text],
        help_text=_("A host that is not in the registry: an industrial park, an association, an exhibition."))
    district = models.ForeignKey("registry.District", verbose_name=_("district"), on_delete=models.PROTECT,
                                 related_name="workstations")
    zone = models.ForeignKey("registry.DevelopmentZone", verbose_name=_("development zone"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="workstations")
    address = models.CharField(_("address"), max_length=200, blank=True, validators=[registry_validation.plain_text])
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
                                   validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
                                    validators=[MinValueValidator(-180), MaxValueValidator(180)])
    opened_on = models.DateField(_("opened on"), help_text=_("First day in operation."))
    closed_on = models.DateField(pgettext_lazy("workstation", "closed on"), null=True, blank=True,
                                 help_text=_("Last day in operation; leave empty while it operates."))
    note = models.TextField(_("note"), blank=True, max_length=2000, validators=[registry_validation.plain_text])
    # The bodies whose users see the workstation and its records with an "own organization"
    # scope: the workstation itself, its supervisor and its host body (kept by stations.py).
    bodies = models.ManyToManyField("registry.Organization", related_name="+", blank=True, editable=False)

    scope_paths = {"organization": "bodies", "district": "district", "entity": "services__recipients__entity"}

    class Meta:
        verbose_name = _("workstation")
        verbose_name_plural = _("workstations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["opened_on", "closed_on"], name="workstation_operating"),
            models.Index(fields=["district", "opened_on"], name="workstation_district"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        validation.clean_workstation(self)

    def get_absolute_url(self):
        return reverse("services:workstation_detail", args=[self.pk])

    @property
    def host(self) -> str:
        return str(self.host_entity or self.host_org or self.host_name or "")

    def operating_on(self, day) -> bool:
        return self.opened_on <= day and (self.closed_on is None or day <= self.closed_on)


class WorkstationContact(models.Model):
    """A member of staff whom enterprises contact at a workstation."""

    workstation = models.ForeignKey(Workstation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=50, validators=[registry_validation.plain_text])
    position = models.CharField(_("position"), max_length=100, blank=True,
                                validators=[registry_validation.plain_text])
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[registry_validation.phone])
    email = models.EmailField(_("email"), blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("staff account"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    scope_paths = {"organization": "workstation__bodies", "district": "workstation__district"}

    class Meta:
        verbose_name = _("workstation contact")
        verbose_name_plural = _("workstation contacts")
        ordering = ["workstation", "pk"]

    def __str__(self):
        return f"{self.name} ({self.position})" if self.position else self.name


class ServiceRecord(Versioned):
    """One service a workstation gave, to one or more enterprises (a training session to many)."""

    workstation = models.ForeignKey(Workstation, verbose_name=_("workstation"), on_delete=models.PROTECT,
                                    related_name="services")
    kind = models.CharField(_("service"), max_length=16, choices=ServiceKind.choices)
    served_on = models.DateField(_("date of service"))
    subject = models.CharField(_("subject"), max_length=200, validators=[registry_validation.plain_text])
    details = models.TextField(_("details"), blank=True, max_length=5000,
                               validators=[registry_validation.plain_text])
    participants = models.PositiveIntegerField(
        _("participants"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100000)],
        help_text=_("For training: how many people attended."))
    case = models.ForeignKey("cases.Case", verbose_name=_("assistance case"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="service_records", editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)

    scope_paths = {"organization": "workstation__bodies", "district": "workstation__district",
                   "entity": "recipients__entity"}

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-served_on", "-pk"]
        indexes = [
            models.Index(fields=["served_on"], name="service_served_on"),
            models.Index(fields=["workstation", "served_on"], name="service_station_day"),
        ]

    def __str__(self):
        return f"{self.served_on:%Y-%m-%d} {self.get_kind_display()}: {self.subject}"

    def clean(self):
        validation.clean_service_record(self)

    def get_absolute_url(self):
        return reverse("services:record_detail", args=[self.pk])


class ServiceRecipient(models.Model):
    """An enterprise served by a service record."""

    record = models.ForeignKey(ServiceRecord, on_delete=models.CASCADE, related_name="recipients")
    entity = models.ForeignKey("registry.MarketEntity", verbose_name=_("enterprise"), on_delete=models.PROTECT,
                               related_name="services_received")

    class Meta:
        verbose_name = _("enterprise served")
        verbose_name_plural = _("enterprises served")
        constraints = [models.UniqueConstraint(fields=["record", "entity"], name="service_recipient_once")]
        indexes = [models.Index(fields=["entity", "record"], name="service_recipient_entity")]

    def __str__(self):
        return str(self.entity)
