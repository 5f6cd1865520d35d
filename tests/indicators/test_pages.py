"""The cockpit's pages per role: who may open them, period and district selection, bad input,
the records behind a figure (as many as the figure counts; nothing personal for leadership)."""
import datetime as dt

import pytest

from zhibao.accounts.roles import Role, Scope
from zhibao.indicators import cockpit
from zhibao.indicators.models import Target
from zhibao.services.models import Expert, ExpertAppointment

D = dt.date
H1 = "start=2026-01-01&end=2026-06-30"


@pytest.fixture
def cases(case):
    case("enforcement", D(2025, 11, 1), filed=D(2025, 11, 1))
    case("enforcement", D(2025, 12, 1), filed=D(2025, 12, 1), closed=D(2026, 1, 1))
    case("enforcement", D(2026, 3, 1), filed=D(2026, 3, 1), closed=D(2026, 6, 30))
    case("passing_off", D(2026, 2, 1), filed=D(2026, 2, 1), closed=D(2026, 2, 10), district="weiyang",
         org="weiyang_amr")
    case("mediation", D(2026, 3, 1), party="qinchuan")


@pytest.fixture
def experts(city):
    for name in ("张三丰", "李四光"):
        e = Expert.objects.create(name=name, employer_name="西安交通大学")
        ExpertAppointment.objects.create(expert=e, role="investigator", starts_on=D(2025, 1, 1),
                                         appointed_by=city["city_ip"])


@pytest.fixture
def client_as(make_user, client_for, city):
    def sign_in(role, **extra):
        return client_for(make_user(role, Scope.CITY, username=f"u-{role}", **extra))
    return sign_in


@pytest.mark.parametrize("role", [Role.ADMIN, Role.IP_OFFICER, Role.LEADERSHIP])
def test_cockpit_opens_for_admin_officer_and_leadership(client_as, cases, role):
    response = client_as(role).get("/cockpit/")
    assert response.status_code == 200
    html = response.content.decode()
    for code in range(1, 10):
        assert f'id="indicator-{code}"' in html
    assert "知识产权行政执法案件结案率" in html          # Chinese by default
    assert 'data-status="' in html                       # a status, in words as well as colour


def test_enterprise_and_anonymous_are_kept_out(client_as, client, cases, city):
    enterprise = client_as(Role.ENTERPRISE, org=None, entity=city["qinchuan"])
    for url in ("/cockpit/", f"/cockpit/6/records/?{H1}", "/cockpit/compare/", "/cockpit/targets/",
                f"/cockpit/report.docx?{H1}", f"/cockpit/report.xlsx?{H1}"):
        assert enterprise.get(url).status_code == 403, url
        assert client.get(url).status_code == 302, url


def test_leadership_may_not_manage(client_as):
    leader = client_as(Role.LEADERSHIP)
    for url in ("/cockpit/targets/", "/cockpit/threshold/", "/cockpit/population/"):
        assert leader.get(url).status_code == 403


def test_period_and_district_selection(client_as, cases):
    officer = client_as(Role.IP_OFFICER)
    officer.cookies["django_language"] = "en"
    html = officer.get(f"/cockpit/?kind=custom&{H1}").content.decode()
    assert 'data-period="2026-01-01/2026-06-30"' in html
    assert 'data-value="60.0"' not in html and 'data-value="75.0"' in html   # 3 closed of 4 (6)
    quarter = officer.get("/cockpit/?kind=quarter&year=2026&quarter=1").content.decode()
    assert 'data-period="2026-01-01/2026-03-31"' in quarter
    month = officer.get("/cockpit/?kind=month&year=2026&month=2").content.decode()
    assert 'data-period="2026-02-01/2026-02-28"' in month
    weiyang = officer.get(f"/cockpit/?{H1}&district=610112").content.decode()
    assert "未央区" in weiyang and 'data-value="100.0"' in weiyang
    assert 'data-period="2026-01-01/2026-12-31"' in officer.get("/cockpit/").content.decode()   # this year


@pytest.mark.parametrize("url, message", [
    ("/cockpit/?kind=custom&start=2026-06-30&end=2026-01-01", "The period ends before it starts."),
    ("/cockpit/?district=999999", "is not a district or county of"),
    ("/cockpit/?kind=custom&start=yesterday&end=2026-01-01", "Enter a valid date."),
    ("/cockpit/?show=12", "There is no indicator 12"),
    ("/cockpit/6/records/?start=2026-06-30&end=2026-01-01", "The period ends before it starts."),
    ("/cockpit/6/records/?district=610199", "is not a district or county of"),
    ("/cockpit/6/records/?body=abc", "is not a handling body"),
    ("/cockpit/report.docx?district=1", "is not a district or county of"),
    ("/cockpit/compare/?month=2026-13", "is not a month"),
])
def test_bad_input_says_why(client_as, cases, url, message):
    officer = client_as(Role.IP_OFFICER)
    officer.cookies["django_language"] = "en"
    response = officer.get(url)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_unknown_indicator_is_404(client_as):
    assert client_as(Role.IP_OFFICER).get(f"/cockpit/12/records/?{H1}").status_code == 404


def test_bad_input_is_translated(client_as, cases):
    response = client_as(Role.IP_OFFICER).get("/cockpit/?kind=custom&start=2026-06-30&end=2026-01-01")
    assert "期间的结束日期早于开始日期" in response.content.decode()


@pytest.mark.parametrize("code, extra", [(6, ""), (6, "&district=610113"), (8, ""), (4, ""), (7, "")])
def test_records_count_is_the_figures_numerator(client_as, cases, experts, code, extra):
    response = client_as(Role.LEADERSHIP).get(f"/cockpit/{code}/records/?{H1}{extra}&part=numerator")
    assert response.status_code == 200
    district = dict(p.split("=") for p in extra.strip("&").split("&")).get("district") if extra else None
    fig = cockpit.figure(code, D(2026, 1, 1), D(2026, 6, 30), district)
    expected = fig.numerator if fig.kind == "rate" else fig.value
    assert f'data-count="{int(expected or 0)}"' in response.content.decode()


def test_records_by_body(client_as, cases, city):
    url = f"/cockpit/6/records/?{H1}&part=numerator&body={city['weiyang_amr'].pk}"
    assert 'data-count="1"' in client_as(Role.IP_OFFICER).get(url).content.decode()


def test_leadership_sees_nothing_personal_in_records(client_as, experts, cases):
    leader = client_as(Role.LEADERSHIP)
    html = leader.get(f"/cockpit/4/records/?{H1}").content.decode()
    assert "张三丰" not in html and "李四光" not in html and "张**" in html
    export = leader.get(f"/cockpit/4/records/?{H1}&export=xlsx")
    assert export.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook
    cells = [c for row in load_workbook(BytesIO(b"".join(export.streaming_content))).active.values for c in row]
    assert "张**" in cells and "张三丰" not in cells
    cases_html = leader.get(f"/cockpit/8/records/?{H1}").content.decode()
    assert "<th>标题</th>" not in cases_html and "<th>title</th>" not in cases_html    # titles may name people
    officer = client_as(Role.IP_OFFICER).get(f"/cockpit/4/records/?{H1}").content.decode()
    assert "张三丰" in officer


def test_snapshot_comparison(client_as, cases, case):
    from zhibao.indicators import snapshots

    snapshots.take(D(2026, 2, 1))
    officer = client_as(Role.IP_OFFICER)
    officer.cookies["django_language"] = "en"
    html = officer.get("/cockpit/compare/?month=2026-02").content.decode()
    assert 'data-code="6"' in html and "unchanged" in html
    # a case recorded late changes the live figure only: 2 closed of 3 against the snapshot's 1 of 2
    case("enforcement", D(2026, 2, 2), filed=D(2026, 2, 2), closed=D(2026, 2, 20))
    html = officer.get("/cockpit/compare/?month=2026-02").content.decode()
    assert "+16.67" in html


def test_targets_page_changes_with_reason_and_history(client_as):
    officer = client_as(Role.IP_OFFICER)
    page = officer.get("/cockpit/targets/")
    assert page.status_code == 200 and 'data-code="9"' in page.content.decode()
    response = officer.post("/cockpit/targets/", {"code": 9, "value": "90", "target_date": "2026-12-31",
                                                  "effective_from": "2026-01-01", "reason": "市政府 2026 年工作要点"})
    assert response.status_code == 302
    t = Target.objects.get(code=9, effective_from=D(2026, 1, 1))
    assert (t.value, t.source, t.changed_by.username) == (90, "市政府 2026 年工作要点", "u-ip_officer")
    html = officer.get("/cockpit/targets/").content.decode()
    assert "市政府 2026 年工作要点" in html and "u-ip_officer" in html
    from auditlog.models import LogEntry
    assert LogEntry.objects.get_for_object(t).exists()


def test_targets_bad_input_changes_nothing(client_as):
    officer = client_as(Role.IP_OFFICER)
    officer.cookies["django_language"] = "en"
    before = Target.objects.count()
    response = officer.post("/cockpit/targets/", {"code": 9, "value": "90", "target_date": "2025-12-31",
                                                  "effective_from": "2026-01-01", "reason": "x"})
    assert response.status_code == 400
    assert "The target date is before the day the target takes effect." in response.content.decode()
    assert officer.post("/cockpit/targets/", {"code": 12, "value": "-1"}).status_code == 400
    assert Target.objects.count() == before


def test_threshold_and_population_pages(client_as, city):
    officer = client_as(Role.IP_OFFICER)
    assert officer.post("/cockpit/threshold/", {"amount": "20000000", "effective_from": "2026-01-01",
                                                "document": "陕知发〔2026〕1号"}).status_code == 302
    assert "陕知发〔2026〕1号" in officer.get("/cockpit/threshold/").content.decode()
    assert officer.post("/cockpit/population/", {"district": "610100", "year": 2026, "population": 13_200_000,
                                                 "reason": "2026 年统计公报"}).status_code == 302
    html = officer.get("/cockpit/population/").content.decode()
    assert "13200000" in html and "2026 年统计公报" in html and "u-ip_officer" in html
    assert officer.post("/cockpit/population/", {"district": "999999", "year": 2026, "population": 5,
                                                 "reason": "x"}).status_code == 400
