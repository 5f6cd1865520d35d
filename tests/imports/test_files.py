"""Files as a whole: types, encodings, headers, sizes. Each refusal names its reason, in the
user's language, and nothing is stored or written."""
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from zhibao.core.models import Job
from zhibao.imports import engine, reader
from zhibao.registry.models import MarketEntity

from . import files

ROWS = [files.entity_row(i) for i in range(3)]


def run(content: bytes, user, record_type="entities", dry_run=True):
    with translation.override("en"):
        return engine.run(io.BytesIO(content), record_type, user, dry_run=dry_run)


@pytest.mark.parametrize("encoding,bom,expected", [
    ("utf-8", False, "utf-8"), ("utf-8", True, "utf-8"), ("gbk", False, "gb18030"), ("gb18030", False, "gb18030"),
])
def test_csv_encodings(xian, officer, encoding, bom, expected):
    result = run(files.csv_bytes(files.ENTITY_HEADER_ZH, ROWS, encoding=encoding, bom=bom), officer)
    assert (result["encoding"], result["rows"], result["created"], result["faulty"]) == (expected, 3, 3, 0)
    assert result["creates"][0]["label"] == "西安测试0科技有限公司"  # Chinese read right, not mojibake


def test_xlsx_with_english_headers(xian, officer):
    result = run(files.xlsx_bytes(files.ENTITY_HEADER_EN, ROWS), officer)
    assert (result["format"], result["created"], result["faulty"]) == ("xlsx", 3, 0)


def test_tab_and_semicolon_separated_csv(xian, officer):
    for sep in ("\t", ";"):
        text = "\n".join(sep.join(r) for r in [files.ENTITY_HEADER_ZH, *ROWS])
        assert run(text.encode("utf-8"), officer)["created"] == 3


@pytest.mark.parametrize("content,phrase", [
    (b"", "The file is empty."),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "This is not a CSV or Excel (.xlsx) file."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "old Excel 97"),
    (b"\x89PNG\r\n\x1a\n" + b"\x10" * 100, "This is not a CSV or Excel (.xlsx) file."),
    (b"%PDF-1.7\n%...", "This is not a CSV or Excel (.xlsx) file."),
    ("统一社会信用代码\t名称".encode("utf-16"), "UTF-16"),
])
def test_wrong_types_are_named(officer, content, phrase):
    with pytest.raises(reader.Refused) as refused:
        run(content, officer)
    assert phrase in refused.value.message


def test_a_zip_that_is_not_a_workbook(officer):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(reader.Refused, match="not a CSV or Excel"):
        run(out.getvalue(), officer)


def test_a_damaged_workbook(officer):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<not really")
    with pytest.raises(reader.Refused, match="damaged"):
        run(out.getvalue(), officer)


def test_header_only_and_blank_rows_only(xian, officer):
    with pytest.raises(reader.Refused, match="no rows of data"):
        run(files.csv_bytes(files.ENTITY_HEADER_ZH, []), officer)
    with pytest.raises(reader.Refused, match="no rows of data"):
        run(files.csv_bytes(files.ENTITY_HEADER_ZH, [[""] * 9, [" "] * 9]), officer)


def test_blank_first_row(officer):
    with pytest.raises(reader.Refused, match="no column headers"):
        run(b",,,\n" + files.csv_bytes(files.ENTITY_HEADER_ZH, ROWS), officer)


def test_broken_encoding_names_the_line(officer):
    good = files.csv_bytes(files.ENTITY_HEADER_ZH, ROWS)
    broken = good + "西安,坏".encode("utf-8")[:-1] + b"\xff\xfe\n"
    with pytest.raises(reader.Refused) as refused:
        run(broken, officer)
    assert "neither UTF-8 nor GBK" in refused.value.message
    assert "line 5" in refused.value.message


def test_nul_bytes_late_in_a_csv(xian, officer):
    content = files.csv_bytes(files.ENTITY_HEADER_ZH, ROWS) + b"a,b\x00c\n" * 10000
    with pytest.raises(reader.Refused, match="NUL|binary"):
        run(content, officer)


def test_overlong_csv_field(xian, officer):
    content = files.csv_bytes(files.ENTITY_HEADER_ZH, ROWS + [["x" * 200_000] + ["a"] * 8])
    with pytest.raises(reader.Refused, match="longer than"):
        run(content, officer)


def test_missing_and_unknown_columns_in_one_message(officer):
    content = files.csv_bytes(["统一社会信用代码", "名字", "颜色"], [["x", "y", "z"]])
    with pytest.raises(reader.Refused) as refused:
        run(content, officer)
    message = refused.value.message
    assert "名称 (name)" in message and "所在区县 (district)" in message  # the missing ones
    assert "名字" in message and "颜色" in message  # the unknown ones


def test_a_column_given_twice(officer):
    content = files.csv_bytes(["统一社会信用代码", "名称", "所在区县", "uscc"], [["x", "y", "z", "w"]])
    with pytest.raises(reader.Refused, match="twice"):
        run(content, officer)


def test_headers_are_matched_loosely(xian, officer):
    header = [" 统一社会信用代码* ", "NAME", "District", "注册资本(万元)"]
    rows = [[files.uscc(1), "西安一号有限公司", "610113", "1,200.5"]]
    result = run(files.csv_bytes(header, rows), officer)
    assert result["created"] == 1 and result["faulty"] == 0


def test_row_limit(xian, officer, settings):
    settings.ZHIBAO_IMPORT_MAX_ROWS = 2
    with pytest.raises(reader.Refused, match="more than 2 rows"):
        run(files.csv_bytes(files.ENTITY_HEADER_ZH, ROWS), officer)


def test_unknown_record_type(officer):
    with pytest.raises(reader.Refused, match="market entities or IP rights"):
        run(files.csv_bytes(files.ENTITY_HEADER_ZH, ROWS), officer, record_type="persons")


# -- through the upload page ------------------------------------------------------------------

@pytest.mark.parametrize("name,content,phrase", [
    ("empty.csv", b"", "空"),
    ("setup.csv", b"MZ\x90\x00" + b"\x00" * 300, "不是 CSV 或 Excel"),
    ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 300, "不是 CSV 或 Excel"),
    ("header.csv", files.csv_bytes(files.ENTITY_HEADER_ZH, []), "没有数据行"),
    ("cols.csv", files.csv_bytes(["名称", "颜色"], [["a", "b"]]), "颜色"),
    ("broken.csv", b"uscc,name\n\xff\xfe\xfa,x\n", "UTF-8"),
])
def test_upload_page_refuses_bad_files_in_chinese(xian, upload, name, content, phrase):
    response = upload(name, content)
    assert response.status_code == 400
    page = response.content.decode()
    assert phrase in page
    assert not Job.objects.exists() and not MarketEntity.objects.exists()


def test_upload_page_messages_in_english(xian, upload, officer_client):
    officer_client.cookies["django_language"] = "en"
    response = upload("setup.csv", b"MZ\x90\x00" + b"\x00" * 300)
    assert "This is not a CSV or Excel (.xlsx) file." in response.content.decode()


def test_a_200_mb_upload_is_refused_before_it_is_read(xian, officer_client):
    """The declared size alone refuses it: the body (here only a few bytes) is never read."""
    from django.test.client import FakePayload

    response = officer_client.generic(
        "POST", reverse("imports:list"), b"", content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(200 * 1024 * 1024), **{"wsgi.input": FakePayload(b"--BoUnDaRy--\r\n")},
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "200.0" in page and "100.0" in page  # "文件大小为 200.0 MB；可导入的文件最大为 100.0 MB"
    assert not Job.objects.exists()


def test_a_file_over_the_limit_is_stopped_while_reading(xian, upload, settings):
    """A body that passes the declared-size check (limit lowered) is cut off at the limit."""
    settings.ZHIBAO_MAX_UPLOAD_BYTES = 2000
    content = files.csv_bytes(files.ENTITY_HEADER_ZH, [files.entity_row(i) for i in range(20)])
    assert 2000 < len(content) < 2000 + 1024 * 1024
    response = upload("big.csv", content)
    assert response.status_code == 413
    assert not Job.objects.exists()


def _csrf_client(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="zhibao.accounts.backends.RoleBackend")
    page = client.get(reverse("imports:list")).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    return client, token


def test_over_the_limit_with_the_csrf_check_enforced(xian, officer, settings):
    """As a browser sends it: the CSRF check reads the form, and the limit already applies."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ZHIBAO_MAX_UPLOAD_BYTES = 2000
    client, token = _csrf_client(officer)
    content = files.csv_bytes(files.ENTITY_HEADER_ZH, [files.entity_row(i) for i in range(40)])
    response = client.post(reverse("imports:list"), {"csrfmiddlewaretoken": token, "record_type": "entities",
                                                     "dry_run": "on", "file": SimpleUploadedFile("a.csv", content)})
    assert response.status_code == 413
    assert "2.0\xa0KB" in response.content.decode()  # the limit, as filesizeformat writes it
    assert not Job.objects.exists()


def test_a_good_upload_with_the_csrf_check_enforced(xian, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client, token = _csrf_client(officer)
    content = files.csv_bytes(files.ENTITY_HEADER_ZH, [files.entity_row(0)])
    response = client.post(reverse("imports:list"), {"csrfmiddlewaretoken": token, "record_type": "entities",
                                                     "dry_run": "on", "file": SimpleUploadedFile("a.csv", content)})
    assert response.status_code == 302
    assert Job.objects.get().result["created"] == 1


def test_upload_without_file(xian, officer_client):
    response = officer_client.post(reverse("imports:list"), {"record_type": "entities", "dry_run": "on"})
    assert response.status_code == 400
    assert "选择要导入的文件" in response.content.decode()


def test_garbled_multipart_body(xian, officer_client):
    response = officer_client.generic("POST", reverse("imports:list"), b"garbage without boundaries",
                                      content_type="multipart/form-data; boundary=")
    assert response.status_code == 400


def test_upload_needs_the_csrf_token(xian, officer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer, backend="zhibao.accounts.backends.RoleBackend")
    content = files.csv_bytes(files.ENTITY_HEADER_ZH, ROWS)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("imports:list"), {"record_type": "entities",
                                                     "file": SimpleUploadedFile("a.csv", content)})
    assert response.status_code == 403
    assert not Job.objects.exists()
