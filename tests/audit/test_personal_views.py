"""The log of who saw a natural person's personal data in full: list, filters, export."""
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from zhibao.accounts.roles import Role, Scope
from zhibao.audit.models import PersonalDataView

URL = reverse("audit:personal_views")


@pytest.fixture
def views(admin_user, make_user):
    liaison = make_user(Role.LIAISON, Scope.CITY, username="liaison")
    now = timezone.now()
    rows = []
    for i, (user, person, days_ago, channel) in enumerate([
        (liaison, 11, 0, "page"), (liaison, 12, 3, "api"), (admin_user, 11, 10, "export"), (liaison, 11, 40, "page"),
    ]):
        rows.append(PersonalDataView.objects.create(
            user=user, username=user.username, person_id=person, person_label="王*", fields="name,id_number",
            channel=channel, request_id=f"req-{i}"))
        PersonalDataView.objects.filter(pk=rows[-1].pk).update(at=now - datetime.timedelta(days=days_ago))
    return {"liaison": liaison, "rows": rows}


def request_ids(response):
    return [row[0].request_id for row in response.context["rows"]]


def test_lists_newest_first(en, views):
    response = en.get(URL)
    assert request_ids(response) == ["req-0", "req-1", "req-2", "req-3"]
    page = response.content.decode()
    for header in ("Time", "User", "Person id", "Person", "Fields shown", "Channel", "Request id"):
        assert f"<th>{header}</th>" in page


def test_filters(en, views, admin_user):
    liaison = views["liaison"]
    assert request_ids(en.get(URL, {"user": "liaison"})) == ["req-0", "req-1", "req-3"]
    assert request_ids(en.get(URL, {"person_id": 11})) == ["req-0", "req-2", "req-3"]
    assert request_ids(en.get(URL, {"person_id": 11, "user": "admin"})) == ["req-2"]
    assert request_ids(en.get(URL, {"channel": "api"})) == ["req-1"]
    since = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    assert request_ids(en.get(URL, {"since": since})) == ["req-0", "req-1"]
    until = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    assert request_ids(en.get(URL, {"until": until})) == ["req-2", "req-3"]


@pytest.mark.parametrize("params, message", [
    ({"person_id": "abc"}, "Enter a number"),
    ({"person_id": "0"}, "greater than or equal to 1"),
    ({"person_id": "9" * 30}, "less than or equal to"),
    ({"since": "2026-02-30"}, "Enter a valid date"),
])
def test_bad_filters(en, views, params, message):
    response = en.get(URL, params)
    assert response.status_code == 200 and message in response.content.decode()
    assert request_ids(response) == []


def test_paging(en, admin_user):
    now = timezone.now()
    PersonalDataView.objects.bulk_create(
        PersonalDataView(user=admin_user, username="admin", person_id=i, person_label="李*", fields="name",
                         channel="page") for i in range(1, 8))
    for i, pk in enumerate(PersonalDataView.objects.order_by("pk").values_list("pk", flat=True)):
        PersonalDataView.objects.filter(pk=pk).update(at=now - datetime.timedelta(minutes=i))
    first = en.get(URL, {"per_page": 3})
    second = en.get(URL, {"per_page": 3, "older": first.context["page"].older_cursor})
    third = en.get(URL, {"per_page": 3, "older": second.context["page"].older_cursor})
    ids = [[r[0].person_id for r in p.context["rows"]] for p in (first, second, third)]
    assert ids == [[1, 2, 3], [4, 5, 6], [7]]
    assert not third.context["page"].has_older


def test_export(en, views):
    response = en.get(URL, {"user": "liaison", "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert len(rows) == 4 and rows[0][1] == "User" and {r[1] for r in rows[1:]} == {"liaison"}
