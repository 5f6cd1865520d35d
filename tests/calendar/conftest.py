"""Calendar tests: every test starts with an empty working-day cache.

The cache is per process and a test's database rows vanish on rollback without a signal,
so a year cached by one test (say, 2027 with an entered schedule) must not leak into the next.
"""
import pytest
from django.utils import translation

from zhibao.accounts.models import User
from zhibao.accounts.roles import Role, Scope
from zhibao.calendar import workdays


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the msgids); tests of the Chinese text override this."""
    with translation.override("en"):
        yield


@pytest.fixture
def user_of(db):
    """A user of a role, made without hashing a password (argon2 is slow on purpose)."""
    def make(role=Role.IP_OFFICER, **extra):
        user = User(username=f"cal-{role}", role=role, scope=Scope.CITY, is_superuser=(role == Role.ADMIN), **extra)
        user.set_unusable_password()
        user.save()
        return user

    return make


@pytest.fixture
def client_of(user_of, client_for):
    return lambda role=Role.IP_OFFICER: client_for(user_of(role))


SCHEDULE_2027 = """\
# A 2027 schedule written for the tests (not the real notice, which is not out yet).
2027-01-01..2027-01-03 holiday 元旦
2027-02-05..2027-02-11 holiday 春节
2027-02-14 workday 春节调休
2027-02-20 workday 春节调休
2027-04-03..2027-04-05 holiday 清明节
2027-05-01..2027-05-05 holiday 劳动节
2027-04-25 workday 劳动节调休
2027-06-09..2027-06-11 holiday 端午节
2027-09-15..2027-09-17 holiday 中秋节
2027-10-01..2027-10-07 holiday 国庆节
2027-09-26 workday 国庆节调休
2027-10-09 workday 国庆节调休
"""
