"""The demo's case history: consistent with the procedures and clocks, the same as the engine would
write, the same for the same seed, and removed by a reset."""
import datetime
import random

import pytest

from zhibao.accounts.models import User
from zhibao.cases import clocks, engine, procedures, stories
from zhibao.cases.bulk import Book
from zhibao.cases.demo import Cast, SCALES
from zhibao.cases.models import Assignment, Case, Clock, ClockState, Event, EventKind
from zhibao.demo import build
from zhibao.demo.writer import Writer
from zhibao.registry.models import District, IPRight, MarketEntity, Organization, Person

AS_OF = build.DEFAULT_AS_OF


def quiet(_text):
    pass


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The small demo with its cases, loaded once for this module and removed after it."""
    with django_db_blocker.unblock():
        build.load("small", 3, quiet, contributors=("zhibao.cases.demo",))
        yield
        build.reset(quiet)


@pytest.fixture
def small_demo(loaded, db):
    pass


def test_every_procedure_and_many_stages(small_demo):
    seen = set(Case.objects.values_list("procedure", "stage").distinct())
    assert {p for p, _s in seen} == set(procedures.PROCEDURES)
    assert len(seen) >= 30
    states = set(Clock.objects.values_list("state", flat=True).distinct())
    assert {"running", "paused", "met", "overdue"} <= states
    assert Clock.objects.exclude(extensions=[]).exists()
    for username in ("officer", "yanta", "centre", "mediator", "police"):
        assert Assignment.objects.filter(user__username=username, case_open=True).exists(), username
    met = Clock.objects.filter(legal=True, state=ClockState.MET).count()
    late = Clock.objects.filter(legal=True, state=ClockState.OVERDUE).count()
    assert 0.88 < met / (met + late) < 0.98


def test_stages_follow_the_procedures_and_clocks_their_rules(small_demo):
    cases = {c.pk: c for c in Case.objects.all()}
    stage = {}
    for event in Event.objects.filter(kind=EventKind.STEP).order_by("case_id", "seq"):
        proc = procedures.get(cases[event.case_id].procedure)
        t = proc.transition(event.code)
        if t.is_entry:
            assert event.seq == 1 and event.to_stage == t.target
        else:
            assert stage[event.case_id] in t.source and event.from_stage == stage[event.case_id]
            assert event.to_stage == (t.target or event.from_stage)
        stage[event.case_id] = event.to_stage
    for pk, case in cases.items():
        assert stage[pk] == case.stage
        assert case.closed_on is not None if case.spec.stage(case.stage).terminal else case.closed_on is None
        assert case.received_on <= (case.closed_on or AS_OF) <= AS_OF
    running = {}
    for clock in Clock.objects.all():
        due = clocks.compute(clock)
        assert (clock.due_date, clock.provisional) == (due.date, due.provisional), clock
        assert clock.next_remind_on == clocks.next_reminder(clock)
        if clock.state in (ClockState.MET, ClockState.OVERDUE):
            assert (clock.state == ClockState.MET) == (clock.stopped_on <= clock.due_date)
        if clock.state == ClockState.RUNNING:
            running[clock.case_id] = min(running.get(clock.case_id, clock.due_date), clock.due_date)
    for pk, case in cases.items():
        assert case.due_date == running.get(pk)
    for a in Assignment.objects.all():
        assert (a.due_date, a.case_open) == (cases[a.case_id].due_date, cases[a.case_id].closed_on is None)


def _natural(case_model=Case):
    return sorted(case_model.objects.values_list("number", "procedure", "stage", "title", "received_on", "closed_on",
                                                 "due_date", "version"), key=str)


def test_same_seed_same_cases_and_reset_removes_them(small_demo):
    first = _natural()
    events = Event.objects.count()
    build.reset(quiet)
    assert not Case.objects.exists() and not Event.objects.exists() and not Clock.objects.exists()
    assert not User.objects.filter(password="!demo-officer").exists()
    build.load("small", 3, quiet, contributors=("zhibao.cases.demo",))
    assert _natural() == first and Event.objects.count() == events



def test_reminders_sent_for_demo_cases_do_not_block_a_reset(small_demo):
    from zhibao.cases import reminders
    from zhibao.cases.models import Reminder

    reminders.run()
    assert Reminder.objects.exists()  # the demo has clocks due soon and overdue
    build.reset(quiet)
    assert not Reminder.objects.exists() and not Case.objects.exists()
    build.load("small", 3, quiet, contributors=("zhibao.cases.demo",))

# ---------------------------------------------------------------- the engine writes the same rows

def _replay(draft, users, set_today, origin=None):
    """Take the draft's steps through the engine; returns the engine's case."""
    get = users.get
    set_today(draft.entry.at)
    c = draft.case
    case = engine.open_case(
        c.procedure, get(draft.entry.actor_id), handling_org=Organization.objects.get(pk=c.handling_org_id),
        title=c.title, at=draft.entry.at, entry=draft.entry.code, kind=c.kind,
        track=draft.opened_track, channel=c.channel, district=District.objects.get(pk=c.district_id),
        summary=c.summary, officers=[users[u] for u in draft.officers], lead=get(draft.lead),
        parties=[{"role": p["role"], "entity": MarketEntity.objects.filter(pk=p.get("entity_id")).first(),
                  "person": Person.objects.filter(pk=p.get("person_id")).first()} for p in draft.parties],
        rights=list(IPRight.objects.filter(pk__in=draft.rights)), data=draft.entry.data,
    ) if origin is None else origin
    for step in draft.steps:
        set_today(step.at)
        for kind in step.documents:
            engine.add_document(case, get(step.actor_id), kind, dated=step.at)
        event = engine.apply(case, step.code, get(step.actor_id), at=step.at, data=step.data)
        if "spawned" in event.data:
            child = next(d for d in draft.children if d.entry.at == step.at and d.case.procedure
                         == event.data["spawned"]["procedure"] and not hasattr(d, "replayed"))
            child.replayed = True
            _compare(child, _replay(child, users, set_today, Case.objects.get(pk=event.data["spawned"]["id"])))
    return case


CASE_FIELDS = ("number", "procedure", "kind", "stage", "track", "channel", "handling_org_id", "district_id", "title",
               "received_on", "filed_on", "closed_on", "outcome", "due_date", "facts", "version", "created_by_id")
CLOCK_FIELDS = ("code", "state", "legal", "holder", "started_on", "rule", "pauses", "paused_since", "pause_reason",
                "due_date", "provisional", "stopped_on", "notified", "next_remind_on")


def _compare(draft, case):
    case.refresh_from_db()
    assert {f: getattr(draft.case, f) for f in CASE_FIELDS} == {f: getattr(case, f) for f in CASE_FIELDS}
    fields = CLOCK_FIELDS + ("extensions",)
    assert [{f: getattr(c, f) for f in fields} for c in draft.clocks] == [
        {f: getattr(c, f) for f in fields} for c in case.clocks.order_by("pk")]
    made = list(case.events.order_by("seq").values("seq", "kind", "code", "from_stage", "to_stage", "at", "actor_id",
                                                    "data", "effects"))
    drafted = []
    for e in draft.events:
        data = dict(e["data"])
        if "spawned" in data:
            data["spawned"] = next(m["data"]["spawned"] for m in made if m["seq"] == e["seq"])
        drafted.append({k: e[k] for k in ("seq", "kind", "code", "from_stage", "to_stage", "at", "actor_id")}
                       | {"data": data, "effects": e["effects"]})
    assert drafted == made
    assert sorted((u, u == draft.lead) for u in draft.officers) == sorted(
        case.assignments.values_list("user_id", "lead"))
    assert sorted((d["kind"], d["title"], d["dated"]) for d in draft.documents) == sorted(
        case.documents.values_list("kind", "title", "dated"))
    assert sorted((p["role"], p.get("entity_id"), p.get("person_id")) for p in draft.parties) == sorted(
        case.parties.values_list("role", "entity_id", "person_id"))
    assert sorted(draft.rights) == sorted(case.rights.values_list("right_id", flat=True))


def test_drafts_are_what_the_engine_writes(small_demo, set_today):
    """Stories told in a Book (not written) and the same steps taken through the engine give the
    same cases, timelines and clocks (check codes aside, which the engine draws at random)."""
    rng = random.Random(11)
    cast = Cast.load(rng, SCALES["small"], Writer(quiet))
    book = Book()
    days = sorted(AS_OF - datetime.timedelta(days=rng.randint(0, 540)) for _i in range(90))
    for day in days:
        stories.tell(book, cast, rng, day, AS_OF)
    roots = [d for d in book.drafts if d.origin is None]
    assert {d.case.procedure for d in book.drafts} == set(procedures.PROCEDURES)
    users = {u.pk: u for u in User.objects.all()}
    for draft in roots:
        _compare(draft, _replay(draft, users, set_today))
