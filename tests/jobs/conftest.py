"""Job kinds used only by these tests, and jobs run in-process.

tests/conftest.py sets ZHIBAO_TASKS_BACKEND=immediate, but pytest-django has configured
Django before that conftest is imported (unless `make test` set the variable), so the
backend is set here through the settings, which django-tasks watches.
"""
import pytest

from zhibao.core import jobs

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture(autouse=True)
def test_kinds():
    jobs.register("test-count", "tests.jobs.runners.count", label="Count")
    jobs.register("test-write", "tests.jobs.runners.write_districts", label="Write")
    jobs.register("test-fail", "tests.jobs.runners.fail", label="Fail")
    jobs.register("test-refuse", "tests.jobs.runners.refuse", label="Refuse")
    yield
