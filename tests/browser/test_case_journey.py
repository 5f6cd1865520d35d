"""Issue 3's journey in headless Chromium: an anonymous report on the portal (on a phone), an
officer triages and routes it, files a case, the enforcement case is decided and closed, and the
reporter follows the report by its tracking number and check code and sees the outcome.

Through pages: the portal, sign-in, the intake triage decision, assigning officers, generating
the filing approval, the filing decision, every step of the enforcement case from legal review
to closing, closing the report, following the case. Recorded directly: the documents those
enforcement steps require (their generation is tests/cases/test_documents.py's subject).
"""
import pytest

from zhibao.accounts.roles import Role, Scope
from zhibao.cases import engine
from zhibao.cases.models import Case
from tests.fixtures import PASSWORD

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = SCREENSHOTS  # var/screenshots/, not kept in git
PHONE = {"width": 390, "height": 844}


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"journey-{name}.png"), full_page=True)


def record_enforcement_documents(case, officer):
    """The documents the enforcement steps require, recorded directly (generating each one is
    tests/cases/test_documents.py's subject); the steps themselves are taken on the case page."""
    today = engine._today()
    for kind in ("review_opinion", "advance_notice", "penalty_decision", "delivery_receipt", "closing_report"):
        engine.add_document(case, officer, kind, reference=f"西市监知文〔{today.year}〕{len(kind)}号")


def take_step(page, code, **fields):
    """Open the step's form on the case page, fill its fields, submit, and wait for the page."""
    page.locator(f"#step-{code} summary").click()
    for name, value in fields.items():
        page.fill(f'#step-{code} [name="{code}-{name}"]', str(value))
    page.locator(f"#step-{code} button[type=submit]").click()
    page.wait_for_load_state()


def decide_and_close_enforcement(page, case, officer):
    """The enforcement case from investigation to closed, each step through the case page."""
    record_enforcement_documents(case, officer)
    today = engine._today().isoformat()
    page.goto(case.get_absolute_url())
    take_step(page, "submit_review")
    take_step(page, "send_notice", served_on=today)
    take_step(page, "statements_done")
    take_step(page, "decide_penalty", fine_amount="5000", decision_ref="西市监知罚〔2026〕1号")
    take_step(page, "deliver", served_on=today)
    take_step(page, "record_payment", result="罚款已缴纳")
    take_step(page, "publish")
    take_step(page, "close")


def test_anonymous_report_to_closed_case_followed_by_the_reporter(browser, live_server, make_user, orgs):
    officer = make_user(Role.IP_OFFICER, Scope.CITY, "city_ip", username="officer", full_name="王建国")
    colleague = make_user(Role.IP_OFFICER, Scope.CITY, "city_ip", username="colleague", full_name="李明")

    # 1. The reporter, on a phone, reports anonymously on the portal.
    phone = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=live_server.url)
    reporter = phone.new_page()
    reporter.set_default_timeout(15_000)
    reporter.goto("/portal/")
    shot(reporter, "01-portal-home")
    reporter.get_by_role("link", name="举报侵权").click()
    reporter.fill("#id_facts", "小寨夜市摊位销售假冒“秦川智造”商标的机床配件。")
    reporter.fill("#id_respondent_name", "某某五金店")
    reporter.fill("#id_respondent_address", "西安市雁塔区小寨东路1号")
    reporter.fill("#id_product", "机床配件")
    reporter.check("#id_consent")
    shot(reporter, "02-report-form")
    reporter.click(".pt-form button[type=submit]")
    reporter.wait_for_url("**/portal/receipt/")
    number, code = reporter.inner_text("[data-number]"), reporter.inner_text("[data-code]")
    shot(reporter, "03-receipt")
    report = Case.objects.get(number=number)
    assert report.channel == "portal" and report.kind == "anonymous"

    # 2. An officer signs in, triages and routes it to the city IP administration.
    desk = browser.new_context(viewport={"width": 1360, "height": 900}, locale="zh-CN", base_url=live_server.url)
    staff = desk.new_page()
    staff.set_default_timeout(15_000)
    staff.goto("/accounts/login/")
    staff.fill("#id_username", "officer")
    staff.fill("#id_password", PASSWORD)
    staff.get_by_role("button", name="登录").click()
    staff.wait_for_url(lambda url: "/accounts/login/" not in url)
    staff.goto("/intake/triage/")
    staff.get_by_role("link", name=number).first.click()
    staff.wait_for_url("**/intake/triage/*/")
    staff.select_option("#id_body", label=orgs["city_ip"].name)
    staff.fill("#id_why", "市局直接核查")
    shot(staff, "04-triage")
    staff.get_by_role("button", name="记录决定并分办").click()
    staff.wait_for_load_state()
    staff.goto(report.get_absolute_url())

    # 3. The case page: two officers assigned, the filing approval generated, the filing decision.
    for user in (colleague, officer):
        staff.locator("#officers summary").click()
        staff.select_option("#id_officer-officer", value=str(user.pk))
        staff.locator("form[action$='/add/officer/'] button[type=submit]").click()
        staff.wait_for_load_state()
    staff.locator("#documents button", has_text="立案审批表").click()
    staff.wait_for_load_state()
    assert report.documents.filter(kind="filing_approval").exists()
    staff.goto(report.get_absolute_url())
    staff.locator("#step-decide_file summary").click()
    staff.locator("#step-decide_file button[type=submit]").click()
    staff.wait_for_load_state()
    shot(staff, "05-report-filed")
    report.refresh_from_db()
    assert report.stage == "informing" and report.outcome == "filed"

    # 4. The enforcement case is decided and closed on its page, then the report closed on its page.
    enforcement = report.derived.get()
    decide_and_close_enforcement(staff, enforcement, officer)
    shot(staff, "06-enforcement-closed")
    enforcement.refresh_from_db()
    assert enforcement.closed_on is not None and enforcement.outcome
    staff.goto(report.get_absolute_url())
    staff.locator("#step-close summary").click()
    staff.locator("#step-close button[type=submit]").click()
    staff.wait_for_load_state()
    report.refresh_from_db()
    assert report.closed_on is not None

    # 5. The reporter follows the report and sees the outcome.
    reporter.goto("/portal/follow/")
    reporter.fill("#id_number", number)
    reporter.fill("#id_code", code)
    reporter.click(".pt-form button[type=submit]")
    reporter.locator("[data-stage]").wait_for()
    shot(reporter, "07-followed")
    text = reporter.inner_text("main")
    assert "已办结" in reporter.inner_text("[data-stage]") and "已立案" in text and "决定立案" in text
    assert "给予行政处罚" in reporter.inner_text("[data-follow-up]")
    for secret in ("王建国", "李明", "officer", "某某五金店", "小寨东路", "市局直接核查"):
        assert secret not in reporter.content()
    phone.close()
    desk.close()
