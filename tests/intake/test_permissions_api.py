"""Who may do what, on the pages and in the API (the same permissions), and the API itself."""
import datetime as dt

import pytest

from zhibao.cases.models import Case
from zhibao.intake.models import Decision, Proposal, TriageRule

D = dt.date

PAGES = {"/intake/": "intake.record", "/intake/triage/": "intake.triage", "/intake/rules/": "intake.manage_rules",
         "/intake/rules/criteria/": "intake.manage_rules", "/intake/rules/exhibition/": "intake.manage_rules"}


@pytest.mark.parametrize("who", ["officer", "centre", "workstation", "mediator", "expert", "liaison", "leader"])
def test_pages_per_role(people, client_for, who):
    user = people[who]
    client = client_for(user)
    for url, perm in PAGES.items():
        assert client.get(url).status_code == (200 if user.has_perm(perm) else 403), (who, url)


def test_anonymous_goes_to_sign_in(client):
    assert client.get("/intake/").status_code == 302
    assert client.get("/api/v1/triage-rules").status_code == 401


@pytest.mark.parametrize("who,rules_ok,triage_ok", [
    ("officer", True, True), ("centre", False, True), ("workstation", False, False), ("leader", False, False)])
def test_api_permissions(people, client_for, who, rules_ok, triage_ok):
    client = client_for(people[who])
    assert client.get("/api/v1/triage-rules").status_code == (200 if rules_ok else 403)
    assert client.get("/api/v1/triage-criteria").status_code == (200 if rules_ok else 403)
    assert client.get("/api/v1/intake/proposals").status_code == (200 if triage_ok else 403)


def test_seeded_rules_read_with_history_and_changed(people, client_for, orgs):
    client = client_for(people["officer"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    listing = client.get("/api/v1/triage-rules", {"on": "2026-11-20"}).json()
    codes = [r["code"] for r in listing["results"]]
    assert codes[:3] == ["exhibition", "patent-dispute", "patent-passing-off"]
    detail = client.get("/api/v1/triage-rules/trademark").json()
    assert detail["current"]["body_kind"] == "market_regulation" and len(detail["history"]) == 1
    # a change without a reason is refused and saves nothing
    bad = client.patch("/api/v1/triage-rules/trademark", {"why": "", "priority": 5}, content_type="application/json")
    assert bad.status_code == 422 and "why" in bad.json()["errors"]
    changed = client.patch("/api/v1/triage-rules/trademark",
                           {"why": "按区县分办", "body": orgs["yanta_amr"].pk, "expected": 1,
                            "effective_from": "2026-11-20"}, content_type="application/json")
    assert changed.status_code == 200, changed.json()
    body = changed.json()
    assert body["current"]["number"] == 2 and body["current"]["body"] == orgs["yanta_amr"].pk
    assert [v["number"] for v in body["history"]] == [2, 1] and body["history"][0]["changed_by"] == "officer"
    stale = client.patch("/api/v1/triage-rules/trademark", {"why": "再改", "priority": 1, "expected": 1},
                         content_type="application/json")
    assert stale.status_code == 409
    # the rules in force before the change still read back
    before = client.get("/api/v1/triage-rules", {"on": "2026-11-19"}).json()
    mark = next(r for r in before["results"] if r["code"] == "trademark")
    assert mark["current"]["number"] == 1
    assert client.get("/api/v1/triage-rules/nope").status_code == 404


def test_api_create_rule_and_criteria(people, client_for):
    client = client_for(people["officer"])
    created = client.post("/api/v1/triage-rules", {
        "code": "gi-zhouzhi", "why": "周至猕猴桃专项", "name": "周至地理标志", "right_kinds": ["gi"],
        "districts": ["610113"], "body_kind": "market_regulation", "procedure": "enforcement",
        "reasons": "地理标志保护专项", "effective_from": "2026-11-01", "priority": 5}, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert TriageRule.objects.filter(code="gi-zhouzhi").exists()
    bad = client.post("/api/v1/triage-rules", {"code": "x", "why": "w", "name": "n", "procedure": "zzz",
                                               "body_kind": "ip_admin", "reasons": "r"},
                      content_type="application/json")
    assert bad.status_code == 422 and "procedure" in bad.json()["errors"]
    crit = client.patch("/api/v1/triage-criteria", {"why": "提高门槛", "complex_value_from": "200000", "expected": 1},
                        content_type="application/json")
    assert crit.status_code == 200 and crit.json()["history"][0]["complex_value_from"] == "200000.00"


def test_api_proposals_and_decision(people, client_for, open_report, entities, orgs, xian):
    case = open_report(rights=[entities["mark"]], district=xian["yanta"])
    proposal = Proposal.objects.get(case=case)
    client = client_for(people["centre"])
    listing = client.get("/api/v1/intake/proposals").json()
    assert [p["id"] for p in listing["results"]] == [proposal.pk]
    one = client.get(f"/api/v1/intake/proposals/{proposal.pk}").json()
    assert one["rule"] == "trademark" and one["body"] == orgs["yanta_amr"].pk and one["reasons"]
    bad = client.post(f"/api/v1/intake/proposals/{proposal.pk}/decision", {"track": "complex"},
                      content_type="application/json")
    assert bad.status_code == 422 and "why" in bad.json()["errors"]
    ok = client.post(f"/api/v1/intake/proposals/{proposal.pk}/decision",
                     {"why": "", "version": case.version}, content_type="application/json")
    assert ok.status_code == 201, ok.json()
    assert ok.json()["decision"]["body"] == orgs["yanta_amr"].pk
    assert Case.objects.get(pk=case.pk).handling_org == orgs["yanta_amr"]
    again = client.post(f"/api/v1/intake/proposals/{proposal.pk}/decision", {}, content_type="application/json")
    assert again.status_code == 409 and Decision.objects.count() == 1
    assert client.get("/api/v1/intake/proposals", {"status": "decided"}).json()["count"] == 1
    assert client.get("/api/v1/intake/proposals", {"bogus": 1}).status_code == 422


def test_api_scope(people, client_for, open_report, orgs):
    """An officer of the 未央 bureau does not see a case received by the city administration."""
    case = open_report()
    proposal = Proposal.objects.get(case=case)
    client = client_for(people["weiyang_officer"])
    assert client.get(f"/api/v1/intake/proposals/{proposal.pk}").status_code == 404
    assert client.get(f"/intake/triage/{proposal.pk}/").status_code == 404
