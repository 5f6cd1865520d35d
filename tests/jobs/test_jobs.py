"""The background-job layer: start, run, progress, failure, cancel, and the pages that show them."""
import logging

import pytest
from django.urls import reverse

from zhibao.accounts.roles import Role, Scope
from zhibao.core import jobs
from zhibao.core.models import Job
from zhibao.registry.models import District

from . import runners


@pytest.fixture
def officer(make_user):
    return make_user(Role.IP_OFFICER, Scope.CITY, username="officer")


def test_start_runs_the_job_and_records_progress(officer):
    job = jobs.start(officer, "test-count", "Count to 25", {"n": 25})
    assert job.state == Job.State.DONE
    assert job.result == {"counted": 25}
    assert (job.done, job.total) == (25, 25)
    assert job.started and job.finished and job.task_id
    assert job.request_id and job.language


def test_failure_is_a_clear_message_and_the_traceback_is_logged(officer, caplog):
    with caplog.at_level(logging.ERROR, logger="zhibao.jobs"):
        job = jobs.start(officer, "test-fail", "Fails")
    assert job.state == Job.State.FAILED
    assert "secret internal detail" not in job.message
    assert job.request_id in job.message  # the reference under which the log has the details
    assert any("secret internal detail" in r.exc_text for r in caplog.records if r.exc_text)


def test_job_failed_carries_its_message_and_result(officer):
    job = jobs.start(officer, "test-refuse", "Refuses")
    assert job.state == Job.State.FAILED
    assert job.message == "The file is not what it should be."
    assert job.result == {"partial": 1}


def test_cancel_mid_way_rolls_back_everything(officer, xian):
    runners.CANCEL_AFTER["batches"] = 2
    try:
        job = jobs.start(officer, "test-write", "Writes", {"batches": 5})
    finally:
        runners.CANCEL_AFTER["batches"] = None
    assert job.state == Job.State.CANCELLED
    assert job.message and job.finished
    assert (job.done, job.total) == (2, 5)
    assert not District.objects.filter(code__startswith="99").exists()


def test_without_cancel_the_writes_are_kept(officer, xian):
    job = jobs.start(officer, "test-write", "Writes", {"batches": 3})
    assert job.state == Job.State.DONE
    assert District.objects.filter(code__startswith="99").count() == 3


def test_a_queued_job_is_cancelled_at_once_and_never_runs(officer, settings):
    job = Job.objects.create(kind="test-count", title="Waiting", user=officer, params={"n": 3})
    assert jobs.request_cancel(job)
    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED
    jobs.execute(job.pk)  # the worker picks the task up later: nothing happens
    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED and job.result == {}


def test_a_finished_job_cannot_be_cancelled(officer):
    job = jobs.start(officer, "test-count", "Done", {"n": 1})
    assert not jobs.request_cancel(job)
    job.refresh_from_db()
    assert job.state == Job.State.DONE and not job.cancel_requested


def test_execute_twice_runs_once(officer):
    job = jobs.start(officer, "test-count", "Once", {"n": 2})
    finished = job.finished
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.finished == finished


# -- pages ------------------------------------------------------------------------------------

def test_running_job_page_polls_and_offers_cancel(officer, client_for):
    job = Job.objects.create(kind="test-count", title="Counting", user=officer, state=Job.State.RUNNING,
                             phase="check", done=40, total=160)
    client = client_for(officer)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert 'hx-get="%s"' % reverse("jobs:detail", args=[job.pk]) in page
    assert "width: 25%" in page
    assert reverse("jobs:cancel", args=[job.pk]) in page
    partial = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<section id="job-status"')
    assert "<html" not in partial


def test_finished_job_page_stops_polling_and_shows_the_message(officer, client_for):
    job = jobs.start(officer, "test-refuse", "Refused")
    page = client_for(officer).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "hx-trigger" not in page
    assert "The file is not what it should be." in page


def test_cancel_button_sets_the_flag(officer, client_for):
    job = Job.objects.create(kind="test-count", title="Counting", user=officer, state=Job.State.RUNNING)
    response = client_for(officer).post(reverse("jobs:cancel", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    job.refresh_from_db()
    assert job.cancel_requested and job.state == Job.State.RUNNING
    assert "Cancelling" in response.content.decode() or "正在取消" in response.content.decode()


def test_cancel_needs_post(officer, client_for):
    job = Job.objects.create(kind="test-count", title="Counting", user=officer, state=Job.State.RUNNING)
    assert client_for(officer).get(reverse("jobs:cancel", args=[job.pk])).status_code == 405
    job.refresh_from_db()
    assert not job.cancel_requested


@pytest.mark.parametrize("role", [Role.IP_OFFICER, Role.MEDIATOR, Role.ENTERPRISE, Role.LEADERSHIP])
def test_jobs_of_others_are_404(officer, make_user, client_for, role):
    job = jobs.start(officer, "test-count", "Mine", {"n": 1})
    other = client_for(make_user(role, Scope.CITY, username=f"other-{role}"))
    assert other.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert other.post(reverse("jobs:cancel", args=[job.pk])).status_code == 404
    assert "Mine" not in other.get(reverse("jobs:list")).content.decode()


def test_anonymous_is_sent_to_sign_in(officer, client):
    job = jobs.start(officer, "test-count", "Mine", {"n": 1})
    response = client.get(reverse("jobs:detail", args=[job.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_admin_sees_every_job(officer, admin_client):
    job = jobs.start(officer, "test-count", "Count by the officer", {"n": 1})
    assert admin_client.get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    assert "Count by the officer" not in admin_client.get(reverse("jobs:list")).content.decode()
    assert "Count by the officer" in admin_client.get(reverse("jobs:list") + "?all=1").content.decode()


def test_my_jobs_list(officer, client_for):
    jobs.start(officer, "test-count", "First count", {"n": 1})
    jobs.start(officer, "test-refuse", "Second thing")
    page = client_for(officer).get(reverse("jobs:list")).content.decode()
    assert "First count" in page and "Second thing" in page
    filtered = client_for(officer).get(reverse("jobs:list") + "?state=failed").content.decode()
    assert "Second thing" in filtered and "First count" not in filtered
