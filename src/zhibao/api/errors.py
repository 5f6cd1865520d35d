"""One error format for the whole API, with translated messages.

Every error answers JSON of the form

    {"detail": "<one sentence>", "errors": {"<field>": ["<message>", ...]}}

`errors` is present when the problem is tied to fields (validation, duplicates); some
errors add keys of their own (`existing` on a duplicate, `current_version` on a stale
edit, `request_id` on a server error). Status codes: 400 unreadable request, 401 not
authenticated, 403 not allowed, 404 not found (or outside the caller's data scope),
409 conflict (duplicate, stale version), 413 body too large, 422 invalid values.
"""
import json
import logging
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from zhibao.core import request_id
from zhibao.registry.services import Duplicate, StaleVersion

logger = logging.getLogger("zhibao.api")

ALL = NON_FIELD_ERRORS  # "__all__": errors about the request as a whole


class ErrorOut(Schema):
    """The body of every error response."""

    detail: str
    errors: dict[str, list[str]] | None = None


class ApiError(Exception):
    """Raise from an endpoint or helper to answer an error in the common format."""

    def __init__(self, status: int, detail: str, errors: dict[str, list[str]] | None = None, **extra: Any):
        self.status = status
        self.detail = str(detail)
        self.errors = errors
        self.extra = extra
        super().__init__(self.detail)


def forbidden(detail: str | None = None) -> ApiError:
    return ApiError(403, detail or _("You do not have permission to do this."))


def not_found() -> ApiError:
    return ApiError(404, _("Not found: there is no such record, or it is outside your data scope."))


def invalid(errors: dict[str, list[str]]) -> ApiError:
    return ApiError(422, _("Some values are not valid; see the messages per field."), errors=errors)


def full_view_denied() -> ApiError:
    return ApiError(403, _("You do not have the right to see personal data in full; "
                           "leave out full=1 to see it masked."))


def listed_twice() -> str:
    return _("This entry is listed twice.")


# -- pydantic messages, translated -------------------------------------------------------

def _pydantic_message(error: dict) -> str:
    """A translated message for one pydantic error (pydantic's own texts are English only)."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("Unknown field: remove it or check its spelling.")
    if kind in ("string_type", "string_unicode"):
        return _("Enter text (a JSON string).")
    if kind == "string_too_long":
        return _("Enter at most %(max)s characters.") % {"max": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("Enter at least %(min)s characters.") % {"min": ctx.get("min_length")}
    if kind == "string_pattern_mismatch":
        return _("This text does not have the expected form.")
    if kind in ("int_type", "int_parsing", "int_from_float", "int_parsing_size"):
        return _("Enter a whole number.")
    if kind in ("float_type", "float_parsing", "decimal_type", "decimal_parsing", "finite_number"):
        return _("Enter a number.")
    if kind in ("decimal_max_digits", "decimal_max_places", "decimal_whole_digits"):
        return _("This number has too many digits.")
    if kind in ("bool_type", "bool_parsing"):
        return _("Enter true or false.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Enter a date in the form YYYY-MM-DD.")
    if kind in ("enum", "literal_error"):
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind in ("list_type", "tuple_type", "set_type"):
        return _("Enter a list.")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("Enter a JSON object.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Enter a value of at least %(min)s.") % {"min": ctx.get("ge", ctx.get("gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("Enter a value of at most %(max)s.") % {"max": ctx.get("le", ctx.get("lt"))}
    if kind in ("too_long",):
        return _("Enter at most %(max)s items.") % {"max": ctx.get("max_length")}
    if kind == "value_error":
        # Our own validators raise ValueError with an already translated message.
        if ctx.get("error"):
            return str(ctx["error"])
        if error.get("msg"):
            return str(error["msg"]).removeprefix("Value error, ")
    if kind == "none_required":
        return _("This value must be empty.")
    return _("This value is not valid.")


def field_errors_from_pydantic(errors: list[dict]) -> dict[str, list[str]]:
    """Ninja's error list → {field path: [messages]}. The body or query wrapper is left out."""
    out: dict[str, list[str]] = {}
    for error in errors:
        loc = list(error.get("loc") or ())
        if loc and loc[0] == "body":
            loc = loc[2:]  # ("body", "<param name>", field, ...)
        elif loc and loc[0] in ("query", "path", "header", "cookie", "form"):
            loc = loc[1:]
        key = ".".join(str(part) for part in loc) or ALL
        if key == ALL and error.get("type") == "missing":
            message = _("Send the record as a JSON object in the request body.")
        elif key == ALL and error.get("type") in ("model_type", "model_attributes_type", "dict_type"):
            message = _("The request body must be a JSON object.")
        else:
            message = _pydantic_message(error)
        out.setdefault(key, []).append(message)
    return out


def field_errors_from_django(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {ALL: [str(m) for m in exc.messages]}


# -- handlers ------------------------------------------------------------------------------

def _respond(api, request, status: int, detail: str, errors=None, **extra):
    body: dict[str, Any] = {"detail": str(detail)}
    if errors:
        body["errors"] = errors
    body.update(extra)
    response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="zhibao"'
    return response


def _existing_link(request, existing) -> dict | None:
    """Where the record a duplicate collides with can be seen, if the caller may see it."""
    from zhibao.accounts.scope import can_see

    from .resources import api_url_for, web_url_for  # resources imports this module

    if not can_see(existing, request.user):
        return None
    return {"id": existing.pk, "url": api_url_for(request, existing), "web_url": web_url_for(request, existing)}


def _duplicate(api, request, exc: Duplicate):
    existing = exc.existing
    link = _existing_link(request, existing)
    field_label = str(existing._meta.get_field(exc.field).verbose_name)
    model_label = str(existing._meta.verbose_name)
    if link is None:
        message = _("Another %(model)s already has this %(field)s; it is outside your data scope.") % {
            "model": model_label, "field": field_label}
    elif getattr(existing, "PERSONAL_FIELDS", None):
        # The duplicate message of the services names the record; a person's name is personal data.
        message = _("Another %(model)s already has this %(field)s (id %(id)s).") % {
            "model": model_label, "field": field_label, "id": existing.pk}
    else:
        message = _("%(model)s “%(name)s” (id %(id)s) already has this %(field)s.") % {
            "model": model_label, "name": existing, "id": existing.pk, "field": field_label}
    message = capfirst(message)
    return _respond(api, request, 409, message, {exc.field: [message]}, existing=link)


def install(api) -> None:
    """Register the handlers on a NinjaAPI instance (most specific classes first is not needed:
    Ninja looks the exception's classes up in method-resolution order)."""

    def handle(exc_class):
        def decorator(func):
            api.add_exception_handler(exc_class, func)
            return func
        return decorator

    @handle(ApiError)
    def on_api_error(request, exc: ApiError):
        return _respond(api, request, exc.status, exc.detail, exc.errors, **exc.extra)

    @handle(AuthenticationError)
    def on_unauthenticated(request, exc):
        return _respond(api, request, 401, _(
            "Authentication required: send the header “Authorization: Bearer <token>”, or sign in."))

    @handle(NinjaValidationError)
    def on_invalid_input(request, exc: NinjaValidationError):
        return _respond(api, request, 422, _("Some values are not valid; see the messages per field."),
                        field_errors_from_pydantic(exc.errors))

    @handle(Throttled)
    def on_throttled(request, exc):
        return _respond(api, request, 429, _("Too many requests; wait a moment and try again."))

    @handle(HttpError)
    def on_http_error(request, exc: HttpError):
        cause = exc.__cause__
        if isinstance(cause, RequestDataTooBig):
            return _respond(api, request, 413, _("The request body is too large."))
        if isinstance(cause, json.JSONDecodeError):
            return _respond(api, request, 400, _(
                "The request body is not valid JSON (line %(line)s, column %(column)s).") % {
                    "line": cause.lineno, "column": cause.colno})
        if isinstance(cause, RecursionError):
            return _respond(api, request, 400, _("The request body is nested too deeply."))
        if isinstance(cause, (UnicodeDecodeError, ValueError)):
            return _respond(api, request, 400, _("The request body is not valid JSON in UTF-8."))
        if exc.status_code == 401:
            return on_unauthenticated(request, exc)
        if exc.status_code == 403:
            return _respond(api, request, 403, _("You do not have permission to do this."))
        logger.warning("API HttpError %s: %s", exc.status_code, exc)
        return _respond(api, request, exc.status_code, _("The request could not be handled."))

    @handle(RequestDataTooBig)
    def on_too_big(request, exc):
        return _respond(api, request, 413, _("The request body is too large."))

    @handle(Http404)
    def on_404(request, exc):
        return _respond(api, request, 404, not_found().detail)

    @handle(ObjectDoesNotExist)
    def on_missing(request, exc):
        return _respond(api, request, 404, not_found().detail)

    @handle(PermissionDenied)
    def on_denied(request, exc):
        return _respond(api, request, 403, str(exc) or forbidden().detail)

    @handle(Duplicate)
    def on_duplicate(request, exc: Duplicate):
        return _duplicate(api, request, exc)

    @handle(StaleVersion)
    def on_stale(request, exc: StaleVersion):
        return _respond(api, request, 409, _(
            "Someone else changed this record after you read it (it is now at version %(version)s). "
            "Nothing was saved: read the record again, then send your changes with the new version.")
            % {"version": exc.current}, {"version": [_("Stale version.")]}, current_version=exc.current)

    @handle(DjangoValidationError)
    def on_django_invalid(request, exc: DjangoValidationError):
        return _respond(api, request, 422, _("Some values are not valid; see the messages per field."),
                        field_errors_from_django(exc))

    @handle(IntegrityError)
    def on_integrity(request, exc):
        logger.warning("API integrity error: %s", exc)
        return _respond(api, request, 409, _(
            "This change conflicts with a record saved at the same moment; nothing was saved. "
            "Read the record again and retry."))

    @handle(DataError)
    def on_data_error(request, exc):
        logger.warning("API data error: %s", exc)
        return _respond(api, request, 422, _("A value does not fit what the database can store; nothing was saved."))

    @handle(Exception)
    def on_server_error(request, exc):
        logger.exception("API server error")
        rid = request_id.current() or ""
        return _respond(api, request, 500, _(
            "An internal error occurred. Quote request id %(id)s when reporting it.")
            % {"id": rid}, request_id=rid)
