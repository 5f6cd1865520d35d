"""Receiving evidence: SHA-256 while streaming, content-addressed storage, refusals that leave nothing."""
import hashlib

import pytest

from zhibao.evidence import intake, store
from zhibao.evidence.models import CustodyEvent, EvidenceFile
from zhibao.evidence.rules import EvidenceError

from .conftest import EXE, PDF, PNG, stored_files, upload

pytestmark = pytest.mark.django_db

# SHA-256 test vectors (FIPS 180-2 appendix B.1 and of PDF above, computed independently with sha256sum).
ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
PDF_SHA256 = hashlib.sha256(PDF).hexdigest()


def receive(case, user, f, **extra):
    fields = {"title": "现场照片", "kind": "documentary", "submitter_kind": "officer"}
    fields.update(extra)
    return intake.receive(case, user, f, **fields)


def test_spool_hashes_the_known_vector(case_files):
    with store.Spool("evidence") as spool:
        spool.write(b"a")
        spool.write(b"bc")
        assert spool.sha256 == ABC_SHA256
    assert stored_files(case_files) == []  # not committed: the temporary file is gone


def test_pdf_is_stored_under_its_digest(case, people, case_files):
    officer = people["officer"]
    evidence = receive(case, officer, upload("扫描件.pdf", PDF))
    assert PDF_SHA256 == "%s" % hashlib.sha256(PDF).hexdigest()
    assert evidence.sha256 == PDF_SHA256 and evidence.size == len(PDF)
    assert (evidence.original_name, evidence.file_type, evidence.content_type) == ("扫描件.pdf", "pdf",
                                                                                   "application/pdf")
    assert evidence.submitted_by_officer == officer
    path = case_files / "evidence" / PDF_SHA256[:2] / PDF_SHA256[2:4] / PDF_SHA256
    assert stored_files(case_files) == [path] and path.read_bytes() == PDF
    received = evidence.custody.get()
    assert (received.action, received.actor, received.computed_sha256) == ("received", officer, PDF_SHA256)


def test_large_file_hashed_across_chunks(case, people, settings):
    content = b"%PDF-1.7\n" + bytes(range(256)) * 20_000   # about 5 MB: several chunks
    evidence = receive(case, people["officer"], upload("big.pdf", content))
    assert evidence.sha256 == hashlib.sha256(content).hexdigest()


def test_party_submission(case, people):
    party = case.parties.get()
    evidence = receive(case, people["officer"], upload("photo.png", PNG), submitter_kind="party", party=party)
    assert evidence.submitter == party and evidence.file_type == "png"


@pytest.mark.parametrize("name, content, words", [
    ("合同.pdf", EXE, "its content is a file of type .exe"),
    ("photo.jpg", PDF, "its content is a file of type .pdf"),
    ("report.pdf", b"just some text, not a PDF at all", "content of no known type"),
    ("tool.exe", EXE, "Files of type .exe are not accepted"),
    ("README", PDF, "has no extension"),
    ("empty.pdf", b"", "is empty"),
])
def test_refused_files_leave_nothing(case, people, case_files, name, content, words):
    with pytest.raises(EvidenceError) as refused:
        receive(case, people["officer"], upload(name, content))
    assert words in refused.value.message
    assert not EvidenceFile.objects.exists() and not CustodyEvent.objects.exists()
    assert stored_files(case_files) == []


def test_oversized_file_refused(case, people, case_files, settings):
    settings.ZHIBAO_EVIDENCE_MAX_BYTES = 100
    with pytest.raises(EvidenceError) as refused:
        receive(case, people["officer"], upload("big.pdf", PDF + b"x" * 200))
    assert refused.value.status == 413 and "larger than the 100" in refused.value.message
    assert not EvidenceFile.objects.exists() and stored_files(case_files) == []


def test_oversized_stream_refused_even_if_size_lies(case, people, case_files, settings):
    settings.ZHIBAO_EVIDENCE_MAX_BYTES = 100
    f = upload("big.pdf", PDF + b"x" * 200)
    f.size = 10
    with pytest.raises(EvidenceError):
        receive(case, people["officer"], f)
    assert stored_files(case_files) == []


def test_database_failure_removes_the_new_file(case, people, case_files, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("database down")
    monkeypatch.setattr(CustodyEvent.objects, "create", boom)
    with pytest.raises(RuntimeError):
        receive(case, people["officer"], upload("a.pdf", PDF))
    assert stored_files(case_files) == []


def test_bad_details_refused(case, people, entities):
    officer = people["officer"]
    with pytest.raises(EvidenceError, match="Title"):
        receive(case, officer, upload("a.pdf", PDF), title=" ")
    with pytest.raises(EvidenceError, match="kind of evidence"):
        receive(case, officer, upload("a.pdf", PDF), kind="rumour")
    with pytest.raises(EvidenceError, match="party of this case"):
        receive(case, officer, upload("a.pdf", PDF), submitter_kind="party", party=None)
    with pytest.raises(EvidenceError, match="assigned to this case"):
        receive(case, officer, upload("a.pdf", PDF), officer=people["mediator"])
    assert not EvidenceFile.objects.exists()


def test_same_content_twice_is_stored_once(case, people, case_files):
    a = receive(case, people["officer"], upload("a.pdf", PDF))
    b = receive(case, people["colleague"], upload("b.pdf", PDF))
    assert a.sha256 == b.sha256 and len(stored_files(case_files)) == 1


def test_scope_and_permission(case, people, enterprise_user):
    with pytest.raises(EvidenceError) as refused:
        receive(case, people["weiyang_officer"], upload("a.pdf", PDF))
    assert refused.value.status == 404
    with pytest.raises(EvidenceError) as refused:
        receive(case, people["leader"], upload("a.pdf", PDF))
    assert refused.value.status == 403
