"""Reporting and complaining on the portal: what is accepted, what is refused and that a refusal saves nothing."""
import pytest
from django.test import Client
from django.urls import reverse

from zhibao.cases.models import Case, Channel, Party
from zhibao.portal.models import Contact
from zhibao.registry.codes import make_uscc

from .conftest import ID_NUMBER, complaint_data, report_data

pytestmark = pytest.mark.django_db

GOOD_USCC = make_uscc("610113", 7)
BAD_USCC = GOOD_USCC[:-1] + ("1" if GOOD_USCC[-1] != "1" else "2")  # wrong check character


def test_anonymous_report_opens_a_case_and_shows_the_codes_once(public, send, orgs):
    response = send(public, "report", report_data())
    assert response.status_code == 302 and response.url == reverse("portal:receipt")
    case = Case.objects.get()
    assert (case.procedure, case.kind, case.channel) == ("report", "anonymous", Channel.PORTAL)
    assert case.handling_org == orgs["city_ip"] and case.created_by is None
    assert case.number.startswith("西知举〔2026〕")
    assert "小寨东路" in case.summary and case.places.count() == 1 and case.products.get().name == "机床配件"
    assert list(case.parties.values_list("role", "name")) == [("respondent", "某某五金店")]
    assert not Contact.objects.exists()

    receipt = public.get(reverse("portal:receipt"))
    html = receipt.content.decode()
    assert case.number in html and receipt["Cache-Control"].startswith("max-age=0")
    code = receipt.context["receipt"]["check_code"]
    assert len(code) == 8 and code in html
    from zhibao.cases import engine
    assert engine.find_by_check_code(case.number, code) == case
    again = public.get(reverse("portal:receipt"))
    assert again.status_code == 410 and code not in again.content.decode()


def test_named_report_keeps_the_contact_beside_the_case(public, send):
    response = send(public, "report", report_data(kind="named", name="李四", phone="139 1234 5678"))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.kind == "named"
    assert case.parties.get(role="reporter").name == "李四"
    contact = Contact.objects.get(case=case)
    assert (contact.name, contact.phone, contact.id_number) == ("李四", "13912345678", "")


@pytest.mark.parametrize("extra, field", [
    ({"kind": "named", "name": "", "phone": "13912345678"}, "name"),
    ({"kind": "named", "name": "李四", "phone": ""}, "phone"),
    ({"kind": "named", "name": "李四", "phone": "12345"}, "phone"),
    ({"consent": ""}, "consent"),
    ({"facts": ""}, "facts"),
    ({"facts": "长" * 2001}, "facts"),
    ({"respondent_name": "", "respondent_address": "", "shop_url": ""}, "respondent_name"),
    ({"shop_url": "not a link"}, "shop_url"),
    ({"noticed_on": "2030-01-01"}, "noticed_on"),
    ({"district": "999999"}, "district"),
])
def test_bad_report_is_refused_with_a_message_and_saves_nothing(public, send, extra, field):
    response = send(public, "report", report_data(**extra))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert "pt-alert" in response.content.decode()
    assert not Case.objects.exists() and not Party.objects.exists()


def test_complaint_by_a_person_with_a_valid_id_number(public, send):
    assert send(public, "complaint", complaint_data()).status_code == 302
    case = Case.objects.get()
    assert case.procedure == "complaint" and case.number.startswith("西知投")
    assert case.parties.get(role="complainant").name == "张三丰"
    assert Contact.objects.get(case=case).id_number == ID_NUMBER


def test_complaint_by_a_registered_enterprise_links_it(public, send, entities):
    entity = entities["qinchuan"]
    data = complaint_data(complainant="enterprise", name=entity.name, uscc=entity.uscc.lower(), id_number="")
    assert send(public, "complaint", data).status_code == 302
    case = Case.objects.get()
    assert case.parties.get(role="complainant").entity == entity
    assert Contact.objects.get(case=case).uscc == entity.uscc


@pytest.mark.parametrize("extra, field", [
    ({"name": ""}, "name"),
    ({"id_number": ""}, "id_number"),
    ({"id_number": ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1")}, "id_number"),
    ({"id_number": "12345"}, "id_number"),
    ({"complainant": "enterprise", "uscc": BAD_USCC}, "uscc"),
    ({"complainant": "enterprise", "uscc": ""}, "uscc"),
    ({"phone": ""}, "phone"),
    ({"respondent_name": "", "respondent_address": "", "shop_url": ""}, "respondent_name"),
])
def test_complaint_without_a_valid_named_complainant_is_refused(public, send, extra, field):
    response = send(public, "complaint", complaint_data(**extra))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Case.objects.exists() and not Contact.objects.exists()


def test_html_in_any_field_is_refused_and_shown_escaped(public, send):
    script = '<script>alert("x")</script>'
    response = send(public, "complaint", complaint_data(facts=script, name=script, product="<b>bold</b>"))
    html = response.content.decode()
    assert response.status_code == 400
    assert script not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;" in html
    assert response.context["form"].errors["facts"] and response.context["form"].errors["name"]
    assert not Case.objects.exists()


def test_honeypot_refuses_and_saves_nothing(public, send):
    response = send(public, "report", report_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "pt-alert" in response.content.decode()
    assert not Case.objects.exists()


def test_rate_limit_per_client_address(public, send, settings):
    settings.ZHIBAO_PORTAL_SUBMISSIONS_PER_HOUR = 2
    for _i in range(2):
        assert send(public, "report", report_data()).status_code == 302
    refused = send(public, "report", report_data())
    assert refused.status_code == 429
    assert "12330" in refused.content.decode()
    assert Case.objects.count() == 2
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert send(other, "report", report_data()).status_code == 302


def test_csrf_is_required(orgs):
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("portal:report"), report_data()).status_code == 403
    assert not Case.objects.exists()


def test_no_intake_body_gives_a_message_not_an_error(public, send, orgs):
    orgs["city_ip"].is_active = False
    orgs["city_ip"].save()
    from zhibao.registry.models import Organization
    Organization.objects.filter(kind="ip_admin").update(is_active=False)
    response = send(public, "report", report_data())
    assert response.status_code == 400 and "12330" in response.content.decode()
    assert not Case.objects.exists()


def test_pages_in_chinese_by_default_and_english_on_request(public):
    assert "举报" in public.get(reverse("portal:report")).content.decode()
    public.cookies["django_language"] = "en"
    html = public.get(reverse("portal:report")).content.decode()
    assert "Report an infringement" in html
    assert 'name="website"' in html and 'name="csrfmiddlewaretoken"' in html
