"""Following a case on the portal: the right code shows the public view, a wrong number or code
gets one and the same answer, failures are throttled, and nothing internal leaks."""
import pytest
from django.test import Client
from django.urls import reverse

from zhibao.accounts.roles import Role, Scope
from zhibao.cases import engine
from zhibao.cases.models import Case
from zhibao.portal.models import PublicReply

from .conftest import ID_NUMBER, complaint_data, report_data

pytestmark = pytest.mark.django_db

NOT_FOUND = "No case matches this tracking number and check code"


@pytest.fixture
def english_public(public):
    public.cookies["django_language"] = "en"
    return public


def sent(client, send, which, data):
    """Send a form; returns (case, check code) as the receipt showed them."""
    assert send(client, which, data).status_code == 302
    receipt = client.get(reverse("portal:receipt")).context["receipt"]
    return Case.objects.get(number=receipt["number"]), receipt["check_code"]


def follow(client, number, code):
    return client.post(reverse("portal:follow"), {"number": number, "code": code})


@pytest.fixture
def officer(make_user):
    return make_user(Role.IP_OFFICER, Scope.CITY, username="officer-wangjianguo", full_name="王建国")


def test_right_code_shows_the_public_view(english_public, send):
    case, code = sent(english_public, send, "report", report_data())
    response = follow(english_public, case.number, code.lower())
    html = response.content.decode()
    assert response.status_code == 200
    assert case.number in html and "2026-11-20" in html
    assert "Being checked" in html and "Received" in html


def test_wrong_code_and_wrong_number_get_the_same_answer(english_public, send):
    case, code = sent(english_public, send, "report", report_data())
    wrong_code = follow(english_public, case.number, "ABCDEFGH" if code != "ABCDEFGH" else "HGFEDCBA")
    wrong_number = follow(english_public, "西知举〔2026〕999号", code)
    empty = follow(english_public, "", "")
    for response in (wrong_code, wrong_number, empty):
        assert response.status_code == 404
        assert response.context["error"] == wrong_code.context["error"]
        assert NOT_FOUND in response.content.decode()
        assert "Being checked" not in response.content.decode()


def test_repeated_failures_are_throttled_even_with_the_right_code(english_public, send, settings):
    settings.ZHIBAO_PORTAL_FOLLOW_FAILURES = 3
    case, code = sent(english_public, send, "report", report_data())
    for _i in range(3):
        assert follow(english_public, case.number, "WRONG123").status_code == 404
    refused = follow(english_public, case.number, code)
    assert refused.status_code == 429 and "Too many wrong attempts" in refused.content.decode()
    # Another address may still follow its case...
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert follow(other, case.number, code).status_code == 200


def test_guessing_one_number_from_many_addresses_is_throttled(english_public, send, settings):
    settings.ZHIBAO_PORTAL_FOLLOW_FAILURES_PER_CASE = 4
    case, code = sent(english_public, send, "report", report_data())
    for i in range(4):
        assert follow(Client(REMOTE_ADDR=f"10.9.0.{i}"), case.number, "WRONG123").status_code == 404
    assert follow(Client(REMOTE_ADDR="10.9.1.1"), case.number, code).status_code == 429


def test_nothing_internal_leaks(english_public, send, officer, orgs):
    case, code = sent(english_public, send, "complaint", complaint_data(
        phone="13912345678", respondent_name="西安某某贸易有限公司"))
    engine.assign(case, officer, officer, lead=True)
    engine.apply(case, "route", officer, data={"handling_org": orgs["yanta_amr"].pk, "reason": "内部分办理由甲"},
                 note="内部笔记乙")
    engine.apply(case, "accept", officer, note="内部笔记丙")
    engine.apply(case, "close", officer, data={"result": "内部处理结果丁"})
    PublicReply.objects.create(case=case, text="经调查，被投诉人已停止销售。<script>x</script>", written_by=officer)

    response = follow(english_public, case.number, code)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Closed" in html and "Resolved" in html and "Complaint accepted" in html
    assert "经调查，被投诉人已停止销售。" in html and "<script>x</script>" not in html
    for secret in ("officer-wangjianguo", "王建国", "内部分办理由甲", "内部笔记乙", "内部笔记丙", "内部处理结果丁",
                   ID_NUMBER, ID_NUMBER[-4:], "13912345678", "5678", "张三丰", "张", "西安某某贸易有限公司",
                   orgs["yanta_amr"].name, "夜市摊位", "小寨东路", "Route"):
        assert secret not in html, secret


def test_reply_is_shown_only_once_the_case_is_closed(english_public, send, officer):
    case, code = sent(english_public, send, "report", report_data())
    PublicReply.objects.create(case=case, text="答复文本", written_by=officer)
    assert "答复文本" not in follow(english_public, case.number, code).content.decode()
    engine.apply(case, "decide_not_file", officer, data={"reason": "内部理由"})
    engine.apply(case, "close", officer)
    html = follow(english_public, case.number, code).content.decode()
    assert "答复文本" in html and "Not filed" in html and "Decided not to file a case" in html
    assert "内部理由" not in html


def test_a_filed_report_shows_the_enforcement_case_that_followed(english_public, send, officer, make_user):
    case, code = sent(english_public, send, "report", report_data())
    engine.assign(case, officer, officer, lead=True)
    engine.assign(case, officer, make_user(Role.IP_OFFICER, Scope.CITY, username="colleague"))
    engine.add_document(case, officer, "filing_approval", reference="审批-1")
    engine.apply(case, "decide_file", officer)
    html = follow(english_public, case.number, code).content.decode()
    assert "Decided to file a case" in html and "Case filed" in html
    assert "Administrative enforcement: In progress" in html
    spawned = case.derived.get()
    assert spawned.number is None or spawned.number not in html
    assert "审批-1" not in html
