"""Choosing a registered market entity or person as a party of a case, by type-ahead.

The suggestions and the check of the chosen value follow the same rules: registry search
(registry.search), only records in the user's scope (accounts.scope.visible), persons only for
users who may see persons, and a person's name and ID number masked unless the user may see
them in full, in which case the full view is logged like any other (audit.personal).
A chosen value is "entity:<id>" or "person:<id>".
"""
from django.utils.translation import gettext as _

from zhibao.accounts.roles import Perm
from zhibao.accounts.scope import visible
from zhibao.audit.personal import log_full_view
from zhibao.registry import masking, search
from zhibao.registry.models import MarketEntity, Person

from .errors import InvalidField

LIMIT = 8
MIN_QUERY = 2  # one character matches a good part of the city


def searchable(text: str) -> bool:
    """Whether enough was typed to search."""
    return len(search.normalize(text)) >= MIN_QUERY


def suggestions(user, text: str, limit: int = LIMIT) -> list[dict]:
    """Entities and persons in the user's scope matching `text`: value, name, code, kind."""
    if not searchable(text):
        return []
    text = search.normalize(text)
    entities = search.entities(visible(MarketEntity.objects.all(), user), text).order_by("name", "pk")[:limit]
    out = [{"value": f"entity:{e.pk}", "name": e.name, "code": e.uscc, "kind": _("Market entity")}
           for e in entities]
    if user.has_perm(Perm.PERSON_VIEW):
        persons = list(search.persons(visible(Person.objects.all(), user), text).order_by("name", "pk")[:limit])
        full = user.has_perm(Perm.PERSON_VIEW_FULL)
        if full and persons:
            log_full_view(user, persons, "page", fields=("name", "id_number"))
        out += [{"value": f"person:{p.pk}", "name": p.name if full else masking.name(p.name),
                 "code": (p.id_number or "") if full else masking.id_number(p.id_number), "kind": _("Person")}
                for p in persons]
    return out


def chosen(user, value: str) -> dict:
    """The entity or person a chosen value names, as `engine.add_party` takes it; refused
    (InvalidField) if it is malformed, unknown or outside the user's scope."""
    kind, _sep, pk = (value or "").partition(":")
    models = {"entity": MarketEntity, "person": Person}
    found = None
    if kind in models and pk.isdigit() and (kind == "entity" or user.has_perm(Perm.PERSON_VIEW)):
        found = visible(models[kind].objects.all(), user).filter(pk=int(pk)).first()
    if found is None:
        raise InvalidField(_("The chosen party is not in the registry within your data scope; search again."),
                           fields=("registered",))
    return {kind: found}
