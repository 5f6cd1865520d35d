import pytest
from django.conf import settings

from zhibao.registry.codes import make_uscc
from zhibao.registry.models import MarketEntity


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    """Argon2 is deliberately slow; these tests hash many passwords and test no hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def en(admin_client):
    """The administrator's client, with the interface in English (messages are asserted in English)."""
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return admin_client


@pytest.fixture
def enterprise(xian, orgs):
    """One market entity for enterprise users (without the rights and holders of the shared `entities`)."""
    return MarketEntity.objects.create(
        name="西安秦川智能装备有限公司", uscc=make_uscc("610113", 31 * 7), district=xian["yanta"],
        org=orgs["yanta_amr"])
