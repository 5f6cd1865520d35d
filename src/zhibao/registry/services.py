"""Saving registry records: validation, duplicate refusal and optimistic locking.

Pages, the API and imports all save through `save_record`, so a duplicate USCC or a
stale edit is refused the same way everywhere, and django-auditlog sees every change.
"""
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from . import masking
from .models import IPRight, MarketEntity, Organization, Person

# The natural keys under which a second record would be a duplicate.
DUPLICATE_KEYS: dict[type[models.Model], tuple[str, ...]] = {
    MarketEntity: ("uscc",),
    Person: ("id_number",),
    IPRight: ("kind", "number"),
    Organization: ("name",),
}


class StaleVersion(Exception):
    """The record changed since the user loaded it."""

    def __init__(self, current):
        self.current = current
        super().__init__(_("Someone else saved this record after you opened it. Your changes were not saved; "
                           "reload the page to see the current version, then make your changes again."))


class Duplicate(ValidationError):
    """A record with the same natural key exists; carries it so callers can link to it."""

    def __init__(self, existing, field: str):
        self.existing = existing
        self.field = field
        # A person is never named: whoever typed a duplicate ID number may not see whose it is.
        label = masking.name(existing.name) if isinstance(existing, Person) else existing
        super().__init__(
            {field: [_("%(model)s “%(name)s” already has this %(field)s.") % {
                "model": existing._meta.verbose_name, "name": label,
                "field": existing._meta.get_field(field).verbose_name,
            }]}
        )


@dataclass
class Saved:
    record: models.Model
    created: bool


def find_duplicate(record: models.Model):
    keys = DUPLICATE_KEYS.get(type(record))
    if not keys:
        return None
    values = {k: getattr(record, k) for k in keys}
    if any(v in (None, "") for v in values.values()):
        return None
    return type(record)._default_manager.filter(**values).exclude(pk=record.pk).first()


def save_record(record: models.Model, expected_version: int | None = None) -> Saved:
    """Validate and save one record. Raises ValidationError (Duplicate) or StaleVersion; writes nothing then."""
    model = type(record)
    creating = record.pk is None
    with transaction.atomic():
        if not creating and hasattr(record, "version"):
            current = model._default_manager.select_for_update().filter(pk=record.pk).values_list(
                "version", flat=True).first()
            if current is None:
                raise ValidationError(_("This record no longer exists; it may have been deleted."))
            if expected_version is not None and current != expected_version:
                raise StaleVersion(current)
            record.version = current + 1
        # Field rules first, then our duplicate check (it names the existing record), then
        # Django's unique checks and constraints for anything the natural key does not cover.
        record.full_clean(validate_unique=False, validate_constraints=False)
        existing = find_duplicate(record)
        if existing is not None:
            raise Duplicate(existing, DUPLICATE_KEYS[model][-1])
        record.validate_unique()
        record.validate_constraints()
        record.save()
    return Saved(record, creating)
