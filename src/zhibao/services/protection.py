"""Rules of the protection lists, special actions and shared product descriptions.

    protection.save_entry(entry, rights, user)        an entry and the rights it links
    protection.remove_entry(entry, on=…, reason=…)    taken off the list from `on`
    protection.linked_cases(entry, user)              cases of the listed enterprise or its rights
    protection.save_action(action, entries, cases)
    protection.descriptions_for(user)                 product descriptions a user may see
    protection.save_description(description, rights, shared_with, user)

Linked rights. The rights an enterprise entry (or a key product, a core technology) links must
be held by the listed enterprise; a GI product links at least one geographical indication and
a plant-variety entry at least one plant variety right.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zhibao.accounts.roles import Role
from zhibao.accounts.scope import visible
from zhibao.registry.choices import RightKind
from zhibao.registry.models import IPRight, RightHolder
from zhibao.registry.services import StaleVersion, save_record

from . import common
from .choices import ListKind
from .common import Errors, restore_version
from .models import ListEntry, ProductDescription, SpecialAction

HELD_BY_ENTITY = (ListKind.KEY_ENTERPRISE, ListKind.KEY_WORK, ListKind.CONTACT_ENTERPRISE, ListKind.CORE_TECHNOLOGY)
MAX_LINKS = 200


def _check_rights(entry: ListEntry, rights: list[IPRight]) -> None:
    if len(rights) > MAX_LINKS:
        raise ValidationError({"rights": [_("Link at most %(n)d rights.") % {"n": MAX_LINKS}]})
    if entry.kind in HELD_BY_ENTITY and entry.entity_id:
        held = set(RightHolder.objects.filter(entity_id=entry.entity_id, right__in=rights)
                   .values_list("right_id", flat=True))
        foreign = [r for r in rights if r.pk not in held]
        if foreign:
            raise ValidationError({"rights": [_("%(entity)s does not hold: %(rights)s.") % {
                "entity": entry.entity, "rights": "、".join(f"{r.get_kind_display()} {r.number}" for r in foreign)}]})
    if entry.kind == ListKind.GI_PRODUCT and not any(r.kind == RightKind.GI for r in rights):
        raise ValidationError({"rights": [_("Link the geographical indication of the product.")]})
    if entry.kind == ListKind.PLANT_VARIETY and not any(r.kind == RightKind.PLANT_VARIETY for r in rights):
        raise ValidationError({"rights": [_("Link the plant variety right.")]})


def _guard(record, save):
    creating = record.pk is None
    try:
        with transaction.atomic():
            return save()
    except Exception:
        if creating:
            record.pk = None
        restore_version(record)
        raise


def save_entry(entry: ListEntry, rights: list[IPRight] | None, user=None, expected_version: int | None = None):
    """Save an entry and make its linked rights exactly `rights` (None: keep them)."""
    def save():
        entry.full_clean(validate_unique=False)  # fills entity and district from parent and entity
        wanted = list(entry.rights.all()) if (rights is None and entry.pk) else list(rights or [])
        _check_rights(entry, wanted)
        saved = save_record(entry, expected_version=expected_version)
        if rights is not None:
            entry.rights.set(wanted)
        return saved

    return _guard(entry, save)


def remove_entry(entry: ListEntry, *, on=None, reason: str = "", expected_version: int | None = None) -> ListEntry:
    """Take an entry off its list: no longer listed from `on` (its children go with it)."""
    on = on or common.today()
    reason = (reason or "").strip()
    errors = Errors()
    if not reason:
        errors.add("reason", _("Give the reason for taking the entry off the list."))
    try:
        common.text(reason)
    except ValidationError as exc:
        errors.add("reason", exc.messages[0])
    if on > common.today():
        errors.add("on", _("A removal cannot be dated in the future."))
    elif on <= entry.listed_on:
        errors.add("on", _("An entry can be taken off only after the day it was listed (%(date)s).")
                   % {"date": entry.listed_on.isoformat()})
    errors.raise_if_any()
    with transaction.atomic():
        current = ListEntry.objects.select_for_update().get(pk=entry.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleVersion(current.version)
        if current.removed_on:
            raise ValidationError(_("This entry was already taken off the list from %(date)s.")
                                  % {"date": current.removed_on.isoformat()})
        for item in [current, *current.children.filter(removed_on__isnull=True)]:
            item.removed_on, item.removal_reason = max(on, item.listed_on + common.ONE_DAY), reason[:300]
            save_record(item)
    return current


def linked_cases(entry: ListEntry, user) -> QuerySet:
    """Cases (within the user's scope) in which the listed enterprise is a party or a linked right is involved."""
    from zhibao.cases.models import Case

    condition = Q(rights__right__in=entry.rights.all())
    if entry.entity_id:
        condition |= Q(parties__entity_id=entry.entity_id)
    ids = Case.objects.filter(condition).values("pk")
    return visible(Case.objects.filter(pk__in=ids), user).order_by("-received_on", "-pk")


def save_action(action: SpecialAction, entries: list[ListEntry] | None, cases=None,
                expected_version: int | None = None):
    def save():
        if entries is not None and not entries:
            raise ValidationError({"entries": [_("Choose at least one listed product or market the action is for.")]})
        saved = save_record(action, expected_version=expected_version)
        if entries is not None:
            action.entries.set(entries)
        if cases is not None:
            action.cases.set(cases)
        return saved

    return _guard(action, save)


# -- product descriptions -------------------------------------------------------------------------------

def descriptions_for(user) -> QuerySet:
    """What a user may see: the holder's own (an enterprise user of the holder), those shared
    with the user's organization, and everything for an administrator."""
    qs = ProductDescription.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_superuser:
        return qs
    if user.role == Role.ENTERPRISE:
        return qs.filter(holder_id=user.entity_id) if user.entity_id else qs.none()
    if user.organization_id is None:
        return qs.none()
    return qs.filter(pk__in=ProductDescription.objects.filter(shared_with=user.organization_id).values("pk"))


def may_edit_description(user, description: ProductDescription) -> bool:
    if user.is_superuser:
        return True
    from .permissions import ServicePerm

    return (user.has_perm(ServicePerm.SHARE_PRODUCT) and user.role == Role.ENTERPRISE
            and user.entity_id is not None and description.holder_id == user.entity_id)


def save_description(description: ProductDescription, rights: list[IPRight], shared_with, user,
                     expected_version: int | None = None):
    """The holder (its enterprise user) describes a product and chooses who sees it."""
    if user is not None and not user.is_superuser:
        if user.role != Role.ENTERPRISE or not user.entity_id:
            raise PermissionDenied(_("Only the right holder may describe its products."))
        description.holder_id = user.entity_id

    def save():
        if len(rights) > MAX_LINKS:
            raise ValidationError({"rights": [_("Link at most %(n)d rights.") % {"n": MAX_LINKS}]})
        held = set(RightHolder.objects.filter(entity_id=description.holder_id, right__in=rights)
                   .values_list("right_id", flat=True))
        foreign = [r for r in rights if r.pk not in held]
        if foreign:
            raise ValidationError({"rights": [_("%(entity)s does not hold: %(rights)s.") % {
                "entity": description.holder, "rights": "、".join(f"{r.get_kind_display()} {r.number}"
                                                               for r in foreign)}]})
        if description.valid_until and description.valid_until < common.today() and description.pk is None:
            raise ValidationError({"valid_until": [_("This date is in the past.")]})
        if description.pk is None:
            description.created_by = user
        saved = save_record(description, expected_version=expected_version)
        description.rights.set(rights)
        description.shared_with.set(shared_with)
        return saved

    return _guard(description, save)
