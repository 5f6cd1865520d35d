"""Register the portal's records with django-auditlog; the log keeps who changed an ID number or
phone, not the numbers themselves."""
from auditlog.registry import auditlog

from . import models

auditlog.register(models.Contact, mask_fields=["id_number", "phone"])
auditlog.register(models.PublicReply, exclude_fields=["updated"])
