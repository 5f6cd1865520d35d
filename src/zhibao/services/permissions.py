"""Permission codes of the services app (`user.has_perm(code)`, answered from the role).

Which role holds which code is decided in `accounts/roles.py` (see docs/services.md for the
proposal). Administrators (superusers) hold all of them.
"""


class ServicePerm:
    VIEW = "services.view"                      # workstations, service records, lists (within scope)
    RECORD = "services.record"                  # record services given at one's workstation
    CHANGE = "services.change"                  # manage workstations, protection lists, special actions
    EXPORT = "services.export"                  # export the lists to Excel
    EXPERTS_VIEW = "services.view_experts"      # see the expert pool, draws and opinions
    EXPERTS_CHANGE = "services.change_experts"  # add and edit experts, appointments, declared ties
    DRAW = "services.draw"                      # draw experts for a case; record recusal and replacement
    OPINION = "services.opinion"                # an expert records an opinion on a case they were drawn for
    PREEXAM = "services.preexam"                # filing entities and pre-examination requests (centres)
    SHARE_PRODUCT = "services.share_product"    # a right holder describes genuine goods for chosen bodies
    SURVEYS = "services.manage_surveys"         # surveys, invitations, individual (anonymous) responses


ALL = tuple(v for k, v in vars(ServicePerm).items() if k.isupper())


def proposed_role_permissions() -> dict[str, frozenset[str]]:
    """Which role should hold which code: the proposal for accounts/roles.py (the tests grant
    exactly this until roles.py does). Leadership sees the cockpit only: nothing personal."""
    from zhibao.accounts.roles import Role

    P = ServicePerm
    return {
        Role.IP_OFFICER: frozenset({P.VIEW, P.CHANGE, P.EXPORT, P.EXPERTS_VIEW, P.EXPERTS_CHANGE, P.DRAW,
                                    P.PREEXAM, P.SURVEYS}),
        Role.CENTRE_OFFICER: frozenset({P.VIEW, P.RECORD, P.EXPORT, P.EXPERTS_VIEW, P.EXPERTS_CHANGE, P.DRAW,
                                        P.PREEXAM, P.SURVEYS}),
        Role.MEDIATOR: frozenset({P.VIEW, P.EXPERTS_VIEW}),
        Role.EXPERT: frozenset({P.OPINION}),
        Role.WORKSTATION: frozenset({P.VIEW, P.RECORD, P.EXPORT}),
        Role.LIAISON: frozenset({P.VIEW, P.EXPERTS_VIEW}),
        Role.ENTERPRISE: frozenset({P.VIEW, P.SHARE_PRODUCT}),
        Role.LEADERSHIP: frozenset(),
    }
