"""Fixtures of the registry page tests: a small Xi'an registry with valid codes, and users.

`reg` mirrors the `entities` fixture of tests/fixtures.py but with codes that pass the
checks: registry.codes.make_uscc drops the last base-31 digit of its serial (so serials
101, 102, 103 give one code there) and that fixture's patent number has a wrong check
character; both are reported to their owners.
"""
import datetime

import pytest

from zhibao.accounts.roles import Role, Scope
from zhibao.registry.choices import EntityKind, GIRegime, Industry, RightKind
from zhibao.registry.codes import make_id_number, make_patent_number, make_uscc
from zhibao.registry.models import (
    DevelopmentZone, GIAuthorization, IPRight, MarketEntity, Person, PopulationRecord, RightHolder,
)


def uscc(region: str, serial: int) -> str:
    """A valid USCC, distinct for each serial."""
    return make_uscc(region, serial * 31)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reg(xian, orgs):
    zone = DevelopmentZone.objects.create(name="西安高新技术产业开发区", short_name="高新区", level="national",
                                          district=xian["yanta"])
    PopulationRecord.objects.create(district=xian["yanta"], year=2023, population=1_470_000, source="统计公报")
    PopulationRecord.objects.create(district=xian["yanta"], year=2024, population=1_478_900, source="统计公报")
    qinchuan = MarketEntity.objects.create(
        name="西安秦川智能装备有限公司", uscc=uscc("610113", 101), district=xian["yanta"], zone=zone,
        org=orgs["yanta_amr"], kind=EntityKind.COMPANY, industry=Industry.C,
        established=datetime.date(2012, 5, 8), address="西安市雁塔区科技路48号", legal_representative="王建国")
    qujiang = MarketEntity.objects.create(
        name="西安曲江文化传媒有限公司", uscc=uscc("610113", 102), district=xian["yanta"],
        org=orgs["yanta_amr"], industry=Industry.R)
    food = MarketEntity.objects.create(
        name="西安未央食品有限公司", uscc=uscc("610112", 103), district=xian["weiyang"],
        org=orgs["weiyang_amr"], industry=Industry.C)
    patent = IPRight.objects.create(
        kind=RightKind.INVENTION, number=make_patent_number(2018, "invention", 123456),
        title="一种数控机床主轴冷却装置", application_date=datetime.date(2018, 2, 1),
        grant_date=datetime.date(2020, 6, 9), ipc_classes="B23Q 11/12", district=xian["yanta"],
        org=orgs["yanta_amr"])
    mark = IPRight.objects.create(
        kind=RightKind.TRADEMARK, number="12345678", title="秦川智造", nice_classes="7,42",
        district=xian["yanta"], org=orgs["yanta_amr"])
    gi = IPRight.objects.create(
        kind=RightKind.GI, number="第123号", title="临潼石榴", gi_regime=GIRegime.PROTECTED_PRODUCT,
        protected_area="西安市临潼区骊山街道等 23 个街道", district=xian["weiyang"], org=orgs["weiyang_amr"])
    work = IPRight.objects.create(
        kind=RightKind.COPYRIGHT, number="陕作登字-2023-F-00012345", title="大雁塔灯光秀",
        district=xian["yanta"], org=orgs["yanta_amr"])
    zhang = Person.objects.create(
        name="张三丰", id_number=make_id_number("610113", datetime.date(1985, 3, 4), 17), gender="F",
        birth_date=datetime.date(1985, 3, 4), phone="13912345678", address="西安市雁塔区科技路48号",
        district=xian["yanta"], org=orgs["yanta_amr"])
    li = Person.objects.create(name="李四", phone="13800001111", address="西安市未央区凤城八路1号",
                               district=xian["weiyang"], org=orgs["weiyang_amr"])
    RightHolder.objects.create(right=patent, entity=qinchuan)
    RightHolder.objects.create(right=mark, entity=qinchuan)
    RightHolder.objects.create(right=work, person=zhang)
    GIAuthorization.objects.create(right=gi, entity=food, certificate="GI-2024-001",
                                   valid_from=datetime.date(2024, 1, 1), valid_until=datetime.date(2026, 12, 31))
    return {**xian, **orgs, "gaoxin": zone, "qinchuan": qinchuan, "qujiang": qujiang, "food": food,
            "patent": patent, "mark": mark, "gi": gi, "work": work, "zhang": zhang, "li": li}


@pytest.fixture
def users(make_user, reg):
    """Users by short key: city, district (雁塔) and organization (未央 AMR) scoped officers,
    other roles, and an enterprise user of 秦川."""
    return {
        "officer": make_user(Role.IP_OFFICER, Scope.CITY, "city_ip"),
        "yanta": make_user(Role.IP_OFFICER, Scope.DISTRICT, "yanta_amr"),
        "weiyang_org": make_user(Role.IP_OFFICER, Scope.ORGANIZATION, "weiyang_amr"),
        "centre": make_user(Role.CENTRE_OFFICER, Scope.CITY, "city_ip"),
        "mediator": make_user(Role.MEDIATOR, Scope.DISTRICT, "yanta_amr"),
        "liaison": make_user(Role.LIAISON, Scope.CITY, "city_ip"),
        "expert": make_user(Role.EXPERT, Scope.ORGANIZATION, "city_ip"),
        "leader": make_user(Role.LEADERSHIP, Scope.CITY, "city_ip"),
        "enterprise": make_user(Role.ENTERPRISE, Scope.ORGANIZATION, None, username="qinchuan-user",
                                entity=reg["qinchuan"]),
    }


@pytest.fixture
def as_user(users, client_for):
    """`as_user("yanta")`: a client signed in as that user."""
    return lambda key: client_for(users[key])
