"""Transfer pages: the list (all, inbox, sent), sending, the transfer's page, and the case seen through it."""
from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhibao.accounts.scope import can_see, visible
from zhibao.cases import party_names
from zhibao.cases.models import Case, Event
from zhibao.core.lists import Column

from .. import filters, forms, transfers
from ..common import Refused, today
from ..models import Transfer, TransferItem
from ..permissions import CollaborationPerm as P
from .base import CollabList, in_scope, needs, put_errors, report


def _ack_state(t: Transfer) -> str:
    if t.acknowledged_on:
        late = _(" (late)") if t.acknowledged_on > t.ack_due else ""
        return _("Acknowledged %(date)s") % {"date": t.acknowledged_on.isoformat()} + late
    if t.ack_due < today():
        return _("Overdue since %(date)s") % {"date": t.ack_due.isoformat()}
    return _("Due %(date)s") % {"date": t.ack_due.isoformat()}


class TransferList(CollabList):
    model = Transfer
    filterset_class = filters.TransferFilter
    title = gettext_lazy("Transfers")
    create_url = "collaboration:transfer_create"
    create_perm = P.TRANSFER
    default_sort = "-sent_on"
    columns = (
        Column("reference", gettext_lazy("Reference")),
        Column("subject", gettext_lazy("Subject"), sort="subject"),
        Column("kind", gettext_lazy("Kind of transfer"), sort="kind"),
        Column("sender__name", gettext_lazy("Sending body"), sort="sender__name"),
        Column("receiver__name", gettext_lazy("Receiving body"), sort="receiver__name"),
        Column("sent_on", gettext_lazy("Sent on"), sort="sent_on"),
        Column("ack", gettext_lazy("Acknowledgement"), sort="ack_due", value=_ack_state),
        Column("outcome", gettext_lazy("Outcome"), sort="outcome"),
    )

    def base_queryset(self):
        return Transfer.objects.select_related("sender", "receiver")


@needs(P.VIEW, P.TRANSFER)
@require_http_methods(["GET", "POST"])
def transfer_create(request):
    user = request.user
    case = in_scope(Case.objects.all(), user, request.GET["case"]) if request.GET.get("case", "").isdigit() else None
    event = None
    if case is not None and request.GET.get("event", "").isdigit():
        event = Event.objects.filter(case=case, pk=request.GET["event"], code__in=transfers.STEP_CODES).first()
    form = forms.TransferForm(request.POST or None, initial={"sent_on": event.at if event else today(),
                                                             "subject": case.title if case else ""})
    if case is None or event is not None:
        del form.fields["take_step"]  # no case step to take
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            t = transfers.send(user, receiver=data["receiver"], kind=data["kind"], reason=data["reason"],
                               sent_on=data["sent_on"], subject=data["subject"], case=case, event=event,
                               items=form.items(), take_step=data.get("take_step", False))
        except Refused as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("The transfer was sent to %(body)s.") % {"body": t.receiver})
            return redirect(t.get_absolute_url())
    step = event or (transfers.case_step_for(case, user, None) if case else None)
    return render(request, "collaboration/transfer_form.html", {
        "form": form, "case": case, "event": event, "step": step, "title": _("Transfer to another body")})


@needs(P.VIEW)
@require_GET
def transfer_detail(request, pk):
    user = request.user
    t = in_scope(Transfer.objects.select_related("sender", "receiver", "case", "event", "sent_by",
                                                 "acknowledged_by", "outcome_by"), user, pk)
    receiving = user.organization_id == t.receiver_id and user.has_perm(P.RECEIVE)
    return render(request, "collaboration/transfer_detail.html", {
        "t": t, "items": t.items.select_related("document"), "late": t.is_late(today()), "receiving": receiving,
        "ack_form": forms.AcknowledgeForm(initial={"on": today()}) if receiving and not t.acknowledged_on else None,
        "outcome_form": forms.OutcomeForm(initial={"on": today(), "outcome": t.outcome, "text": t.outcome_text})
        if receiving and t.acknowledged_on else None,
        "case_visible": t.case_id is not None and can_see(t.case, user),
    })


def _receiver_action(request, pk, act):
    t = in_scope(Transfer.objects.all(), request.user, pk)
    try:
        act(t)
    except Refused as exc:
        report(request, exc)
    return redirect(t.get_absolute_url())


@needs(P.VIEW, P.RECEIVE)
@require_POST
def transfer_acknowledge(request, pk):
    form = forms.AcknowledgeForm(request.POST)

    def act(t):
        if not form.is_valid():
            raise Refused({"on": [_("Enter a date.")]})
        transfers.acknowledge(t, request.user, on=form.cleaned_data["on"])
        messages.success(request, _("The transfer was acknowledged."))
    return _receiver_action(request, pk, act)


@needs(P.VIEW, P.RECEIVE)
@require_POST
def transfer_outcome(request, pk):
    form = forms.OutcomeForm(request.POST)

    def act(t):
        if not form.is_valid():
            raise Refused({"outcome": [_("Choose an outcome and enter its date.")]})
        d = form.cleaned_data
        transfers.report_outcome(t, request.user, outcome=d["outcome"], on=d["on"], text=d["text"])
        messages.success(request, _("The outcome was reported to %(body)s.") % {"body": t.sender})
    return _receiver_action(request, pk, act)


@needs(P.VIEW, P.RECEIVE)
@require_POST
def transfer_recognize(request, pk):
    def act(t):
        statements = {}
        for item in t.items.all():
            choice = request.POST.get(f"item-{item.pk}", "")
            if choice in ("yes", "no"):
                statements[item.pk] = (choice == "yes", request.POST.get(f"note-{item.pk}", ""))
        transfers.recognize(t, request.user, statements, on=today())
        messages.success(request, _("Your statement on the items was recorded."))
    return _receiver_action(request, pk, act)


@needs(P.VIEW)
@require_GET
def transfer_case(request, pk):
    """The transferred case's record, read-only, for the bodies of the transfer (the receiver
    may not see the case otherwise: it belongs to the sender's scope)."""
    t = in_scope(Transfer.objects.select_related("case"), request.user, pk)
    if t.case is None:
        return redirect(t.get_absolute_url())
    case = Case.objects.select_related("handling_org", "district").prefetch_related(
        "parties__entity", "parties__person", "rights__right", "products", "places", "documents",
        Prefetch("events", queryset=Event.objects.filter(kind="step").select_related("actor").order_by("seq")),
    ).get(pk=t.case_id)
    # A natural person's name masked, as on the case page (no logged full view here).
    parties = [(p.get_role_display(), party_names.shown(p)) for p in case.parties.all()]
    return render(request, "collaboration/transfer_case.html", {"t": t, "case": case, "parties": parties})
