"""Permission codes of the indicators app (`user.has_perm(code)`, answered from the role).

`proposed_role_permissions()` says which role holds which; accounts/roles.py merges it into
the one table (docs/security.md). Administrators hold all of them.
"""


class IndicatorsPerm:
    MANAGE = "indicators.manage"              # set targets, criteria, thresholds and population (with history)
    REPORT = "indicators.report"              # download the cockpit as Excel and Word reports


ALL = tuple(v for k, v in vars(IndicatorsPerm).items() if k.isupper())


def proposed_role_permissions() -> dict[str, frozenset[str]]:
    from zhibao.accounts.roles import Role

    P = IndicatorsPerm
    return {
        Role.IP_OFFICER: frozenset({P.MANAGE, P.REPORT}),
        Role.CENTRE_OFFICER: frozenset(),
        Role.MEDIATOR: frozenset(),
        Role.EXPERT: frozenset(),
        Role.WORKSTATION: frozenset(),
        Role.LIAISON: frozenset(),
        Role.ENTERPRISE: frozenset(),
        Role.LEADERSHIP: frozenset({P.REPORT}),  # with cockpit.view (accounts/roles.py)
    }
