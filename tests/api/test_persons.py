"""Persons: masked unless the caller has the right and asks for ?full=1; full views are logged."""
import datetime

from zhibao.accounts.roles import Role
from zhibao.audit.models import PersonalDataView
from zhibao.registry.codes import make_id_number

from .base import body

URL = "/api/v1/persons"


def test_persons_are_masked_by_default(make_user, api_for, world):
    api = api_for(make_user(Role.IP_OFFICER))
    zhang = world["zhang"]
    data = body(api.get(f"{URL}/{zhang.pk}"))
    assert data["masked"] is True
    assert data["name"] == "张**"
    assert data["id_number"] == zhang.id_number[:4] + "*" * 10 + zhang.id_number[-4:]
    assert data["phone"] == "139****5678"
    assert data["address"] == "西安市雁塔区****"
    assert data["birth_date"] is None
    listed = body(api.get(URL))["results"]
    assert {p["name"] for p in listed} == {"张**", "李*"}
    assert not any(zhang.id_number in str(p) or zhang.phone in str(p) for p in listed)
    assert not PersonalDataView.objects.exists()


def test_full_view_with_the_right_is_shown_and_logged(make_user, api_for, world):
    user = make_user(Role.IP_OFFICER)
    api = api_for(user)
    zhang = world["zhang"]
    response = api.get(f"{URL}/{zhang.pk}", {"full": 1}, HTTP_X_REQUEST_ID="full-view-1")
    data = body(response)
    assert data["masked"] is False
    assert (data["name"], data["id_number"], data["phone"]) == (zhang.name, zhang.id_number, zhang.phone)
    assert data["birth_date"] == "1985-03-04"
    view = PersonalDataView.objects.get()
    assert (view.user, view.person_id, view.channel, view.request_id) == (user, zhang.pk, "api", "full-view-1")


def test_full_list_logs_every_person_shown(make_user, api_for, world):
    api = api_for(make_user(Role.LIAISON))
    data = body(api.get(URL, {"full": "true", "limit": 1}))
    assert len(data["results"]) == 1 and data["count"] == 2
    assert list(PersonalDataView.objects.values_list("person_id", flat=True)) == [data["results"][0]["id"]]


def test_full_view_without_the_right_is_403_and_not_logged(make_user, api_for, world):
    api = api_for(make_user(Role.CENTRE_OFFICER))
    response = api.get(f"{URL}/{world['zhang'].pk}", {"full": 1}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "personal data" in body(response)["detail"]
    assert api.get(URL, {"full": 1}).status_code == 403
    assert api.get(URL).status_code == 200
    assert not PersonalDataView.objects.exists()


def test_created_person_is_answered_masked_unless_full(make_user, api_for, world):
    api = api_for(make_user(Role.CENTRE_OFFICER))
    response = api.post(URL, {"name": "王小明", "phone": "13700000000", "district": "610113"})
    assert response.status_code == 201, body(response)
    assert body(response)["name"] == "王**" and body(response)["masked"] is True


def test_id_number_sets_birth_date_and_gender(make_user, api_for, world):
    api = api_for(make_user(Role.IP_OFFICER))
    number = make_id_number("610113", datetime.date(1990, 1, 2), 34)
    created = body(api.post(f"{URL}?full=1", {"name": "王五", "id_number": number}))
    assert created["birth_date"] == "1990-01-02"
    assert created["gender"] in ("M", "F")
    wrong = api.post(URL, {"name": "王六", "id_number": make_id_number("610113", datetime.date(1990, 1, 2), 35),
                           "birth_date": "1991-01-01"})
    assert wrong.status_code == 422 and "birth_date" in body(wrong)["errors"]


def test_search_by_full_id_number(make_user, api_for, world):
    api = api_for(make_user(Role.IP_OFFICER))
    data = body(api.get(URL, {"q": world["zhang"].id_number}))
    assert [p["id"] for p in data["results"]] == [world["zhang"].pk]
