"""Open a report or complaint from the portal: one transaction, through the case engine.

The form (forms.py) has checked each field; this module turns the cleaned values into the
engine's case (parties, right, product, places, a summary the officers read) and keeps the
named person's contact details beside it (models.Contact). Triage is not done here: the
intake app listens to `case_opened` and proposes the route.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from zhibao.cases import engine
from zhibao.cases.models import Case, Channel, PartyRole, PlaceKind
from zhibao.registry.choices import OrganizationKind
from zhibao.registry.models import IPRight, MarketEntity, Organization

from .models import Contact


class PortalClosed(Exception):
    """No body is set up to receive the public's reports."""


def intake_org() -> Organization | None:
    """The body that receives the portal's reports and complaints: ZHIBAO_PORTAL_INTAKE_ORG
    (its name) if set, else the city-level IP administration."""
    name = getattr(settings, "ZHIBAO_PORTAL_INTAKE_ORG", "")
    active = Organization.objects.filter(is_active=True)
    if name:
        return active.filter(name=name).first()
    city_level = active.filter(kind=OrganizationKind.IP_ADMIN, district__parent__isnull=True,
                               district__isnull=False).order_by("pk").first()
    return city_level or active.filter(kind=OrganizationKind.IP_ADMIN).order_by("pk").first()


@dataclass(frozen=True)
class Receipt:
    """What the person is shown once: the tracking number and the check code."""

    number: str
    check_code: str
    procedure: str
    received_on: str


def _summary(data: dict) -> str:
    """The facts as officers read them, in the platform's language (Chinese), one line each."""
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            (_("What happened"), data["facts"]),
            (_("Respondent"), data.get("respondent_name")),
            (_("Respondent's address"), data.get("respondent_address")),
            (_("Online shop or platform"), data.get("shop_url")),
            (_("Right involved"), data.get("right")),
            (_("Product"), data.get("product")),
            (_("Place"), data.get("place")),
            (_("District"), data.get("district")),
            (_("Date noticed"), data.get("noticed_on")),
        ]
        return "\n".join(f"{label}: {value}" for label, value in lines if value)


def _title(procedure: str, data: dict) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        what = _("Report") if procedure == "report" else _("Complaint")
        about = data.get("respondent_name") or data.get("product") or data["facts"]
        return f"{what}：{about}"[:200]


def _respondent(data: dict) -> dict | None:
    name = data.get("respondent_name")
    if not name:
        return None
    entity = MarketEntity.objects.filter(name=name).first()
    return {"role": PartyRole.RESPONDENT, "entity": entity} if entity else {"role": PartyRole.RESPONDENT,
                                                                               "name": name}


def _complainant(data: dict) -> dict:
    if data.get("uscc"):
        entity = MarketEntity.objects.filter(uscc=data["uscc"]).first()
        if entity:
            return {"role": PartyRole.COMPLAINANT, "entity": entity}
    return {"role": PartyRole.COMPLAINANT, "name": data["name"]}


def _places(data: dict) -> list[dict]:
    places = []
    address = data.get("respondent_address") or data.get("place")
    if address:
        places.append({"kind": PlaceKind.PREMISES, "address": address, "district": data.get("district")})
    if data.get("shop_url"):
        places.append({"kind": PlaceKind.ONLINE, "address": data.get("respondent_name") or data["shop_url"][:300],
                       "url": data["shop_url"]})
    return places


def _rights(data: dict) -> list[IPRight]:
    right = (data.get("right") or "").strip()
    return list(IPRight.objects.filter(number=right)[:1]) if right else []


def submit(procedure: str, data: dict) -> Receipt:
    """Open the case and keep the contact; everything or nothing. Raises PortalClosed, or the
    engine's CaseError (with a translated message) when the engine refuses."""
    org = intake_org()
    if org is None:
        raise PortalClosed(_("The portal cannot take reports at the moment. Please call the hotline."))
    named = procedure == "complaint" or data.get("kind") == "named"
    parties = []
    if procedure == "complaint":
        parties.append(_complainant(data))
    elif named:
        parties.append({"role": PartyRole.REPORTER, "name": data["name"]})
    respondent = _respondent(data)
    if respondent:
        parties.append(respondent)
    with transaction.atomic():
        case: Case = engine.open_case(
            procedure, None, handling_org=org, title=_title(procedure, data), channel=Channel.PORTAL,
            kind=("named" if named else "anonymous") if procedure == "report" else "",
            summary=_summary(data), parties=parties, rights=_rights(data),
            products=[{"name": data["product"]}] if data.get("product") else [], places=_places(data))
        if named:
            Contact.objects.create(case=case, name=data["name"], phone=data["phone"],
                                   id_number=data.get("id_number", ""), uscc=data.get("uscc", ""))
    return Receipt(case.number, case.check_code, procedure, case.received_on.isoformat())
