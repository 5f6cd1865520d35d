"""Stored due dates follow holiday schedule changes (`calendar.signals.schedule_changed`).

An unacknowledged transfer's due date is counted again with the rule it kept; an open request for
assistance keeps the date its requester set (it may have been set by hand)."""
import datetime

from django.dispatch import receiver
from django.utils.translation import gettext as _

from zhibao.calendar.limits import Rule, Unit, compute_deadline
from zhibao.calendar.signals import schedule_changed

from .models import Transfer


@receiver(schedule_changed)
def recompute_transfers(sender, *, year, **kwargs):
    changed = 0
    open_ones = Transfer.objects.filter(acknowledged_on__isnull=True, sent_on__gte=datetime.date(year - 1, 1, 1),
                                        sent_on__lte=datetime.date(year, 12, 31))
    for t in open_ones:
        deadline = compute_deadline(t.sent_on, Rule(Unit(t.ack_rule["unit"]), t.ack_rule["n"]))
        if (deadline.date, deadline.provisional) != (t.ack_due, t.ack_provisional):
            Transfer.objects.filter(pk=t.pk).update(ack_due=deadline.date, ack_provisional=deadline.provisional)
            changed += 1
    return _("%(n)d transfer acknowledgement dates changed") % {"n": changed}
