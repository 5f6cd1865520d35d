"""Pages of requests for assistance, joint operations and joint meetings."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhibao.accounts.scope import visible
from zhibao.cases.models import Case

from .. import assistance, filters, forms, operations
from ..common import Refused, today
from ..models import AssistanceRequest, Meeting, Operation
from ..permissions import CollaborationPerm as P
from .base import CollabList, find_case, in_scope, needs, put_errors, report
from zhibao.core.lists import Column


# -- requests for assistance ---------------------------------------------------------------

class AssistanceList(CollabList):
    model = AssistanceRequest
    filterset_class = filters.AssistanceFilter
    title = gettext_lazy("Requests for assistance")
    create_url = "collaboration:assistance_create"
    create_perm = P.TRANSFER
    default_sort = "-sent_on"
    columns = (
        Column("subject", gettext_lazy("Subject"), sort="subject"),
        Column("requester__name", gettext_lazy("Requesting body"), sort="requester__name"),
        Column("addressee__name", gettext_lazy("Requested body"), sort="addressee__name"),
        Column("sent_on", gettext_lazy("Sent on"), sort="sent_on"),
        Column("due_on", gettext_lazy("Reply due"), sort="due_on"),
        Column("status", gettext_lazy("Status"), sort="status"),
        Column("overdue", gettext_lazy("Overdue"),
               value=lambda r: _("Overdue") if assistance.is_overdue(r, today()) else ""),
    )

    def base_queryset(self):
        return AssistanceRequest.objects.select_related("requester", "addressee")


@needs(P.VIEW, P.TRANSFER)
@require_http_methods(["GET", "POST"])
def assistance_create(request):
    user = request.user
    case = in_scope(Case.objects.all(), user, request.GET["case"]) if request.GET.get("case", "").isdigit() else None
    form = forms.AssistanceForm(request.POST or None, initial={"sent_on": today(),
                                                               "subject": case.title if case else ""})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            req = assistance.request(user, addressee=d["addressee"], subject=d["subject"], questions=d["questions"],
                                     sent_on=d["sent_on"], due_on=d["due_on"], case=case)
        except Refused as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("The request was sent to %(body)s.") % {"body": req.addressee})
            return redirect(req.get_absolute_url())
    return render(request, "collaboration/form.html", {"form": form, "title": _("Ask another body for assistance"),
                                                       "case": case,
                                                       "cancel_url": reverse("collaboration:assistance_list")})


@needs(P.VIEW)
@require_GET
def assistance_detail(request, pk):
    user = request.user
    req = in_scope(AssistanceRequest.objects.select_related("requester", "addressee", "case", "sent_by", "replied_by"),
                   user, pk)
    answering = (user.organization_id == req.addressee_id and user.has_perm(P.RECEIVE) and req.status == "open")
    return render(request, "collaboration/assistance_detail.html", {
        "req": req, "overdue": assistance.is_overdue(req, today()),
        "reply_form": forms.ReplyForm(initial={"on": today()}) if answering else None})


@needs(P.VIEW, P.RECEIVE)
@require_POST
def assistance_reply(request, pk):
    req = in_scope(AssistanceRequest.objects.all(), request.user, pk)
    form = forms.ReplyForm(request.POST)
    try:
        if not form.is_valid():
            raise Refused({"text": [_("Write the reply and its date.")]})
        d = form.cleaned_data
        assistance.reply(req, request.user, text=d["text"], on=d["on"], decline=d["status"] == "declined")
    except Refused as exc:
        report(request, exc)
    else:
        messages.success(request, _("The reply was sent to %(body)s.") % {"body": req.requester})
    return redirect(req.get_absolute_url())


# -- joint operations ----------------------------------------------------------------------------

class OperationList(CollabList):
    model = Operation
    filterset_class = filters.OperationFilter
    title = gettext_lazy("Joint operations")
    create_url = "collaboration:operation_create"
    create_perm = P.OPERATIONS
    default_sort = "-starts_on"
    columns = (
        Column("name", gettext_lazy("Name"), sort="name"),
        Column("lead__name", gettext_lazy("Lead body"), sort="lead__name"),
        Column("starts_on", gettext_lazy("Starts on"), sort="starts_on"),
        Column("ends_on", gettext_lazy("Ends on"), sort="ends_on"),
        Column("participants", gettext_lazy("Participating bodies"), value=lambda o: len(o.participants.all())),
        Column("cases", pgettext_lazy("count", "Cases"), value=lambda o: len(o.cases.all())),
    )

    def base_queryset(self):
        return Operation.objects.select_related("lead").prefetch_related("participants", "cases")


def _edit(request, form, save, title, cancel_url):
    if request.method == "POST" and form.is_valid():
        try:
            record = save(form)
        except Refused as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("“%(name)s” was saved.") % {"name": record})
            return redirect(record.get_absolute_url())
    return render(request, "collaboration/form.html", {"form": form, "title": title, "cancel_url": cancel_url})


@needs(P.VIEW, P.OPERATIONS)
@require_http_methods(["GET", "POST"])
def operation_edit(request, pk=None):
    op = in_scope(Operation.objects.all(), request.user, pk) if pk else Operation()
    form = forms.OperationForm(request.POST or None, instance=op,
                               initial={} if pk else {"lead": request.user.organization_id})
    return _edit(request, form, lambda f: operations.save_operation(request.user, f.instance,
                                                                    f.cleaned_data["participants"]),
                 _("Edit %(name)s") % {"name": op} if pk else _("New joint operation"),
                 op.get_absolute_url() if pk else reverse("collaboration:operation_list"))


def _cases(record, user):
    seen = set(visible(record.cases.all(), user).values_list("pk", flat=True))
    return [(c, c.pk in seen) for c in record.cases.order_by("-received_on")]


@needs(P.VIEW)
@require_GET
def operation_detail(request, pk):
    user = request.user
    op = in_scope(Operation.objects.select_related("lead"), user, pk)
    return render(request, "collaboration/operation_detail.html", {
        "op": op, "participants": op.participants.order_by("name"), "cases": _cases(op, user),
        "can_change": user.has_perm(P.OPERATIONS), "case_form": forms.CaseRefForm()})


def _case_action(request, record, act):
    try:
        act()
    except Refused as exc:
        report(request, exc)
    return redirect(record.get_absolute_url())


@needs(P.VIEW, P.OPERATIONS)
@require_POST
def operation_case_add(request, pk):
    op = in_scope(Operation.objects.all(), request.user, pk)
    return _case_action(request, op, lambda: operations.add_case(op, request.user,
                                                                 find_case(request.user, request.POST.get("case"))))


@needs(P.VIEW, P.OPERATIONS)
@require_POST
def operation_case_remove(request, pk, case_pk):
    op = in_scope(Operation.objects.all(), request.user, pk)
    case = op.cases.filter(pk=case_pk).first()
    return _case_action(request, op, lambda: case and operations.remove_case(op, request.user, case))


# -- joint meetings -------------------------------------------------------------------------------

class MeetingList(CollabList):
    model = Meeting
    filterset_class = filters.MeetingFilter
    title = gettext_lazy("Joint meetings")
    create_url = "collaboration:meeting_create"
    create_perm = P.OPERATIONS
    default_sort = "-held_on"
    columns = (
        Column("title", gettext_lazy("Title"), sort="title"),
        Column("held_on", gettext_lazy("Date"), sort="held_on"),
        Column("quarter_label", gettext_lazy("Quarter")),
        Column("convener__name", gettext_lazy("Convener"), sort="convener__name"),
        Column("decisions", gettext_lazy("Open decisions"),
               value=lambda m: sum(1 for d in m.decisions.all() if d.done_on is None)),
    )

    def base_queryset(self):
        return Meeting.objects.select_related("convener").prefetch_related("decisions")


@needs(P.VIEW, P.OPERATIONS)
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk=None):
    meeting = in_scope(Meeting.objects.all(), request.user, pk) if pk else Meeting()
    form = forms.MeetingForm(request.POST or None, instance=meeting,
                             initial={} if pk else {"convener": request.user.organization_id})
    return _edit(request, form, lambda f: operations.save_meeting(request.user, f.instance,
                                                                  f.cleaned_data["attendees"]),
                 _("Edit %(name)s") % {"name": meeting} if pk else _("New joint meeting"),
                 meeting.get_absolute_url() if pk else reverse("collaboration:meeting_list"))


@needs(P.VIEW)
@require_GET
def meeting_detail(request, pk):
    user = request.user
    meeting = in_scope(Meeting.objects.select_related("convener"), user, pk)
    can_change = user.has_perm(P.OPERATIONS)
    return render(request, "collaboration/meeting_detail.html", {
        "m": meeting, "attendees": meeting.attendees.order_by("name"), "agenda": meeting.agenda.all(),
        "decisions": meeting.decisions.select_related("owner"), "cases": _cases(meeting, user), "today": today(),
        "can_change": can_change, "agenda_form": forms.AgendaForm() if can_change else None,
        "decision_form": forms.DecisionForm(meeting=meeting) if can_change else None,
        "case_form": forms.CaseRefForm() if can_change else None})


@needs(P.VIEW, P.OPERATIONS)
@require_POST
def meeting_add(request, pk, what):
    """Add an agenda item, a decision or a case to the meeting."""
    user = request.user
    meeting = in_scope(Meeting.objects.all(), user, pk)

    def act():
        if what == "agenda":
            form = forms.AgendaForm(request.POST)
            form.is_valid()
            operations.add_agenda_item(meeting, user, **{k: form.cleaned_data.get(k, "") for k in ("title", "notes")})
        elif what == "decision":
            form = forms.DecisionForm(request.POST, meeting=meeting)
            if not form.is_valid():
                raise Refused({"text": [_("Give the decision, the responsible body and the due date.")]})
            operations.add_decision(meeting, user, **form.cleaned_data)
        elif what == "case":
            operations.add_meeting_case(meeting, user, find_case(user, request.POST.get("case")))
    return _case_action(request, meeting, act)


@needs(P.VIEW, P.OPERATIONS)
@require_POST
def decision_done(request, pk, decision_pk):
    meeting = in_scope(Meeting.objects.all(), request.user, pk)
    decision = meeting.decisions.filter(pk=decision_pk).first()
    return _case_action(request, meeting, lambda: decision and operations.mark_done(decision, request.user,
                                                                                      on=today()))
