"""Row by row: the same rules as forms and the API, every faulty cell named with row, column
and reason; a dry run writes nothing."""
import datetime
import io

import pytest
from django.utils import timezone, translation

from zhibao.accounts.roles import Role, Scope
from zhibao.imports import engine
from zhibao.registry.models import IPRight, MarketEntity, RightHolder

from . import files

H = files.ENTITY_HEADER_ZH


def check(rows, user, header=H, record_type="entities", dry_run=True, language="en"):
    """The result of a dry run or import; for a refused import, the result that came with the refusal."""
    with translation.override(language):
        try:
            return engine.run(io.BytesIO(files.csv_bytes(header, rows)), record_type, user, dry_run=dry_run)
        except engine.Rejected as rejected:
            return {**rejected.result, "rejected": rejected.message}


def errors_of(result):
    return {(row, column): message for row, column, _value, message in result["errors"]}


def row(i=0, **changes):
    values = dict(zip(files.ENTITY_HEADER_EN, files.entity_row(i)))
    values.update(changes)
    return [values[k] for k in files.ENTITY_HEADER_EN]


def test_a_dry_run_writes_nothing(xian, officer):
    before = MarketEntity.objects.count()
    result = check([row(i) for i in range(5)], officer)
    assert (result["created"], result["written"], result["dry_run"]) == (5, False, True)
    assert MarketEntity.objects.count() == before
    assert [c["row"] for c in result["creates"]] == [2, 3, 4, 5, 6]


def test_invalid_uscc(xian, officer):
    bad = files.uscc(1)[:-1] + ("0" if files.uscc(1)[-1] != "0" else "1")
    result = check([row(0), row(1, uscc=bad), row(2, uscc="12345")], officer)
    errors = errors_of(result)
    assert "check character" in errors[(3, "统一社会信用代码")]
    assert "18 characters" in errors[(4, "统一社会信用代码")]
    assert (result["created"], result["faulty"]) == (1, 2)


def test_excel_scientific_notation_gets_a_hint(xian, officer):
    result = check([row(0, uscc="9.16101E+17")], officer)
    assert "Excel has turned this code into a number" in result["errors"][0][3]


def test_dates_in_the_future_and_impossible_dates(xian, officer):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    result = check([row(0, established=tomorrow), row(1, established="2024-02-30"), row(2, established="昨天")],
                   officer)
    errors = errors_of(result)
    assert "future" in errors[(2, "成立日期")]
    assert "not a real date" in errors[(3, "成立日期")]
    assert "is not a date" in errors[(4, "成立日期")]


@pytest.mark.parametrize("text", ["2012-05-08", "2012/5/8", "2012年5月8日", "2012.5.8", "20120508", "2012/5/8 0:00"])
def test_date_formats(xian, officer, text):
    result = check([row(0, established=text)], officer, dry_run=False)
    assert result["faulty"] == 0
    assert MarketEntity.objects.get(uscc=files.uscc(0)).established == datetime.date(2012, 5, 8)


def test_excel_date_cells(xian, officer):
    rows = [row(0)]
    rows[0][7] = datetime.datetime(2015, 3, 9)
    with translation.override("en"):
        result = engine.run(io.BytesIO(files.xlsx_bytes(H, rows)), "entities", officer, dry_run=False)
    assert result["faulty"] == 0
    assert MarketEntity.objects.get().established == datetime.date(2015, 3, 9)


def test_overlong_text(xian, officer):
    result = check([row(0, name="长" * 151), row(1, address="址" * 201)], officer)
    errors = errors_of(result)
    assert "150" in errors[(2, "名称")] and "151" in errors[(2, "名称")]
    assert "200" in errors[(3, "地址")]


@pytest.mark.parametrize("column,value", [
    ("name", "<script>alert(1)</script>"), ("address", '<img src=x onerror="alert(1)">'),
    ("legal_representative", "javascript:alert(1)"), ("name", "<b>粗体</b>公司"),
])
def test_html_and_script_are_refused(xian, officer, column, value):
    result = check([row(0, **{column: value})], officer, dry_run=False)
    assert result["faulty"] == 1
    assert "HTML" in result["errors"][0][3]
    assert not MarketEntity.objects.exists()


def test_required_values_and_unknown_references(xian, officer):
    result = check([row(0, name=""), row(1, district="火星区"), row(2, kind="外星企业"), row(3, industry="Z")],
                   officer)
    errors = errors_of(result)
    assert "must have a value" in errors[(2, "名称")]
    assert "火星区" in errors[(3, "所在区县")]
    assert "外星企业" in errors[(4, "类型")]
    assert (5, "行业") in errors
    assert result["faulty"] == 4


def test_references_by_code_name_and_label(xian, officer):
    rows = [row(0, district="610112", kind="个体工商户", industry="制造业"), row(1, district="雁塔", kind="company",
                                                                         industry="Manufacturing")]
    check(rows, officer, dry_run=False)
    a, b = MarketEntity.objects.get(uscc=files.uscc(0)), MarketEntity.objects.get(uscc=files.uscc(1))
    assert (a.district_id, a.kind, a.industry) == ("610112", "individual", "C")
    assert (b.district_id, b.kind, b.industry) == ("610113", "company", "C")


def test_bad_phone_and_capital(xian, officer):
    header = H + ["注册资本（万元）"]
    result = check([row(0, phone="call me") + ["100"], row(1) + ["一百万"], row(2) + ["12.345"]], officer,
                   header=header)
    errors = errors_of(result)
    assert "phone" in errors[(2, "电话")].lower()
    assert "not a number" in errors[(3, "注册资本（万元）")]
    assert "decimal" in errors[(4, "注册资本（万元）")].lower()


def test_extra_cells_without_header(xian, officer):
    result = check([row(0) + ["多出来的"]], officer)
    assert "more cells" in result["errors"][0][3]


def test_duplicate_key_in_the_file_is_an_error_on_both_rows(xian, officer):
    result = check([row(0), row(1), row(0, name="另一个名字"), row(0, name="第三个")], officer)
    errors = errors_of(result)
    assert "appears again in row 4" in errors[(2, "统一社会信用代码")]
    assert "already appears in row 2" in errors[(4, "统一社会信用代码")]
    assert "already appears in row 2" in errors[(5, "统一社会信用代码")]
    assert (result["created"], result["faulty"]) == (1, 3)
    assert [c["row"] for c in result["creates"]] == [3]


def test_existing_key_means_update_with_before_and_after(xian, officer):
    check([row(0), row(1)], officer, dry_run=False)
    result = check([row(0, name="西安新名字有限公司", address="西安市未央区凤城八路1号"), row(1), row(2)], officer)
    assert (result["created"], result["updated"], result["unchanged"]) == (1, 1, 1)
    update = result["updates"][0]
    assert update["row"] == 2 and update["key"] == files.uscc(0)
    assert ["名称", "西安测试0科技有限公司", "西安新名字有限公司"] in update["changes"]
    assert ["地址", "西安市雁塔区科技路1号", "西安市未央区凤城八路1号"] in update["changes"]
    assert MarketEntity.objects.get(uscc=files.uscc(0)).name == "西安测试0科技有限公司"  # dry run


def test_update_shows_labels_not_codes(xian, officer):
    check([row(0)], officer, dry_run=False)
    result = check([row(0, district="未央区", kind="个体工商户")], officer, language="zh-hans")
    changes = result["updates"][0]["changes"]
    assert ["所在区县", "雁塔区", "未央区"] in changes
    assert ["类型", "公司", "个体工商户"] in changes


def test_empty_cells_leave_stored_values(xian, officer):
    check([row(0)], officer, dry_run=False)
    result = check([row(0, address="", phone="")], officer, dry_run=False)
    assert result["unchanged"] == 1
    assert MarketEntity.objects.get().address == "西安市雁塔区科技路1号"


def test_errors_are_capped_but_counted(xian, officer, monkeypatch):
    monkeypatch.setattr(engine, "MAX_ERRORS", 5)
    result = check([row(i, name="") for i in range(12)], officer)
    assert result["error_count"] == 12 and len(result["errors"]) == 5 and result["faulty"] == 12


# -- data scope ----------------------------------------------------------------------------------

def test_district_officer_creates_only_in_own_district(xian, orgs, make_user):
    user = make_user(Role.IP_OFFICER, Scope.DISTRICT, org="yanta_amr", username="yanta-officer")
    result = check([row(0, district="雁塔区"), row(1, district="未央区")], user, dry_run=False)
    assert result["faulty"] == 1
    assert "data scope" in errors_of(result)[(3, "所在区县")]
    assert not MarketEntity.objects.exists()  # all or none


def test_organization_officer_may_not_change_records_of_others(xian, orgs, make_user, officer):
    check([row(0)], officer, dry_run=False)  # supervised by the city IP administration
    user = make_user(Role.IP_OFFICER, Scope.ORGANIZATION, org="yanta_amr", username="yanta-org")
    result = check([row(0, name="改名有限公司"), row(1)], user)
    assert "outside your data scope" in errors_of(result)[(2, "统一社会信用代码")]
    assert result["created"] == 1  # row 3: created under the user's own organization


def test_created_records_are_supervised_by_the_importers_organization(xian, orgs, officer):
    check([row(0)], officer, dry_run=False)
    assert MarketEntity.objects.get().org == orgs["city_ip"]


def test_supervising_body_column(xian, orgs, officer):
    header = H + ["监管机构"]
    result = check([row(0) + ["西安市未央区市场监督管理局"], row(1) + ["不存在的局"]], officer, header=header)
    assert "不存在的局" in errors_of(result)[(3, "监管机构")]


def test_a_user_without_the_permission_is_refused(xian, make_user):
    from zhibao.imports.reader import Refused

    with pytest.raises(Refused):
        check([row(0)], make_user(Role.MEDIATOR, Scope.CITY, username="mediator"))


# -- IP rights ------------------------------------------------------------------------------------

RH = files.RIGHT_HEADER_ZH


def holders(xian, officer, n=2):
    check([row(i) for i in range(n)], officer, dry_run=False)
    return [files.uscc(i) for i in range(n)]


def test_rights_with_holders(xian, officer):
    a, b = holders(xian, officer)
    header = RH + ["尼斯分类"]
    rows = [files.right_row(0, a) + [""], files.right_row(1, f"{a}；{b}") + [""],
            ["商标", "12345678", "秦川智造", b, "", "", "", "42, 7"],
            ["商标", "87654321", "没有类别", b, "", "", "", ""]]
    result = check(rows, officer, header=header, record_type="rights")
    assert "Nice class" in errors_of(result)[(5, "尼斯分类")]
    result = check(rows[:3], officer, header=header, record_type="rights", dry_run=False)
    assert (result["created"], result["faulty"]) == (3, 0)
    mark = IPRight.objects.get(kind="trademark")
    assert mark.nice_classes == "7,42" and mark.district_id == "610113"  # from its holder
    assert RightHolder.objects.count() == 4


def test_rights_errors(xian, officer):
    a, = holders(xian, officer, 1)
    other = files.uscc(77)
    rows = [
        ["发明专利", "ZL201810123456.8", "校验位错误", a, "", "", ""],
        ["实用新型", files.right_row(0, a)[1], "类型不符", a, "", "", ""],
        ["发明专利", files.right_row(2, a)[1], "权利人未登记", other, "", "", ""],
        ["发明专利", files.right_row(3, a)[1], "日期颠倒", a, "2020-01-01", "2019-01-01", ""],
        ["火箭", "1", "未知类型", a, "", "", ""],
        ["商标", "12345678", "<script>x</script>", a, "", "", ""],
        ["发明专利", files.right_row(4, a)[1], "权利人代码错误", "123", "", "", ""],
    ]
    errors = errors_of(check(rows, officer, header=RH, record_type="rights"))
    assert "check character" in errors[(2, "号码")]
    assert "not of the chosen kind" in errors[(3, "号码")]
    assert "import it as a market entity first" in errors[(4, "权利人统一社会信用代码")]
    assert "before the application date" in errors[(5, "授权日")]
    assert "火箭" in errors[(6, "类型")]
    assert "HTML" in errors[(7, "名称")]
    assert "18 characters" in errors[(8, "权利人统一社会信用代码")]


def test_patent_numbers_are_normalized_and_duplicates_found(xian, officer):
    a, = holders(xian, officer, 1)
    number = files.right_row(0, a)[1]  # ZL2018...
    rows = [["发明专利", number, "一", a, "", "", ""], ["发明专利", number[2:], "二", a, "", "", ""]]
    errors = errors_of(check(rows, officer, header=RH, record_type="rights"))
    assert "already appears in row 2" in errors[(3, "号码")]


def test_right_update_adds_a_holder_and_keeps_the_others(xian, officer):
    a, b = holders(xian, officer)
    check([files.right_row(0, a)], officer, header=RH, record_type="rights", dry_run=False)
    result = check([files.right_row(0, b)], officer, header=RH, record_type="rights", dry_run=False)
    assert result["updated"] == 1
    assert ["权利人统一社会信用代码", a, f"{a}; {b}"] in result["updates"][0]["changes"]
    right = IPRight.objects.get()
    assert set(right.holders.values_list("entity__uscc", flat=True)) == {a, b}
    again = check([files.right_row(0, b)], officer, header=RH, record_type="rights")
    assert again["unchanged"] == 1
