"""The calculator page (every signed-in role) and the schedule pages (administrators only)."""
import pytest
from django.test import Client
from django.urls import reverse

from zhibao.accounts.roles import Role
from zhibao.calendar.models import HolidaySchedule

from .conftest import SCHEDULE_2027

pytestmark = pytest.mark.django_db
DEADLINE = "/calendar/deadline/"


@pytest.fixture
def client_of(client_of):
    """These tests read the pages in English: the language switch's cookie, as a user would set it."""
    def english(*args, **kwargs):
        client = client_of(*args, **kwargs)
        client.cookies["django_language"] = "en"
        return client
    return english


@pytest.fixture
def admin_client(admin_client):
    admin_client.cookies["django_language"] = "en"
    return admin_client


def test_anonymous_is_sent_to_sign_in(db):
    for url in (DEADLINE, "/calendar/schedules/", "/calendar/schedules/enter/", "/calendar/schedules/2027/"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", list(Role))
def test_every_role_can_use_the_calculator(client_of, role):
    client = client_of(role)
    page = client.get(DEADLINE, {"start": "2026-09-28", "n": "5", "unit": "working_days"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "2026-10-10" in html and "official calendar" in html
    assert "<form" in html   # the whole page, usable without JavaScript


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_only_administrators_manage_schedules(client_of, role):
    client = client_of(role)
    assert client.get("/calendar/schedules/").status_code == 403
    assert client.post("/calendar/schedules/enter/", {"year": 2027}).status_code == 403
    assert not HolidaySchedule.objects.exists()


def test_calculator_with_htmx_returns_only_the_result(client_of):
    client = client_of(Role.ENTERPRISE)
    response = client.get(DEADLINE, {"start": "2027-03-01", "n": "10", "unit": "days"},
                          HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="result"') and "<html" not in html
    assert "provisional" in html and "The 2027 holiday schedule has not been published yet" in html


def test_calculator_explains_in_chinese_by_default(client_of):
    client = client_of(Role.IP_OFFICER)
    del client.cookies["django_language"]
    html = client.get(DEADLINE, {"start": "2027-03-01", "n": "10", "unit": "days"}).content.decode()
    assert "2027年放假安排尚未公布，结果为暂定" in html


def test_calculator_form_errors(client_of):
    client = client_of(Role.MEDIATOR)
    html = client.get(DEADLINE, {"start": "2026-02-30", "n": "0", "unit": "days"}).content.decode()
    assert "is not a date" in html and "at least 1" in html
    html = client.get(DEADLINE, {"start": "2100-12-01", "n": "3", "unit": "months"}).content.decode()
    assert "after 2100" in html


def test_calculator_with_pauses(client_of):
    html = client_of().get(DEADLINE, {"start": "2026-11-01", "n": "30", "unit": "days",
                                      "pauses": "2026-11-10/2026-11-14"}).content.decode()
    assert "2026-12-07" in html and "Paused 2026-11-10–2026-11-14" in html


def test_schedule_list_shows_each_source(admin_client):
    html = admin_client.get("/calendar/schedules/").content.decode()
    assert "chinesecalendar" in html and "provisional: statutory holidays and weekends" in html
    assert ">2027<" in html and ">2004<" in html


def test_enter_a_schedule_through_the_page(admin_client, admin_user):
    data = {"year": "2027", "source_document": "国办发明电〔2026〕99号（测试）", "published": "2026-11-10",
            "lines": SCHEDULE_2027}
    response = admin_client.post("/calendar/schedules/enter/", data)
    assert response.status_code == 302 and response["Location"] == "/calendar/schedules/2027/"
    schedule = HolidaySchedule.objects.get(year=2027)
    assert schedule.entered_by == admin_user and schedule.days.count() == 36
    detail = admin_client.get(response["Location"]).content.decode()
    assert "What changed" in detail and "no longer provisional" in detail
    assert "2027-09-26" in detail          # the make-up Sunday now a working day
    # The calculator now answers from the entered schedule.
    html = admin_client.get(DEADLINE, {"start": "2027-09-20", "n": "10", "unit": "working_days"}).content.decode()
    assert "2027-10-08" in html and "official calendar" in html


def test_bad_lines_are_reported_and_nothing_saved(admin_client):
    data = {"year": "2027", "source_document": "国办发明电〔2026〕99号", "lines": SCHEDULE_2027 + "2027-02-31 holiday x\n"
            "2027-03-03 workday 调休\n2026-12-31 holiday 元旦\n2027-01-01 holiday 元旦\n"}
    html = admin_client.post("/calendar/schedules/enter/", data).content.decode()
    assert "“2027-02-31” is not a date" in html
    assert "2027-03-03 is a Wednesday, already a working day" in html
    assert "2026-12-31 is not in 2027" in html
    assert "2027-01-01 is already listed on line 2" in html
    assert not HolidaySchedule.objects.exists()


def test_warnings_must_be_confirmed(admin_client):
    data = {"year": "2027", "source_document": "测试", "lines": "2027-10-01..2027-10-07 holiday 国庆节\n"}
    html = admin_client.post("/calendar/schedules/enter/", data).content.decode()
    assert "is not listed as a holiday" in html and "confirm_warnings" in html
    assert not HolidaySchedule.objects.exists()
    response = admin_client.post("/calendar/schedules/enter/", {**data, "confirm_warnings": "on"})
    assert response.status_code == 302 and HolidaySchedule.objects.filter(year=2027).exists()


def test_replace_and_withdraw(admin_client):
    data = {"year": "2027", "source_document": "测试", "lines": SCHEDULE_2027}
    admin_client.post("/calendar/schedules/enter/", data)
    again = admin_client.post("/calendar/schedules/enter/", data).content.decode()
    assert "already has an entered schedule" in again
    form = admin_client.get("/calendar/schedules/enter/?year=2027").content.decode()
    assert "2027-02-05..2027-02-11 holiday 春节" in form            # prefilled for editing
    response = admin_client.post("/calendar/schedules/enter/", {**data, "source_document": "更正", "replace": "on"})
    assert response.status_code == 302 and HolidaySchedule.objects.get(year=2027).source_document == "更正"
    assert admin_client.get("/calendar/schedules/2027/withdraw/").status_code == 200
    response = admin_client.post("/calendar/schedules/2027/withdraw/")
    assert response.status_code == 302 and not HolidaySchedule.objects.exists()
    assert admin_client.post("/calendar/schedules/2027/withdraw/").status_code == 404


def test_year_detail_for_each_source(admin_client):
    for year, text in ((2026, "chinesecalendar"), (2027, "statutory"), (2030, "statutory")):
        response = admin_client.get(f"/calendar/schedules/{year}/")
        assert response.status_code == 200
    assert admin_client.get("/calendar/schedules/2101/").status_code == 404
