"""The portal lists the surveys open to the public (answered on the services' page), and
officers write the public reply from the case page's portal section."""
import datetime as dt

import pytest
from django.urls import reverse

from zhibao.accounts.roles import Role, Scope
from zhibao.cases import engine
from zhibao.portal.models import PublicReply
from zhibao.services import common as services_common
from zhibao.services.models import Survey

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_lists_only_open_public_surveys_and_links_to_the_services_page(public, monkeypatch):
    monkeypatch.setattr(services_common, "today", lambda: TODAY)
    open_one = Survey.objects.create(title="窗口服务满意度", occasion="public", public=True,
                                     opens_on=TODAY - dt.timedelta(days=5))
    Survey.objects.create(title="已结束的调查", occasion="public", public=True, opens_on=dt.date(2025, 1, 1),
                          closes_on=dt.date(2025, 12, 31))
    Survey.objects.create(title="内部邀请调查", occasion="service", public=False, opens_on=TODAY)
    html = public.get(reverse("portal:surveys")).content.decode()
    assert "窗口服务满意度" in html and reverse("services:survey_public", args=[open_one.pk]) in html
    assert "已结束的调查" not in html and "内部邀请调查" not in html


def test_home_says_what_one_can_do_and_the_hotline(public):
    html = public.get(reverse("portal:home")).content.decode()
    for url in ("portal:report", "portal:complaint", "portal:follow", "portal:surveys", "portal:privacy"):
        assert reverse(url) in html
    assert "12330" in html and "sidenav" not in html


@pytest.fixture
def report(orgs):
    return engine.open_case("report", None, handling_org=orgs["city_ip"], title="举报", kind="anonymous",
                            channel="portal")


def test_officer_writes_the_public_reply(report, make_user, client_for):
    officer = make_user(Role.IP_OFFICER, Scope.CITY, username="officer")
    client = client_for(officer)
    response = client.post(reverse("portal:reply", args=[report.pk]), {"text": "  已核查，感谢您的举报。 "})
    assert response.status_code == 302
    assert PublicReply.objects.get(case=report).text == "已核查，感谢您的举报。"
    client.post(reverse("portal:reply", args=[report.pk]), {"text": "修改后的答复"})
    assert PublicReply.objects.get(case=report).text == "修改后的答复"


@pytest.mark.parametrize("text", ["", "<script>x</script>", "长" * 2001])
def test_bad_reply_is_refused_and_changes_nothing(report, make_user, client_for, text):
    client = client_for(make_user(Role.IP_OFFICER, Scope.CITY, username="officer"))
    response = client.post(reverse("portal:reply", args=[report.pk]), {"text": text}, follow=True)
    assert response.status_code in (200, 404)  # back on the case page with the message
    assert not PublicReply.objects.exists()


def test_reply_needs_an_officer_who_sees_the_case(report, make_user, client_for, public):
    assert public.post(reverse("portal:reply", args=[report.pk]), {"text": "x"}).status_code == 302  # sign in
    outsider = make_user(Role.IP_OFFICER, Scope.ORGANIZATION, org="weiyang_amr", username="weiyang")
    assert client_for(outsider).post(reverse("portal:reply", args=[report.pk]), {"text": "x"}).status_code == 404  # outside scope
    leader = make_user(Role.LEADERSHIP, Scope.CITY, username="leader")
    assert client_for(leader).post(reverse("portal:reply", args=[report.pk]), {"text": "x"}).status_code == 403
    assert not PublicReply.objects.exists()
