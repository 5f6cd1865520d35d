"""Collaboration tests: bodies on both sides of a transfer, their users, a fixed today (real dates)."""
import datetime as dt

import pytest

from django.utils import translation

from zhibao.accounts.roles import Role, Scope
from zhibao.calendar import workdays
from zhibao.cases import clocks
from zhibao.registry.choices import OrganizationKind
from zhibao.registry.models import Organization

TODAY = dt.date(2025, 10, 20)


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.fixture(autouse=True)
def english():
    """Rule messages in English (pages follow each request's own language)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def set_today(monkeypatch):
    current = {"day": TODAY}
    monkeypatch.setattr(clocks, "today", lambda: current["day"])

    def set_day(day):
        current["day"] = day
    return set_day


@pytest.fixture
def bodies(orgs, xian):
    """The test registry's bodies plus the city police, a court and a body of 宝鸡 (a cluster city)."""
    return {
        **orgs,
        "police": Organization.objects.create(name="西安市公安局", kind=OrganizationKind.POLICE, district=xian["city"]),
        "court": Organization.objects.create(name="西安市中级人民法院", kind=OrganizationKind.COURT,
                                             district=xian["city"]),
        "baoji": Organization.objects.create(name="宝鸡市市场监督管理局", kind=OrganizationKind.MARKET_REGULATION,
                                             district=xian["baoji"]),
    }


@pytest.fixture
def staff(make_user, bodies, orgs):
    """Users acting for one body each (organization scope), and a city-wide leader and enterprise user."""
    orgs.update(bodies)  # make_user looks bodies up in `orgs`
    return {
        "officer": make_user(Role.IP_OFFICER, Scope.ORGANIZATION, org="city_ip", username="officer"),
        "police": make_user(Role.LIAISON, Scope.ORGANIZATION, org="police", username="police"),
        "court": make_user(Role.LIAISON, Scope.ORGANIZATION, org="court", username="court"),
        "baoji": make_user(Role.IP_OFFICER, Scope.ORGANIZATION, org="baoji", username="baoji"),
        "yanta": make_user(Role.IP_OFFICER, Scope.ORGANIZATION, org="yanta_amr", username="yanta"),
        "workstation": make_user(Role.WORKSTATION, Scope.ORGANIZATION, org="yanta_amr", username="ws"),
        "leader": make_user(Role.LEADERSHIP, Scope.CITY, username="leader"),
        "enterprise": make_user(Role.ENTERPRISE, Scope.ORGANIZATION, org=None, username="ent"),
    }
