"""Related cases: other cases sharing a party (entity or person), an IP right, an address
(of a place, or of a party) or a phone with this one, each with the reasons.

A value found in more than `max_cases()` cases links nearly everything (a platform's
address, a hotline phone, the big trademark owner of the city); such values are left out
and listed as such, as MISP learned to do with its correlations. The cut-off is the
setting ZHIBAO_CASE_LINK_MAX_CASES (default 50).

Every lookup is an equality on an index (migration 0004, and the party and right indexes),
counting at most cut-off + 1 cases per value, so the work does not grow with the number of
cases. Only cases the user may see are returned.
"""
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zhibao.accounts.roles import Perm
from zhibao.accounts.scope import visible
from zhibao.registry import masking

from .models import Case, CaseRight, Party, Place

DEFAULT_MAX_CASES = 50


def max_cases() -> int:
    """Values found in more cases than this are too common to link by."""
    return int(getattr(settings, "ZHIBAO_CASE_LINK_MAX_CASES", DEFAULT_MAX_CASES))


@dataclass
class Related:
    case: Case
    reasons: list[str] = field(default_factory=list)


@dataclass
class Links:
    cases: list[Related]
    too_common: list[str]  # values left out, with how they were found


def _values(case: Case, user, full: bool = False) -> list[tuple[str, QuerySet]]:
    """(reason, case ids sharing it) for everything this case is linked by. A person's name,
    phone and address are masked unless `full` (a logged full view) and the user may see them."""
    full = full and user.has_perm(Perm.PERSON_VIEW_FULL)
    shown = {"name": (lambda v: v) if full else masking.name,
             "phone": (lambda v: v) if full else masking.phone,
             "address": (lambda v: v) if full else masking.address}
    out: list[tuple[str, QuerySet]] = []
    addresses: dict[str, str] = {}
    phones: dict[str, str] = {}
    for party in case.parties.select_related("entity", "person"):
        role = party.get_role_display()
        if party.entity_id:
            entity = party.entity
            out.append((_("same %(role)s %(name)s") % {"role": role, "name": entity.name},
                        Party.objects.filter(entity_id=entity.pk).values("case_id")))
            addresses.setdefault(entity.address.strip(), entity.address.strip())
            phones.setdefault(entity.phone.strip(), entity.phone.strip())
        elif party.person_id:
            person = party.person
            out.append((_("same %(role)s %(name)s") % {"role": role, "name": shown["name"](person.name)},
                        Party.objects.filter(person_id=person.pk).values("case_id")))
            addresses.setdefault(person.address.strip(), shown["address"](person.address.strip()))
            phones.setdefault(person.phone.strip(), shown["phone"](person.phone.strip()))
    for link in case.rights.select_related("right"):
        out.append((_("same right %(number)s") % {"number": link.right.number or link.right.title},
                    CaseRight.objects.filter(right_id=link.right_id).values("case_id")))
    for place in case.places.all():
        addresses.setdefault(place.address.strip(), place.address.strip())
    for address, label in addresses.items():
        if address:
            reason = _("same address %(address)s") % {"address": label}
            out += [(reason, Place.objects.filter(address=address).values("case_id")),
                    (reason, Party.objects.filter(entity__address=address).values("case_id")),
                    (reason, Party.objects.filter(person__address=address).values("case_id"))]
    for phone, label in phones.items():
        if phone:
            reason = _("same phone %(phone)s") % {"phone": label}
            out += [(reason, Party.objects.filter(entity__phone=phone).values("case_id")),
                    (reason, Party.objects.filter(person__phone=phone).values("case_id"))]
    return out


def related(case: Case, user, limit: int = 20, *, full: bool = False) -> Links:
    """Other cases visible to `user` linked to `case`, the most linked first, then the newest.
    `full`: the caller shows this case's persons in full and has logged that view."""
    cap = max_cases()
    reasons: dict[int, list[str]] = {}
    too_common: list[str] = []
    for reason, ids in _values(case, user, full):
        found = set(ids.exclude(case_id=case.pk).order_by().values_list("case_id", flat=True).distinct()[:cap + 1])
        if len(found) > cap:
            if reason not in too_common:
                too_common.append(reason)
            continue
        for case_id in found:
            if reason not in reasons.setdefault(case_id, []):
                reasons[case_id].append(reason)
    for case_id in list(reasons):  # a value too common by one way of finding it is too common
        reasons[case_id] = [r for r in reasons[case_id] if r not in too_common]
        if not reasons[case_id]:
            del reasons[case_id]
    cases = visible(Case.objects.filter(pk__in=list(reasons)), user).select_related("handling_org")
    ordered = sorted(cases, key=lambda c: (-len(reasons[c.pk]), -c.received_on.toordinal(), -c.pk))[:limit]
    return Links([Related(c, reasons[c.pk]) for c in ordered], too_common)
