"""Register the registries with django-auditlog: every create, change and delete is logged."""
from auditlog.registry import auditlog

from . import models

_NOISE = ["created", "updated", "version"]

for model in (
    models.District, models.PopulationRecord, models.DevelopmentZone, models.Organization,
    models.MarketEntity, models.IPRight, models.RightHolder, models.GIAuthorization,
):
    auditlog.register(model, exclude_fields=_NOISE)

# The log keeps who changed a person's ID number or phone, not the numbers themselves.
auditlog.register(models.Person, exclude_fields=_NOISE, mask_fields=["id_number", "phone"])
