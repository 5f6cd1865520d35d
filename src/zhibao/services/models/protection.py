"""Protection lists (重点企业和产品(作品)、检察保护重点联系企业及核心技术、地理标志产品、植物新品种、
重点市场关注名录、展会), the special actions run for them, and product descriptions that right
holders share with chosen bodies."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhibao.registry import validation as registry_validation
from zhibao.registry.models import Versioned

from .. import validation
from ..choices import ListKind


class ListBatch(models.Model):
    """A published batch of a list (e.g. the procuratorate's 第一批 key-contact enterprises)."""

    kind = models.CharField(_("list"), max_length=20, choices=ListKind.choices)
    name = models.CharField(_("batch"), max_length=100, validators=[registry_validation.plain_text])
    published_on = models.DateField(_("published on"))
    publisher = models.ForeignKey("registry.Organization", verbose_name=_("published by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    document = models.CharField(_("document"), max_length=150, blank=True, validators=[registry_validation.plain_text])
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("list batch")
        verbose_name_plural = _("list batches")
        ordering = ["kind", "-published_on"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="list_batch_once")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"

    def clean(self):
        validation.clean_batch(self)


class ListEntry(Versioned):
    """Who or what is on a protection list, why, since when and until when.

    `entity` is who is listed (the enterprise; the owner of a product, the holder of a right,
    the operator of a market, the organizer of an exhibition); `name` what is listed. Listed
    over [valid_from, valid_to], both days included: from `listed_on` to `valid_until`, or to
    the day before `removed_on` when it was taken off the list earlier."""

    kind = models.CharField(_("list"), max_length=20, choices=ListKind.choices, db_index=True)
    entity = models.ForeignKey("registry.MarketEntity", verbose_name=_("enterprise"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="list_entries")
    name = models.CharField(_("listed"), max_length=200, blank=True, validators=[registry_validation.plain_text],
                            help_text=_("The product, work, technology, market or exhibition; for an enterprise, "
                                        "its name."))
    parent = models.ForeignKey("self", verbose_name=_("listed under"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children",
                               help_text=_("The key enterprise of a key product, the contact enterprise of a core "
                                           "technology."))
    rights = models.ManyToManyField("registry.IPRight", verbose_name=_("IP rights"), blank=True,
                                    related_name="list_entries")
    reason = models.TextField(_("why listed"), max_length=1000, validators=[registry_validation.plain_text])
    listed_on = models.DateField(_("listed since"))
    valid_until = models.DateField(_("listed until"), null=True, blank=True,
                                   help_text=_("Last day on the list; empty: until further notice."))
    removed_on = models.DateField(_("removed from"), null=True, blank=True, editable=False)
    removal_reason = models.CharField(_("reason for removal"), max_length=300, blank=True, editable=False)
    batch = models.ForeignKey(ListBatch, verbose_name=_("batch"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="entries")
    keeper = models.ForeignKey("registry.Organization", verbose_name=_("kept by"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="list_entries")
    district = models.ForeignKey("registry.District", verbose_name=_("district"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="list_entries")
    venue = models.CharField(_("venue or address"), max_length=200, blank=True,
                             validators=[registry_validation.plain_text])
    starts_on = models.DateField(_("exhibition opens"), null=True, blank=True)
    ends_on = models.DateField(_("exhibition closes"), null=True, blank=True)
    complaint_office = models.ForeignKey("services.Workstation", verbose_name=_("complaint office"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="exhibitions")
    arrangements = models.TextField(_("IP protection arrangements"), blank=True, max_length=2000,
                                    validators=[registry_validation.plain_text])
    note = models.TextField(_("note"), blank=True, max_length=2000, validators=[registry_validation.plain_text])
    valid_from = models.DateField(editable=False)
    valid_to = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        ordering = ["kind", "-listed_on", "pk"]
        indexes = [models.Index(fields=["kind", "valid_from", "valid_to"], name="list_entry_valid"),
                   models.Index(fields=["entity", "kind"], name="list_entry_entity")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name or self.entity}"

    def clean(self):
        validation.clean_list_entry(self)

    def save(self, *args, **kwargs):
        from ..common import day_before, earliest

        self.valid_from = self.listed_on
        self.valid_to = earliest(self.valid_until, day_before(self.removed_on))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("services:entry_detail", args=[self.pk])

    def listed_on_day(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class SpecialAction(Versioned):
    """A special action run for listed products or markets (e.g. 临潼石榴地理标志保护专项行动)."""

    name = models.CharField(_("name"), max_length=200, validators=[registry_validation.plain_text])
    entries = models.ManyToManyField(ListEntry, verbose_name=_("for"), related_name="actions")
    lead = models.ForeignKey("registry.Organization", verbose_name=_("led by"), on_delete=models.PROTECT,
                             related_name="special_actions")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    description = models.TextField(_("what it does"), max_length=3000, validators=[registry_validation.plain_text])
    results = models.TextField(_("results"), blank=True, max_length=3000, validators=[registry_validation.plain_text])
    cases = models.ManyToManyField("cases.Case", verbose_name=_("cases"), blank=True, related_name="special_actions")

    class Meta:
        verbose_name = _("special action")
        verbose_name_plural = _("special actions")
        ordering = ["-starts_on", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        validation.clean_action(self)

    def get_absolute_url(self):
        return reverse("services:action_detail", args=[self.pk])


class ProductDescription(Versioned):
    """A right holder's description of genuine goods (how to tell them from fakes), shared with
    the bodies the holder chooses. Only the holder and those bodies see it (protection.py)."""

    holder = models.ForeignKey("registry.MarketEntity", verbose_name=_("right holder"), on_delete=models.PROTECT,
                               related_name="product_descriptions")
    name = models.CharField(_("product"), max_length=200, validators=[registry_validation.plain_text])
    rights = models.ManyToManyField("registry.IPRight", verbose_name=_("IP rights"), blank=True,
                                    related_name="product_descriptions")
    features = models.TextField(_("how to tell genuine goods"), max_length=5000,
                                validators=[registry_validation.plain_text])
    markings = models.TextField(_("packaging and markings"), blank=True, max_length=3000,
                                validators=[registry_validation.plain_text])
    channels = models.TextField(_("authorized sales channels"), blank=True, max_length=2000,
                                validators=[registry_validation.plain_text])
    contact = models.CharField(_("contact for verification"), max_length=200, blank=True,
                               validators=[registry_validation.plain_text])
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    shared_with = models.ManyToManyField("registry.Organization", verbose_name=_("shared with"), blank=True,
                                         related_name="shared_product_descriptions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)

    class Meta:
        verbose_name = _("product description")
        verbose_name_plural = _("product descriptions")
        ordering = ["holder", "name"]

    def __str__(self):
        return f"{self.name} ({self.holder})"

    def get_absolute_url(self):
        return reverse("services:product_detail", args=[self.pk])
