"""Every registry resource of the API against the generic contract of base.py."""
import datetime

from zhibao.accounts.roles import Role
from zhibao.registry.codes import make_id_number
from zhibao.registry.models import DevelopmentZone, District, IPRight, MarketEntity, Organization, Person, RightHolder

from .base import ReadOnlyResourceContract, ResourceContract
from .conftest import uscc

STAFF_READERS = frozenset({Role.ADMIN, Role.IP_OFFICER, Role.CENTRE_OFFICER, Role.MEDIATOR, Role.WORKSTATION,
                           Role.LIAISON})
REGISTRY_READERS = STAFF_READERS | {Role.ENTERPRISE}
REGISTRY_WRITERS = frozenset({Role.ADMIN, Role.IP_OFFICER, Role.CENTRE_OFFICER})


class TestEntities(ResourceContract):
    url = "/api/v1/entities"
    model = MarketEntity
    readers = REGISTRY_READERS
    writers = REGISTRY_WRITERS

    def in_scope(self, world):
        return world["qinchuan"]

    def out_of_scope(self, world):
        return world["weiyang_food"]

    def create_payload(self, world):
        return {"name": "西安新材料科技有限公司", "uscc": uscc("610113", 500), "district": "610113",
                "org": world["yanta_amr"].pk, "industry": "C", "established": "2019-01-02",
                "registered_capital": "500.00"}

    def outside_payload(self, world):
        return {"name": "西安未央新材料有限公司", "uscc": uscc("610112", 501), "district": "610112"}

    def update_payload(self, world, record):
        return {"address": "西安市雁塔区丈八一路1号"}


class TestRights(ResourceContract):
    url = "/api/v1/rights"
    model = IPRight
    readers = REGISTRY_READERS
    writers = REGISTRY_WRITERS

    def in_scope(self, world):
        return world["patent"]

    def out_of_scope(self, world):
        right = IPRight.objects.create(kind="trademark", number="87654321", title="未央香", nice_classes="30",
                                       district=world["weiyang"], org=world["weiyang_amr"])
        RightHolder.objects.create(right=right, entity=world["weiyang_food"])
        return right

    def create_payload(self, world):
        return {"kind": "trademark", "number": "23456789", "title": "秦川精工", "nice_classes": "7, 42",
                "district": "610113", "org": world["yanta_amr"].pk, "holders": [{"entity": world["qinchuan"].pk}]}

    def outside_payload(self, world):
        return {"kind": "trademark", "number": "23456790", "title": "未央之星", "nice_classes": "30",
                "district": "610112"}

    def update_payload(self, world, record):
        return {"title": "一种改进的数控机床主轴冷却装置"}


class TestPersons(ResourceContract):
    url = "/api/v1/persons"
    model = Person
    readers = STAFF_READERS
    writers = REGISTRY_WRITERS

    def in_scope(self, world):
        return world["zhang"]

    def out_of_scope(self, world):
        return world["li"]

    def create_payload(self, world):
        return {"name": "王五", "id_number": make_id_number("610113", datetime.date(1990, 1, 2), 33),
                "phone": "13700000000", "district": "610113", "org": world["yanta_amr"].pk}

    def outside_payload(self, world):
        return {"name": "赵六", "phone": "13700000001", "district": "610112"}

    def update_payload(self, world, record):
        return {"phone": "13711112222"}


class TestOrganizations(ResourceContract):
    url = "/api/v1/organizations"
    model = Organization
    readers = REGISTRY_READERS
    writers = REGISTRY_WRITERS

    def in_scope(self, world):
        return world["yanta_amr"]

    def out_of_scope(self, world):
        return world["weiyang_amr"]

    def create_payload(self, world):
        return {"name": "雁塔区知识产权维权援助工作站", "kind": "workstation", "district": "610113"}

    def outside_payload(self, world):
        return {"name": "未央区知识产权维权援助工作站", "kind": "workstation", "district": "610112"}

    def update_payload(self, world, record):
        return {"short_name": "雁塔区局"}


class TestDistricts(ReadOnlyResourceContract):
    url = "/api/v1/districts"
    model = District
    readers = REGISTRY_READERS

    def in_scope(self, world):
        return world["yanta"]


class TestZones(ReadOnlyResourceContract):
    url = "/api/v1/zones"
    model = DevelopmentZone
    readers = REGISTRY_READERS

    def in_scope(self, world):
        return world["gaoxin"]
