"""One Case for every matter a body handles, whatever its procedure.

What differs between a report, an enforcement case, an adjudication, a mediation... is the
procedure (declared as data in `procedures/`), not the tables. Rules live in `engine.py`
(transitions), `clocks.py` (time limits), `timelimits.py` (the amounts in force),
`worklists.py` and `reminders.py`; this module only says what is stored.

Write cases through the engine (`engine.open_case`, `engine.apply`, `engine.add_party`, ...):
it checks the procedure, keeps the timeline and the clocks, and refuses stale versions.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhibao.calendar.limits import Unit


class Track(models.TextChoices):
    SIMPLE = "simple", _("Simple")
    COMPLEX = "complex", _("Complex")
    FAST = "fast", _("Fast track")


class Channel(models.TextChoices):
    HOTLINE = "hotline", _("Hotline")
    PORTAL = "portal", _("Public portal")
    WALK_IN = "walk_in", _("Walk-in")
    TRANSFER = "transfer", _("Transfer from another body")
    INSPECTION = "inspection", _("Found by inspection")
    ONLINE = "online", _("Online account")
    OTHER = "other", _("Other")


class PartyRole(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    REPORTER = "reporter", _("Reporter")
    RESPONDENT = "respondent", _("Respondent")
    REQUESTER = "requester", _("Requester")
    APPLICANT = "applicant", _("Applicant")
    THIRD_PARTY = "third_party", _("Third party")


class PlaceKind(models.TextChoices):
    PREMISES = "premises", _("Premises")
    ONLINE = "online", _("Online shop or platform")
    EXHIBITION = "exhibition", _("Exhibition")
    OTHER = "other", _("Other")


class ClockState(models.TextChoices):
    RUNNING = "running", _("Running")
    PAUSED = "paused", _("Paused")
    MET = "met", _("Met")                # stopped on or before its due date
    OVERDUE = "overdue", _("Overdue")    # stopped after its due date
    STOPPED = "stopped", _("Stopped")    # ended without its step (the case ended another way)


OPEN_CLOCK_STATES = (ClockState.RUNNING, ClockState.PAUSED)


class Threshold(models.IntegerChoices):
    """Reminder thresholds, in the order a clock crosses them."""

    NONE = 0, _("None")
    SOON = 1, _("Due soon")
    DUE = 2, _("Due today")
    OVERDUE = 3, _("Overdue")


class Case(models.Model):
    number = models.CharField(_("case number"), max_length=60, null=True, blank=True, unique=True)
    procedure = models.CharField(_("procedure"), max_length=30)
    kind = models.CharField(_("kind"), max_length=30, blank=True)
    stage = models.CharField(_("stage"), max_length=30)
    track = models.CharField(_("track"), max_length=10, choices=Track.choices, blank=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices, blank=True)
    handling_org = models.ForeignKey(
        "registry.Organization", verbose_name=_("handling body"), on_delete=models.PROTECT, related_name="cases")
    district = models.ForeignKey(
        "registry.District", verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="cases")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=10000)
    received_on = models.DateField(_("received on"))
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=40, blank=True)
    due_date = models.DateField(_("next due date"), null=True, blank=True,
                                help_text=_("The earliest due date of the case's running time limits."))
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    origin = models.ForeignKey("self", verbose_name=_("arose from"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="derived")
    check_code_hash = models.CharField(max_length=64, blank=True, editable=False)
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Assignment", related_name="cases",
                                      verbose_name=_("officers"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    scope_paths = {"organization": "handling_org", "district": "district", "entity": "parties__entity"}

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["procedure", "stage"], name="case_procedure_stage"),
            models.Index(fields=["handling_org", "received_on"], name="case_org_received"),
            models.Index(fields=["district", "received_on"], name="case_district_received"),
            models.Index(fields=["received_on"], name="case_received"),
            models.Index(fields=["due_date"], condition=Q(closed_on__isnull=True), name="case_open_due"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        from django.urls import reverse
        return reverse("cases:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """The case number, or a placeholder until one is assigned (at filing)."""
        return self.number or f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def spec(self):
        from . import procedures
        return procedures.get(self.procedure)

    def get_procedure_display(self) -> str:
        return str(self.spec.label)

    def get_stage_display(self) -> str:
        stage = self.spec.stage(self.stage)
        return str(stage.label) if stage else self.stage

    def get_kind_display(self) -> str:
        return str(self.spec.kind_label(self.kind)) if self.kind else ""

    def get_outcome_display(self) -> str:
        return str(self.spec.outcome_label(self.outcome)) if self.outcome else ""


class CaseSequence(models.Model):
    """The last number given per prefix and year (西市监知执〔2026〕123号)."""

    prefix = models.CharField(max_length=30)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="case_sequence_once")]


class Assignment(models.Model):
    """An officer assigned to a case; `lead` marks the one responsible.

    `case_open` and `due_date` repeat the case's (kept by the engine, see
    clocks.refresh_case_due) so that "my cases, most urgent first" is one walk of the index
    (user, case_open, due_date), however many cases there are."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    lead = models.BooleanField(_("lead officer"), default=False)
    assigned = models.DateTimeField(_("assigned"), auto_now_add=True)
    case_open = models.BooleanField(default=True, editable=False)
    due_date = models.DateField(null=True, blank=True, editable=False)

    scope_paths = {"organization": "case__handling_org", "district": "case__district"}

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="assignment_once")]
        indexes = [models.Index(fields=["user", "case"], name="assignment_user_case"),
                   models.Index(fields=["user", "case_open", "due_date", "case"], name="assignment_worklist")]

    def __str__(self):
        return f"{self.user} – {self.case_id}"


class Party(models.Model):
    """A party to a case: a registered market entity, a registered person, or a name only
    (an unregistered or foreign party)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=12, choices=PartyRole.choices)
    entity = models.ForeignKey("registry.MarketEntity", verbose_name=_("market entity"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="case_parties")
    person = models.ForeignKey("registry.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="case_parties")
    name = models.CharField(_("name"), max_length=150, blank=True)
    no_prc_domicile = models.BooleanField(_("no domicile in the PRC"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope_paths = {"organization": "case__handling_org", "district": "case__district", "entity": "entity"}

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["case", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(entity__isnull=False, person__isnull=False), name="party_entity_or_person"),
            models.CheckConstraint(
                condition=Q(entity__isnull=False) | Q(person__isnull=False) | ~Q(name=""), name="party_named"),
        ]
        indexes = [models.Index(fields=["entity"], name="party_entity"),
                   models.Index(fields=["person"], name="party_person")]

    def __str__(self):
        return str(self.entity or self.person or self.name)


class CaseRight(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="rights")
    right = models.ForeignKey("registry.IPRight", verbose_name=_("IP right"), on_delete=models.PROTECT,
                              related_name="case_links")
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("right involved")
        verbose_name_plural = _("rights involved")
        constraints = [models.UniqueConstraint(fields=["case", "right"], name="case_right_once")]

    def __str__(self):
        return str(self.right)


class Product(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("product"), max_length=150)
    brand = models.CharField(_("brand"), max_length=100, blank=True)
    model_number = models.CharField(_("model"), max_length=100, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    value = models.DecimalField(_("value (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self):
        return self.name


class Place(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="places")
    kind = models.CharField(_("kind"), max_length=12, choices=PlaceKind.choices, default=PlaceKind.PREMISES)
    address = models.CharField(_("address or name"), max_length=300)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    district = models.ForeignKey("registry.District", verbose_name=_("district"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.address


class CaseDocument(models.Model):
    """A document of the procedure that exists on the case (a filing approval form, a decision).

    The engine checks a transition's required documents against these rows. Files, their
    digests and generated Word documents are added on top by the documents module."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200, blank=True)
    reference = models.CharField(_("document number"), max_length=100, blank=True)
    dated = models.DateField(_("dated"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["case", "created", "pk"]
        indexes = [models.Index(fields=["case", "kind"], name="document_case_kind")]

    def __str__(self):
        return self.title or self.kind


class EventKind(models.TextChoices):
    STEP = "step", _("Procedural step")          # a transition of the procedure
    RECORD = "record", _("Record changed")       # parties, rights, documents, officers
    SYSTEM = "system", _("System")               # deadlines recomputed after a schedule change


class Event(models.Model):
    """One entry of the case timeline: who did what, on which date, with what data.

    For a step, `at` is the date it legally happened: it may be earlier than `recorded`, but
    never before the case's previous step, and never in the future. `seq` orders a case's
    events."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=8, choices=EventKind.choices, default=EventKind.STEP)
    code = models.CharField(_("step"), max_length=40)
    from_stage = models.CharField(_("from stage"), max_length=30, blank=True)
    to_stage = models.CharField(_("to stage"), max_length=30, blank=True)
    at = models.DateField(_("date"))
    recorded = models.DateTimeField(_("recorded"), auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField(_("data"), default=dict, blank=True)
    effects = models.JSONField(_("effects on time limits"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=5000)

    scope_paths = {"organization": "case__handling_org", "district": "case__district"}

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="event_seq_once")]

    def __str__(self):
        return f"{self.case_id}#{self.seq} {self.code} {self.at}"

    @property
    def label(self) -> str:
        from .engine import event_label
        return event_label(self)


class Clock(models.Model):
    """A time limit running on a case: started, paused, resumed, extended and stopped by the
    transitions of its procedure, its due date computed by `zhibao.calendar.limits`.

    `rule` is the snapshot of the amounts in force on the start date (see timelimits.py);
    `pauses` the closed excluded intervals as [first, last] ISO date pairs; `extensions` the
    extensions granted. `due_date` is computed from these (`clocks.recompute`); `provisional`
    says it depends on a year without an official holiday schedule. `notified` and
    `next_remind_on` are the reminder job's bookkeeping (see reminders.py)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clocks")
    code = models.CharField(_("time limit"), max_length=40)
    state = models.CharField(_("state"), max_length=10, choices=ClockState.choices, default=ClockState.RUNNING)
    legal = models.BooleanField(_("legal limit"), default=True)
    holder = models.CharField(_("whose time"), max_length=10, default="body")
    started_on = models.DateField(_("started on"))
    rule = models.JSONField(_("rule"), default=dict)
    pauses = models.JSONField(_("paused intervals"), default=list, blank=True)
    paused_since = models.DateField(_("paused since"), null=True, blank=True)
    pause_reason = models.CharField(_("excluded interval"), max_length=30, blank=True)
    extensions = models.JSONField(_("extensions"), default=list, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    provisional = models.BooleanField(_("provisional"), default=False)
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    notified = models.PositiveSmallIntegerField(_("last reminder"), choices=Threshold.choices,
                                                default=Threshold.NONE)
    next_remind_on = models.DateField(null=True, blank=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    scope_paths = {"organization": "case__handling_org", "district": "case__district",
                   "entity": "case__parties__entity"}

    class Meta:
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        ordering = ["case", "started_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "code"], condition=Q(state__in=["running", "paused"]),
                                    name="clock_open_once"),
        ]
        indexes = [
            models.Index(fields=["state", "due_date"], name="clock_state_due"),
            # Not a partial index: SQLite cannot use one when the state is a bound parameter.
            models.Index(fields=["state", "next_remind_on"], name="clock_state_remind"),
            models.Index(fields=["case", "code"], name="clock_case_code"),
        ]

    def __str__(self):
        return f"{self.case_id} {self.code} {self.due_date}"

    @property
    def spec(self):
        return self.case.spec.clock(self.code)

    @property
    def label(self) -> str:
        spec = self.spec
        return str(spec.label) if spec else self.code

    @property
    def unit(self) -> Unit | None:
        unit = self.rule.get("unit")
        return Unit(unit) if unit and unit != "date" else None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_CLOCK_STATES


class Reminder(models.Model):
    """A reminder that a clock crossed a threshold: one per clock, threshold and due date.

    Created by the reminder job after it claimed the threshold with a conditional UPDATE; the
    unique constraint is the second guard. The officers assigned to the case see it."""

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="reminders")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    threshold = models.PositiveSmallIntegerField(choices=Threshold.choices)
    due_date = models.DateField()
    created = models.DateTimeField(auto_now_add=True)

    scope_paths = {"organization": "case__handling_org", "district": "case__district"}

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["clock", "threshold", "due_date"], name="reminder_once")]
        indexes = [models.Index(fields=["case", "created"], name="reminder_case")]

    def __str__(self):
        return f"{self.clock_id} {self.get_threshold_display()} {self.due_date}"


class TimeLimitRule(models.Model):
    """The amount of a time limit in force from a date: the history officials may change.

    Keyed by procedure, clock and part ("base", a variant code or an extension code), and
    optionally an organization (a body's own target, for clocks declared `by_body`).
    Rows are seeded from the declarations (`timelimits.sync`); a change is a new row with a
    later `effective_from` (or, on the same date, an audited edit). A clock uses the row in
    force on its start date and keeps a snapshot of it."""

    UNIT_CHOICES = [(Unit.DAYS.value, _("calendar days")), (Unit.WORKING_DAYS.value, _("working days")),
                    (Unit.MONTHS.value, _("months")), ("date", _("a date set by decision"))]

    procedure = models.CharField(_("procedure"), max_length=30)
    clock = models.CharField(_("time limit"), max_length=40)
    part = models.CharField(_("part"), max_length=40, default="base")
    organization = models.ForeignKey("registry.Organization", verbose_name=_("body"), null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="time_limit_rules")
    unit = models.CharField(_("unit"), max_length=12, choices=UNIT_CHOICES)
    amount = models.PositiveIntegerField(_("amount"), null=True, blank=True)
    max_count = models.PositiveSmallIntegerField(_("times it may be granted"), null=True, blank=True)
    legal = models.BooleanField(_("legal limit"), default=True)
    effective_from = models.DateField(_("in force from"))
    source = models.CharField(_("source"), max_length=400)
    tag = models.CharField(_("verification"), max_length=8)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    changed = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("time-limit rule")
        verbose_name_plural = _("time-limit rules")
        ordering = ["procedure", "clock", "part", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "clock", "part", "effective_from"],
                                    condition=Q(organization__isnull=True), name="rule_once_per_date"),
            models.UniqueConstraint(fields=["procedure", "clock", "part", "organization", "effective_from"],
                                    condition=Q(organization__isnull=False), name="rule_once_per_body_date"),
        ]
        indexes = [models.Index(fields=["procedure", "clock", "part", "effective_from"], name="rule_lookup")]

    def __str__(self):
        amount = "" if self.amount is None else f"{self.amount} "
        return f"{self.procedure}.{self.clock}.{self.part}: {amount}{self.unit} from {self.effective_from}"
