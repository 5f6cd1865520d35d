"""The worklist /cases/worklist/: my open cases, time limits due within N days, overdue ones.

The lists are cases/worklists.py's querysets (scoped, walking their indexes); this page only
pages them. N defaults to the reminder lead time (clocks.remind_working_days())."""
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .. import clocks, forms, worklists
from ..permissions import CasesPerm
from .access import needs

TABS = (("mine", _("My open cases")), ("due", _("Due soon")), ("overdue", _("Overdue")))
PER_PAGE = 50


@needs(CasesPerm.VIEW)
@require_GET
def worklist(request):
    user = request.user
    tab = request.GET.get("tab") if request.GET.get("tab") in dict(TABS) else "mine"
    form = forms.WorklistForm(request.GET or None, initial={"days": clocks.remind_working_days()})
    days, mine = clocks.remind_working_days(), False
    if form.is_bound and form.is_valid():
        days = form.cleaned_data["days"] if form.cleaned_data["days"] is not None else days
        mine = form.cleaned_data["mine"]
    today = clocks.today()
    if tab == "mine":
        rows = worklists.mine(user)
    elif tab == "due":
        rows = worklists.due_within(user, days, today=today, mine_only=mine)
    else:
        rows = worklists.overdue(user, today=today, mine_only=mine)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "cases/worklist.html", {
        "tab": tab, "tabs": [{"key": k, "label": label, "current": k == tab} for k, label in TABS],
        "form": form, "days": days, "page": page, "today": today,
        "query": query.urlencode(), "tab_query": _without(query, "tab"),
    })


def _without(query, key) -> str:
    query = query.copy()
    query.pop(key, None)
    return query.urlencode()
