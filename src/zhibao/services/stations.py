"""Rules of workstations and their service records.

    stations.save_workstation(ws, user, expected_version=...)   create or change a workstation
    stations.save_service(record, entities, user, expected_version=...)
    stations.open_assistance_case(record, user)                   a service opens an assistance case

A workstation is also a body of the registry (`Workstation.org`): saving a workstation
creates that organization (kind "workstation", or "court" for a circuit tribunal) or keeps
it in step (name, district, address, supervising body, active while in operation), and
records which bodies see the workstation with an "own organization" data scope: itself, its
supervising body and its host body.

Every function works in one transaction and raises ValidationError (with translated
messages, by field) or registry.services.StaleVersion, writing nothing then.
"""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhibao.registry.choices import OrganizationKind
from zhibao.registry.models import MarketEntity, Organization
from zhibao.registry.services import Saved, save_record

from .choices import ASSISTANCE_KIND, ServiceKind, WorkstationKind
from . import common
from .common import restore_version
from .models import ServiceRecipient, ServiceRecord, Workstation

MAX_RECIPIENTS = 500


def _org_kind(ws: Workstation) -> str:
    return OrganizationKind.COURT if ws.kind == WorkstationKind.CIRCUIT else OrganizationKind.WORKSTATION


def _sync_org(ws: Workstation, org: Organization) -> Organization:
    org.name = ws.name
    org.district = ws.district
    org.address = ws.address
    org.parent = ws.supervisor if ws.supervisor_id != org.pk else org.parent
    org.is_active = ws.closed_on is None or ws.closed_on >= common.today()
    return org


def save_workstation(ws: Workstation, user=None, expected_version: int | None = None) -> Saved:
    """Validate and save a workstation with its registry body. The body is created with the
    workstation (or an existing workstation body of the same name, not yet linked, is taken)."""
    creating = ws.pk is None
    original_org = ws.org if ws.org_id else None
    try:
        with transaction.atomic():
            ws.full_clean(exclude=["org"], validate_unique=False)
            if ws.org_id is None:
                org = Organization.objects.filter(name=ws.name, kind=_org_kind(ws), workstation__isnull=True).first()
                org = org or Organization(kind=_org_kind(ws))
            else:
                org = Organization.objects.get(pk=ws.org_id)
            try:
                save_record(_sync_org(ws, org))
            except ValidationError as exc:
                # The body's name clashes with another body of the registry: say it on the name.
                messages = exc.message_dict.get("name") if hasattr(exc, "error_dict") else None
                if messages:
                    raise ValidationError({"name": [_("Another body of the registry already has this name: "
                                                      "%(name)s.") % {"name": ws.name}]}) from None
                raise
            ws.org = org
            saved = save_record(ws, expected_version=expected_version)
            ws.bodies.set([o for o in (ws.org_id, ws.supervisor_id, ws.host_org_id) if o])
    except Exception:
        if creating:
            ws.pk = None
            ws.org = None
        else:
            ws.org = original_org
        restore_version(ws)
        raise
    return saved


def _check_recipients(record: ServiceRecord, entities: list[MarketEntity]) -> None:
    if len(entities) > MAX_RECIPIENTS:
        raise ValidationError({"recipients": [_("A service record names at most %(n)d enterprises; record a "
                                                "larger training as several records.") % {"n": MAX_RECIPIENTS}]})
    if record.kind == ServiceKind.TRAINING:
        if not entities and not record.participants:
            raise ValidationError({"recipients": [_("For a training, name the enterprises that attended or give "
                                                    "the number of participants.")]})
    elif not entities:
        raise ValidationError({"recipients": [_("Name at least one enterprise served.")]})


def save_service(record: ServiceRecord, entities: list[MarketEntity] | None, user=None,
                 expected_version: int | None = None) -> Saved:
    """Save a service record and make its enterprises exactly `entities` (None: keep them)."""
    creating = record.pk is None
    try:
        with transaction.atomic():
            if entities is None:
                entities = list(MarketEntity.objects.filter(services_received__record=record)) if record.pk else []
                keep = True
            else:
                entities = list({e.pk: e for e in entities}.values())
                keep = False
            _check_recipients(record, entities)
            if creating and user is not None and getattr(user, "is_authenticated", False):
                record.recorded_by = user
            saved = save_record(record, expected_version=expected_version)
            if not keep:
                wanted = {e.pk for e in entities}
                record.recipients.exclude(entity_id__in=wanted).delete()
                have = set(record.recipients.values_list("entity_id", flat=True))
                for entity in entities:
                    if entity.pk not in have:  # one by one, so that the audit log sees each
                        ServiceRecipient.objects.create(record=record, entity=entity)
    except Exception:
        if creating:
            record.pk = None
        restore_version(record)
        raise
    return saved


def open_assistance_case(record: ServiceRecord, user):
    """Open a rights-protection assistance case (procedure "assistance") from a service: the
    workstation's body handles it, the enterprises served are the requesters, the service
    date is the date received. Returns the case."""
    from zhibao.cases import engine
    from zhibao.cases.errors import CaseError
    from zhibao.cases.models import PartyRole

    with transaction.atomic():
        record = ServiceRecord.objects.select_for_update().select_related("workstation__org").get(pk=record.pk)
        if record.case_id:
            raise ValidationError(_("This service already opened the assistance case %(case)s.")
                                  % {"case": record.case.reference})
        kind = ASSISTANCE_KIND.get(record.kind)
        if kind is None:
            raise ValidationError(_("A %(service)s does not open an assistance case.")
                                  % {"service": record.get_kind_display().lower()})
        entities = list(MarketEntity.objects.filter(services_received__record=record).order_by("pk"))
        if not entities:
            raise ValidationError(_("Name the enterprise served first: it is the requester of the case."))
        try:
            case = engine.open_case(
                "assistance", user, handling_org=record.workstation.org, title=record.subject, at=record.served_on,
                kind=kind, channel="walk_in", district=record.workstation.district, summary=record.details,
                parties=[{"role": PartyRole.REQUESTER, "entity": e} for e in entities],
                note=_("Opened from the service record of %(date)s at %(station)s.") % {
                    "date": record.served_on.isoformat(), "station": record.workstation.name},
            )
        except CaseError as exc:
            raise ValidationError(exc.message) from None
        record.case = case
        save_record(record)
    return case
