"""Register the indicators' data with history with django-auditlog: who changed a target, the
pledge threshold, the concordance or a patent's facts, when, before and after. Computed rows
(high-value patents, snapshots) are not logged: they are recomputed, never edited."""
from auditlog.registry import auditlog

from . import models

for model in (models.Target, models.PledgeThreshold, models.StrategicClass, models.PatentFact):
    auditlog.register(model, exclude_fields=["changed"])
