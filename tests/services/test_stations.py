"""Workstations and service records: rules, scope, pages, API."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from zhibao.cases.models import Case
from zhibao.registry.models import Organization
from zhibao.registry.services import StaleVersion
from zhibao.services import stations as rules
from zhibao.services.choices import ServiceKind, WorkstationKind
from zhibao.services.models import ServiceRecord, Workstation

from .conftest import make_station

pytestmark = pytest.mark.django_db


def service(ws, entities, kind=ServiceKind.CONSULTATION, day=dt.date(2026, 3, 2), user=None, **extra):
    record = ServiceRecord(workstation=ws, kind=kind, served_on=day, subject=extra.pop("subject", "专利侵权咨询"),
                           **extra)
    rules.save_service(record, entities, user)
    return record


# -- workstations ---------------------------------------------------------------------------------

def test_a_workstation_is_a_body_of_the_registry(world):
    ws = make_station(world, "航天基地知识产权维权援助工作站", district="yanta", address="西安市长安区航天大道1号")
    org = ws.org
    assert (org.name, org.kind, org.district, org.parent) == (ws.name, "workstation", world["yanta"], world["centre"])
    assert set(ws.bodies.all()) == {org, world["centre"]}
    ws.name, ws.address = "航天基地知识产权保护工作站", "西安市长安区神舟四路"
    rules.save_workstation(ws, expected_version=ws.version)
    org.refresh_from_db()
    assert (org.name, org.address) == ("航天基地知识产权保护工作站", "西安市长安区神舟四路")


def test_a_circuit_tribunal_is_a_court_body(world):
    ws = make_station(world, "西安中院知识产权巡回审判庭（西咸新区）", kind=WorkstationKind.CIRCUIT, supervisor="city_ip")
    assert ws.org.kind == "court"


def test_an_existing_unlinked_workstation_body_is_taken_over(world):
    body = Organization.objects.create(name="康复路市场知识产权维权援助工作站", kind="workstation", district=world["yanta"])
    ws = make_station(world, "康复路市场知识产权维权援助工作站")
    assert ws.org == body


def test_a_name_taken_by_another_body_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as exc:
        make_station(world, "西安市公安局")
    assert "Another body of the registry already has this name" in str(exc.value.message_dict["name"])
    assert not Workstation.objects.exists()


@pytest.mark.parametrize("fields, field, message", [
    ({"opened_on": dt.date(2025, 5, 1), "closed_on": dt.date(2025, 4, 30)}, "closed_on",
     "A workstation cannot close before it opened."),
    ({"latitude": "34.2"}, "longitude", "Give both latitude and longitude"),
    ({"latitude": "39.9042", "longitude": "116.4074"}, "latitude", "outside Shaanxi province"),
    ({"latitude": "108.9", "longitude": "34.3"}, "latitude", "less than or equal to 90"),
    ({"host_name": ""}, "host_name", "Name the host"),
    ({"name": "<script>alert(1)</script>工作站"}, "name", "HTML tags and scripts are not allowed"),
])
def test_bad_workstation_input_is_refused_with_a_specific_message(world, fields, field, message):
    values = {"name": "测试工作站", "kind": WorkstationKind.ASSISTANCE, "district": world["yanta"],
              "opened_on": dt.date(2025, 1, 1), "host_name": "园区", **fields}
    ws = Workstation(**values)
    with pytest.raises(ValidationError) as exc:
        rules.save_workstation(ws)
    assert message in " ".join(exc.value.message_dict[field])
    assert ws.pk is None and ws.org_id is None
    assert not Workstation.objects.exists() and not Organization.objects.filter(name=values["name"]).exists()


def test_a_stale_edit_is_refused(stations):
    ws = Workstation.objects.get(pk=stations["gaoxin"].pk)
    other = Workstation.objects.get(pk=ws.pk)
    other.address = "甲"
    rules.save_workstation(other, expected_version=other.version)
    ws.address = "乙"
    with pytest.raises(StaleVersion):
        rules.save_workstation(ws, expected_version=1)
    assert Workstation.objects.get(pk=ws.pk).address == "甲"


# -- service records ------------------------------------------------------------------------------

def test_a_service_names_the_enterprises_served(world, stations):
    record = service(stations["gaoxin"], [world["qinchuan"], world["qujiang"], world["qinchuan"]])
    assert sorted(record.recipients.values_list("entity__name", flat=True)) == sorted(["西安秦川智能装备有限公司",
                                                                                       "西安曲江文化传媒有限公司"])
    rules.save_service(record, [world["qujiang"]], expected_version=record.version)
    assert list(record.recipients.values_list("entity", flat=True)) == [world["qujiang"].pk]


def test_a_service_needs_an_enterprise_but_a_training_may_count_participants(world, stations):
    with pytest.raises(ValidationError) as exc:
        service(stations["gaoxin"], [])
    assert exc.value.message_dict["recipients"] == ["Name at least one enterprise served."]
    assert not ServiceRecord.objects.exists()
    with pytest.raises(ValidationError) as exc:
        service(stations["gaoxin"], [], kind=ServiceKind.TRAINING)
    assert "number of participants" in exc.value.message_dict["recipients"][0]
    training = service(stations["gaoxin"], [], kind=ServiceKind.TRAINING, participants=40)
    assert training.pk and training.recipients.count() == 0


@pytest.mark.parametrize("day, message", [
    (dt.date(2023, 12, 31), "it opened on 2024-01-01"),
    (dt.date(2026, 12, 1), "This date is in the future."),
])
def test_a_service_outside_the_workstation_operation_is_refused(world, stations, day, message):
    with pytest.raises(ValidationError) as exc:
        service(stations["gaoxin"], [world["qinchuan"]], day=day)
    assert message in " ".join(exc.value.message_dict["served_on"])
    assert not ServiceRecord.objects.exists()


def test_a_service_after_the_last_day_of_a_closed_workstation_is_refused(world):
    ws = make_station(world, "临时展会投诉站", kind=WorkstationKind.EXHIBITION, opened=dt.date(2025, 9, 20),
                      closed=dt.date(2025, 9, 24))
    service(ws, [world["qinchuan"]], day=dt.date(2025, 9, 24))  # the last day counts
    with pytest.raises(ValidationError) as exc:
        service(ws, [world["qinchuan"]], day=dt.date(2025, 9, 25))
    assert "from 2025-09-20 to 2025-09-24" in exc.value.message_dict["served_on"][0]


def test_html_in_a_service_subject_is_refused(world, stations):
    with pytest.raises(ValidationError) as exc:
        service(stations["gaoxin"], [world["qinchuan"]], subject='<img src=x onerror="alert(1)">')
    assert "HTML tags and scripts are not allowed" in exc.value.message_dict["subject"][0]
    assert not ServiceRecord.objects.exists()


def test_a_service_opens_an_assistance_case_once(world, stations, users):
    record = service(stations["gaoxin"], [world["qinchuan"]], kind=ServiceKind.EVIDENCE, user=users["station"])
    case = rules.open_assistance_case(record, users["station"])
    assert (case.procedure, case.kind, case.handling_org, case.received_on) == (
        "assistance", "evidence", stations["gaoxin"].org, dt.date(2026, 3, 2))
    assert list(case.parties.values_list("entity", "role")) == [(world["qinchuan"].pk, "requester")]
    record.refresh_from_db()
    assert record.case == case
    with pytest.raises(ValidationError) as exc:
        rules.open_assistance_case(record, users["station"])
    assert "already opened the assistance case" in exc.value.messages[0]
    assert Case.objects.count() == 1


def test_a_training_opens_no_case(world, stations, users):
    record = service(stations["gaoxin"], [world["qinchuan"]], kind=ServiceKind.TRAINING)
    with pytest.raises(ValidationError) as exc:
        rules.open_assistance_case(record, users["station"])
    assert "does not open an assistance case" in exc.value.messages[0]
    assert not Case.objects.exists()


def test_a_role_the_procedure_does_not_allow_cannot_open_the_case(world, stations, users):
    record = service(stations["gaoxin"], [world["qinchuan"]])
    with pytest.raises(ValidationError) as exc:
        rules.open_assistance_case(record, users["mediator"])
    assert "may not take the step" in exc.value.messages[0]
    record.refresh_from_db()
    assert record.case is None and not Case.objects.exists()


# -- scope and pages ------------------------------------------------------------------------------

def test_workstation_staff_see_their_own_workstation_only(world, stations, users, as_user):
    own = service(stations["gaoxin"], [world["qinchuan"]])
    other = service(stations["weiyang"], [world["food"]])
    client = as_user("station")
    page = client.get("/services/records/")
    assert own.subject in page.content.decode() and page.context["page"].paginator.count == 1
    assert client.get(f"/services/records/{other.pk}/").status_code == 404
    assert client.get(f"/services/workstations/{stations['weiyang'].pk}/").status_code == 404
    assert client.get(f"/services/workstations/{stations['gaoxin'].pk}/").status_code == 200
    # the supervising centre (own-organization scope) sees the stations it supervises
    centre = as_user("centre").get("/services/workstations/")
    names = {row[0].name for row in centre.context["rows"]}
    assert names == {"西安高新区知识产权维权援助工作站", "未央区知识产权维权援助工作站"}


def test_an_enterprise_sees_the_services_it_received(world, stations, as_user):
    mine = service(stations["gaoxin"], [world["qinchuan"]])
    service(stations["weiyang"], [world["food"]])
    page = as_user("enterprise").get("/services/records/")
    assert [row[0].pk for row in page.context["rows"]] == [mine.pk]


def test_staff_record_a_service_in_the_page(world, stations, users, as_user):
    client = as_user("station")
    form = client.get("/services/records/new/")
    assert form.context["form"].initial["workstation"] == stations["gaoxin"].pk
    response = client.post("/services/records/new/", {
        "workstation": stations["gaoxin"].pk, "kind": "consultation", "served_on": "2026-11-02",
        "subject": "商标侵权咨询", "entities": f"{world['qinchuan'].uscc}\n西安曲江文化传媒有限公司"})
    record = ServiceRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/services/records/{record.pk}/"
    assert record.recorded_by == users["station"] and record.recipients.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "商标侵权咨询" in page and "西安曲江文化传媒有限公司" in page


def test_a_service_for_another_workstation_is_refused_in_the_page(world, stations, as_user):
    response = as_user("station").post("/services/records/new/", {
        "workstation": stations["weiyang"].pk, "kind": "consultation", "served_on": "2026-11-02",
        "subject": "咨询", "entities": world["food"].uscc})
    assert response.status_code == 200
    assert "Select a valid choice" in str(response.context["form"].errors["workstation"])
    assert not ServiceRecord.objects.exists()


def test_unknown_enterprises_are_named_by_line(world, stations, as_user):
    response = as_user("station").post("/services/records/new/", {
        "workstation": stations["gaoxin"].pk, "kind": "consultation", "served_on": "2026-11-02",
        "subject": "咨询", "entities": "西安秦川智能装备有限公司\n不存在的公司"})
    errors = response.context["form"].errors["entities"]
    assert errors == ["Line 2: No market entity named “不存在的公司” is registered; check the name or enter the "
                      "unified social credit code."]
    assert not ServiceRecord.objects.exists()


def test_opening_a_case_from_the_page(world, stations, as_user):
    record = service(stations["gaoxin"], [world["qinchuan"]])
    client = as_user("station")
    response = client.post(f"/services/records/{record.pk}/open-case/", follow=True)
    assert "Assistance case" in response.content.decode() and "was opened" in response.content.decode()
    record.refresh_from_db()
    assert record.case is not None


def test_officers_create_and_edit_workstations_in_the_page(world, as_user):
    client = as_user("officer")
    response = client.post("/services/workstations/new/", {
        "name": "西安软件园知识产权维权援助工作站", "kind": "assistance", "supervisor": world["centre"].pk,
        "host_name": "西安软件园", "district": "610113", "address": "西安市雁塔区科技二路72号",
        "latitude": "34.2303", "longitude": "108.8872", "opened_on": "2025-03-01"})
    ws = Workstation.objects.get(name="西安软件园知识产权维权援助工作站")
    assert response.status_code == 302 and ws.org.name == ws.name
    response = client.post(f"/services/workstations/{ws.pk}/edit/", {
        "name": ws.name, "kind": "assistance", "supervisor": world["centre"].pk, "host_name": "西安软件园",
        "district": "610113", "opened_on": "2025-03-01", "closed_on": "2025-02-01", "version": ws.version})
    assert "A workstation cannot close before it opened." in response.content.decode()
    ws.refresh_from_db()
    assert ws.closed_on is None and ws.version == 1


def test_contacts_are_added_and_removed(stations, as_user):
    ws = stations["gaoxin"]
    client = as_user("officer")
    client.post(f"/services/workstations/{ws.pk}/contacts/", {"name": "王芳", "position": "站长",
                                                                "phone": "029-88886666"})
    contact = ws.contacts.get()
    bad = client.post(f"/services/workstations/{ws.pk}/contacts/", {"name": "李<b>雷</b>", "phone": "abc"},
                      follow=True)
    assert "The contact was not added" in bad.content.decode() and ws.contacts.count() == 1
    client.post(f"/services/workstations/{ws.pk}/contacts/{contact.pk}/remove/")
    assert not ws.contacts.exists()


@pytest.mark.parametrize("key, url, status", [
    ("leader", "/services/workstations/", 403),
    ("expert", "/services/records/", 403),
    ("station", "/services/workstations/new/", 403),
    ("mediator", "/services/records/new/", 403),
    ("enterprise", "/services/workstations/new/", 403),
])
def test_roles_without_the_permission_get_403(stations, as_user, key, url, status):
    assert as_user(key).get(url).status_code == status


def test_with_todays_role_table_only_administrators_reach_the_services(stations, users, client_for, monkeypatch):
    from zhibao.accounts import roles as role_table
    from zhibao.accounts.roles import ROLE_PERMISSIONS

    monkeypatch.setattr(role_table, "ROLE_PERMISSIONS", {k: v for k, v in ROLE_PERMISSIONS.items()
                                                         if True} | {r: frozenset(c for c in codes
                                                                                  if not c.startswith("services."))
                                                                     for r, codes in ROLE_PERMISSIONS.items()})
    assert client_for(users["admin"]).get("/services/workstations/").status_code == 200
    for key in ("officer", "centre", "station", "enterprise", "leader"):
        assert client_for(users[key]).get("/services/workstations/").status_code == 403
        assert not users[key].has_perm("services.view")


def test_the_lists_export_to_excel(world, stations, as_user):
    service(stations["gaoxin"], [world["qinchuan"]])
    response = as_user("officer").get("/services/records/?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert as_user("mediator").get("/services/records/?export=xlsx").status_code == 403


def test_a_reversed_date_filter_says_so(stations, as_user):
    page = as_user("officer").get("/services/records/?served_from=2026-05-01&served_to=2026-04-01")
    assert page.status_code == 200
    assert "The end date cannot be before the start date." in page.content.decode()


# -- API --------------------------------------------------------------------------------------------

def test_api_lists_and_reads_workstations_within_scope(stations, api_as):
    api = api_as("station")
    listed = api.get("/api/v1/workstations").json()
    assert [r["name"] for r in listed["results"]] == ["西安高新区知识产权维权援助工作站"]
    assert api.get(f"/api/v1/workstations/{stations['weiyang'].pk}").status_code == 404
    on_day = api_as("officer").get("/api/v1/workstations", {"operating_on": "2023-12-31"}).json()
    assert on_day["count"] == 0


def test_api_creates_a_workstation_with_contacts_and_refuses_bad_input(world, api_as):
    api = api_as("officer")
    created = api.post("/api/v1/workstations", {
        "name": "西安国际港务区涉外知识产权保护工作站", "kind": "overseas", "host_name": "西安国际港务区管委会",
        "district": "610112", "opened_on": "2025-06-01", "supervisor": world["city_ip"].pk,
        "contacts": [{"name": "赵敏", "position": "联络员", "phone": "029-12345678"}]})
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["org"] and data["contacts"][0]["name"] == "赵敏" and data["in_operation"] is True
    bad = api.post("/api/v1/workstations", {
        "name": "坏工作站", "kind": "overseas", "host_name": "x", "district": "610112",
        "opened_on": "2025-06-01", "closed_on": "2025-05-01"})
    assert bad.status_code == 422 and "closed_on" in bad.json()["errors"]
    assert not Workstation.objects.filter(name="坏工作站").exists()
    stale = api.patch(f"/api/v1/workstations/{data['id']}", {"address": "新地址", "version": 99})
    assert stale.status_code == 409
    ok = api.patch(f"/api/v1/workstations/{data['id']}", {"address": "西安市灞桥区港务大道1号", "version": 1})
    assert ok.status_code == 200 and ok.json()["version"] == 2


def test_api_records_a_service(world, stations, api_as):
    api = api_as("station")
    created = api.post("/api/v1/service-records", {
        "workstation": stations["gaoxin"].pk, "kind": "evidence", "served_on": "2026-10-09",
        "subject": "证据保全指导", "entities": [world["qinchuan"].pk]})
    assert created.status_code == 201, created.content
    assert created.json()["entities"][0]["uscc"] == world["qinchuan"].uscc
    other = api.post("/api/v1/service-records", {
        "workstation": stations["weiyang"].pk, "kind": "evidence", "served_on": "2026-10-09",
        "subject": "x", "entities": [world["food"].pk]})
    assert other.status_code == 422 and "workstation" in other.json()["errors"]
    missing = api.post("/api/v1/service-records", {
        "workstation": stations["gaoxin"].pk, "kind": "evidence", "served_on": "2026-10-09", "subject": "x",
        "entities": [999999]})
    assert missing.status_code == 422 and "entities.0" in missing.json()["errors"]
    assert ServiceRecord.objects.count() == 1
    assert api_as("leader").get("/api/v1/service-records").status_code == 403
