"""Adding a party by choosing a registered entity or person from the type-ahead: registry search,
the user's data scope, persons' names masked unless the user may see them in full (then logged)."""
import datetime as dt

import pytest

from zhibao.accounts.roles import Role, Scope
from zhibao.audit.models import PersonalDataView
from zhibao.cases import engine
from zhibao.registry.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def yanta_case(people, orgs):
    return engine.open_case("enforcement", people["officer"], handling_org=orgs["yanta_amr"], title="雁塔区展会涉嫌侵权",
                            at=dt.date(2026, 11, 3), kind="inspection")


@pytest.fixture
def person(orgs):
    return Person.objects.create(name="李小龙", id_number="610113198503040175", phone="13912345678",
                                 org=orgs["yanta_amr"])


def lookup(client, case, text):
    return client.get(f"/cases/{case.pk}/party-lookup/", {"party-entity": text})


def test_suggestions_masked_without_full_view(yanta_case, person, entities, make_user, client_for):
    centre = client_for(make_user(Role.CENTRE_OFFICER, Scope.CITY, username="centre_lookup"))
    html = lookup(centre, yanta_case, "李小").content.decode()
    assert f'value="person:{person.pk}"' in html and "李**" in html and "6101**********0175" in html
    assert "李小龙" not in html and "610113198503040175" not in html
    entity = lookup(centre, yanta_case, "秦川").content.decode()
    assert f'value="entity:{entities["qinchuan"].pk}"' in entity and "西安秦川智能装备有限公司" in entity
    assert not PersonalDataView.objects.exists()
    assert lookup(centre, yanta_case, "李").content.strip() == b""  # too short to search


def test_suggestions_in_full_are_logged(yanta_case, person, people, client_for):
    html = lookup(client_for(people["officer"]), yanta_case, "李小龙").content.decode()
    assert "李小龙" in html
    assert PersonalDataView.objects.filter(person_id=person.pk, channel="page").count() == 1


def test_suggestions_and_choice_within_scope(yanta_case, entities, people, client_for):
    yanta = client_for(people["yanta_officer"])
    assert "西安未央食品有限公司" not in lookup(yanta, yanta_case, "未央食品").content.decode()
    yanta_case.refresh_from_db()
    refused = yanta.post(f"/cases/{yanta_case.pk}/add/party/", {
        "party-role": "respondent", "party-registered": f"entity:{entities['weiyang_food'].pk}",
        "party-version": yanta_case.version})
    assert refused.status_code == 400 and not yanta_case.parties.exists()
    malformed = yanta.post(f"/cases/{yanta_case.pk}/add/party/", {
        "party-role": "respondent", "party-registered": "entity:x", "party-version": yanta_case.version})
    assert malformed.status_code == 400 and not yanta_case.parties.exists()


def test_add_a_chosen_person_and_entity(yanta_case, person, entities, people, client_for):
    client = client_for(people["officer"])
    for value in (f"person:{person.pk}", f"entity:{entities['qujiang'].pk}"):
        yanta_case.refresh_from_db()
        added = client.post(f"/cases/{yanta_case.pk}/add/party/", {
            "party-role": "respondent", "party-entity": "李", "party-registered": value,
            "party-version": yanta_case.version})
        assert added.status_code == 302
    assert {(p.person_id, p.entity_id) for p in yanta_case.parties.all()} == {
        (person.pk, None), (None, entities["qujiang"].pk)}


def test_lookup_needs_the_handle_permission(yanta_case, entities, make_user, client_for):
    enterprise = make_user(Role.ENTERPRISE, Scope.ORGANIZATION, org=None, username="qujiang",
                           entity=entities["qujiang"])
    assert client_for(enterprise).get(f"/cases/{yanta_case.pk}/party-lookup/", {"q": "秦川"}).status_code == 403
