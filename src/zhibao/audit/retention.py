"""How long the audit logs are kept, and pruning them without losing what the law keeps.

`ZHIBAO_AUDIT_RETENTION_DAYS` (a setting; unset = keep everything) is how long log
entries are kept in general. Entries about record types under a legal retention period
are kept at least that long, whatever the general setting says:

| record types (app label or app.model) | kept at least | why |
|---|---|---|
| every record type | 180 days | Cybersecurity Law art. 21(3): network logs are kept not less than six months |
| `registry` (organizations, market entities, persons, IP rights, holders...) | 10 years | registry records are evidence in enforcement and credit matters |
| `accounts` (users, roles, scopes, API tokens) | 10 years | who could do what, for the same period as the records they touched |
| the personal-data view log | 3 years | PIPL art. 56: records of personal-information processing are kept at least three years |

`ZHIBAO_AUDIT_LEGAL_RETENTION_YEARS` (a dict of label → years) can lengthen these periods
or add record types; it cannot shorten them. An app whose records must be kept adds its
label to LEGAL_RETENTION_YEARS here.
"""
import getpass
from dataclasses import dataclass
from datetime import datetime, timedelta

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhibao.core import request_id

from .models import PersonalDataView, PruneRun

MINIMUM_DAYS = 180
LEGAL_RETENTION_YEARS: dict[str, int] = {
    "registry": 10,
    "accounts": 10,
}
PERSONAL_VIEW_YEARS = 3
PERSONAL_VIEWS_LABEL = "audit.personaldataview"
GENERAL_LABEL = "*"


class RetentionError(Exception):
    """The retention settings are missing or not acceptable; nothing is deleted."""


def configured_days() -> int | None:
    """The general retention in days, or None when it is not set (keep everything)."""
    raw = getattr(settings, "ZHIBAO_AUDIT_RETENTION_DAYS", None)
    if raw in (None, ""):
        return None
    try:
        days = int(raw)
    except (TypeError, ValueError):
        raise RetentionError(_("ZHIBAO_AUDIT_RETENTION_DAYS must be a whole number of days, not %(value)r.")
                             % {"value": raw}) from None
    if days < MINIMUM_DAYS:
        raise RetentionError(_("ZHIBAO_AUDIT_RETENTION_DAYS is %(days)d, but logs must be kept at least %(min)d "
                               "days (Cybersecurity Law art. 21).") % {"days": days, "min": MINIMUM_DAYS})
    return days


def legal_years() -> dict[str, int]:
    """Record types under legal retention and their years; settings may lengthen, never shorten."""
    years = dict(LEGAL_RETENTION_YEARS)
    years[PERSONAL_VIEWS_LABEL] = PERSONAL_VIEW_YEARS
    extra = getattr(settings, "ZHIBAO_AUDIT_LEGAL_RETENTION_YEARS", None) or {}
    if not isinstance(extra, dict):
        raise RetentionError(_("ZHIBAO_AUDIT_LEGAL_RETENTION_YEARS must be a mapping of record types to years."))
    for label, value in extra.items():
        if not isinstance(value, int) or value < 1:
            raise RetentionError(_("The legal retention of %(label)s must be a whole number of years, at least 1.")
                                 % {"label": label})
        years[label.lower()] = max(years.get(label.lower(), 0), value)
    return years


def years_before(moment: datetime, years: int) -> datetime:
    """The same calendar day `years` earlier (28 February for 29 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


@dataclass
class Group:
    label: str          # GENERAL_LABEL, an app label, app.model, or PERSONAL_VIEWS_LABEL
    cutoff: datetime    # entries strictly older than this are pruned
    content_type_ids: list[int] | None = None
    exclude_ids: list[int] | None = None
    count: int = 0
    deleted: int = 0

    def queryset(self):
        if self.label == PERSONAL_VIEWS_LABEL:
            return PersonalDataView.objects.filter(at__lt=self.cutoff)
        qs = LogEntry.objects.filter(timestamp__lt=self.cutoff)
        if self.content_type_ids is not None:
            qs = qs.filter(content_type_id__in=self.content_type_ids)
        if self.exclude_ids:
            qs = qs.exclude(content_type_id__in=self.exclude_ids)
        return qs


def plan(now: datetime | None = None) -> tuple[int, list[Group]]:
    """What a prune would delete: the general retention and one group per cutoff. Counts included."""
    days = configured_days()
    if days is None:
        raise RetentionError(_("ZHIBAO_AUDIT_RETENTION_DAYS is not set, so the audit log is kept in full. Set it "
                               "to the number of days entries are kept (at least %(min)d) to prune.")
                             % {"min": MINIMUM_DAYS})
    now = now or timezone.now()
    general = now - timedelta(days=days)
    years = legal_years()
    protected: dict[str, list[int]] = {}
    for ct in ContentType.objects.order_by("pk"):
        label = next((key for key in (f"{ct.app_label}.{ct.model}", ct.app_label) if key in years), None)
        if label and label != PERSONAL_VIEWS_LABEL:
            protected.setdefault(label, []).append(ct.pk)
    protected_ids = [pk for ids in protected.values() for pk in ids]
    groups = [Group(GENERAL_LABEL, general, exclude_ids=protected_ids)]
    for label, ids in sorted(protected.items()):
        groups.append(Group(label, min(general, years_before(now, years[label])), content_type_ids=ids))
    groups.append(Group(PERSONAL_VIEWS_LABEL, min(general, years_before(now, years[PERSONAL_VIEWS_LABEL]))))
    for group in groups:
        group.count = group.queryset().count()
    return days, groups


def prune(apply: bool = False, batch_size: int = 5000, now: datetime | None = None) -> tuple[int, list[Group]]:
    """Count (and with `apply`, delete in batches) the entries past their retention. Each applied
    run is recorded as a PruneRun, updated as it goes, so an interrupted run is visible too."""
    days, groups = plan(now)
    if not apply:
        return days, groups
    run = PruneRun.objects.create(
        retention_days=days, operator=getpass.getuser()[:100], request_id=request_id.current() or "",
        cutoffs={g.label: g.cutoff.isoformat() for g in groups}, deleted={})
    for group in groups:
        qs = group.queryset()
        model = qs.model
        while True:
            ids = list(qs.order_by().values_list("pk", flat=True)[:batch_size])
            if not ids:
                break
            with transaction.atomic():
                model.objects.filter(pk__in=ids).delete()
            group.deleted += len(ids)
            run.deleted = {g.label: g.deleted for g in groups}
            run.total = sum(g.deleted for g in groups)
            run.save(update_fields=["deleted", "total"])
    run.finished = timezone.now()
    run.save(update_fields=["finished"])
    return days, groups


def last_run() -> "PruneRun | None":
    return PruneRun.objects.order_by("-started").first()
