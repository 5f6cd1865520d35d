"""Patent pre-examination: eligibility, review, validity, revocation, requests and turnaround."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from zhibao.registry.models import MarketEntity
from zhibao.services import preexam as rules
from zhibao.services.choices import FilingStatus
from zhibao.services.models import CentreProfile, FilingEntity, PreexamRequest

from .conftest import uscc

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(world):
    p = CentreProfile.objects.create(centre=world["centre"], ipc_classes="B23, H04L", industries="C,I",
                                     filing_years=3, target_working_days=5)
    p.service_area.set([world["city"]])
    return p


def file(world, entity="qinchuan", applied=dt.date(2025, 3, 1), ipc="B23Q", **extra):
    filing = FilingEntity(centre=world["centre"], entity=world[entity], ipc_classes=ipc, applied_on=applied, **extra)
    rules.apply(filing)
    return filing


def approved(world, on=dt.date(2025, 3, 10), **kwargs):
    filing = file(world, **kwargs)
    return rules.review(filing, None, approve=True, on=on)


def test_eligibility_by_place_and_field(world, profile):
    ok = file(world)
    assert rules.eligibility(ok) == []
    baoji = MarketEntity.objects.create(name="宝鸡机床集团有限公司", uscc=uscc("610300", 201), district=world["baoji"],
                                        industry="C")
    outside = FilingEntity(centre=world["centre"], entity=baoji, ipc_classes="B23Q", applied_on=dt.date(2025, 3, 1))
    rules.apply(outside)
    assert "outside the service area" in rules.eligibility(outside)[0]
    media = file(world, entity="qujiang", ipc="G06Q")  # industry R, field G06Q: neither served
    assert "Neither the fields (G06Q)" in rules.eligibility(media)[0]


def test_approval_sets_the_validity_and_refuses_the_ineligible(world, profile):
    filing = approved(world)
    assert (filing.status, filing.valid_from, filing.valid_until, filing.valid_to) == (
        FilingStatus.APPROVED, dt.date(2025, 3, 10), dt.date(2028, 3, 9), dt.date(2028, 3, 9))
    media = file(world, entity="qujiang", ipc="G06Q")
    with pytest.raises(ValidationError) as exc:
        rules.review(media, None, approve=True, on=dt.date(2025, 3, 10))
    assert "Neither the fields" in exc.value.messages[0]
    media.refresh_from_db()
    assert media.status == FilingStatus.APPLIED and media.valid_from is None
    with pytest.raises(ValidationError) as exc:
        rules.review(media, None, approve=False, on=dt.date(2025, 3, 10))
    assert exc.value.message_dict["note"] == ["Give the reason for rejecting the application."]
    rejected = rules.review(media, None, approve=False, on=dt.date(2025, 3, 10), note="技术领域不在服务范围")
    assert rejected.status == FilingStatus.REJECTED and rejected.valid_from is None
    with pytest.raises(ValidationError) as exc:
        rules.review(rejected, None, approve=True)
    assert "already reviewed" in exc.value.messages[0]


def test_no_second_application_while_one_is_pending_or_valid(world, profile, fixed_today):
    file(world)
    with pytest.raises(ValidationError) as exc:
        file(world, applied=dt.date(2025, 3, 2))
    assert "already has an application under review" in exc.value.message_dict["entity"][0]
    FilingEntity.objects.all().delete()
    approved(world)
    with pytest.raises(ValidationError) as exc:
        file(world, applied=dt.date(2026, 1, 1))
    assert "still valid on that date" in exc.value.message_dict["entity"][0]
    fixed_today["day"] = dt.date(2028, 3, 15)
    renewal = file(world, applied=dt.date(2028, 3, 10))  # the day after it expired
    assert renewal.pk


@pytest.mark.parametrize("field, value, message", [
    ("applied_on", dt.date(2026, 12, 1), "This date is in the future."),
    ("ipc_classes", "B23Q, <b>", "is not an IPC symbol"),
    ("contact_name", "<script>", "HTML tags and scripts are not allowed"),
    ("contact_phone", "电话", "A phone number may contain only"),
])
def test_bad_application_input(world, profile, field, value, message):
    filing = FilingEntity(centre=world["centre"], entity=world["qinchuan"], applied_on=dt.date(2025, 3, 1))
    setattr(filing, field, value)
    with pytest.raises(ValidationError) as exc:
        rules.apply(filing)
    assert message in " ".join(exc.value.message_dict[field])
    assert filing.pk is None and not FilingEntity.objects.exists()


def test_revocation_ends_validity_the_day_before(world, profile):
    filing = approved(world)
    with pytest.raises(ValidationError) as exc:
        rules.revoke(filing, None, on=dt.date(2026, 5, 1), reason="")
    assert "reason" in exc.value.message_dict
    revoked = rules.revoke(filing, None, on=dt.date(2026, 5, 1), reason="提供虚假材料")
    assert (revoked.status, revoked.valid_to) == (FilingStatus.REVOKED, dt.date(2026, 4, 30))
    assert revoked.valid_on(dt.date(2026, 4, 30)) and not revoked.valid_on(dt.date(2026, 5, 1))
    with pytest.raises(ValidationError):
        rules.revoke(revoked, None, on=dt.date(2026, 6, 1), reason="再次")


def request(filing, **extra):
    values = {"title": "一种数控机床主轴冷却装置", "patent_kind": "invention", "ipc_class": "B23Q 11/12",
              "submitted_on": dt.date(2026, 11, 2), **extra}
    r = PreexamRequest(filing=filing, **values)
    rules.save_request(r)
    return r


def test_requests_need_a_valid_filing_and_a_served_field(world, profile):
    filing = approved(world)
    with pytest.raises(ValidationError) as exc:
        request(filing, submitted_on=dt.date(2025, 3, 9))
    assert "had no approved, valid filing" in exc.value.message_dict["filing"][0]
    with pytest.raises(ValidationError) as exc:
        request(filing, ipc_class="A61K 31/00")
    assert "outside the technical fields" in exc.value.message_dict["ipc_class"][0]
    with pytest.raises(ValidationError) as exc:
        request(filing, ipc_class="")
    assert "Give the main IPC class" in exc.value.message_dict["ipc_class"][0]
    design = request(filing, patent_kind="design", ipc_class="", title="机床外壳")
    assert design.pk and not PreexamRequest.objects.exclude(pk=design.pk).exists()


@pytest.mark.parametrize("extra, field, message", [
    ({"outcome": "passed"}, "outcome_on", "Give the date of the outcome."),
    ({"outcome_on": dt.date(2026, 11, 5)}, "outcome_on", "still being examined has no outcome date"),
    ({"outcome": "passed", "outcome_on": dt.date(2026, 11, 1)}, "outcome_on", "before the submission"),
    ({"outcome": "returned", "outcome_on": dt.date(2026, 11, 5), "granted_on": dt.date(2026, 11, 6)}, "granted_on",
     "Only an application that passed"),
    ({"outcome": "passed", "outcome_on": dt.date(2026, 11, 5), "granted_on": dt.date(2026, 11, 4)}, "granted_on",
     "cannot be before the pre-examination outcome"),
    ({"application_number": "202611234567.8"}, "application_number", "only after passing"),
])
def test_bad_outcomes_are_refused(world, profile, extra, field, message):
    filing = approved(world)
    with pytest.raises(ValidationError) as exc:
        request(filing, **extra)
    assert message in " ".join(exc.value.message_dict[field])
    assert not PreexamRequest.objects.exists()


def test_turnaround_in_working_and_calendar_days(world, profile):
    filing = approved(world)
    week = request(filing, submitted_on=dt.date(2026, 11, 2), outcome="passed", outcome_on=dt.date(2026, 11, 6))
    weekend = request(filing, submitted_on=dt.date(2026, 11, 5), outcome="returned", outcome_on=dt.date(2026, 11, 10))
    slow = request(filing, submitted_on=dt.date(2026, 10, 19), outcome="passed", outcome_on=dt.date(2026, 11, 2),
                   granted_on=dt.date(2026, 11, 20))
    request(filing, submitted_on=dt.date(2026, 11, 16))  # pending: not in the statistics
    assert (week.turnaround_days, week.turnaround_working_days) == (4, 4)
    assert (weekend.turnaround_days, weekend.turnaround_working_days) == (5, 3)   # Fri, Mon, Tue
    assert (slow.turnaround_days, slow.turnaround_working_days, slow.days_to_grant) == (14, 10, 32)
    stats = rules.turnaround(PreexamRequest.objects.all())
    assert stats["count"] == 3 and stats["median_working_days"] == 4 and stats["mean_days"] == round(23 / 3, 1)
    assert stats["within_target"] == round(100 * 2 / 3, 1)  # 4 and 3 within 5 working days, 10 not


def test_the_filing_process_in_the_pages(world, profile, users, as_user):
    client = as_user("centre")
    response = client.post("/services/filings/new/", {"centre": world["centre"].pk, "entity": world["qinchuan"].uscc,
                                                        "ipc_classes": "B23Q", "applied_on": "2026-10-08"})
    filing = FilingEntity.objects.get()
    assert response.status_code == 302
    page = client.get(f"/services/filings/{filing.pk}/").content.decode()
    assert "Eligible by place and field." in page
    client.post(f"/services/filings/{filing.pk}/review/", {"decision": "approve", "on": "2026-10-12"})
    filing.refresh_from_db()
    assert filing.status == "approved" and filing.valid_until == dt.date(2029, 10, 11)
    response = client.post("/services/preexams/new/", {
        "entity": world["qinchuan"].uscc, "centre": world["centre"].pk, "title": "主轴冷却装置",
        "patent_kind": "invention", "ipc_class": "B23Q 11/12", "submitted_on": "2026-11-02", "outcome": "pending"})
    assert response.status_code == 302 and PreexamRequest.objects.get().filing == filing
    bad = client.post(f"/services/filings/{filing.pk}/revoke/", {"on": "2026-11-30", "reason": "x"}, follow=True)
    assert "A revocation cannot be dated in the future." in bad.content.decode()
    client.post(f"/services/filings/{filing.pk}/revoke/", {"on": "2026-11-19", "reason": "不再符合条件"})
    filing.refresh_from_db()
    assert filing.status == "revoked" and filing.valid_to == dt.date(2026, 11, 18)


def test_who_may_see_and_change_filings(world, profile, as_user):
    filing = approved(world)
    approved_other = approved(world, entity="food", ipc="B23P")
    assert as_user("enterprise").get("/services/filings/").context["page"].paginator.count == 1
    assert as_user("enterprise").get(f"/services/filings/{approved_other.pk}/").status_code == 404
    assert as_user("enterprise").get("/services/filings/new/").status_code == 403
    assert as_user("station").get(f"/services/filings/{filing.pk}/").status_code == 404
    assert as_user("leader").get("/services/filings/").status_code == 403
    assert as_user("mediator").post(f"/services/filings/{filing.pk}/revoke/", {"on": "2026-11-01",
                                                                               "reason": "x"}).status_code == 403
    assert as_user("centre").get("/services/centres/").status_code == 200


def test_api_files_reviews_and_requests(world, profile, api_as):
    api = api_as("centre")
    created = api.post("/api/v1/filing-entities", {"centre": world["centre"].pk, "entity": world["qinchuan"].pk,
                                                   "ipc_classes": "B23Q", "applied_on": "2026-10-08"})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    reviewed = api.post(f"/api/v1/filing-entities/{pk}/review", {"approve": True, "on": "2026-10-12"})
    assert reviewed.status_code == 200 and reviewed.json()["valid_today"] is True
    req = api.post("/api/v1/preexam-requests", {"filing": pk, "title": "主轴冷却", "patent_kind": "invention",
                                                "ipc_class": "B23Q 11/12", "submitted_on": "2026-11-02",
                                                "outcome": "passed", "outcome_on": "2026-11-06"})
    assert req.status_code == 201 and req.json()["turnaround_working_days"] == 4
    bad = api.post("/api/v1/preexam-requests", {"filing": pk, "title": "x", "patent_kind": "invention",
                                                "submitted_on": "2026-11-02"})
    assert bad.status_code == 422 and "ipc_class" in bad.json()["errors"]
    revoked = api.post(f"/api/v1/filing-entities/{pk}/revocation", {"on": "2026-11-10", "reason": "撤销"})
    assert revoked.status_code == 200 and revoked.json()["valid_to"] == "2026-11-09"
    assert api_as("enterprise").get("/api/v1/filing-entities").json()["count"] == 1
    assert api_as("station").post(f"/api/v1/filing-entities/{pk}/review", {"approve": True}).status_code == 403
