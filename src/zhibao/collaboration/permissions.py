"""Permission codes of the collaboration app (`user.has_perm(code)`, answered from the role).

`proposed_role_permissions()` says which role holds which; accounts/roles.py merges it into
the one table (docs/security.md). Administrators hold all of them.
"""


class CollaborationPerm:
    VIEW = "collaboration.view"               # see transfers, operations and meetings within scope
    TRANSFER = "collaboration.transfer"       # transfer clues or cases; request assisted investigation
    RECEIVE = "collaboration.receive"         # acknowledge what one's body received and report outcomes
    OPERATIONS = "collaboration.operations"   # run joint operations and record joint meetings


ALL = tuple(v for k, v in vars(CollaborationPerm).items() if k.isupper())


def proposed_role_permissions() -> dict[str, frozenset[str]]:
    from zhibao.accounts.roles import Role

    P = CollaborationPerm
    every = {P.VIEW, P.TRANSFER, P.RECEIVE}
    return {
        Role.IP_OFFICER: frozenset(every | {P.OPERATIONS}),
        Role.CENTRE_OFFICER: frozenset(every),
        Role.MEDIATOR: frozenset(every),
        Role.EXPERT: frozenset(),
        Role.WORKSTATION: frozenset({P.VIEW, P.TRANSFER}),
        Role.LIAISON: frozenset(every | {P.OPERATIONS}),
        Role.ENTERPRISE: frozenset(),
        Role.LEADERSHIP: frozenset(),
    }
