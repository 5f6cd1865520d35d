"""What is stored about evidence files, their chain of custody, and generated case documents.

Rules live in `intake.py` (receiving an upload), `custody.py` (custody events, integrity
checks, downloads) and `cases/documents/` (generating Word documents); this module only says
what is stored. The bytes themselves live in the content-addressed store (`store.py`) under
the var directory, never in MEDIA_ROOT, and are only read through permission-checked views.

Evidence belongs to a case and is visible to whoever may see that case (`scope_paths` follow
the case), so a case received by transfer can carry the sender's evidence.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

CASE_SCOPE = {"organization": "case__handling_org", "district": "case__district",
              "entity": "case__parties__entity"}


class EvidenceKind(models.TextChoices):
    DOCUMENTARY = "documentary", _("Documentary evidence")      # 书证
    PHYSICAL = "physical", _("Photo of physical evidence")       # 物证照片
    AUDIO_VIDEO = "audio_video", _("Audio-visual material")      # 视听资料
    ELECTRONIC = "electronic", _("Electronic data")              # 电子数据
    STATEMENT = "statement", _("Statement of a party or witness")
    APPRAISAL = "appraisal", _("Appraisal or test report")
    RECORD = "record", _("Inspection or on-site record")
    OTHER = "other", _("Other")


class SubmitterKind(models.TextChoices):
    PARTY = "party", _("A party")
    OFFICER = "officer", _("An officer")


class EvidenceFile(models.Model):
    """One file of evidence on a case, with the SHA-256 digest taken while it was received."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of evidence"), max_length=20, choices=EvidenceKind.choices)
    original_name = models.CharField(_("original file name"), max_length=255)
    file_type = models.CharField(_("file type"), max_length=20)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    submitter_kind = models.CharField(_("submitted by"), max_length=10, choices=SubmitterKind.choices)
    submitted_by_party = models.ForeignKey("cases.Party", verbose_name=_("party"), null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="evidence")
    submitted_by_officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("officer"), null=True,
                                             blank=True, on_delete=models.PROTECT, related_name="+")
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("received by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    received = models.DateTimeField(_("received"), auto_now_add=True)
    last_checked = models.DateTimeField(_("last integrity check"), null=True, blank=True)
    intact = models.BooleanField(_("matches its digest"), null=True, blank=True,
                                 help_text=_("The result of the last integrity check; empty until one is run."))
    destroyed = models.DateTimeField(_("destroyed"), null=True, blank=True)

    scope_paths = CASE_SCOPE

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["case", "received", "pk"]
        indexes = [models.Index(fields=["case", "received"], name="evidence_case_received"),
                   models.Index(fields=["sha256"], name="evidence_sha256")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(submitter_kind="party", submitted_by_party__isnull=False,
                                    submitted_by_officer__isnull=True)
                           | models.Q(submitter_kind="officer", submitted_by_party__isnull=True,
                                      submitted_by_officer__isnull=False)),
                name="evidence_one_submitter"),
        ]

    def __str__(self):
        return self.title

    @property
    def submitter(self):
        return self.submitted_by_party if self.submitter_kind == SubmitterKind.PARTY else self.submitted_by_officer

    @property
    def submitter_name(self) -> str:
        """Who submitted it as lists show it: a natural person's name masked (cases.party_names)."""
        from zhibao.cases import party_names

        party = self.submitted_by_party if self.submitter_kind == SubmitterKind.PARTY else None
        return party_names.shown(party) if party else str(self.submitted_by_officer or "")


class CustodyAction(models.TextChoices):
    RECEIVED = "received", _("Received")
    SEALED = "sealed", _("Sealed")
    HANDED_OVER = "handed_over", _("Handed over")
    VIEWED = "viewed", _("Viewed")
    DOWNLOADED = "downloaded", _("Downloaded")
    RETURNED = "returned", _("Returned")
    DESTROYED = "destroyed", _("Destroyed")
    CHECKED = "checked", _("Integrity checked")


#: Actions a person records by hand; the others are written by the system as they happen.
MANUAL_ACTIONS = (CustodyAction.SEALED, CustodyAction.HANDED_OVER, CustodyAction.VIEWED, CustodyAction.RETURNED,
                  CustodyAction.DESTROYED)


class CustodyEvent(models.Model):
    """One link of the chain of custody: who did what with the evidence, when, where.

    Rows are only ever added. An integrity check stores the digest it computed and whether it
    matched the one taken on receipt."""

    evidence = models.ForeignKey(EvidenceFile, on_delete=models.PROTECT, related_name="custody")
    action = models.CharField(_("action"), max_length=12, choices=CustodyAction.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField(_("when"))
    place = models.CharField(_("where"), max_length=200, blank=True)
    to_whom = models.CharField(_("handed to"), max_length=150, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    computed_sha256 = models.CharField(_("computed SHA-256"), max_length=64, blank=True)
    intact = models.BooleanField(_("matches"), null=True, blank=True)

    scope_paths = {k: f"evidence__{v}" for k, v in CASE_SCOPE.items()}

    class Meta:
        verbose_name = _("custody event")
        verbose_name_plural = _("custody events")
        ordering = ["evidence", "at", "pk"]
        indexes = [models.Index(fields=["evidence", "at"], name="custody_evidence_at")]

    def __str__(self):
        return f"{self.evidence_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class GeneratedDocument(models.Model):
    """The Word file generated for a case document (cases.CaseDocument has no file of its own).

    `provisional` says a date in it depends on a year whose holiday schedule is not published;
    the document marks such dates （暂定）."""

    document = models.OneToOneField("cases.CaseDocument", on_delete=models.CASCADE, related_name="generated")
    file_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    template = models.CharField(_("template"), max_length=80)
    provisional = models.BooleanField(_("provisional dates"), default=False)
    provisional_years = models.JSONField(_("years without a published holiday schedule"), default=list, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    scope_paths = {k: f"document__{v}" for k, v in CASE_SCOPE.items()}

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")

    def __str__(self):
        return self.file_name
