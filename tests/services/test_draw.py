"""The expert pool and the draw: conflicts of each kind, workload, replay, recusal, opinions."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhibao.cases.models import Case, Party
from zhibao.registry.codes import make_id_number
from zhibao.registry.models import Organization, Person
from zhibao.services import draw as rules
from zhibao.services.choices import ExpertRole, PickState, RecusalReason, TieKind
from zhibao.services.models import (
    DrawPick, Expert, ExpertAppointment, ExpertDraw, ExpertOpinion, ExpertTie, ExpertUnavailability,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 2)
INVESTIGATOR = ExpertRole.INVESTIGATOR


def expert(name, employer="西北工业大学", ipc="B23Q", role=INVESTIGATOR, start=dt.date(2025, 1, 1),
           end=dt.date(2027, 12, 31), **extra):
    e = Expert.objects.create(name=name, employer_name=employer, ipc_classes=ipc, **extra)
    ExpertAppointment.objects.create(expert=e, role=role, starts_on=start, ends_on=end)
    return e


def make_case(world, title="数控机床主轴专利侵权纠纷", received=dt.date(2026, 10, 8), number="西知裁〔2026〕7号"):
    case = Case.objects.create(procedure="adjudication", stage="trial", handling_org=world["city_ip"],
                               district=world["yanta"], title=title, received_on=received, number=number)
    Party.objects.create(case=case, role="requester", entity=world["qinchuan"])
    Party.objects.create(case=case, role="respondent", entity=world["food"])
    return case


@pytest.fixture
def case(world):
    return make_case(world)


def reasons(d, e):
    for item in d.exclusions:
        if item["expert"] == e.pk:
            return {r["code"] for r in item["reasons"]}
    return set()


# -- who is considered, qualified and available ---------------------------------------------------

def test_only_valid_appointments_in_the_role_are_considered(world, case):
    valid = expert("甲")
    expert("乙", end=dt.date(2026, 11, 1))                       # term ended the day before
    expert("丙", start=dt.date(2026, 11, 3))                     # starts the day after
    expert("丁", role=ExpertRole.THINK_TANK)                     # another role
    last_day = expert("戊", end=DAY)                              # the last day of the term counts
    early = expert("己")
    early_appointment = early.appointments.get()
    early_appointment.ended_on, early_appointment.end_reason = DAY, "调离"
    early_appointment.save()                                      # no longer valid from the draw date
    d = rules.draw(case, None, role=INVESTIGATOR, count=2, on=DAY, seed=1)
    assert sorted(d.considered) == sorted([valid.pk, last_day.pk])


def test_qualification_availability_and_unavailability(world, case):
    fit = expert("甲", ipc="B23Q 11/00")
    broad = expert("乙", ipc="B23")
    other_field = expert("丙", ipc="H04L")
    marked = expert("丁", availability="unavailable")
    away = expert("戊")
    ExpertUnavailability.objects.create(expert=away, first_day=DAY, last_day=DAY, reason="出差")
    d = rules.draw(case, None, role=INVESTIGATOR, count=2, on=DAY, ipc="B23Q 11/12", seed=7)
    assert {c[0] for c in d.candidates} == {fit.pk, broad.pk}
    assert reasons(d, other_field) == {"not_qualified"}
    assert reasons(d, marked) == {"unavailable"} and reasons(d, away) == {"unavailable"}
    assert sorted(d.picked) == sorted([fit.pk, broad.pk])


# -- conflicts of interest, one kind at a time --------------------------------------------------------

def test_employed_by_a_party_is_excluded(world, case):
    expert("候选")
    conflicted = expert("秦川工程师", employer="", employer_entity=world["qinchuan"])
    d = rules.draw(case, None, role=INVESTIGATOR, count=1, on=DAY, seed=3)
    assert reasons(d, conflicted) == {"employed_by_party"}
    assert d.picked != [conflicted.pk]


def test_same_organization_as_a_party_by_code_or_name_is_excluded(world, case):
    expert("候选")
    by_name = expert("同名单位专家", employer="西安未央食品有限公司")     # the party, recorded only by name
    body = Organization.objects.create(name="未央食品研究所", kind="other", uscc=world["food"].uscc)
    by_code = expert("同码单位专家", employer="", employer_org=body)       # same USCC, another record
    d = rules.draw(case, None, role=INVESTIGATOR, count=1, on=DAY, seed=3)
    assert reasons(d, by_name) == {"same_organization"} and reasons(d, by_code) == {"same_organization"}


def test_a_colleague_of_a_person_party_is_excluded(world, case):
    inventor = Person.objects.create(name="王发明", id_number=make_id_number("610113", dt.date(1980, 1, 2), 11))
    Party.objects.create(case=case, role="third_party", person=inventor)
    Expert.objects.create(name="王发明", employer_name="西安电子科技大学", person=inventor)  # in the pool, no appointment
    colleague = expert("同事", employer="西安电子科技大学")
    expert("候选")
    d = rules.draw(case, None, role=INVESTIGATOR, count=1, on=DAY, seed=3)
    assert reasons(d, colleague) == {"same_organization"}


@pytest.mark.parametrize("ended, excluded", [
    (None, True),                        # still engaged
    (dt.date(2023, 11, 2), True),        # ended exactly three years before the draw
    (dt.date(2023, 11, 1), False),       # a day earlier: no longer recent
])
def test_recent_engagement_for_a_party_is_excluded_for_three_years(world, case, ended, excluded):
    e = expert("顾问专家")
    expert("候选")
    ExpertTie.objects.create(expert=e, kind=TieKind.ENGAGEMENT, entity=world["food"],
                             started_on=dt.date(2020, 1, 1), ended_on=ended)
    d = rules.draw(case, None, role=INVESTIGATOR, count=1, on=DAY, seed=3)
    assert (reasons(d, e) == {"recently_engaged"}) is excluded
    assert (e.pk in {c[0] for c in d.candidates}) is not excluded


def test_former_employment_by_name_counts_as_a_recent_engagement(world, case):
    e = expert("前员工")
    expert("候选")
    ExpertTie.objects.create(expert=e, kind=TieKind.EMPLOYMENT, name="西安秦川智能装备有限公司",
                             ended_on=dt.date(2025, 6, 30))
    d = rules.draw(case, None, role=INVESTIGATOR, count=1, on=DAY, seed=3)
    assert reasons(d, e) == {"recently_engaged"}


def test_a_declared_relationship_with_a_party_is_excluded(world, case):
    legal_rep = Person.objects.create(name="李董事长", id_number=make_id_number("610112", dt.date(1970, 5, 6), 21))
    Party.objects.create(case=case, role="respondent", person=legal_rep)
    e = expert("亲属专家")
    expert("候选")
    ExpertTie.objects.create(expert=e, kind=TieKind.RELATIONSHIP, person=legal_rep, detail="配偶的兄长")
    d = rules.draw(case, None, role=INVESTIGATOR, count=1, on=DAY, seed=3)
    assert reasons(d, e) == {"declared_relationship"}
    detail = next(x for x in d.exclusions if x["expert"] == e.pk)["reasons"][0]["detail"]
    assert detail.startswith("李**") and "李董事长" not in str(d.exclusions)  # a natural person is masked


def test_already_on_a_partys_side_in_this_case_is_excluded(world, case):
    e = expert("专家辅助人")
    expert("候选")
    ExpertTie.objects.create(expert=e, kind=TieKind.CASE_ROLE, case=case, detail="受申请人委托出具意见")
    other_case = make_case(world, title="另一案", number="西知裁〔2026〕8号")
    d = rules.draw(case, None, role=INVESTIGATOR, count=1, on=DAY, seed=3)
    assert reasons(d, e) == {"other_side"}
    d2 = rules.draw(other_case, None, role=INVESTIGATOR, count=2, on=DAY, seed=3)
    assert e.pk in d2.picked  # the role was in another case only


def test_an_expert_who_is_a_party_is_excluded(world, case):
    person = Person.objects.create(name="赵专家", id_number=make_id_number("610113", dt.date(1975, 3, 3), 31))
    Party.objects.create(case=case, role="third_party", person=person)
    e = expert("赵专家", person=person)
    colleague = expert("同校", employer="西北工业大学")
    expert("候选", employer="长安大学")
    d = rules.draw(case, None, role=INVESTIGATOR, count=1, on=DAY, seed=3)
    assert reasons(d, e) == {"other_side", "same_organization"}  # a party, and a colleague of one (himself)
    assert reasons(d, colleague) == {"same_organization"}


# -- workload, randomness, replay -----------------------------------------------------------------------

def _serve(e, world, n, day=dt.date(2026, 6, 1)):
    for i in range(n):
        c = make_case(world, title=f"旧案{e.pk}-{i}", number=f"旧{e.pk}-{day}-{i}", received=dt.date(2025, 1, 5))
        d = ExpertDraw.objects.create(case=c, role=INVESTIGATOR, count=1, drawn_on=day, seed=0)
        DrawPick.objects.create(draw=d, case=c, expert=e, order=1, drawn_on=day)


def test_the_least_loaded_are_preferred(world, case):
    free1, free2, busy1, busy2 = expert("甲"), expert("乙"), expert("丙"), expert("丁")
    _serve(busy1, world, 1)
    _serve(busy2, world, 2)
    for seed in range(20):
        d = rules.draw(case, None, role=INVESTIGATOR, count=2, on=DAY, seed=seed)
        assert sorted(d.picked) == sorted([free1.pk, free2.pk])
        assert dict(map(tuple, d.candidates)) == {free1.pk: 0, free2.pk: 0, busy1.pk: 1, busy2.pk: 2}
        d.picks.all().delete()
        d.delete()
    d = rules.draw(case, None, role=INVESTIGATOR, count=3, on=DAY, seed=5)
    assert set(d.picked) == {free1.pk, free2.pk, busy1.pk}


def test_workload_counts_the_last_365_days_and_ignores_recusals(world):
    e = expert("甲")
    _serve(e, world, 1, day=dt.date(2025, 11, 3))   # 365th day before 2026-11-02: counts
    _serve(e, world, 1, day=dt.date(2025, 11, 2))   # 366 days before: does not
    _serve(e, world, 1, day=dt.date(2026, 5, 1))
    DrawPick.objects.filter(expert=e, drawn_on=dt.date(2026, 5, 1)).update(state=PickState.RECUSED)
    assert rules.loads([e.pk], DAY) == {e.pk: 1}


def test_ties_are_broken_at_random_by_the_seed_and_replay_gives_the_same_picks(world, case):
    pool = [expert(f"专家{i}") for i in range(8)]
    seen = set()
    for seed in (11, 12, 13, 14, 15, 16):
        d = rules.draw(case, None, role=INVESTIGATOR, count=3, on=DAY, seed=seed)
        assert rules.replay(d) == d.picked and rules.verify(d)
        again = rules.select(d.candidates, 3, seed)
        assert again == d.picked
        seen.add(tuple(sorted(d.picked)))
        d.picks.all().delete()
        d.delete()
    assert len(seen) > 1  # different seeds pick differently
    assert {p for t in seen for p in t} <= {e.pk for e in pool}


def test_the_selection_algorithm_is_pinned():
    """select() uses only Random.random(), whose sequence Python keeps stable: these picks must
    never change, or draws recorded earlier could no longer be replayed."""
    candidates = [[10, 0], [11, 0], [12, 0], [13, 1], [14, 0], [15, 2]]
    assert rules.select(candidates, 3, 20261120) == rules.select(list(reversed(candidates)), 3, 20261120)
    assert rules.select(candidates, 3, 20261120) == [12, 10, 14]
    assert rules.select(candidates, 6, 1) == [14, 11, 12, 10, 13, 15]


def test_a_tampered_draw_no_longer_replays(world, case):
    expert("甲"), expert("乙"), expert("丙")
    d = rules.draw(case, None, role=INVESTIGATOR, count=1, on=DAY, seed=99)
    others = [c[0] for c in d.candidates if c[0] != d.picked[0]]
    ExpertDraw.objects.filter(pk=d.pk).update(picked=[others[0]])
    d.refresh_from_db()
    assert not rules.verify(d)


def test_too_few_candidates_refuses_and_records_nothing(world, case):
    expert("甲")
    expert("秦川工程师", employer="", employer_entity=world["qinchuan"])
    with pytest.raises(rules.NotEnough) as exc:
        rules.draw(case, None, role=INVESTIGATOR, count=2, on=DAY)
    assert "Only 1 of the 2 experts" in exc.value.messages[0] and "Nothing was drawn" in exc.value.messages[0]
    assert exc.value.exclusions[0]["reasons"][0]["code"] == "employed_by_party"
    assert not ExpertDraw.objects.exists() and not DrawPick.objects.exists()


@pytest.mark.parametrize("kwargs, field, message", [
    ({"count": 0}, "count", "Draw from 1 to 15 experts."),
    ({"on": dt.date(2026, 12, 1)}, "drawn_on", "cannot be dated in the future"),
    ({"on": dt.date(2026, 10, 7)}, "drawn_on", "before the case was received (2026-10-08)"),
    ({"seed": -1}, "seed", "The seed is a whole number"),
    ({"ipc": "B23Q, 数控"}, "ipc_classes", "“数控” is not an IPC symbol"),
    ({"industries": "Z"}, "industries", "not a GB/T 4754 section"),
    ({"note": "<b>x</b>"}, "note", "HTML tags and scripts are not allowed"),
    ({"role": "judge"}, "role", "Choose the role to draw"),
])
def test_bad_draw_input_is_refused(world, case, kwargs, field, message):
    expert("甲")
    values = {"role": INVESTIGATOR, "count": 1, "on": DAY, **kwargs}
    with pytest.raises(ValidationError) as exc:
        rules.draw(case, None, **values)
    assert message in " ".join(exc.value.message_dict[field])
    assert not ExpertDraw.objects.exists()


def test_no_draw_for_a_closed_case(world, case):
    expert("甲")
    Case.objects.filter(pk=case.pk).update(closed_on=dt.date(2026, 10, 30))
    case.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        rules.draw(case, None, role=INVESTIGATOR, count=1, on=DAY)
    assert "closed on 2026-10-30" in exc.value.message_dict["case"][0]


# -- recusal and replacement -----------------------------------------------------------------------------

def test_recusal_draws_a_replacement_that_excludes_everyone_drawn_before(world, case, users):
    a, b, c, d_ = expert("甲"), expert("乙"), expert("丙"), expert("丁")
    first = rules.draw(case, users["officer"], role=INVESTIGATOR, count=2, on=DAY, seed=2)
    recused = first.picks.get(order=1)
    replacement = rules.recuse(recused, users["officer"], reason=RecusalReason.CHALLENGE, note="申请人申请回避",
                               on=dt.date(2026, 11, 5), seed=8)
    recused.refresh_from_db()
    assert (recused.state, recused.recused_on, recused.recused_by) == (PickState.RECUSED, dt.date(2026, 11, 5),
                                                                         users["officer"])
    assert replacement.replaces == recused and replacement.count == 1
    new = replacement.picks.get().expert
    assert new.pk not in first.picked
    assert reasons(replacement, recused.expert) == {"recused"}
    assert reasons(replacement, first.picks.get(order=2).expert) == {"already_on_case"}
    assert recused.replacement.expert == new
    with pytest.raises(ValidationError) as exc:
        rules.recuse(recused, users["officer"], reason=RecusalReason.OTHER, note="再次")
    assert "already recused" in exc.value.messages[0]
    assert {a.pk, b.pk, c.pk, d_.pk} >= set(first.picked) | {new.pk}


def test_a_recusal_without_a_possible_replacement_changes_nothing(world, case, users):
    expert("甲"), expert("乙")
    first = rules.draw(case, users["officer"], role=INVESTIGATOR, count=2, on=DAY, seed=2)
    pick = first.picks.get(order=1)
    with pytest.raises(ValidationError) as exc:
        rules.recuse(pick, users["officer"], reason=RecusalReason.DECLINED)
    assert "nothing was changed" in exc.value.messages[0]
    pick.refresh_from_db()
    assert pick.state == PickState.ACTIVE and ExpertDraw.objects.count() == 1
    rules.recuse(pick, users["officer"], reason=RecusalReason.DECLINED, replace=False)
    pick.refresh_from_db()
    assert pick.state == PickState.RECUSED


def test_recusal_input_is_checked(world, case, users):
    expert("甲"), expert("乙")
    pick = rules.draw(case, users["officer"], role=INVESTIGATOR, count=1, on=DAY, seed=2).picks.get()
    with pytest.raises(ValidationError) as exc:
        rules.recuse(pick, users["officer"], reason=RecusalReason.OTHER, note="", on=dt.date(2026, 11, 1))
    assert set(exc.value.message_dict) == {"note", "on"}
    pick.refresh_from_db()
    assert pick.state == PickState.ACTIVE


# -- opinions ---------------------------------------------------------------------------------------------

def test_the_drawn_expert_records_an_opinion(world, case, users):
    e = expert("甲", user=users["expert"])
    expert("乙")
    d = rules.draw(case, users["officer"], role=INVESTIGATOR, count=2, on=DAY, seed=4)
    pick = d.picks.get(expert=e)
    opinion = ExpertOpinion(pick=pick, kind="technical", given_on=dt.date(2026, 11, 10), title="技术调查意见书",
                            text="被诉产品的主轴冷却装置落入权利要求1的保护范围。")
    rules.save_opinion(opinion, users["expert"])
    assert (opinion.case, opinion.expert, opinion.created_by) == (case, e, users["expert"])
    other_pick = d.picks.exclude(expert=e).get()
    with pytest.raises(PermissionDenied):
        rules.save_opinion(ExpertOpinion(pick=other_pick, given_on=DAY, title="x", text="x"), users["expert"])
    early = ExpertOpinion(pick=pick, given_on=dt.date(2026, 11, 1), title="早", text="早")
    with pytest.raises(ValidationError) as exc:
        rules.save_opinion(early, users["expert"])
    assert "before the expert was drawn (2026-11-02)" in exc.value.message_dict["given_on"][0]
    rules.recuse(pick, users["officer"], reason=RecusalReason.CONFLICT, replace=False, on=DAY)
    late = ExpertOpinion(pick=pick, given_on=dt.date(2026, 11, 12), title="迟", text="迟")
    with pytest.raises(ValidationError) as exc:
        rules.save_opinion(late, users["expert"])
    assert "was recused" in exc.value.message_dict["pick"][0]
    assert ExpertOpinion.objects.count() == 1


# -- pages and API ------------------------------------------------------------------------------------------

def test_drawing_in_the_page_and_seeing_the_record(world, case, users, as_user):
    for name in "甲乙丙":
        expert(name)
    conflicted = expert("秦川工程师", employer="", employer_entity=world["qinchuan"])
    client = as_user("officer")
    response = client.post("/services/draws/new/", {"case": case.number, "role": INVESTIGATOR, "count": 2,
                                                    "drawn_on": "2026-11-02", "ipc_classes": "B23Q"})
    d = ExpertDraw.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/services/draws/{d.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Replaying the draw from its seed and candidates gives the same picks." in page
    assert "Employed by a party" in page and conflicted.name in page and str(d.seed) in page


def test_a_failed_draw_in_the_page_shows_why(world, case, as_user):
    expert("秦川工程师", employer="", employer_entity=world["qinchuan"])
    response = as_user("officer").post("/services/draws/new/", {
        "case": case.number, "role": INVESTIGATOR, "count": 1, "drawn_on": "2026-11-02"})
    page = response.content.decode()
    assert "Nothing was drawn" in page and "Employed by a party" in page
    assert not ExpertDraw.objects.exists()


def test_a_case_outside_the_scope_cannot_be_named(world, case, as_user, users):
    expert("甲")
    response = as_user("yanta").post("/services/draws/new/", {
        "case": case.number, "role": INVESTIGATOR, "count": 1, "drawn_on": "2026-11-02"})
    # 雁塔 district officers see the cases of 雁塔: this one is, so it is found and drawn for
    assert response.status_code == 302 and ExpertDraw.objects.count() == 1
    other = make_case(world, title="未央案", number="西知裁〔2026〕9号")
    Case.objects.filter(pk=other.pk).update(district=world["weiyang"], handling_org=world["weiyang_amr"])
    response = as_user("centre").post("/services/draws/new/", {
        "case": other.number, "role": INVESTIGATOR, "count": 1, "drawn_on": "2026-11-02"})
    assert "No case “西知裁〔2026〕9号” in your data scope." in response.content.decode()


def test_recusal_in_the_page(world, case, as_user):
    for name in "甲乙丙":
        expert(name)
    client = as_user("officer")
    client.post("/services/draws/new/", {"case": case.number, "role": INVESTIGATOR, "count": 1,
                                         "drawn_on": "2026-11-02"})
    pick = DrawPick.objects.get()
    response = client.post(f"/services/picks/{pick.pk}/recuse/", {"reason": "conflict", "note": "曾为被请求人提供咨询",
                                                                  "on": "2026-11-03", "replace": "on"})
    assert response.status_code == 302 and ExpertDraw.objects.count() == 2
    bad = client.post(f"/services/picks/{pick.pk}/recuse/", {"reason": "other", "note": "再次", "on": "2026-11-03"},
                      follow=True)
    assert "already recused" in bad.content.decode()


def test_experts_see_their_cases_and_record_opinions_in_the_page(world, case, users, as_user):
    e = expert("甲", user=users["expert"])
    d = rules.draw(case, users["officer"], role=INVESTIGATOR, count=1, on=DAY, seed=4)
    client = as_user("expert")
    page = client.get("/services/my/").content.decode()
    assert case.number in page
    pick = d.picks.get()
    response = client.post(f"/services/picks/{pick.pk}/opinion/", {
        "kind": "technical", "given_on": "2026-11-15", "title": "意见", "text": "<script>x</script>"})
    assert "HTML tags and scripts are not allowed" in response.content.decode()
    response = client.post(f"/services/picks/{pick.pk}/opinion/", {
        "kind": "technical", "given_on": "2026-11-15", "title": "技术调查意见", "text": "落入保护范围。"})
    assert response.status_code == 302, response.context["form"].errors
    opinion = ExpertOpinion.objects.get()
    assert opinion.expert == e
    assert client.get("/services/experts/").status_code == 403  # the pool is for staff
    assert as_user("station").get(f"/services/picks/{pick.pk}/opinion/").status_code == 403


@pytest.mark.parametrize("key, status", [("officer", 200), ("mediator", 200), ("liaison", 200), ("station", 403),
                                         ("enterprise", 403), ("leader", 403), ("expert", 403)])
def test_who_sees_the_expert_pool(world, as_user, key, status):
    expert("甲")
    assert as_user(key).get("/services/experts/").status_code == status


def test_only_drawing_roles_may_draw(world, case, as_user):
    assert as_user("mediator").get("/services/draws/new/").status_code == 403
    assert as_user("centre").get("/services/draws/new/").status_code == 200


def test_experts_are_managed_in_the_page(world, as_user):
    client = as_user("officer")
    response = client.post("/services/experts/new/", {
        "name": "陈工", "employer_entity": world["xjtu"].uscc, "ipc_classes": "b23q 11/12; H04L",
        "industries": "c, i", "availability": "available"})
    e = Expert.objects.get()
    assert response.status_code == 302
    assert (e.employer_name, e.ipc_classes, e.industries) == ("西安交通大学", "B23Q 11/12, H04L", "C,I")
    client.post(f"/services/experts/{e.pk}/appointments/", {"role": INVESTIGATOR, "starts_on": "2025-01-01",
                                                            "ends_on": "2027-12-31"})
    bad = client.post(f"/services/experts/{e.pk}/appointments/", {"role": INVESTIGATOR, "starts_on": "2026-01-01",
                                                                  "ends_on": "2025-12-31"}, follow=True)
    assert "The term cannot end before it starts." in bad.content.decode()
    overlap = client.post(f"/services/experts/{e.pk}/appointments/", {"role": INVESTIGATOR,
                                                                      "starts_on": "2027-06-01"}, follow=True)
    assert "overlaps the appointment in the same role" in overlap.content.decode()
    assert e.appointments.count() == 1
    appointment = e.appointments.get()
    client.post(f"/services/experts/{e.pk}/appointments/{appointment.pk}/end/", {"ended_on": "2026-07-01",
                                                                                 "end_reason": "辞去"})
    appointment.refresh_from_db()
    assert appointment.valid_to == dt.date(2026, 6, 30)
    client.post(f"/services/experts/{e.pk}/ties/", {"kind": "engagement", "entity": world["qinchuan"].uscc,
                                                    "ended_on": "2025-12-31"})
    assert e.ties.get().entity == world["qinchuan"]
    missing = client.post(f"/services/experts/{e.pk}/ties/", {"kind": "relationship"}, follow=True)
    assert "Name the other side of the tie" in missing.content.decode()


def test_the_expert_list_filters_by_field_and_validity(world, as_user):
    expert("甲", ipc="B23Q 11/00")
    expert("乙", ipc="H04L")
    expert("丙", ipc="B23Q", end=dt.date(2025, 12, 31))
    client = as_user("officer")
    names = lambda url: sorted(r[0].name for r in client.get(url).context["rows"])  # noqa: E731
    assert names("/services/experts/?ipc=B23Q+11/12") == ["丙", "甲"]
    assert names("/services/experts/?ipc=B23Q+11/12&role=investigator&valid_on=2026-11-02") == ["甲"]
    assert names("/services/experts/?ipc=H04") == ["乙"]
    assert "is not an IPC symbol" in client.get("/services/experts/?ipc=xyz").content.decode()


def test_api_draws_and_recuses(world, case, api_as):
    for name in "甲乙丙":
        expert(name)
    api = api_as("officer")
    created = api.post("/api/v1/expert-draws", {"case": case.pk, "role": INVESTIGATOR, "count": 2,
                                                 "drawn_on": "2026-11-02", "seed": 2**62})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["seed"] == str(2**62) and body["replay_matches"] is True and len(body["picks"]) == 2
    pick = body["picks"][0]
    recused = api.post(f"/api/v1/expert-draws/{body['id']}/picks/{pick['id']}/recusal",
                       {"reason": "declined", "on": "2026-11-04"})
    assert recused.status_code == 200 and recused.json()["replaces"] == pick["id"]
    too_many = api.post("/api/v1/expert-draws", {"case": case.pk, "role": INVESTIGATOR, "count": 5})
    assert too_many.status_code == 422 and too_many.json()["exclusions"]
    assert api_as("mediator").post("/api/v1/expert-draws", {"case": case.pk, "role": INVESTIGATOR,
                                                            "count": 1}).status_code == 403
    listed = api_as("mediator").get("/api/v1/expert-draws").json()
    assert listed["count"] == 2


def test_api_creates_experts_with_appointments(world, api_as):
    api = api_as("officer")
    created = api.post("/api/v1/experts", {
        "name": "刘研究员", "employer_name": "中国科学院西安光学精密机械研究所", "ipc_classes": "G02B",
        "appointments": [{"role": "think_tank", "starts_on": "2025-03-01", "ends_on": "2028-02-29"}]})
    assert created.status_code == 201, created.content
    assert created.json()["roles_today"] == ["think_tank"]
    bad = api.post("/api/v1/experts", {"name": "坏", "employer_name": "x", "ipc_classes": "ZZZ"})
    assert bad.status_code == 422 and "ipc_classes" in bad.json()["errors"]
    assert Expert.objects.count() == 1


def test_a_person_in_a_declared_tie_is_masked_for_those_without_full_view(world, as_user):
    person = Person.objects.create(name="李董事长", id_number=make_id_number("610112", dt.date(1970, 5, 6), 21))
    e = expert("亲属专家")
    ExpertTie.objects.create(expert=e, kind=TieKind.RELATIONSHIP, person=person, detail="亲属")
    page = as_user("mediator").get(f"/services/experts/{e.pk}/").content.decode()
    assert "李**" in page and "李董事长" not in page
    assert "李董事长" in as_user("officer").get(f"/services/experts/{e.pk}/").content.decode()
