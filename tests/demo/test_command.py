"""`zhibao demo`: deterministic, --if-empty, refusal on a non-empty registry, --reset."""
import pytest
from django.core.management import CommandError, call_command

from zhibao.accounts.models import User
from zhibao.demo.models import DemoRun
from zhibao.registry.models import District, IPRight, MarketEntity, RightHolder

from .helpers import demo_digest

pytestmark = pytest.mark.django_db


def demo(*args, **kwargs) -> str:
    from io import StringIO

    out = StringIO()
    call_command("demo", *args, stdout=out, **kwargs)
    return out.getvalue()


def test_same_seed_same_data_other_seed_other_data():
    demo("--seed", "5")
    first = demo_digest()
    demo("--seed", "5", "--reset")
    assert demo_digest() == first
    demo("--seed", "6", "--reset")
    assert demo_digest() != first
    assert DemoRun.objects.count() == 1


def test_if_empty_is_a_no_op_the_second_time():
    demo("--if-empty")
    counts = (District.objects.count(), MarketEntity.objects.count(), IPRight.objects.count(), User.objects.count())
    output = demo("--if-empty")
    assert "--if-empty" in output
    assert counts == (District.objects.count(), MarketEntity.objects.count(), IPRight.objects.count(),
                      User.objects.count())
    assert DemoRun.objects.count() == 1


def test_refuses_a_non_empty_database_without_reset():
    demo()
    with pytest.raises(CommandError, match="--reset"):
        demo()


def test_reset_deletes_what_the_demo_created():
    demo()
    demo("--reset", "--seed", "2")
    assert District.objects.filter(code="610100").count() == 1
    assert User.objects.filter(username="admin").count() == 1
    assert DemoRun.objects.count() == 1


def test_reset_refuses_when_a_users_record_points_to_demo_data():
    demo()
    entity = MarketEntity.objects.order_by("pk").first()
    right = IPRight.objects.create(kind="trademark", number="99999999", title="用户录入", nice_classes="35")
    RightHolder.objects.create(right=right, entity=entity)
    with pytest.raises(CommandError, match="right holders|权利人"):
        demo("--reset")
    assert MarketEntity.objects.filter(pk=entity.pk).exists()


def test_does_not_load_over_registry_data_it_did_not_create(xian):
    with pytest.raises(CommandError):
        demo("--reset")
    assert not MarketEntity.objects.exists()


def test_a_failed_reload_keeps_the_earlier_data(monkeypatch):
    from zhibao.demo import build

    demo()
    entities = MarketEntity.objects.count()

    def broken_load(*args, **kwargs):
        raise build.DemoError("simulated failure")

    monkeypatch.setattr(build, "load", broken_load)
    with pytest.raises(CommandError, match="simulated failure"):
        demo("--reset")
    assert MarketEntity.objects.count() == entities
    assert DemoRun.objects.count() == 1


def test_the_command_adds_the_contributors_data_and_reset_removes_it():
    from zhibao.services.models import ServiceRecord, Workstation

    demo("--seed", "3")
    assert Workstation.objects.exists() and ServiceRecord.objects.exists()
    stations = Workstation.objects.count()
    demo("--seed", "3", "--reset")
    assert Workstation.objects.count() == stations
    assert DemoRun.objects.count() == 1
