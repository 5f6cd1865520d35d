"""The reference data modules hold together (no database needed)."""
import random
from collections import Counter
from datetime import date

from stdnum.cn import ric

from zhibao.demo.accounts import DEMO_ACCOUNTS
from zhibao.demo.data import divisions, economy, gi, organizations, places, technology, words, zones
from zhibao.demo.management.commands.demo import Command
from zhibao.demo.people import IdNumbers
from zhibao.registry.codes import make_id_number


def test_population_split_adds_up_exactly():
    parts = divisions.split_population(13_167_600, divisions.DISTRICT_POPULATION_WEIGHTS)
    assert sum(parts.values()) == 13_167_600
    assert set(parts) == set(divisions.XIAN_DISTRICT_CODES)
    assert parts["610113"] > parts["610114"]


def test_every_district_has_streets_shares_and_an_industry_mix():
    for code in divisions.XIAN_DISTRICT_CODES:
        assert places.STREETS[code]
        assert economy.ENTITY_SHARES[code] > 0
        assert economy.INDUSTRY_WEIGHTS[code]
    assert abs(sum(economy.ENTITY_SHARES.values()) - 1) < 1e-9


def test_zones_point_to_xian_districts():
    names = {name for name, *_rest in zones.ZONES}
    for _name, _short, level, code, _note in zones.ZONES:
        assert code in divisions.XIAN_DISTRICT_CODES and level in {"national", "provincial", "city", "new_area"}
    for shares in zones.ZONE_SHARES.values():
        assert all(zone in names for zone, _share in shares) and sum(s for _z, s in shares) < 1
    assert set(places.ZONE_STREETS) <= names


def test_organization_names_are_unique_and_parents_come_first():
    rows = organizations.organizations()
    names = [name for name, *_rest in rows]
    assert len(names) == len(set(names))
    seen = set()
    for name, _short, _kind, _code, parent in rows:
        assert parent is None or parent in seen, name
        seen.add(name)
    assert organizations.district_bureau("610113") == "西安市雁塔区市场监督管理局"
    assert organizations.district_bureau("610124") == "周至县市场监督管理局"


def test_demo_accounts_point_to_bodies_that_exist():
    names = {name for name, *_rest in organizations.organizations()}
    assert {a.organization for a in DEMO_ACCOUNTS if a.organization} <= names
    assert [a.entity for a in DEMO_ACCOUNTS if a.entity] == [economy.DEMO_ENTERPRISE["name"]]
    assert len({a.username for a in DEMO_ACCOUNTS}) == len(DEMO_ACCOUNTS)


def test_gi_products_are_in_xian():
    titles = {p["title"] for p in gi.GI_PRODUCTS}
    assert {"临潼石榴", "户县葡萄", "周至猕猴桃", "阎良甜瓜", "临潼火晶柿子"} <= titles
    for product in gi.GI_PRODUCTS:
        assert product["district"] in divisions.XIAN_DISTRICT_CODES
        assert product["regime"] in {"product", "trademark", "agricultural"}


def test_company_names_cannot_repeat_across_industries():
    # A company name is trade name (two characters) + industry term + form: it is unique as
    # long as no term belongs to two industries.
    terms = Counter(term for values in words.INDUSTRY_TERMS.values() for term in values)
    assert [term for term, n in terms.items() if n > 1] == []
    assert all(len(c) == 1 for c in words.TRADE_NAME_FIRST + words.TRADE_NAME_SECOND)
    # ...and every (first, second) index pair spells a different trade name
    assert len(set(words.TRADE_NAME_FIRST)) == len(words.TRADE_NAME_FIRST)
    assert len(set(words.TRADE_NAME_SECOND)) == len(words.TRADE_NAME_SECOND)


def test_fields_and_classes():
    for field in technology.FIELDS.values():
        assert field["ipc"] and field["methods"] and field["products"]
    for pairs in technology.INDUSTRY_FIELDS.values():
        assert all(key in technology.FIELDS for key, _w in pairs)
    for pairs in technology.NICE_BY_INDUSTRY.values():
        assert all(1 <= cls <= 45 for cls, _w in pairs)


def test_id_number_regions_exist_in_the_year_of_birth():
    numbers = IdNumbers(1946, 2009)
    for district in divisions.XIAN_DISTRICT_CODES:
        for year in (1950, 1982, 1990, 2005):
            region = numbers.region(random.Random(year), district, year)
            assert ric.is_valid(make_id_number(region, date(year, 3, 1), 4)), (district, year)


def test_help_is_translated_text():
    parser = Command().create_parser("zhibao", "demo")
    text = parser.format_help()
    assert "--if-empty" in text and "--reset" in text
