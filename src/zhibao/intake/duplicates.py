"""Likely duplicates of a report or complaint among recent open intake cases.

Signals: the same respondent (registered entity, USCC, or the same name once normalized), the
same right, a product of nearly the same name (rapidfuzz). A very common respondent (a big
platform named in many cases) would link everything, as MISP learned: candidates are capped
and ranked by how many signals they share, then by how recent they are.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from collections import defaultdict

from rapidfuzz import fuzz

from zhibao.cases.models import Case, CaseRight, Party, PartyRole, Product

INTAKE_PROCEDURES = ("report", "complaint")
WINDOW_DAYS = 180          # "recent": received within this many days before the case
MAX_CANDIDATES = 10
PRODUCT_SIMILARITY = 85    # rapidfuzz ratio (0-100) from which two product names are "the same product"
MAX_SCANNED = 5000         # most recent open intake cases compared by name

USCC_RE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize_name(name: str) -> str:
    """Full-width to half-width, lower case, without spaces and punctuation: 「西安 秦川（有限）公司」 = 「西安秦川有限公司」."""
    return _DROP.sub("", unicodedata.normalize("NFKC", name or "").lower())


def respondent_keys(parties) -> tuple[set[int], set[str], set[str]]:
    """(entity ids, USCCs, normalized names) of the respondents among `parties` (Party rows)."""
    ids, codes, names = set(), set(), set()
    for p in parties:
        if p.role != PartyRole.RESPONDENT:
            continue
        if p.entity_id:
            ids.add(p.entity_id)
            codes.add(p.entity.uscc)
            names.add(normalize_name(p.entity.name))
        if p.name:
            names.add(normalize_name(p.name))
        codes.update(USCC_RE.findall((p.note or "").upper()))
    names.discard("")
    return ids, codes, names


def find(case: Case) -> list[dict]:
    """[{case, number, title, received_on, signals: [...]}], most signals first, at most MAX_CANDIDATES."""
    since = case.received_on - datetime.timedelta(days=WINDOW_DAYS)
    pool = (Case.objects.filter(procedure__in=INTAKE_PROCEDURES, closed_on__isnull=True, received_on__gte=since,
                                received_on__lte=case.received_on + datetime.timedelta(days=WINDOW_DAYS))
            .exclude(pk=case.pk))
    ids, codes, names = respondent_keys(case.parties.select_related("entity"))
    right_ids = set(case.rights.values_list("right_id", flat=True))
    products = {normalize_name(n) for n in case.products.values_list("name", flat=True)} - {""}

    signals: dict[int, set[str]] = defaultdict(set)
    recent = pool.order_by("-received_on", "-pk").values_list("pk", flat=True)[:MAX_SCANNED]
    recent_ids = list(recent)
    if ids or codes or names:
        rows = (Party.objects.filter(case_id__in=recent_ids, role=PartyRole.RESPONDENT)
                .values_list("case_id", "entity_id", "entity__uscc", "entity__name", "name", "note"))
        for case_id, entity_id, uscc, entity_name, name, note in rows:
            if entity_id and entity_id in ids:
                signals[case_id].add("respondent_entity")
            their_codes = ({uscc} if uscc else set()) | set(USCC_RE.findall((note or "").upper()))
            if their_codes & codes and not (entity_id and entity_id in ids):
                signals[case_id].add("respondent_uscc")
            their_names = {normalize_name(entity_name or ""), normalize_name(name or "")} - {""}
            if their_names & names and "respondent_entity" not in signals[case_id]:
                signals[case_id].add("respondent_name")
    if right_ids:
        for case_id in CaseRight.objects.filter(case_id__in=recent_ids, right_id__in=right_ids).values_list(
                "case_id", flat=True):
            signals[case_id].add("right")
    if products:
        for case_id, name in Product.objects.filter(case_id__in=recent_ids).values_list("case_id", "name"):
            theirs = normalize_name(name)
            if theirs and max(fuzz.ratio(theirs, mine) for mine in products) >= PRODUCT_SIMILARITY:
                signals[case_id].add("product")
    if not signals:
        return []
    found = {c.pk: c for c in Case.objects.filter(pk__in=signals).only("pk", "number", "title", "received_on")}
    ranked = sorted(found.values(), key=lambda c: (-len(signals[c.pk]), -c.received_on.toordinal(), -c.pk))
    return [{"case": c.pk, "number": c.reference, "title": c.title, "received_on": c.received_on.isoformat(),
             "signals": sorted(signals[c.pk])} for c in ranked[:MAX_CANDIDATES]]
