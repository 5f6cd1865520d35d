"""The search indexes (migrations 0003 and 0004) find exactly what LIKE finds, stay in step
with every write, and are used by the database."""
import pytest
from django.db import connection

from zhibao.registry import search
from zhibao.registry.models import IPRight, MarketEntity

from .conftest import uscc

NAMES = ["西安秦川智能装备有限公司", "西安曲江文化传媒有限公司", "西安未央食品有限公司", "陕西ABC科技有限公司",
         "雁塔区王记面馆", "秦", "（西安）华为技术有限公司", "西安秦川川菜馆"]


@pytest.fixture
def many(reg):
    for i, name in enumerate(NAMES[3:]):
        MarketEntity.objects.create(name=name, uscc=uscc("610113", 700 + i), district=reg["yanta"],
                                    org=reg["yanta_amr"])
    return reg


def parts(names, longest=4):
    found = set()
    for name in names:
        for n in range(1, longest + 1):
            found.update(name[i:i + n] for i in range(len(name) - n + 1))
    return sorted(found)


def like(q):
    return set(MarketEntity.objects.filter(name__icontains=q).values_list("pk", flat=True))


def found(q):
    return set(search.entities(MarketEntity.objects.all(), q).values_list("pk", flat=True))


def test_index_finds_what_like_finds_for_every_part(many):
    for q in parts(NAMES) + ["abc", "ABC", "Abc科", "不存在", "川菜", "司"]:
        assert found(q) == like(q), q


def test_dense_and_unindexed_parts_fall_back_to_like(many, monkeypatch):
    monkeypatch.setattr(search, "DENSE", 1)  # every part matching 2 or more names is "dense"
    monkeypatch.setattr(search, "MAX_PREFIX_TERMS", 1)
    for q in ["西安", "有限公司", "秦", "川", "食品"]:
        assert found(q) == like(q), q


def test_index_follows_inserts_updates_and_deletes(many):
    entity = MarketEntity.objects.create(name="西安灞桥新能源有限公司", uscc=uscc("610111", 9), district=many["yanta"])
    assert found("灞桥") == {entity.pk} and found("灞桥新能") == {entity.pk}
    MarketEntity.objects.filter(pk=entity.pk).update(name="西安浐灞新能源有限公司")
    assert found("灞桥") == set() and found("浐灞") == {entity.pk}
    entity.delete()
    assert found("浐灞") == set()
    MarketEntity.objects.bulk_create([MarketEntity(name="西安批量导入有限公司", uscc=uscc("610111", 10),
                                                   district=many["yanta"])])
    assert len(found("批量导入")) == 1


def test_rights_index_covers_title_and_number(reg):
    right = reg["patent"]
    assert set(search.rights(IPRight.objects.all(), "主轴").values_list("pk", flat=True)) == {right.pk}
    assert set(search.rights(IPRight.objects.all(), "10123456").values_list("pk", flat=True)) == {right.pk}
    IPRight.objects.filter(pk=right.pk).update(title="一种车床尾座")
    assert not search.rights(IPRight.objects.all(), "主轴").exists()
    assert search.rights(IPRight.objects.all(), "尾座").get() == right


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")
def test_sqlite_triggers_exist(db):
    """A later migration that rebuilds these tables on SQLite drops their triggers: run
    0003's sqlite_forwards again after it (see that migration's docstring)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'registry_%_fts_%'")
        triggers = {row[0] for row in cursor.fetchall()}
    assert triggers == {f"registry_{t}_fts_{s}" for t in ("entity", "right") for s in ("ai", "ad", "au")}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN indexes")
@pytest.mark.parametrize("q,index", [("秦川智", "registry_entity_name_trgm"), ("秦川", "registry_entity_name_bigrams"),
                                     ("秦", "registry_entity_name_chars")])
def test_postgres_uses_the_indexes(many, q, index):
    qs = search.entities(MarketEntity.objects.all(), q).order_by()
    with connection.cursor() as cursor:
        # The table is tiny here; make the planner say which index it would use at scale.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = qs.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan
