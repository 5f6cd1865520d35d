"""What collaboration stores: transfers, assisted-investigation requests, joint operations and
joint meetings, and the time-limit rules they use. Rules live in transfers.py, assistance.py,
operations.py and meetings.py; this module only says what is stored.

Scope: a transfer or a request is seen by both bodies, an operation by every participating
body, a meeting by every attending body. `accounts.scope` follows one lookup per scope, so
each record keeps the bodies concerned in one many-to-many field (`bodies`, `participants`,
`attendees`) that the rule functions keep complete.
"""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhibao.calendar.limits import Unit


class LimitCode(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledge a transfer")
    ASSISTANCE_REPLY = "assistance_reply", _("Reply to a request for assistance")


class CollaborationLimit(models.Model):
    """The amount of a collaboration time limit in force from a date (history officials may add to).

    A transfer keeps a snapshot of the row in force on the day it was sent."""

    UNIT_CHOICES = [(Unit.WORKING_DAYS.value, _("working days")), (Unit.DAYS.value, _("calendar days"))]

    code = models.CharField(_("time limit"), max_length=30, choices=LimitCode.choices)
    unit = models.CharField(_("unit"), max_length=12, choices=UNIT_CHOICES)
    amount = models.PositiveIntegerField(_("amount"))
    effective_from = models.DateField(_("in force from"))
    source = models.CharField(pgettext_lazy("legal basis", "source"), max_length=400)
    tag = models.CharField(_("verification"), max_length=8)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    changed = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("collaboration time limit")
        verbose_name_plural = _("collaboration time limits")
        ordering = ["code", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["code", "effective_from"], name="collab_limit_once")]

    def __str__(self):
        return f"{self.code}: {self.amount} {self.unit} from {self.effective_from}"


class TransferKind(models.TextChoices):
    CRIME = "crime", _("Suspected crime")
    COMPETENCE = "competence", _("Not within our competence")
    REFERRAL = "referral", pgettext_lazy("transfer kind", "Referral")
    JUDICIAL = "judicial", _("To judicial or arbitration proceedings")
    OTHER = "other", _("Other")


class TransferOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted or filed")
    NOT_FILED = "not_filed", _("Not filed")
    RETURNED = "returned", pgettext_lazy("transfer outcome", "Returned")
    PROSECUTED = "prosecuted", _("Prosecuted")
    JUDGMENT = "judgment", pgettext_lazy("transfer outcome", "Judgment")
    CLOSED = "closed", _("Handled and closed")


class ItemKind(models.TextChoices):
    EVIDENCE = "evidence", _("Evidence")
    FINDING = "finding", _("Finding")
    DOCUMENT = "document", pgettext_lazy("legal document", "Document")


class Transfer(models.Model):
    """A clue or a case sent by one body to another, its acknowledgement and the outcome reported back."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="transfers")
    event = models.ForeignKey("cases.Event", verbose_name=_("case step"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    subject = models.CharField(_("subject"), max_length=200)
    kind = models.CharField(_("kind of transfer"), max_length=12, choices=TransferKind.choices)
    reason = models.TextField(pgettext_lazy("transfer", "reason"), max_length=5000)
    sender = models.ForeignKey("registry.Organization", verbose_name=_("sending body"), on_delete=models.PROTECT,
                               related_name="transfers_sent")
    receiver = models.ForeignKey("registry.Organization", verbose_name=_("receiving body"),
                                 on_delete=models.PROTECT, related_name="transfers_received")
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    ack_due = models.DateField(_("acknowledge by"))
    ack_provisional = models.BooleanField(_("provisional due date"), default=False)
    ack_rule = models.JSONField(_("acknowledgement rule"), default=dict)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("acknowledged by"), null=True,
                                        blank=True, on_delete=models.SET_NULL, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=12, choices=TransferOutcome.choices, blank=True)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    outcome_text = models.TextField(_("outcome details"), blank=True, max_length=5000)
    outcome_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("outcome reported by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    bodies = models.ManyToManyField("registry.Organization", related_name="collaboration_transfers", blank=True,
                                    editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    scope_paths = {"organization": "bodies__pk", "district": "bodies__district"}

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-sent_on", "-pk"]
        indexes = [models.Index(fields=["receiver", "acknowledged_on"], name="transfer_inbox"),
                   models.Index(fields=["sender", "sent_on"], name="transfer_sent")]

    def __str__(self):
        return f"{self.reference} {self.subject}"

    @property
    def reference(self) -> str:
        return f"移-{self.sent_on.year}-{self.pk:05d}" if self.pk else ""

    def get_absolute_url(self):
        return reverse("collaboration:transfer_detail", args=[self.pk])

    def is_late(self, today) -> bool:
        """Acknowledged after its due date, or still unacknowledged after it."""
        return (self.acknowledged_on or today) > self.ack_due


class TransferItem(models.Model):
    """One piece of evidence or finding that goes with a transfer, and whether the receiver recognizes it."""

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    description = models.CharField(_("description"), max_length=300)
    document = models.ForeignKey("cases.CaseDocument", verbose_name=_("case document"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    recognized = models.BooleanField(_("recognized"), null=True, blank=True)
    recognition_note = models.CharField(_("receiver's note"), max_length=500, blank=True)
    recognized_on = models.DateField(_("stated on"), null=True, blank=True)

    class Meta:
        verbose_name = _("transferred item")
        verbose_name_plural = _("transferred items")
        ordering = ["transfer", "pk"]

    def __str__(self):
        return self.description


class AssistanceStatus(models.TextChoices):
    OPEN = "open", _("Awaiting reply")
    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", pgettext_lazy("assistance request", "Declined")


class AssistanceRequest(models.Model):
    """A request to another body to help investigate (协查): the questions, a due date, the reply."""

    requester = models.ForeignKey("registry.Organization", verbose_name=_("requesting body"),
                                  on_delete=models.PROTECT, related_name="assistance_sent")
    addressee = models.ForeignKey("registry.Organization", verbose_name=_("requested body"),
                                  on_delete=models.PROTECT, related_name="assistance_received")
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="assistance_requests")
    subject = models.CharField(_("subject"), max_length=200)
    questions = models.TextField(_("questions"), max_length=10000)
    sent_on = models.DateField(_("sent on"))
    due_on = models.DateField(_("reply due"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=AssistanceStatus.choices,
                              default=AssistanceStatus.OPEN)
    reply = models.TextField(_("reply"), blank=True, max_length=10000)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("replied by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    bodies = models.ManyToManyField("registry.Organization", related_name="collaboration_requests", blank=True,
                                    editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    scope_paths = {"organization": "bodies__pk", "district": "bodies__district"}

    class Meta:
        verbose_name = _("request for assistance")
        verbose_name_plural = _("requests for assistance")
        ordering = ["-sent_on", "-pk"]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("collaboration:assistance_detail", args=[self.pk])


class Operation(models.Model):
    """A joint enforcement operation (联合执法行动) and the cases grouped in it."""

    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    lead = models.ForeignKey("registry.Organization", verbose_name=_("lead body"), on_delete=models.PROTECT,
                             related_name="operations_led")
    participants = models.ManyToManyField("registry.Organization", verbose_name=_("participating bodies"),
                                          related_name="operations", blank=True)
    cases = models.ManyToManyField("cases.Case", verbose_name=_("cases"), related_name="operations", blank=True)
    results = models.TextField(_("results summary"), blank=True, max_length=10000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    scope_paths = {"organization": "participants__pk", "district": "participants__district"}

    class Meta:
        verbose_name = _("joint operation")
        verbose_name_plural = _("joint operations")
        ordering = ["-starts_on", "-pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("collaboration:operation_detail", args=[self.pk])


class Meeting(models.Model):
    """A quarterly joint meeting (联席会议): who came, the agenda, the decisions, the cases discussed."""

    held_on = models.DateField(_("date"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, f"Q{q}") for q in range(1, 5)])
    title = models.CharField(_("title"), max_length=200)
    convener = models.ForeignKey("registry.Organization", verbose_name=_("convener"), on_delete=models.PROTECT,
                                 related_name="meetings_convened")
    attendees = models.ManyToManyField("registry.Organization", verbose_name=_("attending bodies"),
                                       related_name="meetings", blank=True)
    people = models.TextField(_("people present"), blank=True, max_length=5000)
    cases = models.ManyToManyField("cases.Case", verbose_name=_("cases discussed"), related_name="meetings",
                                   blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    scope_paths = {"organization": "attendees__pk", "district": "attendees__district"}

    class Meta:
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return self.title

    @property
    def quarter_label(self) -> str:
        return f"{self.year} Q{self.quarter}"

    def get_absolute_url(self):
        return reverse("collaboration:meeting_detail", args=[self.pk])


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    title = models.CharField(_("agenda item"), max_length=300)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "pk"]

    def __str__(self):
        return self.title


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(_("decision"), max_length=500)
    owner = models.ForeignKey("registry.Organization", verbose_name=_("responsible body"),
                              on_delete=models.PROTECT, related_name="meeting_decisions")
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting decision")
        verbose_name_plural = _("meeting decisions")
        ordering = ["meeting", "due_on", "pk"]

    def __str__(self):
        return self.text
