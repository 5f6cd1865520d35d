"""The case pages: list and case page per role, opening a case and taking steps on real dates,
refusals that change nothing, the worklist, Excel export."""
import datetime as dt
import io

import openpyxl
import pytest

from zhibao.accounts.roles import Role, Scope
from zhibao.audit.models import PersonalDataView
from zhibao.cases import engine
from zhibao.cases.models import Case
from zhibao.registry.models import Person

from .conftest import clock

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def enterprise(make_user, entities):
    return make_user(Role.ENTERPRISE, Scope.ORGANIZATION, org=None, username="qinchuan", entity=entities["qinchuan"])


@pytest.fixture
def cases(people, orgs, entities):
    """A city case where 秦川 is the requester, a 雁塔 case, and a 未央 case without 秦川."""
    officer = people["officer"]
    city = engine.open_case("enforcement", officer, handling_org=orgs["city_ip"], title="秦川智造商标被仿冒",
                            at=D(2026, 11, 2), kind="report", officers=[officer], lead=officer,
                            parties=[{"role": "complainant", "entity": entities["qinchuan"]},
                                     {"role": "respondent", "entity": entities["weiyang_food"]}])
    yanta = engine.open_case("enforcement", officer, handling_org=orgs["yanta_amr"], title="雁塔区展会涉嫌侵权",
                             at=D(2026, 11, 3), kind="inspection")
    weiyang = engine.open_case("enforcement", officer, handling_org=orgs["weiyang_amr"], title="未央区食品包装",
                               at=D(2026, 11, 4), kind="inspection",
                               parties=[{"role": "respondent", "entity": entities["weiyang_food"]}])
    return {"city": city, "yanta": yanta, "weiyang": weiyang}


def own_sections(response) -> str:
    """The case page up to the sections other apps add (panels)."""
    return response.content.decode().split('<section class="case-panel"')[0]


def english(client):
    client.cookies["django_language"] = "en"
    return client


def listed(response) -> set[str]:
    return {row[0].title for row in response.context["rows"]}


# -- list and scope ---------------------------------------------------------------------------------

def test_list_shows_only_cases_in_scope(cases, people, enterprise, client_for):
    everything = client_for(people["officer"]).get("/cases/")
    assert everything.status_code == 200
    assert listed(everything) == {"秦川智造商标被仿冒", "雁塔区展会涉嫌侵权", "未央区食品包装"}
    assert listed(client_for(people["yanta_officer"]).get("/cases/")) == {"雁塔区展会涉嫌侵权"}
    assert listed(client_for(enterprise).get("/cases/")) == {"秦川智造商标被仿冒"}
    assert client_for(people["leader"]).get("/cases/").status_code == 403
    assert client_for(people["expert"]).get("/cases/").status_code == 403


def test_list_filters_and_navigation_preset(cases, people, client_for):
    client = client_for(people["officer"])
    assert listed(client.get("/cases/", {"handling_org": cases["yanta"].handling_org_id})) == {"雁塔区展会涉嫌侵权"}
    assert listed(client.get("/cases/procedure/mediation/")) == set()
    assert len(listed(client.get("/cases/procedure/enforcement/"))) == 3
    assert client.get("/cases/", {"due": "soon"}).status_code == 200  # a bad value is a form error, not a 500
    home = client.get("/")
    assert b"/cases/worklist/" in home.content and b"/cases/procedure/enforcement/" in home.content


def test_list_search_box(cases, people, client_for):
    assert listed(client_for(people["officer"]).get("/cases/", {"q": "食品包装"})) == {"未央区食品包装"}


def test_excel_export(cases, people, enterprise, client_for):
    response = client_for(people["yanta_officer"]).get("/cases/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                              if response.streaming else response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2  # header and the one case of 雁塔
    assert "雁塔区展会涉嫌侵权" in rows[1]
    assert client_for(enterprise).get("/cases/", {"export": "xlsx"}).status_code == 403


# -- the case page per role ------------------------------------------------------------------------------

def test_case_page_per_role(cases, people, enterprise, client_for):
    city, weiyang = cases["city"], cases["weiyang"]
    officer = english(client_for(people["officer"]))
    page = officer.get(f"/cases/{city.pk}/")
    assert page.status_code == 200
    assert b"Steps you may take now" in page.content
    assert {s["t"].code for s in page.context["steps"]} >= {"file", "not_file", "pause", "extend"}
    assert client_for(people["yanta_officer"]).get(f"/cases/{city.pk}/").status_code == 404
    mine = english(client_for(enterprise)).get(f"/cases/{city.pk}/")
    assert mine.status_code == 200 and mine.context["steps"] == [] and b"Steps you may take now" not in mine.content
    assert client_for(enterprise).get(f"/cases/{weiyang.pk}/").status_code == 404
    assert client_for(people["leader"]).get(f"/cases/{city.pk}/").status_code == 403
    refused = client_for(enterprise).post(f"/cases/{city.pk}/steps/pause/", {})
    assert refused.status_code == 403


def test_clock_shown_with_explanation(cases, people, client_for):
    page = english(client_for(people["officer"])).get(f"/cases/{cases['city'].pk}/")
    row = page.context["clocks"][0]
    assert row["label"] == "Check the clue and decide whether to file" and row["legal"]
    assert row["clock"].due_date == D(2026, 11, 23) and row["days_left"] == 3
    assert row["explanation"] and "Art. 18" in row["source"]


def test_open_enforcement_and_file_across_national_day(people, orgs, client_for, set_today, docs):
    """Opened on Mon 28 Sep 2026: 15 working days skip 1–7 Oct and count Sat 10 Oct (make-up)."""
    set_today(D(2026, 10, 9))
    officer, colleague = people["officer"], people["colleague"]
    client = english(client_for(officer))
    form = client.get("/cases/new/enforcement/open/")
    assert form.status_code == 200
    response = client.post("/cases/new/enforcement/open/", {
        "title": "大雁塔景区商铺销售假冒秦川智造商品", "kind": "inspection", "handling_org": orgs["city_ip"].pk,
        "track": "complex", "channel": "inspection", "at": "2026-09-28", "summary": "", "officers": [officer.pk]})
    case = Case.objects.get(title="大雁塔景区商铺销售假冒秦川智造商品")
    assert response.status_code == 302 and response.url == f"/cases/{case.pk}/"
    check = clock(case, "filing_check")
    assert (check.started_on, check.due_date, check.provisional) == (D(2026, 9, 28), D(2026, 10, 23), False)
    page = client.get(f"/cases/{case.pk}/")
    assert b"2026-10-23" in page.content

    assert client.post(f"/cases/{case.pk}/add/officer/", {"officer-officer": colleague.pk,
                                                            "officer-version": case.version}).status_code == 302
    case.refresh_from_db()
    docs(case, officer, "filing_approval")
    case.refresh_from_db()
    response = client.post(f"/cases/{case.pk}/steps/file/", {"file-at": "2026-10-09", "file-version": case.version,
                                                             "file-note": "证据充分"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == "investigation" and case.number == "西市监知执〔2026〕1号"
    decision = clock(case, "decision")
    # 90 calendar days from 9 Oct 2026 end on Thu 7 Jan 2027, provisional: 2027's schedule is not published yet.
    assert (decision.due_date, decision.provisional) == (D(2027, 1, 7), True)
    page = client.get(f"/cases/{case.pk}/")
    assert b"2027-01-07" in page.content and b"has not been published yet" in page.content
    assert [e["label"] for e in page.context["events"]][-1] == "File the case"


def test_report_opened_from_the_page_shows_its_check_code(people, orgs, client_for):
    client = english(client_for(people["officer"]))
    response = client.post("/cases/new/report/open/", {
        "title": "举报电商平台销售假冒地理标志产品", "kind": "anonymous", "handling_org": orgs["city_ip"].pk,
        "at": "2026-11-18", "officers": [people["officer"].pk]}, follow=True)
    case = Case.objects.get(title="举报电商平台销售假冒地理标志产品")
    text = response.content.decode()
    assert case.number and case.number in text and "check code" in text


def test_open_refusals_change_nothing(people, orgs, client_for):
    client = english(client_for(people["officer"]))
    before = Case.objects.count()
    # open_filed needs two officers (SAMR procedure Art. 19)
    refused = client.post("/cases/new/enforcement/open_filed/", {
        "title": "立案", "kind": "inspection", "handling_org": orgs["city_ip"].pk, "at": "2026-11-18",
        "officers": [people["officer"].pk]})
    assert refused.status_code == 400 and b"At least 2 officers" in refused.content
    future = client.post("/cases/new/enforcement/open/", {
        "title": "未来", "kind": "inspection", "handling_org": orgs["city_ip"].pk, "at": "2026-12-01"})
    assert future.status_code == 400 and b"future" in future.content
    assert client.get("/cases/new/court/open/").status_code == 404  # the officer's role does not open court cases
    assert Case.objects.count() == before
    assert client_for(people["leader"]).get("/cases/new/").status_code == 403


# -- refusals on the case page -----------------------------------------------------------------------------

def _snapshot(case):
    case.refresh_from_db()
    return case.version, case.stage, case.events.count(), list(case.clocks.values_list("state", "due_date"))


def test_illegal_step_bad_date_and_stale_version_change_nothing(cases, people, client_for):
    case = cases["city"]
    client = english(client_for(people["officer"]))
    before = _snapshot(case)
    # a step from another stage
    illegal = client.post(f"/cases/{case.pk}/steps/close/", {"close-at": "2026-11-20", "close-version": case.version})
    assert illegal.status_code == 400 and b"cannot be taken at the stage" in illegal.content
    # the filing needs its approval form and two officers
    missing = client.post(f"/cases/{case.pk}/steps/file/", {"file-at": "2026-11-20", "file-version": case.version})
    assert missing.status_code == 400 and b"Nothing was changed" in missing.content
    # a date that is no date, and one in the future
    bad = client.post(f"/cases/{case.pk}/steps/pause/", {"pause-at": "2026-13-01", "pause-version": case.version,
                                                         "pause-clock": "filing_check", "pause-pause_reason": "testing"})
    assert bad.status_code == 400 and b"Enter a valid date" in bad.content
    future = client.post(f"/cases/{case.pk}/steps/pause/", {"pause-at": "2026-11-25", "pause-version": case.version,
                                                            "pause-clock": "filing_check",
                                                            "pause-pause_reason": "testing"})
    assert future.status_code == 400 and b"in the future" in future.content
    # before the previous step
    early = client.post(f"/cases/{case.pk}/steps/pause/", {"pause-at": "2026-10-30", "pause-version": case.version,
                                                           "pause-clock": "filing_check",
                                                           "pause-pause_reason": "testing"})
    assert early.status_code == 400 and b"before the previous step" in early.content
    unknown = client.post(f"/cases/{case.pk}/steps/fly/", {})
    assert unknown.status_code == 302
    assert _snapshot(case) == before


def test_two_officers_saving_at_once(cases, people, client_for):
    """Both loaded version v; the first saves, the second is told to reload and changes nothing."""
    case = cases["city"]
    seen = case.version
    first = english(client_for(people["officer"]))
    second = english(client_for(people["colleague"]))
    ok = first.post(f"/cases/{case.pk}/steps/pause/", {"pause-at": "2026-11-18", "pause-version": seen,
                                                       "pause-clock": "filing_check", "pause-pause_reason": "testing"})
    assert ok.status_code == 302
    after_first = _snapshot(case)
    stale = second.post(f"/cases/{case.pk}/add/product/", {"product-name": "数控机床", "product-version": seen})
    assert stale.status_code == 409 and b"Someone else saved this case" in stale.content
    stale_step = second.post(f"/cases/{case.pk}/steps/resume/", {"resume-at": "2026-11-19", "resume-version": seen,
                                                                 "resume-clock": "filing_check"})
    assert stale_step.status_code == 409
    assert _snapshot(case) == after_first and not case.products.exists()


# -- records -----------------------------------------------------------------------------------------------

def test_add_party_right_product_place(cases, people, entities, client_for):
    case = cases["yanta"]
    client = english(client_for(people["officer"]))

    def post(what, **data):
        case.refresh_from_db()
        return client.post(f"/cases/{case.pk}/add/{what}/",
                           {f"{what}-{k}": v for k, v in {**data, "version": case.version}.items()})

    assert post("party", role="respondent", entity=entities["qujiang"].uscc).status_code == 302
    assert post("party", role="complainant", name="张三丰").status_code == 302
    assert post("right", number="ZL201810123456.5").status_code == 302
    assert post("product", name="数控机床", brand="秦川智造", quantity=3).status_code == 302
    assert post("place", kind="exhibition", address="西安国际会展中心").status_code == 302
    unknown = post("right", number="ZL000")
    assert unknown.status_code == 400 and b"No registered right" in unknown.content
    both = post("party", role="respondent", entity="x", name="y")
    assert both.status_code == 400
    assert case.parties.count() == 2 and case.rights.count() == 1 and case.products.count() == 1
    page = own_sections(client.get(f"/cases/{case.pk}/"))
    assert "张**" in page and "张三丰" not in page


def test_person_party_masked_until_full_view_logged(cases, people, client_for, make_user):
    case = cases["yanta"]
    person = Person.objects.create(name="李小龙", id_number="610113198503040175", phone="13912345678")
    engine.add_party(case, people["officer"], role="reporter", person=person)
    officer = client_for(people["officer"])
    page = own_sections(officer.get(f"/cases/{case.pk}/"))
    assert "李**" in page and "李小龙" not in page and "6101**********0175" in page
    if not people["officer"].has_perm("registry.view_person_full"):
        assert officer.post(f"/cases/{case.pk}/full/").status_code == 403
        admin = make_user(Role.ADMIN, Scope.CITY, username="root")
        officer = client_for(admin)
    full = officer.post(f"/cases/{case.pk}/full/")
    assert full.status_code == 200 and "李小龙" in full.content.decode()
    assert PersonalDataView.objects.filter(person_id=person.pk, channel="page").count() == 1


# -- worklist ------------------------------------------------------------------------------------------------

def test_worklist(cases, people, client_for, set_today):
    client = client_for(people["officer"])
    mine = client.get("/cases/worklist/")
    assert [c.title for c in mine.context["page"]] == ["秦川智造商标被仿冒"]
    # filing checks: 2 Nov → 23 Nov, 3 Nov → 24 Nov, 4 Nov → 25 Nov (15 working days)
    due = client.get("/cases/worklist/", {"tab": "due", "days": 3})
    assert [c.case.title for c in due.context["page"]] == ["秦川智造商标被仿冒"]
    due_default = client.get("/cases/worklist/", {"tab": "due"})
    assert due_default.context["days"] == 3
    set_today(D(2026, 11, 25))
    overdue = client.get("/cases/worklist/", {"tab": "overdue"})
    assert [c.case.title for c in overdue.context["page"]] == ["秦川智造商标被仿冒", "雁塔区展会涉嫌侵权"]
    only_mine = client.get("/cases/worklist/", {"tab": "overdue", "mine": "on"})
    assert [c.case.title for c in only_mine.context["page"]] == ["秦川智造商标被仿冒"]
    assert client.get("/cases/worklist/", {"tab": "due", "days": "abc"}).status_code == 200
    assert client_for(people["leader"]).get("/cases/worklist/").status_code == 403


def test_related_cases_section(cases, people, client_for):
    """未央食品 is the respondent of the city case and of the 未央 case: each page links the other."""
    city, weiyang = cases["city"], cases["weiyang"]
    page = english(client_for(people["officer"])).get(f"/cases/{city.pk}/")
    assert [r.case for r in page.context["related"].cases] == [weiyang]
    section = page.content.decode().split('id="related"')[1].split("</table>")[0]
    assert weiyang.get_absolute_url() in section and "未央区食品包装" in section
    assert str(weiyang.spec.label) in section and weiyang.get_stage_display() in section
    assert "same Respondent" in section or "same respondent" in section
    yanta_page = client_for(people["yanta_officer"]).get(f"/cases/{cases['yanta'].pk}/")
    assert b"/cases/%d/" % weiyang.pk not in yanta_page.content.split(b'id="related"')[1]
