"""Creating and editing registry records in the pages: every bad input gets a specific,
translated message and leaves the stored data as it was."""
import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from zhibao.audit.models import PersonalDataView
from zhibao.registry.codes import make_id_number, make_patent_number
from zhibao.registry.models import GIAuthorization, IPRight, MarketEntity, Organization, Person, RightHolder

from .conftest import uscc


def entity_data(reg, **changes):
    data = {"name": "西安长安新材料科技有限公司", "uscc": uscc("610116", 555), "kind": "company", "status": "active",
            "legal_representative": "刘洋", "district": "610113", "zone": "", "address": "西安市雁塔区丈八东路1号",
            "industry": "C", "established": "2019-04-01", "registered_capital": "500", "phone": "029-88886666",
            "org": reg["yanta_amr"].pk}
    data.update(changes)
    return data


def snapshot(model):
    return sorted(model.objects.values_list(*[f.attname for f in model._meta.concrete_fields]))


def errors_of(response) -> str:
    return response.content.decode()


# -- market entities -----------------------------------------------------------------------------

def test_create_entity(as_user, reg):
    response = as_user("officer").post(reverse("registry:entity_create"), entity_data(reg))
    entity = MarketEntity.objects.get(name="西安长安新材料科技有限公司")
    assert response.status_code == 302 and response["Location"] == entity.get_absolute_url()
    assert LogEntry.objects.get_for_object(entity).filter(action=LogEntry.Action.CREATE).exists()


def test_uscc_is_normalized(as_user, reg):
    code = uscc("610116", 556)
    as_user("officer").post(reverse("registry:entity_create"), entity_data(reg, uscc=" " + code.lower() + " "))
    assert MarketEntity.objects.filter(uscc=code).exists()


@pytest.mark.parametrize("changes,message", [
    ({"uscc": "91110000600037341X"}, "校验位错误"),                       # wrong check character
    ({"uscc": "91110000600037341"}, "应为 18 位，此代码为 17 位"),          # too short
    ({"uscc": "9111000060003734IL"}, "这不是有效的统一社会信用代码"),        # I is not in the alphabet
    ({"uscc": ""}, "请输入统一社会信用代码"),
    ({"name": "<script>alert(1)</script>"}, "不允许 HTML 标签或脚本"),
    ({"name": "西安<b>粗体</b>有限公司"}, "不允许 HTML 标签或脚本"),
    ({"address": "雁塔区 onclick=alert(1)"}, "不允许 HTML 标签或脚本"),
    ({"name": "西安" + "很" * 200 + "有限公司"}, "不超过 150 字符"),
    ({"established": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()}, "该日期晚于今天"),
    ({"established": "2024-02-30"}, "输入一个有效的日期"),
    ({"phone": "call me"}, "电话号码只能包含数字"),
    ({"district": "999999"}, "选择一个有效的选项"),
    ({"registered_capital": "1e400"}, "不超过 14 个数字"),
    ({"registered_capital": "NaN"}, "请输入数字"),
    ({"registered_capital": "-5"}, "大于或等于0"),
    ({"name": "西安\x07控制字符有限公司"}, "不可见的控制字符"),
])
def test_bad_entity_input_is_refused_and_nothing_changes(as_user, reg, changes, message):
    before = snapshot(MarketEntity)
    response = as_user("officer").post(reverse("registry:entity_create"), entity_data(reg, **changes))
    assert response.status_code == 200
    assert message in errors_of(response)
    assert snapshot(MarketEntity) == before


def test_duplicate_uscc_links_to_the_existing_record(as_user, reg):
    before = snapshot(MarketEntity)
    response = as_user("officer").post(reverse("registry:entity_create"),
                                       entity_data(reg, uscc=reg["qinchuan"].uscc.lower()))
    page = errors_of(response)
    assert "该统一社会信用代码已登记" in page
    assert f'<a href="{reg["qinchuan"].get_absolute_url()}">西安秦川智能装备有限公司</a>' in page
    assert snapshot(MarketEntity) == before


def test_duplicate_outside_scope_names_but_does_not_link(as_user, reg):
    # 雁塔's officer cannot open 未央's entity: the message names it without a link.
    response = as_user("yanta").post(reverse("registry:entity_create"), entity_data(reg, uscc=reg["food"].uscc))
    page = errors_of(response)
    assert "该统一社会信用代码已登记" in page and "西安未央食品有限公司" in page
    assert reg["food"].get_absolute_url() not in page


def test_edit_entity_and_stale_version(as_user, reg):
    entity = reg["qinchuan"]
    url = reverse("registry:entity_edit", args=[entity.pk])
    client = as_user("officer")
    form = client.get(url).content.decode()
    assert 'name="version" value="1"' in form
    data = entity_data(reg, name="西安秦川智能装备股份有限公司", uscc=entity.uscc, version=1)
    assert client.post(url, data).status_code == 302
    entity.refresh_from_db()
    assert entity.name == "西安秦川智能装备股份有限公司" and entity.version == 2
    # a second edit based on the version the user first loaded is refused
    stale = client.post(url, entity_data(reg, name="被覆盖的名称", uscc=entity.uscc, version=1))
    assert "其他人已保存了修改" in errors_of(stale)
    entity.refresh_from_db()
    assert entity.name == "西安秦川智能装备股份有限公司" and entity.version == 2
    # the form after the refusal still carries the version the user based the edit on
    assert 'name="version" value="1"' in errors_of(stale)


@pytest.mark.parametrize("version", ["", "abc", "0"])
def test_edit_without_a_valid_version_is_refused(as_user, reg, version):
    entity = reg["qinchuan"]
    before = snapshot(MarketEntity)
    response = as_user("officer").post(reverse("registry:entity_edit", args=[entity.pk]),
                                       entity_data(reg, name="无版本", uscc=entity.uscc, version=version))
    assert response.status_code == 200
    assert snapshot(MarketEntity) == before


def test_change_outside_scope_is_refused(as_user, reg):
    # 雁塔's district officer may not move an entity to 未央区, out of their own scope.
    entity = reg["qinchuan"]
    before = snapshot(MarketEntity)
    response = as_user("yanta").post(reverse("registry:entity_edit", args=[entity.pk]),
                                     entity_data(reg, uscc=entity.uscc, district="610112", version=1))
    assert "将超出您的数据范围，未保存任何内容" in errors_of(response)
    assert snapshot(MarketEntity) == before
    assert not LogEntry.objects.get_for_object(entity).filter(action=LogEntry.Action.UPDATE).exists()


def test_supervising_body_outside_scope_is_not_a_choice(as_user, reg):
    before = snapshot(MarketEntity)
    response = as_user("weiyang_org").post(reverse("registry:entity_create"),
                                           entity_data(reg, district="610112", org=reg["yanta_amr"].pk))
    assert "选择一个有效的选项" in errors_of(response)
    assert snapshot(MarketEntity) == before


def test_plain_text_is_shown_escaped(as_user, reg):
    MarketEntity.objects.filter(pk=reg["qujiang"].pk).update(name="西安<i>曲江</i>文化传媒有限公司")
    page = as_user("officer").get(reverse("registry:entity_detail", args=[reg["qujiang"].pk])).content.decode()
    assert "西安&lt;i&gt;曲江&lt;/i&gt;文化传媒有限公司" in page and "<i>曲江</i>" not in page


# -- IP rights ------------------------------------------------------------------------------------

def right_data(reg, **changes):
    data = {"kind": "invention", "number": make_patent_number(2021, "invention", 654321), "title": "一种钛合金焊接方法",
            "status": "valid", "application_date": "2021-03-01", "grant_date": "2023-05-05", "expiry_date": "",
            "ipc_classes": "B23K 9/16", "nice_classes": "", "gi_regime": "", "protected_area": "",
            "description": "", "district": "610113", "org": reg["yanta_amr"].pk, "first_holder": ""}
    data.update(changes)
    return data


def test_create_right_with_first_holder_by_suggestion(as_user, reg):
    holder_text = f"{reg['qinchuan'].uscc} {reg['qinchuan'].name}"  # as the suggestion list writes it
    response = as_user("officer").post(reverse("registry:right_create"), right_data(reg, first_holder=holder_text))
    right = IPRight.objects.get(title="一种钛合金焊接方法")
    assert response["Location"] == right.get_absolute_url()
    assert list(right.holders.values_list("entity", flat=True)) == [reg["qinchuan"].pk]
    page = as_user("officer").get(right.get_absolute_url()).content.decode()
    assert "西安秦川智能装备有限公司" in page


def test_create_right_with_first_holder_by_exact_name(as_user, reg):
    as_user("officer").post(reverse("registry:right_create"), right_data(reg, first_holder="西安曲江文化传媒有限公司"))
    assert IPRight.objects.get(title="一种钛合金焊接方法").holders.get().entity == reg["qujiang"]


@pytest.mark.parametrize("changes,message", [
    ({"number": "ZL202110654321.0"}, "校验位错误"),
    ({"number": "12345"}, "专利号的格式如"),
    ({"kind": "utility"}, "与所选专利类型不符"),
    ({"kind": "trademark", "number": "77777777", "ipc_classes": ""}, "商标至少需要一个尼斯分类"),
    ({"kind": "trademark", "number": "77777777", "ipc_classes": "", "nice_classes": "9, 46"}, "46 不是有效分类"),
    ({"nice_classes": "9"}, "只有商标才有尼斯分类"),
    ({"kind": "gi", "number": "第9号", "ipc_classes": ""}, "请选择地理标志类型"),
    ({"protected_area": "临潼区"}, "只有地理标志才有地理标志类型和保护范围"),
    ({"kind": "copyright", "number": "陕作登字-2024-F-1", "ipc_classes": "G06F"}, "只有专利才有 IPC 分类号"),
    ({"grant_date": "2020-01-01"}, "授权日不能早于申请日"),
    ({"application_date": "2999-01-01", "grant_date": ""}, "该日期晚于今天"),
    ({"title": "<img src=x onerror=alert(1)>"}, "不允许 HTML 标签或脚本"),
    ({"description": "长" * 5001}, "不超过 5000 字符"),
    ({"first_holder": "不存在的公司"}, "没有名为“不存在的公司”的市场主体"),
    ({"first_holder": uscc("610199", 9)}, "没有统一社会信用代码为"),
    ({"first_holder": "91110000600037341X"}, "校验位错误"),
    ({"kind": "plant_variety", "number": "ABC", "ipc_classes": ""}, "植物新品种权号的格式如"),
])
def test_bad_right_input_is_refused_and_nothing_changes(as_user, reg, changes, message):
    before, holders = snapshot(IPRight), snapshot(RightHolder)
    response = as_user("officer").post(reverse("registry:right_create"), right_data(reg, **changes))
    assert response.status_code == 200
    assert message in errors_of(response)
    assert snapshot(IPRight) == before and snapshot(RightHolder) == holders


def test_first_holder_outside_scope_is_not_found(as_user, reg):
    before = snapshot(IPRight)
    response = as_user("yanta").post(reverse("registry:right_create"),
                                     right_data(reg, first_holder=reg["food"].uscc))
    assert "您的数据范围内没有统一社会信用代码为" in errors_of(response)
    assert snapshot(IPRight) == before


@pytest.mark.parametrize("written", ["{n}", "{bare}", "cn{bare}"])
def test_duplicate_patent_number_links_to_the_existing_right(as_user, reg, written):
    number = reg["patent"].number
    before = snapshot(IPRight)
    response = as_user("officer").post(reverse("registry:right_create"), right_data(
        reg, number=written.format(n=number, bare=number[2:]), application_date="2018-02-01", grant_date=""))
    page = errors_of(response)
    assert "该号码已登记" in page and f'href="{reg["patent"].get_absolute_url()}"' in page
    assert snapshot(IPRight) == before


def test_duplicate_trademark_number(as_user, reg):
    response = as_user("officer").post(reverse("registry:right_create"), right_data(
        reg, kind="trademark", number="12345678", nice_classes="9", ipc_classes=""))
    assert f'href="{reg["mark"].get_absolute_url()}"' in errors_of(response)
    assert IPRight.objects.filter(number="12345678").count() == 1


def test_same_number_of_another_kind_is_not_a_duplicate(as_user, reg):
    response = as_user("officer").post(reverse("registry:right_create"), right_data(
        reg, kind="copyright", number="12345678", ipc_classes="", title="某作品"))
    assert response.status_code == 302


def test_trademark_nice_classes_are_normalized(as_user, reg):
    as_user("officer").post(reverse("registry:right_create"), right_data(
        reg, kind="trademark", number="76543210", nice_classes="42，9 ; 9 35", ipc_classes="", title="长安印"))
    assert IPRight.objects.get(number="76543210").nice_classes == "9,35,42"


def test_edit_right_stale_version(as_user, reg):
    right = reg["mark"]
    url = reverse("registry:right_edit", args=[right.pk])
    data = right_data(reg, kind="trademark", number=right.number, nice_classes="7,42", ipc_classes="",
                      title="秦川智造", application_date="", grant_date="", version=1)
    del data["first_holder"]
    client = as_user("officer")
    assert client.post(url, {**data, "status": "expired"}).status_code == 302
    response = client.post(url, {**data, "status": "invalidated"})
    assert "其他人已保存了修改" in errors_of(response)
    right.refresh_from_db()
    assert right.status == "expired"


def test_right_form_marks_kind_dependent_fields(as_user, reg):
    page = as_user("officer").get(reverse("registry:right_create")).content.decode()
    assert 'data-kinds="trademark"' in page and 'data-kinds="gi"' in page
    assert 'data-kinds="invention utility design"' in page
    assert "hx-get=\"/registry/entities/lookup/\"" in page and '<datalist id="first-holder-options">' in page


def test_entity_lookup_suggests_within_scope(as_user, reg):
    page = as_user("yanta").get(reverse("registry:entity_lookup"), {"first_holder": "有限公司"}).content.decode()
    assert f'value="{reg["qinchuan"].uscc} 西安秦川智能装备有限公司"' in page
    assert "西安未央食品有限公司" not in page
    assert as_user("yanta").get(reverse("registry:entity_lookup"), {"q": ""}).content.decode().strip() == ""


# -- holders and GI users -----------------------------------------------------------------------

def test_add_and_remove_holders(as_user, reg):
    client = as_user("officer")
    right = reg["patent"]
    response = client.post(reverse("registry:holder_add", args=[right.pk]),
                           {"entity": reg["qujiang"].uscc, "role": "licensee", "since": "2022-01-01"})
    assert response.status_code == 302
    holder = right.holders.get(entity=reg["qujiang"])
    assert holder.role == "licensee" and holder.since == datetime.date(2022, 1, 1)
    assert LogEntry.objects.get_for_object(holder).exists()
    response = client.post(reverse("registry:holder_add", args=[right.pk]),
                           {"person_id_number": reg["zhang"].id_number, "role": "owner"})
    assert response.status_code == 302 and right.holders.filter(person=reg["zhang"]).exists()
    client.post(reverse("registry:holder_remove", args=[right.pk, holder.pk]))
    assert not right.holders.filter(entity=reg["qujiang"]).exists()


@pytest.mark.parametrize("data,message", [
    ({"entity": "", "role": "owner"}, "请填写一个市场主体或一个自然人"),
    ({"entity": "x", "person_id_number": "x", "role": "owner"}, "不能同时填写"),
    ({"entity": "西安秦川智能装备有限公司", "role": "owner"}, "已是该权利的权利人"),
    ({"entity": "西安曲江文化传媒有限公司", "role": "king"}, "选择一个有效的选项"),
    ({"entity": "西安曲江文化传媒有限公司", "role": "owner", "since": "2999-01-01"}, "该日期晚于今天"),
    ({"person_id_number": "610113198503040185", "role": "owner"}, "校验码错误"),
    ({"person_id_number": "11010519491231002X", "role": "owner"}, "没有该居民身份证号码对应的自然人"),
])
def test_bad_holder_input(as_user, reg, data, message):
    before = snapshot(RightHolder)
    response = as_user("officer").post(reverse("registry:holder_add", args=[reg["patent"].pk]), data)
    assert response.status_code == 422 and message in errors_of(response)
    assert snapshot(RightHolder) == before


def test_holder_of_another_right_cannot_be_removed_through_this_one(as_user, reg):
    other = reg["mark"].holders.get()
    response = as_user("officer").post(reverse("registry:holder_remove", args=[reg["patent"].pk, other.pk]))
    assert response.status_code == 404 and RightHolder.objects.filter(pk=other.pk).exists()


def test_gi_authorized_users(as_user, reg):
    client = as_user("officer")
    gi = reg["gi"]
    response = client.post(reverse("registry:gi_user_add", args=[gi.pk]), {
        "entity": reg["qinchuan"].uscc, "certificate": "GI-2025-007", "valid_from": "2025-01-01",
        "valid_until": "2027-12-31"})
    assert response.status_code == 302
    auth = gi.gi_users.get(entity=reg["qinchuan"])
    page = client.get(gi.get_absolute_url()).content.decode()
    assert "GI-2025-007" in page and "西安秦川智能装备有限公司" in page
    entity_page = client.get(reg["qinchuan"].get_absolute_url()).content.decode()
    assert "临潼石榴" in entity_page and "GI-2025-007" in entity_page
    client.post(reverse("registry:gi_user_remove", args=[gi.pk, auth.pk]))
    assert not gi.gi_users.filter(entity=reg["qinchuan"]).exists()


@pytest.mark.parametrize("right,data,message", [
    ("gi", {"entity": "西安未央食品有限公司"}, "已是该地理标志的授权使用人"),
    ("gi", {"entity": "西安曲江文化传媒有限公司", "valid_from": "2025-01-01", "valid_until": "2024-01-01"},
     "有效期止不能早于有效期起"),
    ("gi", {"entity": "西安曲江文化传媒有限公司", "certificate": "<script>"}, "不允许 HTML 标签或脚本"),
])
def test_bad_gi_user_input(as_user, reg, right, data, message):
    before = snapshot(GIAuthorization)
    response = as_user("officer").post(reverse("registry:gi_user_add", args=[reg[right].pk]), data)
    assert response.status_code == 422 and message in errors_of(response)
    assert snapshot(GIAuthorization) == before


def test_change_a_gi_authorization(as_user, reg):
    client = as_user("officer")
    auth = reg["gi"].gi_users.get()
    url = reverse("registry:gi_user_edit", args=[reg["gi"].pk, auth.pk])
    prefix = f"auth{auth.pk}-"
    response = client.post(url, {prefix + "certificate": "GI-2024-001A", prefix + "valid_from": "2024-01-01",
                                 prefix + "valid_until": "2028-12-31"})
    assert response.status_code == 302
    auth.refresh_from_db()
    assert auth.certificate == "GI-2024-001A" and auth.valid_until == datetime.date(2028, 12, 31)
    assert LogEntry.objects.get_for_object(auth).filter(action=LogEntry.Action.UPDATE).exists()
    before = snapshot(GIAuthorization)
    bad = client.post(url, {prefix + "certificate": "<b>x</b>", prefix + "valid_from": "2024-01-01",
                            prefix + "valid_until": "2023-01-01"})
    assert bad.status_code == 422
    assert "不允许 HTML 标签或脚本" in bad.content.decode() and "有效期止不能早于有效期起" in bad.content.decode()
    assert snapshot(GIAuthorization) == before
    other = client.post(reverse("registry:gi_user_edit", args=[reg["patent"].pk, auth.pk]), {})
    assert other.status_code == 404


def test_gi_users_only_for_geographical_indications(as_user, reg):
    client = as_user("officer")
    response = client.post(reverse("registry:gi_user_add", args=[reg["patent"].pk]),
                           {"entity": "西安曲江文化传媒有限公司"}, follow=True)
    assert "只有地理标志才有授权使用人" in response.content.decode()
    assert not GIAuthorization.objects.filter(right=reg["patent"]).exists()


# -- persons ----------------------------------------------------------------------------------------

def person_data(reg, **changes):
    data = {"name": "赵敏", "id_number": make_id_number("610113", datetime.date(1990, 7, 1), 23), "gender": "",
            "birth_date": "", "phone": "13700001234", "address": "西安市雁塔区长安南路1号", "district": "610113",
            "org": reg["yanta_amr"].pk}
    data.update(changes)
    return data


def test_create_person_takes_birth_date_and_gender_from_the_id_number(as_user, reg):
    response = as_user("officer").post(reverse("registry:person_create"), person_data(reg))
    person = Person.objects.get(name="赵敏")
    assert response["Location"] == person.get_absolute_url()
    assert person.birth_date == datetime.date(1990, 7, 1) and person.gender in ("M", "F")


@pytest.mark.parametrize("changes,message", [
    ({"id_number": "610113199007010231"}, "校验码错误"),
    ({"id_number": "61011319900701023"}, "应为 18 位，此号码为 17 位"),
    ({"birth_date": "1991-01-01"}, "出生日期与身份证号码中的出生日期"),
    ({"name": "<script>x</script>"}, "不允许 HTML 标签或脚本"),
])
def test_bad_person_input(as_user, reg, changes, message):
    before = snapshot(Person)
    response = as_user("officer").post(reverse("registry:person_create"), person_data(reg, **changes))
    assert message in errors_of(response)
    assert snapshot(Person) == before


def test_duplicate_id_number_links_with_a_masked_name(as_user, reg):
    before = snapshot(Person)
    response = as_user("officer").post(reverse("registry:person_create"),
                                       person_data(reg, id_number=reg["zhang"].id_number))
    page = errors_of(response)
    assert f'<a href="{reg["zhang"].get_absolute_url()}">张**</a>' in page and "张三丰" not in page
    assert snapshot(Person) == before


def test_person_page_is_masked(as_user, reg):
    page = as_user("mediator").get(reverse("registry:person_detail", args=[reg["zhang"].pk])).content.decode()
    assert "张三丰" not in page and "张**" in page
    assert reg["zhang"].id_number not in page and "6101**********" in page
    assert "13912345678" not in page and "科技路48号" not in page
    assert "1985-03-04" not in page
    assert "显示完整个人信息" not in page  # the mediator may not see personal data in full
    assert not PersonalDataView.objects.exists()


def test_person_list_is_masked_for_everyone(as_user, reg):
    page = as_user("officer").get(reverse("registry:person_list")).content.decode()
    assert "张三丰" not in page and "张**" in page and reg["zhang"].id_number not in page
    # searching by name part still finds the person, masked
    found = as_user("officer").get(reverse("registry:person_list"), {"q": "三丰"}).content.decode()
    assert "张**" in found and "李*" not in found


def test_full_view_is_shown_and_logged(as_user, users, reg):
    client = as_user("officer")
    url = reverse("registry:person_detail", args=[reg["zhang"].pk])
    assert "显示完整个人信息" in client.get(url).content.decode()
    response = client.post(reverse("registry:person_full", args=[reg["zhang"].pk]))
    page = response.content.decode()
    assert "张三丰" in page and reg["zhang"].id_number in page and "13912345678" in page
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    view = PersonalDataView.objects.get()
    assert view.user == users["officer"] and view.person_id == reg["zhang"].pk and view.channel == "page"
    assert "张三丰" not in view.person_label


def test_full_view_needs_its_permission_and_a_post(as_user, reg):
    assert as_user("centre").post(reverse("registry:person_full", args=[reg["zhang"].pk])).status_code == 403
    assert as_user("officer").get(reverse("registry:person_full", args=[reg["zhang"].pk])).status_code == 405
    assert not PersonalDataView.objects.exists()


def test_opening_the_person_form_is_a_logged_full_view(as_user, reg):
    page = as_user("officer").get(reverse("registry:person_edit", args=[reg["zhang"].pk])).content.decode()
    assert 'value="张三丰"' in page
    assert PersonalDataView.objects.filter(person_id=reg["zhang"].pk, channel="page").count() == 1


# -- organizations ------------------------------------------------------------------------------------

def test_create_organization_and_duplicate_name(as_user, reg):
    client = as_user("officer")
    data = {"name": "西安市雁塔区知识产权维权援助工作站", "short_name": "雁塔工作站", "kind": "workstation",
            "district": "610113", "parent": reg["yanta_amr"].pk, "uscc": "", "address": "", "phone": "",
            "is_active": "on"}
    assert client.post(reverse("registry:organization_create"), data).status_code == 302
    again = client.post(reverse("registry:organization_create"), data)
    org = Organization.objects.get(name=data["name"])
    assert f'href="{org.get_absolute_url()}"' in errors_of(again)
    assert Organization.objects.filter(name=data["name"]).count() == 1


def test_organization_cannot_be_its_own_parent(as_user, reg):
    org = reg["yanta_amr"]
    before = snapshot(Organization)
    response = as_user("officer").post(reverse("registry:organization_edit", args=[org.pk]), {
        "name": org.name, "kind": org.kind, "district": "610113", "parent": org.pk, "version": 1})
    assert "选择一个有效的选项" in errors_of(response)
    assert snapshot(Organization) == before
