"""The records behind a figure (cockpit.records) as a list page: paged, sorted, exported to Excel.

Whoever may not see persons (leadership) gets expert names masked and case titles, which may
name people, left out: the cockpit shows them aggregates, never anybody's personal data."""
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhibao.accounts.roles import Perm
from zhibao.core.lists import Column, ListPage
from zhibao.registry import masking
from zhibao.registry.models import District, Organization

from .. import cockpit, definitions
from ..forms import PeriodForm
from .common import REPORT, VIEW, refuse

#: column paths that name a person: how each is shown to someone who may not see persons
MASKED = {"name": masking.name}
LEFT_OUT = {"title"}
UNSORTABLE = {"reasons"}


def reasons_text(reasons) -> str:
    return "; ".join(f"{r.get('criterion')}: {r.get('detail') or ''} ({r.get('since')})" for r in reasons or ())


class RecordsPage(ListPage):
    perm = VIEW
    export_perm = REPORT
    template_name = "indicators/records.html"
    default_sort = "pk"
    count_cap = None

    def dispatch(self, request, *args, code, **kwargs):
        if code not in definitions.CODES:
            raise Http404(_("There is no indicator %(code)s; the indicators are numbered 1 to 9.") % {"code": code})
        if not request.user.is_authenticated or not request.user.has_perm(self.perm):
            return super().dispatch(request, *args, **kwargs)
        self.form = PeriodForm(request.GET)
        if not self.form.is_valid():
            return refuse(request, " ".join(str(e) for errors in self.form.errors.values() for e in errors))
        self.body = self._body(request.GET.get("body"))
        if self.body is False:
            return refuse(request, _("“%(value)s” is not a handling body.") % {"value": request.GET.get("body")})
        self.part = request.GET.get("part") or None
        first, last = self.form.period
        self.found = cockpit.records(code, first, last, self.form.cleaned_data["district"], self.body, self.part)
        self.code = code
        self.title = self.found.title
        self.columns = self._columns(request.user)
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def _body(value):
        if not value:
            return None
        return int(value) if value.isdigit() and Organization.objects.filter(pk=value).exists() else False

    def _columns(self, user) -> tuple[Column, ...]:
        sees_persons = user.has_perm(Perm.PERSON_VIEW)
        out = []
        for col in self.found.columns:
            if not sees_persons and col.path in LEFT_OUT:
                continue
            value = None
            if col.path == "reasons":
                value = lambda obj: reasons_text(obj.reasons)  # noqa: E731
            elif not sees_persons and col.path in MASKED:
                mask = MASKED[col.path]
                value = lambda obj, path=col.path, mask=mask: mask(Column(path, "").cell(obj))  # noqa: E731
            out.append(Column(col.path, col.label, sort=None if col.path in UNSORTABLE else col.path, value=value))
        return tuple(out)

    def get_queryset(self):
        from zhibao.accounts.scope import visible

        return visible(self.found.queryset, self.request.user), None

    def extra_context(self) -> dict:
        first, last = self.form.period
        district = self.form.cleaned_data["district"]
        ind = definitions.get(self.code)
        return {
            "code": self.code, "first": first, "last": last,
            "district_name": District.objects.filter(pk=district).values_list("name", flat=True).first() or "",
            "body": Organization.objects.filter(pk=self.body).first() if self.body else None,
            "part_label": (gettext_lazy("counted above the line (numerator)") if self.part == "numerator"
                           else gettext_lazy("all counted below the line (denominator)"))
            if ind.kind == definitions.Kind.RATE else "",
            "back_query": self.form.query(),
        }
