"""IP rights and their holders: patents, trademarks, copyrights, plant varieties, GIs.

Holders are drawn in proportion to a weight per entity (industry, kind, whether it sits in a
high-tech zone, and a heavy-tailed activity factor), so that, as in a real city, most
entities hold nothing and a few hold many. Universities take a fixed share of patents;
natural persons hold some patents, marks and many works.

Dates follow the law:
- a patent's term runs from its application date: 20 years for inventions, 10 for utility
  models, 10 for designs filed before 2021-06-01 and 15 after (Patent Law, 2020 amendment,
  Art. 42); it ends the day before the anniversary. A granted patent may lapse earlier when
  annual fees are not paid (status expired, with the date in the description);
- a trademark is valid 10 years from registration and may be renewed for 10 more
  (Trademark Law Arts. 39, 40);
- works and software of legal persons are protected until 31 December of the 50th year
  after first publication (Copyright Law Art. 23); for natural persons the term depends on
  the author's death, so no expiry date is set;
- plant varieties: 20 years from grant for vines and fruit trees, 15 for others.
"""
from array import array
from datetime import date, timedelta

from django.utils.translation import gettext as _

from zhibao.registry.choices import HolderRole, RightKind, RightStatus
from zhibao.registry.models import GIAuthorization, IPRight, RightHolder

from .data import economy, gi, technology, words
from .entities import (
    DISTRICT_CODES, INDUSTRIES, K_COMPANY, K_COOP, K_INDIVIDUAL, K_UNIVERSITY, trade_name,
)
from .random_tools import Weighted, pick_index, year_weights
from .writer import Progress

DESIGN_15_YEARS_FROM = date(2021, 6, 1)

# Weight of an entity as holder of each kind of right, by industry (GB/T 4754 section).
_PATENT = dict(A=1.5, B=1, C=10, D=3, E=2, F=0.4, G=0.5, H=0.2, I=6, J=0.05, K=0.2, L=0.4, M=8, N=3, O=0.1,
               P=1, Q=3, R=0.5)
_DESIGN = dict(A=2, C=6, F=3, H=1.5, I=1, L=1, M=1, R=4)
_TRADEMARK = dict(A=2, B=0.5, C=5, D=0.5, E=1, F=5, G=1, H=5, I=3, J=1, K=1, L=3, M=2, N=1, O=2, P=2, Q=2, R=3)
_SOFTWARE = dict(C=1.5, E=0.3, F=0.5, G=0.5, I=10, L=2, M=4, P=2, Q=0.5, R=2)
_WORKS = dict(A=0.5, F=0.5, H=0.5, I=1, L=4, P=3, R=10)
_KIND_FACTOR = {
    "patent": {K_COMPANY: 1.0, K_INDIVIDUAL: 0.02, K_COOP: 0.3},
    "design": {K_COMPANY: 1.0, K_INDIVIDUAL: 0.1, K_COOP: 0.5},
    "trademark": {K_COMPANY: 1.0, K_INDIVIDUAL: 0.35, K_COOP: 0.8},
    "software": {K_COMPANY: 1.0},
    "works": {K_COMPANY: 1.0, K_INDIVIDUAL: 0.2, K_COOP: 0.1},
}
_TABLES = {"patent": _PATENT, "design": _DESIGN, "trademark": _TRADEMARK, "software": _SOFTWARE, "works": _WORKS}

# Shares held by universities and by natural persons, per kind.
UNIVERSITY_SHARE = {"invention": 0.25, "utility": 0.08, "design": 0.01, "software": 0.04}
PERSON_SHARE = {"invention": 0.03, "utility": 0.08, "design": 0.10, "trademark": 0.03, "works": 0.40,
                "software": 0.05}
UNIVERSITY_WEIGHTS = {"西安交通大学": 10, "西北工业大学": 9, "西安电子科技大学": 9, "西北大学": 4, "长安大学": 4,
                      "西安理工大学": 4, "西安建筑科技大学": 3, "西安科技大学": 3, "陕西师范大学": 2,
                      "西安石油大学": 2, "西安工业大学": 2, "西安邮电大学": 2, "西安工程大学": 2}
# Yearly growth of filings, to weight application years.
GROWTH = {"invention": 1.08, "utility": 1.10, "design": 1.04, "trademark": 1.08, "software": 1.15,
          "works": 1.10, "plant_variety": 1.06}
FIRST_YEAR = {"invention": 2004, "utility": 2004, "design": 2004, "trademark": 2012, "software": 2010,
              "works": 2012, "plant_variety": 2008}


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def patent_term_end(kind: str, filed: date) -> date:
    years = {"invention": 20, "utility": 10}.get(kind) or (15 if filed >= DESIGN_15_YEARS_FROM else 10)
    return add_years(filed, years) - timedelta(days=1)


class Holders:
    """Weighted draws of holders from the entity pool and the persons."""

    def __init__(self, run, pool, persons):
        self.run, self.pool, self.persons = run, pool, persons
        self.cum: dict[str, array] = {}
        for key, table in _TABLES.items():
            factors = _KIND_FACTOR[key]
            cum, total = array("d"), 0.0
            for i in range(len(pool)):
                industry = INDUSTRIES[pool.industry[i]]
                weight = table.get(industry, 0.0) * factors.get(pool.kind[i], 0.0) * pool.activity[i]
                if pool.tech_zone[i]:
                    weight *= 2.5
                total += weight
                cum.append(total)
            self.cum[key] = cum
        self.universities = Weighted({pool.fixed[name]: w for name, w in UNIVERSITY_WEIGHTS.items()})

    def entity(self, key: str) -> int:
        cum = self.cum[key]
        if not cum or cum[-1] <= 0:  # no entity of a fitting industry (tiny runs)
            return self.university()
        return pick_index(cum, cum[-1], self.run.rng)

    def university(self) -> int:
        return self.universities.pick(self.run.rng)

    def person(self) -> int:
        return self.run.rng.randrange(len(self.persons.ids))


class RightFactory:
    def __init__(self, run, pool, persons):
        self.run, self.rng, self.pool, self.persons = run, run.rng, pool, persons
        self.holders = Holders(run, pool, persons)
        self.fields = {ind: Weighted(pairs) for ind, pairs in technology.INDUSTRY_FIELDS.items()}
        self.nice = {ind: Weighted(pairs) for ind, pairs in technology.NICE_BY_INDUSTRY.items()}
        self.work_categories = Weighted(technology.WORK_CATEGORY_WEIGHTS)
        self.year_tables: dict = {}
        self.growers = sorted(p for positions in pool.growers.values() for p in positions)

    # -- helpers ---------------------------------------------------------------------------
    def filing_year(self, kind: str, earliest: int) -> int:
        last = self.run.as_of.year
        first = min(max(FIRST_YEAR[kind], earliest), last)
        table = self.year_tables.get((kind, first))
        if table is None:
            table = self.year_tables[(kind, first)] = Weighted(year_weights(first, self.run.as_of, GROWTH[kind]))
        return table.pick(self.rng)

    def after(self, day: date, low: int, high: int) -> date:
        return day + timedelta(days=self.rng.randint(low, high))

    def where(self, holder) -> tuple:
        """District and supervising bureau of a holder ("e", position) or ("p", position)."""
        ref = self.run.ref
        kind, position = holder
        code = DISTRICT_CODES[self.pool.district[position] if kind == "e" else self.persons.district[position]]
        return ref.districts[code], ref.bureau[code]

    def holder_year(self, holder) -> int:
        kind, position = holder
        return self.pool.year[position] if kind == "e" else 2000

    def industry(self, holder) -> str:
        kind, position = holder
        if kind != "e" or self.pool.kind[position] == K_UNIVERSITY:
            return "*"
        return INDUSTRIES[self.pool.industry[position]]

    def primary(self, right_kind: str, weight_key: str):
        roll = self.rng.random()
        university = UNIVERSITY_SHARE.get(right_kind, 0.0)
        if roll < university:
            return ("e", self.holders.university())
        if roll < university + PERSON_SHARE.get(right_kind, 0.0):
            return ("p", self.holders.person())
        return ("e", self.holders.entity(weight_key))

    def new_right(self, kind, number, title, holder, **fields) -> dict:
        """The field values of an IPRight, located where its (first) holder is."""
        district, bureau = self.where(holder)
        return dict(kind=kind, number=number, title=title[:200], district_id=district.pk, org_id=bureau.pk, **fields)

    # -- patents ---------------------------------------------------------------------------
    def ipc(self, industry: str) -> tuple[str, dict]:
        field_key = self.fields.get(industry, self.fields["*"]).pick(self.rng)
        field_data = technology.FIELDS[field_key]
        groups = self.rng.sample(field_data["ipc"], k=min(len(field_data["ipc"]), self.rng.choice((1, 1, 2, 2, 3))))
        return "; ".join(groups), field_data

    def patent_title(self, kind: str, field_data: dict) -> str:
        rng = self.rng
        qualifier = rng.choice(technology.QUALIFIERS)
        if kind == "invention" and rng.random() < 0.55:
            return f"一种{qualifier}{rng.choice(field_data['methods'])}{rng.choice(technology.INVENTION_METHOD_HEADS)}"
        product = rng.choice(field_data["products"])
        if kind == "invention" and rng.random() < 0.3:
            return f"一种{qualifier}{product}及其控制方法"
        return f"一种{qualifier}{product}"

    def patent_dates(self, kind: str, filed: date) -> dict:
        rng, as_of = self.rng, self.run.as_of
        delay = {"invention": (420, 1150), "utility": (120, 360), "design": (90, 240)}[kind]
        granted = self.after(filed, *delay)
        term_end = patent_term_end(kind, filed)
        fields = dict(application_date=filed, expiry_date=term_end, description="")
        if granted > as_of:
            fields.update(status=RightStatus.PENDING, grant_date=None)  # still in examination
            return fields
        fields["grant_date"] = granted
        if term_end < as_of:
            fields["status"] = RightStatus.EXPIRED
            return fields
        age = (as_of - filed).days / 365.25
        lapse_chance = {"invention": 0.03, "utility": 0.07, "design": 0.08}[kind] * max(age - 2, 0)
        if rng.random() < min(lapse_chance, 0.6):
            lapsed = self.after(granted, 200, max(201, (min(term_end, as_of) - granted).days))
            if lapsed < as_of:
                fields["status"] = RightStatus.EXPIRED
                fields["description"] = f"专利权因未缴纳年费于{lapsed:%Y-%m-%d}终止。"
                return fields
        if rng.random() < 0.004:
            fields["status"] = RightStatus.INVALIDATED
            fields["description"] = "专利权经无效宣告请求审查被宣告全部无效。"
            return fields
        fields["status"] = RightStatus.VALID
        return fields

    def patent(self, kind: str):
        weight_key = "design" if kind == "design" else "patent"
        holder = self.primary(kind, weight_key)
        filed = self.run.day_in_year(self.filing_year(kind, self.holder_year(holder)))
        dates = self.patent_dates(kind, filed)
        if kind == "design":
            title, locarno = self.rng.choice(technology.DESIGNS)
            ipc = ""
            dates["description"] = (f"洛迦诺分类号：{locarno}。" + dates["description"]).strip()
        else:
            ipc, field_data = self.ipc(self.industry(holder))
            title = self.patent_title(kind, field_data)
        right = self.new_right(kind, self.run.numbers.patent(kind, filed.year), title, holder, ipc_classes=ipc,
                               **dates)
        holders = [holder]
        if holder[0] == "e" and self.rng.random() < {"invention": 0.10, "utility": 0.05}.get(kind, 0.02):
            other = ("e", self.holders.university() if self.rng.random() < 0.5 else self.holders.entity("patent"))
            if other != holder:
                holders.append(other)
        return right, holders

    # -- trademarks ------------------------------------------------------------------------
    def brand(self, holder) -> str:
        from pypinyin import lazy_pinyin  # imported on first use: ~50 MB, not needed by `--if-empty`

        rng = self.rng
        kind, position = holder
        trade = self.pool.trade[position] if kind == "e" else -1
        roll = rng.random()
        if trade >= 0 and roll < 0.5:
            name = trade_name(trade)
            return name + rng.choice(words.BRAND_SUFFIXES) if roll < 0.4 else "".join(lazy_pinyin(name)).upper()
        if roll < 0.58:
            return "".join(lazy_pinyin(rng.choice(words.BRAND_WORDS))).upper()
        first = rng.choice(words.BRAND_WORDS)
        return first + (rng.choice(words.BRAND_WORDS) if rng.random() < 0.3 else rng.choice(words.BRAND_SUFFIXES))

    def trademark(self):
        rng, as_of = self.rng, self.run.as_of
        holder = self.primary("trademark", "trademark")
        industry = self.industry(holder)
        nice = self.nice.get(industry, self.nice["*"])
        classes = {nice.pick(rng)}
        if rng.random() < 0.1:
            classes.add(nice.pick(rng))
        filed = self.run.day_in_year(self.filing_year("trademark", self.holder_year(holder)))
        registered = self.after(filed, 180 if filed.year >= 2019 else 270, 330 if filed.year >= 2019 else 480)
        fields = dict(application_date=filed, nice_classes=",".join(str(c) for c in sorted(classes)))
        if registered > as_of:
            fields.update(status=RightStatus.PENDING)
        else:
            expiry = add_years(registered, 10) - timedelta(days=1)
            fields.update(grant_date=registered, expiry_date=expiry, status=RightStatus.VALID)
            if expiry < as_of:
                if rng.random() < 0.75:
                    renewed = add_years(expiry, 10)
                    fields.update(expiry_date=renewed, description=f"已续展注册，有效期至{renewed:%Y-%m-%d}。")
                else:
                    fields.update(status=RightStatus.EXPIRED, description="注册有效期满未续展，商标注册已注销。")
            elif rng.random() < 0.015 and registered.year <= as_of.year - 4:
                fields.update(status=RightStatus.INVALIDATED, description="因连续三年不使用被撤销。")
        right = self.new_right(RightKind.TRADEMARK, self.run.numbers.trademark(filed.year), self.brand(holder),
                               holder, **fields)
        return right, [holder]

    # -- copyrights ------------------------------------------------------------------------
    def software(self):
        rng = self.rng
        holder = self.primary("software", "software")
        filed = self.run.day_in_year(self.filing_year("software", self.holder_year(holder)))
        registered = min(self.after(filed, 20, 75), self.run.as_of)
        kind, position = holder
        trade = self.pool.trade[position] if kind == "e" else -1
        prefix = trade_name(trade) if trade >= 0 and rng.random() < 0.7 else ""
        title = f"{prefix}{rng.choice(technology.SOFTWARE_TITLES)}V{rng.choice('1111223')}.{rng.choice('00005')}"
        fields = dict(application_date=filed, grant_date=registered, status=RightStatus.VALID,
                      description="计算机软件著作权登记（中国版权保护中心）。")
        if kind == "e":
            fields["expiry_date"] = date(filed.year + 50, 12, 31)
        number = self.run.numbers.software_copyright(registered.year)
        return self.new_right(RightKind.COPYRIGHT, number, title, holder, **fields), [holder]

    def work(self):
        rng = self.rng
        holder = self.primary("works", "works")
        filed = self.run.day_in_year(self.filing_year("works", self.holder_year(holder)))
        registered = min(self.after(filed, 10, 60), self.run.as_of)
        category = self.work_categories.pick(rng)
        theme, form = rng.choice(technology.WORK_THEMES), rng.choice(technology.WORK_FORMS[category])
        title = f"{theme}{form}" if category in "FG" else f"《{theme}》{form}"
        national = rng.random() < 0.15
        fields = dict(application_date=filed, grant_date=registered, status=RightStatus.VALID,
                      description="作品登记（国家版权局）。" if national else "作品登记（陕西省版权局）。")
        if holder[0] == "e":
            fields["expiry_date"] = date(filed.year + 50, 12, 31)
        number = self.run.numbers.work(national, registered.year, category)
        holders = [holder]
        if holder[0] == "p" and rng.random() < 0.05:
            other = ("p", self.holders.person())
            if other != holder:
                holders.append(other)
        return self.new_right(RightKind.COPYRIGHT, number, title, holder, **fields), holders

    # -- plant varieties -------------------------------------------------------------------
    def plant_variety(self):
        rng = self.rng
        growers = self.growers
        # bred by growers (cooperatives, farming companies) or by individual breeders
        holder = ("e", rng.choice(growers)) if growers and rng.random() < 0.85 else ("p", self.holders.person())
        crop, term = rng.choice(technology.PLANT_CROPS)
        name = (rng.choice(technology.VARIETY_PREFIXES) + rng.choice(technology.VARIETY_MIDDLES)
                + rng.choice(technology.VARIETY_SUFFIXES))
        filed = self.run.day_in_year(self.filing_year("plant_variety", self.holder_year(holder)))
        granted = self.after(filed, 540, 1460)
        fields = dict(application_date=filed, description=f"作物种类：{crop}。")
        if granted > self.run.as_of:
            fields.update(status=RightStatus.PENDING)
        else:
            fields.update(grant_date=granted, expiry_date=add_years(granted, term) - timedelta(days=1),
                          status=RightStatus.VALID)
        number = self.run.numbers.plant_variety(filed.year)
        return self.new_right(RightKind.PLANT_VARIETY, number, f"{name}（{crop}）", holder, **fields), [holder]


def load_rights(run, pool, persons) -> None:
    factory = RightFactory(run, pool, persons)
    writer = run.writer
    _demo_enterprise_rights(run, factory, pool)
    _gi_rights(run, pool)
    scale = run.scale
    plan = [
        (_("invention patents"), scale.inventions, lambda: factory.patent("invention")),
        (_("utility-model patents"), scale.utilities, lambda: factory.patent("utility")),
        (_("design patents"), scale.designs, lambda: factory.patent("design")),
        (_("trademarks"), scale.trademarks, factory.trademark),
        (_("software copyrights"), scale.software, factory.software),
        (_("registered works"), scale.works, factory.work),
        (_("plant varieties"), scale.plant_varieties, factory.plant_variety),
    ]
    for label, total, make in plan:
        progress = Progress(run.say, label, total)
        made = 0
        while made < total:
            batch = [make() for _i in range(min(writer.batch_size, total - made))]
            _save(run, factory, batch)
            made += len(batch)
            progress.advance(len(batch))
        progress.finish()


def _save(run, factory, batch) -> None:
    """Insert rights, then their holders (owner once granted, applicant while pending)."""
    pks = run.writer.insert(IPRight, [right for right, _holders in batch])
    rows = []
    for pk, (right, holders) in zip(pks, batch):
        role = HolderRole.APPLICANT if right["status"] == RightStatus.PENDING else HolderRole.OWNER
        since = right.get("grant_date") or right.get("application_date")
        for kind, position in holders:
            if kind == "e":
                rows.append(dict(right_id=pk, entity_id=factory.pool.ids[position], role=role, since=since))
            else:
                rows.append(dict(right_id=pk, person_id=factory.persons.ids[position], role=role, since=since))
    run.writer.insert(RightHolder, rows)


def _demo_enterprise_rights(run, factory, pool) -> None:
    """The demo enterprise's fixed portfolio, with numbers reserved so no generated right takes them."""
    numbers = run.numbers
    holder = ("e", pool.fixed[economy.DEMO_ENTERPRISE["name"]])
    batch = []
    for kind, year, serial, title, classes in economy.DEMO_ENTERPRISE["rights"]:
        if kind == "trademark":
            filed = date(year, 6, 18)
            registered = factory.after(filed, 300, 420)
            fields = dict(application_date=filed, grant_date=registered, nice_classes=classes,
                          expiry_date=add_years(registered, 10) - timedelta(days=1), status=RightStatus.VALID)
            if fields["expiry_date"] < run.as_of:
                fields["expiry_date"] = add_years(fields["expiry_date"], 10)
                fields["description"] = f"已续展注册，有效期至{fields['expiry_date']:%Y-%m-%d}。"
            right = factory.new_right(RightKind.TRADEMARK, numbers.reserve_trademark(serial), title, holder, **fields)
        else:
            filed = date(year, 3, 9) if kind == "invention" else date(year, 8, 21)
            fields = factory.patent_dates(kind, filed)
            if fields["status"] != RightStatus.PENDING:
                fields.update(status=RightStatus.VALID, description="")
            if kind == "design":
                fields["description"] = f"洛迦诺分类号：{classes}。"
                classes = ""
            right = factory.new_right(kind, numbers.reserve_patent(kind, year, serial), title, holder,
                                      ipc_classes=classes, **fields)
        batch.append((right, [holder]))
    _save(run, factory, batch)


def _gi_rights(run, pool) -> None:
    rng, ref, writer = run.rng, run.ref, run.writer
    users_per_gi = gi.GI_USERS.get(run.scale.name, 6)
    rights, holders, users = [], [], []
    wanted = {(p["district"], p.get("trades", "A")) for p in gi.GI_PRODUCTS}
    companies: dict[tuple[str, str], list[int]] = {key: [] for key in wanted}
    for position in range(len(pool)):
        if pool.kind[position] != K_COMPANY:
            continue
        code, industry = DISTRICT_CODES[pool.district[position]], INDUSTRIES[pool.industry[position]]
        for key in ((code, trades) for c, trades in wanted if c == code and industry in trades):
            companies[key].append(position)
    for product in gi.GI_PRODUCTS:
        code = product["district"]
        number = product["announcement"] or f"GI-{code}-{product['key']}"
        description = product["note"]
        if not product["announcement"]:
            description += "公告编号未核实，编号为演示编号。"
        rights.append(IPRight(
            kind=RightKind.GI, number=number, title=product["title"], status=RightStatus.VALID,
            grant_date=product["approved"], gi_regime=product["regime"], protected_area=product["area"],
            description=description, district=ref.districts[code], org=ref.bureau[code],
        ))
    writer.save(IPRight, rights)
    for product, right in zip(gi.GI_PRODUCTS, rights):
        holders.append(RightHolder(right=right, entity_id=pool.ids[pool.fixed[product["holder"]]],
                                   role=HolderRole.OWNER, since=product["approved"]))
        # cooperatives growing the product first, then companies of the district in its trade
        code, crop = product["district"], product["crop"]
        growers = sorted({p for (d, c), positions in pool.crop_growers.items() if d == code and crop in c
                          for p in positions})
        chosen = rng.sample(growers, k=min(users_per_gi, len(growers)))
        others = companies.get((code, product.get("trades", "A")), [])  # trades "" matches no industry
        chosen += rng.sample(others, k=min(users_per_gi - len(chosen), len(others)))
        first_year = max(product["approved"].year if product["approved"] else 2012, 2012)
        for n, position in enumerate(sorted(chosen), start=1):
            start = run.day_in_year(rng.randrange(max(first_year, pool.year[position]), run.as_of.year + 1))
            users.append(GIAuthorization(
                right=right, entity_id=pool.ids[position], certificate=f"{product['key']}-{start.year}-{n:03d}",
                valid_from=start, valid_until=add_years(start, 3) - timedelta(days=1),
            ))
    writer.save(RightHolder, holders)
    writer.save(GIAuthorization, users)
