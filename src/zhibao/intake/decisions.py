"""The officer's triage decision, applied to the case through the engine.

    decisions.decide(proposal, officer, body=org, procedure="enforcement", track="simple", why="…")
    decisions.decide(proposal, officer, duplicate_of=other_case, why="…")

The decision is the "route" step of the report or complaint (handling body and track), so it is
on the case timeline; its reason names the procedure and, for a duplicate, the other case. The
Decision row keeps who, when, what was decided and what differed from the proposal. Everything
happens in one transaction: a refusal by the engine (role, scope, stage, stale case) or a bad
value changes nothing.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhibao.accounts.scope import can_see
from zhibao.cases import engine, procedures
from zhibao.cases.models import Case
from zhibao.registry.models import Organization
from zhibao.registry.validation import plain_text

from .models import Decision, Proposal, ProposalStatus
from .proposals import INTAKE_PROCEDURES, procedure_label, track_label

ROUTE_TRACKS = ("simple", "complex")


def decide(proposal: Proposal, user, *, body: Organization | None = None, procedure: str = "", track: str = "",
           duplicate_of: Case | None = None, why: str = "", expected_version: int | None = None) -> Decision:
    """Record and apply the decision; ValidationError (per field) or engine.CaseError on refusal."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update(of=("self",)).select_related("case", "body").get(pk=proposal.pk)
        if proposal.status != ProposalStatus.PENDING:
            raise ValidationError(_("This proposal was already decided."))
        case = proposal.case
        why = (why or "").strip()
        errors = {}
        if duplicate_of is not None:
            duplicate_of = Case.objects.select_related("handling_org").get(pk=duplicate_of.pk)  # as saved now
            if duplicate_of.pk == case.pk:
                errors["duplicate_of"] = _("A case cannot be a duplicate of itself.")
            elif duplicate_of.procedure not in INTAKE_PROCEDURES or not can_see(duplicate_of, user):
                errors["duplicate_of"] = _("Choose a report or complaint you may see.")
            else:
                body = body or duplicate_of.handling_org
                track = track or duplicate_of.track or proposal.track
                procedure = procedure or proposal.procedure
        body = body or proposal.body
        procedure = procedure if procedure else proposal.procedure
        track = track or proposal.track
        if body is None:
            errors["body"] = _("Choose the competent body.")
        if procedure and procedure not in dict(procedures.choices()):
            errors["procedure"] = _("Choose a procedure.")
        if track not in ROUTE_TRACKS:
            errors["track"] = _("Choose simple or complex.")
        differences = [name for name, mine, theirs in (
            ("body", getattr(body, "pk", None), proposal.body_id), ("procedure", procedure, proposal.procedure),
            ("track", track, proposal.track)) if mine != theirs]
        if duplicate_of is not None:
            differences.append("duplicate_of")
        if differences and not why:
            errors["why"] = _("Say why the decision differs from the proposal.")
        if len(why) > 2000:
            errors["why"] = _("At most 2000 characters.")
        elif why:
            try:
                plain_text(why)
            except ValidationError as exc:
                errors["why"] = " ".join(exc.messages)
        if errors:
            raise ValidationError(errors)
        event = engine.apply(case, "route", user, data={
            "handling_org": body.pk, "track": track, "reason": _route_reason(procedure, duplicate_of, why)},
            expected_version=expected_version)
        proposal.status = ProposalStatus.DECIDED
        proposal.save(update_fields=["status", "updated"])
        return Decision.objects.create(
            proposal=proposal, decided_by=user, body=body, procedure=procedure, track=track,
            duplicate_of=duplicate_of, differences=differences, why=why, event=event)


def _route_reason(procedure: str, duplicate_of: Case | None, why: str) -> str:
    parts = [_("Triage: %(procedure)s.") % {"procedure": procedure_label(procedure)}]
    if duplicate_of is not None:
        parts.append(_("Duplicate of %(case)s.") % {"case": duplicate_of.reference})
    if why:
        parts.append(why)
    return " ".join(parts)


def difference_labels(decision: Decision) -> str:
    names = {"body": _("competent body"), "procedure": _("procedure"), "track": _("track"),
             "duplicate_of": _("marked as a duplicate")}
    return "、".join(str(names.get(d, d)) for d in decision.differences) or _("none: the proposal was accepted")


__all__ = ["decide", "difference_labels", "track_label"]
