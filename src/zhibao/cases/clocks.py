"""Time limits on cases: start, pause, resume, extend, stop, and the due date.

The counting itself is `zhibao.calendar.limits.compute_deadline` (start day not counted,
working days from the official schedules, month ends, roll-over to the next working day,
paused intervals, `provisional` for years without an official schedule). This module keeps
what a clock needs to be computed again at any time:

- `started_on` and `rule`, the snapshot of the amounts in force on the start date
  (`timelimits.resolve`);
- `pauses`, the closed excluded intervals. A clock paused on day P and resumed on day R
  does not run from P to R-1 (both included); the day it resumes counts again. A pause and
  a resume on the same day exclude nothing.
- `extensions`, each counted on from the end of the period before it (the nominal last
  day, before any roll-over: "90 days + 30 days" ends where 120 days would), or a date set
  by the approving decision.

`due_date` and `provisional` are stored for the worklists and the reminder job, and
recomputed whenever these change, and when an administrator enters a holiday schedule
(`schedule_changed` below). While a clock is paused its stored due date is the one before
the pause; it is not due and is left out of worklists and reminders.

States: running, paused; then met (stopped on or before the due date), overdue (stopped
after it) or stopped (the case ended another way, so the step it timed no longer applies).
"""
from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Min, Q
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from zhibao.calendar import workdays
from zhibao.calendar.limits import Rule, Unit, compute_deadline, provisional_message
from zhibao.calendar.signals import schedule_changed

from . import timelimits
from .models import OPEN_CLOCK_STATES, Case, Clock, ClockState, Event, EventKind, Threshold

log = logging.getLogger(__name__)
ONE_DAY = datetime.timedelta(days=1)
DATE = timelimits.DATE


def today() -> datetime.date:
    """Today in the project's time zone (tests replace this function)."""
    return timezone.localdate()


def remind_working_days() -> int:
    """How many working days before the due date the first reminder goes out (setting
    ZHIBAO_REMIND_WORKING_DAYS, 3 by default)."""
    return int(getattr(settings, "ZHIBAO_REMIND_WORKING_DAYS", 3))


# ---------------------------------------------------------------- computing the due date

@dataclass
class Due:
    date: datetime.date | None
    nominal: datetime.date | None
    provisional: bool
    provisional_years: tuple[int, ...] = ()
    explanation: list[str] = field(default_factory=list)


def _d(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def pauses_of(clock: Clock) -> list[tuple[datetime.date, datetime.date]]:
    return [(_d(a), _d(b)) for a, b in clock.pauses]


def compute(clock: Clock, *, explain: bool = False) -> Due:
    """The due date from the clock's start, rule, closed pauses and extensions."""
    rule = clock.rule
    pauses = pauses_of(clock)
    lines: list[str] = []
    years: set[int] = set()
    if rule.get("unit") == DATE:
        until = rule.get("until")
        if not until:
            return Due(None, None, False)
        due = nominal = _d(until)
        provisional = False
        if explain:
            lines.append(_("Due date set by the body: %(date)s.") % {"date": due.isoformat()})
    else:
        result = compute_deadline(clock.started_on, Rule(Unit(rule["unit"]), int(rule["n"])), pauses,
                                  explain=explain)
        due, nominal, provisional = result.date, result.nominal, result.provisional
        years.update(result.provisional_years)
        lines.extend(result.explanation)
    for ext in clock.extensions:
        if ext["unit"] == DATE:
            due = nominal = _d(ext["until"])
            provisional, years = False, set()
            if explain:
                lines.append(_("Extended to %(date)s, the date set by the approving decision.")
                             % {"date": due.isoformat()})
            continue
        rule_ext = Rule(Unit(ext["unit"]), int(ext["n"]))
        result = compute_deadline(nominal, rule_ext, pauses, explain=explain)
        due, nominal = result.date, result.nominal
        provisional = provisional or result.provisional
        years.update(result.provisional_years)
        if explain:
            lines.append(_("Extended by %(period)s from %(from)s:") % {"period": rule_ext.label(),
                                                                        "from": result.start.isoformat()})
            lines.extend(result.explanation[1:])
    if explain and provisional and years:
        lines.append(provisional_message(sorted(years)))
    return Due(due, nominal, provisional, tuple(sorted(years)), lines)


def explanation(clock: Clock) -> list[str]:
    """How the due date was counted, step by step, in the active language (for pages and documents)."""
    return compute(clock, explain=True).explanation


def soon_date(due: datetime.date, n: int | None = None) -> datetime.date:
    """The n-th working day before `due` (the day the "due soon" reminder goes out)."""
    n = remind_working_days() if n is None else n
    day, counted = due, 0
    while counted < n:
        day -= ONE_DAY
        if day.year < workdays.MIN_YEAR:
            return day
        working, _provisional = workdays.is_working_day(day)
        if working:
            counted += 1
    return day


def next_reminder(clock: Clock) -> datetime.date | None:
    """The date the clock crosses its next reminder threshold (None when nothing is left)."""
    if clock.state != ClockState.RUNNING or clock.due_date is None:
        return None
    if clock.notified < Threshold.SOON:
        return soon_date(clock.due_date)
    if clock.notified < Threshold.DUE:
        return clock.due_date
    if clock.notified < Threshold.OVERDUE:
        return clock.due_date + ONE_DAY
    return None


def recompute(clock: Clock) -> bool:
    """Set due_date, provisional and the reminder bookkeeping from the clock's data; True if the
    due date or the provisional flag changed. Does not save."""
    due = compute(clock)
    changed = (due.date, due.provisional) != (clock.due_date, clock.provisional)
    if due.date != clock.due_date:
        clock.notified = Threshold.NONE
    clock.due_date, clock.provisional = due.date, due.provisional
    if clock.stopped_on is not None and clock.state in (ClockState.MET, ClockState.OVERDUE) and due.date:
        clock.state = ClockState.MET if clock.stopped_on <= due.date else ClockState.OVERDUE
    clock.next_remind_on = next_reminder(clock)
    return changed


# ---------------------------------------------------------------- what transitions do

def start(case: Case, proc, spec, on: datetime.date, *, part: str = "base", until: datetime.date | None = None
          ) -> Clock:
    """Start a clock of `spec` on `on` (not counted) with the rule in force on that date."""
    rule = timelimits.resolve(proc, spec, part, on, case.handling_org_id)
    if until is not None:
        rule["until"] = until.isoformat()
    clock = Clock(case=case, code=spec.code, legal=spec.legal, holder=spec.holder, started_on=on, rule=rule)
    recompute(clock)
    clock.save()
    return clock


def pause(clock: Clock, on: datetime.date, reason: str) -> None:
    clock.state = ClockState.PAUSED
    clock.paused_since = on
    clock.pause_reason = reason
    clock.next_remind_on = None
    clock.save()


def _close_pause(clock: Clock, on: datetime.date) -> None:
    if clock.paused_since is not None and on > clock.paused_since:
        clock.pauses = [*clock.pauses, [clock.paused_since.isoformat(), (on - ONE_DAY).isoformat()]]
    clock.paused_since = None
    clock.pause_reason = ""


def resume(clock: Clock, on: datetime.date) -> None:
    _close_pause(clock, on)
    clock.state = ClockState.RUNNING
    recompute(clock)
    clock.save()


def extend(clock: Clock, code: str, *, on: datetime.date, n: int | None = None,
           until: datetime.date | None = None, approved_by: str = "", approval_ref: str = "",
           event_seq: int | None = None) -> None:
    """Add an extension (already checked by the engine against the snapshot and the law)."""
    snap = clock.rule["extensions"][code]
    entry = {"code": code, "on": on.isoformat(), "approved_by": approved_by, "approval_ref": approval_ref,
             "event": event_seq, "rule_id": snap.get("rule_id")}
    if snap["unit"] == DATE:
        entry.update(unit=DATE, until=until.isoformat())
    else:
        entry.update(unit=snap["unit"], n=n)
    clock.extensions = [*clock.extensions, entry]
    recompute(clock)
    clock.save()


def stop(clock: Clock, on: datetime.date, *, cancelled: bool = False) -> None:
    """Stop the clock on `on`: met if on or before its due date, overdue after it; `cancelled`
    when the case ended another way."""
    if clock.state == ClockState.PAUSED:
        _close_pause(clock, on)
    clock.state = ClockState.RUNNING  # so recompute keeps the reminder fields consistent
    recompute(clock)
    clock.stopped_on = on
    if cancelled:
        clock.state = ClockState.STOPPED
    elif clock.due_date is None or on <= clock.due_date:
        clock.state = ClockState.MET
    else:
        clock.state = ClockState.OVERDUE
    clock.next_remind_on = None
    clock.save()


def open_clocks(case: Case):
    return case.clocks.filter(state__in=OPEN_CLOCK_STATES)


def refresh_case_due(case_id: int, is_open: bool = True) -> datetime.date | None:
    """Store on the case, and on its officers' assignments, the earliest due date of its running
    clocks (for worklists sorted by urgency)."""
    from .models import Assignment

    due = Clock.objects.filter(case_id=case_id, state=ClockState.RUNNING).aggregate(d=Min("due_date"))["d"]
    Case.objects.filter(pk=case_id).update(due_date=due)
    Assignment.objects.filter(case_id=case_id).update(due_date=due, case_open=is_open)
    return due


# ---------------------------------------------------------------- holiday schedules

def affected_by_year(year: int):
    """Clocks whose stored due date may depend on `year`'s calendar: open ones, and stopped
    ones still marked provisional, whose period touches the year."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return Clock.objects.filter(started_on__lte=last, due_date__gte=first).filter(
        Q(state__in=OPEN_CLOCK_STATES) | Q(provisional=True))


def recompute_year(year: int, user=None, batch: int = 500) -> tuple[int, int]:
    """Recompute every clock that depends on `year`; returns (looked at, changed).

    A changed due date is written to the case timeline as a system event."""
    ids = list(affected_by_year(year).values_list("pk", flat=True))
    changed = 0
    for i in range(0, len(ids), batch):
        with transaction.atomic():
            for clock in Clock.objects.select_related("case").filter(pk__in=ids[i:i + batch]).order_by("case_id"):
                old_due, old_prov = clock.due_date, clock.provisional
                if not recompute(clock):
                    continue
                clock.save()
                changed += 1
                case = Case.objects.select_for_update().get(pk=clock.case_id)
                from .engine import next_seq
                Event.objects.create(
                    case=case, seq=next_seq(case), kind=EventKind.SYSTEM, code="recomputed", at=today(),
                    actor=user if getattr(user, "is_authenticated", False) else None,
                    data={"clock": clock.code, "year": year,
                          "old": old_due.isoformat() if old_due else None,
                          "new": clock.due_date.isoformat() if clock.due_date else None,
                          "was_provisional": old_prov, "provisional": clock.provisional})
                refresh_case_due(case.pk, case.closed_on is None)
    return len(ids), changed


@receiver(schedule_changed, dispatch_uid="cases.recompute_clocks")
def _schedule_changed(sender, *, year, changes=None, action="", user=None, **kwargs):
    looked, changed = recompute_year(year, user)
    log.info("holiday schedule %s %s: %d clocks looked at, %d changed", year, action, looked, changed)
    return _("%(n)d case time limits recomputed, %(m)d changed.") % {"n": looked, "m": changed}
