"""Chain of custody, integrity check against a tampered file, downloads per role, pages."""
import os

import pytest

from zhibao.evidence import custody, intake, store
from zhibao.evidence.models import CustodyEvent
from zhibao.evidence.rules import EvidenceError

from .conftest import PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence(case, people):
    return intake.receive(case, people["officer"], upload("检查笔录.pdf", PDF), title="现场检查笔录",
                          kind="record", submitter_kind="officer", place="西安市未央区凤城八路1号")


def tamper(evidence):
    path = store.path_for("evidence", evidence.sha256)
    os.chmod(path, 0o640)
    path.write_bytes(PDF.replace(b"Catalog", b"Catalof"))


def test_chain_of_custody(evidence, people):
    officer = people["officer"]
    custody.record(evidence, officer, "sealed", place="证据室", note="封存袋 No.88")
    custody.record(evidence, officer, "handed_over", to_whom="市公安局经侦支队 王警官", place="移交室")
    custody.record(evidence, officer, "returned", place="证据室")
    actions = list(evidence.custody.order_by("at", "pk").values_list("action", flat=True))
    assert actions == ["received", "sealed", "handed_over", "returned"]
    with pytest.raises(EvidenceError, match="to whom"):
        custody.record(evidence, officer, "handed_over")
    with pytest.raises(EvidenceError, match="reason or the approval"):
        custody.record(evidence, officer, "destroyed")
    with pytest.raises(EvidenceError):
        custody.record(evidence, officer, "checked")          # only the system records checks
    custody.record(evidence, officer, "destroyed", note="经批准销毁 批字12号")
    with pytest.raises(EvidenceError, match="destroyed"):
        custody.open_for_download(evidence, officer)
    with pytest.raises(EvidenceError, match="destroyed"):
        custody.record(evidence, officer, "returned")
    assert evidence.custody.count() == 5


def test_integrity_check_and_tampering(evidence, people):
    officer = people["officer"]
    ok = custody.check(evidence, officer)
    assert ok.intact and ok.computed_sha256 == evidence.sha256
    tamper(evidence)
    bad = custody.check(evidence, officer)
    assert bad.intact is False and bad.computed_sha256 != evidence.sha256
    evidence.refresh_from_db()
    assert evidence.intact is False
    os.unlink(store.path_for("evidence", evidence.sha256))
    missing = custody.check(evidence, officer)
    assert missing.intact is False and missing.computed_sha256 == "" and "missing" in missing.note


def test_custody_needs_the_permission(evidence, people):
    with pytest.raises(EvidenceError) as refused:
        custody.record(evidence, people["mediator"], "sealed")     # mediators may view and upload only
    assert refused.value.status == 403
    with pytest.raises(EvidenceError) as refused:
        custody.check(evidence, people["weiyang_officer"])
    assert refused.value.status in (403, 404)


@pytest.mark.parametrize("who, status", [
    ("officer", 200), ("mediator", 200), ("weiyang_officer", 404), ("leader", 403), ("expert", 403),
])
def test_download_per_role(evidence, people, client_for, who, status):
    response = client_for(people[who]).get(f"/evidence/{evidence.pk}/download/")
    assert response.status_code == status
    downloads = CustodyEvent.objects.filter(evidence=evidence, action="downloaded")
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
        assert downloads.get().actor == people[who]
    else:
        assert not downloads.exists()


def test_enterprise_party_cannot_download(evidence, enterprise_user, client_for):
    assert client_for(enterprise_user).get(f"/evidence/{evidence.pk}/download/").status_code == 403


def test_pages(case, people, client_for, case_files):
    client = client_for(people["officer"])
    client.cookies["django_language"] = "en"
    page = client.get(f"/evidence/case/{case.pk}/")
    assert page.status_code == 200 and "Upload evidence" in page.content.decode()
    disguised = client.post(f"/evidence/case/{case.pk}/", {
        "file": upload("合同.pdf", b"MZ\x90\x00" + b"\x00" * 60), "title": "合同", "kind": "documentary",
        "submitter_kind": "officer"})
    assert disguised.status_code == 400 and "disguised file" in disguised.content.decode()
    response = client.post(f"/evidence/case/{case.pk}/", {
        "file": upload("合同.pdf", PDF), "title": "合同", "kind": "documentary", "submitter_kind": "party",
        "party": case.parties.get().pk})
    assert response.status_code == 302
    evidence = case.evidence.get()
    tamper(evidence)
    client.post(f"/evidence/{evidence.pk}/check/")
    detail = client.get(f"/evidence/{evidence.pk}/").content.decode()
    assert "INTEGRITY CHECK FAILED" in detail and evidence.sha256 in detail
    client.post(f"/evidence/{evidence.pk}/custody/", {"action": "sealed", "place": "证据室"})
    assert evidence.custody.filter(action="sealed").exists()
    zh = client_for(people["officer"]).get(f"/evidence/{evidence.pk}/").content.decode()
    assert "证据保管链" in zh
