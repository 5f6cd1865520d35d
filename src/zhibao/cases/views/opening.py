"""Opening a case from the pages: choose a procedure (and a way in) the role may take, then
fill in the case and the entry's fields; engine.open_case does the rest."""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import engine, forms, procedures
from ..errors import CaseError
from ..permissions import CasesPerm
from .access import needs


def entries_for(user) -> list[tuple]:
    """(procedure, entry transitions the user's role may take), for the procedures with any."""
    out = []
    for proc in procedures.PROCEDURES.values():
        entries = [t for t in proc.entries if user.is_superuser or user.role in t.roles]
        if entries:
            out.append((proc, entries))
    return out


@needs(CasesPerm.VIEW, CasesPerm.HANDLE)
@require_GET
def choose(request):
    return render(request, "cases/open_choose.html", {"choices": entries_for(request.user)})


@needs(CasesPerm.VIEW, CasesPerm.HANDLE)
@require_http_methods(["GET", "POST"])
def open_case(request, procedure, entry):
    user = request.user
    found = {p.code: (p, {t.code: t for t in ts}) for p, ts in entries_for(user)}
    if procedure not in found or entry not in found[procedure][1]:
        raise Http404(_("Your role may not open a case this way."))
    proc, t = found[procedure][0], found[procedure][1][entry]
    form = forms.OpenCaseForm(proc, t, user, request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        officers = list(data["officers"])
        try:
            case = engine.open_case(
                proc.code, user, entry=t.code, handling_org=data["handling_org"], title=data["title"],
                at=data["at"], kind=data.get("kind", ""), track=data.get("track", ""), channel=data["channel"],
                district=data["district"], summary=data["summary"], officers=officers,
                lead=user if user in officers else (officers[0] if officers else None), data=form.engine_data())
        except CaseError as exc:
            problem = exc.message
            names = [f for f in exc.fields if f in form.fields]
            for name in names:
                form.add_error(name, exc.message)
            if not names:
                form.add_error(None, exc.message)
        else:
            if case.check_code:
                messages.success(request, _("The case was opened with the tracking number %(number)s and the check "
                                            "code %(code)s. Give both to the person who reported it; the check code "
                                            "is shown only this once.") % {"number": case.number,
                                                                           "code": case.check_code})
            else:
                messages.success(request, _("The case %(ref)s was opened.") % {"ref": case.reference})
            return redirect(case)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/open_form.html", {"proc": proc, "entry": t, "form": form, "problem": problem},
                  status=status)
