"""Fixtures of the services tests: a small Xi'an with workstations, users of every role.

Until accounts/roles.py grants the services permissions, `grant_proposed_roles` (autouse)
gives each role exactly the codes that services/permissions.py proposes for it, so that
every page and endpoint is tested against the role table it will have. `current_roles`
turns that off for the test that checks today's table.
"""
import datetime as dt
import json

import pytest
from django.utils import translation

from zhibao.accounts import roles as role_table
from zhibao.accounts.models import APIToken
from zhibao.accounts.roles import Role, Scope
from zhibao.registry.choices import EntityKind, Industry, OrganizationKind, RightKind
from zhibao.registry.codes import make_uscc
from zhibao.registry.models import IPRight, MarketEntity, Organization, RightHolder
from zhibao.services import common
from zhibao.services.choices import WorkstationKind
from zhibao.services.models import Workstation
from zhibao.services.permissions import proposed_role_permissions
from zhibao.services.stations import save_workstation

TODAY = dt.date(2026, 11, 20)


def uscc(region: str, serial: int) -> str:
    """A valid USCC, distinct per serial (make_uscc drops the last base-31 digit)."""
    return make_uscc(region, serial * 31)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Today is 2026-11-20 for the services rules and the case engine; `fixed_today["day"] = d` moves it."""
    from zhibao.cases import clocks

    current = {"day": TODAY}
    monkeypatch.setattr(common, "today", lambda: current["day"])
    monkeypatch.setattr(clocks, "today", lambda: current["day"])
    return current


@pytest.fixture(autouse=True)
def grant_proposed_roles(monkeypatch):
    table = dict(role_table.ROLE_PERMISSIONS)
    for role, codes in proposed_role_permissions().items():
        table[role] = frozenset(table.get(role, frozenset()) | codes)
    monkeypatch.setattr(role_table, "ROLE_PERMISSIONS", table)


@pytest.fixture
def world(xian, orgs):
    """Registry records every services test may need, by short key."""
    centre = Organization.objects.create(name="西安市知识产权保护中心", kind=OrganizationKind.PROTECTION_CENTRE,
                                         district=xian["city"], parent=orgs["city_ip"])
    police = Organization.objects.create(name="西安市公安局", kind=OrganizationKind.POLICE, district=xian["city"])
    qinchuan = MarketEntity.objects.create(
        name="西安秦川智能装备有限公司", uscc=uscc("610113", 101), district=xian["yanta"], org=orgs["yanta_amr"],
        kind=EntityKind.COMPANY, industry=Industry.C)
    qujiang = MarketEntity.objects.create(
        name="西安曲江文化传媒有限公司", uscc=uscc("610113", 102), district=xian["yanta"], org=orgs["yanta_amr"],
        industry=Industry.R)
    food = MarketEntity.objects.create(
        name="西安未央食品有限公司", uscc=uscc("610112", 103), district=xian["weiyang"], org=orgs["weiyang_amr"],
        industry=Industry.C)
    xjtu = MarketEntity.objects.create(
        name="西安交通大学", uscc=uscc("610113", 104), district=xian["yanta"], kind=EntityKind.UNIVERSITY,
        industry=Industry.P)
    patent = IPRight.objects.create(kind=RightKind.INVENTION, number="ZL201810123456.5", title="一种数控机床主轴冷却装置",
                                    ipc_classes="B23Q 11/12", district=xian["yanta"], org=orgs["yanta_amr"])
    mark = IPRight.objects.create(kind=RightKind.TRADEMARK, number="12345678", title="秦川智造", nice_classes="7,42",
                                  district=xian["yanta"], org=orgs["yanta_amr"])
    RightHolder.objects.create(right=patent, entity=qinchuan)
    RightHolder.objects.create(right=mark, entity=qinchuan)
    return {**xian, **orgs, "centre": centre, "police": police, "qinchuan": qinchuan, "qujiang": qujiang,
            "food": food, "xjtu": xjtu, "patent": patent, "mark": mark}


def make_station(world, name, district="yanta", kind=WorkstationKind.ASSISTANCE, opened=dt.date(2024, 1, 1),
                 closed=None, supervisor="centre", **extra) -> Workstation:
    ws = Workstation(name=name, kind=kind, district=world[district], opened_on=opened, closed_on=closed,
                     supervisor=world[supervisor] if supervisor else None, host_name=extra.pop("host_name", "高新区管委会"),
                     **extra)
    save_workstation(ws)
    return ws


@pytest.fixture
def stations(world):
    return {
        "gaoxin": make_station(world, "西安高新区知识产权维权援助工作站"),
        "weiyang": make_station(world, "未央区知识产权维权援助工作站", district="weiyang"),
        "police": make_station(world, "西安高新区公安知识产权保护工作站", kind=WorkstationKind.POLICE,
                               supervisor="police", host_entity=world["qinchuan"], host_name=""),
    }


@pytest.fixture
def users(world, stations):
    """Users by short key; `station` works at the 高新 workstation, `station2` at 未央's."""
    from zhibao.accounts.models import User

    def user(username, role, scope, org=None, entity=None):
        u = User(username=username, role=role, scope=scope, organization=org, entity=entity,
                 is_superuser=role == Role.ADMIN)
        u.set_password("Zhibao-test-2026")
        u.save()
        return u

    return {
        "admin": user("admin", Role.ADMIN, Scope.CITY, world["city_ip"]),
        "officer": user("officer", Role.IP_OFFICER, Scope.CITY, world["city_ip"]),
        "yanta": user("yanta", Role.IP_OFFICER, Scope.DISTRICT, world["yanta_amr"]),
        "centre": user("centre", Role.CENTRE_OFFICER, Scope.ORGANIZATION, world["centre"]),
        "mediator": user("mediator", Role.MEDIATOR, Scope.CITY, world["city_ip"]),
        "expert": user("expert", Role.EXPERT, Scope.ORGANIZATION, None),
        "station": user("station", Role.WORKSTATION, Scope.ORGANIZATION, stations["gaoxin"].org),
        "station2": user("station2", Role.WORKSTATION, Scope.ORGANIZATION, stations["weiyang"].org),
        "liaison": user("liaison", Role.LIAISON, Scope.CITY, world["police"]),
        "enterprise": user("enterprise", Role.ENTERPRISE, Scope.ORGANIZATION, None, world["qinchuan"]),
        "leader": user("leader", Role.LEADERSHIP, Scope.CITY, world["city_ip"]),
    }


@pytest.fixture
def as_user(users, client_for):
    """`as_user("station")`: a client signed in as that user, asking for English pages."""
    def sign_in(key):
        client = client_for(users[key])
        client.cookies["django_language"] = "en"
        return client
    return sign_in


class Api:
    """Bearer-token client: api.get(url), api.post(url, payload), api.patch(url, payload)."""

    def __init__(self, client, user):
        _token, key = APIToken.issue(user)
        self.client, self.headers = client, {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}

    def get(self, url, data=None):
        return self.client.get(url, data, **self.headers)

    def post(self, url, payload):
        return self.client.post(url, json.dumps(payload), content_type="application/json", **self.headers)

    def patch(self, url, payload):
        return self.client.patch(url, json.dumps(payload), content_type="application/json", **self.headers)


@pytest.fixture
def api_as(users, client):
    return lambda key: Api(client, users[key])
