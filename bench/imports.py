"""Import speed in rows per second, next to the raw database's own bulk insert of the same rows.

The file is a CSV of new market entities (valid USCCs, names, districts, addresses,
industries, dates) as a user would upload it. The importer reads, checks every row with the
same rules as the pages, looks up duplicates, writes in one transaction and writes an audit
entry per row. The baseline inserts the same rows into the same table with the driver's
fastest path (executemany on SQLite, COPY on PostgreSQL) and nothing else. Both are removed
again afterwards, so the benchmark database stays as the demo left it.
"""
import csv
import datetime
import random
import tempfile
import time

from common import table

REGION = "610124"  # 周至县: the generated codes use serials far above the demo's
SERIAL_BASE = 700_000_000
DISTRICTS = ["610102", "610103", "610104", "610111", "610112", "610113", "610116", "610124"]
WORDS = ["秦川", "长安", "曲江", "未央", "灞柳", "终南", "丝路", "汉唐", "雁塔", "大明宫", "沣河", "渭水"]
TRADES = [("智能装备", "C"), ("信息技术", "I"), ("文化传媒", "R"), ("食品", "C"), ("生物医药", "M"), ("商贸", "F")]


def rows(n: int, seed: int = 7):
    from zhibao.registry.codes import make_uscc

    rng = random.Random(seed)
    for i in range(n):
        word, (trade, industry) = rng.choice(WORDS), rng.choice(TRADES)
        yield {
            "uscc": make_uscc(REGION, SERIAL_BASE + i),
            "name": f"西安{word}{trade}测试{i}有限公司",
            "district": rng.choice(DISTRICTS),
            "address": f"西安市某路{rng.randint(1, 999)}号",
            "industry": industry,
            "established": datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 9000)),
        }


def write_csv(path: str, n: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["统一社会信用代码", "名称", "所在区县", "地址", "行业", "成立日期"])
        for r in rows(n):
            writer.writerow([r["uscc"], r["name"], r["district"], r["address"], r["industry"], r["established"]])


def run(sizes=(100_000,)) -> str:
    from django.db import connection

    from zhibao.accounts.models import User

    admin = User.objects.get(username="admin")
    _cleanup(connection)  # rows an interrupted earlier run may have left
    out = []
    for n in sizes:
        with tempfile.NamedTemporaryFile(suffix=".csv") as tmp:
            write_csv(tmp.name, n)
            importer_dry = _time(lambda: _import(tmp.name, admin, dry_run=True))
            importer = _time(lambda: _import(tmp.name, admin, dry_run=False))
            _cleanup(connection)
            raw = _time(lambda: _raw_insert(connection, n))
            _cleanup(connection)
        out.append([n, n / importer_dry, n / importer, n / raw, importer / raw])
    return table(
        f"Import of market entities ({connection.vendor})",
        ["rows", "dry run rows/s", "import rows/s", "raw bulk insert rows/s", "import ÷ raw time"],
        out,
    )


def _time(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _import(path, user, dry_run):
    from zhibao.imports import engine

    result = engine.run(path, "entities", user, dry_run=dry_run)
    assert not result["faulty"], result["errors"][:5]


def _raw_insert(connection, n):
    from django.db import transaction

    now = datetime.datetime.now(datetime.timezone.utc)
    cols = ["version", "created", "updated", "name", "uscc", "kind", "status", "legal_representative",
            "district_id", "address", "industry", "established", "phone"]
    values = ((1, now, now, r["name"], r["uscc"], "company", "active", "", r["district"], r["address"],
               r["industry"], r["established"], "") for r in rows(n))
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY registry_marketentity ({', '.join(cols)}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(cols))
            cursor.executemany(f"INSERT INTO registry_marketentity ({', '.join(cols)}) VALUES ({marks})", list(values))


def _cleanup(connection):
    """Remove the benchmark's rows and their audit entries (not itself an audited change)."""
    from auditlog.context import disable_auditlog
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from zhibao.registry.models import MarketEntity

    bench = MarketEntity.objects.filter(uscc__startswith=f"91{REGION}", name__contains="测试")
    ids = list(bench.values_list("pk", flat=True))
    ct = ContentType.objects.get_for_model(MarketEntity)
    with disable_auditlog():
        for start in range(0, len(ids), 5000):
            chunk = ids[start:start + 5000]
            LogEntry.objects.filter(content_type=ct, object_id__in=chunk).delete()
            MarketEntity.objects.filter(pk__in=chunk).delete()
