"""Register the case records with django-auditlog: every create, change and delete is logged.

Bookkeeping that the reminder job changes in bulk (a clock's `notified`, `next_remind_on`)
is not audited: the Reminder rows are its record."""
from contextlib import contextmanager

from auditlog.context import auditlog_value, set_actor
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


@contextmanager
def acting(user):
    """Make `user` the actor of the audit entries written inside (commands and jobs have no
    middleware to do it). django-auditlog's `set_actor` does not restore the context it
    replaces (a request's, or a stale one a finished request left in this thread), so the
    previous one is put back afterwards."""
    if user is None or not getattr(user, "is_authenticated", False):
        yield
        return
    previous = auditlog_value.get(None)
    extra = {k: previous.get(k) for k in ("remote_addr", "remote_port")} if previous else {}
    token = auditlog_value.set(previous)
    try:
        with set_actor(user, **extra):
            yield
    finally:
        auditlog_value.reset(token)
