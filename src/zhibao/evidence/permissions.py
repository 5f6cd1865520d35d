"""Permission codes of the evidence app (`user.has_perm(code)`, answered from the role).

`proposed_role_permissions()` says which role holds which; accounts/roles.py merges it into
the one table (docs/security.md). Administrators hold all of them.
"""


class EvidencePerm:
    VIEW = "evidence.view"                    # see the evidence of cases one may see
    UPLOAD = "evidence.upload"                # upload evidence to a case one handles
    CUSTODY = "evidence.custody"              # record custody events and run integrity checks


ALL = tuple(v for k, v in vars(EvidencePerm).items() if k.isupper())


def proposed_role_permissions() -> dict[str, frozenset[str]]:
    from zhibao.accounts.roles import Role

    P = EvidencePerm
    handlers = {P.VIEW, P.UPLOAD, P.CUSTODY}
    return {
        Role.IP_OFFICER: frozenset(handlers),
        Role.CENTRE_OFFICER: frozenset(handlers),
        Role.MEDIATOR: frozenset({P.VIEW, P.UPLOAD}),
        Role.EXPERT: frozenset(),
        Role.WORKSTATION: frozenset({P.VIEW, P.UPLOAD}),
        Role.LIAISON: frozenset(handlers),
        Role.ENTERPRISE: frozenset(),
        Role.LEADERSHIP: frozenset(),
    }
