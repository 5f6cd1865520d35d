"""Permission codes of the cases app (`user.has_perm(code)`, answered from the role).

`proposed_role_permissions()` says which role holds which; accounts/roles.py merges it into
the one table (docs/security.md). Administrators hold all of them.
"""


class CasesPerm:
    VIEW = "cases.view"                       # see cases within scope: lists, case pages, timelines
    HANDLE = "cases.handle"                   # take the steps one's role may take; parties, rights, documents
    EXPORT = "cases.export"                   # export case lists to Excel
    RULES = "cases.manage_limits"             # change time-limit rules (kept with their history)


ALL = tuple(v for k, v in vars(CasesPerm).items() if k.isupper())


def proposed_role_permissions() -> dict[str, frozenset[str]]:
    from zhibao.accounts.roles import Role

    P = CasesPerm
    staff = {P.VIEW, P.HANDLE, P.EXPORT}
    return {
        Role.IP_OFFICER: frozenset(staff | {P.RULES}),
        Role.CENTRE_OFFICER: frozenset(staff),
        Role.MEDIATOR: frozenset(staff),
        Role.EXPERT: frozenset(),
        Role.WORKSTATION: frozenset(staff),
        Role.LIAISON: frozenset(staff),
        Role.ENTERPRISE: frozenset({P.VIEW}),  # its own cases only (scope: parties' entity)
        Role.LEADERSHIP: frozenset(),           # the cockpit, nothing personal
    }
