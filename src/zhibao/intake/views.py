"""Intake pages: hotline and walk-in entry, the triage queue and decision, the rules with their
history. Thin: hotline.py, proposals.py, decisions.py and rules.py hold the rules."""
from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from zhibao.accounts.scope import visible
from zhibao.cases import clocks, engine
from zhibao.cases.models import Case
from zhibao.core.lists import Column, ListPage
from zhibao.registry import search
from zhibao.registry.choices import OrganizationKind
from zhibao.registry.models import IPRight, MarketEntity

from . import decisions, hotline, proposals, rules
from .filters import ProposalFilter
from .forms import CriteriaForm, DecisionForm, RuleForm
from .models import Decision, Matter, Presence, Proposal, ProposalStatus, TrackCriteria, TriageRule
from .permissions import IntakePerm

CHECK_CODES = "intake_check_codes"


def needs(*perms):
    """Anonymous users go to the sign-in page; users without every one of `perms` get 403."""
    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not all(request.user.has_perm(p) for p in perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        return wrapped
    return decorate


def _field_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# -- hotline and walk-in -------------------------------------------------------------------------

@needs(IntakePerm.RECORD)
@require_http_methods(["GET", "POST"])
def entry(request):
    user = request.user
    initial = {"received_on": clocks.today(), "channel": request.GET.get("channel") or "hotline"}
    form = hotline.EntryForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = hotline.record(user, form.cleaned_data)
        except engine.CaseError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            codes = request.session.get(CHECK_CODES, {})
            codes[str(case.pk)] = case.check_code
            request.session[CHECK_CODES] = codes
            return redirect("intake:entry_done", pk=case.pk)
    return render(request, "intake/entry.html", {"form": form})


@needs(IntakePerm.RECORD)
@require_GET
def entry_done(request, pk):
    case = visible(Case.objects.filter(pk=pk), request.user).first()
    if case is None:
        raise Http404(_("No such record in your data scope."))
    codes = request.session.get(CHECK_CODES, {})
    code = codes.pop(str(pk), "")
    request.session[CHECK_CODES] = codes
    proposal = Proposal.objects.filter(case=case).select_related("body").first()
    return render(request, "intake/entry_done.html", {
        "case": case, "check_code": code, "proposal": proposal,
        "procedure": proposals.procedure_label(proposal.procedure) if proposal else "",
        "track": proposals.track_label(proposal.track) if proposal else "",
        "reasons": [proposals.describe(r) for r in proposal.reasons] if proposal else []})


@needs(IntakePerm.RECORD)
@require_GET
def entity_lookup(request):
    """<option>s “USCC name” for the respondent field (htmx fills its datalist); any registered
    entity, since a respondent is whoever the caller names."""
    q = search.normalize(request.GET.get("respondent") or request.GET.get("q"))
    found = list(search.entities(MarketEntity.objects.all(), q).order_by("name", "pk")
                 .only("pk", "name", "uscc")[:15]) if q else []
    return render(request, "intake/options.html", {"options": [(e.uscc, e.name) for e in found]})


@needs(IntakePerm.RECORD)
@require_GET
def right_lookup(request):
    q = search.normalize(request.GET.get("right_number") or request.GET.get("q"))
    found = list(search.rights(IPRight.objects.all(), q).order_by("number", "pk")
                 .only("pk", "number", "title")[:15]) if q else []
    return render(request, "intake/options.html", {"options": [(r.number, r.title) for r in found]})


# -- triage queue and decision -------------------------------------------------------------------

def _reasons(proposal) -> str:
    return "；".join(proposals.describe(r) for r in proposal.reasons)


class Queue(ListPage):
    model = Proposal
    filterset_class = ProposalFilter
    perm = IntakePerm.TRIAGE
    export_perm = IntakePerm.TRIAGE
    title = gettext_lazy("Triage queue")
    default_sort = "-case__received_on"
    template_name = "intake/queue.html"
    columns = (
        Column("case__reference", gettext_lazy("Case"), link=True),
        Column("case__title", gettext_lazy("Title")),
        Column("case__procedure", gettext_lazy("Kind"), value=lambda p: p.case.get_procedure_display()),
        Column("case__channel", gettext_lazy("Channel")),
        Column("case__received_on", gettext_lazy("Received on"), sort="case__received_on"),
        Column("body", gettext_lazy("Proposed body")),
        Column("procedure", gettext_lazy("Proposed procedure"), value=lambda p: proposals.procedure_label(p.procedure)),
        Column("track", gettext_lazy("Proposed track"), value=lambda p: proposals.track_label(p.track)),
        Column("duplicates", gettext_lazy("Likely duplicates"), value=lambda p: len(p.duplicates) or ""),
        Column("status", gettext_lazy("Status")),
    )

    def base_queryset(self):
        qs = Proposal.objects.select_related("case", "body")
        if "status" not in self.request.GET:
            qs = qs.filter(status=ProposalStatus.PENDING)
        return qs

    def extra_context(self):
        return {"can_record": self.request.user.has_perm(IntakePerm.RECORD),
                "can_rules": self.request.user.has_perm(IntakePerm.RULES)}


def _visible_duplicates(proposal, user) -> list[dict]:
    ids = [d["case"] for d in proposal.duplicates]
    seen = set(visible(Case.objects.filter(pk__in=ids), user).values_list("pk", flat=True))
    return [dict(d, signals_text=proposals.signal_labels(d["signals"])) for d in proposal.duplicates if d["case"] in seen]


@needs(IntakePerm.TRIAGE)
@require_http_methods(["GET", "POST"])
def proposal_detail(request, pk):
    proposal = visible(Proposal.objects.select_related("case", "body", "rule_version__rule", "criteria"),
                       request.user).filter(pk=pk).first()
    if proposal is None:
        raise Http404(_("No such record in your data scope."))
    dups = _visible_duplicates(proposal, request.user)
    form = None
    if proposal.status == ProposalStatus.PENDING:
        form = DecisionForm(request.POST or None, proposal=proposal, duplicates=dups)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            other = Case.objects.filter(pk=data["duplicate_of"]).first() if data.get("duplicate_of") else None
            try:
                decisions.decide(proposal, request.user, body=data["body"], procedure=data.get("procedure") or "",
                                 track=data["track"], duplicate_of=other, why=data.get("why") or "",
                                 expected_version=data["version"])
            except engine.CaseError as exc:
                form.add_error(None, exc.message)
            except ValidationError as exc:
                _field_errors(form, exc)
            else:
                messages.success(request, _("The decision was recorded and applied to the case."))
                return redirect("intake:proposal", pk=proposal.pk)
    elif request.method == "POST":
        messages.error(request, _("This proposal was already decided."))
    decision = Decision.objects.filter(proposal=proposal).select_related("body", "decided_by", "duplicate_of").first()
    return render(request, "intake/proposal.html", {
        "proposal": proposal, "case": proposal.case, "form": form, "duplicates": dups, "decision": decision,
        "reasons": [proposals.describe(r) for r in proposal.reasons],
        "facts": _facts_rows(proposal.facts),
        "differences": decisions.difference_labels(decision) if decision else "",
        "proposal_procedure": proposals.procedure_label(proposal.procedure),
        "proposal_track": proposals.track_label(proposal.track),
        "decision_procedure": proposals.procedure_label(decision.procedure) if decision else "",
        "decision_track": proposals.track_label(decision.track) if decision else "",
    })


def _facts_rows(facts: dict) -> list[tuple[str, str]]:
    yes, no = _("yes"), _("no")
    return [
        (_("Types of right"), "、".join(proposals.right_kind_label(k) for k in facts.get("right_kinds", [])) or "—"),
        (_("District"), facts.get("district") or "—"),
        (_("Value involved (yuan)"), facts.get("value") or "—"),
        (_("Foreign element"), yes if facts.get("foreign") else no),
        (_("Exhibition"), yes if facts.get("exhibition") else no),
        (_("Online platform"), yes if facts.get("online") else no),
        (_("Matter"), facts.get("matter") or "—"),
    ]


def case_panel_context(case, request) -> dict:
    """The triage section of the case page (cases.panels)."""
    proposal = Proposal.objects.filter(case=case).select_related("body").first()
    if proposal is None:
        return {"intake_proposal": None}
    decision = Decision.objects.filter(proposal=proposal).select_related("body", "decided_by", "duplicate_of").first()
    return {"intake_proposal": proposal, "intake_decision": decision,
            "intake_procedure": proposals.procedure_label(decision.procedure if decision else proposal.procedure),
            "intake_reasons": [proposals.describe(r) for r in proposal.reasons]}


# -- rules ---------------------------------------------------------------------------------------

@needs(IntakePerm.RULES)
@require_GET
def rule_list(request):
    today = clocks.today()
    in_force = rules.in_force(today)
    shown = {v.rule_id for v in in_force}
    others = [rules.current(r) for r in TriageRule.objects.exclude(pk__in=shown)]
    return render(request, "intake/rules.html", {
        "in_force": [_rule_row(v) for v in in_force], "others": [_rule_row(v) for v in others if v],
        "today": today, "criteria": rules.criteria_in_force(today)})


def _rule_row(version) -> dict:
    """A rule version with its conditions and result in words."""
    conditions = []
    if version.case_procedures:
        conditions.append("、".join(proposals.procedure_label(c) for c in version.case_procedures))
    if version.matters:
        conditions.append("、".join(str(Matter(m).label) for m in version.matters))
    if version.right_kinds:
        conditions.append("、".join(proposals.right_kind_label(k) for k in version.right_kinds))
    if version.districts:
        conditions.append("、".join(version.districts))
    if version.min_value is not None:
        conditions.append(_("value ≥ %(v)s") % {"v": version.min_value})
    if version.max_value is not None:
        conditions.append(_("value < %(v)s") % {"v": version.max_value})
    for name, label in (("foreign", _("foreign element")), ("exhibition", _("exhibition")),
                        ("online", _("online platform"))):
        value = getattr(version, name)
        if value:
            conditions.append(f"{label}: {Presence(value).label}")
    body = str(version.body) if version.body_id else _("the %(kind)s of the case's district") % {
        "kind": dict(OrganizationKind.choices).get(version.body_kind, version.body_kind)}
    return {"v": version, "conditions": "；".join(map(str, conditions)) or _("any"), "body": body,
            "procedure": proposals.procedure_label(version.procedure),
            "track": proposals.track_label(version.track) or _("by the criteria")}


def _rule_form_page(request, rule, form, title):
    return render(request, "intake/rule_form.html", {"rule": rule, "form": form, "title": title})


@needs(IntakePerm.RULES)
@require_http_methods(["GET", "POST"])
def rule_create(request):
    form = RuleForm(request.POST or None, creating=True,
                    initial={"effective_from": clocks.today(), "priority": rules.next_priority()})
    if request.method == "POST" and form.is_valid():
        try:
            version = rules.create_rule(form.cleaned_data["code"], request.user, form.values(),
                                        form.cleaned_data["why"])
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("The rule was created."))
            return redirect(version.rule.get_absolute_url())
    return _rule_form_page(request, None, form, _("New triage rule"))


@needs(IntakePerm.RULES)
@require_http_methods(["GET", "POST"])
def rule_edit(request, code):
    rule = get_object_or_404(TriageRule, code=code)
    last = rules.current(rule)
    form = RuleForm(request.POST or None, instance=None,
                    initial={**{f: getattr(last, f) for f in rules.RULE_FIELDS}, "body": last.body_id,
                             "effective_from": clocks.today()} if last else {})
    if request.method == "POST" and form.is_valid():
        try:
            expected = int(request.POST.get("expected") or 0) or None
            rules.change_rule(rule, request.user, form.values(), form.cleaned_data["why"], expected=expected)
        except rules.StaleRule as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("The change was saved as a new version."))
            return redirect(rule.get_absolute_url())
    return render(request, "intake/rule_form.html", {"rule": rule, "form": form, "expected": last.number if last else "",
                                                     "title": _("Change the rule %(code)s") % {"code": rule.code}})


@needs(IntakePerm.RULES)
@require_GET
def rule_detail(request, code):
    rule = get_object_or_404(TriageRule, code=code)
    versions = rule.versions.select_related("body", "changed_by").order_by("-number")
    return render(request, "intake/rule_detail.html", {"rule": rule, "versions": [_rule_row(v) for v in versions]})


@needs(IntakePerm.RULES)
@require_http_methods(["GET", "POST"])
def criteria(request):
    last = TrackCriteria.objects.order_by("-number").first()
    initial = {**({f: getattr(last, f) for f in rules.CRITERIA_FIELDS} if last else {}),
               "effective_from": clocks.today()}
    form = CriteriaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            expected = int(request.POST.get("expected") or 0) or None
            with transaction.atomic():
                rules.change_criteria(request.user, form.values(), form.cleaned_data["why"], expected=expected)
        except rules.StaleRule as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("The change was saved as a new version."))
            return redirect(reverse("intake:criteria"))
    return render(request, "intake/criteria.html", {
        "form": form, "expected": last.number if last else "",
        "versions": TrackCriteria.objects.select_related("changed_by").order_by("-number")})

