"""Portal tests: a fixed "today", an empty rate-limit cache, the city IP administration as the
intake point, and helpers to post the public forms."""
import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from zhibao.cases import clocks
from zhibao.registry.codes import make_id_number

TODAY = dt.date(2026, 11, 20)
ID_NUMBER = make_id_number("610113", dt.date(1985, 3, 4), 17)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clocks, "today", lambda: TODAY)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def public(orgs):
    """A visitor without an account (the city IP administration exists to receive)."""
    return Client()


def report_data(**extra):
    data = {"kind": "anonymous", "facts": "夜市摊位销售假冒“秦川智造”商标的机床配件。",
            "respondent_name": "某某五金店", "respondent_address": "西安市雁塔区小寨东路1号",
            "product": "机床配件", "right": "12345678", "noticed_on": "2026-11-10", "consent": "on"}
    data.update(extra)
    return data


def complaint_data(**extra):
    data = report_data(complainant="person", name="张三丰", id_number=ID_NUMBER, phone="13912345678")
    data.pop("kind")
    data.update(extra)
    return data


@pytest.fixture
def send():
    """send(client, "report"|"complaint", data) posts the form and returns the response."""
    def post(client, which, data):
        return client.post(reverse(f"portal:{which}"), data)
    return post
