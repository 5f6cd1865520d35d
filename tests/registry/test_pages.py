"""Each registry page for each role: allowed, 403 without the permission, 404 outside the
data scope, and anonymous visitors sent to the sign-in page."""
import pytest
from django.urls import reverse

from zhibao.registry.models import Organization

LISTS = ["entity_list", "right_list", "organization_list", "district_list", "zone_list"]


@pytest.mark.parametrize("name", LISTS + ["person_list", "entity_create", "right_create", "person_create",
                                          "organization_create"])
def test_anonymous_is_sent_to_sign_in(client, reg, name):
    response = client.get(reverse(f"registry:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["entity_detail", "entity_edit", "right_detail", "right_edit"])
def test_anonymous_record_pages_go_to_sign_in(client, reg, name):
    pk = reg["qinchuan"].pk if name.startswith("entity") else reg["patent"].pk
    response = client.get(reverse(f"registry:{name}", args=[pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role,status", [
    ("officer", 200), ("yanta", 200), ("centre", 200), ("mediator", 200), ("liaison", 200), ("enterprise", 200),
    ("expert", 403), ("leader", 403),
])
@pytest.mark.parametrize("name", LISTS)
def test_list_pages_need_registry_view(as_user, role, status, name):
    assert as_user(role).get(reverse(f"registry:{name}")).status_code == status


@pytest.mark.parametrize("role,status", [
    ("officer", 200), ("centre", 200), ("mediator", 200), ("liaison", 200),
    ("enterprise", 403), ("expert", 403), ("leader", 403),
])
def test_person_list_needs_person_view(as_user, role, status):
    assert as_user(role).get(reverse("registry:person_list")).status_code == status


@pytest.mark.parametrize("role,status", [
    ("officer", 200), ("centre", 200), ("mediator", 403), ("liaison", 403), ("enterprise", 403), ("leader", 403),
])
@pytest.mark.parametrize("name", ["entity_create", "right_create", "organization_create"])
def test_create_pages_need_registry_change(as_user, role, status, name):
    assert as_user(role).get(reverse(f"registry:{name}")).status_code == status


@pytest.mark.parametrize("role,status", [("officer", 200), ("centre", 403), ("liaison", 403), ("mediator", 403)])
def test_person_create_needs_change_and_full_view(as_user, role, status):
    # The person form shows personal data in full: it needs both rights.
    assert as_user(role).get(reverse("registry:person_create")).status_code == status


def test_edit_pages_need_registry_change(as_user, reg):
    client = as_user("mediator")  # may view, may not change
    assert client.get(reverse("registry:entity_detail", args=[reg["qinchuan"].pk])).status_code == 200
    assert client.get(reverse("registry:entity_edit", args=[reg["qinchuan"].pk])).status_code == 403
    assert client.get(reverse("registry:right_edit", args=[reg["patent"].pk])).status_code == 403
    assert client.post(reverse("registry:holder_add", args=[reg["patent"].pk]), {}).status_code == 403


@pytest.mark.parametrize("user,visible,hidden", [
    # a district-scoped officer of 雁塔区 sees 雁塔区's entities, not 未央区's
    ("yanta", "qinchuan", "food"),
    # an organization-scoped officer of 未央区 AMR sees what that body supervises
    ("weiyang_org", "food", "qinchuan"),
    # an enterprise user sees its own enterprise only
    ("enterprise", "qinchuan", "qujiang"),
])
def test_entity_pages_answer_404_outside_scope(as_user, reg, user, visible, hidden):
    client = as_user(user)
    assert client.get(reverse("registry:entity_detail", args=[reg[visible].pk])).status_code == 200
    assert client.get(reverse("registry:entity_detail", args=[reg[hidden].pk])).status_code == 404
    if user != "enterprise":
        assert client.get(reverse("registry:entity_edit", args=[reg[visible].pk])).status_code == 200
        assert client.get(reverse("registry:entity_edit", args=[reg[hidden].pk])).status_code == 404


def test_right_person_organization_pages_answer_404_outside_scope(as_user, reg):
    yanta = as_user("yanta")
    assert yanta.get(reverse("registry:right_detail", args=[reg["patent"].pk])).status_code == 200
    assert yanta.get(reverse("registry:right_detail", args=[reg["gi"].pk])).status_code == 404
    assert yanta.get(reverse("registry:right_edit", args=[reg["gi"].pk])).status_code == 404
    assert yanta.post(reverse("registry:holder_add", args=[reg["gi"].pk]), {"entity": "x"}).status_code == 404
    assert yanta.get(reverse("registry:person_detail", args=[reg["zhang"].pk])).status_code == 200
    assert yanta.get(reverse("registry:person_detail", args=[reg["li"].pk])).status_code == 404
    assert yanta.post(reverse("registry:person_full", args=[reg["li"].pk])).status_code == 404
    assert yanta.get(reverse("registry:organization_detail", args=[reg["yanta_amr"].pk])).status_code == 200
    assert yanta.get(reverse("registry:organization_detail", args=[reg["weiyang_amr"].pk])).status_code == 404
    # an enterprise user sees the rights its enterprise holds, not others
    enterprise = as_user("enterprise")
    assert enterprise.get(reverse("registry:right_detail", args=[reg["mark"].pk])).status_code == 200
    assert enterprise.get(reverse("registry:right_detail", args=[reg["work"].pk])).status_code == 404


def test_unknown_record_is_404(as_user):
    assert as_user("officer").get(reverse("registry:entity_detail", args=[999999])).status_code == 404


def test_lists_show_only_records_in_scope(as_user, reg):
    page = as_user("yanta").get(reverse("registry:entity_list")).content.decode()
    assert "西安秦川智能装备有限公司" in page and "西安曲江文化传媒有限公司" in page
    assert "西安未央食品有限公司" not in page
    page = as_user("enterprise").get(reverse("registry:entity_list")).content.decode()
    assert "西安秦川智能装备有限公司" in page and "西安曲江文化传媒有限公司" not in page
    orgs = as_user("weiyang_org").get(reverse("registry:organization_list")).content.decode()
    assert reg["weiyang_amr"].name in orgs and reg["yanta_amr"].name not in orgs


def test_entity_page_shows_its_rights_gi_and_supervising_body(as_user, reg):
    page = as_user("officer").get(reverse("registry:entity_detail", args=[reg["qinchuan"].pk])).content.decode()
    assert reg["patent"].number in page and "一种数控机床主轴冷却装置" in page
    assert "12345678" in page and "秦川智造" in page
    assert "发明专利" in page and "商标" in page and "有效" in page  # kind and status, in Chinese
    assert reg["yanta_amr"].name in page and reg["yanta_amr"].get_absolute_url() in page
    assert reg["patent"].get_absolute_url() in page
    food = as_user("officer").get(reverse("registry:entity_detail", args=[reg["food"].pk])).content.decode()
    assert "临潼石榴" in food and "GI-2024-001" in food


def test_right_page_shows_holders_and_gi_users(as_user, reg):
    page = as_user("officer").get(reverse("registry:right_detail", args=[reg["patent"].pk])).content.decode()
    assert "西安秦川智能装备有限公司" in page and reg["qinchuan"].get_absolute_url() in page
    gi = as_user("officer").get(reverse("registry:right_detail", args=[reg["gi"].pk])).content.decode()
    assert "西安未央食品有限公司" in gi and "GI-2024-001" in gi and "骊山街道" in gi


def test_right_page_masks_a_person_holder(as_user, reg):
    page = as_user("officer").get(reverse("registry:right_detail", args=[reg["work"].pk])).content.decode()
    assert "张三丰" not in page and "张**" in page
    assert reg["zhang"].id_number not in page


def test_organization_page_counts_and_links(as_user, reg):
    page = as_user("officer").get(reverse("registry:organization_detail", args=[reg["yanta_amr"].pk]))
    text = page.content.decode()
    assert f"?org={reg['yanta_amr'].pk}" in text
    listed = as_user("officer").get(reverse("registry:entity_list"), {"org": reg["yanta_amr"].pk}).content.decode()
    assert "西安秦川智能装备有限公司" in listed and "西安未央食品有限公司" not in listed
    assert reg["yanta_amr"].name in listed  # the note says which body the list is narrowed to


def test_district_list_shows_population_and_zones(as_user, reg):
    page = as_user("officer").get(reverse("registry:district_list")).content.decode()
    assert "雁塔区" in page and "1,478,900" in page and "2024" in page
    zones = as_user("officer").get(reverse("registry:zone_list")).content.decode()
    assert "西安高新技术产业开发区" in zones


def test_english_switch(as_user, reg):
    client = as_user("officer")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("registry:entity_list")).content.decode()
    assert "Market entities" in page and "Unified social credit code" in page
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "统一社会信用代码" in client.get(reverse("registry:entity_list")).content.decode()


def test_home_page_links_the_registry_lists(as_user, reg):
    page = as_user("officer").get("/").content.decode()
    for name in LISTS[:4] + ["person_list"]:
        assert reverse(f"registry:{name}") in page


def test_organization_scope_limits_parent_choices(as_user, reg):
    # Organizations outside the user's scope are not offered in the form.
    page = as_user("weiyang_org").get(reverse("registry:entity_create")).content.decode()
    assert reg["weiyang_amr"].name in page and reg["yanta_amr"].name not in page
    assert Organization.objects.count() == 3
