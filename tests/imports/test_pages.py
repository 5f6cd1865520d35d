"""The import page: who may use it, the templates, and the navigation link."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from zhibao.accounts.roles import ROLE_PERMISSIONS, Perm, Role, Scope
from zhibao.core.models import Job
from zhibao.imports import engine
from zhibao.registry.models import MarketEntity

from . import files

NOT_IMPORTING = [r for r in Role.values if Perm.REGISTRY_IMPORT not in ROLE_PERMISSIONS[r]]


def test_the_page_for_an_importer(officer_client):
    response = officer_client.get(reverse("imports:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'name="dry_run"' in page and "checked" in page.split('name="dry_run"')[1][:80] + \
        page.split('name="dry_run"')[0][-80:]
    assert reverse("imports:template", args=["entities"]) in page
    assert reverse("imports:template", args=["rights"]) in page


def test_the_navigation_links_the_import_page(officer_client):
    page = officer_client.get("/").content.decode()
    assert f'href="{reverse("imports:list")}"' in page


@pytest.mark.parametrize("role", NOT_IMPORTING)
def test_roles_without_the_import_permission_get_403(xian, make_user, client_for, role):
    client = client_for(make_user(role, Scope.CITY, username=f"no-import-{role}"))
    assert client.get(reverse("imports:list")).status_code == 403
    content = files.csv_bytes(files.ENTITY_HEADER_ZH, [files.entity_row(0)])
    response = client.post(reverse("imports:list"), {"record_type": "entities",
                                                     "file": SimpleUploadedFile("a.csv", content)})
    assert response.status_code == 403
    assert client.get(reverse("imports:template", args=["entities"])).status_code == 403
    assert not Job.objects.exists() and not MarketEntity.objects.exists()


def test_forbidden_before_the_body_is_read(xian, make_user, client_for):
    from django.test.client import FakePayload

    client = client_for(make_user(Role.MEDIATOR, Scope.CITY, username="mediator"))
    response = client.generic("POST", reverse("imports:list"), b"", content_type="multipart/form-data; boundary=x",
                              CONTENT_LENGTH=str(200 * 1024 * 1024), **{"wsgi.input": FakePayload(b"")})
    assert response.status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(reverse("imports:list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_confirm_of_someone_elses_dry_run_is_404(xian, officer, upload, make_user, client_for):
    upload("a.csv", files.csv_bytes(files.ENTITY_HEADER_ZH, [files.entity_row(0)]))
    job = Job.objects.get()
    other = client_for(make_user(Role.IP_OFFICER, Scope.CITY, username="other-officer"))
    assert other.post(reverse("imports:confirm", args=[job.pk])).status_code == 404
    assert Job.objects.count() == 1


def test_a_dry_run_with_faulty_rows_cannot_be_confirmed(xian, officer_client, upload):
    rows = [files.entity_row(0), files.entity_row(1)]
    rows[1][0] = "bad"
    upload("a.csv", files.csv_bytes(files.ENTITY_HEADER_ZH, rows))
    job = Job.objects.get()
    assert job.result["faulty"] == 1
    officer_client.post(reverse("imports:confirm", args=[job.pk]))
    assert Job.objects.count() == 1 and not MarketEntity.objects.exists()


def test_result_page_pages_the_errors(xian, officer_client, upload):
    rows = [files.entity_row(i) for i in range(120)]
    for r in rows:
        r[1] = ""
    response = upload("a.csv", files.csv_bytes(files.ENTITY_HEADER_ZH, rows))
    first = officer_client.get(response["Location"]).content.decode()
    assert first.count("此列必须填写") == 50
    third = officer_client.get(response["Location"] + "?errors_page=3").content.decode()
    assert third.count("此列必须填写") == 20


@pytest.mark.parametrize("record_type,language,first", [
    ("entities", "zh-hans", "统一社会信用代码*"), ("entities", "en", "uscc*"), ("rights", "zh-hans", "类型*"),
])
def test_templates(xian, officer, officer_client, record_type, language, first):
    officer_client.cookies["django_language"] = language
    response = officer_client.get(reverse("imports:template", args=[record_type]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    body = b"".join(response.streaming_content)
    workbook = load_workbook(io.BytesIO(body), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == first and len(rows) == 2
    assert len(workbook.worksheets) == 2  # the notes


def test_the_templates_import_cleanly(xian, officer, officer_client):
    """Each template's example row passes every check (the rights one needs its holder first)."""
    for record_type in ("entities", "rights"):
        body = b"".join(officer_client.get(reverse("imports:template", args=[record_type])).streaming_content)
        result = engine.run(io.BytesIO(body), record_type, officer, dry_run=False)
        assert (result["faulty"], result["created"]) == (0, 1), result["errors"]


def test_unknown_template_is_404(officer_client):
    assert officer_client.get("/imports/template/persons.xlsx").status_code == 404


@pytest.mark.parametrize("path", [
    "/jobs/?state=bogus", "/jobs/?page=abc&sort=drop_table", "/jobs/999999/", "/jobs/abc/",
    "/imports/999999/confirm/", "/imports/template/../../etc.xlsx",
])
def test_odd_addresses_never_500(officer_client, path):
    assert officer_client.get(path).status_code in (200, 404, 405)


def test_odd_form_values_never_500(xian, officer_client):
    content = files.csv_bytes(files.ENTITY_HEADER_ZH, [files.entity_row(0)])
    response = officer_client.post(reverse("imports:list"), {
        "record_type": "persons", "dry_run": "maybe", "file": SimpleUploadedFile("a.csv", content)})
    assert response.status_code == 400
    assert not Job.objects.exists()


def test_result_page_with_odd_error_page(xian, officer_client, upload):
    rows = [files.entity_row(0), files.entity_row(1)]
    rows[1][0] = "bad"
    response = upload("a.csv", files.csv_bytes(files.ENTITY_HEADER_ZH, rows))
    for page in ("abc", "-1", "99999"):
        assert officer_client.get(response["Location"] + f"?errors_page={page}").status_code == 200
