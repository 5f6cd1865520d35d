"""One pattern for every resource: list (filters, paging, ordering), read, create, update.

A resource is declared once, from what the pages already use:

    entities = Resource(
        "entities", MarketEntity, EntityFilter, out=EntityOut, create=EntityIn,
        view_perm=Perm.REGISTRY_VIEW, change_perm=Perm.REGISTRY_CHANGE,
        ordering=("name", "established", "id"),
    )
    entities.register(router)

and gets
    GET    /entities          list: FilterSet filters, `ordering`, `limit`/`offset` or `page`/`per_page`
    GET    /entities/{pk}     read
    POST   /entities          create   (when `create` is given)
    PATCH  /entities/{pk}     update   (body: the fields to change and the `version` read)

Every operation checks the permission before it reads the input, limits records to the
caller's data scope (`accounts.scope.visible`; a record outside it is 404), and saves
through `registry.services.save_record`, so validation, duplicate refusal, optimistic
locking and the audit log are the same as on the pages. A write that would put the record
outside the caller's scope is refused and rolled back.
"""
from datetime import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any, Callable, Optional

from django.db import models, transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel, ConfigDict, create_model
from pydantic.fields import FieldInfo

from zhibao.accounts.scope import visible
from zhibao.registry import services

from .auth import permission_auth
from .errors import ALL, ApiError, ErrorOut, forbidden, invalid, not_found

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
MAX_OFFSET = 100_000_000  # far beyond any registry; keeps offsets within what every database accepts
PAGING_KEYS = ("limit", "offset", "page", "per_page", "ordering")


# -- input schemas ---------------------------------------------------------------------

class InputSchema(BaseModel):
    """Base of every request body: unknown fields are refused, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True)


def _english(text) -> str:
    with translation.override("en"):
        return str(text)


def text(model: type[models.Model], name: str) -> Any:
    """A string field limited to the model field's length, described by its verbose name."""
    model_field = model._meta.get_field(name)
    return Annotated[str, Field(max_length=model_field.max_length, description=_english(model_field.verbose_name))]


def partial(schema: type[BaseModel], name: str) -> type[BaseModel]:
    """The PATCH body of a create schema: every field optional, plus the `version` read."""
    fields = {
        key: (Optional[info.annotation], FieldInfo.merge_field_infos(info, default=None))
        for key, info in schema.model_fields.items()
    }
    fields["version"] = (int, Field(..., ge=1, description="The version of the record you read (optimistic locking)."))
    return create_model(name, __base__=schema, **fields)


# -- query parameters --------------------------------------------------------------------

class Paging(Schema):
    limit: Optional[int] = Field(None, ge=1, le=MAX_LIMIT, description=f"Records per response (1–{MAX_LIMIT}, default {DEFAULT_LIMIT}).")
    offset: Optional[int] = Field(None, ge=0, le=MAX_OFFSET, description="Records to skip.")
    page: Optional[int] = Field(None, ge=1, le=MAX_OFFSET // MAX_LIMIT,
                                description="Page number (with per_page), instead of offset.")
    per_page: Optional[int] = Field(None, ge=1, le=MAX_LIMIT, description=f"Records per page (1–{MAX_LIMIT}).")
    ordering: Optional[str] = Field(None, max_length=200, description="Comma-separated fields; prefix - for descending.")


class NoOptions(Schema):
    pass


def filter_schema(filterset_class, name: str) -> type[Schema]:
    """Document a FilterSet's parameters; the FilterSet itself validates them."""
    fields = {}
    for key, flt in filterset_class.base_filters.items():
        extra = {}
        choices = flt.extra.get("choices")
        if choices and not callable(choices):
            extra["enum"] = [value for value, _label in choices]
        fields[key] = (Optional[str], Field(None, description=_english(flt.label or key), json_schema_extra=extra or None))
    return create_model(name, __base__=Schema, **fields)


# -- output helpers ----------------------------------------------------------------------------

@lru_cache(maxsize=256)
def _choice_labels(choices, language: str) -> dict:
    return {value: str(label) for value, label in choices.choices}


def choice_label(choices, value) -> str:
    """The label of a TextChoices value in the active language. Django's get_FOO_display()
    rebuilds and hashes the whole choice list on every call, which dominated list responses."""
    return _choice_labels(choices, translation.get_language() or "").get(value, value or "")


# -- links -----------------------------------------------------------------------------------

_DETAIL_URL_NAMES: dict[type[models.Model], str] = {}


_PLACEHOLDER = "987654321"


@lru_cache(maxsize=64)
def _detail_path_template(name: str, script_prefix: str) -> str:
    """The detail path with a placeholder for the key: reverse() once per resource, not per record."""
    return reverse(f"api:{name}", kwargs={"pk": _PLACEHOLDER}).replace(_PLACEHOLDER, "{pk}")


def api_url_for(request, record) -> str | None:
    """The absolute API URL of a record whose type is an API resource."""
    name = _DETAIL_URL_NAMES.get(type(record))
    if name is None:
        return None
    try:
        path = _detail_path_template(name, get_script_prefix()).format(pk=record.pk)
    except NoReverseMatch:
        return None
    return request.build_absolute_uri(path) if request is not None else path


_WITHOUT_PAGE: set[type] = set()


def web_url_for(request, record) -> str | None:
    """The absolute URL of the record's page, or None while its app has no such page."""
    if type(record) in _WITHOUT_PAGE:
        return None
    try:
        path = record.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        _WITHOUT_PAGE.add(type(record))  # the URLconf does not change while the process runs
        return None
    return request.build_absolute_uri(path) if request is not None else path


# -- the resource ---------------------------------------------------------------------------

Presenter = Callable[[Any, list, Any], list]
AfterSave = Callable[[Any, models.Model, dict, bool], None]
Saver = Callable[[Any, models.Model, dict, Optional[int]], None]


@dataclass
class Resource:
    name: str  # the path segment, e.g. "entities"
    model: type[models.Model]
    filterset: type
    out: type[Schema]
    create: type[BaseModel] | None = None
    view_perm: str = ""
    change_perm: str | None = None
    ordering: tuple[str, ...] = ("id",)
    default_ordering: tuple[str, ...] = ()
    options: type[Schema] = NoOptions  # extra query options of every operation (e.g. ?full=1)
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    present: Presenter | None = None  # (request, records, options) -> records to serialize
    after_save: AfterSave | None = None  # (request, record, extra body fields, created) inside the transaction
    # An app whose records are saved by a rule function of its own (not services.save_record)
    # passes it here: saver(request, record, extra body fields, expected version).
    saver: Saver | None = None
    update: type[BaseModel] | None = field(default=None, init=False)

    def __post_init__(self):
        label = self.name.title().replace("_", "")
        self.filter_query = filter_schema(self.filterset, f"{label}Filters")
        self.list_out = create_model(
            f"{label}List", __base__=Schema,
            count=(int, Field(..., description="Records matching the filters.")),
            limit=(int, ...), offset=(int, ...),
            next=(Optional[str], None), previous=(Optional[str], None),
            results=(list[self.out], ...),
        )
        if self.create is not None:
            self.update = partial(self.create, f"{self.create.__name__.removesuffix('In')}Patch")
        self._columns = {f.name: f for f in self.model._meta.concrete_fields}
        self._things = lambda: str(self.model._meta.verbose_name_plural)
        self.view_auth = permission_auth(
            (self.view_perm,), lambda: _("You do not have permission to see %(things)s.") % {"things": self._things()})
        self.change_auth = permission_auth(
            (self.view_perm, self.change_perm),
            lambda: _("You do not have permission to create or change %(things)s.") % {"things": self._things()})

    # -- records --------------------------------------------------------------------------
    def queryset(self, request) -> QuerySet:
        qs = self.model._default_manager.all()
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return visible(qs, request.user)

    def get_object(self, request, pk):
        if isinstance(pk, str) and "\x00" in pk:  # PostgreSQL refuses NUL in text; no key has one
            raise not_found()
        record = self.queryset(request).filter(pk=pk).first()
        if record is None:
            raise not_found()
        return record

    def serialize(self, request, records: list, options) -> list:
        if options is None:
            options = self.options()
        return self.present(request, records, options) if self.present else records

    # -- list -------------------------------------------------------------------------------
    def list_response(self, request, queryset: QuerySet, options) -> dict:
        """Filter, order and page `queryset` (already in the caller's scope) from the query string."""
        filter_keys = set(self.filterset.base_filters)
        check_query(request, filter_keys | set(PAGING_KEYS) | set(self.options.model_fields))
        params = request.GET.copy()
        for key in list(params):
            if key not in filter_keys:
                params.pop(key)
        filterset = self.filterset(params or None, queryset=queryset, request=request)
        if filterset.is_bound and not filterset.is_valid():
            raise invalid({key: [str(m) for m in messages] for key, messages in filterset.errors.items()})
        qs = filterset.qs.order_by(*self._ordering(request.GET.get("ordering")))
        limit, offset, by_page = _paging(request)
        count = qs.count()
        records = list(qs[offset:offset + limit])
        return {
            "count": count, "limit": limit, "offset": offset,
            "next": _page_link(request, limit, offset + limit, by_page) if offset + limit < count else None,
            "previous": _page_link(request, limit, max(offset - limit, 0), by_page) if offset > 0 else None,
            "results": self.serialize(request, records, options),
        }

    def _ordering(self, wanted: str | None) -> list[str]:
        if not wanted:
            keys = list(self.default_ordering or self.model._meta.ordering or ["pk"])
        else:
            keys = [key.strip() for key in wanted.split(",") if key.strip()]
            bad = [key for key in keys if key.lstrip("-") not in self.ordering]
            if bad or not keys:
                raise invalid({"ordering": [_("Order by one of: %(fields)s (prefix - for descending).") % {
                    "fields": ", ".join(self.ordering)}]})
        tie = "-pk" if keys[-1].startswith("-") else "pk"
        return keys + [tie] if keys[-1].lstrip("-") not in ("pk", "id") else keys

    # -- writes ---------------------------------------------------------------------------------
    def assign(self, request, record, data: dict) -> dict:
        """Copy body fields onto the record; resolve references within the caller's scope.
        Returns the body fields that are not model fields (for `after_save`)."""
        errors: dict[str, list[str]] = {}
        extra = {}
        for key, value in data.items():
            model_field = self._columns.get(key)
            if model_field is None:  # a body field that is not a column, e.g. a right's holders
                extra[key] = value
                continue
            if isinstance(model_field, models.ForeignKey):
                if value is None:
                    setattr(record, key, None)
                    continue
                related = model_field.related_model
                target = visible(related._default_manager.all(), request.user).filter(pk=value).first()
                if target is None:
                    errors.setdefault(key, []).append(no_such(related, value))
                    continue
                setattr(record, key, target)
            else:
                if value is None and not model_field.null and isinstance(model_field, (models.CharField, models.TextField)):
                    value = ""
                setattr(record, key, value)
        if errors:
            raise invalid(errors)
        return extra

    def save(self, request, record, data: dict, version: int | None = None):
        created = record.pk is None
        extra = self.assign(request, record, data)
        with transaction.atomic():
            if self.saver is not None:
                self.saver(request, record, extra, version)
            else:
                services.save_record(record, expected_version=version)
            if self.after_save:
                self.after_save(request, record, extra, created)
            if not visible(self.model._default_manager.filter(pk=record.pk), request.user).exists():
                raise forbidden(_("You may only create or change records within your data scope; "
                                  "this %(thing)s would be outside it. Nothing was saved.") % {
                    "thing": str(self.model._meta.verbose_name)})
        return self.get_object(request, record.pk)

    # -- operations -------------------------------------------------------------------------------
    def register(self, router: Router) -> None:
        resource = self
        pk_type = int if isinstance(self.model._meta.pk, models.AutoField) else str
        base = f"{self.name}"
        detail_name = f"{base}-detail"
        _DETAIL_URL_NAMES[self.model] = detail_name
        tags = [self.name]
        errors = {401: ErrorOut, 403: ErrorOut, 422: ErrorOut}
        filters_t, options_t = self.filter_query, self.options

        @router.get(f"/{base}", response={200: self.list_out, **errors}, auth=self.view_auth, tags=tags,
                    operation_id=f"{base}_list", url_name=f"{base}-list",
                    summary=f"List {_english(self.model._meta.verbose_name_plural)}")
        def list_records(request, filters: Query[filters_t], paging: Query[Paging], options: Query[options_t] = None):
            return resource.list_response(request, resource.queryset(request), options)

        @router.get(f"/{base}/{{pk}}", response={200: self.out, 404: ErrorOut, **errors}, auth=self.view_auth,
                    tags=tags, operation_id=f"{base}_read", url_name=detail_name,
                    summary=f"Read one {_english(self.model._meta.verbose_name)}")
        def read_record(request, pk: pk_type, options: Query[options_t] = None):
            check_query(request, set(options_t.model_fields))
            return resource.serialize(request, [resource.get_object(request, pk)], options)[0]

        if self.create is None:
            return
        create_t, update_t = self.create, self.update

        @router.post(f"/{base}", response={201: self.out, 409: ErrorOut, **errors}, auth=self.change_auth,
                     tags=tags, operation_id=f"{base}_create",
                     summary=f"Create {_a(self.model)}")
        def create_record(request, payload: create_t, options: Query[options_t] = None):
            check_query(request, set(options_t.model_fields))
            record = resource.save(request, resource.model(), payload.model_dump(exclude_unset=True))
            return Status(201, resource.serialize(request, [record], options)[0])

        @router.patch(f"/{base}/{{pk}}", response={200: self.out, 404: ErrorOut, 409: ErrorOut, **errors},
                      auth=self.change_auth, tags=tags, operation_id=f"{base}_update",
                      summary=f"Change {_a(self.model)}")
        def update_record(request, pk: pk_type, payload: update_t, options: Query[options_t] = None):
            check_query(request, set(options_t.model_fields))
            record = resource.get_object(request, pk)
            data = payload.model_dump(exclude_unset=True)
            version = data.pop("version")
            record = resource.save(request, record, data, version=version)
            return resource.serialize(request, [record], options)[0]


# -- helpers ----------------------------------------------------------------------------------------

def _a(model) -> str:
    name = _english(model._meta.verbose_name)
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def no_such(model: type[models.Model], value) -> str:
    return _("There is no %(thing)s with the id %(id)s (or it is outside your data scope).") % {
        "thing": str(model._meta.verbose_name), "id": value}


def check_query(request, allowed: set[str]) -> None:
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        message = _("Unknown query parameter; allowed here: %(allowed)s.") % {
            "allowed": ", ".join(sorted(allowed)) or "—"}
        raise invalid({key: [message] for key in unknown})


def _paging(request) -> tuple[int, int, bool]:
    """(limit, offset, by_page) from the query; Ninja has already checked types and ranges."""
    get = request.GET
    by_page = "page" in get or "per_page" in get
    if by_page and ("limit" in get or "offset" in get):
        raise ApiError(422, _("Use either limit and offset, or page and per_page, not both."),
                       {ALL: [_("Use either limit and offset, or page and per_page, not both.")]})
    if by_page:
        per_page = int(get.get("per_page") or DEFAULT_LIMIT)
        return per_page, (int(get.get("page") or 1) - 1) * per_page, True
    return int(get.get("limit") or DEFAULT_LIMIT), int(get.get("offset") or 0), False


def _page_link(request, limit: int, offset: int, by_page: bool) -> str:
    params = request.GET.copy()
    if by_page:
        params["per_page"] = str(limit)
        params["page"] = str(offset // limit + 1)
    else:
        params["limit"] = str(limit)
        params["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


class Linked(Schema):
    """Output base: the record's API address and its page, for every resource's schemas."""

    url: Optional[str] = None
    web_url: Optional[str] = None

    @staticmethod
    def resolve_url(obj, context):
        return api_url_for(context["request"], obj)

    @staticmethod
    def resolve_web_url(obj, context):
        return web_url_for(context["request"], obj)


class Versioned(Linked):
    """Output base for records with optimistic locking."""

    version: int
    created: datetime
    updated: datetime
