"""Register collaboration records with django-auditlog: who sent, acknowledged, reported, decided what."""
from auditlog.registry import auditlog

from . import models

_NOISE = ["created", "updated", "version"]

auditlog.register(models.Transfer, exclude_fields=_NOISE, m2m_fields={"bodies"})
auditlog.register(models.TransferItem)
auditlog.register(models.AssistanceRequest, exclude_fields=_NOISE)
auditlog.register(models.Operation, exclude_fields=_NOISE, m2m_fields={"participants", "cases"})
auditlog.register(models.Meeting, exclude_fields=_NOISE, m2m_fields={"attendees", "cases"})
auditlog.register(models.AgendaItem)
auditlog.register(models.Decision)
auditlog.register(models.CollaborationLimit, exclude_fields=["changed"])
