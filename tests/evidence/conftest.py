"""Evidence tests: a case with parties, files stored under tmp_path, officers of each role."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.cases.conftest import english, fast_passwords, fresh_calendar_cache, people, set_today  # noqa: F401
from zhibao.accounts.roles import Role, Scope
from zhibao.cases import engine

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 100


@pytest.fixture(autouse=True)
def case_files(settings, tmp_path):
    settings.ZHIBAO_CASE_FILES_DIR = tmp_path / "case-files"
    return settings.ZHIBAO_CASE_FILES_DIR


def stored_files(root):
    """Every file in the store except the temporary area (which must be empty too)."""
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def case(people, orgs, entities):
    officer = people["officer"]
    return engine.open_case(
        "enforcement", officer, handling_org=orgs["city_ip"], title="秦川牌数控机床涉嫌假冒注册商标",
        at=dt.date(2026, 11, 2), kind="inspection", channel="inspection",
        officers=[officer, people["colleague"]], lead=officer,
        parties=[{"role": "respondent", "entity": entities["weiyang_food"]}], rights=[entities["mark"]])


@pytest.fixture
def enterprise_user(make_user, entities):
    return make_user(Role.ENTERPRISE, Scope.ORGANIZATION, org=None, username="enterprise",
                     entity=entities["weiyang_food"])
