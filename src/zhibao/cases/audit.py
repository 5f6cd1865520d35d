"""Register the case records with django-auditlog: every create, change and delete is logged.

Bookkeeping that the reminder job changes in bulk (a clock's `notified`, `next_remind_on`)
is not audited: the Reminder rows are its record."""
from auditlog.registry import auditlog

from . import models

auditlog.register(models.Case, exclude_fields=["updated", "version", "due_date", "check_code_hash"])
auditlog.register(models.Party)
auditlog.register(models.CaseRight)
auditlog.register(models.Product)
auditlog.register(models.Place)
auditlog.register(models.Assignment)
auditlog.register(models.CaseDocument)
auditlog.register(models.Event)
auditlog.register(models.Clock, exclude_fields=["updated", "notified", "next_remind_on"])
auditlog.register(models.TimeLimitRule, exclude_fields=["changed"])
