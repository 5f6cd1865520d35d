"""The reminder job: find running clocks that crossed a threshold and record one reminder each.

Thresholds, in order: due soon (`ZHIBAO_REMIND_WORKING_DAYS`, 3 working days before the due
date), due today, overdue (the day after). Each running clock stores the date it crosses its
next threshold (`next_remind_on`, kept by clocks.py whenever the due date changes), so the
scan is one range read of the index (state, next_remind_on), however many cases there are.

Several workers may run at once (the pattern of Healthchecks' `sendalerts`): each claims a
clock with ONE conditional UPDATE

    UPDATE cases_clock SET notified = Y, next_remind_on = …
     WHERE id = X AND state = 'running' AND due_date = D AND notified < Y

and only the worker whose UPDATE changed the row writes the `Reminder`, in the same
transaction. The unique constraint on (clock, threshold, due date) is a second guard. When
a clock's due date moves (extension, resume, a new holiday schedule), its thresholds start
again for the new date.

Run it with `zhibao remind` (once, or `--every SECONDS`), or enqueue the task
`zhibao.cases.tasks.send_reminders` on the worker.
"""
from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.dispatch import Signal

from . import clocks
from .models import Clock, ClockState, Reminder, Threshold

BATCH = 500
ONE_DAY = datetime.timedelta(days=1)

#: Sent after commit with `reminders`, the list of Reminder rows just created, so that a
#: delivery channel (e-mail, SMS, the government messaging platform) can pick them up.
reminders_created = Signal()


@dataclass
class RunResult:
    scanned: int = 0      # clocks found past their next threshold date
    created: int = 0      # reminders this run created
    lost: int = 0         # clocks another worker claimed first
    seconds: float = 0.0
    scan_seconds: float = 0.0


def threshold_on(due: datetime.date, today: datetime.date) -> int:
    """The highest threshold a clock due on `due` has crossed by `today` (given it is past its
    next reminder date)."""
    if today > due:
        return Threshold.OVERDUE
    if today == due:
        return Threshold.DUE
    return Threshold.SOON


def _next_date(due: datetime.date, level: int) -> datetime.date | None:
    if level < Threshold.SOON:
        return clocks.soon_date(due)
    if level < Threshold.DUE:
        return due
    if level < Threshold.OVERDUE:
        return due + ONE_DAY
    return None


def candidates(today: datetime.date):
    """Running clocks whose next threshold date has come (served by the index clock_state_remind)."""
    return Clock.objects.filter(state=ClockState.RUNNING, next_remind_on__lte=today)


def _claim_sql() -> str:
    table = connection.ops.quote_name(Clock._meta.db_table)
    return (f"UPDATE {table} SET notified = %s, next_remind_on = %s "
            f"WHERE id = %s AND state = %s AND due_date = %s AND notified < %s")


def claim(clock_id: int, due: datetime.date, level: int) -> bool:
    """Claim threshold `level` of one clock; True if this caller won it. Call in a transaction.

    The same statement as `Clock.objects.filter(pk=…, state="running", due_date=due,
    notified__lt=level).update(…)`, written out because building that queryset costs more than
    the UPDATE itself when thousands of clocks cross a threshold on the same day."""
    adapt = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        cursor.execute(_claim_sql(), [level, adapt(_next_date(due, level)), clock_id, ClockState.RUNNING.value,
                                      adapt(due), level])
        return cursor.rowcount == 1


def run(today: datetime.date | None = None, *, batch: int = BATCH) -> RunResult:
    """One pass: every clock past its next threshold gets its reminder, exactly once."""
    today = today or clocks.today()
    result = RunResult()
    began = time.perf_counter()
    rows = list(candidates(today).values_list("pk", "case_id", "due_date", "notified"))
    result.scan_seconds = time.perf_counter() - began
    result.scanned = len(rows)
    rows.sort()  # every worker takes row locks in the same (id) order: no deadlocks
    for i in range(0, len(rows), batch):
        made: list[Reminder] = []
        with transaction.atomic():
            for pk, case_id, due, notified in rows[i:i + batch]:
                if due is None:
                    continue
                level = threshold_on(due, today)
                if level <= notified:
                    # Stale bookkeeping (it should not happen): move the date on, claim nothing.
                    Clock.objects.filter(pk=pk, due_date=due, notified=notified).update(
                        next_remind_on=_next_date(due, notified))
                    continue
                if not claim(pk, due, level):
                    result.lost += 1
                    continue
                made.append(Reminder(clock_id=pk, case_id=case_id, threshold=level, due_date=due))
            Reminder.objects.bulk_create(made, ignore_conflicts=True)
            if made:
                transaction.on_commit(lambda made=made: reminders_created.send(sender=Reminder, reminders=made))
        result.created += len(made)
    result.seconds = time.perf_counter() - began
    return result
