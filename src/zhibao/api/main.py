"""The REST API under /api/v1/: one Ninja instance assembled from each app's router.

An app exposes its API by defining `router` (a ninja.Router) and `API_PREFIX` in its
`api.py` (or `ROUTERS`, a list of (prefix, router), for several resources); nothing else needs
to change here. Resources follow one pattern (`zhibao.api.resources.Resource`); authentication
is in `auth.py`, the error format in `errors.py`. The OpenAPI document is at /api/v1/openapi.json, its Swagger UI at /api/v1/docs.
"""
import json
from functools import wraps
from inspect import iscoroutinefunction
from importlib import import_module

from django.apps import apps
from django.http import JsonResponse
from django.urls import re_path
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.parser import Parser

from . import errors
from .auth import AUTH


class JsonParser(Parser):
    """Ninja's JSON parser, reading the body as UTF-8 explicitly (a bad byte is a 400, not a 500)."""

    def parse_body(self, request):
        return json.loads(request.body.decode("utf-8"))


class ZhibaoAPI(NinjaAPI):
    def _get_urls(self):
        urls = super()._get_urls()
        for pattern in urls:
            if not iscoroutinefunction(pattern.callback):  # async views keep Ninja's own 405
                pattern.callback = _json_405(pattern.callback)
        # Anything under /api/v1/ that is not an operation answers a JSON 404, not a page.
        return urls + [re_path(r"^.*$", _unknown_path, name="unknown")]


def _unknown_path(request, *args, **kwargs):
    return JsonResponse({"detail": _("There is no such API address; see /api/v1/docs.")}, status=404)


def _json_405(view):
    """Ninja answers a method an address does not have with a plain-text 405; answer it in JSON."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            response = JsonResponse({"detail": _("This address does not accept %(method)s; it accepts %(allowed)s.")
                                     % {"method": request.method, "allowed": allowed}}, status=405)
            response["Allow"] = allowed
        return response

    return wrapper


api = ZhibaoAPI(
    title="Zhibao API",
    version="1",
    description=(
        "知保 Zhibao: Xi'an IP protection platform.\n\n"
        "Authenticate with `Authorization: Bearer <token>` (an administrator issues tokens), or use a "
        "signed-in browser session with the CSRF token. Every resource follows one pattern: list with "
        "filters, `ordering` and paging (`limit`/`offset` or `page`/`per_page`, at most 200), read, create, "
        "and update by PATCH with the `version` you read. Errors answer "
        '`{"detail": "...", "errors": {"field": ["..."]}}`. Messages are in Chinese unless you send '
        "`Accept-Language: en`. See docs/api.md."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=AUTH,
    parser=JsonParser(),
)
errors.install(api)


def _mount_app_routers() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("zhibao.") or config.name == "zhibao.api":
            continue
        try:
            module = import_module(f"{config.name}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.api":
                raise
            continue
        for prefix, router in getattr(module, "ROUTERS", None) or [(module.API_PREFIX, module.router)]:
            api.add_router(prefix, router)


_mount_app_routers()
