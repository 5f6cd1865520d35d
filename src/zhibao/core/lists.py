"""One list machinery for every list page: filter, sort, page, export to Excel.

A list page declares its model, a django-filter FilterSet (the same one the API uses),
its columns and the permission it needs; records are always passed through the data
scope of the user first. Subclass `ListPage` and set the class attributes.

Counting every row of a list that matches a common word in hundreds of thousands of rows
costs more than showing the first page: a page that sets `count_cap` counts at most that
many (when `should_cap_count` says so) and says "more than N" beyond.
"""
from dataclasses import dataclass
from typing import Any, Callable

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, InvalidPage, Paginator
from django.db import connections
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View

from zhibao.accounts.scope import visible

from . import excel

EXPORT_ROW_LIMIT = 200_000


@dataclass(frozen=True)
class Column:
    """A column: `key` is an attribute path (a__b) or a callable's name on the page."""

    key: str
    label: Any
    sort: str | None = None  # ORM field to order by; None = not sortable
    link: bool = False  # link the cell to the object's get_absolute_url
    value: Callable[[Any], Any] | None = None  # computes the cell instead of `key`

    def cell(self, obj):
        if self.value is not None:
            return self.value(obj)
        out = obj
        for part in self.key.split("__"):
            labels = _choice_labels(out, part)
            if labels is not None:
                value = getattr(out, part, None)
                out = labels.get(value, value)
            else:
                display = getattr(out, f"get_{part}_display", None)
                out = display() if callable(display) else getattr(out, part, None)
            if out is None:
                return ""
        return out


_LABELS: dict = {}


def _choice_labels(obj, name: str) -> dict | None:
    """{value: label} of a model field with flat choices, built once per field.

    Model.get_FOO_display rebuilds (and translates) the whole list of choices on every call,
    which on a page of 50 rows with three choice columns is most of the page's time."""
    meta = getattr(type(obj), "_meta", None)
    if meta is None:
        return None
    key = (meta.label, name)
    if key not in _LABELS:
        try:
            field = meta.get_field(name)
        except Exception:  # noqa: BLE001 - not a field (a property, an annotation)
            field = None
        choices = getattr(field, "flatchoices", None) if field is not None and field.choices else None
        labels = None
        if choices and all(isinstance(v, (str, int)) for v, _label in choices):
            labels = dict(choices)
        _LABELS[key] = labels
    return _LABELS[key]


SORT_MATCHES_BELOW = 1000


def _sort_not_walk(qs):
    """The same order, written so that no index can serve it (COALESCE(x, x) for x)."""
    if not isinstance(qs, QuerySet) or not qs.query.order_by:
        return qs
    keys = []
    for key in qs.query.order_by:
        if not isinstance(key, str) or "." in key or "?" in key:
            return qs
        name = key.lstrip("-")
        expression = Coalesce(F(name), F(name))
        keys.append(expression.desc() if key.startswith("-") else expression.asc())
    return qs.order_by(*keys)


class CappedPaginator(Paginator):
    """A paginator whose count stops at `cap` (None: exact). `capped` tells whether it did."""

    def __init__(self, object_list, per_page, cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.capped = False

    @cached_property
    def count(self):
        if not self.cap or not isinstance(self.object_list, QuerySet):
            return super().count
        # Without a sort the database can stop at the cap. PostgreSQL is left free to choose its
        # order; SQLite is told to read in rowid order, which spreads the matches of a word
        # evenly, where the covering index on a name it would pick clusters them (docs/search.md).
        qs = self.object_list.order_by()
        if connections[qs.db].vendor == "sqlite":
            qs = qs.order_by("pk")
        n = qs[: self.cap + 1].count()
        self.capped = n > self.cap
        return min(n, self.cap)

    def page(self, number):
        if self.count and not self.capped and self.count <= SORT_MATCHES_BELOW:
            # Few rows match: sort them. Otherwise a database that overestimates how many match
            # may walk the whole table in the sort order looking for a page of them.
            self.object_list = _sort_not_walk(self.object_list)
        if not self.count or not self.capped:
            return super().page(number)
        # Past the cap there are more rows: a page is always full, never cut at the count.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom:bottom + self.per_page], number, self)


class ListPage(LoginRequiredMixin, View):
    model = None
    filterset_class = None
    columns: tuple[Column, ...] = ()
    default_sort = "-pk"
    perm: str | None = None
    export_perm: str | None = None
    create_url: str | None = None
    create_perm: str | None = None
    title = ""
    template_name = "core/list.html"
    paginate_by = 50
    max_paginate_by = 200
    count_cap: int | None = None  # count at most this many rows (see should_cap_count)

    # -- records --------------------------------------------------------------
    def base_queryset(self) -> QuerySet:
        return self.model._default_manager.all()

    def get_queryset(self) -> tuple[QuerySet, Any]:
        qs = visible(self.base_queryset(), self.request.user)
        filterset = self.filterset_class(self.request.GET or None, queryset=qs, request=self.request)
        if filterset.is_bound and not filterset.is_valid():
            return qs.none(), filterset
        return filterset.qs, filterset

    def sort_key(self) -> str:
        wanted = self.request.GET.get("sort", "")
        allowed = {c.sort for c in self.columns if c.sort}
        if wanted.lstrip("-") in allowed:
            return wanted
        return self.default_sort

    def order(self, qs: QuerySet, key: str) -> QuerySet:
        return qs.order_by(key, "-pk" if key.startswith("-") else "pk")

    def should_cap_count(self, filterset) -> bool:
        """Whether this request's count stops at `count_cap` (override: e.g. only for text searches)."""
        return bool(self.count_cap)

    def count_cap_for(self, filterset) -> int | None:
        """Where this request's count stops (None: exact). Override for a cap that depends on the request."""
        return self.count_cap if self.should_cap_count(filterset) else None

    def extra_context(self) -> dict:
        """More template context for a page's own template (override)."""
        return {}

    # -- responses ------------------------------------------------------------
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.perm and not request.user.has_perm(self.perm):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        qs, filterset = self.get_queryset()
        sort = self.sort_key()
        qs = self.order(qs, sort)
        if request.GET.get("export") == "xlsx":
            return self.export(qs)
        per_page = self._per_page()
        paginator = CappedPaginator(qs, per_page, cap=self.count_cap_for(filterset))
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages if str(request.GET.get("page", "")).isdigit() else 1)
        except (InvalidPage, ValueError, TypeError):
            page = paginator.page(1)
        rows = [(obj, [c.cell(obj) for c in self.columns]) for obj in page.object_list]
        context = {
            "page_title": self.title,
            "filterset": filterset,
            "columns": self.columns,
            "sort": sort,
            "page": page,
            "rows": rows,
            "query": self._query_without("page"),
            "sort_query": self._query_without("page", "sort"),
            "can_export": self.can_export(),
            "create_href": self._create_href(),
            **self.extra_context(),
        }
        # htmx asks for the results only: the page's own partial, or the one of core/list.html
        # that a page template extending it inherits. When it restores a page from history
        # (the Back button after a search changed the address) it needs the whole page.
        partial = request.htmx and not request.htmx.history_restore_request
        template = [f"{self.template_name}#results", "core/list.html#results"] if partial else self.template_name
        response = render(request, template, context)
        patch_vary_headers(response, ("HX-Request",))  # a browser cache must not mix the two
        return response

    def can_export(self) -> bool:
        return bool(self.export_perm) and self.request.user.has_perm(self.export_perm)

    def export(self, qs: QuerySet):
        if not self.can_export():
            raise PermissionDenied
        count = qs.count()
        if count > EXPORT_ROW_LIMIT:
            messages.error(
                self.request,
                _("The list has %(count)s rows; an Excel export holds at most %(limit)s. "
                  "Narrow the filter and export again.") % {"count": f"{count:,}", "limit": f"{EXPORT_ROW_LIMIT:,}"},
            )
            return redirect(f"{self.request.path}?{self._query_without()}")
        rows = ([c.cell(obj) for c in self.columns] for obj in qs.iterator(chunk_size=2000))
        return excel.download([str(c.label) for c in self.columns], rows, str(self.title))

    def _per_page(self) -> int:
        try:
            return max(1, min(int(self.request.GET.get("per_page", self.paginate_by)), self.max_paginate_by))
        except ValueError:
            return self.paginate_by

    def _query_without(self, *keys) -> str:
        params = self.request.GET.copy()
        for key in keys + ("export",):
            params.pop(key, None)
        return params.urlencode()

    def _create_href(self) -> str | None:
        if self.create_url and (not self.create_perm or self.request.user.has_perm(self.create_perm)):
            return reverse(self.create_url)
        return None
