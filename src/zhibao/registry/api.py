"""The registries in the API: /api/v1/entities, rights, persons, organizations, districts, zones.

Each is one `Resource` (zhibao.api.resources) built from the FilterSet the list pages use;
this module adds only what is particular to a registry: masking persons, and a right's
holders.
"""
import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router

from zhibao.accounts.roles import Perm
from zhibao.accounts.scope import visible
from zhibao.api.errors import ErrorOut, full_view_denied, invalid, listed_twice
from zhibao.api.resources import Paging, Resource, no_such
from zhibao.audit.personal import log_full_view

from . import filters, masking, schemas
from .choices import HolderRole
from .models import DevelopmentZone, District, IPRight, MarketEntity, Organization, Person, RightHolder

API_PREFIX = ""
router = Router()


# -- persons: masked unless the caller may, and asks to, see them in full ------------------------

def present_persons(request, persons: list, options) -> list:
    user = request.user
    if options.full:
        if not user.has_perm(Perm.PERSON_VIEW_FULL):
            raise full_view_denied()
        log_full_view(user, persons, "api")
        for person in persons:
            person.api_masked = False
        return persons
    return [masked(person) for person in persons]


def masked(person: Person) -> Person:
    """A copy for display only (never saved) with the personal fields masked."""
    shown = copy.copy(person)
    shown.name = masking.name(person.name)
    shown.id_number = masking.id_number(person.id_number) or None
    shown.phone = masking.phone(person.phone)
    shown.address = masking.address(person.address)
    shown.birth_date = None
    shown.api_masked = True
    return shown


# -- rights: the holders come with the right -------------------------------------------------------

def save_holders(request, right: IPRight, extra: dict, created: bool) -> None:
    """Make the right's holders exactly the list sent (when one was sent), inside the save's
    transaction: holders kept are updated, missing ones removed, new ones added; every row
    goes through the model's validation and the audit log."""
    wanted = extra.get("holders")
    if wanted is None:
        return
    user = request.user
    entities = visible(MarketEntity.objects.all(), user)
    persons = visible(Person.objects.all(), user) if user.has_perm(Perm.PERSON_VIEW) else Person.objects.none()
    errors: dict[str, list[str]] = {}
    rows = []
    seen = set()
    for i, item in enumerate(wanted):
        key = f"holders.{i}"
        entity = person = None
        if (item.get("entity") is None) == (item.get("person") is None):
            errors.setdefault(key, []).append(
                str(_("A holder is either a market entity or a person, not both and not neither.")))
            continue
        if item.get("entity") is not None:
            entity = entities.filter(pk=item["entity"]).first()
            if entity is None:
                errors.setdefault(f"{key}.entity", []).append(no_such(MarketEntity, item["entity"]))
                continue
        else:
            person = persons.filter(pk=item["person"]).first()
            if person is None:
                errors.setdefault(f"{key}.person", []).append(no_such(Person, item["person"]))
                continue
        identity = ("entity", entity.pk) if entity else ("person", person.pk)
        if identity in seen:
            errors.setdefault(key, []).append(listed_twice())
            continue
        seen.add(identity)
        rows.append((key, entity, person, item.get("role"), item.get("since")))
    if errors:
        raise invalid(errors)

    current = {("entity", h.entity_id) if h.entity_id else ("person", h.person_id): h for h in right.holders.all()}
    with transaction.atomic():
        for old_key, holder in current.items():
            if old_key not in seen:
                holder.delete()
        for key, entity, person, role, since in rows:
            identity = ("entity", entity.pk) if entity else ("person", person.pk)
            holder = current.get(identity) or RightHolder(right=right, entity=entity, person=person)
            holder.role = role or HolderRole.OWNER
            holder.since = since
            try:
                holder.full_clean()
            except ValidationError as exc:
                raise invalid({key: [str(m) for m in exc.messages]}) from None
            holder.save()


# -- the resources ----------------------------------------------------------------------------------

districts = Resource(
    "districts", District, filters.DistrictFilter, out=schemas.DistrictOut,
    view_perm=Perm.REGISTRY_VIEW, ordering=("code", "name", "level"), select_related=("parent",),
)
zones = Resource(
    "zones", DevelopmentZone, filters.ZoneFilter, out=schemas.ZoneOut,
    view_perm=Perm.REGISTRY_VIEW, ordering=("id", "name", "level"),
)
organizations = Resource(
    "organizations", Organization, filters.OrganizationFilter, out=schemas.OrganizationOut,
    create=schemas.OrganizationIn, view_perm=Perm.REGISTRY_VIEW, change_perm=Perm.REGISTRY_CHANGE,
    ordering=("id", "name", "kind", "created", "updated"), select_related=("district",),
)
entities = Resource(
    "entities", MarketEntity, filters.EntityFilter, out=schemas.EntityOut, create=schemas.EntityIn,
    view_perm=Perm.REGISTRY_VIEW, change_perm=Perm.REGISTRY_CHANGE,
    ordering=("id", "name", "uscc", "established", "registered_capital", "created", "updated"),
    select_related=("district", "zone", "org"),
)
persons = Resource(
    "persons", Person, filters.PersonFilter, out=schemas.PersonOut, create=schemas.PersonIn,
    view_perm=Perm.PERSON_VIEW, change_perm=Perm.REGISTRY_CHANGE, options=schemas.PersonOptions,
    ordering=("id", "name", "created", "updated"), present=present_persons,
)
rights = Resource(
    "rights", IPRight, filters.RightFilter, out=schemas.RightOut, create=schemas.RightIn,
    view_perm=Perm.REGISTRY_VIEW, change_perm=Perm.REGISTRY_CHANGE,
    ordering=("id", "kind", "number", "title", "application_date", "grant_date", "expiry_date",
              "created", "updated"),
    prefetch_related=("holders__entity", "holders__person"), after_save=save_holders,
)

for resource in (entities, rights, persons, organizations, districts, zones):
    resource.register(router)


@router.get("/entities/{pk}/rights", response={200: rights.list_out, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                                               422: ErrorOut},
            auth=rights.view_auth, tags=["entities"], operation_id="entities_rights",
            summary="List the IP rights a market entity holds")
def entity_rights(request, pk: int, filters: Query[rights.filter_query], paging: Query[Paging]):
    entity = entities.get_object(request, pk)
    return rights.list_response(request, rights.queryset(request).filter(holders__entity=entity), None)
