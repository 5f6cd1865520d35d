"""Signals of the calendar app.

`schedule_changed` is sent (after the transaction commits) whenever an administrator
enters, replaces or withdraws a year's holiday schedule. Deadlines computed live (the
calculator, the API, pages) are right at once, because the working-day cache is dropped
for that year here. Deadlines that other apps *store* (the case engine's clocks) must be
recomputed by a receiver of `schedule_changed`:

    from zhibao.calendar.signals import schedule_changed

    @receiver(schedule_changed)
    def recompute_clocks(sender, *, year, changes, action, user, **kwargs):
        ...  # recompute clocks whose period touches `year`
        return _("%(n)d case deadlines recomputed, %(m)d changed") % {...}

Arguments: `year` (int); `changes`, a list of `schedules.DayChange` (the days whose working
status changed); `action`, "entered", "replaced" or "withdrawn"; `user` (may be None).
A receiver may return a short translated sentence; the schedule page shows it to the
administrator who made the change.
"""
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from . import workdays
from .models import HolidaySchedule, ScheduleDay

schedule_changed = Signal()


def _forget(year: int) -> None:
    workdays.clear_cache(year)
    # Once more after commit: a reader between the save and the commit may have cached the
    # old rows again.
    transaction.on_commit(lambda: workdays.clear_cache(year))


@receiver(post_save, sender=HolidaySchedule)
@receiver(post_delete, sender=HolidaySchedule)
def _schedule_saved(sender, instance, **kwargs):
    _forget(instance.year)


@receiver(post_save, sender=ScheduleDay)
@receiver(post_delete, sender=ScheduleDay)
def _day_saved(sender, instance, **kwargs):
    _forget(instance.date.year)
