"""Natural persons: names, resident ID numbers, phones and home addresses.

Names and mobile prefixes come from Faker's zh_CN tables (surnames with their frequencies,
given-name characters by gender, MIIT mobile prefixes), drawn with the run's own seeded
`random.Random`: calling Faker per value costs ~55 µs, too slow for a city of records.

ID numbers are built by `registry.codes.make_id_number`. python-stdnum also checks that
the region code existed in the year of birth, so the region of a person born before their
district got its code is the district's former code (户县, 高陵县...) or a native place
whose code existed then; every number is valid under `stdnum.cn.ric`.
"""
from array import array
from datetime import date, timedelta

from django.utils.translation import gettext as _
from faker.providers.person.zh_CN import Provider as FakerPerson
from faker.providers.phone_number.zh_CN import Provider as FakerPhone
from stdnum.cn import ric

from zhibao.registry.codes import make_id_number
from zhibao.registry.models import Person

from .data.divisions import DISTRICT_POPULATION_WEIGHTS, FORMER_CODES, XIAN_DISTRICT_CODES, XIAN_DISTRICT_NAMES
from .data.places import AREA_CODE, COMPOUND_SUFFIXES, COMPOUND_WORDS, STREETS, TOWNS
from .random_tools import Weighted
from .writer import Progress

# Native places of people who moved to Xi'an (Shaanxi counties and neighbouring provinces).
NATIVE_PLACES = (
    "610100", "610121", "610323", "610324", "610326", "610327", "610423", "610424", "610425", "610431",
    "610481", "610523", "610526", "610528", "610581", "610722", "611021", "620102", "620502", "410322",
    "410526", "140802", "141002", "411323", "510722", "420102",
)


class Names:
    def __init__(self):
        self.surnames = Weighted(FakerPerson.last_names)
        self.male = FakerPerson.first_names_male
        self.female = FakerPerson.first_names_female

    def surname(self, rng) -> str:
        return self.surnames.pick(rng)

    def given(self, rng, gender: str) -> str:
        chars = self.male if gender == "M" else self.female
        first = rng.choice(chars)
        if len(first) == 1 and rng.random() < 0.62:  # most Chinese given names have two characters
            second = rng.choice(chars)
            if len(second) == 1 and second != first:
                return first + second
        return first

    def full(self, rng, gender: str | None = None, surname: str | None = None) -> str:
        gender = gender or ("M" if rng.random() < 0.52 else "F")
        return (surname or self.surname(rng)) + self.given(rng, gender)


def mobile(rng) -> str:
    return f"{rng.choice(FakerPhone.phonenumber_prefixes)}{rng.randrange(100_000_000):08d}"


def landline(rng) -> str:
    first = rng.choice("8886653")
    return f"{AREA_CODE}-{first}{rng.randrange(10_000_000):07d}"


class IdNumbers:
    """Unique, valid resident ID numbers."""

    def __init__(self, first_year: int, last_year: int):
        self.issued: set[str] = set()
        candidates = set(NATIVE_PLACES) | set(STREETS) | {c for old in FORMER_CODES.values() for c in old}
        self.valid_years = {code: _valid_years(code, first_year, last_year) for code in sorted(candidates)}
        self.natives_by_year = {
            y: [c for c in NATIVE_PLACES if y in self.valid_years[c]] for y in range(first_year, last_year + 1)
        }

    def region(self, rng, district: str, year: int) -> str:
        if rng.random() < 0.7:
            for code in (district, *FORMER_CODES.get(district, ())):
                if year in self.valid_years.get(code, ()):
                    return code
        return rng.choice(self.natives_by_year[year])

    def make(self, rng, district: str, birth: date, gender: str) -> str:
        region = self.region(rng, district, birth.year)
        code = rng.randrange(1, 1000)
        if (code % 2 == 1) != (gender == "M"):  # odd sequence codes are men's
            code = code + 1 if code < 999 else code - 1
        for _attempt in range(500):
            number = make_id_number(region, birth, code - 1)  # make_id_number writes serial % 999 + 1
            if number not in self.issued:
                self.issued.add(number)
                return number
            code = code + 2 if code + 2 <= 999 else (2 if gender == "F" else 1)
        raise RuntimeError("no free ID sequence number")  # 500 people born the same day in one place


def _valid_years(code: str, first: int, last: int) -> range:
    """Years of birth for which python-stdnum accepts `code` in an ID number. The years of a
    code form one span (from its creation to its abolition), found by bisection."""
    def ok(year):
        return ric.is_valid(make_id_number(code, date(year, 7, 1), 1))

    inside = next((y for y in (last, first, 2005, 1995, 1985) if first <= y <= last and ok(y)), None)
    if inside is None:
        return range(0)
    lo, hi = first, inside  # lowest valid year in [lo, hi]
    while lo < hi:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if ok(mid) else (mid + 1, hi)
    start = lo
    lo, hi = inside, last  # highest valid year in [lo, hi]
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if ok(mid) else (lo, mid - 1)
    return range(start, lo + 1)


def birth_date(rng, as_of: date, youngest: int = 18, oldest: int = 75) -> date:
    """Adults, more of working age."""
    age = youngest + int((oldest - youngest) * rng.betavariate(2.0, 2.6))
    day = as_of - timedelta(days=age * 365 + rng.randrange(365))
    return day


def home_address(rng, district_name: str, district: str, surname: str) -> str:
    towns = TOWNS.get(district)
    if towns and rng.random() < 0.55:
        village = f"{surname}家村" if rng.random() < 0.6 else rng.choice(("新村", "东村", "西村", "南村", "北村"))
        return f"西安市{district_name}{rng.choice(towns)}{village}{rng.randrange(1, 13)}组{rng.randrange(1, 90)}号"
    street = rng.choice(STREETS[district])
    compound = rng.choice(COMPOUND_WORDS) + rng.choice(COMPOUND_SUFFIXES)
    return (f"西安市{district_name}{street}{rng.randrange(1, 300)}号{compound}"
            f"{rng.randrange(1, 30)}号楼{rng.randrange(1, 6)}单元{rng.randrange(1, 33)}{rng.randrange(1, 5):02d}室")


class PersonPool:
    """Ids and districts of the generated persons, in insertion order."""

    def __init__(self):
        self.ids = array("q")
        self.district = array("B")


def load_persons(run) -> PersonPool:
    rng, writer, names = run.rng, run.writer, run.names
    districts = Weighted(DISTRICT_POPULATION_WEIGHTS)
    ids = IdNumbers(run.as_of.year - 80, run.as_of.year - 17)
    pool = PersonPool()
    total = run.scale.persons
    progress = Progress(run.say, _("persons"), total)
    made = 0
    while made < total:
        batch = []
        for _i in range(min(writer.batch_size, total - made)):
            district = districts.pick(rng)
            gender = "M" if rng.random() < 0.51 else "F"
            surname = names.surname(rng)
            born = birth_date(rng, run.as_of)
            batch.append(dict(
                name=surname + names.given(rng, gender), id_number=ids.make(rng, district, born, gender),
                gender=gender, birth_date=born, phone=mobile(rng),
                address=home_address(rng, XIAN_DISTRICT_NAMES[district], district, surname),
                district_id=district,
            ))
        pks = writer.insert(Person, batch)
        for pk, person in zip(pks, batch):
            pool.ids.append(pk)
            pool.district.append(XIAN_DISTRICT_CODES.index(person["district_id"]))
        made += len(batch)
        progress.advance(len(batch))
    progress.finish()
    return pool
