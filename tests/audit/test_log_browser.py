"""The audit log browser: filters, keyset pages, capped count, detail, masking, export."""
import datetime
import io

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from zhibao.accounts import services
from zhibao.accounts.models import User
from zhibao.accounts.roles import Role, Scope
from zhibao.audit import paging
from zhibao.audit.models import PersonalDataView
from zhibao.registry.models import Person

LIST = reverse("audit:log_list")


def ids(response):
    return [row[0].pk for row in response.context["rows"]]


@pytest.fixture
def history(en, admin_user, make_user, orgs):
    """Changes made through the pages (so with actor and request id) and by a command (no actor)."""
    officer = make_user(Role.IP_OFFICER, Scope.ORGANIZATION, org="yanta_amr", username="officer")
    url = reverse("accounts:user_edit", args=[officer.pk])
    data = {k: ("" if v is None else v) for k, v in en.get(url).context["form"].initial.items()}
    data.update(full_name="李明", scope=Scope.DISTRICT)
    assert en.post(url, data, HTTP_X_REQUEST_ID="req-scope").status_code == 302
    services.set_password(officer, by=None, password="Qinling-Mountains-2026")
    person = Person.objects.create(name="张三丰", phone="13912345678", address="西安市雁塔区科技路48号",
                                   id_number="610113198503040175")
    return {"officer": officer, "person": person}


def test_list_shows_newest_first_with_columns(en, history):
    response = en.get(LIST)
    assert response.status_code == 200
    stamps = [row[0].timestamp for row in response.context["rows"]]
    assert stamps == sorted(stamps, reverse=True)
    page = response.content.decode()
    for header in ("Time", "User", "Action", "Record type", "Record", "Changes", "Request id"):
        assert f"<th>{header}</th>" in page
    assert "req-scope" in page and "Data scope: Own organization → Own district" not in page  # raw values shown
    assert "data scope: organization → district" in page.lower()


def test_filters(en, history, admin_user):
    officer = history["officer"]
    user_ct = ContentType.objects.get_for_model(User)
    by_cid = en.get(LIST, {"cid": "req-scope"})
    assert len(ids(by_cid)) == 1
    entry = LogEntry.objects.get(pk=ids(by_cid)[0])
    assert entry.actor == admin_user and entry.object_pk == str(officer.pk)
    assert set(ids(en.get(LIST, {"actor": "ADMIN"}))) == set(
        LogEntry.objects.filter(actor=admin_user).values_list("pk", flat=True))
    system = ids(en.get(LIST, {"system": "on", "per_page": 200}))
    assert system and all(LogEntry.objects.get(pk=pk).actor_id is None for pk in system)
    assert len(system) == LogEntry.objects.filter(actor__isnull=True).count()
    assert len(ids(en.get(LIST, {"per_page": 200}))) == LogEntry.objects.count()  # unchecked: everything
    record = ids(en.get(LIST, {"content_type": user_ct.pk, "object_pk": officer.pk}))
    assert set(record) == set(LogEntry.objects.filter(content_type=user_ct, object_pk=str(officer.pk))
                              .values_list("pk", flat=True))
    created = ids(en.get(LIST, {"action": LogEntry.Action.CREATE, "content_type": user_ct.pk}))
    assert {LogEntry.objects.get(pk=pk).object_pk for pk in created} == {str(admin_user.pk), str(officer.pk)}
    today = timezone.localdate()
    assert len(ids(en.get(LIST, {"since": today.isoformat(), "until": today.isoformat(), "per_page": 200}))) == \
        LogEntry.objects.count()
    assert ids(en.get(LIST, {"until": (today - datetime.timedelta(days=1)).isoformat()})) == []


@pytest.mark.parametrize("params, message", [
    ({"since": "2026-05-02", "until": "2026-05-01"}, "The end date is before the start date"),
    ({"since": "1066-10-14"}, "Enter a date between"),
    ({"since": "yesterday"}, "Enter a valid date"),
    ({"action": "9"}, "Select a valid choice"),
    ({"content_type": "abc"}, "Select a valid choice"),
    ({"actor": "ghost"}, "No user is named “ghost”"),
    ({"cid": "x" * 200}, "at most 64 characters"),
])
def test_bad_filters_give_a_message_not_an_error(en, history, params, message):
    response = en.get(LIST, params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ids(response) == []


def _entries(n, ct, start, step_seconds=1, same_every=0):
    """n entries, one per step, with some sharing a timestamp (ties are broken by id)."""
    rows = []
    for i in range(n):
        offset = i // 3 if same_every else i
        rows.append(LogEntry(content_type=ct, object_pk=str(i), object_id=i, object_repr=f"r{i}",
                             action=LogEntry.Action.UPDATE, changes={"name": [str(i), str(i + 1)]},
                             timestamp=start + datetime.timedelta(seconds=offset * step_seconds)))
    LogEntry.objects.bulk_create(rows)


def test_keyset_pages_walk_every_entry_once_in_both_directions(en, db):
    LogEntry.objects.all().delete()
    ct = ContentType.objects.get_for_model(Person)
    _entries(130, ct, timezone.now() - datetime.timedelta(days=1), same_every=3)
    expected = list(LogEntry.objects.order_by("-timestamp", "-pk").values_list("pk", flat=True))
    seen, params, pages = [], {"per_page": 50}, []
    while True:
        response = en.get(LIST, params)
        page = response.context["page"]
        pages.append(page)
        seen += ids(response)
        if not page.has_older:
            break
        params = {"per_page": 50, "older": page.older_cursor}
    assert seen == expected and len(pages) == 3
    assert pages[0].has_newer is False and pages[-1].has_newer is True
    back = en.get(LIST, {"per_page": 50, "newer": pages[-1].newer_cursor})
    assert ids(back) == expected[50:100]
    top = en.get(LIST, {"per_page": 50, "newer": back.context["page"].newer_cursor})
    assert ids(top) == expected[:50] and top.context["page"].has_newer is False


def test_a_forged_cursor_shows_the_newest_page(en, history):
    for cursor in ("abc", "1_", "_1", "9" * 30 + "_1", "-99999999999999999_1", "1" * 41):
        response = en.get(LIST, {"older": cursor}, follow=True)
        assert response.status_code == 200
        assert "The page link was not valid" in response.content.decode()


def test_the_count_is_capped(db):
    ct = ContentType.objects.get_for_model(Person)
    _entries(30, ct, timezone.now() - datetime.timedelta(hours=1))
    page = paging.paginate(LogEntry.objects.filter(content_type=ct), "timestamp", 10, count_cap=20)
    assert page.count_capped and page.count == 20 and len(page.object_list) == 10
    page = paging.paginate(LogEntry.objects.filter(content_type=ct), "timestamp", 10, count_cap=100)
    assert not page.count_capped and page.count == 30


def test_cursor_round_trip_keeps_microseconds():
    stamp = datetime.datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=datetime.timezone.utc)
    assert paging.decode(paging.encode(stamp, 42)) == (stamp, 42)


def test_detail_shows_before_and_after(en, history):
    entry = LogEntry.objects.get(cid="req-scope")
    page = en.get(reverse("audit:log_detail", args=[entry.pk])).content.decode()
    assert "organization" in page and "district" in page and "req-scope" in page
    response = en.get(reverse("audit:log_detail", args=[entry.pk]))
    assert ("Data scope", "organization", "district") in response.context["changes"]


def test_password_reset_entry_says_reset_without_the_password(en, history):
    officer = history["officer"]
    entry = LogEntry.objects.filter(object_pk=str(officer.pk), changes__has_key="password").get()
    response = en.get(reverse("audit:log_detail", args=[entry.pk]))
    assert response.context["changes"] == [("password", "(not recorded)", "reset by an administrator")]


def test_person_entries_are_masked_unless_asked_and_the_full_view_is_logged(en, history, admin_user):
    person = history["person"]
    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(Person), object_pk=str(person.pk))
    listing = en.get(LIST, {"content_type": entry.content_type_id}).content.decode()
    assert "张三丰" not in listing and "科技路48号" not in listing and "张**" in listing
    assert "610113198503040175" not in listing and "13912345678" not in listing  # masked when logged
    url = reverse("audit:log_detail", args=[entry.pk])
    masked = en.get(url).content.decode()
    assert "张三丰" not in masked and "科技路48号" not in masked
    assert not PersonalDataView.objects.exists()
    full = en.get(url, {"full": "1"}, HTTP_X_REQUEST_ID="req-full").content.decode()
    assert "张三丰" in full and "科技路48号" in full
    assert "610113198503040175" not in full  # as stored: masked by auditlog
    view = PersonalDataView.objects.get()
    assert (view.user, view.person_id, view.channel, view.request_id) == (admin_user, person.pk, "page", "req-full")
    assert view.person_label == "张**"


def test_export_is_masked_and_matches_the_filter(en, history):
    person_ct = ContentType.objects.get_for_model(Person)
    response = en.get(LIST, {"content_type": person_ct.pk, "export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Time", "User", "Action")
    assert len(rows) == 2
    text = " ".join(str(c) for c in rows[1])
    assert "张**" in text and "张三丰" not in text


def test_entries_survive_the_deletion_of_their_record(en, history):
    person = history["person"]
    pk = person.pk
    person.delete()
    response = en.get(LIST, {"content_type": ContentType.objects.get_for_model(Person).pk, "object_pk": pk})
    actions = sorted(LogEntry.objects.get(pk=i).action for i in ids(response))
    assert actions == [LogEntry.Action.CREATE, LogEntry.Action.DELETE]


def test_missing_entry_is_404(en, db):
    assert en.get(reverse("audit:log_detail", args=[987654])).status_code == 404


def test_summary_leaves_out_reverse_relations_and_empty_fields(db, orgs):
    from zhibao.audit import entries
    from zhibao.registry.models import Organization

    entry = LogEntry(content_type=ContentType.objects.get_for_model(Organization), object_pk="1", object_repr="x",
                     action=LogEntry.Action.CREATE,
                     changes={"users": [None, "accounts.User.None"], "address": [None, ""],
                              "name": [None, "西安市知识产权保护中心"]})
    with translation.override("en"):
        assert entries.changes(entry) == [("Name", "", "西安市知识产权保护中心")]
        assert entries.summary(entry) == "Name: 西安市知识产权保护中心"


def test_an_unfiltered_form_selects_no_record_type_or_action(en, history):
    page = en.get(LIST).content.decode()
    for name in ("content_type", "action"):
        select = page[page.index(f'name="{name}"'):]
        select = select[:select.index("</select>")]
        assert '<option value="" selected>' in select, name


def test_htmx_gets_the_results_only_and_history_restore_the_whole_page(en, history):
    partial = en.get(LIST, {"cid": "req-scope"}, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert body.lstrip().startswith('<div id="results">') and "<html" not in body
    assert "export=xlsx" in body and "cid=req-scope" in body  # the export link follows the filter
    assert "HX-Request" in partial["Vary"]
    whole = en.get(LIST, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in whole.content.decode()
