"""Fixtures every test module may use: a small real Xi'an, users of each role, clients.

`make_user(role, scope=..., org=...)` builds a user; `client_for(user)` signs it in.
"""
import datetime

import pytest
from django.test import Client

from zhibao.accounts.models import User
from zhibao.accounts.roles import Role, Scope
from zhibao.registry.choices import DivisionLevel, EntityKind, Industry, OrganizationKind, RightKind
from zhibao.registry.codes import make_uscc
from zhibao.registry.models import District, IPRight, MarketEntity, Organization, RightHolder

PASSWORD = "Zhibao-test-2026"


@pytest.fixture
def xian(db):
    """Xi'an, two of its districts, one cluster city; returns a dict by short key."""
    city = District.objects.create(code="610100", name="西安市", level=DivisionLevel.CITY)
    return {
        "city": city,
        "yanta": District.objects.create(code="610113", name="雁塔区", level=DivisionLevel.DISTRICT, parent=city),
        "weiyang": District.objects.create(code="610112", name="未央区", level=DivisionLevel.DISTRICT, parent=city),
        "baoji": District.objects.create(code="610300", name="宝鸡市", level=DivisionLevel.CITY, in_cluster=True),
    }


@pytest.fixture
def orgs(xian):
    return {
        "city_ip": Organization.objects.create(
            name="西安市市场监督管理局（知识产权局）", kind=OrganizationKind.IP_ADMIN, district=xian["city"]),
        "yanta_amr": Organization.objects.create(
            name="西安市雁塔区市场监督管理局", kind=OrganizationKind.MARKET_REGULATION, district=xian["yanta"]),
        "weiyang_amr": Organization.objects.create(
            name="西安市未央区市场监督管理局", kind=OrganizationKind.MARKET_REGULATION, district=xian["weiyang"]),
    }


@pytest.fixture
def entities(xian, orgs):
    """Two entities in 雁塔区 (one holding an invention patent and a trademark), one in 未央区."""
    a = MarketEntity.objects.create(
        name="西安秦川智能装备有限公司", uscc=make_uscc("610113", 101), district=xian["yanta"],
        org=orgs["yanta_amr"], kind=EntityKind.COMPANY, industry=Industry.C,
        established=datetime.date(2012, 5, 8), address="西安市雁塔区科技路48号")
    b = MarketEntity.objects.create(
        name="西安曲江文化传媒有限公司", uscc=make_uscc("610113", 102), district=xian["yanta"],
        org=orgs["yanta_amr"], industry=Industry.R)
    c = MarketEntity.objects.create(
        name="西安未央食品有限公司", uscc=make_uscc("610112", 103), district=xian["weiyang"],
        org=orgs["weiyang_amr"], industry=Industry.C)
    patent = IPRight.objects.create(
        kind=RightKind.INVENTION, number="ZL201810123456.5", title="一种数控机床主轴冷却装置",
        application_date=datetime.date(2018, 2, 1), grant_date=datetime.date(2020, 6, 9),
        ipc_classes="B23Q 11/12", district=xian["yanta"], org=orgs["yanta_amr"])
    mark = IPRight.objects.create(
        kind=RightKind.TRADEMARK, number="12345678", title="秦川智造", nice_classes="7,42",
        district=xian["yanta"], org=orgs["yanta_amr"])
    RightHolder.objects.create(right=patent, entity=a)
    RightHolder.objects.create(right=mark, entity=a)
    return {"qinchuan": a, "qujiang": b, "weiyang_food": c, "patent": patent, "mark": mark}


@pytest.fixture
def make_user(db, orgs):
    def make(role=Role.IP_OFFICER, scope=Scope.CITY, org="city_ip", username=None, entity=None, **extra):
        user = User(
            username=username or f"{role}-{scope}-{org}", role=role, scope=scope,
            organization=orgs[org] if org else None, entity=entity, is_superuser=(role == Role.ADMIN),
            **extra,
        )
        user.set_password(PASSWORD)
        user.save()
        return user

    return make


@pytest.fixture
def client_for():
    def sign_in(user):
        client = Client()
        client.force_login(user, backend="zhibao.accounts.backends.RoleBackend")
        return client

    return sign_in


@pytest.fixture
def admin_user(make_user):
    return make_user(Role.ADMIN, Scope.CITY, username="admin")


@pytest.fixture
def admin_client(admin_user, client_for):
    return client_for(admin_user)
