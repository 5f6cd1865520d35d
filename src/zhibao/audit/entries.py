"""Reading django-auditlog's entries for people: field labels, before → after, masking.

Values are shown as stored. ID numbers and phones of persons are masked when stored
(registry/audit.py); a person's name and address are stored in full and are masked here
unless the reader has the right to see them and asks to (that view is then logged).
"""
from types import SimpleNamespace

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from zhibao.registry import masking

from .personal import log_full_view

SUMMARY_LENGTH = 160
VALUE_LENGTH = 40

#: Record types whose entries hold a natural person's data, and how to mask each field.
PERSONAL_MASKS = {
    ("registry", "person"): {"name": masking.name, "address": masking.address},
}

#: Entries written by accounts/services.py for changes that are not model fields.
PSEUDO_FIELDS = {
    "password": _("password"),
    "lockout": _("sign-in lockout"),
    "failed_sign_ins": _("failed sign-in attempts"),
}
PSEUDO_VALUES = {
    "hidden": _("(not recorded)"),
    "reset": _("reset by an administrator"),
    "locked": _("locked"),
    "unlocked": _("unlocked"),
}


def _key(entry):
    ct = entry.content_type
    return (ct.app_label, ct.model)


def is_personal(entry) -> bool:
    return _key(entry) in PERSONAL_MASKS


def record_label(entry, full: bool = False) -> str:
    """The record's name as logged, masked for a person unless `full`."""
    if is_personal(entry) and not full:
        return masking.name(entry.object_repr)
    return entry.object_repr


def when(entry) -> str:
    """The entry's local time to the second, the same in every language (lists and exports)."""
    return timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S")


def record_type(entry) -> str:
    model = entry.content_type.model_class()
    if model is None:  # the model no longer exists
        return f"{entry.content_type.app_label}.{entry.content_type.model}"
    return capfirst(model._meta.verbose_name)


def _field_label(model, name: str) -> str:
    if name in PSEUDO_FIELDS:
        return str(PSEUDO_FIELDS[name])
    if model is not None:
        try:
            return str(capfirst(model._meta.get_field(name).verbose_name))
        except (FieldDoesNotExist, AttributeError):
            pass
    return name


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value in PSEUDO_VALUES:
        return str(PSEUDO_VALUES[value])
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    return str(value)


def changes(entry, full: bool = False) -> list[tuple[str, str, str]]:
    """(field label, before, after) for each field the entry records, personal data masked unless `full`."""
    raw = entry.changes or {}
    if not isinstance(raw, dict):
        return []
    model = entry.content_type.model_class()
    masks = {} if full else PERSONAL_MASKS.get(_key(entry), {})
    rows = []
    for name, values in raw.items():
        if _is_reverse_relation(model, name):
            continue
        if isinstance(values, dict):  # many-to-many: {"type": "m2m", "operation": ..., "objects": [...]}
            op = values.get("operation", "")
            objects = _text(values.get("objects", []))
            before, after = ("", objects) if op == "add" else (objects, "") if op in ("delete", "clear") else ("", objects)
        elif isinstance(values, (list, tuple)) and len(values) == 2:
            before, after = _text(values[0]), _text(values[1])
        else:
            before, after = "", _text(values)
        if before == "None" or entry.action == entry.Action.CREATE:
            before = ""  # a new record had no values (a masked field would show "None" half-masked)
        if after == "None":
            after = ""
        if not before and not after:
            continue  # an empty field of a new record says nothing
        mask = masks.get(name)
        if mask is not None:
            before, after = mask(before), mask(after)
        rows.append((_field_label(model, name), before, after))
    return rows


def _is_reverse_relation(model, name: str) -> bool:
    """django-auditlog also records the other side of foreign keys pointing at a new record
    ("cases.Assignment.None"): that is no value of the record, and is not shown."""
    if model is None:
        return False
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return field.auto_created and not field.concrete


def _short(text: str) -> str:
    return text if len(text) <= VALUE_LENGTH else text[:VALUE_LENGTH - 1] + "…"


def summary(entry) -> str:
    """One line for lists and exports: "field: before → after; ...", personal data masked."""
    parts = []
    for label, before, after in changes(entry):
        if before and after:
            parts.append(f"{label}: {_short(before)} → {_short(after)}")
        else:
            parts.append(f"{label}: {_short(before or after)}")
    text = "; ".join(parts)
    return text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH - 1] + "…"


def log_personal_view(user, entry) -> None:
    """Record that `user` saw the personal data in `entry` in full."""
    if entry.object_id is None:
        return
    person = SimpleNamespace(pk=entry.object_id, name=entry.object_repr)
    fields = [n for n in (entry.changes or {}) if n in PERSONAL_MASKS.get(_key(entry), {})] or ["name"]
    log_full_view(user, [person], "page", fields=fields)
