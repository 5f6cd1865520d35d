"""Review: the cases API masks natural persons like the case page does: a name typed on the case
(a party not in the registry) and a person's name in the timeline's data."""
import json

import pytest

from zhibao.cases import engine
from tests.api.base import body
from tests.api.conftest import api_for, fast_password_hashing, world  # noqa: F401  (fixtures)
from tests.cases.test_api import URL, case, officer, open_case, opener  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_typed_name_and_timeline_are_masked(officer, case, world):
    engine.add_party(case, opener(), role="complainant", name="李四光")
    engine.add_party(case, opener(), role="third_party", person=world["zhang"])
    api, _user = officer
    parties = body(api.get(f"{URL}/{case.pk}"))["parties"]
    typed = next(p for p in parties if not p["entity"] and not p["person"])
    assert typed["name"] == "李**"
    entity = next(p for p in parties if p["entity"])
    assert entity["entity"]["name"] == "西安秦川智能装备有限公司"
    timeline = json.dumps(body(api.get(f"{URL}/{case.pk}/timeline")), ensure_ascii=False)
    assert "李四光" not in timeline and "张三丰" not in timeline
    assert "李**" in timeline and "张**" in timeline
