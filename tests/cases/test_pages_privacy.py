"""Personal data on the case page: with every section of other apps rendered, a user without
`registry.view_person_full` sees no natural person's name in full (panels' lists and selects too)."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhibao.accounts.roles import Role, Scope
from zhibao.cases import engine, panels
from zhibao.evidence import intake
from zhibao.registry.models import Person

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def case_files(settings, tmp_path):
    settings.ZHIBAO_CASE_FILES_DIR = tmp_path / "case-files"


@pytest.fixture
def report_with_persons(people, orgs):
    """A report (followed on the portal) with a registered person and a typed name as parties,
    and evidence submitted by the person."""
    officer = people["officer"]
    case = engine.open_case("report", officer, handling_org=orgs["city_ip"], title="举报商场销售假冒商品",
                            at=dt.date(2026, 11, 16), kind="anonymous", officers=[officer], lead=officer)
    person = Person.objects.create(name="李小龙", id_number="610113198503040175", phone="13912345678")
    engine.add_party(case, officer, role="reporter", person=person)
    case.refresh_from_db()
    engine.add_party(case, officer, role="respondent", name="张三丰")
    case.refresh_from_db()
    intake.receive(case, officer, SimpleUploadedFile("photo.pdf", PDF), title="现场照片", kind="documentary",
                   submitter_kind="party", party=case.parties.get(person=person))
    case.refresh_from_db()
    return case


def test_no_unmasked_person_name_with_all_panels(report_with_persons, make_user, client_for):
    centre = make_user(Role.CENTRE_OFFICER, Scope.CITY, username="centre_privacy")
    assert not centre.has_perm("registry.view_person_full")
    page = client_for(centre).get(f"/cases/{report_with_persons.pk}/")
    assert page.status_code == 200
    assert {p["key"] for p in page.context["panels"]} == set(panels.PANELS)
    html = page.content.decode()
    assert "李小龙" not in html and "张三丰" not in html
    assert "610113198503040175" not in html
    assert "李**" in html and "张**" in html
    assert html.count("李**") >= 3  # the party list, the evidence list and the evidence form's choice


# -- what a party (an enterprise user) sees of its own case ------------------------------------------------

@pytest.fixture
def followed_case(orgs, entities, make_user):
    """秦川's complaint, with a named officer, an internal summary, a note on a step, a person as the
    other party (with an officer's note about them) and a product."""
    officer = make_user(Role.IP_OFFICER, Scope.CITY, username="wangjg", last_name="王建国")
    case = engine.open_case(
        "enforcement", officer, handling_org=orgs["city_ip"], title="秦川智造商标被仿冒", at=dt.date(2026, 11, 2),
        kind="report", officers=[officer], lead=officer, summary="内部摘要：线人提供",
        products=[{"name": "数控机床"}],
        parties=[{"role": "complainant", "entity": entities["qinchuan"]},
                 {"role": "respondent", "name": "张三丰", "note": "曾有前科"}])
    engine.apply(case, "pause", officer, at=dt.date(2026, 11, 10),
                 data={"clock": "filing_check", "pause_reason": "testing"}, note="内部备注：等待鉴定")
    case.refresh_from_db()
    return case


def test_party_sees_number_stage_limits_and_steps_only(followed_case, entities, make_user, client_for):
    enterprise = make_user(Role.ENTERPRISE, Scope.ORGANIZATION, org=None, username="qinchuan",
                           entity=entities["qinchuan"])
    client = client_for(enterprise)
    client.cookies["django_language"] = "en"
    page = client.get(f"/cases/{followed_case.pk}/")
    assert page.status_code == 200 and page.context["restricted"]
    html = page.content.decode()
    proc = followed_case.spec
    for shown in (followed_case.reference, str(proc.label), followed_case.get_stage_display(), "2026-11-02",
                  "Check the clue and decide whether to file", str(proc.transition("pause").label),
                  "秦川", "张**"):
        assert shown in html, shown
    for hidden in ("王建国", "wangjg", "内部备注", "内部摘要", "曾有前科", "张三丰", "数控机床",
                   'class="case-panel"', 'id="related"', 'id="officers"', 'id="products"'):
        assert hidden not in html, hidden
    events = page.context["events"]
    assert events and all(set(e) == {"seq", "at", "label", "from_stage", "to_stage", "effects"} for e in events)
    assert [e["label"] for e in events] == [str(proc.transition(c).label) for c in ("open", "pause")]


def test_handler_sees_what_the_party_does_not(followed_case, people, client_for):
    html = client_for(people["officer"]).get(f"/cases/{followed_case.pk}/").content.decode()
    for shown in ("王建国", "内部备注", "内部摘要", "曾有前科", "数控机床", 'class="case-panel"'):
        assert shown in html, shown
