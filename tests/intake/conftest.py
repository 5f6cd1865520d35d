"""Intake tests: the case tests' fixed today and users, hand-made rules, cases opened through the engine."""
import datetime as dt
from decimal import Decimal

import pytest

from tests.cases.conftest import english, fast_passwords, fresh_calendar_cache, people, set_today  # noqa: F401
from zhibao.cases import engine
from zhibao.intake import rules
from zhibao.intake.models import Proposal, TrackCriteria, TriageRule

D = dt.date


@pytest.fixture
def no_rules(db):
    """Start from no rules and no criteria (the seeded Xi'an rules are tested on their own)."""
    Proposal.objects.all().delete()
    TriageRule.objects.all().delete()
    TrackCriteria.objects.all().delete()


@pytest.fixture
def rule(people):
    """rule(code, **values): a hand-made rule in force from 2026-01-01 (first version)."""
    def make(code, *, why="测试规则", **values):
        values.setdefault("name", code)
        values.setdefault("effective_from", D(2026, 1, 1))
        values.setdefault("procedure", "enforcement")
        values.setdefault("reasons", f"reason of {code}")
        if "body" not in values:
            values.setdefault("body_kind", "ip_admin")
        return rules.create_rule(code, people["officer"], values, why)
    return make


@pytest.fixture
def criteria(people):
    def make(**values):
        values.setdefault("effective_from", D(2026, 1, 1))
        return rules.change_criteria(people["officer"], values, "测试标准")
    return make


@pytest.fixture
def open_report(people, orgs):
    """open_report(**kw): a named report opened by the city officer through the engine."""
    def make(procedure="report", *, user=None, at=D(2026, 11, 2), respondent=None, rights=(), products=(),
             places=(), district=None, foreign=False, title="举报：侵权", **kw):
        parties = [{"role": "reporter" if procedure == "report" else "complainant", "name": "张三"}]
        if respondent is not None:
            spec = {"role": "respondent", "no_prc_domicile": foreign}
            spec.update({"entity": respondent} if not isinstance(respondent, str) else {"name": respondent})
            parties.append(spec)
        elif procedure == "complaint":
            parties.append({"role": "respondent", "name": "某公司", "no_prc_domicile": foreign})
        elif foreign:
            parties.append({"role": "respondent", "name": "Foreign Ltd", "no_prc_domicile": True})
        return engine.open_case(
            procedure, user or people["officer"], handling_org=kw.pop("handling_org", orgs["city_ip"]), title=title,
            at=at, kind="named" if procedure == "report" else "", channel=kw.pop("channel", "hotline"),
            district=district, parties=parties, rights=list(rights),
            products=[p if isinstance(p, dict) else {"name": p} for p in products], places=list(places), **kw)
    return make


def money(value) -> Decimal:
    return Decimal(str(value))
