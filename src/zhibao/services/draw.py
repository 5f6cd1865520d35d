"""Drawing experts for a case: qualified, available, without conflict, balanced, replayable.

    draw.draw(case, user, role=ExpertRole.INVESTIGATOR, count=2, ipc="B23Q 11/12", on=date(...))
    draw.replay(d) == d.picked        # the same seed and candidates give the same picks
    draw.recuse(pick, user, reason=RecusalReason.CHALLENGE, note="…")   # and draws a replacement

Who is considered. Every expert holding an appointment in the requested role that is valid
on the draw date. Each is then checked, and every reason that keeps them out is recorded:
- not qualified: none of the requested IPC symbols or industries is among their fields
  (fields.qualified; a request without fields accepts everyone);
- not available: marked unavailable, or inside a declared unavailability period;
- already drawn for this case (still serving), or recused from it earlier;
- a conflict of interest with a party of the case (ConflictKind):
  * employed by a party: the expert's employer is a party's market entity;
  * same organization as a party: the employer is recorded differently but is the same body
    as a party (same unified social credit code, or same name once spaces and bracket widths
    are normalized), or a natural-person party works at the expert's employer (known when
    that person is in the pool too);
  * recently engaged for a party: a declared former employment or engagement with a party
    that lasts, or ended less than CONFLICT_YEARS (3) years before the draw date;
  * declared relationship with a party, lasting or ended less than CONFLICT_YEARS ago;
  * already on a party's side in this case: the expert is a party (as a registered person),
    or declared acting for a party in this very case.
CONFLICT_YEARS is an assumption of ours (many bodies use three years for 回避 after an
engagement); set SERVICES_CONFLICT_YEARS in the settings to change it.

Workload. An expert's load is the number of cases on which they were drawn and still serve,
counted over the WORKLOAD_DAYS (365) days up to and including the draw date. The draw prefers
the least loaded: it takes every candidate of the lowest load, in a random order, then the
next load, and so on, until it has enough (strict least-load first, random among ties).

Randomness and replay. The seed is a number from 0 to 2**63-1 (from `secrets` unless given).
`random.Random(seed)` drives a Fisher–Yates shuffle that uses only `Random.random()`, whose
sequence for a given integer seed Python guarantees not to change between versions (its
shuffle and sample may). The draw stores the seed, the experts considered, the candidates
with their loads, the exclusions with reasons, and the picks in order; `replay` recomputes
the picks from the stored candidates and seed alone, so anyone can check them.
"""
import datetime
import random
import re
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from zhibao.registry import masking
from zhibao.registry.services import save_record

from . import common
from .choices import Availability, ConflictKind, ExclusionReason, ExpertRole, PickState, RecusalReason, TieKind
from .common import Errors, restore_version
from .fields import parse_industries, parse_ipc, qualified
from .models import DrawPick, Expert, ExpertAppointment, ExpertDraw, ExpertOpinion, ExpertTie, ExpertUnavailability
from .permissions import ServicePerm

WORKLOAD_DAYS = 365
MAX_SEED = 2**63 - 1
MAX_COUNT = 15


def conflict_years() -> int:
    return int(getattr(settings, "SERVICES_CONFLICT_YEARS", 3))


class NotEnough(ValidationError):
    """Too few candidates; carries what the draw found so the page can show why."""

    def __init__(self, message, *, considered, candidates, exclusions):
        super().__init__(message, code="not_enough")
        self.considered, self.candidates, self.exclusions = considered, candidates, exclusions


# -- selection: pure, deterministic ------------------------------------------------------------

def _shuffled(items: list, rng: random.Random) -> list:
    items = list(items)
    for i in range(len(items) - 1, 0, -1):
        j = int(rng.random() * (i + 1))
        items[i], items[j] = items[j], items[i]
    return items


def select(candidates: list, count: int, seed: int) -> list[int]:
    """Pick `count` expert ids from [(id, load), ...]: least load first, random among equals."""
    rng = random.Random(seed)
    groups: dict[int, list[int]] = {}
    for expert_id, load in sorted((int(c[0]), int(c[1])) for c in candidates):
        groups.setdefault(load, []).append(expert_id)
    picks: list[int] = []
    for load in sorted(groups):
        need = count - len(picks)
        if need <= 0:
            break
        picks.extend(_shuffled(groups[load], rng)[:need])
    return picks


def replay(d: ExpertDraw) -> list[int]:
    """The picks that the draw's stored candidates and seed give (compare with d.picked)."""
    return select(d.candidates, d.count, d.seed)


def verify(d: ExpertDraw) -> bool:
    return replay(d) == list(d.picked)


# -- parties and conflicts --------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """A body's name for comparison: no spaces, half-width brackets, lower case."""
    return _SPACES.sub("", (name or "").replace("（", "(").replace("）", ")")).lower()


@dataclass
class Parties:
    entity_ids: dict[int, str] = field(default_factory=dict)    # party entity id → name
    person_ids: dict[int, str] = field(default_factory=dict)    # party person id → name
    keys: dict[str, str] = field(default_factory=dict)          # "uscc:…"/"name:…" → party name
    colleague_keys: dict[str, str] = field(default_factory=dict)  # employer keys of person parties → name


def _org_keys(uscc: str | None, name: str) -> list[str]:
    keys = [f"name:{normalize_name(name)}"] if name and name.strip() else []
    if uscc:
        keys.append(f"uscc:{uscc}")
    return keys


def case_parties(case) -> Parties:
    parties = Parties()
    for party in case.parties.select_related("entity", "person").all():
        if party.entity_id:
            parties.entity_ids[party.entity_id] = party.entity.name
            for key in _org_keys(party.entity.uscc, party.entity.name):
                parties.keys[key] = party.entity.name
        elif party.person_id:
            # the draw record is shown to everyone who may see the pool: a natural person is masked
            parties.person_ids[party.person_id] = masking.name(party.person.name)
        elif party.name:
            parties.keys[f"name:{normalize_name(party.name)}"] = party.name
    if parties.person_ids:
        for colleague in Expert.objects.filter(person_id__in=parties.person_ids).select_related(
                "employer_entity", "employer_org"):
            for key in employer_keys(colleague):
                parties.colleague_keys[key] = parties.person_ids[colleague.person_id]
    return parties


def employer_keys(expert: Expert) -> list[str]:
    keys = []
    if expert.employer_entity_id:
        keys += _org_keys(expert.employer_entity.uscc, expert.employer_entity.name)
    if expert.employer_org_id:
        keys += _org_keys(expert.employer_org.uscc, expert.employer_org.name)
    keys += _org_keys(None, expert.employer_name)
    return keys


def _tie_party(tie: ExpertTie, parties: Parties) -> str | None:
    """The party a tie points to, if any."""
    if tie.entity_id and tie.entity_id in parties.entity_ids:
        return parties.entity_ids[tie.entity_id]
    if tie.person_id and tie.person_id in parties.person_ids:
        return parties.person_ids[tie.person_id]
    if tie.entity_id:
        for key in _org_keys(tie.entity.uscc, tie.entity.name):
            if key in parties.keys:
                return parties.keys[key]
    if tie.name and f"name:{normalize_name(tie.name)}" in parties.keys:
        return parties.keys[f"name:{normalize_name(tie.name)}"]
    return None


def conflicts(expert: Expert, ties: list[ExpertTie], parties: Parties, case, on: datetime.date) -> list[dict]:
    """Every conflict of interest between the expert and the case's parties, as
    {"code": ConflictKind, "detail": the party (or tie) concerned}."""
    found = []
    if expert.employer_entity_id and expert.employer_entity_id in parties.entity_ids:
        found.append({"code": ConflictKind.EMPLOYED_BY_PARTY.value,
                      "detail": parties.entity_ids[expert.employer_entity_id]})
    else:
        keys = employer_keys(expert)
        same = next((parties.keys[k] for k in keys if k in parties.keys), None)
        same = same or next((parties.colleague_keys[k] for k in keys if k in parties.colleague_keys), None)
        if same:
            found.append({"code": ConflictKind.SAME_ORGANIZATION.value, "detail": same})
    horizon = common.add_years(on, -conflict_years())
    for tie in ties:
        if tie.kind == TieKind.CASE_ROLE:
            if tie.case_id == case.pk:
                found.append({"code": ConflictKind.OTHER_SIDE.value, "detail": str(tie)})
            continue
        if tie.started_on and tie.started_on > on:
            continue
        if tie.ended_on and tie.ended_on < horizon:
            continue
        party = _tie_party(tie, parties)
        if party is None:
            continue
        code = (ConflictKind.DECLARED_RELATIONSHIP if tie.kind == TieKind.RELATIONSHIP
                else ConflictKind.RECENTLY_ENGAGED)
        detail = f"{party}（{tie.get_kind_display()}" + (f"，{tie.ended_on:%Y-%m-%d}" if tie.ended_on else "") + "）"
        found.append({"code": code.value, "detail": detail})
    if expert.person_id and expert.person_id in parties.person_ids:
        found.append({"code": ConflictKind.OTHER_SIDE.value, "detail": parties.person_ids[expert.person_id]})
    return found


# -- the draw ------------------------------------------------------------------------------------------

def loads(expert_ids, on: datetime.date) -> dict[int, int]:
    """Cases each expert serves on, drawn over the WORKLOAD_DAYS days up to `on`."""
    since = on - datetime.timedelta(days=WORKLOAD_DAYS - 1)
    rows = (DrawPick.objects.filter(expert_id__in=expert_ids, state=PickState.ACTIVE, drawn_on__gte=since,
                                    drawn_on__lte=on)
            .values("expert_id").annotate(n=Count("case_id", distinct=True)))
    return {row["expert_id"]: row["n"] for row in rows}


def pool(role: str, on: datetime.date):
    """Experts holding an appointment in `role` valid on `on`."""
    return Expert.objects.filter(
        pk__in=ExpertAppointment.objects.filter(common.valid_on(on), role=role).values("expert_id"))


def _check(case, role, count, on, seed, ipc, industries, note) -> tuple:
    errors = Errors()
    if role not in ExpertRole.values:
        errors.add("role", _("Choose the role to draw: think-tank expert, technical investigator or special "
                             "commissioner."))
    if not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        errors.add("count", _("Draw from 1 to %(n)d experts.") % {"n": MAX_COUNT})
    if on > common.today():
        errors.add("drawn_on", _("A draw cannot be dated in the future."))
    elif on < case.received_on:
        errors.add("drawn_on", _("A draw cannot be dated before the case was received (%(date)s).")
                   % {"date": case.received_on.isoformat()})
    if seed is not None and (not isinstance(seed, int) or not 0 <= seed <= MAX_SEED):
        errors.add("seed", _("The seed is a whole number from 0 to %(max)s.") % {"max": MAX_SEED})
    wanted_ipc, wanted_industries = [], []
    try:
        wanted_ipc = parse_ipc(ipc)
    except ValidationError as exc:
        for message in exc.messages:
            errors.add("ipc_classes", message)
    try:
        wanted_industries = parse_industries(industries)
    except ValidationError as exc:
        errors.add("industries", exc.messages[0])
    try:
        common.text(note)
        if len(note) > 300:
            errors.add("note", _("At most %(n)d characters.") % {"n": 300})
    except ValidationError as exc:
        errors.add("note", exc.messages[0])
    if case.closed_on is not None:
        errors.add("case", _("The case was closed on %(date)s; experts are drawn only for open cases.")
                   % {"date": case.closed_on.isoformat()})
    errors.raise_if_any()
    return wanted_ipc, wanted_industries


def evaluate(case, role: str, on: datetime.date, wanted_ipc: list[str], wanted_industries: list[str]):
    """(considered ids, candidates [(id, load)], exclusions [{expert, name, reasons}]) for a draw."""
    experts = list(pool(role, on).select_related("employer_entity", "employer_org").order_by("pk"))
    ids = [e.pk for e in experts]
    parties = case_parties(case)
    ties: dict[int, list[ExpertTie]] = {}
    for tie in ExpertTie.objects.filter(expert_id__in=ids).select_related("entity").order_by("pk"):
        ties.setdefault(tie.expert_id, []).append(tie)
    away = dict(ExpertUnavailability.objects.filter(expert_id__in=ids, first_day__lte=on, last_day__gte=on)
                .values_list("expert_id", "reason"))
    on_case = dict(DrawPick.objects.filter(case=case, expert_id__in=ids).values_list("expert_id", "state"))
    load = loads(ids, on)
    candidates, exclusions = [], []
    for expert in experts:
        reasons = []
        state = on_case.get(expert.pk)
        if state == PickState.ACTIVE:
            reasons.append({"code": ExclusionReason.ALREADY_ON_CASE.value, "detail": ""})
        elif state == PickState.RECUSED:
            reasons.append({"code": ExclusionReason.RECUSED.value, "detail": ""})
        if not qualified(expert.ipc_classes, expert.industries, wanted_ipc, wanted_industries):
            reasons.append({"code": ExclusionReason.NOT_QUALIFIED.value,
                            "detail": " ".join(x for x in (expert.ipc_classes, expert.industries) if x)})
        if expert.availability != Availability.AVAILABLE or expert.pk in away:
            reasons.append({"code": ExclusionReason.UNAVAILABLE.value, "detail": away.get(expert.pk) or ""})
        reasons += conflicts(expert, ties.get(expert.pk, []), parties, case, on)
        if reasons:
            exclusions.append({"expert": expert.pk, "name": expert.name, "reasons": reasons})
        else:
            candidates.append([expert.pk, load.get(expert.pk, 0)])
    return ids, candidates, exclusions


def draw(case, user, *, role: str, count: int, on: datetime.date | None = None, ipc: str = "",
         industries: str = "", seed: int | None = None, replaces: DrawPick | None = None,
         note: str = "") -> ExpertDraw:
    """Draw `count` experts in `role` for `case` as of `on` (default today) and record the draw.
    Raises ValidationError (NotEnough when too few candidates), writing nothing then."""
    from zhibao.cases.models import Case

    on = on or common.today()
    note = (note or "").strip()
    wanted_ipc, wanted_industries = _check(case, role, count, on, seed, ipc, industries, note)
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()  # one draw at a time per case
        considered, candidates, exclusions = evaluate(case, role, on, wanted_ipc, wanted_industries)
        if len(candidates) < count:
            raise NotEnough(
                _("Only %(n)d of the %(m)d experts with a valid appointment as %(role)s on %(date)s are qualified, "
                  "available and free of conflicts; the draw needs %(count)d. Nothing was drawn.") % {
                    "n": len(candidates), "m": len(considered), "role": ExpertRole(role).label,
                    "date": on.isoformat(), "count": count},
                considered=considered, candidates=candidates, exclusions=exclusions)
        if seed is None:
            seed = secrets.randbelow(MAX_SEED + 1)
        picked = select(candidates, count, seed)
        d = ExpertDraw.objects.create(
            case=case, role=role, ipc_classes=", ".join(wanted_ipc), industries=",".join(wanted_industries),
            count=count, drawn_on=on, seed=seed, considered=considered, candidates=candidates,
            exclusions=exclusions, picked=picked, replaces=replaces, note=note,
            drawn_by=user if getattr(user, "is_authenticated", False) else None)
        for order, expert_id in enumerate(picked, start=1):
            DrawPick.objects.create(draw=d, case=case, expert_id=expert_id, order=order, drawn_on=on)
    return d


def recuse(pick: DrawPick, user, *, reason: str, note: str = "", on: datetime.date | None = None,
           replace: bool = True, seed: int | None = None) -> ExpertDraw | None:
    """Record that a drawn expert steps down from the case and, if `replace`, draw one
    replacement with the same criteria (it excludes everyone drawn for the case before).
    Returns the replacement draw. All or nothing: without a replacement to be had, nothing changes."""
    on = on or common.today()
    note = (note or "").strip()
    errors = Errors()
    if reason not in RecusalReason.values:
        errors.add("reason", _("Choose why the expert is recused."))
    if reason == RecusalReason.OTHER and not note:
        errors.add("note", _("Describe the reason for the recusal."))
    try:
        common.text(note)
    except ValidationError as exc:
        errors.add("note", exc.messages[0])
    if len(note) > 300:
        errors.add("note", _("At most %(n)d characters.") % {"n": 300})
    if on > common.today():
        errors.add("on", _("A recusal cannot be dated in the future."))
    elif on < pick.drawn_on:
        errors.add("on", _("A recusal cannot be dated before the expert was drawn (%(date)s).")
                   % {"date": pick.drawn_on.isoformat()})
    errors.raise_if_any()
    with transaction.atomic():
        current = DrawPick.objects.select_for_update().select_related("draw", "case").get(pk=pick.pk)
        if current.state != PickState.ACTIVE:
            raise ValidationError(_("%(name)s was already recused from this case on %(date)s.")
                                  % {"name": current.expert, "date": current.recused_on.isoformat()})
        current.state, current.recused_on, current.recusal_reason = PickState.RECUSED, on, reason
        current.recusal_note = note
        current.recused_by = user if getattr(user, "is_authenticated", False) else None
        current.save()
        replacement = None
        if replace:
            try:
                replacement = draw(current.case, user, role=current.draw.role, count=1, on=on,
                                   ipc=current.draw.ipc_classes, industries=current.draw.industries, seed=seed,
                                   replaces=current, note=_("Replaces %(name)s") % {"name": current.expert})
            except NotEnough:
                raise ValidationError(_(
                    "No qualified and available expert without a conflict is left to replace %(name)s, so nothing "
                    "was changed. Record the recusal without a replacement, or draw again with wider fields.")
                    % {"name": current.expert}) from None
    pick.state, pick.recused_on, pick.recusal_reason, pick.recusal_note = (
        current.state, current.recused_on, current.recusal_reason, current.recusal_note)
    return replacement


# -- opinions ---------------------------------------------------------------------------------------------

def may_give_opinion(user, pick: DrawPick) -> bool:
    """The expert themselves (their account), or staff who manage the pool (a paper opinion)."""
    if user.has_perm(ServicePerm.EXPERTS_CHANGE):
        return True
    return user.has_perm(ServicePerm.OPINION) and pick.expert.user_id == user.pk


def save_opinion(opinion: ExpertOpinion, user, expected_version: int | None = None):
    """Record or change an expert's opinion on a case they serve on."""
    if not may_give_opinion(user, opinion.pick):
        raise PermissionDenied(_("Only the expert drawn, or staff who manage the expert pool, may record this "
                                 "opinion."))
    opinion.case_id, opinion.expert_id = opinion.pick.case_id, opinion.pick.expert_id
    if opinion.pk is None:
        opinion.created_by = user
    try:
        return save_record(opinion, expected_version=expected_version)
    except Exception:
        restore_version(opinion)
        raise
