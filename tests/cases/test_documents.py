"""Standard documents as Word files: each layout filled from a real case, stored, recorded for the engine."""
import datetime as dt
import io

import docx
import pytest

from zhibao.cases import engine
from zhibao.cases.documents import generate as documents
from zhibao.cases.errors import InvalidField, NotAllowed
from zhibao.cases.models import CaseDocument
from zhibao.evidence import store
from zhibao.evidence.models import GeneratedDocument

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def case_files(settings, tmp_path):
    settings.ZHIBAO_CASE_FILES_DIR = tmp_path / "case-files"
    return settings.ZHIBAO_CASE_FILES_DIR


def text_of(generated) -> str:
    """All the text of a generated file, opened with python-docx as a user's Word would."""
    path = store.path_for("documents", generated.sha256)
    doc = docx.Document(io.BytesIO(path.read_bytes()))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def enforcement(people, orgs, entities):
    officer = people["officer"]
    return engine.open_case(
        "enforcement", officer, handling_org=orgs["city_ip"], title="秦川智造商标侵权案",
        summary="当事人在其经营场所销售标有“秦川智造”商标的数控机床3台。", at=D(2026, 11, 2), kind="inspection",
        officers=[officer, people["colleague"]], parties=[{"role": "respondent", "entity": entities["weiyang_food"]}],
        rights=[entities["mark"]], products=[{"name": "数控机床", "brand": "秦川智造", "quantity": 3}])


@pytest.fixture
def adjudication(people, orgs, entities):
    officer = people["officer"]
    case = engine.open_case(
        "adjudication", officer, handling_org=orgs["city_ip"], title="数控机床主轴冷却装置专利侵权纠纷",
        at=D(2026, 11, 16), officers=[officer, people["colleague"]],
        parties=[{"role": "requester", "entity": entities["qinchuan"]},
                 {"role": "respondent", "entity": entities["weiyang_food"]}], rights=[entities["patent"]])
    documents.generate(case, officer, "acceptance_notice")
    engine.apply(case, "accept", officer, at=D(2026, 11, 18), data={"panel_size": 3})
    return case


def test_filing_approval_satisfies_the_engine_and_marks_a_provisional_date(enforcement, people):
    officer = people["officer"]
    made = documents.generate(enforcement, officer, "filing_approval")
    assert made.document.kind == "filing_approval" and made.document.dated == D(2026, 11, 20)
    text = text_of(made)
    assert "立案审批表" in text and "西安未央食品有限公司" in text and "秦川智造" in text
    assert "2026年11月23日" in text                      # 15 working days from 2 Nov 2026
    # 90 days from a filing on 20 Nov 2026 ends in 2027, whose holiday schedule is not published.
    assert "2027年2月18日（暂定）" in text and made.provisional and made.provisional_years == [2027]
    engine.apply(enforcement, "file", officer, at=D(2026, 11, 20))   # the generated form is what it needs
    assert enforcement.number == "西市监知执〔2026〕1号"


@pytest.mark.parametrize("kind, inputs, date_text", [
    ("advance_notice", {"basis": "《商标法》第五十七条", "proposal": "没收侵权商品，罚款五万元"}, "2026年11月27日"),
    ("penalty_decision", {"basis": "《商标法》第五十七条", "proposal": "罚款五万元"}, "2026年12月7日"),
    ("hearing_notice", {"hearing_date": D(2026, 12, 10), "hearing_place": "第一听证室"}, "2026年11月30日"),
])
def test_enforcement_documents(enforcement, people, kind, inputs, date_text):
    officer = people["officer"]
    documents.generate(enforcement, officer, "filing_approval")
    engine.apply(enforcement, "file", officer, at=D(2026, 11, 20))
    made = documents.generate(enforcement, officer, kind, inputs=inputs)
    text = text_of(made)
    assert "西市监知执〔2026〕1号" in text and "西安未央食品有限公司" in text and date_text in text
    assert CaseDocument.objects.filter(case=enforcement, kind=kind).count() == 1


@pytest.mark.parametrize("kind, inputs, date_text", [
    ("defence_notice", {}, "2026年12月7日"),               # 15 days from 20 Nov: Sat 5 Dec → Mon 7 Dec
    ("hearing_notice", {"hearing_date": "2026-12-10", "hearing_place": "第二审理庭"}, "2026年12月4日"),
    ("adjudication_decision", {"proposal": "被请求人立即停止侵权行为"}, "2026年12月7日"),
    ("mediation_agreement", {"proposal": "被请求人赔偿请求人经济损失十万元"}, "2026年12月21日"),
])
def test_adjudication_documents(adjudication, people, kind, inputs, date_text):
    made = documents.generate(adjudication, people["officer"], kind, inputs=inputs)
    text = text_of(made)
    assert "西知裁〔2026〕1号" in text and "西安秦川智能装备有限公司" in text and date_text in text


def test_acceptance_notice(adjudication):
    made = adjudication.documents.get(kind="acceptance_notice").generated
    text = text_of(made)
    assert "受理通知书" in text and "西安秦川智能装备有限公司" in text and "西安未央食品有限公司" in text
    assert "2026年11月27日" in text                       # service: 5 working days from today (projected)
    assert "2027年2月22日（暂定）" in text and made.provisional   # 3 months: Sat 20 Feb 2027 → Mon 22 Feb


def test_mediation_agreement_of_a_mediation_case(people, orgs, entities):
    mediator = people["mediator"]
    case = engine.open_case("mediation", mediator, handling_org=orgs["city_ip"], title="商标许可费纠纷",
                            kind="people", at=D(2026, 11, 19), officers=[mediator],
                            parties=[{"role": "applicant", "entity": entities["qinchuan"]},
                                     {"role": "respondent", "entity": entities["qujiang"]}])
    made = documents.generate(case, mediator, "mediation_agreement", inputs={"proposal": "一次性支付许可费"})
    text = text_of(made)
    assert case.number in text and "西安曲江文化传媒有限公司" in text and "2026年12月21日" in text


def test_every_declared_document_can_be_generated(enforcement, people):
    officer = people["officer"]
    for kind, _label in enforcement.spec.documents:
        inputs = {"hearing_date": D(2026, 12, 10)} if kind == "hearing_notice" else {}
        assert documents.generate(enforcement, officer, kind, inputs=inputs).size > 0
    assert GeneratedDocument.objects.count() == len(enforcement.spec.documents)


def test_refusals_change_nothing(enforcement, people, case_files):
    with pytest.raises(InvalidField):
        documents.generate(enforcement, people["officer"], "acceptance_notice")     # not an enforcement document
    with pytest.raises(InvalidField):
        documents.generate(enforcement, people["officer"], "hearing_notice", inputs={"hearing_date": "31/12/2026"})
    with pytest.raises(InvalidField):
        documents.generate(enforcement, people["officer"], "filing_approval", inputs={"proposal": "x"})
    with pytest.raises(NotAllowed):
        documents.generate(enforcement, people["weiyang_officer"], "filing_approval")   # outside the scope
    with pytest.raises(NotAllowed):
        documents.generate(enforcement, people["leader"], "filing_approval")
    assert not CaseDocument.objects.exists()
    assert not [p for p in case_files.rglob("*") if p.is_file()] if case_files.exists() else True


def test_pages_generate_and_download(enforcement, people, client_for):
    officer = client_for(people["officer"])
    response = officer.post(f"/cases/{enforcement.pk}/documents/filing_approval/generate/")
    assert response.status_code == 302, response.content.decode().split("<main>")[-1][:1500]
    document = enforcement.documents.get()
    response = officer.get(f"/cases/{enforcement.pk}/documents/{document.pk}/file/")
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"PK"
    assert client_for(people["weiyang_officer"]).get(
        f"/cases/{enforcement.pk}/documents/{document.pk}/file/").status_code == 404
    assert client_for(people["leader"]).get(
        f"/cases/{enforcement.pk}/documents/{document.pk}/file/").status_code == 403
    form = officer.get(f"/cases/{enforcement.pk}/documents/hearing_notice/generate/")
    assert form.status_code == 200
    bad = officer.post(f"/cases/{enforcement.pk}/documents/hearing_notice/generate/", {"hearing_date": "2026-13-01"})
    assert bad.status_code == 400 and enforcement.documents.count() == 1
