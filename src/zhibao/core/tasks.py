"""Tasks of the core app, run by `zhibao worker` (django-tasks-db) or in-process in tests."""
from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    """Run a Job (core/jobs.py): the one task behind every long piece of work a user starts."""
    from .jobs import execute

    execute(job_id)
