"""Cases at a million: worklists, case search, the case page and the reminder scan.

    ZHIBAO_VAR_DIR=var/bench-cases .venv/bin/python bench/run.py --only cases
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhibao_bench_cases .venv/bin/python bench/run.py --only cases

The database needs the city demo (bench/run.py loads it). `ensure()` then adds cases once:
`STORIES` cases told by the demo's generator (zhibao.cases.demo, as the engine would write
them; telling all of `zhibao demo --scale city --only cases` takes about an hour of CPU), copied
in SQL until there are `TARGET` (each copy has its own id and number, the same history and
clocks; timelines are not copied, so case pages are measured on told cases). Every measure
runs against a baseline in the same run: the query without the indexes' help (unbounded
count, every row to Python, filtered and sorted there).
"""
import datetime
import random
import time

import common

TARGET = 1_000_000
STORIES = 20_000
TODAY = datetime.date(2026, 10, 31)   # the demo's date: its clocks are due around it
COPIED = {  # table: columns copied as they are (besides id and case_id)
    "cases_clock": ("code", "state", "legal", "holder", "started_on", "rule", "pauses", "paused_since",
                    "pause_reason", "extensions", "due_date", "provisional", "stopped_on", "notified",
                    "next_remind_on", "created", "updated"),
    "cases_assignment": ("user_id", "lead", "assigned", "case_open", "due_date"),
    "cases_party": ("role", "entity_id", "person_id", "name", "no_prc_domicile", "note"),
}
CASE_COLUMNS = ("procedure", "kind", "stage", "track", "channel", "handling_org_id", "district_id", "title", "summary",
                "received_on", "filed_on", "closed_on", "outcome", "due_date", "facts", "check_code_hash",
                "created_by_id", "version", "created", "updated")


def ensure(say=print) -> int:
    """Tell STORIES demo cases (once), then copy them in SQL up to TARGET; returns the count."""
    from django.db import connection, transaction

    from zhibao.cases.models import Case

    if not Case.objects.exists():
        from zhibao.cases import demo
        from zhibao.demo.writer import Writer

        with transaction.atomic():
            demo.generate(random.Random(1), "city", as_of=TODAY, writer=Writer(say), say=say, cases=STORIES)
    have = Case.objects.count()
    if have >= TARGET:
        return have
    lo, hi = Case.objects.order_by("pk").values_list("pk", flat=True)[0], Case.objects.order_by("-pk")[0].pk
    stride = hi - lo + 1
    copy = 0
    with connection.cursor() as cursor:
        while have < TARGET:
            copy += 1
            offset = stride * copy
            if Case.objects.filter(pk=hi + offset).exists():
                continue
            with transaction.atomic():
                cols = ", ".join(CASE_COLUMNS)
                cursor.execute(
                    f"INSERT INTO cases_case (id, number, origin_id, {cols}) "
                    f"SELECT id + %s, CASE WHEN number IS NULL THEN NULL ELSE number || %s END, "
                    f"CASE WHEN origin_id IS NULL THEN NULL ELSE origin_id + %s END, {cols} "
                    f"FROM cases_case WHERE id BETWEEN %s AND %s", [offset, f"-{copy}", offset, lo, hi])
                for table, columns in COPIED.items():
                    cols = ", ".join(columns)
                    cursor.execute(f"INSERT INTO {table} (case_id, {cols}) SELECT case_id + %s, {cols} "
                                   f"FROM {table} WHERE case_id BETWEEN %s AND %s", [offset, lo, hi])
            have = Case.objects.count()
            say(f"  copied the cases: {have:,}")
        if connection.vendor == "postgresql":
            for table in ("cases_case", *COPIED):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}")
            cursor.execute("ANALYZE")
    return have


def run(repeat: int) -> str:
    from django.db import connection, transaction
    from django.db.models import Count

    from zhibao.accounts.models import User
    from zhibao.cases import clocks, reminders, worklists
    from zhibao.cases.models import Assignment, Case, Clock, ClockState

    count = ensure()
    clocks.today = lambda: TODAY
    busiest = (Assignment.objects.filter(case_open=True).values("user_id").annotate(n=Count("id"))
               .order_by("-n").first())
    officers = [User.objects.get(username="officer"), User.objects.get(pk=busiest["user_id"])]
    rows, notes = [], []
    for user in officers:
        open_cases = Assignment.objects.filter(user=user, case_open=True).count()
        notes.append(f"{user.username}: {open_cases:,} open cases")

        def naive_mine(user=user):
            ids = list(Assignment.objects.filter(user=user).values_list("case_id", "case_open", "due_date"))
            mine = sorted((d or datetime.date.max, c) for c, is_open, d in ids if is_open)
            return list(Case.objects.filter(pk__in=[c for _d, c in mine[:50]])), len(mine)

        def naive_clocks(user=user, overdue=False):
            cases = set(Case.objects.filter(assignments__user=user).values_list("pk", flat=True))
            found = [(d, pk) for pk, case, d in Clock.objects.filter(state=ClockState.RUNNING).values_list(
                "pk", "case_id", "due_date").iterator(chunk_size=20_000)
                if case in cases and d is not None and (d < TODAY if overdue else
                                                        TODAY <= d <= TODAY + datetime.timedelta(days=7))]
            return sorted(found)[:50]

        measures = [
            ("my cases", lambda u=user: (list(worklists.mine(u)[:50]), worklists.mine(u).count()), naive_mine),
            ("due within 7 days (mine)", lambda u=user: list(worklists.due_within(u, 7, today=TODAY,
                                                                                   mine_only=True)[:50]),
             naive_clocks),
            ("overdue (mine)", lambda u=user: list(worklists.overdue(u, today=TODAY, mine_only=True)[:50]),
             lambda u=user: naive_clocks(u, overdue=True)),
        ]
        for label, fast, slow in measures:
            a, b = common.stats(common.timed(fast, repeat)), common.stats(common.timed(slow, max(3, repeat // 5)))
            rows.append([f"{label}, {user.username}", a["median"], a["p95"], b["median"], b["p95"]])

    searched = _search_measures(repeat, rows)
    _page_measures(repeat, rows, notes)

    with transaction.atomic():
        result = reminders.run(TODAY)
        again = reminders.run(TODAY)
        transaction.set_rollback(True)
    running = Clock.objects.filter(state=ClockState.RUNNING).count()
    slow = common.timed(lambda: sum(1 for _pk, nxt in Clock.objects.filter(state=ClockState.RUNNING).values_list(
        "pk", "next_remind_on").iterator(chunk_size=20_000) if nxt is not None and nxt <= TODAY), 1)
    scan = [[f"reminder run on {TODAY} ({result.created:,} reminders from {result.scanned:,} clocks)",
             result.seconds, result.scan_seconds],
            ["second run right after (nothing to do)", again.seconds, again.scan_seconds],
            [f"naive loop over all {running:,} running clocks", slow[0] / 1000, slow[0] / 1000]]
    title = f"Cases ({count:,} cases, {connection.vendor}, {repeat} runs each; {'; '.join(notes)})"
    return (common.table(title, ["request", "median ms", "p95 ms", "baseline median ms", "baseline p95 ms"], rows)
            + searched + "\n"
            + common.table("Reminder job", ["run", "seconds", "scan seconds"], scan))


def _search_measures(repeat: int, rows: list) -> str:
    """Case search (cases.search) against LIKE over titles and numbers with a full count."""
    from django.db import connection

    from zhibao.cases.models import Case
    from zhibao.cases.search import search

    rng = random.Random(3)
    first = Case.objects.order_by("pk").values_list("pk", flat=True)[0]   # ids need not start at 1
    sample = list(Case.objects.filter(pk__in=[first + rng.randint(0, 10_000) for _i in range(50)]).values_list(
        "title", "number"))
    queries = [("a company name", sample[0][0][:6]), ("a mark in quotes", sample[1][0].split("“")[-1][:3]),
               ("a case number", sample[2][1] or "西市监"), ("no match", "无此案件名称")]
    table = connection.ops.quote_name(Case._meta.db_table)
    for label, q in queries:
        def page(q=q):
            qs = search(Case.objects.all(), q)
            return list(qs.order_by("-received_on", "-pk")[:50]), qs[:10_001].count()

        def naive(q=q):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE title LIKE %s OR number LIKE %s",
                               [f"%{q}%", f"%{q}%"])
                cursor.execute(f"SELECT id FROM {table} WHERE title LIKE %s OR number LIKE %s "
                               f"ORDER BY received_on DESC, id DESC LIMIT 50", [f"%{q}%", f"%{q}%"])
                return cursor.fetchall()
        a, b = common.stats(common.timed(page, repeat)), common.stats(common.timed(naive, max(3, repeat // 5)))
        rows.append([f"case search: {label} ({q})", a["median"], a["p95"], b["median"], b["p95"]])
    return ""


def _page_measures(repeat: int, rows: list, notes: list) -> None:
    """The case page (/cases/<pk>/, URL cases:detail) through Django's test client, `repeat`
    told cases of every procedure picked at random, each requested once, as an active officer
    assigned to the case (the lead first), who may see it; against `_naive_page` on the same
    cases, run after the pages (so with the rows the page has just read in the cache)."""
    from django.test import Client
    from django.urls import reverse

    from zhibao.cases.models import Assignment, Case

    rng = random.Random(5)
    told: dict[str, list[int]] = {}
    for pk, procedure in Case.objects.filter(events__isnull=False).values_list("pk", "procedure").distinct():
        told.setdefault(procedure, []).append(pk)
    clients: dict[int, Client] = {}

    def client_of(pk: int) -> Client | None:
        officer = (Assignment.objects.filter(case_id=pk, user__is_active=True).select_related("user")
                   .order_by("-lead", "pk").first())
        if officer is None:
            return None
        if officer.user_id not in clients:
            clients[officer.user_id] = Client()
            clients[officer.user_id].force_login(officer.user, backend="zhibao.accounts.backends.RoleBackend")
        return clients[officer.user_id]

    warm = min(min(ids) for ids in told.values())   # templates and code paths, outside the samples
    client_of(warm).get(reverse("cases:detail", args=[warm]))
    every, every_raw, refused = [], [], 0
    for procedure in sorted(told):
        ids = [pk for pk in sorted(told[procedure]) if pk != warm]
        sample = [(pk, c) for pk in rng.sample(ids, min(len(ids), repeat * 3)) if (c := client_of(pk))][:repeat]
        page, raw = [], []
        for pk, client in sample:
            started = time.perf_counter()
            response = client.get(reverse("cases:detail", args=[pk]))
            page.append((time.perf_counter() - started) * 1000)
            refused += response.status_code != 200
        for pk, _client in sample:
            raw += common.timed(lambda pk=pk: _naive_page(pk), 1)[:1]
        every += page
        every_raw += raw
        a, b = common.stats(page), common.stats(raw)
        rows.append([f"case page: {procedure} ({len(page)} cases)", a["median"], a["p95"], b["median"], b["p95"]])
    a, b = common.stats(every), common.stats(every_raw)
    rows.append([f"case page: all procedures ({len(every)} cases)", a["median"], a["p95"], b["median"], b["p95"]])
    notes.append(f"case pages not answered 200: {refused}")


def _naive_page(pk: int):
    """The case page's data without the page: the case, its events, clocks and parties, unbounded."""
    from zhibao.cases.models import Case

    case = Case.objects.get(pk=pk)
    return (list(case.events.all()), list(case.clocks.all()), list(case.parties.all()), list(case.documents.all()))
