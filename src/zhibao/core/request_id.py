"""The id of the current request or job, carried into every audit entry.

Set by RequestIdMiddleware for web requests and by `bind()` for background jobs and
commands, read by django-auditlog through AUDITLOG_CID_GETTER.
"""
import re
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

_current: ContextVar[str | None] = ContextVar("zhibao_request_id", default=None)
_VALID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def current() -> str | None:
    return _current.get()


def new_id(incoming: str | None = None) -> str:
    """Keep a well-formed id that a proxy sent; otherwise make one."""
    if incoming and _VALID.match(incoming):
        return incoming
    return uuid.uuid4().hex


@contextmanager
def bind(value: str | None = None):
    token = _current.set(new_id(value))
    try:
        yield _current.get()
    finally:
        _current.reset(token)
