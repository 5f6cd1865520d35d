"""The case page /cases/<pk>/ and the forms on it: steps, parties, rights, products, places, officers.

Every change goes through the engine with the case version the user saw. A refusal (a
`CaseError`: not allowed, wrong stage, a bad date, a stale version...) is shown on the page
with the form as the user filled it, and nothing is changed.
"""
import logging

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from zhibao.accounts.roles import Perm
from zhibao.accounts.scope import visible
from zhibao.audit.personal import log_full_view
from zhibao.registry.models import IPRight, MarketEntity

from .. import clocks, engine, forms, panels, party_choice, party_view
from ..links import related
from ..errors import CaseError, InvalidField, StaleCase
from ..permissions import CasesPerm
from . import display
from .access import case_or_404, may_change, needs

log = logging.getLogger(__name__)


def case_context(request, case, *, bound: dict | None = None, full: bool = False) -> dict:
    """Everything the case page shows; `bound` holds forms being shown again with their errors.
    A viewer who does not handle cases (a party) gets what `party_view` allows, nothing more."""
    user, proc, bound = request.user, case.spec, bound or {}
    today = clocks.today()
    parties = list(case.parties.select_related("entity", "person").order_by("role", "pk"))
    case_clocks = sorted(case.clocks.all(), key=lambda c: (not c.is_open, c.started_on, c.pk))
    common = {"case": case, "proc": proc, "today": today, "problem": bound.get("problem", ""),
              "clocks": [display.clock_row(c, today) for c in case_clocks],
              "has_personal": any(not p.entity_id for p in parties),
              "rights": case.rights.select_related("right").order_by("pk")}
    if party_view.restricted(user):
        return {**common, "restricted": True, "hidden": party_view.HIDDEN, "writable": False, "steps": [],
                "parties": [party_view.party(display.party_row(p, False)) for p in parties],
                "events": [party_view.step(display.event_row(e, proc)) for e in party_view.steps_taken(case)]}
    writable = may_change(case, user)
    entity_names = {p.entity.name for p in parties if p.entity_id}
    return {
        **common, "restricted": False, "hidden": frozenset(), "writable": writable,
        "steps": _steps(case, user, bound) if writable else [],
        "record_forms": _record_forms(case, user, bound) if writable else {},
        "parties": [display.party_row(p, full) for p in parties],
        "can_view_full": user.has_perm(Perm.PERSON_VIEW_FULL), "full": full,
        "products": case.products.order_by("pk"),
        "places": case.places.select_related("district").order_by("pk"),
        "assignments": case.assignments.select_related("user").order_by("-lead", "pk"),
        "events": [display.event_row(e, proc, full=full, entity_names=entity_names) for e in engine.timeline(case)],
        "related": related(case, user, full=full),
    }


def _steps(case, user, bound: dict) -> list[dict]:
    """The steps the user may take now, each with its form and the documents it needs."""
    present = set(case.documents.values_list("kind", flat=True))
    return [{"t": t, "form": bound.get(t.code) or forms.StepForm(t, case),
             "documents": [(case.spec.document_label(d), d in present) for d in t.documents],
             "open": t.code in bound}
            for t in engine.available_transitions(case, user)]


def _record_forms(case, user, bound: dict) -> dict:
    """The add forms of parties, rights, products, places and officers (a refused one as filled in)."""
    initial = {"version": case.version}
    return {key: bound.get(key) or record_form(key, case, user, initial=initial) for key in RECORD_FORMS}


def record_form(what: str, case, user, data=None, initial=None):
    """The add form of one kind of record on this case (the party form with its type-ahead)."""
    if what == "officer":
        return forms.AssignForm(case, user, data, initial=initial, prefix=what)
    if what == "party":
        return forms.PartyForm(data, initial=initial, prefix=what,
                               lookup_url=reverse("cases:party_lookup", args=[case.pk]))
    return RECORD_FORMS[what](data, initial=initial, prefix=what)


def render_case(request, case, *, bound=None, status=200, full=False):
    context = case_context(request, case, bound=bound, full=full)
    shown = [] if "panels" in context["hidden"] else panels.for_case(case, request)
    context["panels"] = [r for p in shown if (r := _rendered(p, context, request))]
    return render(request, "cases/case_detail.html", context, status=status)


def _rendered(panel: dict, page: dict, request) -> dict | None:
    """A panel of another app, rendered with its context added to the page's. A panel whose
    template is missing is left out (and logged) rather than taking the case page down."""
    try:
        html = render_to_string(panel["template"], {**page, **panel["context"]}, request=request)
    except TemplateDoesNotExist:
        log.error("case panel %s: template %s does not exist", panel["key"], panel["template"])
        return None
    return {"key": panel["key"], "label": panel["label"], "html": html}


@needs(CasesPerm.VIEW)
@require_GET
def case_detail(request, pk):
    return render_case(request, case_or_404(request.user, pk))


@needs(CasesPerm.VIEW, Perm.PERSON_VIEW_FULL)
@require_POST
def case_full(request, pk):
    """The case page with the parties' personal data in full; every such view is logged."""
    case = case_or_404(request.user, pk)
    persons = display.persons_of(case.parties.select_related("person"))
    if persons:
        log_full_view(request.user, persons, "page")
    response = render_case(request, case, full=True)
    add_never_cache_headers(response)
    return response


def refused(request, case, key: str, form, exc: CaseError | None = None):
    """Show the page again with the form and why it was refused (409 for a stale version)."""
    if exc is not None:
        names = [f for f in exc.fields if f in form.fields]
        for name in names:
            form.add_error(name, exc.message)
        if not names:
            form.add_error(None, exc.message)
        problem = exc.message
    else:
        problem = "; ".join(f"{form.fields[k].label}: {' '.join(v)}" if k in form.fields else " ".join(v)
                            for k, v in form.errors.items())
    status = 409 if isinstance(exc, StaleCase) else 400
    return render_case(request, case, bound={key: form, "problem": problem}, status=status)


@needs(CasesPerm.VIEW, CasesPerm.HANDLE)
@require_POST
def take_step(request, pk, code):
    case = case_or_404(request.user, pk)
    t = case.spec.transition(code)
    if t is None or t.is_entry:
        messages.error(request, _("The procedure “%(proc)s” has no step “%(step)s”.")
                       % {"proc": case.spec.label, "step": code})
        return redirect(case)
    form = forms.StepForm(t, case, request.POST)
    if not form.is_valid():
        return refused(request, case, code, form)
    try:
        engine.apply(case, code, request.user, at=form.cleaned_data["at"], data=form.engine_data(),
                     expected_version=form.cleaned_data["version"], note=form.cleaned_data["note"])
    except CaseError as exc:
        return refused(request, case, code, form, exc)
    messages.success(request, _("“%(step)s” was recorded.") % {"step": t.label})
    return redirect(case)


# -- records on the case ------------------------------------------------------------------------

def _entity(text: str, user) -> MarketEntity:
    """The registered entity with this code or exact name, within the user's data scope (as the API)."""
    text = text.strip()
    entities = visible(MarketEntity.objects.all(), user)
    found = list(entities.filter(uscc=text.upper())[:1]) or list(entities.filter(name=text)[:2])
    if len(found) != 1:
        raise InvalidField(_("No single registered market entity has this code or name: %(text)s.")
                           % {"text": text}, fields=("entity",))
    return found[0]


def _right(number: str, kind: str) -> IPRight:
    rights = IPRight.objects.filter(number=number.strip())
    if kind:
        rights = rights.filter(kind=kind)
    found = list(rights[:2])
    if not found:
        raise InvalidField(_("No registered right has the number %(number)s.") % {"number": number},
                           fields=("number",))
    if len(found) > 1:
        raise InvalidField(_("Rights of several kinds have this number; choose the kind."), fields=("kind",))
    return found[0]


def _add_party(case, user, data, version):
    if data["registered"]:
        chosen = party_choice.chosen(user, data["registered"])
    else:
        chosen = {"entity": _entity(data["entity"], user) if data["entity"] else None}
    return engine.add_party(case, user, role=data["role"], **chosen, name=data["name"],
                            no_prc_domicile=data["no_prc_domicile"], note=data["note"], expected_version=version)


def _add_right(case, user, data, version):
    return engine.add_right(case, user, _right(data["number"], data["kind"]), note=data["note"],
                            expected_version=version)


def _add_product(case, user, data, version):
    return engine.add_product(case, user, expected_version=version, name=data["name"], brand=data["brand"],
                              model_number=data["model_number"], quantity=data["quantity"], value=data["value"])


def _add_place(case, user, data, version):
    return engine.add_place(case, user, expected_version=version, kind=data["kind"], address=data["address"],
                            url=data["url"], district=data["district"])


def _assign(case, user, data, version):
    return engine.assign(case, user, data["officer"], lead=data["lead"], expected_version=version)


RECORD_FORMS = {"party": forms.PartyForm, "right": forms.RightForm, "product": forms.ProductForm,
                "place": forms.PlaceForm, "officer": forms.AssignForm}
RECORDS = {
    "party": (_add_party, gettext_lazy("The party was added.")),
    "right": (_add_right, gettext_lazy("The right was added.")),
    "product": (_add_product, gettext_lazy("The product was added.")),
    "place": (_add_place, gettext_lazy("The place was added.")),
    "officer": (_assign, gettext_lazy("The officer was assigned.")),
}


@needs(CasesPerm.VIEW, CasesPerm.HANDLE)
@require_POST
def add_record(request, pk, what):
    case = case_or_404(request.user, pk)
    if what not in RECORDS:
        raise Http404
    add, done = RECORDS[what]
    form = record_form(what, case, request.user, request.POST)
    if not form.is_valid():
        return refused(request, case, what, form)
    data = form.cleaned_data
    try:
        add(case, request.user, data, data["version"])
    except CaseError as exc:
        return refused(request, case, what, form, exc)
    messages.success(request, done)
    return redirect(case)


@needs(CasesPerm.VIEW, CasesPerm.HANDLE)
@require_GET
def party_lookup(request, pk):
    """The party form's type-ahead: registered entities and persons matching what was typed."""
    case = case_or_404(request.user, pk)
    text = request.GET.get("party-entity") or request.GET.get("q", "")
    return render(request, "cases/_party_suggestions.html",
                  {"case": case, "suggestions": party_choice.suggestions(request.user, text),
                   "searched": party_choice.searchable(text)})
