"""Worklists: my open cases, time limits due within N days, overdue time limits.

Querysets, filtered by the user's data scope (the rule of `accounts.scope.visible`), ready to page.
They rest on these indexes (see models.py), so they stay fast at a million cases:
  Assignment (user, case_open, due_date, case)   my cases, most urgent first; my clocks due by a date
  Clock (state, due_date)            due within N days / overdue, city-wide or by scope
  Clock (case, code)                 a case's clocks
  Case (due_date) WHERE open         open cases by urgency
Only running clocks are due; a paused clock is waiting for its interval to end.
"""
from __future__ import annotations

import datetime

from django.db.models import F, QuerySet

from zhibao.accounts.roles import Role, Scope

from . import clocks
from .models import Assignment, Case, Clock, ClockState, Reminder


def mine(user) -> QuerySet[Case]:
    """Open cases the user is assigned to, the most urgent first (index assignment_worklist)."""
    return (Case.objects.filter(assignments__user=user, assignments__case_open=True)
            .select_related("handling_org")
            .order_by(F("assignments__due_date").asc(nulls_last=True), "assignments__case_id"))


def scoped_clocks(qs: QuerySet[Clock], user) -> QuerySet[Clock]:
    """Clocks of the cases `user` may see: the rule of `accounts.scope.visible` for cases, applied
    as a join on the clock's case (a test checks that both agree). A join lets a worklist page
    walk the (state, due_date) index and stop after a page, instead of first listing every case
    id of a body."""
    if user.is_superuser:
        return qs
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    paths = Case.scope_paths
    if user.role == Role.ENTERPRISE:
        if user.entity_id is None:
            return qs.none()
        return qs.filter(case__in=Case.objects.filter(**{paths["entity"]: user.entity_id}).values("pk"))
    if user.scope == Scope.CITY:
        return qs
    if user.scope == Scope.DISTRICT:
        key, value = paths["district"], user.district_id
    else:
        key, value = paths["organization"], user.organization_id
    if value is None:
        return qs.none()
    return qs.filter(**{f"case__{key}": value})


def _clocks(user, mine_only: bool, due_by: datetime.date) -> QuerySet[Clock]:
    """Running clocks in the user's scope (of the user's cases if `mine_only`) for a list of
    clocks due on or before `due_by`."""
    qs = scoped_clocks(Clock.objects.filter(state=ClockState.RUNNING), user)
    if mine_only:
        # Start from the user's assignments due by then (index assignment_worklist: user, then
        # due_date), not from every running clock of the city in the window: an assignment's
        # due_date is its case's earliest running clock (clocks.refresh_case_due), so a case
        # with a running clock due by `due_by` has its assignments due by then too.
        qs = qs.filter(case__in=Assignment.objects.filter(user=user, due_date__lte=due_by).values("case_id"))
    return qs.select_related("case")


def due_within(user, days: int, *, today: datetime.date | None = None, mine_only: bool = False,
               legal_only: bool = False) -> QuerySet[Clock]:
    """Running time limits due from today to `days` days ahead (calendar days), soonest first."""
    today = today or clocks.today()
    last = today + datetime.timedelta(days=days)
    qs = _clocks(user, mine_only, last).filter(due_date__gte=today, due_date__lte=last)
    if legal_only:
        qs = qs.filter(legal=True)
    return qs.order_by("due_date", "pk")


def overdue(user, *, today: datetime.date | None = None, mine_only: bool = False,
            legal_only: bool = False) -> QuerySet[Clock]:
    """Running time limits past their due date, the longest overdue first."""
    today = today or clocks.today()
    qs = _clocks(user, mine_only, today - datetime.timedelta(days=1)).filter(due_date__lt=today)
    if legal_only:
        qs = qs.filter(legal=True)
    return qs.order_by("due_date", "pk")


def inbox(user, *, since: datetime.datetime | None = None) -> QuerySet[Reminder]:
    """Reminders for the cases the user is assigned to, newest first."""
    qs = Reminder.objects.filter(case__assignments__user=user).select_related("clock", "case")
    if since is not None:
        qs = qs.filter(created__gte=since)
    return qs.order_by("-created", "-pk")
