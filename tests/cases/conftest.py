"""Case tests: fixed "today", a fresh working-day cache, English messages, and officers of each role.

`today` is fixed (default 2026-11-20) because the engine refuses steps dated in the future and
the reminder job compares due dates with today; `set_today(date)` moves it.
"""
import datetime as dt

import pytest
from django.utils import translation

from zhibao.accounts.roles import Role, Scope
from zhibao.calendar import workdays
from zhibao.cases import clocks, engine

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Users are made for their roles here, not to sign in: skip Argon2's deliberate slowness."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def set_today(monkeypatch):
    current = {"day": TODAY}
    monkeypatch.setattr(clocks, "today", lambda: current["day"])

    def set_day(day: dt.date):
        current["day"] = day

    return set_day


@pytest.fixture
def people(make_user, orgs):
    """Users of each role; officers of the city IP administration, city-wide scope."""
    return {
        "officer": make_user(Role.IP_OFFICER, Scope.CITY, username="officer"),
        "colleague": make_user(Role.IP_OFFICER, Scope.CITY, username="colleague"),
        "yanta_officer": make_user(Role.IP_OFFICER, Scope.ORGANIZATION, org="yanta_amr", username="yanta"),
        "weiyang_officer": make_user(Role.IP_OFFICER, Scope.ORGANIZATION, org="weiyang_amr", username="weiyang"),
        "mediator": make_user(Role.MEDIATOR, Scope.CITY, username="mediator"),
        "liaison": make_user(Role.LIAISON, Scope.CITY, username="liaison"),
        "expert": make_user(Role.EXPERT, Scope.CITY, username="expert"),
        "centre": make_user(Role.CENTRE_OFFICER, Scope.CITY, username="centre"),
        "workstation": make_user(Role.WORKSTATION, Scope.CITY, username="workstation"),
        "leader": make_user(Role.LEADERSHIP, Scope.CITY, username="leader"),
    }


@pytest.fixture
def docs():
    """docs(case, user, *kinds): put the named documents on the case."""
    def add(case, user, *kinds):
        for kind in kinds:
            engine.add_document(case, user, kind, reference=f"{kind}-1")
    return add


def clock(case, code):
    """The latest clock of that code on the case."""
    return case.clocks.filter(code=code).order_by("-pk").first()
