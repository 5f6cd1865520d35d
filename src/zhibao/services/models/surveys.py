"""Satisfaction surveys (满意度): questions scored 0–100, invitations sent after a service or a
closed case, and anonymous responses.

A response keeps no link to who answered: not to the invitation it came through, nor to a
user, an enterprise, a session or a time of day (only the date). It keeps the body whose
work it rates and that body's district, for the breakdowns of indicator 9. Responses are not
written to the audit log (see audit.py)."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhibao.registry import validation as registry_validation
from zhibao.registry.models import Versioned

from .. import validation
from ..choices import QuestionKind, ResponseChannel, SurveyOccasion


class Survey(Versioned):
    title = models.CharField(_("title"), max_length=200, validators=[registry_validation.plain_text])
    occasion = models.CharField(_("sent"), max_length=10, choices=SurveyOccasion.choices)
    intro = models.TextField(_("introduction"), blank=True, max_length=2000,
                             validators=[registry_validation.plain_text])
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"), null=True, blank=True, help_text=_("Last day; empty: no end."))
    public = models.BooleanField(_("open on the public portal"), default=False,
                                 help_text=_("Anyone may answer it on the portal, without an invitation."))

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-opens_on", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        validation.clean_survey(self)

    def get_absolute_url(self):
        return reverse("services:survey_detail", args=[self.pk])

    def open_on(self, day) -> bool:
        return self.opens_on <= day and (self.closes_on is None or day <= self.closes_on)


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.CharField(_("question"), max_length=300, validators=[registry_validation.plain_text])
    kind = models.CharField(_("answer"), max_length=8, choices=QuestionKind.choices, default=QuestionKind.SCORE)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1, validators=[MinValueValidator(1),
                                                                                 MaxValueValidator(10)],
                                              help_text=_("How much the question counts in the response's score."))
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = pgettext_lazy("survey", "questions")
        ordering = ["survey", "order", "pk"]

    def __str__(self):
        return self.text

    @property
    def scored(self) -> bool:
        return self.kind != QuestionKind.TEXT


class SurveyInvitation(models.Model):
    """An invitation to rate one service or one closed case. Only the SHA-256 of its token is
    stored; the link with the token is shown once, to be handed to the enterprise served.
    `responded` says that it was used, not when, and the response does not point back."""

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.PROTECT,
                               related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    service_record = models.ForeignKey("services.ServiceRecord", verbose_name=_("service"), null=True, blank=True,
                                       on_delete=models.CASCADE, related_name="survey_invitations")
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="survey_invitations")
    rated_org = models.ForeignKey("registry.Organization", verbose_name=_("body rated"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("registry.District", verbose_name=_("district"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    created_on = models.DateField(pgettext_lazy("survey", "sent on"))
    expires_on = models.DateField(_("expires on"))
    responded = models.BooleanField(_("answered"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    scope_paths = {"organization": "rated_org", "district": "district"}

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["-created_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "service_record"], name="invitation_once_per_service"),
            models.UniqueConstraint(fields=["survey", "case"], name="invitation_once_per_case"),
        ]

    def __str__(self):
        return f"{self.survey} · {self.created_on:%Y-%m-%d}"


class SurveyResponse(models.Model):
    """One anonymous response (see the module docstring for what it deliberately lacks)."""

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="responses")
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=12, choices=ResponseChannel.choices)
    rated_org = models.ForeignKey("registry.Organization", verbose_name=_("body rated"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("registry.District", verbose_name=_("district"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-received_on"]
        indexes = [models.Index(fields=["received_on"], name="response_received"),
                   models.Index(fields=["district", "received_on"], name="response_district"),
                   models.Index(fields=["rated_org", "received_on"], name="response_org")]

    def __str__(self):
        return f"{self.survey} · {self.received_on:%Y-%m-%d} · {self.score}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True,
                                             validators=[MinValueValidator(0), MaxValueValidator(100)])
    text = models.TextField(_("comment"), blank=True, max_length=2000, validators=[registry_validation.plain_text])

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_once")]

    def __str__(self):
        return f"{self.question}: {self.score if self.score is not None else self.text[:30]}"
