"""Review: through the API a party (an enterprise user) sees of its case what the case page shows
it (cases.party_view), not officers, notes, the internal summary, products or recorded data."""
import json

import pytest

from zhibao.accounts.roles import Role, Scope
from tests.api.base import body
from tests.api.conftest import api_for, fast_password_hashing  # noqa: F401  (fixtures)
from tests.cases.test_pages_privacy import followed_case  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
HIDDEN = ("王建国", "wangjg", "内部备注", "内部摘要", "曾有前科", "张三丰", "数控机床")


def test_party_reads_its_case_through_the_api_as_on_the_page(followed_case, entities, make_user, api_for):
    enterprise = make_user(Role.ENTERPRISE, Scope.ORGANIZATION, org=None, username="qinchuan",
                           entity=entities["qinchuan"])
    api = api_for(enterprise)
    case = body(api.get(f"/api/v1/cases/{followed_case.pk}"))
    listed = body(api.get("/api/v1/cases"))
    timeline = body(api.get(f"/api/v1/cases/{followed_case.pk}/timeline"))
    related = api.get(f"/api/v1/cases/{followed_case.pk}/related")
    text = json.dumps([case, listed, timeline], ensure_ascii=False)
    for hidden in HIDDEN:
        assert hidden not in text, hidden
    assert case["reference"] == followed_case.reference and case["parties"]
    assert [e["code"] for e in timeline] == ["open", "pause"]
    assert all(e["actor"] is None and e["note"] == "" and e["data"] == {} for e in timeline)
    assert related.status_code == 200 and related.json()["results"] == []
