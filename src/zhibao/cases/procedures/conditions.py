"""Conditions that declarations name by string, so that declarations stay data.

Forms:
  ""                       always
  "kind=a|b"               the case's kind is one of a, b
  "track=a|b"              the case's track (simple, complex, fast)
  "outcome=a|b"            the outcome given in this transition's fields, else the case's
  "has:NAME"               a non-empty value NAME in this transition's fields or the case's facts
  "respondent_abroad"      a respondent has no domicile in the PRC
  "not COND"               the opposite of COND
"""
from __future__ import annotations

from typing import Callable

Predicate = Callable[[object, dict], bool]


def _one_of(attr: str, values: set[str]) -> Predicate:
    def test(case, data):
        return (getattr(case, attr, "") or "") in values
    return test


def _outcome(values: set[str]) -> Predicate:
    def test(case, data):
        return (data.get("outcome") or getattr(case, "outcome", "") or "") in values
    return test


def _has(name: str) -> Predicate:
    def test(case, data):
        value = data.get(name)
        if value in (None, "", False):
            value = (getattr(case, "facts", None) or {}).get(name)
        return value not in (None, "", False, 0, "0")
    return test


def _respondent_abroad(case, data) -> bool:
    from zhibao.cases.models import PartyRole

    if case.pk is None:
        return False
    return case.parties.filter(role=PartyRole.RESPONDENT, no_prc_domicile=True).exists()


NAMED: dict[str, Predicate] = {
    "respondent_abroad": _respondent_abroad,
}


def parse(expr: str) -> Predicate:
    """The predicate for `expr`; ValueError for an expression no form matches."""
    expr = (expr or "").strip()
    if not expr:
        return lambda case, data: True
    if expr.startswith("not "):
        inner = parse(expr[4:])
        return lambda case, data: not inner(case, data)
    if expr.startswith("has:") and expr[4:].strip():
        return _has(expr[4:].strip())
    if "=" in expr:
        attr, _sep, values = expr.partition("=")
        wanted = {v.strip() for v in values.split("|") if v.strip()}
        if not wanted:
            raise ValueError(f"condition {expr!r} names no value")
        attr = attr.strip()
        if attr in ("kind", "track"):
            return _one_of(attr, wanted)
        if attr == "outcome":
            return _outcome(wanted)
        raise ValueError(f"condition {expr!r}: unknown attribute {attr!r}")
    if expr in NAMED:
        return NAMED[expr]
    raise ValueError(f"unknown condition {expr!r}")


def holds(expr: str, case, data: dict | None = None) -> bool:
    return parse(expr)(case, data or {})


def values_named(expr: str, attr: str) -> set[str]:
    """The values an `attr=a|b` condition names (for checking declarations)."""
    expr = (expr or "").strip()
    if expr.startswith("not "):
        expr = expr[4:]
    name, _sep, values = expr.partition("=")
    if name.strip() != attr:
        return set()
    return {v.strip() for v in values.split("|") if v.strip()}
