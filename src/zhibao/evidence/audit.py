"""Register evidence records with django-auditlog: receipt, custody events, checks, generated documents.

Custody events are themselves a log; auditing them too puts them beside the rest of a case's
changes in the audit browser."""
from auditlog.registry import auditlog

from . import models

auditlog.register(models.EvidenceFile)
auditlog.register(models.CustodyEvent)
auditlog.register(models.GeneratedDocument)
