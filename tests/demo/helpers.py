"""A digest of the demo data by natural keys (no ids or timestamps), to compare two loads."""
import hashlib

from zhibao.accounts.models import User
from zhibao.registry.models import (
    DevelopmentZone, District, GIAuthorization, IPRight, MarketEntity, Organization, Person, PopulationRecord,
    RightHolder,
)


def demo_digest() -> str:
    h = hashlib.sha256()

    def feed(rows):
        for row in rows:
            h.update(repr(tuple(row)).encode())
            h.update(b"\n")

    feed(District.objects.order_by("code").values_list("code", "name", "level", "parent_id", "in_cluster"))
    feed(PopulationRecord.objects.order_by("district_id", "year").values_list("district_id", "year", "population",
                                                                             "source"))
    feed(DevelopmentZone.objects.order_by("name").values_list("name", "short_name", "level", "district_id", "note"))
    feed(Organization.objects.order_by("name").values_list("name", "short_name", "kind", "district_id",
                                                           "parent__name", "address", "phone"))
    feed(MarketEntity.objects.order_by("uscc").values_list(
        "uscc", "name", "kind", "status", "legal_representative", "district_id", "zone__name", "address", "industry",
        "established", "registered_capital", "phone", "org__name"))
    feed(Person.objects.order_by("id_number").values_list("id_number", "name", "gender", "birth_date", "phone",
                                                          "address", "district_id", "org__name"))
    feed(IPRight.objects.order_by("kind", "number").values_list(
        "kind", "number", "title", "status", "application_date", "grant_date", "expiry_date", "ipc_classes",
        "nice_classes", "gi_regime", "protected_area", "description", "district_id", "org__name"))
    feed(RightHolder.objects.order_by("right__kind", "right__number", "entity__uscc", "person__id_number")
         .values_list("right__kind", "right__number", "entity__uscc", "person__id_number", "role", "since"))
    feed(GIAuthorization.objects.order_by("right__number", "entity__uscc").values_list(
        "right__number", "entity__uscc", "certificate", "valid_from", "valid_until"))
    feed(User.objects.order_by("username").values_list("username", "role", "scope", "organization__name",
                                                       "entity__name", "is_superuser"))
    return h.hexdigest()
