"""A case party's name as it is shown on a page, a list or a choice: natural persons (registered,
or a name typed on the case) masked unless shown in full, which only the logged full view does.

Every app that shows a party (the case page, the evidence upload form and list, ...) asks here,
so no page or select box shows a person's name in full by accident.
"""
from zhibao.registry import masking


def shown(party, *, full: bool = False) -> str:
    """The party's name: a registered entity's as registered, a person's masked unless `full`."""
    if party.entity_id:
        return party.entity.name
    name = party.person.name if party.person_id else party.name
    return name if full else masking.name(name)


def choice_label(party) -> str:
    """The party in a select box: its role and its (masked) name."""
    return f"{party.get_role_display()}: {shown(party)}"
