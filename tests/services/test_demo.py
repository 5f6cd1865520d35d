"""The services demo: deterministic by seed, plausible, and every page renders with it."""
import datetime as dt
import random

import pytest
from django.db import transaction
from django.test import Client

from zhibao.accounts.models import User
from zhibao.demo import build
from zhibao.services import counts, demo
from zhibao.services.models import (
    Expert, FilingEntity, ListEntry, PreexamRequest, ServiceRecord, Survey, SurveyResponse, Workstation,
)

AS_OF = dt.date(2026, 10, 31)


@pytest.fixture
def city(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build.load("small", 3, lambda _text: None, as_of=AS_OF)


def snapshot() -> dict:
    return {
        "workstations": list(Workstation.objects.order_by("name").values_list("name", "kind", "opened_on", "closed_on")),
        "services": list(ServiceRecord.objects.order_by("served_on", "workstation__name", "subject", "pk")
                         .values_list("served_on", "workstation__name", "kind", "subject")),
        "experts": list(Expert.objects.order_by("pk").values_list("name", "employer_name", "ipc_classes")),
        "filings": list(FilingEntity.objects.order_by("entity__uscc", "centre__name")
                        .values_list("entity__uscc", "status", "valid_from", "valid_to")),
        "lists": list(ListEntry.objects.order_by("kind", "name").values_list("kind", "name", "listed_on")),
        "scores": list(SurveyResponse.objects.order_by("received_on", "score").values_list("received_on", "score")),
    }


def test_the_demo_is_the_same_for_the_same_seed_and_plausible(city):
    with transaction.atomic():
        demo.generate(random.Random(7), "small", as_of=AS_OF, say=lambda _t: None)
        first = snapshot()
        transaction.set_rollback(True)
    counted = demo.generate(random.Random(7), "small", as_of=AS_OF, say=lambda _t: None)
    assert snapshot() == first
    assert counted["services.Workstation"] == 42 and counted["services.ServiceRecord"] > 1000
    assert counts.workstations_in_operation(AS_OF) >= 35
    assert counts.experts_appointed(AS_OF) >= 40
    assert 60 <= counts.filing_entities_valid(AS_OF) <= 150
    mean, n = counts.satisfaction(dt.date(2026, 1, 1), AS_OF)
    assert n > 100 and 80 <= mean <= 92
    assert {"户县葡萄", "阎良甜瓜", "临潼石榴", "周至猕猴桃"} <= set(
        ListEntry.objects.filter(kind="gi_product").values_list("name", flat=True))
    assert Workstation.objects.filter(name="西安高新区知识产权维权援助工作站").exists()  # the demo account's
    for entry in ListEntry.objects.all()[:50]:
        entry.full_clean()  # demo rows obey the rules the pages apply
    for request in PreexamRequest.objects.select_related("filing__centre")[:50]:
        request.full_clean()


def test_every_services_page_renders_with_the_demo(city):
    demo.generate(random.Random(1), "small", as_of=AS_OF, say=lambda _t: None)
    admin = Client()
    admin.force_login(User.objects.get(username="admin"), backend="zhibao.accounts.backends.RoleBackend")
    pages = ["/services/workstations/", "/services/records/", "/services/experts/", "/services/draws/",
             "/services/filings/", "/services/preexams/", "/services/centres/", "/services/lists/",
             "/services/batches/", "/services/actions/", "/services/products/", "/services/surveys/",
             "/services/satisfaction/", "/services/workstations/new/", "/services/records/new/",
             "/services/experts/new/", "/services/draws/new/", "/services/filings/new/", "/services/preexams/new/",
             "/services/lists/new/?kind=exhibition", "/services/actions/new/", "/services/surveys/new/",
             "/services/batches/new/", "/services/centres/new/"]
    for model in (Workstation, ServiceRecord, Expert, FilingEntity, PreexamRequest, ListEntry, Survey):
        record = model.objects.order_by("pk").first()
        pages.append(record.get_absolute_url())
    pages.append(f"/services/surveys/{Survey.objects.first().pk}/responses/")
    for kind in ("key_enterprise", "key_work", "contact_enterprise", "core_technology", "gi_product", "key_market",
                 "exhibition", "plant_variety"):
        entry = ListEntry.objects.filter(kind=kind).first()
        if entry is not None:
            pages.append(entry.get_absolute_url())
    for url in pages:
        for language in ("zh-hans", "en"):
            admin.cookies["django_language"] = language
            response = admin.get(url)
            assert response.status_code == 200, (url, language, response.status_code)
    del admin.cookies["django_language"]
    page = admin.get("/services/workstations/").content.decode()
    assert "工作站" in page and "运行中" in page  # Chinese by default
    station = Client()
    station.force_login(User.objects.get(username="workstation"), backend="zhibao.accounts.backends.RoleBackend")
    listed = station.get("/services/workstations/")
    assert [row[0].name for row in listed.context["rows"]] == ["西安高新区知识产权维权援助工作站"]  # its own only
