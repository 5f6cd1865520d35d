"""Protection lists, special actions and shared product descriptions."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhibao.accounts.models import User
from zhibao.accounts.roles import Role, Scope
from zhibao.cases.models import Case, CaseRight, Party
from zhibao.registry.models import GIAuthorization, IPRight, RightHolder
from zhibao.services import protection as rules
from zhibao.services.choices import ListKind
from zhibao.services.models import ListBatch, ListEntry, ProductDescription, SpecialAction

pytestmark = pytest.mark.django_db
D = dt.date


def entry(kind, rights=(), **fields):
    values = {"reason": "版权产业重点企业", "listed_on": D(2025, 4, 26), **fields}
    e = ListEntry(kind=kind, **values)
    rules.save_entry(e, list(rights))
    return e


@pytest.fixture
def gi(world):
    right = IPRight.objects.create(kind="gi", number="2006年第62号", title="临潼石榴", gi_regime="product",
                                   protected_area="西安市临潼区", district=world["yanta"])
    GIAuthorization.objects.create(right=right, entity=world["food"], certificate="LTSL-001",
                                   valid_from=D(2024, 1, 1), valid_until=D(2026, 12, 31))
    return right


@pytest.fixture
def batch(world):
    return ListBatch.objects.create(kind=ListKind.CONTACT_ENTERPRISE, name="第一批", published_on=D(2024, 4, 26),
                                    publisher=world["city_ip"])


def test_an_enterprise_entry_links_only_rights_it_holds(world):
    key = entry(ListKind.KEY_ENTERPRISE, [world["patent"], world["mark"]], entity=world["qinchuan"])
    assert (key.name, key.district, key.valid_from, key.valid_to) == ("西安秦川智能装备有限公司", world["yanta"],
                                                                      D(2025, 4, 26), None)
    foreign = IPRight.objects.create(kind="trademark", number="7654321", title="未央香", nice_classes="30")
    RightHolder.objects.create(right=foreign, entity=world["food"])
    with pytest.raises(ValidationError) as exc:
        entry(ListKind.KEY_ENTERPRISE, [foreign], entity=world["qujiang"])
    assert "西安曲江文化传媒有限公司 does not hold: Trademark 7654321." in exc.value.message_dict["rights"][0]
    assert ListEntry.objects.count() == 1


def test_key_works_and_core_technologies_are_listed_under_their_enterprise(world, batch):
    key = entry(ListKind.KEY_ENTERPRISE, entity=world["qinchuan"])
    work = entry(ListKind.KEY_WORK, [world["patent"]], parent=key, name="数控机床主轴冷却装置")
    assert work.entity == world["qinchuan"]
    with pytest.raises(ValidationError) as exc:
        entry(ListKind.KEY_WORK, name="无主作品")
    assert "is listed under its key copyright enterprise" in exc.value.message_dict["parent"][0]
    with pytest.raises(ValidationError) as exc:
        entry(ListKind.CORE_TECHNOLOGY, parent=key, name="主轴技术")
    assert "listed under a procuratorate key-contact enterprise" in exc.value.message_dict["parent"][0]
    contact = entry(ListKind.CONTACT_ENTERPRISE, entity=world["qinchuan"], batch=batch)
    tech = entry(ListKind.CORE_TECHNOLOGY, parent=contact, name="高速电主轴冷却技术")
    assert tech.batch == batch and tech.entity == world["qinchuan"]


def test_the_procuratorate_list_is_published_in_batches(world, batch):
    with pytest.raises(ValidationError) as exc:
        entry(ListKind.CONTACT_ENTERPRISE, entity=world["qinchuan"])
    assert "published in batches" in exc.value.message_dict["batch"][0]
    with pytest.raises(ValidationError) as exc:
        entry(ListKind.CONTACT_ENTERPRISE, entity=world["qinchuan"], batch=batch, listed_on=D(2024, 4, 25))
    assert "before its batch was published (2024-04-26)" in exc.value.message_dict["listed_on"][0]
    other = ListBatch.objects.create(kind=ListKind.KEY_MARKET, name="2025年", published_on=D(2025, 1, 1))
    with pytest.raises(ValidationError) as exc:
        entry(ListKind.CONTACT_ENTERPRISE, entity=world["qinchuan"], batch=other)
    assert "belongs to another list" in exc.value.message_dict["batch"][0]


def test_a_gi_product_links_its_geographical_indication(world, gi):
    with pytest.raises(ValidationError) as exc:
        entry(ListKind.GI_PRODUCT, name="临潼石榴", reason="地理标志保护产品")
    assert exc.value.message_dict["rights"] == ["Link the geographical indication of the product."]
    product = entry(ListKind.GI_PRODUCT, [gi], name="临潼石榴", reason="地理标志保护产品", district=world["yanta"])
    assert list(product.rights.all()) == [gi]


@pytest.mark.parametrize("fields, field, message", [
    ({"starts_on": D(2025, 9, 20)}, "starts_on", "Give the days the exhibition opens and closes."),
    ({"starts_on": D(2025, 9, 20), "ends_on": D(2025, 9, 19)}, "ends_on", "cannot close before it opens"),
    ({"starts_on": D(2025, 9, 20), "ends_on": D(2025, 9, 24), "venue": ""}, "venue", "Give the venue"),
])
def test_exhibitions_have_dates_and_a_venue(world, fields, field, message):
    values = {"name": "第九届丝博会", "venue": "西安国际会展中心", "reason": "大型国际展会", **fields}
    with pytest.raises(ValidationError) as exc:
        entry(ListKind.EXHIBITION, **values)
    assert message in exc.value.message_dict[field][0]


@pytest.mark.parametrize("fields, field, message", [
    ({"valid_until": D(2025, 4, 25)}, "valid_until", "The end date cannot be before the start date."),
    ({"reason": "<script>alert(1)</script>"}, "reason", "HTML tags and scripts are not allowed"),
    ({"listed_on": D(2026, 12, 1)}, "listed_on", "This date is in the future."),
    ({"starts_on": D(2025, 1, 1), "ends_on": D(2025, 1, 2)}, "starts_on", "belong to exhibitions only"),
])
def test_bad_entries_are_refused(world, fields, field, message):
    with pytest.raises(ValidationError) as exc:
        entry(ListKind.KEY_ENTERPRISE, entity=world["qinchuan"], **fields)
    assert message in " ".join(exc.value.message_dict[field])
    assert not ListEntry.objects.exists()


def test_taking_an_entry_off_the_list_takes_its_children_too(world):
    key = entry(ListKind.KEY_ENTERPRISE, entity=world["qinchuan"])
    work = entry(ListKind.KEY_WORK, parent=key, name="主轴", listed_on=D(2025, 6, 1))
    with pytest.raises(ValidationError):
        rules.remove_entry(key, on=D(2026, 1, 1), reason="")
    rules.remove_entry(key, on=D(2026, 1, 1), reason="企业申请退出")
    key.refresh_from_db()
    work.refresh_from_db()
    assert (key.valid_to, work.valid_to) == (D(2025, 12, 31), D(2025, 12, 31))
    assert key.listed_on_day(D(2025, 12, 31)) and not key.listed_on_day(D(2026, 1, 1))
    with pytest.raises(ValidationError) as exc:
        rules.remove_entry(key, on=D(2026, 2, 1), reason="再次")
    assert "already taken off the list" in exc.value.messages[0]


def test_an_entry_shows_the_cases_of_its_enterprise_and_rights(world, users):
    key = entry(ListKind.KEY_ENTERPRISE, [world["patent"]], entity=world["qinchuan"])
    by_party = Case.objects.create(procedure="mediation", stage="applied", handling_org=world["city_ip"],
                                   district=world["yanta"], title="秦川调解", received_on=D(2026, 2, 1))
    Party.objects.create(case=by_party, role="requester", entity=world["qinchuan"])
    by_right = Case.objects.create(procedure="adjudication", stage="trial", handling_org=world["weiyang_amr"],
                                   district=world["weiyang"], title="专利案", received_on=D(2026, 3, 1))
    CaseRight.objects.create(case=by_right, right=world["patent"])
    unrelated = Case.objects.create(procedure="mediation", stage="applied", handling_org=world["city_ip"],
                                    district=world["yanta"], title="无关", received_on=D(2026, 3, 1))
    assert set(rules.linked_cases(key, users["officer"])) == {by_party, by_right}
    assert set(rules.linked_cases(key, users["yanta"])) == {by_party}  # the other is outside 雁塔
    assert unrelated not in rules.linked_cases(key, users["admin"])


def test_special_actions_for_gi_products(world, gi):
    product = entry(ListKind.GI_PRODUCT, [gi], name="临潼石榴", reason="地理标志保护产品")
    action = SpecialAction(name="2026年临潼石榴地理标志保护专项行动", lead=world["city_ip"], starts_on=D(2026, 8, 1),
                           ends_on=D(2026, 10, 31), description="检查市场、电商平台上的临潼石榴")
    with pytest.raises(ValidationError):
        rules.save_action(action, [])
    assert action.pk is None
    rules.save_action(action, [product])
    assert list(product.actions.all()) == [action]


# -- product descriptions ---------------------------------------------------------------------------------

def _enterprise_user(world, key):
    user = User.objects.create(username=f"ent-{key}", role=Role.ENTERPRISE, scope=Scope.ORGANIZATION,
                               entity=world[key])
    return user


def test_a_right_holder_shares_a_description_with_chosen_bodies(world, users, as_user, client_for):
    holder = users["enterprise"]
    d = ProductDescription(name="秦川数控机床", features="铭牌为激光刻印，序列号可在官网查询。")
    rules.save_description(d, [world["patent"]], [world["police"]], holder)
    assert d.holder == world["qinchuan"] and d.created_by == holder
    liaison = as_user("liaison")                       # the police: chosen
    assert liaison.get(f"/services/products/{d.pk}/").status_code == 200
    assert [r[0] for r in liaison.get("/services/products/").context["rows"]] == [d]
    assert as_user("officer").get(f"/services/products/{d.pk}/").status_code == 404   # not chosen
    other = client_for(_enterprise_user(world, "food"))
    assert other.get(f"/services/products/{d.pk}/").status_code == 404
    assert as_user("enterprise").get(f"/services/products/{d.pk}/edit/").status_code == 200
    assert liaison.get(f"/services/products/{d.pk}/edit/").status_code == 403


def test_a_description_links_only_the_holders_rights_and_only_holders_write(world, users):
    foreign = IPRight.objects.create(kind="trademark", number="7654321", title="未央香", nice_classes="30")
    d = ProductDescription(name="秦川数控机床", features="x")
    with pytest.raises(ValidationError) as exc:
        rules.save_description(d, [foreign], [], users["enterprise"])
    assert "does not hold" in exc.value.message_dict["rights"][0]
    assert d.pk is None and not ProductDescription.objects.exists()
    with pytest.raises(PermissionDenied):
        rules.save_description(ProductDescription(name="x", features="x", holder=world["food"]), [], [],
                               users["officer"])


def test_describing_a_product_in_the_page(world, users, as_user):
    client = as_user("enterprise")
    response = client.post("/services/products/new/", {
        "name": "秦川数控机床", "rights_text": world["patent"].number, "features": "防伪标签可扫码验证。",
        "shared_with": [world["police"].pk, world["city_ip"].pk]})
    d = ProductDescription.objects.get()
    assert response.status_code == 302 and set(d.shared_with.all()) == {world["police"], world["city_ip"]}
    bad = client.post("/services/products/new/", {"name": "x", "rights_text": "99999999", "features": "<b>x</b>"})
    assert "no IP right with the number 99999999" in bad.content.decode()
    assert ProductDescription.objects.count() == 1
    assert as_user("officer").get("/services/products/new/").status_code == 403


# -- pages and API ---------------------------------------------------------------------------------------

def test_lists_in_the_pages(world, gi, as_user):
    client = as_user("officer")
    response = client.post("/services/lists/new/?kind=gi_product", {
        "kind": "gi_product", "name": "临潼石榴", "rights_text": f"gi {gi.number}", "reason": "地理标志保护产品",
        "listed_on": "2025-01-01", "keeper": world["city_ip"].pk})
    product = ListEntry.objects.get()
    assert response.status_code == 302
    page = client.get(f"/services/lists/{product.pk}/").content.decode()
    assert "西安未央食品有限公司" in page and "LTSL-001" in page        # the authorized GI user
    exhibition = client.post("/services/lists/new/", {
        "kind": "exhibition", "name": "丝博会", "venue": "西安国际会展中心", "reason": "国际展会",
        "listed_on": "2025-05-01", "starts_on": "2025-05-20", "ends_on": "2025-05-24"})
    assert exhibition.status_code == 302
    page = client.get(exhibition["Location"]).content.decode()
    assert "may need a complaint office" in page and "5 days" in page
    listing = client.get("/services/lists/?kind=gi_product")
    assert [r[0] for r in listing.context["rows"]] == [product]
    assert "?kind=gi_product" in listing.context["create_href"]


@pytest.mark.parametrize("key, status", [("officer", 200), ("station", 200), ("enterprise", 200), ("mediator", 200),
                                         ("leader", 403), ("expert", 403)])
def test_who_sees_the_lists(world, as_user, key, status):
    assert as_user(key).get("/services/lists/").status_code == status


def test_only_list_keepers_change_lists(world, as_user):
    for key in ("station", "enterprise", "mediator", "centre"):
        assert as_user(key).get("/services/lists/new/").status_code == 403


def test_api_list_entries_and_descriptions(world, gi, users, api_as):
    api = api_as("officer")
    created = api.post("/api/v1/list-entries", {"kind": "gi_product", "name": "临潼石榴", "rights": [gi.pk],
                                                "reason": "地理标志保护产品", "listed_on": "2025-01-01"})
    assert created.status_code == 201, created.content
    assert created.json()["rights"][0]["number"] == gi.number
    missing = api.post("/api/v1/list-entries", {"kind": "gi_product", "name": "x", "rights": [],
                                                "reason": "x", "listed_on": "2025-01-01"})
    assert missing.status_code == 422 and "rights" in missing.json()["errors"]
    assert api.get("/api/v1/list-entries", {"listed_on": "2024-12-31"}).json()["count"] == 0
    d = ProductDescription(name="秦川数控机床", features="x")
    rules.save_description(d, [], [world["police"]], users["enterprise"])
    assert api_as("liaison").get("/api/v1/product-descriptions").json()["count"] == 1
    assert api.get("/api/v1/product-descriptions").json()["count"] == 0
    assert api_as("station").post("/api/v1/list-entries", {"kind": "key_market", "name": "x", "reason": "x",
                                                            "listed_on": "2025-01-01"}).status_code == 403
