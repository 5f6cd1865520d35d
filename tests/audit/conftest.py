import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    """Argon2 is deliberately slow; these tests hash many passwords and test no hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def en(admin_client):
    """The administrator's client, with the interface in English (messages are asserted in English)."""
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return admin_client
