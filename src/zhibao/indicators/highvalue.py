"""High-value invention patents (indicator 1; design/indicators.md, domain-rules.md §5).

A valid invention patent owned by an entity located in Xi'an is high-value from the first day
one of the five criteria holds:

1. an IPC class of it is in the strategic-emerging-industry concordance (StrategicClass):
   from the grant, or from the day the class entered the concordance;
2. a family member was granted abroad (PatentFact foreign_family): from that grant;
3. maintained for more than 10 years since filing: from the day after the tenth anniversary;
4. a pledge above the threshold in force on the pledge's date (PledgeThreshold): from it;
5. a national S&T award or the China Patent Award (PatentFact award): from the award.

`refresh` stores each such patent once (HighValuePatent) with its district (that of its first
owner entity located in Xi'an), its interval and the reasons, so that the indicator is one
indexed count and each patent shows why it counts. It runs when a fact, a threshold or the
concordance changes, when a patent or its holders are saved (signals.py), and before each
snapshot (which also catches rows written in bulk by imports).
"""
import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Q

from zhibao.registry.choices import HolderRole, RightKind, RightStatus
from zhibao.registry.models import IPRight, RightHolder

from .models import FactKind, HighValuePatent, PatentFact, PledgeThreshold, StrategicClass
from .periods import CITY

ONE_DAY = datetime.timedelta(days=1)
COUNTED_STATUSES = (RightStatus.VALID, RightStatus.EXPIRED)  # expired ones counted up to their expiry


def _symbols(ipc_classes: str) -> list[tuple[str, str]]:
    """(subclass, main group) of each IPC symbol: "G06F 16/30" → ("G06F", "16")."""
    out = []
    for symbol in ipc_classes.replace(";", ",").split(","):
        symbol = symbol.strip().upper().replace(" ", "")
        if len(symbol) >= 4:
            out.append((symbol[:4], symbol[4:].split("/")[0]))
    return out


def _strategic(classes: list[StrategicClass]):
    table = defaultdict(list)
    for row in classes:
        subclass, group = (_symbols(row.ipc) or [("", "")])[0]
        table[subclass].append((group, row))

    def match(ipc_classes: str) -> StrategicClass | None:
        hits = [row for subclass, group in _symbols(ipc_classes)
                for want, row in table.get(subclass, ()) if not want or want == group]
        return min(hits, key=lambda r: r.effective_from) if hits else None
    return match


def _tenth_anniversary(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 10)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 10, day=28)


def evaluate(right, facts: list[PatentFact], strategic, thresholds: list[PledgeThreshold]) -> list[dict]:
    """The criteria `right` meets, each with the day it starts holding."""
    reasons = []
    cls = strategic(right.ipc_classes or "")
    if cls is not None:
        reasons.append({"criterion": 1, "since": max(right.grant_date, cls.effective_from),
                        "detail": f"{cls.ipc} {cls.industry}"})
    by_kind = defaultdict(list)
    for fact in facts:
        by_kind[fact.kind].append(fact)
    if by_kind[FactKind.FOREIGN_FAMILY]:
        fact = min(by_kind[FactKind.FOREIGN_FAMILY], key=lambda f: f.on)
        reasons.append({"criterion": 2, "since": fact.on, "detail": fact.detail})
    if right.application_date:
        reasons.append({"criterion": 3, "since": _tenth_anniversary(right.application_date) + ONE_DAY,
                        "detail": right.application_date.isoformat()})
    for fact in sorted(by_kind[FactKind.PLEDGE], key=lambda f: f.on):
        threshold = next((t for t in thresholds if t.effective_from <= fact.on), None)
        if threshold is not None and fact.amount is not None and fact.amount > threshold.amount:
            reasons.append({"criterion": 4, "since": fact.on, "detail": f"{fact.amount} > {threshold.amount}"})
            break
    if by_kind[FactKind.AWARD]:
        fact = min(by_kind[FactKind.AWARD], key=lambda f: f.on)
        reasons.append({"criterion": 5, "since": fact.on, "detail": fact.detail})
    return reasons


def candidates(right_ids=None):
    qs = IPRight.objects.filter(kind=RightKind.INVENTION, status__in=COUNTED_STATUSES, grant_date__isnull=False)
    return qs.filter(pk__in=right_ids) if right_ids is not None else qs


def _owner_districts(right_ids=None) -> dict[int, str]:
    """Right → district of its first owner entity located in Xi'an."""
    qs = RightHolder.objects.filter(role=HolderRole.OWNER, entity__district__parent_id=CITY,
                                    right__kind=RightKind.INVENTION)
    if right_ids is not None:
        qs = qs.filter(right_id__in=right_ids)
    out = {}
    for right_id, district in qs.order_by("-pk").values_list("right_id", "entity__district_id").iterator(
            chunk_size=10000):
        out[right_id] = district
    return out


@transaction.atomic
def refresh(right_ids=None, batch: int = 5000) -> int:
    """Recompute the high-value patents (all of them, or those of `right_ids`); returns how many there are."""
    right_ids = list(right_ids) if right_ids is not None else None
    owners = _owner_districts(right_ids)
    today = datetime.date.today()
    strategic = _strategic(list(StrategicClass.objects.filter(Q(effective_to__isnull=True)
                                                              | Q(effective_to__gte=today))))
    thresholds = list(PledgeThreshold.objects.order_by("-effective_from"))
    facts = defaultdict(list)
    fact_qs = PatentFact.objects.all() if right_ids is None else PatentFact.objects.filter(right_id__in=right_ids)
    for fact in fact_qs.iterator(chunk_size=10000):
        facts[fact.right_id].append(fact)
    rows = []
    for right in candidates(right_ids).only("pk", "grant_date", "expiry_date", "application_date",
                                            "ipc_classes").iterator(chunk_size=10000):
        district = owners.get(right.pk)
        if district is None:
            continue
        reasons = evaluate(right, facts.get(right.pk, ()), strategic, thresholds)
        if not reasons:
            continue
        start = max(right.grant_date, min(r["since"] for r in reasons))
        if right.expiry_date is not None and start > right.expiry_date:
            continue
        rows.append(HighValuePatent(right_id=right.pk, district_id=district, valid_from=start,
                                    valid_to=right.expiry_date,
                                    reasons=[{**r, "since": r["since"].isoformat()} for r in reasons]))
    old = HighValuePatent.objects.all()
    (old if right_ids is None else old.filter(right_id__in=right_ids)).delete()
    HighValuePatent.objects.bulk_create(rows, batch_size=batch)
    return len(rows)
