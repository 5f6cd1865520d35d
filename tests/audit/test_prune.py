"""`zhibao prune_audit`: refuses without a retention setting, dry run by default, keeps legal retention."""
import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from zhibao.accounts.models import User
from zhibao.audit import retention
from zhibao.audit.models import PersonalDataView, PruneRun
from zhibao.registry.models import Person

NOW = timezone.now()


def entry(model, days_ago, pk=1):
    return LogEntry(content_type=ContentType.objects.get_for_model(model), object_pk=str(pk), object_id=pk,
                    object_repr="x", action=LogEntry.Action.UPDATE, changes={},
                    timestamp=NOW - datetime.timedelta(days=days_ago))


@pytest.fixture
def old_log(db, admin_user):
    LogEntry.objects.all().delete()
    LogEntry.objects.bulk_create([
        entry(Group, 10), entry(Group, 400), entry(Group, 2000),          # no legal retention
        entry(Person, 400), entry(Person, 3000), entry(Person, 3700),     # registry: 10 years
        entry(User, 400), entry(User, 3700),                              # accounts: 10 years
    ])
    for days in (10, 400, 1000, 1200):
        view = PersonalDataView.objects.create(user=admin_user, username="admin", person_id=days,
                                               person_label="王*", fields="name", channel="page")
        PersonalDataView.objects.filter(pk=view.pk).update(at=NOW - datetime.timedelta(days=days))


def prune(*args, language="en"):
    out = io.StringIO()
    with translation.override(language):
        call_command("prune_audit", *args, stdout=out)
    return out.getvalue()


def remaining(model):
    ct = ContentType.objects.get_for_model(model)
    return sorted(round((NOW - t).days) for t in LogEntry.objects.filter(content_type=ct)
                  .values_list("timestamp", flat=True))


def test_refuses_without_a_retention_setting(old_log, settings):
    if hasattr(settings, "ZHIBAO_AUDIT_RETENTION_DAYS"):
        del settings.ZHIBAO_AUDIT_RETENTION_DAYS
    with pytest.raises(CommandError, match="ZHIBAO_AUDIT_RETENTION_DAYS is not set"):
        prune("--apply")
    assert LogEntry.objects.count() == 8


@pytest.mark.parametrize("value, message", [(30, "at least 180"), ("a year", "whole number of days")])
def test_refuses_a_retention_shorter_than_the_law_allows(old_log, settings, value, message):
    settings.ZHIBAO_AUDIT_RETENTION_DAYS = value
    with pytest.raises(CommandError, match=message):
        prune("--apply")
    assert LogEntry.objects.count() == 8


def test_dry_run_deletes_nothing(old_log, settings):
    settings.ZHIBAO_AUDIT_RETENTION_DAYS = 365
    out = prune()
    assert "would be deleted" in out and "Dry run" in out
    assert LogEntry.objects.count() == 8 and PersonalDataView.objects.count() == 4
    assert not PruneRun.objects.exists()
    _days, groups = retention.plan(NOW)
    counts = {g.label: g.count for g in groups}
    assert counts == {"*": 2, "accounts": 1, "registry": 1, "audit.personaldataview": 1}


def test_apply_keeps_what_is_under_legal_retention(old_log, settings):
    settings.ZHIBAO_AUDIT_RETENTION_DAYS = 365
    out = prune("--apply")
    assert "deleted" in out
    assert remaining(Group) == [10]
    assert remaining(Person) == [400, 3000]       # kept 10 years, though older than 365 days
    assert remaining(User) == [400]
    # the personal-data view log is kept 3 years
    assert sorted(PersonalDataView.objects.values_list("person_id", flat=True)) == [10, 400, 1000]
    run = PruneRun.objects.get()
    assert run.total == 5 and run.finished is not None and run.retention_days == 365
    assert run.deleted == {"*": 2, "accounts": 1, "registry": 1, "audit.personaldataview": 1}


def test_output_is_in_chinese_by_default(old_log, settings):
    settings.ZHIBAO_AUDIT_RETENTION_DAYS = 365
    assert "试运行" in prune(language="zh-hans")
    settings.ZHIBAO_AUDIT_RETENTION_DAYS = 30
    with pytest.raises(CommandError, match="至少须保存 180 天"):
        prune(language="zh-hans")


def test_a_longer_general_retention_wins(old_log, settings):
    settings.ZHIBAO_AUDIT_RETENTION_DAYS = 5000
    prune("--apply")
    assert LogEntry.objects.count() == 8 and PersonalDataView.objects.count() == 4


def test_settings_can_lengthen_legal_retention_but_not_shorten_it(old_log, settings):
    settings.ZHIBAO_AUDIT_RETENTION_DAYS = 365
    settings.ZHIBAO_AUDIT_LEGAL_RETENTION_YEARS = {"registry": 2, "auth.group": 20, "audit.personaldataview": 1}
    years = retention.legal_years()
    assert years["registry"] == 10 and years["auth.group"] == 20 and years["audit.personaldataview"] == 3
    prune("--apply")
    assert remaining(Group) == [10, 400, 2000]
    assert remaining(Person) == [400, 3000]


def test_bad_legal_retention_setting_is_refused(old_log, settings):
    settings.ZHIBAO_AUDIT_RETENTION_DAYS = 365
    settings.ZHIBAO_AUDIT_LEGAL_RETENTION_YEARS = {"registry": "forever"}
    with pytest.raises(CommandError, match="whole number of years"):
        prune()


def test_deletes_in_batches(old_log, settings):
    settings.ZHIBAO_AUDIT_RETENTION_DAYS = 365
    LogEntry.objects.bulk_create([entry(Group, 500, pk=i) for i in range(250)])
    prune("--apply", "--batch-size", "100")
    assert remaining(Group) == [10]
    assert PruneRun.objects.get().deleted["*"] == 252


def test_the_audit_page_tells_the_retention(en, old_log, settings):
    settings.ZHIBAO_AUDIT_RETENTION_DAYS = 365
    prune("--apply")
    page = en.get("/audit/").content.decode()
    assert "Entries are kept 365 days" in page and "Last pruned" in page
