"""The audit log browser and the personal-data view log. Thin: reading rules are in entries.py,
paging in paging.py, retention in retention.py."""
from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhibao.accounts.roles import Perm
from zhibao.accounts.views import needs
from zhibao.core.lists import Column, ListPage

from . import entries, paging, retention
from .filters import LogFilter, PersonalViewFilter
from .models import PersonalDataView


class KeysetListPage(ListPage):
    """A ListPage for logs: newest first, "older / newer" pages, a capped count.

    Sorting by other columns is not offered: at millions of rows only the indexed order
    pages in constant time."""

    template_name = "audit/log_list.html"
    time_field = "timestamp"
    detail_url: str | None = None

    def order(self, qs, key):
        return qs.order_by(f"-{self.time_field}", "-pk")

    def get(self, request, *args, **kwargs):
        qs, filterset = self.get_queryset()
        if request.GET.get("export") == "xlsx":
            return self.export(self.order(qs, self.default_sort))
        page = paging.paginate(qs, self.time_field, self._per_page(),
                               older=request.GET.get("older"), newer=request.GET.get("newer"))
        if page.cursor_invalid:
            messages.warning(request, _("The page link was not valid; showing the newest entries."))
        rows = [(obj, [c.cell(obj) for c in self.columns],
                 reverse(self.detail_url, args=[obj.pk]) if self.detail_url else None)
                for obj in page.object_list]
        context = {
            "page_title": self.title,
            "filterset": filterset,
            "columns": self.columns,
            "page": page,
            "rows": rows,
            "query": self._query_without("older", "newer"),
            "can_export": self.can_export(),
            "footer": self.footer(),
        }
        # htmx asks for the results only, except when it restores a page from history.
        partial = request.htmx and not request.htmx.history_restore_request
        response = render(request, f"{self.template_name}#results" if partial else self.template_name, context)
        patch_vary_headers(response, ("HX-Request",))  # a browser cache must not mix the two
        return response

    def footer(self) -> str:
        return ""


def _user_cell(entry):
    return entry.actor.username if entry.actor_id else _("(system)")


class LogList(KeysetListPage):
    model = LogEntry
    filterset_class = LogFilter
    perm = Perm.AUDIT_VIEW
    export_perm = Perm.AUDIT_VIEW
    title = gettext_lazy("Audit log")
    default_sort = "-timestamp"
    detail_url = "audit:log_detail"
    columns = (
        Column("timestamp", gettext_lazy("Time"), value=entries.when),
        Column("actor", gettext_lazy("User"), value=_user_cell),
        Column("action", gettext_lazy("Action")),
        Column("content_type", gettext_lazy("Record type"), value=entries.record_type),
        Column("object_pk", gettext_lazy("Record id")),
        Column("object_repr", gettext_lazy("Record"), value=entries.record_label),
        Column("changes", gettext_lazy("Changes"), value=entries.summary),
        Column("cid", gettext_lazy("Request id")),
    )

    def base_queryset(self):
        return LogEntry.objects.select_related("actor", "content_type")

    def footer(self) -> str:
        try:
            days = retention.configured_days()
        except retention.RetentionError as exc:
            return str(exc)
        run = retention.last_run()
        text = (_("Entries are kept %(days)d days, longer for record types under a legal retention period.")
                % {"days": days}) if days else _("Entries are kept without time limit (no retention period is set).")
        if run is not None:
            text += " " + _("Last pruned %(when)s: %(n)s entries.") % {
                "when": run.started.strftime("%Y-%m-%d %H:%M"), "n": f"{run.total:,}"}
        return text


@needs(Perm.AUDIT_VIEW)
def log_detail(request, pk):
    entry = get_object_or_404(LogEntry.objects.select_related("actor", "content_type"), pk=pk)
    personal = entries.is_personal(entry)
    full = personal and request.GET.get("full") == "1"
    if full:
        if not request.user.has_perm(Perm.PERSON_VIEW_FULL):
            raise PermissionDenied
        entries.log_personal_view(request.user, entry)
    return render(request, "audit/log_detail.html", {
        "entry": entry,
        "record_type": entries.record_type(entry),
        "record_label": entries.record_label(entry, full=full),
        "changes": entries.changes(entry, full=full),
        "personal": personal,
        "full": full,
        "can_see_full": personal and request.user.has_perm(Perm.PERSON_VIEW_FULL),
        "related": reverse("audit:log_list") + f"?content_type={entry.content_type_id}&object_pk={entry.object_pk}",
    })


class PersonalViewList(KeysetListPage):
    model = PersonalDataView
    filterset_class = PersonalViewFilter
    perm = Perm.AUDIT_VIEW
    export_perm = Perm.AUDIT_VIEW
    title = gettext_lazy("Personal data views")
    default_sort = "-at"
    time_field = "at"
    columns = (
        Column("at", gettext_lazy("Time"), value=lambda v: timezone.localtime(v.at).strftime("%Y-%m-%d %H:%M:%S")),
        Column("username", gettext_lazy("User")),
        Column("person_id", gettext_lazy("Person id")),
        Column("person_label", gettext_lazy("Person")),
        Column("fields", gettext_lazy("Fields shown")),
        Column("channel", gettext_lazy("Channel")),
        Column("request_id", gettext_lazy("Request id")),
    )

    def footer(self) -> str:
        return _("Every time someone is shown a natural person's personal data in full, by page, API or export, "
                 "it is recorded here. Names are masked.")
