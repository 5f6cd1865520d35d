"""Case search: by any part of a name, a number or a code, across the case and what it involves."""
import datetime as dt

import pytest

from zhibao.cases import engine
from zhibao.cases.filters import CaseFilter
from zhibao.cases.models import Case
from zhibao.cases.search import search
from zhibao.registry.models import Person

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def cases(people, orgs, entities):
    officer = people["officer"]
    person = Person.objects.create(name="欧阳明远", phone="13912345678")
    mark = engine.open_case(
        "enforcement", officer, handling_org=orgs["city_ip"], title="涉嫌假冒注册商标", at=D(2026, 10, 9),
        kind="inspection", summary="凤城八路仓库发现标有他人商标的机床",
        parties=[{"role": "respondent", "entity": entities["weiyang_food"]}],
        rights=[entities["mark"]], products=[{"name": "数控机床主轴"}], officers=[officer])
    patent = engine.open_case(
        "enforcement", officer, handling_org=orgs["yanta_amr"], title="专利侵权线索", at=D(2026, 10, 12),
        kind="inspection", parties=[{"role": "respondent", "person": person}], rights=[entities["patent"]],
        officers=[officer, people["colleague"]])
    named = engine.open_case(
        "enforcement", officer, handling_org=orgs["yanta_amr"], title="外地商户售假", at=D(2026, 11, 2),
        kind="inspection", parties=[{"role": "respondent", "name": "Hamburg Trading GmbH"}])
    return {"mark": mark, "patent": patent, "named": named}


def found(q):
    return set(search(Case.objects.all(), q).values_list("title", flat=True))


@pytest.mark.parametrize("q, titles", [
    ("假冒", {"涉嫌假冒注册商标"}),                 # part of a title
    ("冒", {"涉嫌假冒注册商标"}),                   # one character
    ("凤城八路", {"涉嫌假冒注册商标"}),             # part of the summary
    ("未央食品", {"涉嫌假冒注册商标"}),             # part of the respondent entity's name
    ("秦川智", {"涉嫌假冒注册商标"}),               # part of a right's title (the trademark)
    ("12345678", {"涉嫌假冒注册商标"}),             # a trademark number
    ("主轴", {"涉嫌假冒注册商标", "专利侵权线索"}),  # a product name, and the patent's title
    ("ZL201810123456.5", {"专利侵权线索"}),         # a whole patent number
    ("201810123456", {"专利侵权线索"}),             # part of a patent number
    ("欧阳明", {"专利侵权线索"}),                   # part of a registered person's name
    ("13912345678", {"专利侵权线索"}),              # the person's phone
    ("hamburg", {"外地商户售假"}),                  # a name typed on the case, any letter case
    ("不存在的词", set()),
])
def test_search_finds_by_any_part(cases, q, titles):
    assert found(q) == titles


def test_search_by_case_number(cases, people, docs):
    case = cases["patent"]
    docs(case, people["officer"], "filing_approval")
    engine.apply(case, "file", people["officer"], at=D(2026, 10, 14))
    case.refresh_from_db()
    assert case.number
    assert found(case.number) == {"专利侵权线索"}
    assert found(case.number[-6:]) >= {"专利侵权线索"}


def test_empty_search_leaves_the_queryset(cases):
    qs = Case.objects.filter(title="外地商户售假")
    assert search(qs, "  ") is qs


def test_search_is_independent_of_other_filters(cases, orgs):
    qs = CaseFilter({"q": "主轴", "handling_org": orgs["yanta_amr"].pk}, queryset=Case.objects.all()).qs
    assert set(qs.values_list("title", flat=True)) == {"专利侵权线索"}


def test_index_triggers_exist():
    """Django's SQLite schema editor drops triggers when it rebuilds a table (migration 0003)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'cases_%'")
        names = {row[0] for row in cursor.fetchall()}
    for fts in ("cases_title_fts", "cases_text_fts", "cases_party_fts", "cases_product_fts"):
        assert {f"{fts}_ai", f"{fts}_ad", f"{fts}_au"} <= names


def test_index_follows_changes(cases):
    case = cases["named"]
    Case.objects.filter(pk=case.pk).update(title="改过的标题")
    case.parties.update(name="Bremen Handel KG")
    assert found("改过") == {"改过的标题"} and found("外地商户") == set()
    assert found("bremen") == {"改过的标题"} and found("hamburg") == set()
    case.delete()
    assert found("改过") == set()
