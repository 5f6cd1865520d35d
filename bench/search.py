"""Latency of the entity search and list pages, against the raw database doing the same search.

The page is requested through Django's test client as the demo officer (city-wide scope),
so the figure includes permissions, scope, filtering, counting, paging and rendering.
The baseline runs the naive SQL a hand-written page would: a LIKE scan for the rows and a
COUNT(*) for the total, on the raw connection.
"""
from urllib.parse import urlencode

from common import stats, table, timed

QUERIES = [
    ("1 character", "秦"),
    ("2 characters", "秦川"),
    ("2 characters, very common", "西安"),
    ("3 characters", "智能装"),
    ("4 characters", "科技有限"),
    ("company suffix, 200k+ hits", "有限公司"),
    ("no match", "不存在的企业名"),
]


def run(repeat: int = 30) -> str:
    from django.db import connection
    from django.test import Client

    from zhibao.accounts.models import User
    from zhibao.registry.models import MarketEntity

    client = Client()
    client.force_login(User.objects.get(username="officer"), backend="zhibao.accounts.backends.RoleBackend")
    total = MarketEntity.objects.count()
    uscc = MarketEntity.objects.order_by("pk").values_list("uscc", flat=True)[total // 2]
    cases = [(label, {"q": q}) for label, q in QUERIES]
    cases += [
        ("full USCC", {"q": uscc}),
        ("USCC prefix (8 chars)", {"q": uscc[:8]}),
        ("list, no filter, page 1", {}),
        ("list, no filter, page 200", {"page": 200}),
        ("list, district filter, by name", {"district": "610113", "sort": "name"}),
    ]
    rows = []
    for label, params in cases:
        url = "/registry/entities/?" + urlencode(params)

        def page():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        page_ms = stats(timed(page, repeat))
        raw_ms = stats(timed(lambda: _raw(connection, params), repeat))
        rows.append([label, page_ms["median"], page_ms["p95"], raw_ms["median"], raw_ms["p95"]])
    return table(
        f"Entity search and list page ({total:,} entities, {connection.vendor}, {repeat} runs each)",
        ["request", "page median ms", "page p95 ms", "raw SQL median ms", "raw SQL p95 ms"],
        rows,
    )


def _raw(connection, params):
    """The naive page: LIKE over name (or USCC), COUNT(*) and the first 50 rows by id."""
    where, args = "1=1", []
    q = params.get("q")
    if q:
        where, args = "(name LIKE %s OR uscc LIKE %s)", [f"%{q}%", f"{q}%"]
    if params.get("district"):
        where += " AND district_id = %s"
        args.append(params["district"])
    offset = (int(params.get("page", 1)) - 1) * 50
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM registry_marketentity WHERE {where}", args)
        cursor.fetchone()
        cursor.execute(
            f"SELECT id, name, uscc FROM registry_marketentity WHERE {where} ORDER BY id DESC LIMIT 50 OFFSET {offset}",
            args,
        )
        cursor.fetchall()
