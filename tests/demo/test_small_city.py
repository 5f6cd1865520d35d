"""The small demo city, loaded once for this module: real reference data, valid codes,
plausible rights, and demo accounts that sign in with their roles."""
from collections import Counter
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import Client, RequestFactory
from stdnum.cn import ric, uscc

from zhibao.accounts.models import User
from zhibao.accounts.roles import Perm, Role, Scope
from zhibao.demo import build
from zhibao.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from zhibao.demo.context import SCALES
from zhibao.demo.data.economy import DEMO_ENTERPRISE
from zhibao.demo.numbers import is_valid_patent_number
from zhibao.demo.rights import add_years, patent_term_end
from zhibao.registry.choices import PATENT_KINDS, RightStatus
from zhibao.registry.codes import clean_patent_number
from zhibao.registry.models import (
    DevelopmentZone, District, GIAuthorization, IPRight, MarketEntity, Organization, Person, PopulationRecord,
    RightHolder,
)

XIAN_DISTRICTS = {
    "610102": "新城区", "610103": "碑林区", "610104": "莲湖区", "610111": "灞桥区", "610112": "未央区",
    "610113": "雁塔区", "610114": "阎良区", "610115": "临潼区", "610116": "长安区", "610117": "高陵区",
    "610118": "鄠邑区", "610122": "蓝田县", "610124": "周至县",
}


@pytest.fixture(scope="module", autouse=True)
def small_city(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("demo", "--scale", "small", "--seed", "11", verbosity=0)
        yield
        build.reset(lambda _text: None)


pytestmark = pytest.mark.django_db


# -- reference data -------------------------------------------------------------------

def test_xian_has_its_thirteen_districts_and_counties():
    city = District.objects.get(code="610100")
    assert city.name == "西安市" and city.level == "city"
    children = dict(city.children.values_list("code", "name"))
    assert children == XIAN_DISTRICTS
    assert set(city.children.values_list("level", flat=True)) == {"district", "county"}
    assert District.objects.get(code="610124").level == "county"


def test_cluster_cities():
    cluster = dict(District.objects.filter(in_cluster=True).values_list("code", "name"))
    assert len(cluster) == 11
    assert cluster["610300"] == "宝鸡市" and cluster["610403"] == "杨凌示范区" and cluster["621000"] == "庆阳市"
    assert all(level == "city" for level in District.objects.filter(in_cluster=True).values_list("level", flat=True))


def test_population_of_xian_and_its_districts():
    city = dict(PopulationRecord.objects.filter(district_id="610100").values_list("year", "population"))
    assert city == {2022: 12_995_900, 2023: 13_078_200, 2024: 13_167_600}
    districts = PopulationRecord.objects.filter(district__parent_id="610100", year=2024)
    assert districts.count() == 13
    assert sum(districts.values_list("population", flat=True)) == 13_167_600
    assert all("演示估算" in source for source in districts.values_list("source", flat=True))
    assert "统计公报" in PopulationRecord.objects.get(district_id="610100", year=2024).source


def test_development_zones():
    zones = {z.name: z for z in DevelopmentZone.objects.all()}
    assert zones["西安高新技术产业开发区"].level == "national" and zones["西安高新技术产业开发区"].district_id == "610113"
    assert zones["西咸新区"].level == "new_area"
    assert {z.level for z in zones.values()} == {"national", "provincial", "city", "new_area"}
    assert all(z.district_id for z in zones.values())


def test_organizations_under_their_public_names():
    admin_org = next(a.organization for a in DEMO_ACCOUNTS if a.username == "admin")
    city_admin = Organization.objects.get(name=admin_org)
    assert admin_org == "西安市市场监督管理局（西安市知识产权局）" and city_admin.kind == "ip_admin"
    yanta = Organization.objects.get(name="西安市雁塔区市场监督管理局")
    assert yanta.district_id == "610113" and yanta.parent == city_admin
    assert Organization.objects.get(name="周至县市场监督管理局").district_id == "610124"
    assert Organization.objects.filter(kind="market_regulation", district__parent_id="610100").count() == 13
    for name, kind in [("西安市市场监管综合执法支队", "enforcement"), ("陕西省知识产权保护中心", "protection_centre"),
                       ("西安市知识产权保护中心", "protection_centre"), ("西安市公安局", "police"),
                       ("西安市人民检察院", "procuratorate"), ("西安市中级人民法院", "court"),
                       ("西安知识产权法庭", "court"), ("西安市知识产权纠纷人民调解委员会", "mediation"),
                       ("西安仲裁委员会", "arbitration"), ("西安市汉唐公证处", "notary"),
                       ("西安市公安局雁塔分局", "police"), ("西安市雁塔区人民法院", "court")]:
        assert Organization.objects.get(name=name).kind == kind, name
    assert Organization.objects.get(name="西安知识产权法庭").parent.name == "西安市中级人民法院"
    assert Organization.objects.filter(kind="workstation").count() >= 30
    assert not Organization.objects.filter(kind="workstation", parent__isnull=True).exists()
    for code in District.objects.filter(in_cluster=True).values_list("code", flat=True):
        assert Organization.objects.filter(kind="market_regulation", district_id=code).exists(), code


# -- generated records ---------------------------------------------------------------

def test_sizes_of_the_small_scale():
    scale = SCALES["small"]
    assert MarketEntity.objects.count() >= scale.entities
    assert Person.objects.count() == scale.persons
    assert IPRight.objects.filter(kind__in=PATENT_KINDS).count() >= scale.patents
    assert IPRight.objects.count() >= 2_900


def test_every_uscc_is_valid_and_matches_the_district():
    codes = list(MarketEntity.objects.values_list("uscc", "district_id", "kind"))
    assert len({c for c, _d, _k in codes}) == len(codes)
    prefix = {"company": "91", "individual": "92", "cooperative": "93", "university": "12", "social": "51"}
    for code, district, kind in codes:
        assert uscc.is_valid(code), code
        assert code[2:8] == district and code[:2] == prefix[kind], (code, district, kind)


def test_every_id_number_is_valid_and_agrees_with_the_person():
    for number, gender, born in Person.objects.values_list("id_number", "gender", "birth_date"):
        assert ric.validate(number) == number
        assert ric.get_birth_date(number) == born
        assert (int(number[16]) % 2 == 1) == (gender == "M"), number


def test_every_patent_number_has_a_valid_check_character_and_its_kind():
    patents = IPRight.objects.filter(kind__in=PATENT_KINDS)
    type_digit = {"invention": "1", "utility": "2", "design": "3"}
    for number, kind in patents.values_list("number", "kind"):
        assert is_valid_patent_number(number), number
        assert clean_patent_number(number, kind) == number
        assert number[6] == type_digit[kind]


def test_patent_dates_follow_the_law():
    for right in IPRight.objects.filter(kind__in=PATENT_KINDS):
        assert right.application_date.year == int(right.number[2:6])
        assert right.expiry_date == patent_term_end(right.kind, right.application_date)
        if right.grant_date:
            assert right.grant_date > right.application_date
        else:
            assert right.status == RightStatus.PENDING
    invention = IPRight.objects.filter(kind="invention").first()
    assert (invention.expiry_date - invention.application_date) > timedelta(days=20 * 365 - 1)


def test_trademarks_run_ten_years_from_registration():
    for right in IPRight.objects.filter(kind="trademark", status=RightStatus.VALID):
        assert len(right.number) == 8 and right.number.isdigit()
        terms = [add_years(right.grant_date, years) - timedelta(days=1) for years in (10, 20)]  # 20: renewed
        assert right.expiry_date in terms, right.number
        assert right.nice_classes


def test_all_records_pass_the_registry_validation():
    for model in (MarketEntity, Person, IPRight, RightHolder):
        # foreign keys are checked by the database; checking them here costs a query each
        relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
        for obj in model.objects.all():
            obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)


def test_industries_differ_by_district():
    def share(district, industry):
        rows = Counter(MarketEntity.objects.filter(district_id=district).values_list("industry", flat=True))
        return rows[industry] / sum(rows.values())

    assert share("610113", "I") > share("610124", "I")
    assert share("610124", "A") > share("610113", "A")
    kinds = set(MarketEntity.objects.values_list("kind", flat=True))
    assert {"company", "individual", "cooperative", "university", "social"} <= kinds
    assert MarketEntity.objects.filter(name__startswith="周至县", name__endswith="专业合作社").exists()
    assert MarketEntity.objects.filter(kind="individual", name__startswith="雁塔区").exists()


def test_entity_names_are_unique():
    assert MarketEntity.objects.values("name").distinct().count() == MarketEntity.objects.count()


def test_entities_are_supervised_by_their_district_bureau():
    for district, org_district in MarketEntity.objects.values_list("district_id", "org__district_id"):
        assert district == org_district


def test_geographical_indications():
    gis = {r.title: r for r in IPRight.objects.filter(kind="gi")}
    for title in ("临潼石榴", "户县葡萄", "周至猕猴桃", "阎良甜瓜", "临潼火晶柿子"):
        assert title in gis
    pomegranate = gis["临潼石榴"]
    assert pomegranate.gi_regime == "product" and pomegranate.district_id == "610115"
    assert "临潼区" in pomegranate.protected_area
    holder = pomegranate.holders.get()
    assert holder.entity.kind == "social"
    users = GIAuthorization.objects.filter(right__kind="gi")
    assert users.exists()
    kiwi_users = users.filter(right__title="周至猕猴桃", entity__kind="cooperative")
    assert kiwi_users.exists() and all("猕猴桃" in u.entity.name for u in kiwi_users)
    for user in users.select_related("right", "entity"):
        assert user.entity.district_id == user.right.district_id
        assert user.valid_from <= user.valid_until


def test_the_demo_enterprise_has_patents_and_trademarks():
    enterprise = MarketEntity.objects.get(name=DEMO_ENTERPRISE["name"])
    held = IPRight.objects.filter(holders__entity=enterprise)
    assert held.filter(kind__in=PATENT_KINDS).count() >= 5
    assert held.filter(kind="trademark").count() >= 3
    assert held.filter(number="ZL201810123456.5").exists()


def test_persons_hold_some_rights():
    assert RightHolder.objects.filter(person__isnull=False).exists()


def test_no_audit_entry_per_row_but_one_note():
    registry_entries = LogEntry.objects.filter(content_type__app_label="registry")
    assert registry_entries.count() == 1
    note = registry_entries.get()
    assert note.additional_data["demo"]["seed"] == 11
    assert note.additional_data["demo"]["counts"]["registry.MarketEntity"] == MarketEntity.objects.count()


# -- demo accounts -------------------------------------------------------------------

@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
def test_demo_accounts_sign_in_with_their_roles(account):
    request = RequestFactory().post("/accounts/login/")
    user = authenticate(request, username=account.username, password=DEMO_PASSWORD)
    assert user is not None and user.role == account.role and user.scope == account.scope
    if account.organization:
        assert user.organization.name == account.organization
    client = Client()
    assert client.login(request=request, username=account.username, password=DEMO_PASSWORD)


def test_one_account_per_role_and_their_permissions():
    users = {u.username: u for u in User.objects.all()}
    assert {u.role for u in users.values()} == set(Role.values)
    assert users["admin"].is_superuser and users["admin"].role == Role.ADMIN
    assert users["officer"].has_perm(Perm.REGISTRY_CHANGE) and users["officer"].scope == Scope.CITY
    assert users["yanta"].organization.name == "西安市雁塔区市场监督管理局" and users["yanta"].scope == Scope.DISTRICT
    assert users["leader"].has_perm(Perm.COCKPIT_VIEW) and not users["leader"].has_perm(Perm.REGISTRY_CHANGE)
    assert users["enterprise"].entity.name == DEMO_ENTERPRISE["name"]
    assert users["police"].organization.name == "西安市公安局"
    assert users["centre"].organization.name == "西安市知识产权保护中心"
