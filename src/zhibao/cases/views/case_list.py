"""The case list /cases/: the shared CaseFilter, sort, paging, capped count, Excel export.

The navigation's procedure items (administrative enforcement, adjudication, mediation) open
the same list with the procedure chosen (`preset`)."""
from django.utils.translation import gettext_lazy as _

from zhibao.core.lists import Column, ListPage

from ..filters import CaseFilter
from ..models import Case
from ..permissions import CasesPerm


def _officers(case) -> str:
    return "、".join(a.user.get_full_name() or a.user.get_username() for a in case.assignments.all())


class CaseList(ListPage):
    model = Case
    filterset_class = CaseFilter
    title = _("Cases")
    template_name = "cases/list.html"
    perm = CasesPerm.VIEW
    export_perm = CasesPerm.EXPORT
    default_sort = "-received_on"
    count_cap = 10_000
    preset: dict = {}
    columns = (
        Column("reference", _("Number"), sort="number"),
        Column("title", _("Title")),
        Column("procedure", _("Procedure"), sort="procedure"),
        Column("stage", _("Stage"), sort="stage"),
        Column("handling_org__name", _("Handling body"), sort="handling_org__name"),
        Column("district__name", _("District")),
        Column("received_on", _("Received on"), sort="received_on"),
        Column("due_date", _("Next due date"), sort="due_date"),
        Column("closed_on", _("Closed on"), sort="closed_on"),
        Column("officers", _("Officers"), value=_officers),
    )

    def setup(self, request, *args, **kwargs):
        if self.preset and not request.GET:
            request.GET = request.GET.copy()
            request.GET.update(self.preset)
        super().setup(request, *args, **kwargs)

    def base_queryset(self):
        return Case.objects.select_related("handling_org", "district").prefetch_related("assignments__user")

    def should_cap_count(self, filterset) -> bool:
        """Counting is capped only for a text search, whose matches can be many."""
        return bool(filterset.form.is_bound and self.request.GET.get("q"))

    def extra_context(self) -> dict:
        return {"can_open": self.request.user.has_perm(CasesPerm.HANDLE)}
