"""Satisfaction surveys: invitations, anonymous responses, results.

    surveys.invite_for_service(record, survey, user) -> (invitation, token)
    surveys.invite_for_case(case, survey, user)      -> (invitation, token)
    surveys.invitation_for(token)                    the usable invitation of a token, or None
    surveys.submit(survey, answers, invitation=None) -> SurveyResponse (anonymous)
    surveys.results(responses)                       count, mean score, per-question means
    surveys.visible_responses(user)                   individual responses a user may read

Scoring. A SCORE question is answered 0–100; a LEVEL question with one of five levels worth
100, 80, 60, 40 and 20 points; a TEXT question is a comment and not scored. A response's
score is the weighted mean of its scored answers, on the 0–100 scale; indicator 9 is the
mean of the response scores of a period (counts.satisfaction).

Anonymity. The response records the survey, the date (no time), the channel, and the body
rated and its district, copied from the invitation; it has no link to the invitation, the
service, the case, an enterprise, a user or a session. The invitation only learns that it
was used. Responses are not in the audit log. Individual responses are shown only to those
who manage surveys, never to staff of the body a response rates; that body's staff see
aggregates, and only over at least MIN_GROUP responses, so that one answer cannot be picked
out.
"""
import datetime
import hashlib
import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, QuerySet
from django.utils.translation import gettext as _

from . import common
from .choices import QuestionKind, ResponseChannel, SatisfactionLevel, SurveyOccasion
from .models import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse

MIN_GROUP = 5
TEXT_LIMIT = 2000


def invitation_days() -> int:
    return int(getattr(settings, "SERVICES_SURVEY_INVITATION_DAYS", 30))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _invite(survey: Survey, user, *, occasion: str, rated_org, district, **target) -> tuple[SurveyInvitation, str]:
    today = common.today()
    if survey.occasion != occasion:
        raise ValidationError(_("“%(survey)s” is not sent %(occasion)s.") % {
            "survey": survey, "occasion": SurveyOccasion(occasion).label.lower()})
    if not survey.open_on(today):
        raise ValidationError(_("“%(survey)s” is not open today.") % {"survey": survey})
    if not survey.questions.exclude(kind=QuestionKind.TEXT).exists():
        raise ValidationError(_("“%(survey)s” has no scored question yet.") % {"survey": survey})
    token = secrets.token_urlsafe(24)
    expires = today + datetime.timedelta(days=invitation_days())
    if survey.closes_on:
        expires = min(expires, survey.closes_on)
    try:
        with transaction.atomic():
            invitation = SurveyInvitation.objects.create(
                survey=survey, token_hash=_digest(token), rated_org=rated_org, district=district, created_on=today,
                expires_on=expires, created_by=user if getattr(user, "is_authenticated", False) else None, **target)
    except IntegrityError:
        raise ValidationError(_("An invitation to this survey was already made for it.")) from None
    return invitation, token


def invite_for_service(record, survey: Survey, user=None) -> tuple[SurveyInvitation, str]:
    """An invitation to rate a workstation's service; the token is returned once."""
    ws = record.workstation
    return _invite(survey, user, occasion=SurveyOccasion.SERVICE, rated_org=ws.org, district=ws.district,
                   service_record=record)


def invite_for_case(case, survey: Survey, user=None) -> tuple[SurveyInvitation, str]:
    """An invitation to rate the handling of a closed case; the token is returned once."""
    if case.closed_on is None:
        raise ValidationError(_("Satisfaction is asked once the case is closed."))
    return _invite(survey, user, occasion=SurveyOccasion.CASE, rated_org=case.handling_org, district=case.district,
                   case=case)


def invitation_for(token: str) -> SurveyInvitation | None:
    """The invitation of a token while it can still be answered (not used, not expired, survey open)."""
    if not token or len(token) > 100:
        return None
    invitation = SurveyInvitation.objects.select_related("survey", "rated_org").filter(
        token_hash=_digest(token)).first()
    today = common.today()
    if invitation is None or invitation.responded or invitation.expires_on < today \
            or not invitation.survey.open_on(today):
        return None
    return invitation


def clean_answers(survey: Survey, answers: dict) -> list[tuple[SurveyQuestion, int | None, str]]:
    """Parse raw answers {question id: value}; ValidationError keyed by "q<id>" per question."""
    questions = list(survey.questions.order_by("order", "pk"))
    known = {q.pk for q in questions}
    errors = common.Errors()
    for key in answers:
        if not str(key).isdigit() or int(key) not in known:
            errors.add("__all__", _("The answers do not match the questions of this survey; reload the page."))
            break
    out = []
    levels = set(SatisfactionLevel.values)
    for q in questions:
        raw = answers.get(q.pk, answers.get(str(q.pk)))
        raw = "" if raw is None else str(raw).strip()
        field = f"q{q.pk}"
        if not raw:
            if q.required:
                errors.add(field, _("Please answer this question."))
            continue
        if q.kind == QuestionKind.TEXT:
            if len(raw) > TEXT_LIMIT:
                errors.add(field, _("At most %(n)d characters.") % {"n": TEXT_LIMIT})
                continue
            try:
                common.text(raw)
            except ValidationError as exc:
                errors.add(field, exc.messages[0])
                continue
            out.append((q, None, raw))
            continue
        try:
            value = int(raw)
        except ValueError:
            value = None
        if q.kind == QuestionKind.SCORE and (value is None or not 0 <= value <= 100):
            errors.add(field, _("Give a whole number from 0 to 100."))
        elif q.kind == QuestionKind.LEVEL and value not in levels:
            errors.add(field, _("Choose one of the five answers."))
        else:
            out.append((q, value, ""))
    if not errors and not any(score is not None for _q, score, _t in out):
        errors.add("__all__", _("Answer at least one scored question."))
    errors.raise_if_any()
    return out


def score_of(parsed) -> Decimal:
    total = sum(q.weight * score for q, score, _t in parsed if score is not None)
    weights = sum(q.weight for q, score, _t in parsed if score is not None)
    return (Decimal(total) / Decimal(weights)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def submit(survey: Survey, answers: dict, *, invitation: SurveyInvitation | None = None) -> SurveyResponse:
    """Record an anonymous response, through an invitation or (for a public survey) the portal.
    Raises ValidationError with a message per question; nothing is written then."""
    today = common.today()
    if invitation is None and not survey.public:
        raise ValidationError(_("This survey is answered through the invitation link only."))
    if not survey.open_on(today):
        raise ValidationError(_("This survey is not open today."))
    parsed = clean_answers(survey, answers)
    with transaction.atomic():
        rated_org = district = None
        if invitation is not None:
            current = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
            if current.survey_id != survey.pk:
                raise ValidationError(_("This invitation is for another survey."))
            if current.responded or current.expires_on < today:
                raise ValidationError(_("This invitation was already used or has expired. Thank you all the same."))
            current.responded = True
            current.save(update_fields=["responded"])
            rated_org, district = current.rated_org, current.district
        response = SurveyResponse.objects.create(
            survey=survey, received_on=today, rated_org=rated_org, district=district, score=score_of(parsed),
            channel=ResponseChannel.INVITATION if invitation is not None else ResponseChannel.PORTAL)
        SurveyAnswer.objects.bulk_create([SurveyAnswer(response=response, question=q, score=score, text=text)
                                          for q, score, text in parsed])
    return response


# -- reading the results ----------------------------------------------------------------------------------

def results(responses: QuerySet) -> dict:
    """The count and mean score of `responses`, and each scored question's mean."""
    summary = responses.aggregate(n=Count("pk"), mean=Avg("score"))
    questions = (SurveyAnswer.objects.filter(response__in=responses.values("pk"), score__isnull=False)
                 .values("question_id", "question__text", "question__order").annotate(n=Count("pk"), mean=Avg("score"))
                 .order_by("question__order", "question_id"))
    return {
        "count": summary["n"],
        "mean": round(float(summary["mean"]), 1) if summary["mean"] is not None else None,
        "questions": [{"text": q["question__text"], "count": q["n"], "mean": round(float(q["mean"]), 1)}
                      for q in questions],
    }


def own_results(user, responses: QuerySet) -> dict:
    """What staff of a rated body may see of its own responses: the aggregate over at least
    MIN_GROUP responses, nothing below."""
    mine = responses.filter(rated_org_id=user.organization_id) if user.organization_id else responses.none()
    out = results(mine)
    out["shown"] = out["count"] >= MIN_GROUP
    if not out["shown"]:
        out["mean"], out["questions"] = None, []
    out["min_group"] = MIN_GROUP
    return out


def visible_responses(user) -> QuerySet:
    """Individual (anonymous) responses a user may read: survey managers, except for the
    responses that rate their own body; administrators all of them."""
    from .permissions import ServicePerm

    qs = SurveyResponse.objects.all()
    if user.is_superuser:
        return qs
    if not user.has_perm(ServicePerm.SURVEYS):
        return qs.none()
    return qs.exclude(rated_org_id=user.organization_id) if user.organization_id else qs
