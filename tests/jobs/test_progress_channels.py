"""Progress and cancel reach across the runner's open write transaction, on SQLite (files
beside the database) and on PostgreSQL (a second connection). These tests commit for real
(transactional), as the worker does; the job runs outside any test transaction."""
import pytest

from zhibao.accounts.roles import Role, Scope
from zhibao.core import jobs
from zhibao.core.models import Job
from zhibao.registry.models import District

from . import runners


@pytest.fixture
def probe_kind(settings, tmp_path):
    settings.VAR_DIR = tmp_path  # the progress and cancel files go here on SQLite
    jobs.register("test-probe", "tests.jobs.runners.probe", label="Probe")
    runners.OBSERVED.clear()


@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_while_the_transaction_is_open(probe_kind, make_user, tmp_path):
    user = make_user(Role.IP_OFFICER, Scope.CITY, username="prober")
    job = jobs.start(user, "test-probe", "Probe", {"batches": 3})
    assert job.state == Job.State.DONE, job.message
    assert runners.OBSERVED == [{"phase": "write", "done": 1}, {"phase": "write", "done": 2},
                                {"phase": "write", "done": 3}]
    assert District.objects.filter(code__startswith="98").count() == 3
    assert not list(tmp_path.glob("jobs/*"))  # the progress files are gone


@pytest.mark.django_db(transaction=True)
def test_cancel_reaches_the_runner_while_the_transaction_is_open(probe_kind, make_user, tmp_path):
    user = make_user(Role.IP_OFFICER, Scope.CITY, username="prober")
    job = jobs.start(user, "test-probe", "Probe", {"batches": 5, "cancel_at": 2})
    assert job.state == Job.State.CANCELLED
    assert (job.done, job.total) == (2, 5)
    assert not District.objects.filter(code__startswith="98").exists()
    assert not list(tmp_path.glob("jobs/*"))


@pytest.mark.django_db(transaction=True)
def test_a_broken_runner_never_leaves_the_job_running(make_user, monkeypatch):
    user = make_user(Role.IP_OFFICER, Scope.CITY, username="breaker")
    jobs.register("test-count", "tests.jobs.runners.count", label="Count")

    def broken_close(self):
        raise RuntimeError("cannot close")

    monkeypatch.setattr(jobs.Progress, "close", broken_close)
    job = jobs.start(user, "test-count", "Count", {"n": 3})
    assert job.state == Job.State.FAILED and job.finished
