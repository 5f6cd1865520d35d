"""The cockpit as Excel and Word reports: opened as a user's program would, with the nine
indicators, their values and the breakdowns; who may download them."""
import datetime as dt
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from zhibao.accounts.roles import Role, Scope
from zhibao.indicators import cockpit

D = dt.date
H1 = "start=2026-01-01&end=2026-06-30"


@pytest.fixture
def cases(case):
    case("enforcement", D(2025, 11, 1), filed=D(2025, 11, 1))
    case("enforcement", D(2025, 12, 1), filed=D(2025, 12, 1), closed=D(2026, 1, 1))
    case("enforcement", D(2026, 3, 1), filed=D(2026, 3, 1), closed=D(2026, 6, 30))
    case("mediation", D(2026, 3, 1), party="qinchuan")


@pytest.fixture
def leader(make_user, client_for, city):
    return client_for(make_user(Role.LEADERSHIP, Scope.CITY, username="leader"))


def test_excel_report(leader, cases):
    leader.cookies["django_language"] = "en"
    response = leader.get(f"/cockpit/report.xlsx?{H1}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames == ["Indicators", "By district", "By handling body", "Monthly trend"]
    rows = list(wb["Indicators"].values)
    assert rows[0][:7] == ("No.", "Indicator", "Unit", "Value", "Target", "To be reached by", "Status")
    figs = {f.code: f for f in cockpit.figures(D(2026, 1, 1), D(2026, 6, 30))}
    assert [r[0] for r in rows[1:]] == list(range(1, 10))
    for row in rows[1:]:
        assert row[3] == figs[row[0]].value
        assert row[4] == float(figs[row[0]].target.value)
    assert rows[6][3] == 66.67                        # 6: 2 closed of 3
    district_rows = list(wb["By district"].values)[1:]
    assert (6, "610113") in {(r[0], r[2]) for r in district_rows}
    assert len(list(wb["Monthly trend"].values)) == 1 + sum(len(f.trend) for f in figs.values())


def test_word_report(leader, cases):
    response = leader.get(f"/cockpit/report.docx?{H1}&district=610113")
    assert response.status_code == 200
    doc = Document(BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2026-01-01" in text and "2026-06-30" in text and "雁塔区" in text      # period and scope, in Chinese
    table = doc.tables[0]
    assert [row.cells[0].text for row in table.rows[1:]] == [str(c) for c in range(1, 10)]
    figs = cockpit.figures(D(2026, 1, 1), D(2026, 6, 30), "610113")
    assert table.rows[6].cells[2].text == "66.67"                                # 6 in Yanta: 2 of 3
    for fig, row in zip(figs, table.rows[1:]):
        assert row.cells[1].text == fig.name
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) == 10                                                    # nine and the appendix
    assert len(doc.inline_shapes) >= 1                                            # trend charts as pictures
    assert "附录" in headings[-1]


def test_reports_need_the_report_permission(make_user, client_for, city):
    workstation = client_for(make_user(Role.WORKSTATION, Scope.CITY, username="ws"))
    assert workstation.get(f"/cockpit/report.docx?{H1}").status_code == 403
    assert workstation.get(f"/cockpit/report.xlsx?{H1}").status_code == 403


def test_report_bad_period(leader):
    leader.cookies["django_language"] = "en"
    response = leader.get("/cockpit/report.xlsx?start=2026-06-30&end=2026-01-01")
    assert response.status_code == 400 and "The period ends before it starts." in response.content.decode()
