"""Fixtures for import tests: an importing officer, jobs run in-process, upload helpers."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zhibao.accounts.roles import Role, Scope

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def immediate_tasks(settings, tmp_path):
    # See tests/jobs/conftest.py: the backend is set through the settings, which django-tasks watches.
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def officer(make_user):
    """An IP administration officer with city-wide scope: may import."""
    return make_user(Role.IP_OFFICER, Scope.CITY, username="officer", email="officer@example.cn")


@pytest.fixture
def officer_client(officer, client_for):
    return client_for(officer)


@pytest.fixture
def upload(officer_client):
    """POST a file to the import page; returns the response (following no redirect)."""
    def send(name, content, record_type="entities", dry_run=True, client=None, **extra):
        data = {"record_type": record_type, "file": SimpleUploadedFile(name, content)}
        if dry_run:
            data["dry_run"] = "on"
        return (client or officer_client).post(reverse("imports:list"), data, **extra)

    return send
