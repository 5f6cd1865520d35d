"""Snapshots keep a month as it was; the API answers the cockpit's roles only; status projection."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from zhibao.accounts.roles import Role, Scope
from zhibao.cases.models import Case
from zhibao.indicators import projection, snapshots, targets
from zhibao.indicators.definitions import Kind, Status
from zhibao.indicators.models import Snapshot

D = dt.date


def test_a_record_corrected_after_the_snapshot(case):
    c = case("mediation", D(2026, 6, 30))
    case("assistance", D(2026, 6, 1))
    result = snapshots.take(D(2026, 6, 1))
    assert result["stored"] == 9 * 3 and not result["already"]            # the city and its two districts
    assert snapshots.take(D(2026, 6, 15)) == {"month": "2026-06", "stored": 0, "already": True}
    c.received_on = D(2026, 7, 1)                                         # corrected: received a day later
    c.save()
    row = {r.code: r for r in snapshots.compare("2026-06")}[8]
    assert (row.snapshot, row.live, row.difference, row.changed) == (2.0, 1, -1.0, True)
    assert snapshots.history(8) == [(D(2026, 6, 1), 2.0)]


def test_a_bulk_correction_shows_after_a_refresh(case):
    """Bulk writes send no signals: the monthly case summary catches up on `indicators refresh`."""
    c = case("mediation", D(2026, 6, 30))
    Case.objects.filter(pk=c.pk).update(received_on=D(2026, 7, 1))
    assert {r.code: r.live for r in snapshots.compare("2026-06")}[8] == 1
    call_command("indicators", "refresh")
    assert {r.code: r.live for r in snapshots.compare("2026-06")}[8] == 0


def test_snapshot_command_refuses_an_unfinished_month(city):
    call_command("snapshot", month="2026-10")
    assert Snapshot.objects.filter(month=D(2026, 10, 1), district="").count() == 9
    with pytest.raises(Exception, match="after it has ended"):
        call_command("snapshot", month="2026-11")


def test_targets_have_history(city):
    assert targets.in_force(3, D(2026, 1, 1)).value == 240
    targets.set_target(3, "260", D(2027, 12, 31), D(2026, 3, 1))
    assert targets.in_force(3, D(2026, 2, 28)).value == 240
    assert targets.in_force(3, D(2026, 3, 1)).value == Decimal("260")
    with pytest.raises(ValueError, match="above zero"):
        targets.set_target(3, "-1", D(2027, 12, 31), D(2026, 4, 1))


@pytest.mark.parametrize("kind,value,trend,expected", [
    (Kind.STOCK, 250, [], Status.MET),
    # 200 in January, 220 in March: +10 a month reaches 240 by the end of July
    (Kind.STOCK, 220, [(D(2026, 1, 31), 200), (D(2026, 2, 28), 210), (D(2026, 3, 31), 220)], Status.ON_TRACK),
    (Kind.STOCK, 220, [(D(2026, 1, 31), 220), (D(2026, 2, 28), 220), (D(2026, 3, 31), 220)], Status.AT_RISK),
])
def test_status_projects_the_monthly_values(kind, value, trend, expected):
    target_date = D(2026, 12, 31)
    projected = projection.project(kind, value, trend, target_date, 90)
    assert projection.status(value, Decimal(240), projected, target_date, D(2026, 3, 31)) == expected


def test_flow_status_projects_the_pace_to_a_year():
    # 60 cases in the first quarter: 243 a year, above 200
    assert projection.project(Kind.FLOW, 60, [], D(2026, 12, 31), 90) == pytest.approx(243.33, abs=0.01)
    assert projection.status(60, Decimal(200), 243.3, D(2026, 12, 31), D(2026, 3, 31)) == Status.ON_TRACK
    assert projection.status(150, Decimal(200), 180, D(2025, 12, 31), D(2026, 3, 31)) == Status.AT_RISK


@pytest.mark.parametrize("role,status", [(Role.LEADERSHIP, 200), (Role.IP_OFFICER, 200), (Role.ADMIN, 200),
                                         (Role.ENTERPRISE, 403), (Role.MEDIATOR, 403)])
def test_api_per_role(city, make_user, client_for, role, status):
    user = make_user(role, Scope.CITY, username=f"u-{role}")
    response = client_for(user).get("/api/v1/indicators?period_start=2026-01-01&period_end=2026-06-30")
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert [i["code"] for i in body["indicators"]] == list(range(1, 10))
        assert {"name", "unit", "target", "value", "status"} <= set(body["indicators"][0])
        assert body["indicators"][2]["target"]["value"] == 240


def test_api_anonymous_and_bad_input(city, make_user, client_for, client):
    assert client.get("/api/v1/indicators").status_code == 401
    api = client_for(make_user(Role.LEADERSHIP, Scope.CITY, username="leader"))
    reversed_ = api.get("/api/v1/indicators?period_start=2026-06-30&period_end=2026-01-01")
    assert reversed_.status_code == 422 and "period_end" in reversed_.json()["errors"]
    unknown = api.get("/api/v1/indicators?district=999999")
    assert unknown.status_code == 422 and "district" in unknown.json()["errors"]
    assert api.get("/api/v1/indicators?district=610113").json()["district"] == "610113"
