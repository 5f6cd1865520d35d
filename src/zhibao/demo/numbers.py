"""Official-looking numbers for demo records, each unique and in its real format.

- Patent (application) numbers: ZL + year + type digit (1 invention, 2 utility model,
  3 design) + 7-digit serial + "." + check character. The check character is CNIPA's:
  weights 2,3,4,5,6,7,8,9,2,3,4,5 over the 12 digits (2..9 over the 8 digits of numbers
  before October 2003), sum mod 11, 10 written X (`zhibao.registry.codes.patent_check_digit`).
- Trademark registration numbers: 8 digits, growing with the filing year as CNIPA's do.
- Copyright registration numbers: 陕作登字-2023-F-00012345 (Shaanxi copyright office),
  国作登字-2023-F-00123456 (national), 2023SR0123456 (computer software).
- Plant variety right numbers: CNA + year + 4-digit serial + "." + check character (the
  same mod-11 scheme as old 8-digit patent numbers, e.g. the published CNA20080376.X).

Unique numbers are drawn without a registry of used ones: a `Permutation` maps the k-th
draw for a key (e.g. invention patents filed in 2021) to a scattered serial, so numbers
look random but never repeat, and memory stays constant at any scale.
"""
import math
import random
from bisect import bisect_right

from zhibao.registry.codes import make_uscc, patent_check_digit

PATENT_TYPE_DIGIT = {"invention": "1", "utility": "2", "design": "3"}

# Approximate yearly filings at CNIPA (thousands) per type, used as the serial range of a year
# so that serials have realistic magnitudes. Interpolated between the years given.
_PATENT_VOLUME = {
    "invention": {2003: 105, 2005: 173, 2008: 290, 2010: 391, 2012: 653, 2014: 928, 2016: 1339, 2018: 1542,
                  2020: 1497, 2022: 1619, 2024: 1800, 2026: 1900},
    "utility": {2003: 110, 2005: 139, 2008: 226, 2010: 409, 2012: 740, 2014: 868, 2016: 1476, 2018: 2072,
                2020: 2927, 2022: 2950, 2024: 3000, 2026: 3000},
    "design": {2003: 77, 2005: 163, 2008: 312, 2010: 620, 2012: 658, 2014: 565, 2016: 650, 2018: 709,
               2020: 770, 2022: 800, 2024: 900, 2026: 900},
}

# Computer software registrations per year (thousands, approximate), the serial range of 2023SR0123456.
_SOFTWARE_VOLUME = {2010: 82, 2012: 139, 2014: 219, 2016: 408, 2018: 1105, 2020: 1724, 2022: 1835, 2024: 2300,
                    2026: 2500}

# Trademark registration numbers by filing year (first and last number, approximate).
TRADEMARK_RANGES: dict[int, tuple[int, int]] = {
    2012: (10_000_000, 11_999_999), 2013: (12_000_000, 13_999_999), 2014: (14_000_000, 15_999_999),
    2015: (16_000_000, 18_999_999), 2016: (19_000_000, 22_999_999), 2017: (23_000_000, 28_999_999),
    2018: (29_000_000, 35_999_999), 2019: (36_000_000, 43_999_999), 2020: (44_000_000, 52_999_999),
    2021: (53_000_000, 61_999_999), 2022: (62_000_000, 69_999_999), 2023: (70_000_000, 75_999_999),
    2024: (76_000_000, 80_999_999), 2025: (81_000_000, 85_999_999), 2026: (86_000_000, 89_999_999),
}

USCC_SPACE = 31 ** 8  # organization-code serials that registry.codes.make_uscc encodes


class Permutation:
    """k ↦ lo + (a·k + b) mod n: a bijection of 0..n-1 onto [lo, lo+n), scattered by a and b."""

    def __init__(self, lo: int, n: int, seed: str):
        rng = random.Random(seed)
        self.lo, self.n = lo, n
        a = rng.randrange(max(2, n // 3), max(3, n))
        while math.gcd(a, n) != 1:
            a += 1
        self.a, self.b = a % n or 1, rng.randrange(n)

    def __call__(self, k: int) -> int:
        if k >= self.n:
            raise OverflowError("number range exhausted")
        return self.lo + (self.a * k + self.b) % self.n


class Allocator:
    """Unique values per key, with values reserved in advance (e.g. the demo enterprise's)."""

    def __init__(self, seed: int, name: str, bounds):
        self.seed, self.name, self.bounds = seed, name, bounds
        self.perms: dict = {}
        self.counts: dict = {}
        self.reserved: dict = {}

    def reserve(self, key, value: int) -> None:
        self.reserved.setdefault(key, set()).add(value)

    def next(self, key, accept=None) -> int:
        perm = self.perms.get(key)
        if perm is None:
            lo, hi = self.bounds(key)
            perm = self.perms[key] = Permutation(lo, hi - lo + 1, f"{self.seed}:{self.name}:{key}")
        reserved = self.reserved.get(key, ())
        while True:
            k = self.counts.get(key, 0)
            self.counts[key] = k + 1
            value = perm(k)
            if value not in reserved and (accept is None or accept(value)):
                return value


def patent_volume(kind: str, year: int) -> int:
    """Approximate number of applications of a type filed in a year (the serial range)."""
    return _interpolate(_PATENT_VOLUME[kind], year)


def software_volume(year: int) -> int:
    return _interpolate(_SOFTWARE_VOLUME, year)


def _interpolate(table: dict[int, int], year: int) -> int:
    years = sorted(table)
    if year <= years[0]:
        return table[years[0]] * 1000
    if year >= years[-1]:
        return table[years[-1]] * 1000
    i = bisect_right(years, year)
    y0, y1 = years[i - 1], years[i]
    share = (year - y0) / (y1 - y0)
    return int((table[y0] + (table[y1] - table[y0]) * share) * 1000)


def patent_number(kind: str, year: int, serial: int) -> str:
    """ZL + the 12-digit application number + "." + check character (the registry's canonical form)."""
    digits = f"{year:04d}{PATENT_TYPE_DIGIT[kind]}{serial:07d}"
    return f"ZL{digits}.{patent_check_digit(digits)}"


def is_valid_patent_number(number: str) -> bool:
    """Format and check character of an application or patent number (8 or 12 digits)."""
    body = number.upper().removeprefix("ZL").removeprefix("CN")
    digits, dot, check = body.partition(".")
    if not dot or len(digits) not in (8, 12) or not digits.isdigit() or len(check) != 1:
        return False
    return patent_check_digit(digits) == check


class Numbers:
    """All number sequences of one demo run."""

    def __init__(self, seed: int):
        self.patents = Allocator(seed, "patent", lambda key: (1, patent_volume(key[0], key[1]) - 1))
        self.trademarks = Allocator(seed, "trademark", lambda year: TRADEMARK_RANGES[year])
        self.works = Allocator(seed, "work", lambda key: (1, 199_999 if key[0] == "陕" else 1_999_999))
        self.software = Allocator(seed, "software", lambda year: (1, software_volume(year) - 1))
        self.varieties = Allocator(seed, "variety", lambda year: (1, 1_999))
        self.uscc = Allocator(seed, "uscc", lambda key: (0, USCC_SPACE - 1))

    def patent(self, kind: str, year: int) -> str:
        return patent_number(kind, year, self.patents.next((kind, year)))

    def reserve_patent(self, kind: str, year: int, serial: int) -> str:
        self.patents.reserve((kind, year), serial)
        return patent_number(kind, year, serial)

    def trademark(self, year: int) -> str:
        return str(self.trademarks.next(max(2012, min(year, 2026))))

    def reserve_trademark(self, number: int) -> str:
        year = next(y for y, (lo, hi) in TRADEMARK_RANGES.items() if lo <= number <= hi)
        self.trademarks.reserve(year, number)
        return str(number)

    def work(self, national: bool, year: int, category: str) -> str:
        prefix = "国" if national else "陕"
        serial = self.works.next((prefix, year, category))
        return f"{prefix}作登字-{year}-{category}-{serial:08d}"

    def software_copyright(self, year: int) -> str:
        return f"{year}SR{self.software.next(year):07d}"

    def plant_variety(self, year: int) -> str:
        # The registry's format check accepts only a digit after the dot; skip serials whose
        # check character would be X.
        serial = self.varieties.next(year, accept=lambda s: patent_check_digit(f"{year}{s:04d}") != "X")
        digits = f"{year}{serial:04d}"
        return f"CNA{digits}.{patent_check_digit(digits)}"

    def uscc_code(self, region: str, authority: str, kind: str) -> str:
        """A valid USCC. `make_uscc` keeps only the 8 leading base-31 digits of its serial, so
        the serial is passed multiplied by 31 to keep codes unique."""
        serial = self.uscc.next("all")
        return make_uscc(region, serial * 31, authority=authority, kind=kind)
