"""Time-limit rules /cases/rules/: every rule with the amount in force today, its source and
history, and a form to record a new amount from a date (timelimits.set_rule, with a reason)."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import clocks, forms, procedures, timelimits
from ..models import TimeLimitRule
from ..permissions import CasesPerm
from .access import needs


def _rows(today):
    """One row per declared rule key, in declaration order, with its rows (newest first)."""
    by_key = {}
    for row in TimeLimitRule.objects.select_related("organization", "changed_by").order_by("-effective_from"):
        by_key.setdefault((row.procedure, row.clock, row.part), []).append(row)
    out = []
    for part in timelimits.all_declared():
        proc = procedures.get(part.procedure)
        spec = proc.clock(part.clock)
        history = by_key.get((part.procedure, part.clock, part.part), [])
        current = next((r for r in history if r.organization_id is None and r.effective_from <= today), None)
        ext = spec.extension(part.part)
        variant = next((v for v in spec.variants if v.code == part.part), None)
        out.append({"part": part, "proc": proc, "spec": spec,
                    "part_label": ext.label if ext else (variant.label or part.part) if variant else _("Base period"),
                    "current": current, "history": history})
    return out


@needs(CasesPerm.RULES)
@require_GET
def rule_list(request):
    today = clocks.today()
    procedure = request.GET.get("procedure", "")
    rows = [r for r in _rows(today) if not procedure or r["part"].procedure == procedure]
    return render(request, "cases/rules.html", {"rows": rows, "today": today, "procedure": procedure,
                                                "procedures": procedures.choices(), "units": _units()})


def _units() -> dict:
    return dict(TimeLimitRule.UNIT_CHOICES)


@needs(CasesPerm.RULES)
@require_http_methods(["GET", "POST"])
def rule_change(request, procedure, clock, part):
    declared = next((p for p in timelimits.all_declared() if (p.procedure, p.clock, p.part) == (procedure, clock, part)),
                    None)
    if declared is None:
        raise Http404(_("There is no such time limit."))
    spec = procedures.get(procedure).clock(clock)
    current = timelimits.in_force(procedure, clock, part, clocks.today())
    initial = {"unit": current.unit if current else declared.unit,
               "amount": current.amount if current else declared.amount,
               "max_count": current.max_count if current else declared.max_count,
               "effective_from": clocks.today(), "tag": current.tag if current else declared.source.tag.value}
    form = forms.RuleForm(declared, request.POST or None, initial=initial,
                          extension=spec.extension(part) is not None, by_body=spec.by_body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra = {"max_count": data["max_count"]} if "max_count" in form.fields else {}
        try:
            timelimits.set_rule(user=request.user, procedure=procedure, clock=clock, part=part, unit=data["unit"],
                                amount=data.get("amount"), effective_from=data["effective_from"],
                                source=data["source"], tag=data["tag"], note=data["note"],
                                organization=data.get("organization"), **extra)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The new amount of “%(clock)s” was recorded from %(date)s.")
                             % {"clock": spec.label, "date": data["effective_from"].isoformat()})
            return redirect(f"{reverse('cases:rules')}?procedure={procedure}#rule-{clock}-{part}")
    history = timelimits.history(procedure, clock, part).select_related("organization", "changed_by")
    return render(request, "cases/rule_form.html", {
        "proc": procedures.get(procedure), "spec": spec, "declared": declared, "form": form, "current": current,
        "history": history, "units": _units()}, status=400 if form.is_bound and form.errors else 200)
