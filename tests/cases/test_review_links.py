"""Review: related-case reasons show a natural person's name, phone and address masked unless the
case page is shown in full (a logged view), even to users who may see personal data in full."""
import datetime as dt

import pytest

from zhibao.audit.models import PersonalDataView
from zhibao.cases import engine, links
from zhibao.registry.models import Person

pytestmark = pytest.mark.django_db


def test_related_reasons_are_masked_on_the_ordinary_page(people, orgs, client_for):
    officer = people["officer"]
    person = Person.objects.create(name="欧阳明远", phone="13912345678")

    def open_(title):
        return engine.open_case("enforcement", officer, handling_org=orgs["city_ip"], title=title,
                                at=dt.date(2026, 11, 2), kind="inspection",
                                parties=[{"role": "respondent", "person": person}])
    case, _other = open_("本案"), open_("另案")
    reasons = links.related(case, officer).cases[0].reasons
    assert reasons == ["same Respondent 欧***", "same phone 139****5678"]
    assert links.related(case, officer, full=True).cases[0].reasons == [
        "same Respondent 欧阳明远", "same phone 13912345678"]
    page = client_for(officer).get(f"/cases/{case.pk}/").content.decode()
    assert "欧阳明远" not in page and "13912345678" not in page
    assert not PersonalDataView.objects.exists()
