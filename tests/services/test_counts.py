"""The indicator queries of counts.py on hand-made data whose answers are known, at the
boundaries of days and periods (first and last day included)."""
import datetime as dt

import pytest

from zhibao.cases.models import Case, Party
from zhibao.services import counts, preexam
from zhibao.services.choices import ExpertRole, ServiceKind, WorkstationKind
from zhibao.services.models import (
    CentreProfile, Expert, ExpertAppointment, FilingEntity, PreexamRequest, ServiceRecipient, ServiceRecord,
)

from .conftest import make_station

pytestmark = pytest.mark.django_db
D = dt.date


def test_workstations_in_operation_on_a_day(world):
    make_station(world, "甲站", opened=D(2025, 1, 1))
    make_station(world, "乙站", opened=D(2025, 6, 1), closed=D(2025, 12, 31), district="weiyang")
    make_station(world, "丙站", opened=D(2026, 3, 1), kind=WorkstationKind.POLICE)
    assert counts.workstations_in_operation(D(2024, 12, 31)) == 0
    assert counts.workstations_in_operation(D(2025, 1, 1)) == 1             # its first day counts
    assert counts.workstations_in_operation(D(2025, 6, 1)) == 2
    assert counts.workstations_in_operation(D(2025, 12, 31)) == 2           # the last day in operation counts
    assert counts.workstations_in_operation(D(2026, 1, 1)) == 1
    assert counts.workstations_in_operation(D(2026, 3, 1)) == 2
    assert counts.workstations_in_operation(D(2025, 7, 1), district=world["weiyang"]) == 1
    assert counts.workstations_in_operation(D(2025, 7, 1), district="610113") == 1
    assert counts.workstations_in_operation(D(2025, 7, 1), district=world["city"]) == 2   # the city: all
    assert counts.workstations_in_operation(D(2026, 3, 1), kind=WorkstationKind.POLICE) == 1
    assert set(counts.workstations_in_operation_records(D(2025, 7, 1)).values_list("name", flat=True)) == {"甲站",
                                                                                                           "乙站"}


def _appoint(name, role, start, end, ended=None):
    e = Expert.objects.filter(name=name).first() or Expert.objects.create(name=name, employer_name="西安交通大学")
    a = ExpertAppointment(expert=e, role=role, starts_on=start, ends_on=end, ended_on=ended,
                          end_reason="调离" if ended else "")
    a.save()
    return e


def test_experts_with_a_valid_appointment_on_a_day(db):
    _appoint("甲", ExpertRole.INVESTIGATOR, D(2025, 1, 1), D(2026, 12, 31))
    _appoint("甲", ExpertRole.THINK_TANK, D(2025, 1, 1), D(2027, 12, 31))           # same person, two roles
    _appoint("乙", ExpertRole.COMMISSIONER, D(2025, 7, 1), D(2026, 6, 30))
    _appoint("丙", ExpertRole.INVESTIGATOR, D(2025, 1, 1), D(2027, 12, 31), ended=D(2026, 3, 1))
    assert counts.experts_appointed(D(2024, 12, 31)) == 0
    assert counts.experts_appointed(D(2025, 1, 1)) == 2                # 甲 counted once
    assert counts.experts_appointed(D(2026, 2, 28)) == 3
    assert counts.experts_appointed(D(2026, 3, 1)) == 2                # 丙 ended early from that day
    assert counts.experts_appointed(D(2026, 6, 30)) == 2               # 乙's last day
    assert counts.experts_appointed(D(2026, 7, 1)) == 1
    assert counts.experts_appointed(D(2026, 2, 1), role=ExpertRole.INVESTIGATOR) == 2
    assert counts.experts_appointed(D(2027, 1, 1), role=ExpertRole.INVESTIGATOR) == 0


def test_filing_entities_approved_and_valid_on_a_day(world, fixed_today):
    profile = CentreProfile.objects.create(centre=world["centre"], filing_years=1)
    profile.service_area.set([world["city"]])
    a = FilingEntity(centre=world["centre"], entity=world["qinchuan"], applied_on=D(2025, 1, 2))
    preexam.apply(a)
    preexam.review(a, None, approve=True, on=D(2025, 1, 10))                        # valid 2025-01-10 … 2026-01-09
    b = FilingEntity(centre=world["centre"], entity=world["food"], applied_on=D(2025, 1, 2))
    preexam.apply(b)
    preexam.review(b, None, approve=True, on=D(2025, 2, 1))
    preexam.revoke(b, None, on=D(2025, 6, 1), reason="提供虚假材料")                  # valid until 2025-05-31
    c = FilingEntity(centre=world["centre"], entity=world["qujiang"], applied_on=D(2025, 1, 2))
    preexam.apply(c)                                                                 # never reviewed
    assert counts.filing_entities_valid(D(2025, 1, 9)) == 0
    assert counts.filing_entities_valid(D(2025, 1, 10)) == 1
    assert counts.filing_entities_valid(D(2025, 5, 31)) == 2
    assert counts.filing_entities_valid(D(2025, 6, 1)) == 1
    assert counts.filing_entities_valid(D(2026, 1, 9)) == 1
    assert counts.filing_entities_valid(D(2026, 1, 10)) == 0
    assert counts.filing_entities_valid(D(2025, 5, 31), district=world["weiyang"]) == 1
    assert counts.filing_entities_valid(D(2025, 5, 31), centre=world["police"]) == 0


def _case(world, procedure, received, entity, district="yanta", outcome="", n=[0]):
    n[0] += 1
    case = Case.objects.create(procedure=procedure, stage="received", handling_org=world["city_ip"],
                               district=world[district], title=f"案{n[0]}", received_on=received, outcome=outcome)
    if entity is not None:
        Party.objects.create(case=case, role="requester", entity=world[entity])
    return case


def test_enterprises_served_in_a_period(world, stations, fixed_today):
    ws = stations["gaoxin"]
    first = ServiceRecord.objects.create(workstation=ws, kind=ServiceKind.CONSULTATION, served_on=D(2026, 1, 1),
                                         subject="咨询")
    ServiceRecipient.objects.create(record=first, entity=world["qinchuan"])
    last = ServiceRecord.objects.create(workstation=ws, kind=ServiceKind.TRAINING, served_on=D(2026, 3, 31),
                                        subject="培训")
    ServiceRecipient.objects.create(record=last, entity=world["qinchuan"])   # the same enterprise again
    ServiceRecipient.objects.create(record=last, entity=world["food"])
    before = ServiceRecord.objects.create(workstation=ws, kind=ServiceKind.CONSULTATION, served_on=D(2025, 12, 31),
                                          subject="咨询")
    ServiceRecipient.objects.create(record=before, entity=world["qujiang"])
    _case(world, "mediation", D(2026, 2, 10), "xjtu")
    _case(world, "enforcement", D(2026, 2, 10), "qujiang")                     # not a service
    profile = CentreProfile.objects.create(centre=world["centre"])
    profile.service_area.set([world["city"]])
    filing = FilingEntity(centre=world["centre"], entity=world["qujiang"], applied_on=D(2025, 1, 2))
    preexam.apply(filing)
    preexam.review(filing, None, approve=True, on=D(2025, 1, 10))
    PreexamRequest.objects.create(filing=filing, title="x", patent_kind="design", submitted_on=D(2026, 4, 1))
    q1 = (D(2026, 1, 1), D(2026, 3, 31))
    assert counts.enterprises_served(*q1) == 3            # 秦川 (twice), 未央食品, 交大 (mediation party)
    assert set(counts.enterprises_served_records(*q1).values_list("name", flat=True)) == {
        "西安秦川智能装备有限公司", "西安未央食品有限公司", "西安交通大学"}
    assert counts.enterprises_served(D(2026, 1, 1), D(2026, 1, 1)) == 1
    assert counts.enterprises_served(D(2025, 12, 31), D(2025, 12, 31)) == 1
    assert counts.enterprises_served(D(2026, 4, 1), D(2026, 4, 1)) == 1       # the pre-examination
    assert counts.enterprises_served(*q1, district=world["weiyang"]) == 1
    with pytest.raises(ValueError):
        counts.enterprises_served(D(2026, 3, 31), D(2026, 1, 1))


def test_assistance_and_mediation_cases_accepted_in_a_period(world):
    _case(world, "assistance", D(2026, 1, 1), "qinchuan")
    _case(world, "mediation", D(2026, 12, 31), None)
    _case(world, "mediation", D(2026, 6, 1), "food", district="weiyang")
    _case(world, "assistance", D(2026, 5, 1), "food", outcome="declined")    # turned away: not counted
    _case(world, "mediation", D(2026, 5, 2), "food", outcome="refused")      # not accepted
    _case(world, "mediation", D(2025, 12, 31), "food")
    _case(world, "adjudication", D(2026, 3, 1), "food")
    assert counts.assistance_and_mediation_cases(D(2026, 1, 1), D(2026, 12, 31)) == 3
    assert counts.assistance_and_mediation_cases(D(2026, 1, 2), D(2026, 12, 30)) == 1
    assert counts.assistance_and_mediation_cases(D(2026, 1, 1), D(2026, 12, 31), district="610112") == 1
