"""Field and record rules of the service network, reached through `full_clean` by the pages,
the API and the rule modules alike. Each raises one ValidationError with every message,
keyed by field, translated."""
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .common import Errors, not_in_future
from django.core.exceptions import ValidationError

# The map position must fall in Shaanxi province (a generous box around it): a point
# elsewhere is almost always latitude and longitude swapped or mistyped.
SHAANXI_LATITUDE = (Decimal("31.7"), Decimal("39.6"))
SHAANXI_LONGITUDE = (Decimal("105.5"), Decimal("111.3"))


def _future(errors: Errors, field: str, value) -> None:
    try:
        not_in_future(value)
    except ValidationError as exc:
        errors.add(field, exc.messages[0])


def clean_workstation(ws) -> None:
    errors = Errors()
    if ws.opened_on and ws.closed_on and ws.closed_on < ws.opened_on:
        errors.add("closed_on", _("A workstation cannot close before it opened."))
    if (ws.latitude is None) != (ws.longitude is None):
        errors.add("longitude" if ws.longitude is None else "latitude",
                   _("Give both latitude and longitude for the map position, or neither."))
    elif isinstance(ws.latitude, Decimal) and isinstance(ws.longitude, Decimal):  # else its field reported it
        if not (SHAANXI_LATITUDE[0] <= ws.latitude <= SHAANXI_LATITUDE[1]
                and SHAANXI_LONGITUDE[0] <= ws.longitude <= SHAANXI_LONGITUDE[1]):
            errors.add("latitude", _("This map position is outside Shaanxi province; check the latitude and "
                                     "longitude (Xi'an is near 34.3° N, 108.9° E)."))
    if not (ws.host_org_id or ws.host_entity_id or (ws.host_name or "").strip()):
        errors.add("host_name", _("Name the host: a body, an enterprise, or another host."))
    errors.raise_if_any()


def clean_service_record(record) -> None:
    errors = Errors()
    _future(errors, "served_on", record.served_on)
    ws = record.workstation if record.workstation_id else None
    if ws is not None and record.served_on and not ws.operating_on(record.served_on):
        if ws.closed_on:
            message = _("The workstation was not in operation on this date (it operated from %(opened)s to "
                        "%(closed)s).") % {"opened": ws.opened_on.isoformat(), "closed": ws.closed_on.isoformat()}
        else:
            message = _("The workstation was not in operation on this date (it opened on %(opened)s).") % {
                "opened": ws.opened_on.isoformat()}
        errors.add("served_on", message)
    errors.raise_if_any()
