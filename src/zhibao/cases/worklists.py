"""Worklists: my open cases, time limits due within N days, overdue time limits.

Querysets, filtered by the user's data scope (`accounts.scope.visible`), ready to page.
They rest on these indexes (see models.py), so they stay fast at a million cases:
  Assignment (user, case)            my cases
  Clock (state, due_date)            due within N days / overdue, city-wide or by scope
  Clock (case, code)                 a case's clocks
  Case (due_date) WHERE open         open cases by urgency
Only running clocks are due; a paused clock is waiting for its interval to end.
"""
from __future__ import annotations

import datetime

from django.db.models import F, QuerySet

from zhibao.accounts.scope import visible

from . import clocks
from .models import Case, Clock, ClockState, Reminder


def mine(user) -> QuerySet[Case]:
    """Open cases the user is assigned to, the most urgent first."""
    return (Case.objects.filter(assignments__user=user, closed_on__isnull=True)
            .select_related("handling_org")
            .order_by(F("due_date").asc(nulls_last=True), "pk"))


def _clocks(user, mine_only: bool) -> QuerySet[Clock]:
    qs = Clock.objects.filter(state=ClockState.RUNNING)
    if mine_only:
        qs = qs.filter(case__assignments__user=user)
    return visible(qs, user).select_related("case")


def due_within(user, days: int, *, today: datetime.date | None = None, mine_only: bool = False,
               legal_only: bool = False) -> QuerySet[Clock]:
    """Running time limits due from today to `days` days ahead (calendar days), soonest first."""
    today = today or clocks.today()
    qs = _clocks(user, mine_only).filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days))
    if legal_only:
        qs = qs.filter(legal=True)
    return qs.order_by("due_date", "pk")


def overdue(user, *, today: datetime.date | None = None, mine_only: bool = False,
            legal_only: bool = False) -> QuerySet[Clock]:
    """Running time limits past their due date, the longest overdue first."""
    today = today or clocks.today()
    qs = _clocks(user, mine_only).filter(due_date__lt=today)
    if legal_only:
        qs = qs.filter(legal=True)
    return qs.order_by("due_date", "pk")


def inbox(user, *, since: datetime.datetime | None = None) -> QuerySet[Reminder]:
    """Reminders for the cases the user is assigned to, newest first."""
    qs = Reminder.objects.filter(case__assignments__user=user).select_related("clock", "case")
    if since is not None:
        qs = qs.filter(created__gte=since)
    return qs.order_by("-created", "-pk")
