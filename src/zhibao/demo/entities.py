"""Market entities: companies, individual businesses, cooperatives, universities, associations.

Names are unique: a company name is built from a (trade name, industry term) pair that a
`numbers.Allocator` hands out once per industry, so no name set is kept; individual
businesses and cooperatives, fewer and with short names, are checked against a set.

What the rights generator needs to know about each entity is kept in compact arrays
(`EntityPool`), a few bytes per entity, instead of the model instances.
"""
import math
from array import array
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from zhibao.registry.choices import EntityKind, EntityStatus
from zhibao.registry.models import MarketEntity

from .data import economy, gi, words
from .data.divisions import XIAN_DISTRICT_CODES as DISTRICT_CODES
from .data.divisions import XIAN_DISTRICT_NAMES as DISTRICT_NAMES
from .data.places import STREETS, TOWNS, ZONE_STREETS
from .data.zones import ZONE_SHARES, ZONE_SINCE
from .numbers import Allocator
from .people import landline, mobile
from .random_tools import Weighted, year_weights
from .writer import Progress

INDUSTRIES = "ABCDEFGHIJKLMNOPQRST"
KINDS = (EntityKind.COMPANY, EntityKind.INDIVIDUAL, EntityKind.COOPERATIVE, EntityKind.UNIVERSITY,
         EntityKind.SOCIAL)
K_COMPANY, K_INDIVIDUAL, K_COOP, K_UNIVERSITY, K_SOCIAL = range(5)
# USCC registration authority and entity type (GB 32100): 91 company, 92 individual business,
# 93 farmers' cooperative, 12 public institution, 51 social organization.
USCC_PREFIX = {K_COMPANY: ("9", "1"), K_INDIVIDUAL: ("9", "2"), K_COOP: ("9", "3"), K_UNIVERSITY: ("1", "2"),
               K_SOCIAL: ("5", "1")}
TECH_ZONES = frozenset({"西安高新技术产业开发区", "西安经济技术开发区", "陕西航天经济技术开发区",
                        "陕西航空经济技术开发区"})
OFFICE_BUILDINGS = ("创业广场", "科技企业加速器", "软件新城", "国际商务中心", "金融中心", "时代广场", "数码大厦",
                    "创新大厦", "国际企业中心", "智慧谷", "中心大厦", "科技园", "产业园", "企业大厦")


@dataclass
class EntityPool:
    """Per entity, in insertion order: id, district, industry, kind, year established,
    trade name (or -1), in a high-tech zone, and an activity factor (how much IP it files)."""

    ids: array = field(default_factory=lambda: array("q"))
    district: array = field(default_factory=lambda: array("B"))
    industry: array = field(default_factory=lambda: array("B"))
    kind: array = field(default_factory=lambda: array("B"))
    year: array = field(default_factory=lambda: array("H"))
    trade: array = field(default_factory=lambda: array("i"))
    tech_zone: array = field(default_factory=lambda: array("B"))
    activity: array = field(default_factory=lambda: array("f"))
    # positions of cooperatives and farming companies by district (GI users, plant breeders)
    growers: dict[str, list[int]] = field(default_factory=dict)
    # positions of cooperatives by (district, crop in their name)
    crop_growers: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    fixed: dict[str, int] = field(default_factory=dict)   # name → position, for named entities
    tech_zone_ids: set[int] = field(default_factory=set)

    def __len__(self):
        return len(self.ids)

    def add(self, pk: int, row: dict, kind: int, trade: int, activity: float, crop: str | None = None) -> int:
        position = len(self.ids)
        district, industry, established = row["district_id"], row.get("industry") or "S", row.get("established")
        self.ids.append(pk)
        self.district.append(DISTRICT_CODES.index(district))
        self.industry.append(INDUSTRIES.index(industry))
        self.kind.append(kind)
        self.year.append(established.year if established else 2000)
        self.trade.append(trade)
        self.tech_zone.append(1 if row.get("zone_id") in self.tech_zone_ids else 0)
        self.activity.append(activity)
        if kind == K_COOP or (kind == K_COMPANY and industry == "A"):
            self.growers.setdefault(district, []).append(position)
        if crop:
            self.crop_growers.setdefault((district, crop), []).append(position)
        return position


def trade_name(index: int) -> str:
    first, second = divmod(index, len(words.TRADE_NAME_SECOND))
    return words.TRADE_NAME_FIRST[first] + words.TRADE_NAME_SECOND[second]


def trade_index(name: str) -> int:
    return words.TRADE_NAME_FIRST.index(name[0]) * len(words.TRADE_NAME_SECOND) + words.TRADE_NAME_SECOND.index(name[1])


TRADE_NAMES = len(words.TRADE_NAME_FIRST) * len(words.TRADE_NAME_SECOND)


class EntityFactory:
    def __init__(self, run):
        self.run = run
        rng = run.rng
        self.rng = rng
        self.districts = Weighted(economy.ENTITY_SHARES)
        self.industries = {code: Weighted(weights) for code, weights in economy.INDUSTRY_WEIGHTS.items()}
        self.shop_industries = {
            code: Weighted({k: v for k, v in weights.items() if k in words.SHOP_TYPES})
            for code, weights in economy.INDUSTRY_WEIGHTS.items()
        }
        self.kinds_urban = Weighted(economy.KIND_WEIGHTS_URBAN)
        self.kinds_rural = Weighted(economy.KIND_WEIGHTS_RURAL)
        self.forms = Weighted(words.COMPANY_FORMS)
        self.prefixes = Weighted(words.CITY_PREFIXES)
        self.shop_styles = Weighted(words.SHOP_STYLES)
        self.coop_kinds = Weighted(words.COOP_KINDS)
        self.zone_choice = {
            code: Weighted([*shares, (None, 1.0 - sum(s for _z, s in shares))]) for code, shares in ZONE_SHARES.items()
        }
        # one company name per (trade name, industry term), handed out in scattered order
        self.company_names = Allocator(
            run.seed, "company-name", lambda industry: (0, TRADE_NAMES * len(words.INDUSTRY_TERMS[industry]) - 1)
        )
        self.used_names: set[str] = set()
        self.year_tables = {}

    # -- names -------------------------------------------------------------------------------
    def reserve_company(self, trade: str, industry: str, term: str) -> None:
        index = words.INDUSTRY_TERMS[industry].index(term) * TRADE_NAMES + trade_index(trade)
        self.company_names.reserve(industry, index)

    def company_name(self, industry: str) -> tuple[str, int]:
        terms = words.INDUSTRY_TERMS.get(industry) or words.INDUSTRY_TERMS["L"]
        key = industry if industry in words.INDUSTRY_TERMS else "L"
        term_index, trade = divmod(self.company_names.next(key), TRADE_NAMES)
        name, term, form = trade_name(trade), terms[term_index], self.forms.pick(self.rng)
        prefix = self.prefixes.pick(self.rng)
        if prefix.startswith("（"):
            return f"{name}{term}{prefix}{form}", trade
        return f"{prefix}{name}{term}{form}", trade

    def unique(self, make):
        """`make()` returns (name, ...); the first result whose name is new, or None.
        A 1-tuple gives just the name."""
        for _attempt in range(8):
            made = make()
            if made[0] not in self.used_names:
                self.used_names.add(made[0])
                return made[0] if len(made) == 1 else made
        return None

    # -- fields ------------------------------------------------------------------------------
    def established(self, start: int) -> date:
        """Later years are likelier: the number of new entities grows about 9 % a year."""
        last = self.run.as_of.year
        start = min(start, last)
        cum = self.year_tables.get(start)
        if cum is None:
            cum = self.year_tables[start] = Weighted(year_weights(start, self.run.as_of, 1.09))
        return self.run.day_in_year(cum.pick(self.rng))

    def address(self, district: str, zone: str | None, rural: bool, surname: str, office: bool,
                town: str | None = None) -> str:
        rng = self.rng
        where = f"西安市{DISTRICT_NAMES[district]}"
        rural_district = district in economy.RURAL_DISTRICTS
        if (rural or town) and TOWNS.get(district) and zone is None:
            village = f"{surname}家村" if rng.random() < 0.5 else rng.choice(("新村", "东村", "西村", "街村"))
            return f"{where}{town or rng.choice(TOWNS[district])}{village}{rng.randrange(1, 12)}组"
        street = rng.choice(ZONE_STREETS.get(zone) or STREETS[district])
        address = f"{where}{street}{rng.randrange(1, 400)}号"
        if office and not rural_district and rng.random() < 0.6:
            building, block = rng.choice(OFFICE_BUILDINGS), rng.choice("ABCD")
            address += f"{building}{block}座{rng.randrange(2, 30)}{rng.randrange(1, 40):02d}室"
        return address

    def capital(self, kind: int) -> Decimal | None:
        if kind == K_COMPANY:
            value = min(max(math.exp(self.rng.gauss(5.2, 1.5)), 1.0), 500_000.0)
        elif kind == K_COOP:
            value = self.rng.uniform(10, 500)
        else:
            return None
        return Decimal(round(value, 0 if value > 100 else 2)).quantize(Decimal("0.01"))

    def status(self, established: date) -> str:
        if established.year >= self.run.as_of.year - 1:
            return EntityStatus.ACTIVE
        roll = self.rng.random()
        return EntityStatus.CANCELLED if roll < 0.055 else EntityStatus.REVOKED if roll < 0.08 else EntityStatus.ACTIVE

    # -- entities ----------------------------------------------------------------------------
    def make(self) -> tuple[dict, int, int, float, str | None]:
        """One generated entity, with its kind index, trade-name index, activity factor and
        (for cooperatives) crop."""
        run, rng, ref = self.run, self.rng, self.run.ref
        district = self.districts.pick(rng)
        rural = district in economy.RURAL_DISTRICTS
        kind = {"company": K_COMPANY, "individual": K_INDIVIDUAL, "cooperative": K_COOP}[
            (self.kinds_rural if rural else self.kinds_urban).pick(rng)]
        zone = None
        gender = "M" if rng.random() < 0.68 else "F"
        owner_surname = run.names.surname(rng)
        trade = -1
        name = owner = crop = town = None
        if kind == K_COMPANY:
            industry = self.industries[district].pick(rng)
            choice = self.zone_choice.get(district)
            zone = choice.pick(rng) if choice else None
            start = max(1992, ZONE_SINCE.get(zone, 1992))
            name, trade = self.company_name(industry)
        elif kind == K_INDIVIDUAL:
            industry = self.shop_industries[district].pick(rng)
            start = 2000
            owner = run.names.full(rng, gender, surname=owner_surname)
            name = self.unique(lambda: (self.shop_name(district, industry, owner_surname, owner),))
            if name is None:  # every surname style taken: use a trade name, unique by construction
                kind, (name, trade) = K_COMPANY, self.company_name(industry)
        else:
            industry = "A"
            start = 2008  # the Farmers' Specialized Cooperatives Law took effect in July 2007
            name, crop, town = self.unique(lambda: self.coop_name(district)) or (None, None, None)
            if name is None:
                kind, (name, trade) = K_COMPANY, self.company_name(industry)
        established = self.established(start)
        zone_row = ref.zones[zone] if zone else None
        entity = dict(
            name=name, uscc=run.numbers.uscc_code(district, *USCC_PREFIX[kind]), kind=KINDS[kind],
            status=self.status(established),
            legal_representative=owner or run.names.full(rng, gender, surname=owner_surname),
            district_id=district, zone_id=zone_row.pk if zone_row else None,
            address=self.address(district, zone, rural and kind != K_COMPANY or rng.random() < 0.2,
                                 owner_surname, office=kind == K_COMPANY, town=town),
            industry=industry, established=established, registered_capital=self.capital(kind),
            phone=landline(rng) if kind == K_COMPANY and rng.random() < 0.65 else mobile(rng),
            org_id=ref.bureau[district].pk,
        )
        activity = min(rng.paretovariate(1.3), 400.0)
        return entity, kind, trade, activity, crop

    def shop_name(self, district: str, industry: str, surname: str, owner: str) -> str:
        rng = self.rng
        kind = rng.choice(words.SHOP_TYPES[industry])
        if kind == "家庭农场":  # family farms usually carry the owner's name
            return f"{DISTRICT_NAMES[district]}{owner}{kind}"
        style = self.shop_styles.pick(rng)
        base = style.format(surname=surname, trade=trade_name(rng.randrange(TRADE_NAMES)))
        return f"{DISTRICT_NAMES[district]}{base}{kind}"

    def coop_name(self, district: str) -> tuple[str, str, str | None]:
        """Name, crop, and the town it names (if any): 周至县楼观秦美猕猴桃专业合作社."""
        rng = self.rng
        crop = rng.choice(words.COOP_CROPS.get(district, words.COOP_CROPS_DEFAULT))
        trade = rng.choice(words.COOP_TRADE_NAMES) if rng.random() < 0.4 else trade_name(rng.randrange(TRADE_NAMES))
        town = None
        if TOWNS.get(district) and rng.random() < 0.3:
            town = rng.choice(TOWNS[district])
        short_town = town.removesuffix("街道").removesuffix("镇") if town else ""
        return f"{DISTRICT_NAMES[district]}{short_town}{trade}{crop}{self.coop_kinds.pick(rng)}", crop, town


def load_entities(run) -> EntityPool:
    """The fixed entities (demo enterprise, universities, GI associations), then `scale.entities`
    generated ones, inserted in batches."""
    pool = EntityPool(tech_zone_ids={run.ref.zones[name].pk for name in TECH_ZONES})
    factory = EntityFactory(run)
    ref, rng, writer = run.ref, run.rng, run.writer
    demo = economy.DEMO_ENTERPRISE
    factory.reserve_company(demo["trade_name"], demo["industry"], "智能装备")

    fixed: list[tuple[dict, int, int, float]] = []  # (row, kind, trade name, activity)
    fixed.append((dict(
        name=demo["name"], uscc=run.numbers.uscc_code(demo["district"], "9", "1"), kind=EntityKind.COMPANY,
        legal_representative=demo["legal_representative"], district_id=demo["district"],
        zone_id=ref.zones[demo["zone"]].pk, address=demo["address"], industry=demo["industry"],
        established=date(*demo["established"]), registered_capital=Decimal(demo["capital"]),
        phone=demo["phone"], org_id=ref.bureau[demo["district"]].pk,
    ), K_COMPANY, trade_index(demo["trade_name"]), 0.0))
    for name, code, address in economy.UNIVERSITIES:
        fixed.append((dict(
            name=name, uscc=run.numbers.uscc_code(code, "1", "2"), kind=EntityKind.UNIVERSITY, district_id=code,
            address=address, industry="P", org_id=ref.bureau[code].pk,
        ), K_UNIVERSITY, -1, 0.0))
    for product in gi.GI_PRODUCTS:
        code = product["district"]
        fixed.append((dict(
            name=product["holder"], uscc=run.numbers.uscc_code(code, "5", "1"), kind=EntityKind.SOCIAL,
            district_id=code, address=factory.address(code, None, True, run.names.surname(rng), False),
            industry="S", established=run.day_in_year(rng.randrange(2003, 2012)), org_id=ref.bureau[code].pk,
            legal_representative=run.names.full(rng), phone=landline(rng),
        ), K_SOCIAL, -1, 0.0))
    pks = writer.insert(MarketEntity, [row for row, *_rest in fixed])
    for pk, (row, kind, trade, activity) in zip(pks, fixed):
        pool.fixed[row["name"]] = pool.add(pk, row, kind, trade, activity)

    total = run.scale.entities
    progress = Progress(run.say, _("market entities"), total)
    made = 0
    while made < total:
        batch = [factory.make() for _i in range(min(writer.batch_size, total - made))]
        pks = writer.insert(MarketEntity, [row for row, *_rest in batch])
        for pk, (row, kind, trade, activity, crop) in zip(pks, batch):
            pool.add(pk, row, kind, trade, activity, crop)
        made += len(batch)
        progress.advance(len(batch))
    progress.finish()
    return pool
