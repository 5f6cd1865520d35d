"""Leadership's journey through the cockpit in headless Chromium: sign in, open the cockpit,
change the period, open an indicator's records (masked), download the Word report.
Screenshots go to var/screenshots/cockpit-*.png."""
import datetime
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document

from tests.fixtures import PASSWORD
from zhibao.accounts.roles import Role, Scope
from zhibao.cases.models import Case, Party
from zhibao.indicators import cockpit
from zhibao.indicators.periods import today

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = SCREENSHOTS  # var/screenshots/, not kept in git


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"cockpit-{name}.png"), full_page=True)


@pytest.fixture
def year_of_cases(xian, orgs, entities):
    """Enforcement cases and mediations spread over this year up to today."""
    day = today()
    first = datetime.date(day.year, 1, 1)
    for i in range(6):
        received = first + datetime.timedelta(days=i * max((day - first).days // 7, 1))
        closed = received + datetime.timedelta(days=5) if i % 3 else None
        district = xian["yanta"] if i % 2 else xian["weiyang"]
        Case.objects.create(procedure="enforcement", stage="closed" if closed else "open", title=f"案件{i}",
                            handling_org=orgs["yanta_amr"], district=district, received_on=received,
                            filed_on=received, closed_on=closed if closed and closed <= day else None)
        mediation = Case.objects.create(procedure="mediation", stage="open", title=f"调解{i}",
                                        handling_org=orgs["yanta_amr"], district=district, received_on=received)
        Party.objects.create(case=mediation, role="requester", entity=entities["qinchuan"])
    return first, day


def test_leadership_reads_the_cockpit_and_downloads_the_word_report(page, make_user, year_of_cases):
    make_user(Role.LEADERSHIP, Scope.CITY, None, username="leader")
    first, day = year_of_cases

    page.goto("/cockpit/")
    assert "/accounts/login/" in page.url
    page.fill("#id_username", "leader")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/cockpit/")
    page.locator("#indicator-6").wait_for()
    assert page.locator(".card.indicator").count() == 9
    page.locator("#district-map[data-ready]").wait_for()            # the map of Xi'an (or its bar chart)
    assert page.locator("#district-map canvas").count() == 1
    assert page.locator("#indicator-8 .trend-chart canvas").count() == 1
    shot(page, "01-cockpit")

    # Change the period: a custom from–to, this year up to today.
    page.select_option("select[name=kind]", "custom")
    page.fill("input[name=start]", first.isoformat())
    page.fill("input[name=end]", day.isoformat())
    page.get_by_role("button", name="显示").click()
    page.wait_for_url("**kind=custom**")
    period = page.locator("[data-period]").get_attribute("data-period")
    assert period == f"{first.isoformat()}/{day.isoformat()}"
    shot(page, "02-period")

    # Open indicator 6: the records that make its numerator.
    numerator = cockpit.figure(6, first, day).numerator
    page.locator("#indicator-6 a.value").click()
    page.wait_for_url("**/cockpit/6/records/**")
    assert page.locator("[data-count]").get_attribute("data-count") == str(int(numerator))
    assert "标题" not in page.locator("table.data thead").inner_text()     # no titles for leadership
    shot(page, "03-records")

    # Back to the cockpit and download the Word report of the period.
    page.get_by_role("link", name="返回驾驶舱").click()
    page.locator("#indicator-6").wait_for()
    with page.expect_download() as info:
        page.get_by_role("link", name="Word 报告").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    doc = Document(BytesIO(Path(download.path()).read_bytes()))
    assert [r.cells[0].text for r in doc.tables[0].rows[1:]] == [str(c) for c in range(1, 10)]
    assert first.isoformat() in doc.paragraphs[1].text
    shot(page, "04-after-download")
