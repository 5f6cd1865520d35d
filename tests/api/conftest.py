"""Fixtures of the API tests: a small registry of Xi'an (districts, organizations, entities,
rights, a zone, persons).

`world` mirrors the `entities` fixture of tests/fixtures.py, whose patent number has a wrong
check character (ZL201810123456.7; .5 is right): that fixture's records are created without
validation, so the first PATCH through the API would refuse the number. It adds persons and a
development zone.
"""
import datetime

import pytest

from zhibao.registry.choices import EntityKind, Industry, RightKind
from zhibao.registry.codes import make_id_number, make_uscc
from zhibao.registry.models import DevelopmentZone, IPRight, MarketEntity, Person, RightHolder

from .base import ApiClient


def uscc(region: str, serial: int) -> str:
    """A valid USCC, distinct per serial."""
    return make_uscc(region, serial)


@pytest.fixture
def world(xian, orgs):
    """Everything a resource test may need, by short key."""
    a = MarketEntity.objects.create(
        name="西安秦川智能装备有限公司", uscc=uscc("610113", 101), district=xian["yanta"],
        org=orgs["yanta_amr"], kind=EntityKind.COMPANY, industry=Industry.C,
        established=datetime.date(2012, 5, 8), address="西安市雁塔区科技路48号")
    b = MarketEntity.objects.create(
        name="西安曲江文化传媒有限公司", uscc=uscc("610113", 102), district=xian["yanta"],
        org=orgs["yanta_amr"], industry=Industry.R)
    c = MarketEntity.objects.create(
        name="西安未央食品有限公司", uscc=uscc("610112", 103), district=xian["weiyang"],
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
    zhang = Person.objects.create(
        name="张三丰", id_number=make_id_number("610113", datetime.date(1985, 3, 4), 17), gender="F",
        birth_date=datetime.date(1985, 3, 4), phone="13912345678", address="西安市雁塔区科技路48号",
        district=xian["yanta"], org=orgs["yanta_amr"])
    li = Person.objects.create(
        name="李四", phone="13800001111", address="西安市未央区凤城八路1号",
        district=xian["weiyang"], org=orgs["weiyang_amr"])
    zone = DevelopmentZone.objects.create(name="西安高新技术产业开发区", short_name="高新区", level="national",
                                          district=xian["yanta"])
    return {**xian, **orgs, "qinchuan": a, "qujiang": b, "weiyang_food": c, "patent": patent, "mark": mark,
            "zhang": zhang, "li": li, "gaoxin": zone}


@pytest.fixture
def api_for(client):
    """`api_for(user)`: a client sending a fresh bearer token of `user`."""
    from zhibao.accounts.models import APIToken

    def build(user):
        _token, key = APIToken.issue(user, name="test")
        return ApiClient(client, key)
    return build


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Users are made by the dozen here; argon2 is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
