"""The real import: all rows or none, audited like any other change, cancellable, and run
as a background job from the upload page."""
import io

import pytest
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from zhibao.core import jobs, request_id
from zhibao.core.models import Job
from zhibao.imports import engine
from zhibao.registry.models import IPRight, MarketEntity, RightHolder

from . import files

H = files.ENTITY_HEADER_ZH


def content(rows, header=H):
    return io.BytesIO(files.csv_bytes(header, rows))


def auditlog_would_write(instance) -> dict:
    """The changes django-auditlog records when it sees this record created, for its own fields.

    (auditlog also lists every reverse relation as "app.Model.None" for a creation; that is
    noise, and the importer leaves it out.)"""
    fields = {f.name for f in instance._meta.concrete_fields}
    diff = model_instance_diff(None, instance, use_json_for_changes=True)
    return {k: list(v) for k, v in diff.items() if k in fields}


def entity_logs():
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(MarketEntity))


def test_import_writes_every_row(xian, officer):
    result = engine.run(content(list(files.entity_rows(250))), "entities", officer, dry_run=False)
    assert (result["created"], result["written"], result["audit_entries"]) == (250, True, 250)
    assert MarketEntity.objects.count() == 250
    entity = MarketEntity.objects.get(uscc=files.uscc(7))
    assert (entity.name, entity.district_id, entity.version) == ("西安测试7科技有限公司", "610113", 1)
    assert entity.created and entity.updated


def test_one_bad_row_and_nothing_is_written(xian, officer):
    rows = list(files.entity_rows(250))
    rows[180][1] = "<script>alert(1)</script>"
    with translation.override("en"), pytest.raises(engine.Rejected) as rejected:
        engine.run(content(rows), "entities", officer, dry_run=False)
    assert "Nothing was written: 1 of 250 rows" in rejected.value.message
    assert rejected.value.result["errors"][0][0] == 182
    assert not MarketEntity.objects.exists() and not entity_logs().exists()


def test_a_failure_while_writing_rolls_back_earlier_batches(xian, officer, monkeypatch):
    monkeypatch.setattr(engine, "BATCH", 50)
    calls = {"n": 0}
    original = engine.EntityImporter.write

    def write_then_fail(self, creates, updates, audit):
        calls["n"] += 1
        if calls["n"] == 3:
            # Someone saved one of the file's codes since the check: the insert fails on the unique index.
            MarketEntity.objects.create(name="抢先", uscc=creates[0][0][1], district_id="610113")
        return original(self, creates, updates, audit)

    monkeypatch.setattr(engine.EntityImporter, "write", write_then_fail)
    with pytest.raises(engine.Rejected, match="其他人保存了代码相同的记录"):
        engine.run(content(list(files.entity_rows(200))), "entities", officer, dry_run=False)
    assert not MarketEntity.objects.exclude(name="抢先").exists()
    assert not entity_logs().exclude(object_repr="抢先").exists()


def test_a_record_changed_since_the_check_stops_the_import(xian, officer, monkeypatch):
    engine.run(content([files.entity_row(0)]), "entities", officer, dry_run=False)
    original = engine.EntityImporter.write

    def edit_then_write(self, creates, updates, audit):
        MarketEntity.objects.filter(uscc=files.uscc(0)).update(version=5)  # a concurrent save
        return original(self, creates, updates, audit)

    monkeypatch.setattr(engine.EntityImporter, "write", edit_then_write)
    rows = [files.entity_row(0), files.entity_row(1)]
    rows[0][1] = "新名字有限公司"
    with pytest.raises(engine.Rejected, match="其他人修改了文件要修改的记录"):
        engine.run(content(rows), "entities", officer, dry_run=False)
    assert MarketEntity.objects.get(uscc=files.uscc(0)).name == "西安测试0科技有限公司"
    assert not MarketEntity.objects.filter(uscc=files.uscc(1)).exists()


def test_audit_entries_have_actor_cid_and_the_same_changes_as_auditlog(xian, officer):
    with request_id.bind("req-import-1"):
        engine.run(content([files.entity_row(0)]), "entities", officer, dry_run=False, remote_addr="10.1.2.3")
    entity = MarketEntity.objects.get()
    entry = LogEntry.objects.get_for_object(entity).get()
    assert entry.action == LogEntry.Action.CREATE
    assert (entry.actor, entry.cid, entry.remote_addr, entry.actor_email) == (
        officer, "req-import-1", "10.1.2.3", "officer@example.cn")
    # What django-auditlog itself would have recorded for this creation:
    assert entry.changes == auditlog_would_write(entity)
    assert entry.object_repr == str(entity)


def test_updates_are_audited_with_before_and_after(xian, officer):
    engine.run(content([files.entity_row(0)]), "entities", officer, dry_run=False)
    row = files.entity_row(0)
    row[1], row[2] = "西安改名有限公司", "未央区"
    with request_id.bind("req-import-2"):
        result = engine.run(content([row]), "entities", officer, dry_run=False)
    assert result["updated"] == 1
    entity = MarketEntity.objects.get()
    assert (entity.name, entity.district_id, entity.version) == ("西安改名有限公司", "610112", 2)
    entry = LogEntry.objects.get(cid="req-import-2")
    assert entry.action == LogEntry.Action.UPDATE and entry.actor == officer
    assert entry.changes == {"name": ["西安测试0科技有限公司", "西安改名有限公司"], "district": ["610113", "610112"]}


def test_rights_and_holders_are_audited(xian, officer):
    engine.run(content([files.entity_row(0)]), "entities", officer, dry_run=False)
    holder = files.uscc(0)
    with request_id.bind("req-rights"):
        engine.run(content([files.right_row(0, holder)], header=files.RIGHT_HEADER_ZH), "rights", officer,
                   dry_run=False)
    right, link = IPRight.objects.get(), RightHolder.objects.get()
    right_entry = LogEntry.objects.get_for_object(right).get()
    assert right_entry.cid == "req-rights" and right_entry.changes["number"] == [None, right.number]
    assert right_entry.changes == auditlog_would_write(right)
    link_entry = LogEntry.objects.get_for_object(link).get()
    assert link_entry.changes == auditlog_would_write(link)
    assert link_entry.object_repr == str(link)


# -- as a job ---------------------------------------------------------------------------------------

def test_upload_runs_a_dry_run_job_then_import_now(xian, officer, officer_client, upload):
    rows = list(files.entity_rows(30))
    response = upload("企业.csv", files.csv_bytes(H, rows))
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.state, job.result["created"], job.params["dry_run"]) == (Job.State.DONE, 30, True)
    assert not MarketEntity.objects.exists()
    page = officer_client.get(response["Location"]).content.decode()
    assert "企业.csv" in page and reverse("imports:confirm", args=[job.pk]) in page

    confirmed = officer_client.post(reverse("imports:confirm", args=[job.pk]))
    real = Job.objects.exclude(pk=job.pk).get()
    assert confirmed["Location"] == reverse("jobs:detail", args=[real.pk])
    assert (real.state, real.result["created"], real.result["written"]) == (Job.State.DONE, 30, True)
    assert MarketEntity.objects.count() == 30
    assert set(entity_logs().values_list("cid", flat=True)) == {real.request_id}
    assert entity_logs().count() == 30
    # The file was used up; the dry run now points at the import.
    job.refresh_from_db()
    assert job.params["confirmed_by"] == real.pk
    assert officer_client.post(reverse("imports:confirm", args=[job.pk])).status_code == 302
    assert Job.objects.count() == 2


def test_real_import_job_with_faulty_rows_fails_and_lists_them(xian, officer, officer_client, upload):
    rows = list(files.entity_rows(5))
    rows[2][7] = "2999-01-01"
    response = upload("bad.csv", files.csv_bytes(H, rows), dry_run=False)
    job = Job.objects.get()
    assert job.state == Job.State.FAILED and job.result["faulty"] == 1
    assert not MarketEntity.objects.exists()
    page = officer_client.get(response["Location"]).content.decode()
    assert 'id="import-errors"' in page and "2999-01-01" in page
    assert reverse("imports:confirm", args=[job.pk]) not in page


def test_cancel_during_the_write_leaves_nothing(xian, officer, monkeypatch):
    """The user presses cancel after two batches were written: the job rolls back and ends cancelled."""
    monkeypatch.setattr(engine, "BATCH", 20)
    original = engine.EntityImporter.write
    calls = {"n": 0}

    def write_and_cancel(self, creates, updates, audit):
        original(self, creates, updates, audit)
        calls["n"] += 1
        if calls["n"] == 2:
            Job.objects.filter(kind="import").update(cancel_requested=True)

    monkeypatch.setattr(engine.EntityImporter, "write", write_and_cancel)
    monkeypatch.setattr(jobs.Progress, "check_interval", 0)
    from django.core.files.storage import default_storage

    name = default_storage.save("imports/cancel.csv", io.BytesIO(files.csv_bytes(H, list(files.entity_rows(100)))))
    job = jobs.start(officer, "import", "cancel me", {"file": name, "record_type": "entities", "dry_run": False})
    assert job.state == Job.State.CANCELLED
    assert calls["n"] == 2
    assert not MarketEntity.objects.exists() and not entity_logs().exists()
    assert not default_storage.exists(name)


def test_cancel_during_the_check(xian, officer, monkeypatch):
    monkeypatch.setattr(engine, "BATCH", 10)
    monkeypatch.setattr(jobs.Progress, "check_interval", 0)
    original = engine.EntityImporter.check
    calls = {"n": 0}

    def check_and_cancel(self, batch, stage):
        original(self, batch, stage)
        calls["n"] += 1
        if calls["n"] == 3:
            Job.objects.filter(kind="import").update(cancel_requested=True)

    monkeypatch.setattr(engine.EntityImporter, "check", check_and_cancel)
    from django.core.files.storage import default_storage

    name = default_storage.save("imports/c2.csv", io.BytesIO(files.csv_bytes(H, list(files.entity_rows(100)))))
    job = jobs.start(officer, "import", "cancel me", {"file": name, "record_type": "entities", "dry_run": True})
    assert job.state == Job.State.CANCELLED and job.done == 30
    assert calls["n"] == 3


def test_a_job_whose_file_is_gone(xian, officer):
    job = jobs.start(officer, "import", "x", {"file": "imports/nothing.csv", "record_type": "entities",
                                              "dry_run": True})
    assert job.state == Job.State.FAILED and job.message


def test_a_job_whose_user_lost_the_permission(xian, officer, upload):
    from django.core.files.storage import default_storage

    name = default_storage.save("imports/p.csv", io.BytesIO(files.csv_bytes(H, [files.entity_row(0)])))
    officer.role = "mediator"
    officer.save()
    job = jobs.start(officer, "import", "x", {"file": name, "record_type": "entities", "dry_run": False})
    assert job.state == Job.State.FAILED
    assert not MarketEntity.objects.exists()
