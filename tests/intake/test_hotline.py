"""The hotline and walk-in page: a report or complaint is saved through the engine with its
tracking number and check code; bad input is refused with a clear message and saves nothing."""
import datetime as dt

import pytest

from zhibao.cases.models import Case, Party
from zhibao.intake.models import Proposal
from zhibao.registry.codes import make_id_number
from zhibao.registry.models import Person

D = dt.date
URL = "/intake/"


@pytest.fixture
def officer_client(people, client_for):
    client = client_for(people["officer"])
    client.cookies["django_language"] = "en"
    return client


def form(orgs, **values):
    data = {"procedure": "report", "channel": "hotline", "received_by": orgs["city_ip"].pk,
            "received_on": "2026-11-20", "person_name": "李四", "person_phone": "029-88886666",
            "respondent": "西安某某商贸有限公司", "matter": "infringement", "product": "仿冒轴承", "value": "3000",
            "district": "610113", "address": "雁塔区小寨东路1号"}
    data.update(values)
    return {k: v for k, v in data.items() if v is not None}


def test_page_in_chinese_by_default(people, client_for):
    response = client_for(people["officer"]).get(URL)
    assert response.status_code == 200 and "举报" in response.content.decode()


def test_report_saved_with_number_and_check_code(officer_client, orgs, entities, xian):
    response = officer_client.post(URL, form(orgs, respondent=f"{entities['qinchuan'].uscc} 西安秦川智能装备有限公司",
                                             right_number="12345678 秦川智造"), follow=True)
    assert response.status_code == 200
    case = Case.objects.get()
    page = response.content.decode()
    assert case.number.startswith("西知举〔2026〕") and case.number in page
    code = response.context["check_code"]
    assert len(code) == 8 and code in page
    assert case.channel == "hotline" and case.kind == "named" and case.district == xian["yanta"]
    assert case.parties.get(role="respondent").entity == entities["qinchuan"]
    assert list(case.rights.values_list("right__number", flat=True)) == ["12345678"]
    assert case.products.get().value == 3000
    assert Proposal.objects.get(case=case).declared["matter"] == "infringement"
    # the code is shown once
    again = officer_client.get(f"/intake/cases/{case.pk}/received/")
    assert code not in again.content.decode()


def test_walk_in_complaint_with_id_number(officer_client, orgs):
    number = make_id_number("610113", D(1985, 3, 2), 17)
    response = officer_client.post(URL, form(orgs, procedure="complaint", channel="walk_in", person_phone="",
                                             person_id_number=number), follow=True)
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.number.startswith("西知投") and case.channel == "walk_in"
    assert case.parties.get(role="complainant").person.id_number == number


def test_anonymous_report(officer_client, orgs):
    officer_client.post(URL, form(orgs, anonymous="on", person_name="", person_phone=""))
    case = Case.objects.get()
    assert case.kind == "anonymous" and not case.parties.filter(role="reporter").exists()


@pytest.mark.parametrize("values,field,message", [
    ({"procedure": "complaint", "person_name": ""}, "person_name", "Enter the caller's name"),
    ({"procedure": "complaint", "anonymous": "on"}, "anonymous", "A complaint cannot be anonymous"),
    ({"procedure": "complaint", "person_phone": ""}, "person_phone", "phone or resident ID number"),
    ({"procedure": "complaint", "person_id_number": "610113198503021234"}, "person_id_number", "check digit"),
    ({"person_phone": "call me"}, "person_phone", "phone number"),
    ({"respondent": ""}, "respondent", "Name the respondent"),
    ({"right_number": "ZL999"}, "right_number", "No right with this number"),
    ({"value": "-5"}, "value", ""),
    ({"received_on": "2026-12-31"}, None, "future"),
])
def test_bad_input_refused_and_nothing_saved(officer_client, orgs, values, field, message):
    response = officer_client.post(URL, form(orgs, **values))
    assert response.status_code == 200
    form_ = response.context["form"]
    errors = form_.errors.get(field if field else "__all__")
    assert errors, form_.errors
    assert message in " ".join(errors)
    assert not Case.objects.exists() and not Party.objects.exists() and not Person.objects.exists()
    assert not Proposal.objects.exists()


def test_engine_refusal_is_shown_and_nothing_saved(people, client_for, orgs):
    """An officer of one district bureau may not open a case for another body."""
    client = client_for(people["yanta_officer"])
    client.cookies["django_language"] = "en"
    response = client.post(URL, form(orgs, received_by=orgs["weiyang_amr"].pk))
    assert "within your data scope" in " ".join(response.context["form"].non_field_errors())
    assert not Case.objects.exists() and not Person.objects.exists()


def test_lookups(officer_client, entities):
    page = officer_client.get("/intake/lookup/entities/", {"respondent": "秦川"}).content.decode()
    assert entities["qinchuan"].uscc in page
    page = officer_client.get("/intake/lookup/rights/", {"right_number": "12345678"}).content.decode()
    assert "秦川智造" in page
