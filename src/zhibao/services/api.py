"""The service network in the API: /api/v1/workstations, /service-records, /experts,
/expert-draws, /filing-entities, /preexam-requests, /list-entries, /surveys.

Each is one `Resource` (zhibao.api.resources) built from the FilterSet its list page uses.
Writes go through this app's rule functions (`RuleResource.saver`), the same ones the pages
call, so validation, optimistic locking, scope and the audit log are the same everywhere.
"""
from dataclasses import dataclass
from typing import Any, Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Router

from zhibao.accounts.scope import visible
from zhibao.api.errors import forbidden, invalid
from zhibao.api.resources import Resource, no_such
from zhibao.registry.models import MarketEntity

from . import filters, schemas, stations
from .common import restore_version
from .models import ServiceRecipient, ServiceRecord, Workstation, WorkstationContact
from .permissions import ServicePerm

API_PREFIX = ""
router = Router()

Saver = Callable[[Any, Any, dict, int | None], None]


@dataclass
class RuleResource(Resource):
    """A Resource whose writes call a rule function: saver(request, record, extra, version),
    where `extra` holds the body fields that are not columns (lists of related records)."""

    saver: Saver | None = None

    def save(self, request, record, data: dict, version: int | None = None):
        creating = record.pk is None
        extra = self.assign(request, record, data)
        try:
            with transaction.atomic():
                self.saver(request, record, extra, version)
                if not visible(self.model._default_manager.filter(pk=record.pk), request.user).exists():
                    raise forbidden(_("You may only create or change records within your data scope; "
                                      "this %(thing)s would be outside it. Nothing was saved.") % {
                        "thing": str(self.model._meta.verbose_name)})
        except Exception:
            if creating:
                record.pk = None
            restore_version(record)
            raise
        return self.get_object(request, record.pk)


def entities_by_id(ids: list[int], key: str) -> list[MarketEntity]:
    """Registered market entities by id (any: a workstation serves whoever comes; see forms.py)."""
    found = {e.pk: e for e in MarketEntity.objects.filter(pk__in=ids)}
    errors = {f"{key}.{i}": [no_such(MarketEntity, pk)] for i, pk in enumerate(ids) if pk not in found}
    if errors:
        raise invalid(errors)
    return [found[pk] for pk in ids]


# -- workstations and service records -------------------------------------------------------------

def save_workstation(request, ws, extra, version):
    stations.save_workstation(ws, request.user, expected_version=version)
    contacts = extra.get("contacts")
    if contacts is not None:
        ws.contacts.all().delete()
        for i, item in enumerate(contacts):
            contact = WorkstationContact(workstation=ws, **item)
            try:
                contact.full_clean()
            except ValidationError as exc:
                raise invalid({f"contacts.{i}.{k}": v for k, v in exc.message_dict.items()}) from None
            contact.save()


def save_service_record(request, record, extra, version):
    ids = extra.get("entities")
    entities = entities_by_id(ids, "entities") if ids is not None else None
    stations.save_service(record, entities, request.user, expected_version=version)


workstations = RuleResource(
    "workstations", Workstation, filters.WorkstationFilter, out=schemas.WorkstationOut,
    create=schemas.WorkstationIn, view_perm=ServicePerm.VIEW, change_perm=ServicePerm.CHANGE,
    ordering=("id", "name", "kind", "opened_on", "closed_on", "created", "updated"),
    select_related=("district", "supervisor", "host_org", "host_entity"), prefetch_related=("contacts",),
    saver=save_workstation,
)
service_records = RuleResource(
    "service-records", ServiceRecord, filters.ServiceRecordFilter, out=schemas.ServiceRecordOut,
    create=schemas.ServiceRecordIn, view_perm=ServicePerm.VIEW, change_perm=ServicePerm.RECORD,
    ordering=("id", "served_on", "kind", "created", "updated"), default_ordering=("-served_on",),
    select_related=("workstation", "case"),
    prefetch_related=(Prefetch("recipients", queryset=ServiceRecipient.objects.select_related("entity")
                               .order_by("pk")),),
    saver=save_service_record,
)

for resource in (workstations, service_records):
    resource.register(router)
