"""GET /api/v1/calendar/deadline and /day: answers, validation, authentication."""
import json

import pytest
from django.test import Client

from zhibao.accounts.models import APIToken
from zhibao.accounts.roles import Role
from zhibao.calendar import schedules

from .conftest import SCHEDULE_2027

URL = "/api/v1/calendar/deadline"
pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client_of):
    return client_of(Role.ENTERPRISE)


def get(client, query, **headers):
    return client.get(f"{URL}?{query}", HTTP_ACCEPT_LANGUAGE="en", **headers)


def test_working_days_across_national_day(api):
    response = get(api, "start=2026-09-28&working_days=5")
    assert response.status_code == 200
    data = response.json()
    assert data["deadline"] == "2026-10-10" and data["provisional"] is False
    assert data["start"] == "2026-09-28" and data["rule"] == "working_days" and data["n"] == 5
    assert data["provisional_reason"] is None
    assert any("2026-10-01" in line for line in data["explanation"])


def test_days_and_months(api):
    assert get(api, "start=2025-09-16&days=15").json()["deadline"] == "2025-10-09"
    assert get(api, "start=2025-01-31&months=1").json()["deadline"] == "2025-02-28"


def test_2027_is_provisional_until_the_schedule_is_entered(api):
    data = get(api, "start=2027-09-20&working_days=10").json()
    assert data["provisional"] is True and data["provisional_years"] == [2027]
    assert data["deadline"] == "2027-10-07"
    assert "2027" in data["provisional_reason"]
    schedules.save_schedule(year=2027, source_document="国办发明电〔2026〕99号（测试）", text=SCHEDULE_2027)
    data = get(api, "start=2027-09-20&working_days=10").json()
    assert data["provisional"] is False and data["deadline"] == "2027-10-08"


def test_chinese_provisional_reason(api):
    data = api.get(f"{URL}?start=2027-03-01&days=10", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert data["provisional_reason"] == "2027年放假安排尚未公布，结果为暂定。"


def test_pauses(api):
    data = get(api, "start=2026-11-01&days=30&pause=2026-11-10/2026-11-14").json()
    assert data["deadline"] == "2026-12-07" and data["pauses"] == [["2026-11-10", "2026-11-14"]]


@pytest.mark.parametrize("query,field,fragment", [
    ("working_days=5", "start", "Enter a date"),
    ("start=2026-09-28", "rule", "Give the period: one of working_days, days or months"),
    ("start=2026-09-28&days=5&months=1", "rule", "Give only one of"),
    ("start=2026-09-28&days=5&working_days=1&months=1", "rule", "Give only one of"),
    ("start=28/09/2026&days=5", "start", "is not a date"),
    ("start=2026-02-30&days=5", "start", "is not a date"),
    ("start=1989-12-31&days=5", "start", "outside the years the calendar covers (1990–2100)"),
    ("start=2101-01-01&days=5", "start", "outside the years"),
    ("start=2026-09-28&days=-3", "days", "at least 1"),
    ("start=2026-09-28&days=0", "days", "at least 1"),
    ("start=2026-09-28&working_days=3651", "working_days", "at most 3650"),
    ("start=2026-09-28&months=abc", "months", "is not a whole number"),
    ("start=2026-09-28&days=2.5", "days", "is not a whole number"),
    ("start=2100-12-01&months=3", "months", "after 2100"),
    ("start=2026-09-28&days=5&pause=2026-10-05/2026-10-01", "pause", "cannot end"),
    ("start=2026-09-28&days=5&pause=soon", "pause", "is not a pause"),
])
def test_validation_errors_are_422_with_a_clear_message(api, query, field, fragment):
    response = get(api, query)
    assert response.status_code == 422, response.content
    body = json.dumps(response.json(), ensure_ascii=False)
    assert fragment in body
    assert field in body


def test_day_endpoint(api):
    data = api.get("/api/v1/calendar/day?date=2025-10-11").json()
    assert data == {"date": "2025-10-11", "working_day": True, "provisional": False, "source": "chinesecalendar",
                    "kind": "makeup", "name": "National Day", "weekday": 6}
    data = api.get("/api/v1/calendar/day?date=2027-02-06").json()
    assert data["working_day"] is False and data["provisional"] is True and data["source"] == "statutory"
    assert api.get("/api/v1/calendar/day?date=tomorrow").status_code == 422


def test_anonymous_is_refused(db):
    assert Client().get(f"{URL}?start=2026-09-28&working_days=5").status_code == 401
    assert Client().get("/api/v1/calendar/day?date=2026-09-28").status_code == 401


def test_bearer_token(user_of):
    user = user_of(Role.MEDIATOR)
    _token, key = APIToken.issue(user, name="calendar test")
    response = Client().get(f"{URL}?start=2026-09-28&working_days=5", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200 and response.json()["deadline"] == "2026-10-10"
    bad = Client().get(f"{URL}?start=2026-09-28&working_days=5", HTTP_AUTHORIZATION="Bearer zb_nonsense")
    assert bad.status_code == 401

