"""Each indicator on hand-made data whose answer is known, at the edges of the period and of
the district (a record on the last day, one the day after, one in the neighbouring district)."""
import datetime as dt
from decimal import Decimal

import pytest

from zhibao.indicators import cockpit, highvalue
from zhibao.indicators.models import FactKind, PatentFact
from zhibao.indicators.periods import IndicatorInputError
from zhibao.registry.choices import RightKind
from zhibao.registry.models import IPRight, RightHolder
from zhibao.services.choices import WorkstationKind
from zhibao.services.models import Workstation
from zhibao.services.stations import save_workstation

from .conftest import MET, OVERDUE

D = dt.date
H1 = (D(2026, 1, 1), D(2026, 6, 30))


def fig(code, district=None, period=H1):
    return cockpit.figure(code, *period, district)


@pytest.fixture
def enforcement(case):
    case("enforcement", D(2025, 11, 1), filed=D(2025, 11, 1))                                  # pending at start
    case("enforcement", D(2025, 12, 1), filed=D(2025, 12, 1), closed=D(2026, 1, 1))            # closed on day 1
    case("enforcement", D(2026, 6, 30), filed=D(2026, 6, 30))                                  # filed on the last day
    case("enforcement", D(2026, 3, 1), filed=D(2026, 3, 1), closed=D(2026, 6, 30))             # closed on the last day
    case("enforcement", D(2025, 10, 1), filed=D(2025, 10, 1), closed=D(2025, 12, 31))          # over before
    case("enforcement", D(2026, 7, 1), filed=D(2026, 7, 1))                                    # filed the day after
    case("enforcement", D(2026, 2, 1))                                                         # a clue, never filed
    case("passing_off", D(2026, 2, 1), filed=D(2026, 2, 1), closed=D(2026, 2, 10), district="weiyang",
         org="weiyang_amr")
    case("report", D(2026, 2, 1), filed=D(2026, 2, 1))                                         # not enforcement


def test_6_closure_rate(enforcement):
    f = fig(6)
    assert (f.numerator, f.denominator, f.value) == (3, 5, 60.0)
    assert {p.key: p.value for p in f.by_district} == {"610113": 50.0, "610112": 100.0}
    assert fig(6, "610113").value == 50.0
    trend = dict(f.trend)
    assert trend[D(2026, 1, 1)] == 50.0      # Jan: B closed of A, B
    assert trend[D(2026, 2, 1)] == 50.0      # Feb: H closed of A, H
    assert trend[D(2026, 6, 1)] == 33.33                 # Jun: D closed of A, C, D


def test_6_records(enforcement):
    recs = cockpit.records(6, *H1)
    assert recs.queryset.count() == 5
    assert cockpit.records(6, *H1, part="numerator").queryset.count() == 3
    assert cockpit.records(6, *H1, district="610112", part="numerator").queryset.count() == 1


def test_7_within_limit(case):
    case("court", D(2026, 1, 5), filed=D(2026, 1, 5), closed=D(2026, 1, 1), trial=MET, org="city_ip")
    case("court", D(2026, 1, 5), filed=D(2026, 1, 5), closed=D(2026, 3, 1), trial=MET)
    case("court", D(2026, 1, 5), filed=D(2026, 1, 5), closed=D(2026, 6, 30), trial=MET, district="weiyang")
    case("court", D(2025, 6, 5), filed=D(2025, 6, 5), closed=D(2026, 6, 30), trial=OVERDUE)
    case("court", D(2025, 6, 5), filed=D(2025, 6, 5), closed=D(2025, 12, 31), trial=MET)   # before
    case("court", D(2026, 5, 5), filed=D(2026, 5, 5), closed=D(2026, 7, 1), trial=OVERDUE)  # after
    case("court", D(2026, 5, 5), filed=D(2026, 5, 5), trial=MET)                           # not concluded
    f = fig(7)
    assert (f.numerator, f.denominator, f.value) == (3, 4, 75.0)
    assert fig(7, "610112").value == 100.0
    assert cockpit.records(7, *H1, part="numerator").queryset.count() == 3


def test_8_and_2_assistance_and_mediation(case):
    case("assistance", D(2026, 1, 1), party="qinchuan", org="city_ip")
    case("mediation", D(2026, 6, 30), party="qinchuan")
    case("mediation", D(2026, 3, 1), outcome="declined", party="qujiang")      # not accepted, but served
    case("assistance", D(2025, 12, 31), party="qujiang")                       # before
    case("adjudication", D(2026, 3, 1), party="weiyang_food", district="weiyang")
    case("enforcement", D(2026, 3, 1), party="weiyang_food")                   # not a service
    f8 = fig(8)
    assert f8.value == 2
    assert {p.key: p.value for p in f8.by_district} == {"610113": 2}
    assert {p.value for p in f8.by_body} == {1}
    f2 = fig(2)
    assert f2.value == 3                          # qinchuan once, qujiang (a declined mediation), weiyang_food
    assert fig(2, "610112").value == 1
    assert dict(f2.trend)[D(2026, 1, 1)] == 1
    assert cockpit.records(2, *H1).queryset.count() == 3


def test_1_high_value_patents(city):
    p1 = city["patent"]                                          # granted 2020, nothing high-value yet
    PatentFact.objects.create(right=p1, kind=FactKind.FOREIGN_FAMILY, on=D(2026, 3, 15), detail="US 11,000,000")
    p2 = IPRight.objects.create(kind=RightKind.INVENTION, number="ZL201410000001.1", title="旧专利",
                                application_date=D(2014, 1, 10), grant_date=D(2016, 5, 1))
    RightHolder.objects.create(right=p2, entity=city["qujiang"])          # maintained > 10 years since 2024
    p3 = IPRight.objects.create(kind=RightKind.INVENTION, number="ZL202010000002.2", title="质押专利",
                                application_date=D(2020, 1, 10), grant_date=D(2022, 5, 1))
    RightHolder.objects.create(right=p3, entity=city["weiyang_food"])
    PatentFact.objects.create(right=p3, kind=FactKind.PLEDGE, on=D(2026, 2, 1), amount=Decimal("5000000"))
    PatentFact.objects.create(right=p3, kind=FactKind.PLEDGE, on=D(2026, 7, 1), amount=Decimal("20000000"))
    assert highvalue.refresh() == 3
    f = fig(1)
    assert (f.numerator, f.denominator, f.value) == (2, 2, 1.0)          # 2 patents / (20,000 / 10,000)
    assert dict(f.trend)[D(2026, 1, 1)] == 0.5
    assert fig(1, "610113").value == 2.0                                   # 2 patents / 1 × 10,000
    assert fig(1, period=(D(2026, 1, 1), D(2026, 7, 1))).numerator == 3  # the pledge counts from its day
    reasons = {r["criterion"] for r in cockpit.records(1, *H1).queryset.get(right=p2).reasons}
    assert reasons == {3}


def test_3_workstations_on_the_last_day(city):
    def station(name, opened, closed=None, district="yanta"):
        save_workstation(Workstation(name=name, kind=WorkstationKind.ASSISTANCE, district=city[district],
                                     opened_on=opened, closed_on=closed, host_name="管委会"))
    station("甲工作站", D(2024, 1, 1))
    station("乙工作站", D(2024, 1, 1), closed=D(2026, 6, 30))
    station("丙工作站", D(2026, 7, 1))
    station("丁工作站", D(2025, 1, 1), district="weiyang")
    f = fig(3)
    assert f.value == 3
    assert fig(3, "610112").value == 1
    assert fig(3, period=(D(2026, 7, 1), D(2026, 7, 31))).value == 3    # 乙 closed, 丙 opened


def test_bad_input_is_refused_with_a_message(city):
    with pytest.raises(IndicatorInputError, match="ends before it starts"):
        cockpit.figures(D(2026, 6, 30), D(2026, 1, 1))
    with pytest.raises(IndicatorInputError, match="not a district"):
        cockpit.figures(*H1, "610300")                         # Baoji is not in Xi'an
    with pytest.raises(IndicatorInputError, match="not a date"):
        cockpit.figures("2026-13-01", "2026-12-31")
    with pytest.raises(ValueError, match="no indicator 10"):
        cockpit.records(10, *H1)


def test_nine_figures_with_targets(city):
    figures = cockpit.figures(*H1)
    assert [f.code for f in figures] == list(range(1, 10))
    assert all(f.target and f.target.target_date == D(2025, 12, 31) for f in figures)
    assert figures[2].target.value == 240
    assert figures[3].by_district == []                        # the pool is city-wide
    future = cockpit.figure(8, D(2027, 1, 1), D(2027, 12, 31))
    assert future.value is None and future.reason
