"""Calendar pages: the deadline calculator (everyone signed in) and holiday schedules (administrators).

Views only read forms and call `limits`, `workdays` and `schedules`; no rule lives here.
"""
from __future__ import annotations

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import inputs, schedules, workdays
from .forms import DeadlineForm, ScheduleForm
from .limits import Rule, Unit, compute_deadline, provisional_message
from .models import MANAGE_PERM, HolidaySchedule
from .workdays import CalendarRangeError

_SESSION_KEY = "calendar_last_change"


def can_manage(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.has_perm(MANAGE_PERM)))


def manager_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_manage(request.user):
            raise PermissionDenied(_("Only administrators may manage holiday schedules."))
        return view(request, *args, **kwargs)

    return wrapped


@login_required
def deadline(request):
    """The calculator. A GET form: works without JavaScript; with htmx only the result is swapped."""
    form = DeadlineForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        try:
            result = compute_deadline(data["start"], Rule(Unit(data["unit"]), data["n"]), data["pauses"])
        except CalendarRangeError:
            form.add_error("n", inputs.range_message())
    context = {
        "form": form,
        "result": result,
        "provisional_reason": provisional_message(result.provisional_years) if result and result.provisional else "",
        "weekday": result and result.date.isoweekday(),
        "can_manage": can_manage(request.user),
    }
    template = "calendar/deadline.html#result" if getattr(request, "htmx", False) else "calendar/deadline.html"
    return render(request, template, context)


def _year_span() -> tuple[int, int]:
    first, last = workdays.library_range()
    entered = list(HolidaySchedule.objects.values_list("year", flat=True))
    this_year = datetime.date.today().year
    first = min([first, *entered])
    last = max([last + 1, this_year + 2, *entered])
    return max(first, workdays.MIN_YEAR), min(last, workdays.MAX_YEAR)


@manager_required
def schedule_list(request):
    first, last = _year_span()
    year = request.GET.get("year", "").strip()
    if year:
        if year.isdigit() and workdays.MIN_YEAR <= int(year) <= workdays.MAX_YEAR:
            return redirect("calendar:schedule_detail", year=int(year))
        messages.error(request, _("Enter a year between %(min)d and %(max)d.")
                       % {"min": workdays.MIN_YEAR, "max": workdays.MAX_YEAR})
    rows = schedules.year_rows(first, last)
    return render(request, "calendar/schedule_list.html", {
        "rows": rows, "first": first, "last": last, "min_year": workdays.MIN_YEAR, "max_year": workdays.MAX_YEAR,
    })


def _check_year(year: int) -> None:
    if not workdays.MIN_YEAR <= year <= workdays.MAX_YEAR:
        raise Http404(_("The calendar covers %(min)d–%(max)d.") % {"min": workdays.MIN_YEAR, "max": workdays.MAX_YEAR})


def _spans(days: list[tuple[datetime.date, str]]) -> list[dict]:
    spans: list[dict] = []
    for day, name in days:
        if spans and (day - spans[-1]["last"]).days == 1 and spans[-1]["name"] == name:
            spans[-1]["last"] = day
            spans[-1]["count"] += 1
        else:
            spans.append({"first": day, "last": day, "name": name, "count": 1})
    return spans


@manager_required
def schedule_detail(request, year: int):
    _check_year(year)
    cal = workdays.calendar_for(year)
    schedule = HolidaySchedule.objects.select_related("entered_by").filter(year=year).first()
    last_change = request.session.get(_SESSION_KEY)
    if last_change and last_change.get("year") == year:
        request.session.pop(_SESSION_KEY, None)
    else:
        last_change = None
    return render(request, "calendar/schedule_detail.html", {
        "year": year, "cal": cal, "schedule": schedule,
        "holidays": _spans(cal.holidays()), "makeup": _spans(cal.makeup_days()),
        "library": workdays.library_knows(year), "last_change": last_change,
        "provisional_reason": provisional_message([year]) if cal.provisional else "",
    })


def _remember_change(request, year: int, result: schedules.SaveResult) -> None:
    request.session[_SESSION_KEY] = {
        "year": year,
        "action": result.action,
        "was_provisional": result.was_provisional,
        "changes": [
            {"date": c.date.isoformat(), "weekday": c.date.isoweekday(), "was_working": c.was_working,
             "now_working": c.now_working, "name": c.name}
            for c in result.changes
        ],
        "notes": [str(n) for n in result.notes],
    }


@manager_required
@require_http_methods(["GET", "POST"])
def schedule_enter(request):
    """Enter (or replace) a year's schedule by pasting the notice's days."""
    warnings: list[str] = []
    errors: list[str] = []
    if request.method == "POST":
        form = ScheduleForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            parsed = schedules.parse_lines(data["year"], data["lines"])
            warnings = parsed.warnings
            if parsed.ok and warnings and not data["confirm_warnings"]:
                messages.warning(request, _("Check the warnings below, then tick the box to save."))
            else:
                try:
                    result = schedules.save_schedule(
                        year=data["year"], source_document=data["source_document"], text=data["lines"],
                        published=data["published"], note=data["note"], replace=data["replace"], user=request.user)
                except schedules.ScheduleError as exc:
                    errors = exc.errors
                else:
                    _remember_change(request, data["year"], result)
                    messages.success(request, _("The %(year)d holiday schedule was saved (%(n)d days).")
                                     % {"year": data["year"], "n": result.schedule.days.count()})
                    return redirect("calendar:schedule_detail", year=data["year"])
    else:
        initial = {}
        year = request.GET.get("year", "")
        if year.isdigit() and workdays.MIN_YEAR <= int(year) <= workdays.MAX_YEAR:
            initial["year"] = int(year)
            existing = HolidaySchedule.objects.filter(year=int(year)).first()
            if existing:
                initial.update(source_document=existing.source_document, published=existing.published,
                               note=existing.note, lines=schedules.schedule_as_text(existing), replace=True)
        form = ScheduleForm(initial=initial)
    return render(request, "calendar/schedule_form.html", {
        "form": form, "errors": errors, "warnings": warnings,
        "example_year": (form.initial.get("year") or datetime.date.today().year + 1),
    })


@manager_required
@require_http_methods(["GET", "POST"])
def schedule_withdraw(request, year: int):
    _check_year(year)
    schedule = HolidaySchedule.objects.filter(year=year).first()
    if schedule is None:
        raise Http404(_("%(year)d has no entered schedule.") % {"year": year})
    if request.method == "POST":
        result = schedules.withdraw_schedule(year, user=request.user)
        _remember_change(request, year, result)
        messages.success(request, _("The entered %(year)d schedule was withdrawn.") % {"year": year})
        return redirect(reverse("calendar:schedule_detail", kwargs={"year": year}))
    return render(request, "calendar/schedule_withdraw.html", {
        "schedule": schedule, "year": year, "library": workdays.library_knows(year)})
