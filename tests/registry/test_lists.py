"""List pages: search by name part, USCC and number; sorting; paging; Excel export."""
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from zhibao.registry.codes import make_uscc
from zhibao.registry.models import MarketEntity


def names_in(response) -> list[str]:
    return re.findall(r'<a href="/registry/entities/\d+/">([^<]+)</a>', response.content.decode())


def count_in(response) -> str:
    return re.search(r'data-count="(\d+)"', response.content.decode()).group(1)


@pytest.mark.parametrize("q,expected", [
    ("秦", {"西安秦川智能装备有限公司"}),                     # one character
    ("秦川", {"西安秦川智能装备有限公司"}),                    # two
    ("智能装备", {"西安秦川智能装备有限公司"}),                 # a middle part
    ("有限公司", {"西安秦川智能装备有限公司", "西安曲江文化传媒有限公司", "西安未央食品有限公司"}),
    ("司", {"西安秦川智能装备有限公司", "西安曲江文化传媒有限公司", "西安未央食品有限公司"}),  # the last one
    ("曲江 ", {"西安曲江文化传媒有限公司"}),                   # spaces around are ignored
    ("长安", set()),
])
def test_entity_search_by_any_part_of_the_name(as_user, reg, q, expected):
    response = as_user("officer").get(reverse("registry:entity_list"), {"q": q})
    assert set(names_in(response)) == expected
    assert count_in(response) == str(len(expected))


def test_entity_search_by_uscc_whole_and_start(as_user, reg):
    code = reg["qujiang"].uscc
    client = as_user("officer")
    assert names_in(client.get(reverse("registry:entity_list"), {"q": code})) == ["西安曲江文化传媒有限公司"]
    assert names_in(client.get(reverse("registry:entity_list"), {"q": code.lower()})) == ["西安曲江文化传媒有限公司"]
    start = client.get(reverse("registry:entity_list"), {"q": code[:8]})
    assert set(names_in(start)) == {"西安秦川智能装备有限公司", "西安曲江文化传媒有限公司"}  # 91610113...


def test_search_respects_scope(as_user, reg):
    response = as_user("yanta").get(reverse("registry:entity_list"), {"q": "有限公司"})
    assert set(names_in(response)) == {"西安秦川智能装备有限公司", "西安曲江文化传媒有限公司"}


@pytest.mark.parametrize("q", ["{number}", "{number_lower}", "{bare}", "CN {spaced}", "{part}"])
def test_right_search_by_patent_number(as_user, reg, q):
    number = reg["patent"].number  # ZL201810123456.5
    q = q.format(number=number, number_lower=number.lower(), bare=number[2:], spaced=number[2:6] + " " + number[6:],
                 part=number[2:10])
    page = as_user("officer").get(reverse("registry:right_list"), {"q": q}).content.decode()
    assert "一种数控机床主轴冷却装置" in page and "秦川智造" not in page


@pytest.mark.parametrize("q,title", [("12345678", "秦川智造"), ("345678", "秦川智造"), ("主轴冷却", "一种数控机床主轴冷却装置"),
                                     ("石榴", "临潼石榴"), ("2023-F-0001", "大雁塔灯光秀"), ("灯", "大雁塔灯光秀")])
def test_right_search_by_number_or_title(as_user, reg, q, title):
    page = as_user("officer").get(reverse("registry:right_list"), {"q": q}).content.decode()
    assert title in page
    assert count_in_text(page) == "1"


def count_in_text(page: str) -> str:
    return re.search(r'data-count="(\d+)"', page).group(1)


def test_right_filters_kind_nice_class_and_holder(as_user, reg):
    client = as_user("officer")
    page = client.get(reverse("registry:right_list"), {"kind": "trademark", "nice_class": "42"}).content.decode()
    assert "秦川智造" in page and count_in_text(page) == "1"
    page = client.get(reverse("registry:right_list"), {"nice_class": "4"}).content.decode()
    assert count_in_text(page) == "0"  # class 4 is not class 42
    page = client.get(reverse("registry:right_list"), {"holder": reg["qinchuan"].pk}).content.decode()
    assert count_in_text(page) == "2" and "西安秦川智能装备有限公司" in page


@pytest.mark.parametrize("params", [
    {"page": "abc"}, {"page": "-3"}, {"page": "99999999999999999999"}, {"per_page": "x"}, {"sort": "password"},
    {"sort": "-name;drop"}, {"district": "zzz"}, {"holder": "1e99"}, {"holder": "99999999999999999999999"},
    {"nice_class": "99"}, {"q": "x" * 5000}, {"q": "<script>alert(1)</script>"}, {"q": '"'}, {"q": "秦\"川"},
    {"q": "\ue000"}, {"kind": "nonsense"},
])
def test_bad_list_parameters_never_fail(as_user, reg, params):
    for name in ("entity_list", "right_list", "person_list", "organization_list"):
        response = as_user("officer").get(reverse(f"registry:{name}"), params)
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_sorting(as_user, reg):
    client = as_user("officer")
    up = names_in(client.get(reverse("registry:entity_list"), {"sort": "established"}))
    down = names_in(client.get(reverse("registry:entity_list"), {"sort": "-established"}))
    assert up == list(reversed(down)) and len(up) == 3
    by_name = names_in(client.get(reverse("registry:entity_list"), {"sort": "name"}))
    assert by_name == sorted(by_name)
    # a column that is not offered for sorting is ignored (the default order, newest first), not an error
    newest_first = [reg["food"].name, reg["qujiang"].name, reg["qinchuan"].name]
    assert names_in(client.get(reverse("registry:entity_list"), {"sort": "legal_representative"})) == newest_first
    assert names_in(client.get(reverse("registry:entity_list"))) == newest_first
    assert names_in(client.get(reverse("registry:entity_list"), {"sort": "pk"})) == newest_first[::-1]


def test_paging(as_user, reg):
    for i in range(120):
        MarketEntity.objects.create(name=f"西安测试分页{i:03d}有限公司", uscc=make_uscc("610113", 31 * (1000 + i)),
                                    district=reg["yanta"], org=reg["yanta_amr"])
    client = as_user("officer")
    first = client.get(reverse("registry:entity_list"), {"q": "测试分页", "sort": "name"})
    assert count_in(first) == "120"
    assert names_in(first)[0] == "西安测试分页000有限公司" and len(names_in(first)) == 50
    third = client.get(reverse("registry:entity_list"), {"q": "测试分页", "sort": "name", "page": 3})
    assert names_in(third) == [f"西安测试分页{i:03d}有限公司" for i in range(100, 120)]
    beyond = client.get(reverse("registry:entity_list"), {"q": "测试分页", "sort": "name", "page": 9})
    assert names_in(beyond) == names_in(third)  # past the end: the last page
    small = client.get(reverse("registry:entity_list"), {"q": "测试分页", "per_page": 10, "page": 2})
    assert len(names_in(small)) == 10
    assert "page=3" in small.content.decode()  # the pager keeps the search


def test_count_is_capped_for_a_common_word(as_user, reg, monkeypatch):
    from zhibao.registry import views

    monkeypatch.setattr(views.EntityList, "count_cap", 2)
    client = as_user("officer")
    response = client.get(reverse("registry:entity_list"), {"q": "有限公司"})
    text = response.content.decode()
    assert count_in(response) == "2" and ("2" in text and "缩小" in text or "narrow" in text)
    assert len(names_in(response)) == 3  # the first page still shows the matches
    # without a text search the count stops at a higher cap
    assert count_in(client.get(reverse("registry:entity_list"))) == "3"
    monkeypatch.setattr(views.EntityList, "browse_count_cap", 2)
    browse = client.get(reverse("registry:entity_list"))
    assert count_in(browse) == "2" and len(names_in(browse)) == 3


def test_htmx_request_gets_only_the_results(as_user, reg):
    response = as_user("officer").get(reverse("registry:entity_list"), {"q": "秦川"}, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert text.lstrip().startswith('<div id="results">') and "西安秦川智能装备有限公司" in text
    district = as_user("officer").get(reverse("registry:district_list"), HTTP_HX_REQUEST="true")
    assert district.content.decode().lstrip().startswith('<div id="results">')


# -- Excel export -------------------------------------------------------------------------------

def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    data = b"".join(response.streaming_content)
    return [tuple(row) for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]


def test_export_has_translated_headers_and_what_the_list_shows(as_user, reg):
    rows = workbook(as_user("officer").get(reverse("registry:entity_list"), {"q": "有限公司", "sort": "name",
                                                                             "export": "xlsx"}))
    assert rows[0][:3] == ("名称", "统一社会信用代码", "类型")
    names = [r[0] for r in rows[1:]]
    assert names == sorted(names) and len(names) == 3
    assert (reg["qinchuan"].uscc in [r[1] for r in rows[1:]])
    assert "制造业" in [r[4] for r in rows[1:]]  # choices are exported as their labels


def test_export_follows_filters_and_scope(as_user, reg):
    rows = workbook(as_user("officer").get(reverse("registry:entity_list"), {"q": "秦川", "export": "xlsx"}))
    assert [r[0] for r in rows[1:]] == ["西安秦川智能装备有限公司"]
    rows = workbook(as_user("yanta").get(reverse("registry:entity_list"), {"export": "xlsx"}))
    assert {r[0] for r in rows[1:]} == {"西安秦川智能装备有限公司", "西安曲江文化传媒有限公司"}
    rows = workbook(as_user("yanta").get(reverse("registry:right_list"), {"export": "xlsx"}))
    assert "临潼石榴" not in {r[2] for r in rows[1:]}


def test_export_in_english(as_user, reg):
    client = as_user("officer")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    rows = workbook(client.get(reverse("registry:right_list"), {"export": "xlsx"}))
    assert rows[0][:3] == ("Number", "Kind", "Title")


def test_export_of_persons_is_masked(as_user, reg):
    rows = workbook(as_user("officer").get(reverse("registry:person_list"), {"export": "xlsx"}))
    flat = " ".join(str(c) for row in rows for c in row)
    assert "张**" in flat and "张三丰" not in flat and reg["zhang"].id_number not in flat
    assert "13912345678" not in flat and "139****5678" in flat


def test_export_needs_the_export_permission(as_user, reg):
    # An enterprise user may view the registry but not export it.
    client = as_user("enterprise")
    assert client.get(reverse("registry:entity_list")).status_code == 200
    assert "export=xlsx" not in client.get(reverse("registry:entity_list")).content.decode()
    assert client.get(reverse("registry:entity_list"), {"export": "xlsx"}).status_code == 403


@pytest.mark.parametrize("name", ["entity_list", "right_list", "person_list", "organization_list", "district_list",
                                  "zone_list"])
def test_every_list_exports(as_user, reg, name):
    rows = workbook(as_user("officer").get(reverse(f"registry:{name}"), {"export": "xlsx"}))
    assert len(rows) >= 2 and all(isinstance(h, str) and h for h in rows[0])


def test_export_neutralizes_formulas(as_user, reg):
    MarketEntity.objects.filter(pk=reg["qujiang"].pk).update(legal_representative="=HYPERLINK(1)", name="=1+1公司")
    rows = workbook(as_user("officer").get(reverse("registry:entity_list"), {"q": "公司", "export": "xlsx"}))
    assert "'=1+1公司" in [r[0] for r in rows[1:]]
