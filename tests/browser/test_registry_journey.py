"""Issue 2's journey in headless Chromium: sign in, search an entity by part of its Chinese
name, open it, see its rights, go back and export the list to Excel."""
import datetime

import openpyxl
import pytest

from zhibao.accounts.roles import Role, Scope
from zhibao.registry.choices import EntityKind, Industry, RightKind
from zhibao.registry.codes import make_patent_number, make_uscc
from zhibao.registry.models import IPRight, MarketEntity, RightHolder
from tests.fixtures import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def registry(xian, orgs):
    qinchuan = MarketEntity.objects.create(
        name="西安秦川智能装备有限公司", uscc=make_uscc("610113", 31 * 101), district=xian["yanta"],
        org=orgs["yanta_amr"], kind=EntityKind.COMPANY, industry=Industry.C, established=datetime.date(2012, 5, 8),
        address="西安市雁塔区科技路48号", legal_representative="王建国")
    for i, name in enumerate(["西安曲江文化传媒有限公司", "西安未央食品有限公司", "西安秦岭生态农业有限公司"]):
        MarketEntity.objects.create(name=name, uscc=make_uscc("610113", 31 * (200 + i)), district=xian["yanta"],
                                    org=orgs["yanta_amr"], industry=Industry.F)
    patent = IPRight.objects.create(
        kind=RightKind.INVENTION, number=make_patent_number(2018, "invention", 123456), title="一种数控机床主轴冷却装置",
        application_date=datetime.date(2018, 2, 1), grant_date=datetime.date(2020, 6, 9), ipc_classes="B23Q 11/12",
        district=xian["yanta"], org=orgs["yanta_amr"])
    mark = IPRight.objects.create(kind=RightKind.TRADEMARK, number="12345678", title="秦川智造", nice_classes="7,42",
                                  district=xian["yanta"], org=orgs["yanta_amr"])
    RightHolder.objects.create(right=patent, entity=qinchuan)
    RightHolder.objects.create(right=mark, entity=qinchuan)
    return {"qinchuan": qinchuan, "patent": patent, "mark": mark}


def test_officer_finds_an_entity_sees_its_rights_and_exports_the_list(page, shoot, make_user, registry, tmp_path):
    make_user(Role.IP_OFFICER, Scope.CITY, "city_ip", username="officer")

    # Sign in through the form (Chinese by default).
    page.goto("/")
    assert "/accounts/login/" in page.url
    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    shoot(page, "01-login")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.get_by_role("link", name="市场主体").first.click()
    page.wait_for_url("**/registry/entities/")
    shoot(page, "02-entity-list")

    # Search by part of the Chinese name; the results change in place (htmx).
    page.fill("input[name=q]", "秦川")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**q=*")
    results = page.locator("#results")
    results.get_by_role("link", name="西安秦川智能装备有限公司").wait_for()
    assert results.get_by_role("link", name="西安曲江文化传媒有限公司").count() == 0
    assert results.locator("[data-count]").get_attribute("data-count") == "1"
    assert "1 条记录" in results.inner_text()
    shoot(page, "03-search-qinchuan")

    # Open the entity: its rights, with kind, number, title and status.
    results.get_by_role("link", name="西安秦川智能装备有限公司").click()
    page.wait_for_url(f"**{registry['qinchuan'].get_absolute_url()}")
    rights = page.locator("table.data").first
    text = rights.inner_text()
    assert registry["patent"].number in text and "一种数控机床主轴冷却装置" in text and "发明专利" in text
    assert "12345678" in text and "秦川智造" in text and "商标" in text and "有效" in text
    assert "西安市雁塔区市场监督管理局" in page.locator("table.kv").inner_text()  # the supervising body
    shoot(page, "04-entity-page")

    # Back to the list, still filtered (a whole page, not only the results), and export what it shows.
    page.go_back()
    page.wait_for_url("**q=*")
    page.locator("form.filters").wait_for()
    assert page.locator("input[name=q]").input_value() == "秦川"
    with page.expect_download() as download_info:
        page.locator("#results a[data-export]").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][0] == "名称" and rows[0][1] == "统一社会信用代码"
    assert [r[0] for r in rows[1:]] == ["西安秦川智能装备有限公司"]
    assert rows[1][1] == registry["qinchuan"].uscc

    # The English switch.
    page.locator("form.lang-switch button[value=en]").click()
    page.wait_for_load_state()
    assert "Market entities" in page.locator("h1").inner_text()
    shoot(page, "05-entity-list-english")


def test_right_form_shows_only_the_fields_of_the_chosen_kind(page, shoot, make_user, registry):
    make_user(Role.IP_OFFICER, Scope.CITY, "city_ip", username="officer")
    page.goto("/accounts/login/?next=/registry/rights/new/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/registry/rights/new/")
    page.select_option("select[name=kind]", "trademark")
    assert page.locator("#id_nice_classes").is_visible()
    assert not page.locator("#id_ipc_classes").is_visible()
    assert not page.locator("#id_protected_area").is_visible()
    page.select_option("select[name=kind]", "gi")
    assert page.locator("#id_protected_area").is_visible() and not page.locator("#id_nice_classes").is_visible()
    # The holder field suggests entities as one types.
    page.fill("#id_first_holder", "秦川")
    page.locator("#first-holder-options option").first.wait_for(state="attached")
    option = page.locator("#first-holder-options option").first.get_attribute("value")
    assert option.endswith("西安秦川智能装备有限公司")
    shoot(page, "06-right-form-gi")


def test_gi_page_shows_and_changes_authorized_users(page, shoot, make_user, registry, xian, orgs):
    from zhibao.registry.choices import GIRegime
    from zhibao.registry.models import GIAuthorization

    gi = IPRight.objects.create(kind=RightKind.GI, number="第123号", title="临潼石榴", gi_regime=GIRegime.PROTECTED_PRODUCT,
                                protected_area="西安市临潼区骊山街道等 23 个街道", district=xian["yanta"],
                                org=orgs["yanta_amr"])
    GIAuthorization.objects.create(right=gi, entity=registry["qinchuan"], certificate="GI-2024-001",
                                   valid_from=datetime.date(2024, 1, 1), valid_until=datetime.date(2026, 12, 31))
    make_user(Role.IP_OFFICER, Scope.CITY, "city_ip", username="officer")
    page.goto(f"/accounts/login/?next={gi.get_absolute_url()}")
    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"**{gi.get_absolute_url()}")
    users = page.locator("#gi-users + table")
    assert "西安秦川智能装备有限公司" in users.inner_text() and "GI-2024-001" in users.inner_text()
    assert "骊山街道" in page.locator("table.kv").inner_text()
    users.get_by_text("修改").click()
    auth = gi.gi_users.get()
    page.fill(f"#id_auth{auth.pk}-certificate", "GI-2024-001A")
    users.get_by_role("button", name="保存").click()
    page.wait_for_url(f"**{gi.get_absolute_url()}")
    assert "GI-2024-001A" in page.locator("#gi-users + table").inner_text()
    shoot(page, "07-gi-page")
