"""What intake stores: triage rules and criteria with their history, proposals, decisions.

Rules officials may change are data with history: a `TriageRule` is only an identity; what it
says is in its `TriageRuleVersion` rows, each in force from a date, with who changed it, when
and why. The simple/complex criteria are versioned the same way (`TrackCriteria`). Nothing is
edited in place: a change is a new version, so the rules in force on any past date can be read
back (`rules.in_force(on)`).
"""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhibao.registry.choices import OrganizationKind


class Matter(models.TextChoices):
    """What the caller says happened: an infringement between parties, or passing off / counterfeiting."""

    INFRINGEMENT = "infringement", _("Infringement")
    PASSING_OFF = "passing_off", _("Passing off or counterfeiting")


class Presence(models.TextChoices):
    """A yes/no condition of a rule; blank means it does not matter."""

    ANY = "", _("Does not matter")
    YES = "yes", _("Yes")
    NO = "no", _("No")


class TriageRule(models.Model):
    """The identity of one triage rule; its content is in its versions."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("triage rule")
        verbose_name_plural = _("triage rules")
        ordering = ["code"]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("intake:rule_detail", args=[self.code])


class TriageRuleVersion(models.Model):
    """One version of a rule: its conditions and result, in force from `effective_from`.

    Conditions left empty match anything. The rules in force on a date are, per rule, the
    latest version effective on or before it (highest `number` on the same date); a version
    with `active` False retires the rule from that date. Lower `priority` is tried first.
    """

    rule = models.ForeignKey(TriageRule, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    effective_from = models.DateField(_("in force from"))
    active = models.BooleanField(_("in force"), default=True)
    priority = models.PositiveSmallIntegerField(_("priority"), default=100,
                                                help_text=_("Rules are tried in this order, lowest first."))
    name = models.CharField(_("name"), max_length=120)
    # conditions
    case_procedures = models.JSONField(_("report or complaint"), default=list, blank=True)
    matters = models.JSONField(_("matters"), default=list, blank=True)
    right_kinds = models.JSONField(_("types of right"), default=list, blank=True)
    districts = models.JSONField(_("districts"), default=list, blank=True)
    min_value = models.DecimalField(_("value involved from (yuan)"), max_digits=14, decimal_places=2, null=True,
                                    blank=True)
    max_value = models.DecimalField(_("value involved below (yuan)"), max_digits=14, decimal_places=2, null=True,
                                    blank=True)
    foreign = models.CharField(_("foreign element"), max_length=3, choices=Presence.choices, blank=True)
    exhibition = models.CharField(_("at an exhibition"), max_length=3, choices=Presence.choices, blank=True)
    online = models.CharField(_("on an online platform"), max_length=3, choices=Presence.choices, blank=True)
    # result
    body = models.ForeignKey("registry.Organization", verbose_name=_("competent body"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    body_kind = models.CharField(_("kind of competent body"), max_length=20, choices=OrganizationKind.choices,
                                 blank=True, help_text=_("Used when no body is named: the body of this kind in "
                                                         "the case's district, or else the city's."))
    procedure = models.CharField(_("procedure"), max_length=30)
    track = models.CharField(_("track"), max_length=10, blank=True,
                             help_text=_("Leave empty to let the simple/complex criteria decide."))
    reasons = models.TextField(_("reasons"), max_length=2000)
    # history
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    changed = models.DateTimeField(_("changed"), auto_now_add=True)
    why = models.TextField(_("reason for the change"), max_length=2000)

    class Meta:
        verbose_name = _("triage rule version")
        verbose_name_plural = _("triage rule versions")
        ordering = ["rule", "-number"]
        constraints = [models.UniqueConstraint(fields=["rule", "number"], name="triage_rule_version_once")]
        indexes = [models.Index(fields=["rule", "effective_from", "number"], name="triage_rule_in_force")]

    def __str__(self):
        return f"{self.rule.code} v{self.number}"


class TrackCriteria(models.Model):
    """One version of the simple/complex (繁简分流) criteria, in force from `effective_from`.

    A matter is complex when any criterion holds (or its rule says so); otherwise simple."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    effective_from = models.DateField(_("in force from"))
    complex_value_from = models.DecimalField(
        _("complex from a value involved of (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    complex_rights_from = models.PositiveSmallIntegerField(
        _("complex from this many rights involved"), null=True, blank=True)
    complex_respondents_from = models.PositiveSmallIntegerField(
        _("complex from this many respondents"), null=True, blank=True)
    foreign_is_complex = models.BooleanField(_("a foreign element makes it complex"), default=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    changed = models.DateTimeField(_("changed"), auto_now_add=True)
    why = models.TextField(_("reason for the change"), max_length=2000)

    class Meta:
        verbose_name = _("simple/complex criteria")
        verbose_name_plural = _("simple/complex criteria")
        ordering = ["-number"]

    def __str__(self):
        return f"v{self.number} ({self.effective_from})"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a decision")
    DECIDED = "decided", _("Decided")


class Proposal(models.Model):
    """What triage proposes for a report or complaint when it arrives: body, procedure and track
    with the reasons, and the likely duplicates among recent open intake cases.

    `facts` is what the proposal was computed from (types of right, district, value, ...);
    `declared` holds what the person taking the call said that the case records cannot show
    (the matter, a foreign element). `reasons` and `duplicates` are structured so that they are
    shown in the reader's language (see proposals.describe)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="intake_proposal")
    status = models.CharField(_("status"), max_length=8, choices=ProposalStatus.choices,
                              default=ProposalStatus.PENDING)
    rules_on = models.DateField(_("rules in force on"))
    declared = models.JSONField(_("declared at intake"), default=dict, blank=True)
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    rule_version = models.ForeignKey(TriageRuleVersion, verbose_name=_("rule applied"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    criteria = models.ForeignKey(TrackCriteria, verbose_name=_("criteria applied"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey("registry.Organization", verbose_name=_("proposed body"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    procedure = models.CharField(_("proposed procedure"), max_length=30, blank=True)
    track = models.CharField(_("proposed track"), max_length=10, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    duplicates = models.JSONField(_("likely duplicates"), default=list, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    scope_paths = {"organization": "case__handling_org", "district": "case__district",
                   "entity": "case__parties__entity"}

    class Meta:
        verbose_name = _("triage proposal")
        verbose_name_plural = _("triage proposals")
        ordering = ["-case__received_on", "-pk"]
        indexes = [models.Index(fields=["status", "created"], name="proposal_status")]

    def __str__(self):
        return f"{self.case.reference}"

    def get_absolute_url(self):
        return reverse("intake:proposal", args=[self.pk])


class Decision(models.Model):
    """The officer's triage decision: who, when, what was decided, what differed from the
    proposal and why; `event` is the step on the case timeline that applied it."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="decision")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided = models.DateTimeField(_("decided"), auto_now_add=True)
    body = models.ForeignKey("registry.Organization", verbose_name=_("competent body"), on_delete=models.PROTECT,
                             related_name="+")
    procedure = models.CharField(_("procedure"), max_length=30)
    track = models.CharField(_("track"), max_length=10)
    duplicate_of = models.ForeignKey("cases.Case", verbose_name=_("duplicate of"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="intake_duplicates")
    differences = models.JSONField(_("differs from the proposal in"), default=list, blank=True)
    why = models.TextField(_("reason"), max_length=2000, blank=True)
    event = models.ForeignKey("cases.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    scope_paths = {"organization": "proposal__case__handling_org", "district": "proposal__case__district"}

    class Meta:
        verbose_name = _("triage decision")
        verbose_name_plural = _("triage decisions")
        ordering = ["-decided", "-pk"]

    def __str__(self):
        return f"{self.proposal} → {self.body}"
