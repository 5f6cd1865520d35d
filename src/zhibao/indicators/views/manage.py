"""Targets, the pledge threshold and population: the value in force, its history (who, when,
why) and a change with its reason, made through targets.py (which the audit log records)."""
from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zhibao.registry.models import PopulationRecord

from .. import definitions, targets
from ..forms import PopulationForm, TargetForm, ThresholdForm
from ..models import PledgeThreshold, Target
from ..periods import IndicatorInputError, today
from .common import MANAGE, needs


def _save(request, form, change, done: str) -> bool:
    """Run `change` with the form's data; a refusal from targets.py goes back to the form."""
    if not form.is_valid():
        return False
    try:
        change(form.cleaned_data)
    except IndicatorInputError as exc:
        form.add_error(None, str(exc))
        return False
    messages.success(request, done)
    return True


def _page(request, template, form, **context):
    return render(request, f"indicators/{template}", {"form": form, **context}, status=400 if form.errors else 200)


@needs(MANAGE)
def targets_page(request):
    form = TargetForm(request.POST or None)
    if request.method == "POST" and _save(request, form, lambda d: targets.set_target(
            d["code"], d["value"], d["target_date"], d["effective_from"], source=d["reason"], user=request.user),
            _("The target is saved.")):
        return redirect("indicators:targets")
    day = today()
    history = Target.objects.select_related("changed_by").order_by("code", "-effective_from")
    rows = [{"ind": ind, "now": targets.in_force(ind.code, day),
             "history": [t for t in history if t.code == ind.code]} for ind in definitions.INDICATORS.values()]
    return _page(request, "targets.html", form, rows=rows)


@needs(MANAGE)
def threshold_page(request):
    form = ThresholdForm(request.POST or None)
    if request.method == "POST" and _save(request, form, lambda d: targets.set_pledge_threshold(
            d["amount"], d["effective_from"], d["document"], user=request.user),
            _("The threshold is saved; the high-value patents are being recomputed.")):
        return redirect("indicators:threshold")
    return _page(request, "threshold.html", form, now=targets.threshold_on(today()),
                 history=PledgeThreshold.objects.select_related("changed_by").order_by("-effective_from"))


@needs(MANAGE)
def population_page(request):
    form = PopulationForm(request.POST or None)
    if request.method == "POST" and _save(request, form, lambda d: targets.set_population(
            d["year"], d["population"], district=d["district"], source=d["reason"]),
            _("The population is saved.")):
        return redirect("indicators:population")
    records = list(PopulationRecord.objects.select_related("district").order_by("district_id", "-year"))
    changes = (LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(PopulationRecord),
                                       object_pk__in=[str(r.pk) for r in records])
               .select_related("actor").order_by("-timestamp"))
    last_change = {}
    for entry in changes:
        last_change.setdefault(entry.object_pk, entry)
    rows = [(r, last_change.get(str(r.pk))) for r in records]
    return _page(request, "population.html", form, rows=rows)
