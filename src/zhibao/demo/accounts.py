"""The demo accounts, one per role, that `zhibao demo` creates and `make run` prints."""
from dataclasses import dataclass

from zhibao.accounts.roles import Role, Scope


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    scope: str
    organization: str | None  # organization name, looked up when the account is created

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


DEMO_PASSWORD = "zhibao-demo-2026"

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", DEMO_PASSWORD, Role.ADMIN, Scope.CITY, "西安市市场监督管理局（西安市知识产权局）"),
)
