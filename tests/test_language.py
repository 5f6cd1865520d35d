"""Pages are Chinese by default whatever the browser asks; the switch (a cookie) chooses English;
the API follows Accept-Language."""
import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_chinese_pages():
    page = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/accounts/login/")
    assert page.status_code == 200
    assert 'lang="zh-hans"' in page.content.decode()


def test_the_switch_chooses_english_and_keeps_it():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert 'lang="en"' in client.get("/accounts/login/").content.decode()


def test_an_unknown_cookie_value_falls_back_to_chinese():
    client = Client()
    client.cookies["django_language"] = "xx"
    assert 'lang="zh-hans"' in client.get("/accounts/login/").content.decode()


def test_the_api_follows_accept_language():
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/no-such-thing")
    chinese = Client().get("/api/v1/no-such-thing")
    assert english.status_code == chinese.status_code == 404
    assert "There is no such API address" in english.json()["detail"]
    assert "There is no such API address" not in chinese.json()["detail"]
