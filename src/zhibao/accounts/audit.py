"""Audit changes to accounts (roles, scope, tokens) like any other record."""
from auditlog.registry import auditlog

from .models import APIToken, User

auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(APIToken, exclude_fields=["last_used", "key_hash"])
