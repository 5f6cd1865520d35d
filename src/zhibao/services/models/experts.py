"""The expert pool (智库专家、技术调查官、特派员), draws of experts for cases, their opinions."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhibao.registry import validation as registry_validation
from zhibao.registry.models import Versioned

from .. import validation
from ..choices import (
    Availability, ExpertRole, OpinionKind, PickState, RecusalReason, TieKind,
)


class Expert(Versioned):
    """A person in the expert pool. What they may be drawn as is given by their appointments;
    `employer_*` and the declared ties are what the draw checks for conflicts of interest."""

    name = models.CharField(_("name"), max_length=50, db_index=True, validators=[registry_validation.plain_text])
    title = models.CharField(_("professional title"), max_length=50, blank=True,
                             validators=[registry_validation.plain_text])
    person = models.OneToOneField(
        "registry.Person", verbose_name=_("person in the registry"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="expert",
        help_text=_("Links the expert to the registry, so that a case in which they are a party is seen."))
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="expert",
                                help_text=_("The expert's own account, with which they record their opinions."))
    employer_entity = models.ForeignKey(
        "registry.MarketEntity", verbose_name=_("employer (market entity)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="employed_experts")
    employer_org = models.ForeignKey(
        "registry.Organization", verbose_name=_("employer (public body)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="employed_experts")
    employer_name = models.CharField(
        _("organization"), max_length=150, validators=[registry_validation.plain_text],
        help_text=_("Where the expert works; taken from the registry record when one is chosen."))
    ipc_classes = models.CharField(
        _("IPC classes"), max_length=300, blank=True,
        help_text=_("The technical fields, as IPC sections, classes, subclasses or groups: H04L, B23Q 11/00."))
    industries = models.CharField(_("industries"), max_length=60, blank=True,
                                  help_text=_("GB/T 4754 sections, e.g. C, I, M."))
    specialty = models.CharField(_("specialty"), max_length=200, blank=True,
                                 validators=[registry_validation.plain_text])
    phone = models.CharField(_("work phone"), max_length=30, blank=True, validators=[registry_validation.phone])
    email = models.EmailField(_("email"), blank=True)
    availability = models.CharField(_("availability"), max_length=12, choices=Availability.choices,
                                    default=Availability.AVAILABLE)
    note = models.TextField(_("note"), blank=True, max_length=2000, validators=[registry_validation.plain_text])

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        validation.clean_expert(self)

    def get_absolute_url(self):
        return reverse("services:expert_detail", args=[self.pk])


class ExpertAppointment(models.Model):
    """An appointment to the pool in one role for a term (聘期), both ends included. An
    appointment ended early is no longer valid from `ended_on` on. `valid_from`/`valid_to`
    are kept by save() for the indicator counts (common.valid_on)."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="appointments")
    role = models.CharField(_("role"), max_length=16, choices=ExpertRole.choices)
    appointed_by = models.ForeignKey("registry.Organization", verbose_name=_("appointed by"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    document = models.CharField(_("appointment document"), max_length=100, blank=True,
                                validators=[registry_validation.plain_text])
    starts_on = models.DateField(_("term starts on"))
    ends_on = models.DateField(_("term ends on"), null=True, blank=True, help_text=_("Last day of the term."))
    ended_on = models.DateField(_("ended early from"), null=True, blank=True,
                                help_text=_("First day on which the appointment is no longer valid."))
    end_reason = models.CharField(_("reason it ended early"), max_length=200, blank=True,
                                  validators=[registry_validation.plain_text])
    valid_from = models.DateField(editable=False)
    valid_to = models.DateField(null=True, blank=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["expert", "-starts_on"]
        indexes = [models.Index(fields=["role", "valid_from", "valid_to"], name="appointment_valid"),
                   models.Index(fields=["valid_from", "valid_to"], name="appointment_period")]

    def __str__(self):
        return f"{self.expert} · {self.get_role_display()} {self.starts_on:%Y-%m-%d}–" + (
            f"{self.valid_to:%Y-%m-%d}" if self.valid_to else "")

    def clean(self):
        validation.clean_appointment(self)

    def save(self, *args, **kwargs):
        from ..common import day_before, earliest

        self.valid_from = self.starts_on
        self.valid_to = earliest(self.ends_on, day_before(self.ended_on))
        super().save(*args, **kwargs)


class ExpertUnavailability(models.Model):
    """A period in which the expert cannot be drawn (travel, illness, workload), both days included."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="unavailable")
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True, validators=[registry_validation.plain_text])

    class Meta:
        verbose_name = _("unavailability")
        verbose_name_plural = _("unavailability periods")
        ordering = ["expert", "-first_day"]

    def __str__(self):
        return f"{self.expert}: {self.first_day:%Y-%m-%d}–{self.last_day:%Y-%m-%d}"

    def clean(self):
        validation.clean_unavailability(self)


class ExpertTie(models.Model):
    """A tie the expert declared, or that was found: a former employer, an engagement, a
    personal or business relationship, or acting for a party in a case."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="ties")
    kind = models.CharField(_("kind"), max_length=16, choices=TieKind.choices)
    entity = models.ForeignKey("registry.MarketEntity", verbose_name=_("market entity"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="expert_ties")
    person = models.ForeignKey("registry.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="expert_ties")
    name = models.CharField(_("name (if not in the registry)"), max_length=150, blank=True,
                            validators=[registry_validation.plain_text])
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="expert_ties")
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True, help_text=_("Leave empty while it lasts."))
    detail = models.CharField(_("details"), max_length=300, blank=True, validators=[registry_validation.plain_text])
    declared_on = models.DateField(_("declared on"), null=True, blank=True)

    class Meta:
        verbose_name = _("declared tie")
        verbose_name_plural = _("declared ties")
        ordering = ["expert", "kind", "pk"]

    def __str__(self):
        target = self.entity or self.person or self.name or (self.case.reference if self.case_id else "")
        return f"{self.get_kind_display()}: {target}"

    def clean(self):
        validation.clean_tie(self)


class ExpertDraw(models.Model):
    """One draw of experts for a case, kept exactly as it was made so that it can be audited
    and replayed (draw.py): the seed, the experts considered, the candidates with the
    workload each had, every exclusion with its reasons, and the picks in order."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="expert_draws")
    role = models.CharField(_("role"), max_length=16, choices=ExpertRole.choices)
    ipc_classes = models.CharField(_("IPC classes"), max_length=300, blank=True)
    industries = models.CharField(_("industries"), max_length=60, blank=True)
    count = models.PositiveSmallIntegerField(_("experts to draw"),
                                             validators=[MinValueValidator(1), MaxValueValidator(15)])
    drawn_on = models.DateField(_("drawn on"))
    seed = models.BigIntegerField(_("seed"))
    considered = models.JSONField(_("experts considered"), default=list)
    candidates = models.JSONField(_("candidates and their workload"), default=list)
    exclusions = models.JSONField(_("exclusions"), default=list)
    picked = models.JSONField(_("picks"), default=list)
    replaces = models.ForeignKey("DrawPick", verbose_name=_("replaces"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="replacement_draws")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("drawn by"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[registry_validation.plain_text])
    created = models.DateTimeField(_("recorded"), auto_now_add=True)

    scope_paths = {"organization": "case__handling_org", "district": "case__district"}

    class Meta:
        verbose_name = _("expert draw")
        verbose_name_plural = _("expert draws")
        ordering = ["-drawn_on", "-pk"]
        indexes = [models.Index(fields=["case", "drawn_on"], name="draw_case")]

    def __str__(self):
        return f"{self.case.reference} · {self.get_role_display()} · {self.drawn_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("services:draw_detail", args=[self.pk])


class DrawPick(models.Model):
    """An expert picked by a draw, serving on the case until recused."""

    draw = models.ForeignKey(ExpertDraw, on_delete=models.CASCADE, related_name="picks")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="expert_picks")
    expert = models.ForeignKey(Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="picks")
    order = models.PositiveSmallIntegerField(_("order"))
    drawn_on = models.DateField(_("drawn on"))
    state = models.CharField(_("state"), max_length=10, choices=PickState.choices, default=PickState.ACTIVE)
    recused_on = models.DateField(_("recused on"), null=True, blank=True)
    recusal_reason = models.CharField(_("reason for recusal"), max_length=12, choices=RecusalReason.choices,
                                      blank=True)
    recusal_note = models.CharField(_("recusal details"), max_length=300, blank=True,
                                    validators=[registry_validation.plain_text])
    recused_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    scope_paths = {"organization": "case__handling_org", "district": "case__district"}

    class Meta:
        verbose_name = _("expert drawn")
        verbose_name_plural = _("experts drawn")
        ordering = ["draw", "order"]
        constraints = [models.UniqueConstraint(fields=["draw", "expert"], name="pick_once_per_draw")]
        indexes = [models.Index(fields=["expert", "state", "drawn_on"], name="pick_workload"),
                   models.Index(fields=["case", "expert"], name="pick_case")]

    def __str__(self):
        return f"{self.expert} ({self.get_state_display()})"

    @property
    def replacement(self):
        draw = self.replacement_draws.order_by("pk").first()
        return draw.picks.first() if draw else None


class ExpertOpinion(Versioned):
    """An opinion an expert gives on a case they were drawn for."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="expert_opinions")
    pick = models.ForeignKey(DrawPick, verbose_name=_("drawn as"), on_delete=models.PROTECT, related_name="opinions")
    expert = models.ForeignKey(Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="opinions")
    kind = models.CharField(_("kind"), max_length=14, choices=OpinionKind.choices, default=OpinionKind.TECHNICAL)
    given_on = models.DateField(_("given on"))
    title = models.CharField(_("title"), max_length=200, validators=[registry_validation.plain_text])
    text = models.TextField(_("opinion"), max_length=20000, validators=[registry_validation.plain_text])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)

    scope_paths = {"organization": "case__handling_org", "district": "case__district"}

    class Meta:
        verbose_name = _("expert opinion")
        verbose_name_plural = _("expert opinions")
        ordering = ["-given_on", "-pk"]

    def __str__(self):
        return f"{self.expert}: {self.title}"

    def clean(self):
        validation.clean_opinion(self)

    def get_absolute_url(self):
        return reverse("services:opinion_detail", args=[self.pk])
