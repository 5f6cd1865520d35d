"""What keeps the figures in step without anyone running a refresh: the signals that keep the
high-value patents and the monthly case summary current, and the snapshot job that queues its
next run."""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from zhibao.cases.models import Clock
from zhibao.indicators import cockpit, schedule
from zhibao.indicators.models import CaseMonth, FactKind, HighValuePatent, PatentFact, ServedMonth, StrategicClass
from zhibao.registry.choices import RightKind
from zhibao.registry.models import IPRight, RightHolder

from .conftest import MET

D = dt.date
H1 = (D(2026, 1, 1), D(2026, 6, 30))


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks of each block, as a real request's commit would."""
    def run():
        return django_capture_on_commit_callbacks(execute=True)
    return run


def test_high_value_patents_follow_facts_holders_and_the_patent(city, commits):
    patent = city["patent"]                             # 雁塔, filed 2018: high-value from 2028 (10 years)
    with commits():
        fact = PatentFact.objects.create(right=patent, kind=FactKind.AWARD, on=D(2026, 3, 1), detail="中国专利金奖")
    row = HighValuePatent.objects.get(right=patent)
    assert (row.district_id, row.valid_from, [r["criterion"] for r in row.reasons]) == ("610113", D(2026, 3, 1),
                                                                                        [3, 5])
    with commits():
        patent.expiry_date = D(2026, 5, 31)
        patent.save()
    assert HighValuePatent.objects.get(right=patent).valid_to == D(2026, 5, 31)
    with commits():
        fact.delete()
    assert not HighValuePatent.objects.filter(right=patent).exists()   # it expires before its tenth year

    other = IPRight.objects.create(kind=RightKind.INVENTION, number="ZL202110000003.3", title="新专利",
                                   application_date=D(2021, 1, 5), grant_date=D(2023, 4, 1), ipc_classes="H01M 10/05")
    with commits():
        holder = RightHolder.objects.create(right=other, entity=city["weiyang_food"])
        PatentFact.objects.create(right=other, kind=FactKind.PLEDGE, on=D(2026, 1, 10), amount=Decimal("20000000"))
    assert HighValuePatent.objects.get(right=other).district_id == "610112"
    with commits():
        holder.delete()                                                  # no owner in Xi'an any more
    assert not HighValuePatent.objects.filter(right=other).exists()


def test_a_concordance_change_recomputes_every_patent(city, commits):
    city["patent"].ipc_classes = "H01M 10/05"
    with commits():
        city["patent"].save()
    assert HighValuePatent.objects.get(right=city["patent"]).valid_from == D(2028, 2, 2)   # 10 years only
    with commits():                                                      # the refresh task runs at once in tests
        StrategicClass.objects.create(ipc="H01M", industry="新能源汽车产业", effective_from=D(2021, 1, 1))
    row = HighValuePatent.objects.get(right=city["patent"])
    assert (row.valid_from, row.reasons[0]["criterion"]) == (D(2021, 1, 1), 1)   # granted 2020, class from 2021


def test_case_summary_follows_each_case_and_its_trial_clock(case):
    def figure(code):
        return cockpit.figure(code, *H1)

    mediation = case("mediation", D(2026, 2, 1))
    civil = case("court", D(2026, 1, 5), filed=D(2026, 1, 5), closed=D(2026, 3, 1), trial="running", org="city_ip")
    assert (figure(8).value, figure(7).denominator, figure(7).numerator) == (1, 1, 0)
    mediation.outcome = "declined"                                       # turned away at intake after all
    mediation.save()
    Clock.objects.filter(case=civil).update(state="paused")              # (bulk: no signal) ...
    clock = Clock.objects.get(case=civil)
    clock.state = MET                                                    # ... the engine saves it met
    clock.save()
    assert (figure(8).value, figure(7).value) == (0, 100.0)
    civil.closed_on = D(2026, 7, 2)                                      # concluded after the period
    civil.save()
    assert figure(7).denominator == 0
    civil.delete()
    mediation.delete()
    assert not CaseMonth.objects.exclude(n=0).exists()


def test_summary_and_cases_agree_on_a_period_that_is_not_whole_months(case):
    case("enforcement", D(2025, 12, 1), filed=D(2025, 12, 1), closed=D(2026, 1, 20))
    case("enforcement", D(2026, 1, 2), filed=D(2026, 1, 2), closed=D(2026, 1, 31))
    case("enforcement", D(2026, 1, 25), filed=D(2026, 1, 25))
    january, part = cockpit.figure(6, D(2026, 1, 1), D(2026, 1, 31)), cockpit.figure(6, D(2026, 1, 1), D(2026, 1, 24))
    assert (january.numerator, january.denominator) == (2, 3)           # from the summary
    assert (part.numerator, part.denominator) == (1, 2)                 # from the cases


def test_the_snapshot_job_keeps_its_next_run_queued(db, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    when = schedule.ensure()
    assert timezone.localtime(when).date().day == 1 and when > timezone.now()
    assert schedule.ensure() == when                                     # one waiting run, not two
    assert DBTaskResult.objects.filter(task_path__endswith="take_snapshot").count() == 1


def test_next_run_is_the_first_night_of_the_next_month():
    december = timezone.make_aware(dt.datetime(2026, 12, 31, 23, 0))
    assert timezone.localtime(schedule.next_run(december)).replace(tzinfo=None) == dt.datetime(2027, 1, 1, 2, 0)


def test_served_summary_follows_cases_and_parties(case, city):
    from zhibao.cases.models import Party

    def served(period=H1):
        return cockpit.figure(2, *period).value

    a = case("assistance", D(2026, 2, 1), party="qinchuan")
    b = case("mediation", D(2026, 3, 1), party="qinchuan")                # the same entity: counted once
    assert served() == 1
    Party.objects.create(case=b, role="respondent", entity=city["weiyang_food"])
    assert (served(), dict(cockpit.figure(2, *H1).trend)[D(2026, 3, 1)]) == (2, 2)
    b.received_on = D(2026, 7, 1)                                          # corrected: after the period
    b.save()
    assert served() == 1
    a.parties.get().delete()
    assert served() == 0
    b.delete()
    assert not ServedMonth.objects.exists()
    assert served((D(2026, 7, 1), D(2026, 7, 15))) == 0                  # counted from the sources
