"""Register intake's records with django-auditlog. Rule versions and criteria are never edited
(a change is a new version), so their creation is the log; proposals are recomputed by the
system, decisions are made by officers."""
from auditlog.registry import auditlog

from . import models

auditlog.register(models.TriageRule)
auditlog.register(models.TriageRuleVersion)
auditlog.register(models.TrackCriteria)
auditlog.register(models.Proposal, exclude_fields=["updated"])
auditlog.register(models.Decision)
