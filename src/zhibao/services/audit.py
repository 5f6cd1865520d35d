"""Register the service network with django-auditlog: every create, change and delete is logged,
and changes to the many-to-many links (rights linked, bodies shared with, entries of an action).

Satisfaction responses and their answers are deliberately NOT registered: an audit entry
keeps the signed-in actor and the remote address, which would tie an anonymous response to
the person who gave it (see surveys.py)."""
from auditlog.registry import auditlog

from . import models

_NOISE = ["created", "updated", "version"]

for model in (models.Workstation, models.ServiceRecord, models.Expert, models.ExpertOpinion,
              models.FilingEntity, models.PreexamRequest):
    auditlog.register(model, exclude_fields=_NOISE)
auditlog.register(models.CentreProfile, exclude_fields=_NOISE, m2m_fields={"service_area"})
auditlog.register(models.ListEntry, exclude_fields=_NOISE + ["valid_from", "valid_to"], m2m_fields={"rights"})
auditlog.register(models.SpecialAction, exclude_fields=_NOISE, m2m_fields={"entries", "cases"})
auditlog.register(models.ProductDescription, exclude_fields=_NOISE, m2m_fields={"rights", "shared_with"})
auditlog.register(models.WorkstationContact, mask_fields=["phone"])
auditlog.register(models.ServiceRecipient)
auditlog.register(models.ExpertAppointment, exclude_fields=["created", "valid_from", "valid_to"])
auditlog.register(models.ExpertUnavailability)
auditlog.register(models.ExpertTie)
auditlog.register(models.ExpertDraw)
auditlog.register(models.DrawPick)
auditlog.register(models.ListBatch)
auditlog.register(models.Survey, exclude_fields=_NOISE)
auditlog.register(models.SurveyQuestion)
# Invitations: who made one for which service is ordinary work; `responded` is left out, so the
# log holds no time at which an invitation was used.
auditlog.register(models.SurveyInvitation, exclude_fields=["responded", "token_hash"])
