"""Demo case history: about 18 months of every procedure, as of the demo's date.

    zhibao demo --scale small            # ~1,500 cases with the rest of the demo city
    zhibao demo --scale city --only cases  # 1,000,000 cases added to a loaded city

A contributor of `zhibao demo` (see demo/build.py): `generate(rng, scale, *, as_of, writer,
say)` writes through the demo writer, so `--reset` removes the rows again, in the order of
DEMO_MODELS. Each case follows a story of its procedure (stories.py): it is received on a day
of the 18 months and takes its steps on later days, as long as they fall on or before `as_of`;
so old cases are closed and recent ones wait at every stage, with clocks running, paused,
extended, due soon or overdue. Most steps come before their time limit ends (the closure
rates within the limit land around 90-97 %), a few after.

The cases are drafted in memory and written in bulk (bulk.py), row for row what the engine
would write; tests/cases/test_demo.py replays drafts through the engine to prove it.
Parties, rights and handling bodies come from the registry; the officers are the demo
accounts (officer, yanta, centre, mediator, workstation, police) and generated colleagues of
each body, so every demo account has a worklist.
"""
from __future__ import annotations

import datetime
import random
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from faker.providers.person.zh_CN import Provider as FakerPerson

from zhibao.accounts.models import User
from zhibao.accounts.roles import Role, Scope
from zhibao.demo.data.organizations import CITY_CENTRE, CITY_COURT, CITY_IP_ADMIN, CITY_MEDIATION, district_bureau
from zhibao.demo.writer import Progress
from zhibao.registry.choices import RightKind, RightStatus
from zhibao.registry.models import IPRight, MarketEntity, Organization, Person

from . import stories
from .bulk import Book
from .models import Assignment, Case, CaseDocument, CaseRight, CaseSequence, Clock, Event, Party, Reminder

# Deletion order for a reset: rows that point to cases first (Case.origin is cleared first by the reset).
DEMO_MODELS = (Event, Clock, CaseDocument, CaseRight, Party, Assignment, Case, CaseSequence)
# Rows Zhibao derives from demo cases after the load (`zhibao remind`): deleted with them by a reset.
DERIVED = ((Reminder, "case", Case),)


@dataclass(frozen=True)
class Scale:
    cases: int                 # cases opened directly; spawned ones come on top (about 12 %)
    officers_per_bureau: int
    city_officers: int
    centre_officers: int
    mediators: int
    court_liaisons: int
    batch: int


SCALES = {
    "small": Scale(cases=1_350, officers_per_bureau=2, city_officers=3, centre_officers=1, mediators=1,
                   court_liaisons=1, batch=2_000),
    "city": Scale(cases=890_000, officers_per_bureau=14, city_officers=40, centre_officers=12, mediators=12,
                  court_liaisons=16, batch=5_000),
}
MONTHS_OF_HISTORY = 18
GENERATED_PASSWORD = "!demo-officer"   # unusable: generated colleagues do not sign in
IP_COURT = "西安知识产权法庭"
COURT_NUMBER = re.compile(r"（(?P<year>\d{4})）(?P<prefix>\D+\d+\D+)(?P<n>\d+)号")
CHANNELS = {
    "report": ("hotline", "portal", "walk_in"), "complaint": ("hotline", "portal", "walk_in", "online"),
    "enforcement": ("inspection", "transfer"), "adjudication": ("walk_in", "online"),
    "passing_off": ("inspection", "hotline"), "mediation": ("walk_in", "transfer"),
    "assistance": ("walk_in", "online", "portal"), "court": ("other",),
}


def generate(rng: random.Random, scale: str, *, as_of: datetime.date, writer, say=print,
             cases: int | None = None) -> dict[str, int]:
    """`cases` instead of the scale's number (bench/cases.py tells fewer stories and copies them)."""
    size = SCALES[scale]
    if cases is not None:
        size = replace(size, cases=cases)
    cast = Cast.load(rng, size, writer)
    first = as_of - datetime.timedelta(days=round(MONTHS_OF_HISTORY * 30.4))
    days = (as_of - first).days
    # More matters each month (the zone is being built up): received days lean towards recent ones.
    received = sorted(first + datetime.timedelta(days=int(days * rng.random() ** 0.8)) for _ in range(size.cases))
    book = Book()
    progress = Progress(say, "cases", size.cases, every=100_000)
    written = 0
    for start in range(0, size.cases, size.batch):
        for day in received[start:start + size.batch]:
            stories.tell(book, cast, rng, day, as_of)
        written += book.write(writer)
        progress.advance(min(size.batch, size.cases - start))
    book.write_sequences(writer)
    progress.finish()
    say(f"  cases: {written:,} (with those opened by other cases)")
    return {"cases": written}


class Cast:
    """Who takes part: handling bodies and their officers, parties, rights (all from the registry)."""

    def __init__(self, rng):
        self.rng = rng
        self.orgs: dict[str, int] = {}
        self.org_district: dict[int, str | None] = {}
        self.officers: dict[int, list[int]] = defaultdict(list)   # body → its officers' ids
        self.entities: dict[str, list[int]] = defaultdict(list)   # district → entity ids
        self.all_entities: list[int] = []
        self.entity_district: dict[int, str] = {}
        self.names: dict[int, str] = {}
        self.persons: list[int] = []
        self.rights: dict[str, list[tuple[int, str, int | None]]] = defaultdict(list)  # kind → (id, title, holder)
        self.bureaus: list[int] = []
        self.courts: list[int] = []
        self.liaisons: list[int] = []

    @classmethod
    def load(cls, rng, size: Scale, writer) -> Cast:
        cast = cls(rng)
        orgs = dict(Organization.objects.values_list("name", "pk"))
        kinds = dict(Organization.objects.values_list("pk", "kind"))
        cast.orgs = orgs
        cast.org_district = dict(Organization.objects.values_list("pk", "district_id"))
        cast.bureaus = [orgs[district_bureau(code)] for code in _xian_codes() if district_bureau(code) in orgs]
        cast.courts = sorted(pk for pk, kind in kinds.items() if kind == "court")
        cast.court_names = sorted(name for name, pk in orgs.items() if kinds[pk] == "court")
        cast.court_counts = _court_counts()
        cast.org_names = {pk: name for name, pk in orgs.items()}
        cast._officers(size, writer)
        limit = 60_000
        for pk, district, name in MarketEntity.objects.order_by("pk").values_list("pk", "district_id", "name")[:limit]:
            cast.entities[district].append(pk)
            cast.entity_district[pk] = district
            cast.all_entities.append(pk)
            cast.names[pk] = name
        cast.persons = list(Person.objects.order_by("pk").values_list("pk", flat=True)[:5_000])
        for kind in (RightKind.TRADEMARK, RightKind.INVENTION, RightKind.UTILITY, RightKind.DESIGN,
                     RightKind.COPYRIGHT, RightKind.GI):
            rows = (IPRight.objects.filter(kind=kind, status=RightStatus.VALID).order_by("pk", "holders__pk")
                    .values_list("pk", "title", "holders__entity")[:8_000])  # the first holder of co-owned rights
            seen = set()
            for pk, title, holder in rows:
                if pk not in seen:
                    seen.add(pk)
                    cast.rights[kind].append((pk, title, holder))
        for pk, _title, holder in (r for rows in cast.rights.values() for r in rows):
            if holder is not None and holder not in cast.names:
                cast.names[holder] = ""
        missing = [pk for pk, name in cast.names.items() if not name]
        for i in range(0, len(missing), 5_000):
            cast.names.update(MarketEntity.objects.filter(pk__in=missing[i:i + 5_000]).values_list("pk", "name"))
        return cast

    def _officers(self, size: Scale, writer) -> None:
        """The demo accounts where they fit, and generated colleagues for every handling body."""
        accounts = dict(User.objects.filter(username__in=["officer", "yanta", "centre", "mediator", "workstation",
                                                          "police"]).values_list("username", "pk"))
        staff = [(self.orgs[CITY_IP_ADMIN], Role.IP_OFFICER, Scope.ORGANIZATION, size.city_officers, "officer"),
                 (self.orgs[CITY_CENTRE], Role.CENTRE_OFFICER, Scope.ORGANIZATION, size.centre_officers, "centre"),
                 (self.orgs[CITY_MEDIATION], Role.MEDIATOR, Scope.ORGANIZATION, size.mediators, "mediator"),
                 (self.orgs[CITY_COURT], Role.LIAISON, Scope.CITY, size.court_liaisons, "police")]
        staff += [(pk, Role.IP_OFFICER, Scope.ORGANIZATION, size.officers_per_bureau,
                   "yanta" if pk == self.orgs.get(district_bureau("610113")) else None) for pk in self.bureaus]
        names = _Names(self.rng)
        users = []
        # named by the body's place in `staff`, not its primary key: the same seed gives the same names
        for body, (org, role, scope, count, account) in enumerate(staff, 1):
            if account in accounts:
                self.officers[org].append(accounts[account])
            for n in range(1, count + 1):
                users.append(User(username=f"{role.replace('_', '')}{body}-{n:02d}", password=GENERATED_PASSWORD,
                                  full_name=names(), role=role, scope=scope, organization_id=org))
        # colleagues generated by an earlier run (cases added again with --only) are taken as they are
        existing = dict(User.objects.filter(username__in=[u.username for u in users]).values_list("username", "pk"))
        created = User.objects.bulk_create([u for u in users if u.username not in existing])
        writer.record(User, [u.pk for u in created])
        for user in users:
            self.officers[user.organization_id].append(existing.get(user.username, user.pk))
        self.liaisons = self.officers.pop(self.orgs[CITY_COURT])
        workstation = accounts.get("workstation")
        if workstation is not None:
            org = User.objects.filter(pk=workstation).values_list("organization_id", flat=True).get()
            self.officers[org].append(workstation)
            self.orgs["workstation"] = org

    # -------------------------------------------------------------- picking

    def pair(self, org: int) -> list[int]:
        """Two officers of the body (the first leads): filing needs at least two."""
        pool = self.officers[org]
        return self.rng.sample(pool, 2) if len(pool) >= 2 else list(pool)

    def one(self, org: int) -> list[int]:
        return [self.rng.choice(self.officers[org])]

    def entity(self, district: str | None = None) -> int:
        pool = self.entities.get(district) or self.all_entities
        return self.rng.choice(pool)

    def right(self, *kinds: str) -> tuple[int, str, int | None, str]:
        kind = self.rng.choice([k for k in kinds if self.rights.get(k)])
        pk, title, holder = self.rng.choice(self.rights[kind])
        return pk, title, holder, kind

    def name(self, entity: int | None) -> str:
        return self.names.get(entity, "") if entity else ""

    def district_of(self, org: int) -> str | None:
        return self.org_district.get(org)

    def body(self, procedure: str) -> int:
        """The handling body: district bureaus and the city administration, the centre, courts..."""
        rng, city = self.rng, self.orgs[CITY_IP_ADMIN]
        share_city = {"report": 0.4, "complaint": 0.2, "enforcement": 0.25, "passing_off": 0.5}
        if procedure in share_city:
            return city if rng.random() < share_city[procedure] else rng.choice(self.bureaus)
        if procedure == "adjudication":
            return city
        if procedure == "mediation":
            return self.orgs[CITY_MEDIATION]
        if procedure == "assistance":
            return self.orgs["workstation"] if "workstation" in self.orgs and rng.random() < 0.15 \
                else self.orgs[CITY_CENTRE]
        return self.orgs[IP_COURT] if rng.random() < 0.4 else rng.choice(self.courts)

    def crew(self, procedure: str, org: int) -> list[int]:
        if procedure == "court":
            return [self.rng.choice(self.liaisons)]
        if procedure in ("mediation", "assistance"):
            return [self.rng.choice(self.officers[org])]
        return self.pair(org)

    def channel(self, procedure: str) -> str:
        return self.rng.choice(CHANNELS[procedure])

    def court_name(self) -> str:
        return self.rng.choice(self.court_names)

    def court_number(self, org: int, year: int) -> str:
        """（2026）陕01知民初123号: the court's code, counted per code and year."""
        district = self.org_district.get(org) or "610100"
        code = "7101" if "铁路" in self.org_names.get(org, "") else "01" if district == "610100" else district[2:]
        prefix = f"陕{code}知民初" if len(code) == 2 else f"陕{code}民初"
        key = (prefix, year)
        self.court_counts[key] = self.court_counts.get(key, 0) + 1
        return f"（{year}）{prefix}{self.court_counts[key]}号"


class _Names:
    def __init__(self, rng):
        self.rng = rng
        self.surnames = list(FakerPerson.last_names.keys())
        self.weights = list(FakerPerson.last_names.values())
        self.given = FakerPerson.first_names_male + FakerPerson.first_names_female

    def __call__(self) -> str:
        return self.rng.choices(self.surnames, self.weights)[0] + self.rng.choice(self.given)


def _court_counts() -> dict[tuple[str, int], int]:
    """The last court number recorded per prefix and year, so that new numbers stay unique."""
    counts: dict[tuple[str, int], int] = {}
    for number in Case.objects.filter(procedure="court").values_list("number", flat=True):
        match = COURT_NUMBER.fullmatch(number or "")
        if match:
            key = (match["prefix"], int(match["year"]))
            counts[key] = max(counts.get(key, 0), int(match["n"]))
    return counts


def _xian_codes() -> list[str]:
    from zhibao.demo.data.divisions import XIAN_DISTRICT_CODES
    return list(XIAN_DISTRICT_CODES)

