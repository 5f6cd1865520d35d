"""Satisfaction surveys: scoring 0–100, invitations, anonymous responses, who sees what, indicator 9."""
import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import Client

from zhibao.cases.models import Case
from zhibao.services import counts, stations as station_rules, surveys as rules
from zhibao.services.choices import QuestionKind, ServiceKind
from zhibao.services.models import ServiceRecord, Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def survey(db):
    s = Survey.objects.create(title="工作站服务满意度调查", occasion="service", opens_on=D(2026, 1, 1))
    SurveyQuestion.objects.create(survey=s, order=1, text="服务是否及时、专业？", kind=QuestionKind.SCORE, weight=2)
    SurveyQuestion.objects.create(survey=s, order=2, text="总体满意度", kind=QuestionKind.LEVEL)
    SurveyQuestion.objects.create(survey=s, order=3, text="意见建议", kind=QuestionKind.TEXT, required=False)
    return s


@pytest.fixture
def record(world, stations):
    r = ServiceRecord(workstation=stations["gaoxin"], kind=ServiceKind.CONSULTATION, served_on=D(2026, 11, 2),
                      subject="商标侵权咨询")
    station_rules.save_service(r, [world["qinchuan"]])
    return r


def answers(survey, score="90", level="60", text=""):
    q = {x.order: x.pk for x in survey.questions.all()}
    return {f"q{q[1]}": score, f"q{q[2]}": level, f"q{q[3]}": text}


def anonymous():
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def test_a_response_through_an_invitation_is_scored_and_anonymous(survey, record, users):
    invitation, token = rules.invite_for_service(record, survey, users["station"])
    assert invitation.token_hash != token and len(token) >= 30
    assert (invitation.rated_org, invitation.district) == (record.workstation.org, record.workstation.district)
    client = anonymous()
    page = client.get(f"/services/r/{token}/")
    assert page.status_code == 200 and "工作站服务满意度调查" in page.content.decode()
    done = client.post(f"/services/r/{token}/", answers(survey, text="工作人员很耐心"))
    assert "Your answers were received" in done.content.decode()
    response = SurveyResponse.objects.get()
    assert response.score == Decimal("80.00")      # (2 × 90 + 1 × 60) / 3
    assert (response.received_on, response.channel, response.rated_org) == (D(2026, 11, 20), "invitation",
                                                                             record.workstation.org)
    # nothing in the response points back to who answered
    fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert fields == {"id", "survey", "received_on", "channel", "rated_org", "district", "score", "answers"}
    assert not any(f.is_relation and f.related_model and f.related_model._meta.model_name in (
        "user", "marketentity", "surveyinvitation", "servicerecord", "case") for f in SurveyResponse._meta.get_fields())
    invitation.refresh_from_db()
    assert invitation.responded is True
    for model in (SurveyResponse, SurveyAnswer):
        assert not LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).exists()
    assert not LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(SurveyInvitation),
                                       action=LogEntry.Action.UPDATE).exists()
    again = client.post(f"/services/r/{token}/", answers(survey))
    assert again.status_code == 404 and SurveyResponse.objects.count() == 1


def test_a_signed_in_respondent_is_not_recorded_either(survey, record, users, as_user):
    _invitation, token = rules.invite_for_service(record, survey, users["station"])
    as_user("enterprise").post(f"/services/r/{token}/", answers(survey))
    response = SurveyResponse.objects.get()
    assert not LogEntry.objects.filter(actor=users["enterprise"]).exists()
    assert response.score == Decimal("80.00")


@pytest.mark.parametrize("values, field, message", [
    ({"score": "101"}, 1, "Give a whole number from 0 to 100."),
    ({"score": "-1"}, 1, "Give a whole number from 0 to 100."),
    ({"score": "八十"}, 1, "Give a whole number from 0 to 100."),
    ({"score": ""}, 1, "Please answer this question."),
    ({"level": "70"}, 2, "Select a valid choice"),
    ({"text": "<script>alert(1)</script>"}, 3, "HTML tags and scripts are not allowed"),
])
def test_bad_answers_are_refused_with_a_message_and_nothing_is_saved(survey, record, users, values, field, message):
    _invitation, token = rules.invite_for_service(record, survey, users["station"])
    page = anonymous().post(f"/services/r/{token}/", answers(survey, **values))
    q = survey.questions.get(order=field)
    assert message in " ".join(page.context["form"].errors[f"q{q.pk}"])
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()
    assert SurveyInvitation.objects.get().responded is False


def test_scores_are_checked_by_the_rule_too(survey):
    with pytest.raises(ValidationError) as exc:
        rules.clean_answers(survey, {"999": "50"})
    assert "do not match the questions" in exc.value.message_dict["__all__"][0]
    only_comment = Survey.objects.create(title="仅意见", occasion="public", opens_on=D(2026, 1, 1), public=True)
    comment = SurveyQuestion.objects.create(survey=only_comment, text="意见", kind=QuestionKind.TEXT, required=False)
    with pytest.raises(ValidationError) as exc:
        rules.submit(only_comment, {comment.pk: "很好"})
    assert "Answer at least one scored question." in exc.value.messages


def test_invitations_are_checked(survey, record, users, world, fixed_today):
    rules.invite_for_service(record, survey, users["station"])
    with pytest.raises(ValidationError) as exc:
        rules.invite_for_service(record, survey, users["station"])
    assert "already made" in exc.value.messages[0]
    case_survey = Survey.objects.create(title="办案满意度", occasion="case", opens_on=D(2026, 1, 1))
    SurveyQuestion.objects.create(survey=case_survey, text="总体满意度", kind=QuestionKind.LEVEL)
    case = Case.objects.create(procedure="mediation", stage="mediating", handling_org=world["city_ip"],
                               district=world["yanta"], title="调解", received_on=D(2026, 9, 1))
    with pytest.raises(ValidationError) as exc:
        rules.invite_for_case(case, case_survey, users["officer"])
    assert "once the case is closed" in exc.value.messages[0]
    Case.objects.filter(pk=case.pk).update(closed_on=D(2026, 11, 1), stage="closed")
    case.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        rules.invite_for_case(case, survey, users["officer"])    # a survey sent after services
    assert "is not sent after a closed case" in exc.value.messages[0]
    invitation, token = rules.invite_for_case(case, case_survey, users["officer"])
    assert invitation.rated_org == world["city_ip"]
    fixed_today["day"] = invitation.expires_on + dt.timedelta(days=1)
    assert rules.invitation_for(token) is None
    assert anonymous().get(f"/services/r/{token}/").status_code == 404


def test_a_public_survey_is_answered_on_the_portal_without_signing_in(db):
    public = Survey.objects.create(title="知识产权保护社会满意度调查", occasion="public", opens_on=D(2026, 1, 1),
                                   public=True)
    q = SurveyQuestion.objects.create(survey=public, text="您对西安知识产权保护工作的总体评价", kind=QuestionKind.SCORE)
    client = anonymous()
    assert client.get(f"/services/s/{public.pk}/").status_code == 200
    client.post(f"/services/s/{public.pk}/", {f"q{q.pk}": "88"})
    again = client.get(f"/services/s/{public.pk}/")
    assert "already answered" in again.content.decode()
    response = SurveyResponse.objects.get()
    assert (response.channel, response.rated_org, response.score) == ("portal", None, Decimal("88.00"))
    private = Survey.objects.create(title="内部", occasion="service", opens_on=D(2026, 1, 1))
    assert client.get(f"/services/s/{private.pk}/").status_code == 404
    with pytest.raises(ValidationError):
        rules.submit(private, {})


def _respond(survey, record, users, score):
    """A response rating the record's workstation: score on the SCORE question, 80 on the LEVEL one."""
    invitation = SurveyInvitation.objects.create(survey=survey, token_hash=f"h{SurveyInvitation.objects.count()}",
                                                 rated_org=record.workstation.org, district=record.workstation.district,
                                                 created_on=D(2026, 11, 2), expires_on=D(2026, 12, 2))
    return rules.submit(survey, {q.pk: str(score) if q.kind == "score" else ("80" if q.kind == "level" else "")
                                 for q in survey.questions.all()}, invitation=invitation)


def test_staff_of_the_rated_body_see_aggregates_only_and_not_below_five(survey, record, users, as_user):
    for score in (70, 80, 90, 100):
        _respond(survey, record, users, score)
    station = as_user("station")
    page = station.get("/services/satisfaction/").content.decode()
    assert "too few responses to show" in page
    assert station.get(f"/services/surveys/{survey.pk}/responses/").status_code == 403
    _respond(survey, record, users, 60)
    page = station.get("/services/satisfaction/").content.decode()
    assert "too few responses to show" not in page
    assert "{:.1f}".format(float(sum((2 * s + 80) / 3 for s in (70, 80, 90, 100, 60)) / 5)) in page


def test_survey_managers_do_not_see_responses_about_their_own_body(survey, record, users, as_user):
    _respond(survey, record, users, 90)
    officer = as_user("officer")
    assert officer.get(f"/services/surveys/{survey.pk}/responses/").context["page"].paginator.count == 1
    users["officer"].organization = record.workstation.org
    users["officer"].save()
    assert officer.get(f"/services/surveys/{survey.pk}/responses/").context["page"].paginator.count == 0
    assert "rates your own body and is left out" in officer.get(f"/services/surveys/{survey.pk}/").content.decode()


def test_questions_are_fixed_once_there_are_responses(survey, record, users, as_user):
    officer = as_user("officer")
    officer.post(f"/services/surveys/{survey.pk}/questions/", {"order": 4, "text": "等候时间", "kind": "score",
                                                               "weight": 1, "required": "on"})
    assert survey.questions.count() == 4
    bad = officer.post(f"/services/surveys/{survey.pk}/questions/", {"order": 5, "text": "x", "kind": "score",
                                                                     "weight": 11}, follow=True)
    assert "Nothing was saved" in bad.content.decode() and survey.questions.count() == 4
    _respond(survey, record, users, 90)
    locked = officer.post(f"/services/surveys/{survey.pk}/questions/", {"order": 6, "text": "y", "kind": "score",
                                                                        "weight": 1}, follow=True)
    assert "can no longer change" in locked.content.decode() and survey.questions.count() == 4


def test_the_service_page_makes_an_invitation(survey, record, as_user):
    page = as_user("station").post(f"/services/records/{record.pk}/invite/", {"survey": survey.pk})
    assert page.status_code == 200 and "/services/r/" in page.content.decode()
    assert SurveyInvitation.objects.get().service_record == record
    assert as_user("mediator").post(f"/services/records/{record.pk}/invite/", {"survey": survey.pk}).status_code == 403


def test_indicator_9_is_the_mean_score_of_a_period(survey, record, users, world, fixed_today):
    for day, score in ((D(2026, 1, 1), 70), (D(2026, 3, 31), 100), (D(2026, 4, 1), 40)):
        fixed_today["day"] = day
        _respond(survey, record, users, score)
    q1 = (D(2026, 1, 1), D(2026, 3, 31))
    mean, n = counts.satisfaction(*q1)
    assert n == 2 and mean == round(((2 * 70 + 80) / 3 + (2 * 100 + 80) / 3) / 2, 1)
    assert counts.satisfaction(D(2026, 1, 2), D(2026, 3, 30)) == (None, 0)
    assert counts.satisfaction(*q1, district=world["weiyang"]) == (None, 0)
    assert counts.satisfaction(*q1, district="610113")[1] == 2
    assert counts.satisfaction(*q1, org=record.workstation.org)[1] == 2


def test_api_surveys(survey, record, users, api_as):
    api = api_as("officer")
    created = api.post("/api/v1/surveys", {"title": "展会投诉服务满意度", "occasion": "service", "opens_on": "2026-11-01",
                                           "questions": [{"text": "处理是否及时", "kind": "score", "weight": 2},
                                                         {"text": "总体", "kind": "level"}]})
    assert created.status_code == 201, created.content
    assert len(created.json()["questions"]) == 2
    invitation = api_as("station").post(f"/api/v1/surveys/{survey.pk}/invitations", {"service_record": record.pk})
    assert invitation.status_code == 201 and "/services/r/" in invitation.json()["url"]
    token = invitation.json()["url"].rstrip("/").rsplit("/", 1)[1]
    anonymous().post(f"/services/r/{token}/", answers(survey))
    results = api.get(f"/api/v1/surveys/{survey.pk}/results").json()
    assert results["count"] == 1 and results["mean"] == 80.0
    assert api_as("station").get(f"/api/v1/surveys/{survey.pk}/results").status_code == 403
    locked = api.patch(f"/api/v1/surveys/{survey.pk}", {"version": 1, "questions": [{"text": "新问题"}]})
    assert locked.status_code == 422 and SurveyQuestion.objects.filter(survey=survey).count() == 3
