"""Pages of the expert pool, draws, recusals and opinions."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhibao.accounts.roles import Perm
from zhibao.accounts.scope import can_see, visible
from zhibao.core.lists import Column
from zhibao.registry import masking
from zhibao.registry.services import save_record

from .. import common, draw as rules, filters, forms
from ..choices import ConflictKind, ExclusionReason, ExpertRole, PickState
from ..models import DrawPick, Expert, ExpertAppointment, ExpertDraw, ExpertOpinion, ExpertTie, ExpertUnavailability
from ..permissions import ServicePerm
from .base import ServiceList, edit_page, errors_text, in_scope, needs, put_errors, section_links


def _roles_today(expert) -> str:
    today = common.today()
    return "、".join(sorted({a.get_role_display() for a in expert.appointments.all()
                             if a.valid_from <= today and (a.valid_to is None or a.valid_to >= today)}))


class ExpertList(ServiceList):
    model = Expert
    filterset_class = filters.ExpertFilter
    perm = ServicePerm.EXPERTS_VIEW
    title = gettext_lazy("Expert pool")
    create_url = "services:expert_create"
    create_perm = ServicePerm.EXPERTS_CHANGE
    default_sort = "name"
    section = "experts"
    columns = (
        Column("name", gettext_lazy("Name"), sort="name"),
        Column("title", gettext_lazy("Professional title")),
        Column("employer_name", gettext_lazy("Organization"), sort="employer_name"),
        Column("roles", gettext_lazy("Valid appointments today"), value=_roles_today),
        Column("ipc_classes", gettext_lazy("IPC classes")),
        Column("industries", gettext_lazy("Industries")),
        Column("availability", gettext_lazy("Availability"), sort="availability"),
    )

    def base_queryset(self):
        return Expert.objects.prefetch_related("appointments")


class DrawList(ServiceList):
    model = ExpertDraw
    filterset_class = filters.DrawFilter
    perm = ServicePerm.EXPERTS_VIEW
    title = gettext_lazy("Expert draws")
    create_url = "services:draw_create"
    create_perm = ServicePerm.DRAW
    default_sort = "-drawn_on"
    section = "experts"
    columns = (
        Column("drawn_on", gettext_lazy("Drawn on"), sort="drawn_on"),
        Column("case__reference", gettext_lazy("Case"), value=lambda d: d.case.reference),
        Column("role", gettext_lazy("Role"), sort="role"),
        Column("count", gettext_lazy("Experts to draw")),
        Column("picks", gettext_lazy("Experts drawn"),
               value=lambda d: "、".join(f"{p.expert.name}" + (f"（{p.get_state_display()}）" if p.state != PickState.ACTIVE
                                                               else "") for p in d.picks.all())),
        Column("replaces", gettext_lazy("Replacement for"), value=lambda d: d.replaces.expert.name if d.replaces_id else ""),
    )

    def base_queryset(self):
        return ExpertDraw.objects.select_related("case", "replaces__expert").prefetch_related(
            Prefetch("picks", queryset=DrawPick.objects.select_related("expert").order_by("order")))


# -- experts -------------------------------------------------------------------------------------

def _ties(expert, user) -> list[dict]:
    """The expert's declared ties; a natural person on the other side is masked for those who
    may not see personal data in full."""
    full = user.has_perm(Perm.PERSON_VIEW_FULL)
    rows = []
    for tie in expert.ties.select_related("entity", "person", "case"):
        if tie.person_id:
            other = tie.person.name if full else masking.name(tie.person.name)
        else:
            other = str(tie.entity or tie.name or "")
        rows.append({"tie": tie, "other": other, "case": tie.case.reference if tie.case_id else ""})
    return rows


@needs(ServicePerm.EXPERTS_VIEW)
@require_GET
def expert_detail(request, pk):
    user = request.user
    expert = in_scope(Expert.objects.select_related("employer_entity", "employer_org", "user"), user, pk)
    can_change = user.has_perm(ServicePerm.EXPERTS_CHANGE)
    picks = (visible(DrawPick.objects.filter(expert=expert), user)
             .select_related("case", "draw").order_by("-drawn_on", "-pk")[:50])
    today = common.today()
    return render(request, "services/expert_detail.html", {
        "expert": expert, "can_change": can_change,
        "appointments": expert.appointments.select_related("appointed_by").all(),
        "unavailable": expert.unavailable.all(), "ties": _ties(expert, user),
        "picks": picks, "load": rules.loads([expert.pk], today).get(expert.pk, 0), "today": today,
        "opinions": visible(ExpertOpinion.objects.filter(expert=expert), user).select_related("case")[:50],
        "appointment_form": forms.AppointmentForm(user=user, initial={"starts_on": today}) if can_change else None,
        "unavailable_form": forms.UnavailabilityForm(user=user) if can_change else None,
        "tie_form": forms.TieForm(user=user) if can_change else None,
        "end_form": forms.EndAppointmentForm() if can_change else None,
    })


@needs(ServicePerm.EXPERTS_VIEW, ServicePerm.EXPERTS_CHANGE)
@require_http_methods(["GET", "POST"])
def expert_create(request):
    form = forms.ExpertForm(request.POST or None, instance=Expert(), user=request.user)
    return edit_page(request, form, lambda f: save_record(f.instance), title=_("New expert"),
                     cancel_url=reverse("services:expert_list"))


@needs(ServicePerm.EXPERTS_VIEW, ServicePerm.EXPERTS_CHANGE)
@require_http_methods(["GET", "POST"])
def expert_edit(request, pk):
    expert = in_scope(Expert.objects.all(), request.user, pk)
    form = forms.ExpertForm(request.POST or None, instance=expert, user=request.user)
    return edit_page(request, form, lambda f: save_record(f.instance, expected_version=f.expected_version),
                     title=_("Edit %(name)s") % {"name": expert}, cancel_url=expert.get_absolute_url())


def _add_child(request, expert, form, success):
    """Save a sub-record of an expert (appointment, unavailability, tie) from its form."""
    if form.is_valid():
        try:
            with transaction.atomic():
                form.instance.full_clean()
                form.instance.save()
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(expert.get_absolute_url())
    messages.error(request, _("Nothing was saved: %(problems)s") % {"problems": errors_text(form)})
    return redirect(expert.get_absolute_url())


@needs(ServicePerm.EXPERTS_VIEW, ServicePerm.EXPERTS_CHANGE)
@require_POST
def appointment_add(request, pk):
    expert = in_scope(Expert.objects.all(), request.user, pk)
    form = forms.AppointmentForm(request.POST, instance=ExpertAppointment(expert=expert), user=request.user)
    return _add_child(request, expert, form, _("The appointment was added."))


@needs(ServicePerm.EXPERTS_VIEW, ServicePerm.EXPERTS_CHANGE)
@require_POST
def appointment_end(request, pk, appointment_pk):
    expert = in_scope(Expert.objects.all(), request.user, pk)
    appointment = expert.appointments.filter(pk=appointment_pk).first()
    if appointment is None:
        raise Http404(_("No such record in your data scope."))
    form = forms.EndAppointmentForm(request.POST)
    if form.is_valid():
        appointment.ended_on = form.cleaned_data["ended_on"]
        appointment.end_reason = form.cleaned_data["end_reason"].strip()
        try:
            appointment.full_clean()
        except ValidationError as exc:
            messages.error(request, _("Nothing was saved: %(problems)s") % {"problems": " ".join(exc.messages)})
        else:
            appointment.save()
            messages.success(request, _("The appointment ends early from %(date)s.")
                             % {"date": appointment.ended_on.isoformat()})
    else:
        messages.error(request, _("Nothing was saved: %(problems)s") % {"problems": errors_text(form)})
    return redirect(expert.get_absolute_url())


@needs(ServicePerm.EXPERTS_VIEW, ServicePerm.EXPERTS_CHANGE)
@require_POST
def unavailability_add(request, pk):
    expert = in_scope(Expert.objects.all(), request.user, pk)
    form = forms.UnavailabilityForm(request.POST, instance=ExpertUnavailability(expert=expert), user=request.user)
    return _add_child(request, expert, form, _("The period of unavailability was added."))


@needs(ServicePerm.EXPERTS_VIEW, ServicePerm.EXPERTS_CHANGE)
@require_POST
def tie_add(request, pk):
    expert = in_scope(Expert.objects.all(), request.user, pk)
    form = forms.TieForm(request.POST, instance=ExpertTie(expert=expert, declared_on=common.today()),
                         user=request.user)
    return _add_child(request, expert, form, _("The declared tie was added."))


@needs(ServicePerm.EXPERTS_VIEW, ServicePerm.EXPERTS_CHANGE)
@require_POST
def tie_remove(request, pk, tie_pk):
    expert = in_scope(Expert.objects.all(), request.user, pk)
    tie = expert.ties.filter(pk=tie_pk).first()
    if tie is not None:
        tie.delete()
        messages.success(request, _("The declared tie was removed."))
    return redirect(expert.get_absolute_url())


# -- draws --------------------------------------------------------------------------------------

def _reason_rows(exclusions, experts):
    labels = dict(ExclusionReason.choices)
    rows = []
    for item in exclusions:
        rows.append({"expert": experts.get(item["expert"]), "name": item.get("name", ""),
                     "reasons": [(labels.get(r["code"], r["code"]), r.get("detail", ""),
                                  r["code"] in ConflictKind.values) for r in item["reasons"]]})
    return rows


@needs(ServicePerm.EXPERTS_VIEW, ServicePerm.DRAW)
@require_http_methods(["GET", "POST"])
def draw_create(request):
    user = request.user
    form = forms.DrawForm(request.POST or None, user=user,
                          initial={"drawn_on": common.today(), "count": 1, "role": ExpertRole.INVESTIGATOR,
                                   "case": request.GET.get("case", "")})
    failed = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            d = rules.draw(data["case"], user, role=data["role"], count=data["count"], on=data["drawn_on"],
                           ipc=data["ipc_classes"], industries=data["industries"], seed=data["seed"],
                           note=data["note"])
        except rules.NotEnough as exc:
            form.add_error(None, exc.messages[0])
            experts = {e.pk: e for e in Expert.objects.filter(pk__in=[x["expert"] for x in exc.exclusions])}
            failed = {"exclusions": _reason_rows(exc.exclusions, experts), "considered": len(exc.considered),
                      "candidates": len(exc.candidates)}
        except ValidationError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("The draw was recorded: %(names)s.") % {
                "names": "、".join(p.expert.name for p in d.picks.select_related("expert"))})
            return redirect(d.get_absolute_url())
    return render(request, "services/draw_form.html", {"form": form, "failed": failed})


@needs(ServicePerm.EXPERTS_VIEW)
@require_GET
def draw_detail(request, pk):
    user = request.user
    d = in_scope(ExpertDraw.objects.select_related("case", "drawn_by", "replaces__expert"), user, pk)
    ids = set(d.considered)
    experts = {e.pk: e for e in Expert.objects.filter(pk__in=ids)}
    replayed = rules.replay(d)
    picks = list(d.picks.select_related("expert", "recused_by").prefetch_related("replacement_draws__picks__expert"))
    return render(request, "services/draw_detail.html", {
        "draw": d, "picks": picks, "replayed": [experts.get(i) for i in replayed], "same": replayed == d.picked,
        "candidates": [(experts.get(i), load, i in d.picked) for i, load in sorted(d.candidates, key=lambda c: (c[1], c[0]))],
        "exclusions": _reason_rows(d.exclusions, experts),
        "can_draw": user.has_perm(ServicePerm.DRAW) and d.case.closed_on is None,
        "recusal_form": forms.RecusalForm(initial={"on": common.today(), "replace": True}),
        "opinions": ExpertOpinion.objects.filter(pick__draw=d).select_related("expert"),
    })


@needs(ServicePerm.EXPERTS_VIEW, ServicePerm.DRAW)
@require_POST
def pick_recuse(request, pk):
    user = request.user
    pick = in_scope(DrawPick.objects.select_related("draw", "expert", "case"), user, pk)
    form = forms.RecusalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: %(problems)s") % {"problems": errors_text(form)})
        return redirect(pick.draw.get_absolute_url())
    data = form.cleaned_data
    try:
        replacement = rules.recuse(pick, user, reason=data["reason"], note=data["note"], on=data["on"],
                                   replace=data["replace"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(pick.draw.get_absolute_url())
    if replacement is not None:
        messages.success(request, _("%(old)s was recused; %(new)s was drawn to replace them.") % {
            "old": pick.expert, "new": replacement.picks.get().expert})
        return redirect(replacement.get_absolute_url())
    messages.success(request, _("%(old)s was recused.") % {"old": pick.expert})
    return redirect(pick.draw.get_absolute_url())


# -- opinions --------------------------------------------------------------------------------------

def _pick_for_opinion(request, pick_pk) -> DrawPick:
    user = request.user
    pick = DrawPick.objects.select_related("expert", "case", "draw").filter(pk=pick_pk).first()
    if pick is None:
        raise Http404(_("No such record in your data scope."))
    own = pick.expert.user_id == user.pk
    if not own and not (user.has_perm(ServicePerm.EXPERTS_CHANGE) and can_see(pick.case, user)):
        raise Http404(_("No such record in your data scope."))
    if not rules.may_give_opinion(user, pick):
        raise PermissionDenied
    return pick


def _opinion_allowed(view):
    def wrapped(request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (user.has_perm(ServicePerm.OPINION) or user.has_perm(ServicePerm.EXPERTS_CHANGE)):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return needs()(wrapped)


@_opinion_allowed
@require_http_methods(["GET", "POST"])
def opinion_create(request, pick_pk):
    pick = _pick_for_opinion(request, pick_pk)
    opinion = ExpertOpinion(pick=pick, case=pick.case, expert=pick.expert, given_on=common.today())
    form = forms.OpinionForm(request.POST or None, instance=opinion, user=request.user)
    return edit_page(request, form, lambda f: rules.save_opinion(f.instance, request.user),
                     title=_("Opinion of %(name)s on case %(case)s") % {"name": pick.expert, "case": pick.case.reference},
                     cancel_url=reverse("services:my_assignments") if pick.expert.user_id == request.user.pk
                     else pick.draw.get_absolute_url(), check_scope=False)


def _opinion_in_reach(request, pk) -> ExpertOpinion:
    user = request.user
    opinion = ExpertOpinion.objects.select_related("case", "expert", "pick__draw", "created_by").filter(pk=pk).first()
    if opinion is None or not (opinion.expert.user_id == user.pk
                               or (user.has_perm(ServicePerm.EXPERTS_VIEW) and can_see(opinion.case, user))):
        raise Http404(_("No such record in your data scope."))
    return opinion


@needs()
@require_GET
def opinion_detail(request, pk):
    opinion = _opinion_in_reach(request, pk)
    return render(request, "services/opinion_detail.html", {
        "opinion": opinion, "can_edit": rules.may_give_opinion(request.user, opinion.pick)
        and opinion.pick.state == PickState.ACTIVE})


@_opinion_allowed
@require_http_methods(["GET", "POST"])
def opinion_edit(request, pk):
    opinion = _opinion_in_reach(request, pk)
    form = forms.OpinionForm(request.POST or None, instance=opinion, user=request.user)
    return edit_page(request, form, lambda f: rules.save_opinion(f.instance, request.user,
                                                                 expected_version=f.expected_version),
                     title=_("Edit the opinion"), cancel_url=opinion.get_absolute_url(), check_scope=False)


@needs(ServicePerm.OPINION)
@require_GET
def my_assignments(request):
    """An expert's own page: the cases they were drawn for, and their opinions."""
    expert = Expert.objects.filter(user=request.user).first()
    picks = []
    if expert is not None:
        picks = (DrawPick.objects.filter(expert=expert).select_related("case", "draw")
                 .prefetch_related("opinions").order_by("-drawn_on", "-pk"))
    return render(request, "services/my_assignments.html", {"expert": expert, "picks": picks,
                                                            "sections": section_links(request, "experts")})
