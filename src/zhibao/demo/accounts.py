"""The demo accounts, one per role, that `zhibao demo` creates and `make run` prints."""
from dataclasses import dataclass

from zhibao.accounts.roles import Role, Scope

from .data.economy import DEMO_ENTERPRISE
from .data.organizations import CITY_CENTRE, CITY_IP_ADMIN, CITY_MEDIATION, CITY_POLICE, district_bureau


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    scope: str
    organization: str | None  # organization name, looked up when the account is created
    entity: str | None = None  # for enterprise users: the market entity's name
    full_name: str = ""

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


DEMO_PASSWORD = "zhibao-demo-2026"

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", DEMO_PASSWORD, Role.ADMIN, Scope.CITY, CITY_IP_ADMIN, full_name="系统管理员"),
    DemoAccount("officer", DEMO_PASSWORD, Role.IP_OFFICER, Scope.CITY, CITY_IP_ADMIN, full_name="市局执法员"),
    DemoAccount("yanta", DEMO_PASSWORD, Role.IP_OFFICER, Scope.DISTRICT, district_bureau("610113"),
                full_name="雁塔区局执法员"),
    DemoAccount("centre", DEMO_PASSWORD, Role.CENTRE_OFFICER, Scope.ORGANIZATION, CITY_CENTRE,
                full_name="保护中心专员"),
    DemoAccount("mediator", DEMO_PASSWORD, Role.MEDIATOR, Scope.ORGANIZATION, CITY_MEDIATION, full_name="调解员"),
    DemoAccount("expert", DEMO_PASSWORD, Role.EXPERT, Scope.ORGANIZATION, None, full_name="技术调查官"),
    DemoAccount("workstation", DEMO_PASSWORD, Role.WORKSTATION, Scope.ORGANIZATION, "西安高新区知识产权维权援助工作站",
                full_name="工作站专员"),
    DemoAccount("police", DEMO_PASSWORD, Role.LIAISON, Scope.CITY, CITY_POLICE, full_name="公安联络员"),
    DemoAccount("enterprise", DEMO_PASSWORD, Role.ENTERPRISE, Scope.ORGANIZATION, None,
                entity=DEMO_ENTERPRISE["name"], full_name="秦川智能知识产权专员"),
    DemoAccount("leader", DEMO_PASSWORD, Role.LEADERSHIP, Scope.CITY, CITY_IP_ADMIN, full_name="市领导"),
)


def create_demo_accounts(writer) -> list:
    """Create the demo accounts (the password is hashed once: they all share it)."""
    from django.contrib.auth.hashers import make_password

    from zhibao.accounts.models import User
    from zhibao.registry.models import MarketEntity, Organization

    orgs = {o.name: o for o in Organization.objects.filter(name__in={a.organization for a in DEMO_ACCOUNTS})}
    entities = {e.name: e for e in MarketEntity.objects.filter(name__in={a.entity for a in DEMO_ACCOUNTS if a.entity})}
    hashed = make_password(DEMO_PASSWORD)
    users = [
        User(username=a.username, password=hashed, role=a.role, scope=a.scope, full_name=a.full_name,
             organization=orgs.get(a.organization), entity=entities.get(a.entity),
             is_superuser=a.role == Role.ADMIN, is_staff=a.role == Role.ADMIN)
        for a in DEMO_ACCOUNTS
    ]
    created = User.objects.bulk_create(users)
    writer.record(User, [u.pk for u in created])
    return created
