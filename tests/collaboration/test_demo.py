"""The demo contributor: transfers (late ones, cluster cities), an operation, four quarterly meetings."""
import datetime as dt
import random

import pytest

from zhibao.collaboration import demo
from zhibao.collaboration.models import Meeting, Operation, Transfer
from zhibao.registry.choices import OrganizationKind
from zhibao.registry.models import District, Organization

pytestmark = pytest.mark.django_db


class Recorder:
    def __init__(self):
        self.rows = {}

    def record(self, model, pks):
        self.rows.setdefault(model._meta.label, []).extend(pks)


def test_demo_writes_and_records_its_rows(xian):
    for name, kind in ((demo.CITY_IP_ADMIN, OrganizationKind.IP_ADMIN), (demo.CITY_POLICE, OrganizationKind.POLICE),
                       (demo.CITY_COURT, OrganizationKind.COURT),
                       (demo.CITY_PROCURATORATE, OrganizationKind.PROCURATORATE)):
        Organization.objects.create(name=name, kind=kind, district=xian["city"])
    Organization.objects.create(name="宝鸡市市场监督管理局", kind=OrganizationKind.MARKET_REGULATION,
                                district=District.objects.get(code="610300"))
    writer = Recorder()
    counts = demo.generate(random.Random(1), "small", as_of=dt.date(2026, 10, 31), writer=writer, say=lambda *a: None)
    as_of = dt.date(2026, 10, 31)
    transfers = list(Transfer.objects.all())
    assert len(transfers) == 7 and counts["collaboration.Transfer"] == 7
    assert any(t.is_late(as_of) and t.acknowledged_on for t in transfers)
    assert any(t.receiver.district.in_cluster for t in transfers)
    assert Operation.objects.count() == 1
    assert sorted(Meeting.objects.values_list("year", "quarter")) == [(2025, 4), (2026, 1), (2026, 2), (2026, 3)]
    for model in demo.DEMO_MODELS:
        assert model.objects.count() == len(writer.rows.get(model._meta.label, [])), model
