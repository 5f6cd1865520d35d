"""The city's registries: divisions, zones, organizations, market entities, persons, IP rights.

Rules about these records (code checks, duplicates, masking) live in `validation.py`
and `masking.py`; this module only says what is stored.
"""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import validation
from .choices import (
    DivisionLevel, EntityKind, EntityStatus, Gender, GIRegime, HolderRole, Industry,
    OrganizationKind, RightKind, RightStatus, ZoneLevel,
)


class Versioned(models.Model):
    """A row version for optimistic locking: a save based on a stale version is refused."""

    version = models.PositiveIntegerField(default=1, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class District(models.Model):
    """An administrative division under its GB/T 2260 code: Xi'an, its districts and
    counties, and the other cities of the Guanzhong Plain city cluster."""

    code = models.CharField(_("division code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=50)
    level = models.CharField(_("level"), max_length=10, choices=DivisionLevel.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    in_cluster = models.BooleanField(_("in the Guanzhong Plain city cluster"), default=False)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]

    def __str__(self):
        return self.name


class PopulationRecord(models.Model):
    """Year-end resident population (常住人口) of a division, with its source."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="population")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    population = models.PositiveIntegerField(_("resident population"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("population record")
        verbose_name_plural = _("population records")
        ordering = ["district", "-year"]
        constraints = [models.UniqueConstraint(fields=["district", "year"], name="population_once_per_year")]

    def __str__(self):
        return f"{self.district} {self.year}: {self.population}"


class DevelopmentZone(models.Model):
    """A functional area (开发区, 新区); not an administrative division."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    level = models.CharField(_("level"), max_length=12, choices=ZoneLevel.choices)
    district = models.ForeignKey(
        District, verbose_name=_("main district"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="zones",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("development zone")
        verbose_name_plural = _("development zones")
        ordering = ["level", "name"]

    def __str__(self):
        return self.name


class Organization(Versioned):
    """A body of the protection system: administration, centre, police, court, mediation..."""

    name = models.CharField(_("name"), max_length=150, unique=True, validators=[validation.plain_text])
    short_name = models.CharField(_("short name"), max_length=50, blank=True, validators=[validation.plain_text])
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices, db_index=True)
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="organizations",
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent body"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    uscc = models.CharField(_("unified social credit code"), max_length=18, null=True, blank=True, unique=True)
    address = models.CharField(_("address"), max_length=200, blank=True, validators=[validation.plain_text])
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validation.phone])
    is_active = models.BooleanField(_("active"), default=True)

    scope_paths = {"organization": "pk", "district": "district"}

    def clean(self):
        validation.clean_organization(self)

    def get_absolute_url(self):
        return reverse("registry:organization_detail", args=[self.pk])

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MarketEntity(Versioned):
    """A market entity (市场主体) under its unified social credit code."""

    name = models.CharField(_("name"), max_length=150, db_index=True, validators=[validation.plain_text])
    uscc = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=EntityKind.choices, default=EntityKind.COMPANY)
    status = models.CharField(_("status"), max_length=10, choices=EntityStatus.choices, default=EntityStatus.ACTIVE)
    legal_representative = models.CharField(
        _("legal representative"), max_length=50, blank=True, validators=[validation.plain_text]
    )
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="entities")
    zone = models.ForeignKey(
        DevelopmentZone, verbose_name=_("development zone"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="entities",
    )
    address = models.CharField(_("address"), max_length=200, blank=True, validators=[validation.plain_text])
    industry = models.CharField(_("industry"), max_length=1, choices=Industry.choices, blank=True)
    established = models.DateField(
        _("date established"), null=True, blank=True, validators=[validation.not_in_future]
    )
    registered_capital = models.DecimalField(
        _("registered capital (10,000 yuan)"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validation.phone])
    org = models.ForeignKey(
        Organization, verbose_name=_("supervising body"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="supervised_entities",
    )

    scope_paths = {"organization": "org", "district": "district", "entity": "pk"}

    def clean(self):
        validation.clean_entity(self)

    def get_absolute_url(self):
        return reverse("registry:entity_detail", args=[self.pk])

    class Meta:
        verbose_name = _("market entity")
        verbose_name_plural = _("market entities")
        ordering = ["name"]
        indexes = [models.Index(fields=["district", "name"], name="entity_district_name")]

    def __str__(self):
        return self.name


class Person(Versioned):
    """A natural person. Name, ID number, phone and address are personal data: masked
    wherever shown to someone without the right to see them, and every full view is logged."""

    PERSONAL_FIELDS = ("name", "id_number", "phone", "address")

    name = models.CharField(_("name"), max_length=50, db_index=True, validators=[validation.plain_text])
    id_number = models.CharField(_("resident ID number"), max_length=18, null=True, blank=True, unique=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True, validators=[validation.not_in_future])
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validation.phone])
    address = models.CharField(_("address"), max_length=200, blank=True, validators=[validation.plain_text])
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="persons"
    )
    org = models.ForeignKey(
        Organization, verbose_name=pgettext_lazy("registering body", "recorded by"), null=True, blank=True,
        on_delete=models.PROTECT,
        related_name="recorded_persons",
    )

    scope_paths = {"organization": "org", "district": "district"}

    def clean(self):
        validation.clean_person(self)

    def get_absolute_url(self):
        return reverse("registry:person_detail", args=[self.pk])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class IPRight(Versioned):
    """A patent, trademark, copyright, geographical indication or plant variety."""

    kind = models.CharField(_("kind"), max_length=16, choices=RightKind.choices, db_index=True)
    number = models.CharField(
        _("number"), max_length=40,
        help_text=_("Patent number, trademark registration number, copyright registration number, "
                    "GI announcement number or plant variety right number."),
    )
    title = models.CharField(_("title"), max_length=200, db_index=True, validators=[validation.plain_text])
    status = models.CharField(_("status"), max_length=12, choices=RightStatus.choices, default=RightStatus.VALID)
    application_date = models.DateField(
        _("application date"), null=True, blank=True, validators=[validation.not_in_future]
    )
    grant_date = models.DateField(
        _("grant or registration date"), null=True, blank=True, validators=[validation.not_in_future]
    )
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)
    ipc_classes = models.CharField(_("IPC classes"), max_length=200, blank=True, validators=[validation.plain_text])
    nice_classes = models.CharField(
        _("Nice classes"), max_length=200, blank=True, help_text=_("Comma-separated, 1 to 45.")
    )
    gi_regime = models.CharField(_("GI regime"), max_length=12, choices=GIRegime.choices, blank=True)
    protected_area = models.CharField(_("protected area"), max_length=300, blank=True, validators=[validation.plain_text])
    description = models.TextField(_("description"), blank=True, max_length=5000, validators=[validation.plain_text])
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="rights",
        help_text=_("Where the (first) holder is located."),
    )
    org = models.ForeignKey(
        Organization, verbose_name=_("supervising body"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="supervised_rights",
    )

    scope_paths = {"organization": "org", "district": "district", "entity": "holders__entity"}

    def clean(self):
        validation.clean_right(self)

    def get_absolute_url(self):
        return reverse("registry:right_detail", args=[self.pk])

    class Meta:
        verbose_name = _("IP right")
        verbose_name_plural = _("IP rights")
        ordering = ["kind", "number"]
        constraints = [models.UniqueConstraint(fields=["kind", "number"], name="right_number_unique_per_kind")]
        indexes = [models.Index(fields=["number"], name="right_number")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number} {self.title}"

    @property
    def nice_class_list(self) -> list[int]:
        return [int(c) for c in self.nice_classes.split(",") if c.strip().isdigit()]


class RightHolder(models.Model):
    """Who holds a right: a market entity or a natural person, in a role."""

    right = models.ForeignKey(IPRight, on_delete=models.CASCADE, related_name="holders")
    entity = models.ForeignKey(
        MarketEntity, null=True, blank=True, on_delete=models.CASCADE, related_name="holdings"
    )
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="holdings")
    role = models.CharField(_("role"), max_length=10, choices=HolderRole.choices, default=HolderRole.OWNER)
    since = models.DateField(_("since"), null=True, blank=True)

    def clean(self):
        validation.clean_holder(self)

    class Meta:
        verbose_name = _("right holder")
        verbose_name_plural = _("right holders")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(entity__isnull=False, person__isnull=True)
                | models.Q(entity__isnull=True, person__isnull=False),
                name="holder_is_entity_or_person",
            ),
            models.UniqueConstraint(fields=["right", "entity"], name="holder_entity_once"),
            models.UniqueConstraint(fields=["right", "person"], name="holder_person_once"),
        ]

    def __str__(self):
        return f"{self.entity or self.person} – {self.right}"


class GIAuthorization(models.Model):
    """A producer authorized to use a geographical indication."""

    right = models.ForeignKey(
        IPRight, on_delete=models.CASCADE, related_name="gi_users", limit_choices_to={"kind": RightKind.GI}
    )
    entity = models.ForeignKey(MarketEntity, on_delete=models.CASCADE, related_name="gi_authorizations")
    certificate = models.CharField(_("authorization number"), max_length=50, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("authorized GI user")
        verbose_name_plural = _("authorized GI users")
        constraints = [models.UniqueConstraint(fields=["right", "entity"], name="gi_user_once")]

    def __str__(self):
        return f"{self.entity} – {self.right.title}"
