"""Indicators 4, 5 and 9 on hand-made data whose answer is known: appointments and filings
valid on the period's last day (one ending that day, one ended early the day before), each
person or entity counted once, and the mean of the responses inside the period only."""
import datetime as dt
from decimal import Decimal

from zhibao.indicators import cockpit
from zhibao.services.choices import ExpertRole, FilingStatus, ResponseChannel, SurveyOccasion
from zhibao.services.models import Expert, ExpertAppointment, FilingEntity, Survey, SurveyResponse

D = dt.date
H1 = (D(2026, 1, 1), D(2026, 6, 30))
JAN, FEB, MAR = D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)


def appoint(name, role, starts, ends=None, ended=None, by=None):
    expert = Expert.objects.filter(name=name).first() or Expert.objects.create(name=name)
    return ExpertAppointment.objects.create(expert=expert, role=role, starts_on=starts, ends_on=ends, ended_on=ended,
                                            appointed_by=by)


def test_4_experts_counted_once_on_the_last_day(city):
    appoint("甲", ExpertRole.THINK_TANK, D(2025, 1, 1), D(2027, 12, 31), by=city["city_ip"])
    appoint("甲", ExpertRole.INVESTIGATOR, D(2025, 6, 1), by=city["city_ip"])          # two roles, one person
    appoint("乙", ExpertRole.COMMISSIONER, D(2025, 1, 1), D(2026, 6, 30), by=city["yanta_amr"])  # ends on the day
    appoint("丙", ExpertRole.THINK_TANK, D(2025, 1, 1), ended=D(2026, 6, 30))         # ended early from the day
    appoint("丁", ExpertRole.INVESTIGATOR, D(2026, 7, 1))                              # starts the day after
    f = cockpit.figure(4, *H1)
    assert (f.value, f.as_of) == (2, D(2026, 6, 30))
    assert dict(f.trend)[JAN] == 3                                                     # on 31 January: 甲, 乙, 丙
    assert {p.key: p.value for p in f.by_body if p.value} == {city["city_ip"].pk: 1, city["yanta_amr"].pk: 1}
    assert cockpit.figure(4, *H1, "610113").value is None                             # the pool is city-wide
    assert cockpit.records(4, *H1).queryset.count() == 2


def file(entity, centre, status, valid_from=None, until=None, revoked=None):
    return FilingEntity.objects.create(entity=entity, centre=centre, applied_on=D(2024, 12, 1), status=status,
                                       valid_from=valid_from, valid_until=until, revoked_on=revoked)


def test_5_filing_entities_valid_on_the_last_day(city):
    file(city["qinchuan"], city["city_ip"], FilingStatus.APPROVED, D(2025, 6, 1), D(2028, 5, 31))
    file(city["qinchuan"], city["yanta_amr"], FilingStatus.APPROVED, D(2025, 6, 1), D(2028, 5, 31))  # 2nd centre
    file(city["qujiang"], city["city_ip"], FilingStatus.REVOKED, D(2025, 1, 1), D(2027, 12, 31),
         revoked=D(2026, 7, 1))                                                        # revoked the day after
    file(city["weiyang_food"], city["weiyang_amr"], FilingStatus.REVOKED, D(2025, 1, 1), D(2027, 12, 31),
         revoked=D(2026, 6, 30))                                                       # revoked from the day
    file(city["weiyang_food"], city["city_ip"], FilingStatus.APPLIED)                   # never approved
    f = cockpit.figure(5, *H1)
    assert f.value == 2
    assert dict(f.trend)[JAN] == 3
    assert {p.key: p.value for p in f.by_district}.get("610113") == 2
    assert cockpit.figure(5, *H1, "610112").value == 0
    assert {p.key: p.value for p in f.by_body}[city["city_ip"].pk] == 2
    assert set(cockpit.records(5, *H1).queryset.values_list("name", flat=True)) == {
        city["qinchuan"].name, city["qujiang"].name}


def test_9_mean_score_of_the_period(city):
    survey = Survey.objects.create(title="满意度调查", occasion=SurveyOccasion.PUBLIC, opens_on=D(2025, 1, 1))

    def respond(day, score, district="yanta", org="yanta_amr"):
        SurveyResponse.objects.create(survey=survey, received_on=day, channel=ResponseChannel.PORTAL,
                                      rated_org=city[org], district=city[district], score=Decimal(score))
    respond(D(2026, 1, 1), 80)                                       # the first day
    respond(D(2026, 6, 30), 90)                                      # the last day
    respond(D(2026, 3, 1), 60, district="weiyang", org="weiyang_amr")
    respond(D(2025, 12, 31), 100)                                    # the day before
    respond(D(2026, 7, 1), 10)                                       # the day after
    f = cockpit.figure(9, *H1)
    assert (f.numerator, f.denominator, f.value) == (230.0, 3, 76.67)
    assert {p.key: p.value for p in f.by_district} == {"610113": 85.0, "610112": 60.0}
    assert {p.key: p.value for p in f.by_body}[city["weiyang_amr"].pk] == 60.0
    trend = dict(f.trend)
    assert (trend[JAN], trend[FEB], trend[MAR]) == (80.0, None, 60.0)
    empty = cockpit.figure(9, D(2024, 1, 1), D(2024, 12, 31))
    assert empty.value is None and empty.reason
