"""The time-limit rules page: the amount in force with its source and history, a change with a reason."""
import datetime as dt

import pytest

from zhibao.cases import engine, timelimits
from zhibao.cases.models import TimeLimitRule

from .conftest import clock

D = dt.date
pytestmark = pytest.mark.django_db
URL = "/cases/rules/enforcement/filing_check/base/"


@pytest.fixture
def seeded(db):
    timelimits.sync()


def test_rules_list_shows_amount_source_and_history(seeded, people, client_for):
    client = client_for(people["officer"])
    client.cookies["django_language"] = "en"
    page = client.get("/cases/rules/", {"procedure": "enforcement"})
    assert page.status_code == 200
    row = next(r for r in page.context["rows"] if (r["part"].clock, r["part"].part) == ("filing_check", "base"))
    assert (row["current"].unit, row["current"].amount) == ("working_days", 15)
    assert "Art. 18" in row["current"].source
    assert {r["part"].procedure for r in page.context["rows"]} == {"enforcement"}
    assert client_for(people["mediator"]).get("/cases/rules/").status_code == 403
    assert client_for(people["leader"]).get(URL).status_code == 403


def test_change_a_rule_with_a_reason(seeded, people, orgs, client_for, set_today):
    officer = people["officer"]
    client = client_for(officer)
    client.cookies["django_language"] = "en"
    response = client.post(URL, {"unit": "working_days", "amount": 20, "effective_from": "2026-11-20",
                                 "source": "《市场监督管理行政处罚程序规定》(2026年修订) 第十八条", "tag": "V",
                                 "note": "规章修订，核查期限延长"})
    assert response.status_code == 302
    new = TimeLimitRule.objects.get(procedure="enforcement", clock="filing_check", part="base",
                                    effective_from=D(2026, 11, 20))
    assert (new.amount, new.changed_by, new.note) == (20, officer, "规章修订，核查期限延长")
    history = client.get(URL).context["history"]
    assert [h.amount for h in history] == [20, 15]
    # a clue received from that date gets 20 working days; the running ones keep theirs
    case = engine.open_case("enforcement", officer, handling_org=orgs["city_ip"], title="新规则后的线索",
                            at=D(2026, 11, 20), kind="inspection")
    assert clock(case, "filing_check").rule["n"] == 20


def test_refused_rule_changes_change_nothing(seeded, people, client_for):
    client = client_for(people["officer"])
    client.cookies["django_language"] = "en"
    before = TimeLimitRule.objects.count()
    no_reason = client.post(URL, {"unit": "working_days", "amount": 20, "effective_from": "2026-11-20",
                                  "source": "第十八条", "tag": "V", "note": ""})
    assert no_reason.status_code == 400 and b"This field is required" in no_reason.content
    no_amount = client.post(URL, {"unit": "working_days", "amount": 0, "effective_from": "2026-11-20",
                                  "source": "第十八条", "tag": "V", "note": "x"})
    assert no_amount.status_code == 400
    to_date = client.post(URL, {"unit": "date", "amount": 20, "effective_from": "2026-11-20",
                                "source": "第十八条", "tag": "V", "note": "x"})
    assert to_date.status_code == 400
    assert client.get("/cases/rules/enforcement/filing_check/nothing/").status_code == 404
    assert TimeLimitRule.objects.count() == before
