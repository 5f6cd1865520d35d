"""Register the service network with django-auditlog: every create, change and delete is logged.

Satisfaction responses and their answers are deliberately NOT registered: an audit entry
keeps the signed-in actor and the remote address, which would tie an anonymous response to
the person who gave it (see surveys.py)."""
from auditlog.registry import auditlog

from . import models

_NOISE = ["created", "updated", "version"]

for model in (models.Workstation, models.ServiceRecord, models.Expert, models.ExpertOpinion, models.CentreProfile,
              models.FilingEntity, models.PreexamRequest):
    auditlog.register(model, exclude_fields=_NOISE)
auditlog.register(models.WorkstationContact, mask_fields=["phone"])
auditlog.register(models.ServiceRecipient)
auditlog.register(models.ExpertAppointment, exclude_fields=["created", "valid_from", "valid_to"])
auditlog.register(models.ExpertUnavailability)
auditlog.register(models.ExpertTie)
auditlog.register(models.ExpertDraw)
auditlog.register(models.DrawPick)
