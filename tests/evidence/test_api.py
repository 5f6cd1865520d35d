"""/api/v1/evidence: list by case, read, upload (refusals store nothing), custody events, check, file."""
import hashlib

import pytest

from zhibao.evidence.models import EvidenceFile

from .conftest import EXE, PDF, stored_files, upload

pytestmark = pytest.mark.django_db


def post_file(client, case, name, content, **fields):
    data = {"case": case.pk, "title": "证据", "kind": "documentary", "submitter_kind": "officer",
            "file": upload(name, content)}
    data.update(fields)
    return client.post("/api/v1/evidence", data)


def test_upload_list_read_custody_check_download(case, people, client_for):
    client = client_for(people["officer"])
    created = post_file(client, case, "a.pdf", PDF, party=case.parties.get().pk, submitter_kind="party")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest() and body["custody"][0]["action"] == "received"
    listed = client.get(f"/api/v1/evidence?case={case.pk}").json()
    assert [e["id"] for e in listed] == [body["id"]]
    event = client.post(f"/api/v1/evidence/{body['id']}/custody",
                        {"action": "handed_over", "to_whom": "市检察院"}, content_type="application/json")
    assert event.status_code == 201 and event.json()["to_whom"] == "市检察院"
    check = client.post(f"/api/v1/evidence/{body['id']}/check")
    assert check.status_code == 200 and check.json()["intact"] is True
    file = client.get(f"/api/v1/evidence/{body['id']}/file")
    assert file.status_code == 200 and b"".join(file.streaming_content) == PDF
    actions = [e["action"] for e in client.get(f"/api/v1/evidence/{body['id']}").json()["custody"]]
    assert actions == ["received", "handed_over", "checked", "downloaded"]


@pytest.mark.parametrize("name, content, status, words", [
    ("a.pdf", EXE, 422, "disguised"),
    ("a.pdf", b"", 422, "empty"),
    ("a.exe", EXE, 422, "not accepted"),
])
def test_refused_uploads_store_nothing(case, people, client_for, case_files, name, content, status, words):
    client = client_for(people["officer"])
    client.cookies["django_language"] = "en"
    response = post_file(client, case, name, content)
    assert response.status_code == status and words in response.json()["detail"]
    assert "file" in response.json()["errors"]
    assert not EvidenceFile.objects.exists() and stored_files(case_files) == []


def test_oversized_upload(case, people, client_for, settings, case_files):
    settings.ZHIBAO_EVIDENCE_MAX_BYTES = 50
    response = post_file(client_for(people["officer"]), case, "a.pdf", PDF)
    assert response.status_code == 413 and stored_files(case_files) == []


def test_scope_and_permissions(case, people, client_for):
    officer = client_for(people["officer"])
    evidence_id = post_file(officer, case, "a.pdf", PDF).json()["id"]
    other = client_for(people["weiyang_officer"])
    assert other.get(f"/api/v1/evidence?case={case.pk}").status_code == 404
    assert other.get(f"/api/v1/evidence/{evidence_id}").status_code == 404
    assert post_file(other, case, "b.pdf", PDF).status_code == 404
    leader = client_for(people["leader"])
    assert leader.get(f"/api/v1/evidence/{evidence_id}").status_code == 403
    mediator = client_for(people["mediator"])
    assert mediator.post(f"/api/v1/evidence/{evidence_id}/check").status_code == 403
    assert client_for(people["officer"]).post(
        f"/api/v1/evidence/{evidence_id}/custody", {"action": "exploded"},
        content_type="application/json").status_code == 422
