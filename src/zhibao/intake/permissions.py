"""Permission codes of the intake app (`user.has_perm(code)`, answered from the role).

`proposed_role_permissions()` says which role holds which; accounts/roles.py merges it into
the one table (docs/security.md). Administrators hold all of them.
"""


class IntakePerm:
    RECORD = "intake.record"                  # enter reports and complaints by hotline or walk-in
    TRIAGE = "intake.triage"                  # see triage proposals and decide routing, track and duplicates
    RULES = "intake.manage_rules"             # edit the triage rules (kept with their history)


ALL = tuple(v for k, v in vars(IntakePerm).items() if k.isupper())


def proposed_role_permissions() -> dict[str, frozenset[str]]:
    from zhibao.accounts.roles import Role

    P = IntakePerm
    return {
        Role.IP_OFFICER: frozenset({P.RECORD, P.TRIAGE, P.RULES}),
        Role.CENTRE_OFFICER: frozenset({P.RECORD, P.TRIAGE}),
        Role.MEDIATOR: frozenset(),
        Role.EXPERT: frozenset(),
        Role.WORKSTATION: frozenset({P.RECORD}),
        Role.LIAISON: frozenset(),
        Role.ENTERPRISE: frozenset(),
        Role.LEADERSHIP: frozenset(),
    }
