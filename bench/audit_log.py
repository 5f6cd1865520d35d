"""Audit log page latency at millions of rows.

  ZHIBAO_VAR_DIR=/tmp/zb-audit-bench .venv/bin/python bench/audit_log.py load 2000000
  ZHIBAO_VAR_DIR=/tmp/zb-audit-bench .venv/bin/python bench/audit_log.py run
  (PostgreSQL: the same with DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhibao_bench, an empty
database.)

`load` migrates, creates 300 users and N synthetic LogEntry rows (2 years, 30 s apart, spread over
the record types registered with django-auditlog, 30 % create / 65 % update / 4 % delete / 1 % access, 5 % without actor) by SQL, then ANALYZE.
`run` requests each page 25 times through Django's test client (session, middleware, filter,
query, template) and prints the median and 95th percentile in milliseconds.
"""
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhibao.settings")
os.environ.setdefault("ZHIBAO_DEBUG", "1")
import django  # noqa: E402

django.setup()

from auditlog.models import LogEntry  # noqa: E402
from auditlog.registry import auditlog  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from zhibao.accounts.models import User  # noqa: E402
from zhibao.audit import paging  # noqa: E402


def load(n: int) -> None:
    call_command("migrate", verbosity=0)
    if User.objects.exclude(username__startswith="bench-").exists():
        sys.exit("This database has real users; `load` replaces the audit log. Use an empty database.")
    LogEntry.objects.all().delete()
    if not User.objects.filter(username="bench-admin").exists():
        User.objects.bulk_create([User(username=f"bench-{i}", role="ip_officer", scope="city", password="!")
                                  for i in range(299)] + [User(username="bench-admin", role="admin", scope="city",
                                                               password="!")])
    users = list(User.objects.order_by("pk").values_list("pk", flat=True))
    cts = [ContentType.objects.get_for_model(m).pk for m in auditlog.get_models()]
    ct_case = "CASE " + " ".join(f"WHEN (g * 31) % {len(cts)} = {i} THEN {pk}" for i, pk in enumerate(cts)) + " END"
    u0, nu = users[0], len(users)
    action = "CASE WHEN (g * 17) % 100 < 30 THEN 0 WHEN (g * 17) % 100 < 95 THEN 1 WHEN (g * 17) % 100 < 99 THEN 2 ELSE 3 END"
    actor = f"CASE WHEN (g * 13) % 100 < 5 THEN NULL ELSE {u0} + (g * 7) % {nu} END"
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"""
                INSERT INTO auditlog_logentry (content_type_id, object_pk, object_id, object_repr, action,
                  changes_text, changes, actor_id, cid, timestamp)
                SELECT {ct_case}, ((g * 7919) % 100000)::text, (g * 7919) % 100000, 'record ' || ((g * 7919) % 100000),
                  {action}, '', '{{"name": ["a", "b"]}}'::jsonb, {actor}, md5((g / 3)::text),
                  now() - ({n} - g) * interval '30 seconds'
                FROM generate_series(1::bigint, {n}::bigint) g""")
            cur.execute("VACUUM ANALYZE auditlog_logentry")  # as autovacuum would: index-only counts
        else:
            cur.execute(f"""
                WITH RECURSIVE seq(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM seq WHERE g < {n})
                INSERT INTO auditlog_logentry (content_type_id, object_pk, object_id, object_repr, action,
                  changes_text, changes, actor_id, cid, timestamp)
                SELECT {ct_case}, CAST((g * 7919) % 100000 AS TEXT), (g * 7919) % 100000,
                  'record ' || ((g * 7919) % 100000), {action}, '', '{{"name": ["a", "b"]}}', {actor},
                  printf('%032x', g / 3), strftime('%Y-%m-%d %H:%M:%S', 'now', '-' || (({n} - g) * 30) || ' seconds')
                FROM seq""")
            cur.execute("ANALYZE")
    print(f"loaded {LogEntry.objects.count():,} entries in {time.perf_counter() - t0:.0f} s ({connection.vendor})")


def run(repeat: int = 25) -> None:
    import re
    admin = User.objects.get(username="bench-admin")
    client = Client()
    client.force_login(admin, backend="zhibao.accounts.backends.RoleBackend")
    some = LogEntry.objects.order_by("-timestamp", "-pk")[1_000_000:1_000_001].get() \
        if LogEntry.objects.count() > 1_000_000 else LogEntry.objects.order_by("pk").first()
    deep = paging.encode(some.timestamp, some.pk)
    oldest = LogEntry.objects.order_by("timestamp", "pk")[200:201].get()
    actor = some.actor.username if some.actor_id else "bench-admin"
    ct = some.content_type_id
    day = some.timestamp.date()
    scenarios = {
        "first page, no filter": {},
        "older page at row 1,000,000": {"older": deep},
        "older page near the oldest row": {"older": paging.encode(oldest.timestamp, oldest.pk)},
        "newer page from row 1,000,000": {"newer": deep},
        "by user": {"actor": actor},
        "by user, older page at row 1,000,000": {"actor": actor, "older": deep},
        "by record type": {"content_type": ct},
        "by record (type + id)": {"content_type": ct, "object_pk": some.object_pk},
        "by action: delete (4 %)": {"action": 2},
        "by action: access (1 %)": {"action": 3},
        "by request id": {"cid": some.cid},
        "by one month": {"since": day.replace(day=1).isoformat(), "until": day.isoformat()},
        "by user and one month": {"actor": actor, "since": day.replace(day=1).isoformat(), "until": day.isoformat()},
        "by user and record type": {"actor": actor, "content_type": ct},
        "system (no user)": {"system": "on"},
    }
    print(f"{connection.vendor}, {LogEntry.objects.count():,} entries; ms per page over {repeat} requests")
    print(f"{'scenario':40} {'median':>8} {'p95':>8}  rows  count")
    for name, params in scenarios.items():
        times = []
        for i in range(repeat + 2):
            t = time.perf_counter()
            response = client.get("/audit/", params)
            elapsed = (time.perf_counter() - t) * 1000
            assert response.status_code == 200, (name, response.status_code)
            if i >= 2:  # the first two warm the caches
                times.append(elapsed)
        html = response.content.decode()
        rows = len(re.findall(r'<td style="white-space:nowrap"><a href="/audit/\d+/">', html))
        count = re.search(r'<p class="muted">([^<]*)</p>', html).group(1).strip()
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{name:40} {statistics.median(times):8.1f} {p95:8.1f}  {rows:4}  {count}")


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(int(sys.argv[2]))
    else:
        run()
