"""Patent pre-examination: filing entities and requests.

    preexam.eligibility(filing)                          problems with place and field, [] if eligible
    preexam.apply(filing, user)                          record an application to file
    preexam.review(filing, user, approve=True, on=…)     approve (valid for the centre's filing_years) or reject
    preexam.revoke(filing, user, on=…, reason=…)         no longer valid from `on`
    preexam.save_request(request, user)                  a pre-examination request and its outcome
    preexam.turnaround(queryset)                          count, mean and median turnaround, share within target

Eligibility (domain-rules.md §7, marked unverified there, so the centre's rules are data in
CentreProfile): the entity is in business and located in the centre's service area, and its
technical fields (IPC) or its industry are among those the centre serves.
"""
import statistics

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhibao.registry.choices import EntityStatus
from zhibao.registry.services import StaleVersion, save_record

from . import common
from .choices import FilingStatus, PreexamOutcome
from .common import Errors, restore_version
from .fields import ipc_overlap
from .models import CentreProfile, FilingEntity, PreexamRequest


def profile_of(centre) -> CentreProfile | None:
    return CentreProfile.objects.filter(centre=centre).prefetch_related("service_area").first()


def eligibility(filing: FilingEntity) -> list[str]:
    """Why the entity may not file with the centre (place, field, status); empty when it may."""
    problems = []
    entity, profile = filing.entity, profile_of(filing.centre)
    if profile is None:
        return [_("%(centre)s has not recorded its service area and fields yet; record them first.")
                % {"centre": filing.centre}]
    if entity.status != EntityStatus.ACTIVE:
        problems.append(_("%(entity)s is not in business (%(status)s).")
                        % {"entity": entity, "status": entity.get_status_display()})
    area = {d.code for d in profile.service_area.all()}
    district = entity.district
    if area and not (district.code in area or (district.parent_id and district.parent_id in area)):
        problems.append(_("%(entity)s is located in %(district)s, outside the service area of %(centre)s.")
                        % {"entity": entity, "district": district, "centre": filing.centre})
    wanted_ipc = [s.strip() for s in profile.ipc_classes.split(",") if s.strip()]
    wanted_industries = {s for s in profile.industries.split(",") if s}
    if wanted_ipc or wanted_industries:
        have_ipc = [s.strip() for s in filing.ipc_classes.split(",") if s.strip()]
        have_industries = {s for s in filing.industries.split(",") if s} | ({entity.industry} if entity.industry else set())
        if not (ipc_overlap(wanted_ipc, have_ipc) or wanted_industries & have_industries):
            problems.append(_("Neither the fields (%(ipc)s) nor the industry of %(entity)s are among those %(centre)s "
                              "serves.") % {"ipc": filing.ipc_classes or "—", "entity": entity,
                                           "centre": filing.centre})
    return problems


def _guard(record, save):
    creating = record.pk is None
    try:
        with transaction.atomic():
            return save()
    except Exception:
        if creating:
            record.pk = None
        restore_version(record)
        raise


def apply(filing: FilingEntity, user=None, expected_version: int | None = None):
    """Record (or correct, while under review) an application to file."""
    if filing.pk and filing.status != FilingStatus.APPLIED:
        raise ValidationError(_("Only an application under review can be changed; this filing is %(status)s.")
                              % {"status": filing.get_status_display().lower()})

    def save():
        if filing.entity_id and filing.centre_id:
            others = FilingEntity.objects.filter(entity_id=filing.entity_id, centre_id=filing.centre_id).exclude(
                pk=filing.pk)
            if others.filter(status=FilingStatus.APPLIED).exists():
                raise ValidationError({"entity": [_("This entity already has an application under review with this "
                                                    "centre.")]})
            if filing.applied_on and others.filter(common.valid_on(filing.applied_on)).exists():
                raise ValidationError({"entity": [_("This entity's filing with this centre is still valid on that "
                                                    "date; apply again when it expires.")]})
        return save_record(filing, expected_version=expected_version)

    return _guard(filing, save)


def review(filing: FilingEntity, user, *, approve: bool, on=None, note: str = "", valid_until=None,
           expected_version: int | None = None) -> FilingEntity:
    """Approve (the filing is valid from `on` for the centre's filing_years, or until
    `valid_until`) or reject (with the reason) an application under review."""
    on = on or common.today()
    note = (note or "").strip()
    errors = Errors()
    if on > common.today():
        errors.add("on", _("A review cannot be dated in the future."))
    elif on < filing.applied_on:
        errors.add("on", _("A review cannot be dated before the application (%(date)s).")
                   % {"date": filing.applied_on.isoformat()})
    if not approve and not note:
        errors.add("note", _("Give the reason for rejecting the application."))
    if valid_until and valid_until < on:
        errors.add("valid_until", _("The filing cannot expire before it is approved."))
    try:
        common.text(note)
    except ValidationError as exc:
        errors.add("note", exc.messages[0])
    if len(note) > 300:
        errors.add("note", _("At most %(n)d characters.") % {"n": 300})
    errors.raise_if_any()
    with transaction.atomic():
        current = FilingEntity.objects.select_for_update().select_related("entity", "centre").get(pk=filing.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleVersion(current.version)
        if current.status != FilingStatus.APPLIED:
            raise ValidationError(_("This filing was already reviewed (%(status)s).")
                                  % {"status": current.get_status_display().lower()})
        if approve:
            problems = eligibility(current)
            if problems:
                raise ValidationError(problems)
            profile = profile_of(current.centre)
            current.valid_from = on
            current.valid_until = valid_until or (common.add_years(on, profile.filing_years) - common.ONE_DAY)
            current.status = FilingStatus.APPROVED
        else:
            current.status = FilingStatus.REJECTED
        current.reviewed_on, current.review_note, current.reviewed_by = on, note, user
        save_record(current)
    return current


def revoke(filing: FilingEntity, user, *, on=None, reason: str = "", expected_version: int | None = None):
    """Revoke an approved filing: it is no longer valid from `on`."""
    on = on or common.today()
    reason = (reason or "").strip()
    errors = Errors()
    if not reason:
        errors.add("reason", _("Give the reason for the revocation."))
    try:
        common.text(reason)
    except ValidationError as exc:
        errors.add("reason", exc.messages[0])
    if on > common.today():
        errors.add("on", _("A revocation cannot be dated in the future."))
    errors.raise_if_any()
    with transaction.atomic():
        current = FilingEntity.objects.select_for_update().get(pk=filing.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleVersion(current.version)
        if current.status != FilingStatus.APPROVED:
            raise ValidationError(_("Only an approved filing can be revoked; this one is %(status)s.")
                                  % {"status": current.get_status_display().lower()})
        if on < current.valid_from:
            raise ValidationError({"on": [_("A revocation cannot take effect before the filing was approved "
                                             "(%(date)s).") % {"date": current.valid_from.isoformat()}]})
        current.status, current.revoked_on, current.revocation_reason = FilingStatus.REVOKED, on, reason[:300]
        save_record(current)
    return current


def save_request(request: PreexamRequest, user=None, expected_version: int | None = None):
    return _guard(request, lambda: save_record(request, expected_version=expected_version))


def turnaround(queryset) -> dict:
    """Statistics of the decided requests in `queryset`: how many, mean and median working and
    calendar days from submission to outcome, and the share within each centre's target."""
    rows = list(queryset.exclude(outcome=PreexamOutcome.PENDING).exclude(turnaround_days=None)
                .values_list("turnaround_days", "turnaround_working_days",
                             "filing__centre__preexam_profile__target_working_days"))
    if not rows:
        return {"count": 0, "mean_days": None, "median_days": None, "mean_working_days": None,
                "median_working_days": None, "within_target": None}
    days = [r[0] for r in rows]
    working = [r[1] for r in rows]
    within = [r for r in rows if r[2] is not None and r[1] <= r[2]]
    with_target = [r for r in rows if r[2] is not None]
    return {
        "count": len(rows),
        "mean_days": round(statistics.fmean(days), 1), "median_days": statistics.median(days),
        "mean_working_days": round(statistics.fmean(working), 1), "median_working_days": statistics.median(working),
        "within_target": round(100 * len(within) / len(with_target), 1) if with_target else None,
    }
