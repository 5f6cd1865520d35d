"""docs/security.md's tables say what the code does."""
from pathlib import Path

from importlib import import_module

from zhibao.accounts.roles import APP_PERMISSION_MODULES, ROLE_PERMISSIONS, Perm, Role
from zhibao.accounts.services import ROLE_SCOPES
from zhibao.audit import retention

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def table_after(header_start: str) -> list[list[str]]:
    """The rows of the markdown table whose header row starts with `header_start`."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return [rows[0]] + rows[2:]  # without the |---| line


def test_permission_table_matches_role_permissions():
    header, *rows = table_after("| permission |")
    roles = header[1:]
    assert roles == [r.value for r in Role]
    documented = {role: set() for role in roles}
    codes = []
    for row in rows:
        code = row[0].strip("`")
        codes.append(code)
        for role, cell in zip(roles, row[1:]):
            assert cell in ("", "✓"), row
            if cell == "✓":
                documented[role].add(code)
    assert sorted(codes) == sorted([v for k, v in vars(Perm).items() if k.isupper()] + 
                                                                         [c for m in APP_PERMISSION_MODULES for c in import_module(m).ALL])
    assert documented == {r.value: set(ROLE_PERMISSIONS[r]) for r in Role}


def test_scope_table_matches_the_rules():
    _header, *rows = table_after("| role | allowed scopes |")
    documented = {row[0].strip("`"): {s.strip() for s in row[1].split(",")} for row in rows}
    assert documented == {r.value: set(ROLE_SCOPES[r]) for r in Role}


def test_every_role_has_scopes():
    assert set(ROLE_SCOPES) == set(Role)


def test_retention_table_names_the_legal_periods():
    text = DOC.read_text(encoding="utf-8")
    for label, years in retention.LEGAL_RETENTION_YEARS.items():
        assert f"| `{label}`" in text and f"{years} years" in text
    assert f"{retention.PERSONAL_VIEW_YEARS} years" in text and f"{retention.MINIMUM_DAYS} days" in text
