"""Two officers saving the same case at once, and case numbers allocated in parallel.

Threads need real concurrent connections: PostgreSQL, or SQLite in a file (ZHIBAO_TEST_DB);
the in-memory test database cannot lock across connections."""
import datetime as dt
import threading

import pytest
from django.db import connection

from zhibao.cases import engine
from zhibao.cases.engine import allocate_number
from zhibao.cases.errors import StaleCase
from zhibao.cases.models import Case, CaseSequence

D = dt.date
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def real_connections():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads need a database file or PostgreSQL (set ZHIBAO_TEST_DB or DATABASE_URL)")


def run_together(*jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i, job):
        try:
            barrier.wait()
            results[i] = job()
        except Exception as exc:  # noqa: BLE001
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_saves_of_the_same_version(people, orgs):
    officer, colleague = people["officer"], people["colleague"]
    case = engine.open_case("report", officer, handling_org=orgs["city_ip"], title="并发", at=D(2026, 11, 2),
                            kind="anonymous")
    seen = case.version

    def pause():
        return engine.apply(Case.objects.get(pk=case.pk), "pause", officer, at=D(2026, 11, 3),
                            data={"pause_reason": "testing"}, expected_version=seen)

    def route():
        return engine.apply(Case.objects.get(pk=case.pk), "route", colleague, at=D(2026, 11, 3),
                            data={"handling_org": orgs["yanta_amr"].pk, "reason": "属地"}, expected_version=seen)

    results = run_together(pause, route)
    stale = [r for r in results if isinstance(r, StaleCase)]
    saved = [r for r in results if not isinstance(r, Exception)]
    assert len(stale) == 1 and len(saved) == 1, results
    case.refresh_from_db()
    assert case.version == seen + 1 and case.events.count() == 2


def test_numbers_are_unique_under_parallel_allocation():
    from django.db import transaction

    def take():
        numbers = []
        for _i in range(15):
            with transaction.atomic():
                numbers.append(allocate_number("西知测", 2026))
        return numbers

    results = run_together(take, take, take)
    assert not any(isinstance(r, Exception) for r in results), results
    allocated = [n for r in results for n in r]
    assert sorted(allocated) == list(range(1, 46))
    assert CaseSequence.objects.get(prefix="西知测", year=2026).last == 45
