"""Fixtures of the indicators tests: a small Xi'an whose figures are known by hand.

Today is 2026-11-20 (cockpit and services rules). `case(...)` writes a Case row directly:
the indicators read cases, they do not run procedures."""
import datetime as dt

import pytest
from django.utils import translation

from zhibao.cases.models import Case, Clock, ClockState, Party
from zhibao.indicators import periods
from zhibao.registry.models import PopulationRecord
from zhibao.services import common

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(periods, "today", lambda: TODAY)
    monkeypatch.setattr(common, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def city(xian, orgs, entities):
    PopulationRecord.objects.create(district=xian["city"], year=2025, population=20_000)
    PopulationRecord.objects.create(district=xian["yanta"], year=2025, population=10_000)
    return {**xian, **orgs, **entities}


@pytest.fixture
def case(city):
    def make(procedure, received, *, district="yanta", org="yanta_amr", filed=None, closed=None, outcome="",
             party=None, trial=None):
        c = Case.objects.create(procedure=procedure, stage="closed" if closed else "open", title=procedure,
                                handling_org=city[org], district=city[district], received_on=received,
                                filed_on=filed, closed_on=closed, outcome=outcome)
        if party is not None:
            Party.objects.create(case=c, role="requester", entity=city[party])
        if trial is not None:
            Clock.objects.create(case=c, code="trial", started_on=filed or received, state=trial,
                                 stopped_on=closed, rule={"unit": "months", "n": 6})
        return c
    return make


MET, OVERDUE = ClockState.MET, ClockState.OVERDUE
