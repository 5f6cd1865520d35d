"""Review: the case seen through a transfer masks natural persons' names like the case page."""
import datetime as dt

import pytest

from zhibao.cases import engine
from zhibao.collaboration import transfers

pytestmark = pytest.mark.django_db


def test_transfer_case_page_masks_a_natural_persons_name(staff, bodies, client_for):
    officer = staff["officer"]
    case = engine.open_case("enforcement", officer, handling_org=bodies["city_ip"], title="移送案件",
                            kind="inspection", at=dt.date(2025, 9, 22))
    engine.add_party(case, officer, role="respondent", name="张三丰")
    transfers.send(officer, receiver=bodies["police"], kind="crime", reason="r", sent_on=dt.date(2025, 9, 30),
                   case=case, take_step=False)
    page = client_for(staff["police"]).get(f"/collaboration/transfers/{case.transfers.get().pk}/case/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "张三丰" not in html
    assert "张**" in html
