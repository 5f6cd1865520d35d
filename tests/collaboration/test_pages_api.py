"""Pages and API: scope per body, the inbox, per-role access, actions and refusals, the case panel."""
import datetime as dt
import json

import pytest

from zhibao.cases import engine
from zhibao.collaboration import operations, transfers
from zhibao.collaboration.models import Meeting, Operation, Transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(staff, bodies):
    """One transfer city IP → police and one city IP → 宝鸡 (a cluster city)."""
    to_police = transfers.send(staff["officer"], receiver=bodies["police"], kind="crime", reason="涉嫌犯罪",
                               sent_on=dt.date(2025, 9, 30), subject="假冒白酒案")
    to_baoji = transfers.send(staff["officer"], receiver=bodies["baoji"], kind="competence", reason="不属本局管辖",
                              sent_on=dt.date(2025, 10, 17), subject="宝鸡商户侵权线索")
    return to_police, to_baoji


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_each_body_sees_what_it_sent_or_received(staff, sent, client_for):
    to_police, to_baoji = sent
    expected = {"officer": {to_police.pk, to_baoji.pk}, "police": {to_police.pk}, "baoji": {to_baoji.pk},
                "yanta": set(), "court": set()}
    for who, pks in expected.items():
        client = client_for(staff[who])
        data = client.get("/api/v1/transfers").json()
        assert {r["id"] for r in data["results"]} == pks, who
        for t in sent:
            status = client.get(f"/collaboration/transfers/{t.pk}/").status_code
            assert status == (200 if t.pk in pks else 404), who


def test_roles_without_the_permission_are_refused(staff, sent, client_for):
    for who in ("leader", "enterprise"):
        client = client_for(staff[who])
        assert client.get("/collaboration/").status_code == 403
        assert client.get("/api/v1/transfers").status_code == 403
        assert client.get("/api/v1/meetings").status_code == 403
    assert client_for(staff["workstation"]).post(
        f"/api/v1/transfers/{sent[0].pk}/acknowledge", "{}", content_type="application/json").status_code == 403


def test_anonymous_goes_to_sign_in(client, sent):
    assert client.get("/collaboration/").status_code == 302
    assert client.get("/api/v1/transfers").status_code == 401


def test_inbox_late_filter_and_excel_export(staff, sent, client_for):
    police = english(client_for(staff["police"]))
    page = police.get("/collaboration/?box=received")
    assert page.status_code == 200 and "假冒白酒案" in page.content.decode()
    late = police.get("/collaboration/?state=late").content.decode()
    assert "假冒白酒案" in late and "Overdue since 2025-10-11" in late
    officer = client_for(staff["officer"])
    assert "宝鸡商户侵权线索" not in officer.get("/collaboration/?state=late").content.decode()
    assert "宝鸡商户侵权线索" in officer.get("/collaboration/?cluster=true").content.decode()
    export = officer.get("/collaboration/?export=xlsx")
    assert export.status_code == 200 and "spreadsheet" in export["Content-Type"]


def test_receiver_acknowledges_and_reports_on_the_page_and_the_sender_sees_it(staff, sent, client_for):
    to_police = sent[0]
    police = english(client_for(staff["police"]))
    url = f"/collaboration/transfers/{to_police.pk}/"
    assert "Acknowledge receipt" in police.get(url).content.decode()
    police.post(url + "acknowledge/", {"on": "2025-10-13"})
    police.post(url + "outcome/", {"outcome": "accepted", "on": "2025-10-17", "text": "已立案侦查"})
    officer = english(client_for(staff["officer"]))
    page = officer.get(url).content.decode()
    assert "Accepted or filed" in page and "已立案侦查" in page and "data-late" in page
    assert "Acknowledge receipt" not in page
    # the sender cannot acknowledge on the receiver's behalf
    officer.post(url + "acknowledge/", {"on": "2025-10-13"})
    assert Transfer.objects.get(pk=to_police.pk).acknowledged_by == staff["police"]


def test_page_refusals_change_nothing(staff, bodies, client_for):
    officer = english(client_for(staff["officer"]))
    for receiver in (bodies["city_ip"].pk, 999999, "x"):
        response = officer.post("/collaboration/transfers/new/", {
            "receiver": receiver, "kind": "crime", "reason": "r", "sent_on": "2025-10-01", "subject": "s"})
        assert response.status_code == 200
    assert Transfer.objects.count() == 0
    to_self = officer.post("/collaboration/transfers/new/", {
        "receiver": bodies["city_ip"].pk, "kind": "crime", "reason": "r", "sent_on": "2025-10-01", "subject": "s"})
    assert "A body cannot transfer to itself" in to_self.content.decode()


def test_api_send_acknowledge_outcome_recognize(staff, bodies, client_for):
    officer = client_for(staff["officer"])
    body = {"receiver": bodies["police"].pk, "kind": "crime", "reason": "涉嫌犯罪", "sent_on": "2025-09-30",
            "subject": "API 移送", "evidence": ["扣押清单"], "findings": ["构成侵权"]}
    created = officer.post("/api/v1/transfers", json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["ack_due"] == "2025-10-11" and data["late"] is True and len(data["items"]) == 2
    pk = data["id"]
    police = client_for(staff["police"])
    early = police.post(f"/api/v1/transfers/{pk}/outcome", json.dumps({"outcome": "accepted", "on": "2025-10-09"}),
                        content_type="application/json")
    assert early.status_code == 422
    ack = police.post(f"/api/v1/transfers/{pk}/acknowledge", json.dumps({"on": "2025-10-10"}),
                      content_type="application/json")
    assert ack.status_code == 200 and ack.json()["late"] is False
    out = police.post(f"/api/v1/transfers/{pk}/outcome",
                      json.dumps({"outcome": "prosecuted", "on": "2025-10-17", "text": "移送审查起诉"}),
                      content_type="application/json")
    assert out.status_code == 200
    item = data["items"][0]["id"]
    rec = police.post(f"/api/v1/transfers/{pk}/recognition",
                      json.dumps({"items": [{"id": item, "recognized": True}]}), content_type="application/json")
    assert rec.status_code == 200
    seen = officer.get(f"/api/v1/transfers/{pk}").json()
    assert seen["outcome"] == "prosecuted" and seen["items"][0]["recognized"] is True


@pytest.mark.parametrize("change, field", [
    ({"receiver": 999999}, "receiver"), ({"kind": "nope"}, "kind"), ({"sent_on": "2025-13-01"}, "sent_on"),
    ({"case": 424242}, "case"), ({"extra": 1}, "extra"),
])
def test_api_bad_input_is_422_and_changes_nothing(staff, bodies, client_for, change, field):
    body = {"receiver": bodies["police"].pk, "kind": "crime", "reason": "r", "sent_on": "2025-09-30", "subject": "s"}
    body.update(change)
    response = client_for(staff["officer"]).post("/api/v1/transfers", json.dumps(body),
                                                 content_type="application/json")
    assert response.status_code == 422, response.content
    assert any(field in key for key in response.json().get("errors", {})), response.json()
    assert Transfer.objects.count() == 0


def test_api_transfer_to_oneself_is_refused(staff, bodies, client_for):
    body = {"receiver": bodies["city_ip"].pk, "kind": "crime", "reason": "r", "sent_on": "2025-09-30", "subject": "s"}
    response = client_for(staff["officer"]).post("/api/v1/transfers", json.dumps(body),
                                                 content_type="application/json")
    assert response.status_code == 422 and "receiver" in response.json()["errors"]


def test_assistance_request_due_date_and_reply(staff, bodies, client_for):
    officer = client_for(staff["officer"])
    created = officer.post("/api/v1/assistance-requests", json.dumps({
        "addressee": bodies["baoji"].pk, "subject": "协查涉案企业", "questions": "请核实其经营地址",
        "sent_on": "2025-09-30"}), content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["due_on"] == "2025-10-28"   # 15 working days after 30 Sep 2025, over the holiday
    pk = data["id"]
    assert client_for(staff["police"]).get(f"/api/v1/assistance-requests/{pk}").status_code == 404
    wrong = officer.post(f"/api/v1/assistance-requests/{pk}/reply", json.dumps({"text": "x"}),
                         content_type="application/json")
    assert wrong.status_code == 422
    ok = client_for(staff["baoji"]).post(f"/api/v1/assistance-requests/{pk}/reply",
                                         json.dumps({"text": "地址属实", "on": "2025-10-15"}),
                                         content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "answered"


def test_operation_and_meeting_scope_and_cases(staff, bodies, client_for):
    officer = staff["officer"]
    case = engine.open_case("enforcement", officer, handling_org=bodies["city_ip"], title="专项行动案件",
                            kind="inspection", at=dt.date(2025, 9, 22))
    op = operations.save_operation(officer, Operation(name="秋季联合执法", starts_on=dt.date(2025, 9, 1),
                                                      ends_on=dt.date(2025, 11, 30), lead=bodies["city_ip"]),
                                   [bodies["police"]])
    operations.add_case(op, officer, case)
    assert client_for(staff["police"]).get(f"/collaboration/operations/{op.pk}/").status_code == 200
    assert client_for(staff["yanta"]).get(f"/collaboration/operations/{op.pk}/").status_code == 404
    client = client_for(officer)
    client.post(f"/collaboration/operations/{op.pk}/cases/{case.pk}/remove/")
    assert not op.cases.exists()
    meeting = client.post("/api/v1/meetings", json.dumps({
        "title": "2025年第三季度知识产权保护联席会议", "held_on": "2025-09-26", "convener": bodies["city_ip"].pk,
        "attendees": [bodies["police"].pk, bodies["court"].pk], "agenda": ["通报案件情况"],
        "decisions": [{"text": "建立线索双向移送台账", "owner": bodies["police"].pk, "due_on": "2025-12-31"}],
        "cases": [case.pk]}), content_type="application/json")
    assert meeting.status_code == 201, meeting.content
    assert meeting.json()["quarter"] == 3 and len(meeting.json()["decisions"]) == 1
    bad = client.post("/api/v1/meetings", json.dumps({
        "title": "x", "held_on": "2025-09-26", "convener": bodies["city_ip"].pk,
        "decisions": [{"text": "y", "owner": bodies["baoji"].pk, "due_on": "2025-12-31"}]}),
        content_type="application/json")
    assert bad.status_code == 422 and Meeting.objects.count() == 1
    not_taking_part = client.post("/api/v1/operations", json.dumps({
        "name": "y", "starts_on": "2025-10-01", "ends_on": "2025-10-31", "lead": bodies["police"].pk}),
        content_type="application/json")
    assert not_taking_part.status_code == 422 and Operation.objects.count() == 1
    assert client_for(staff["court"]).get("/api/v1/meetings").json()["count"] == 1
    assert client_for(staff["baoji"]).get("/api/v1/meetings").json()["count"] == 0


def test_case_panel_lists_transfers_with_a_transfer_action(staff, bodies, client_for, rf):
    from zhibao.cases import panels

    officer = staff["officer"]
    case = engine.open_case("enforcement", officer, handling_org=bodies["city_ip"], title="面板案件",
                            kind="inspection", at=dt.date(2025, 9, 22))
    transfers.send(officer, receiver=bodies["police"], kind="crime", reason="r", sent_on=dt.date(2025, 9, 30),
                   case=case, take_step=False)
    request = rf.get("/")
    request.user = officer
    panel = next(p for p in panels.for_case(case, request) if p["key"] == "collaboration")
    assert len(panel["context"]["collab_transfers"]) == 1 and panel["context"]["collab_may_transfer"]
    page = client_for(officer).get(f"/collaboration/transfers/new/?case={case.pk}")
    assert page.status_code == 200
    through = client_for(staff["police"]).get(f"/collaboration/transfers/{case.transfers.get().pk}/case/")
    assert through.status_code == 200 and "面板案件" in through.content.decode()
