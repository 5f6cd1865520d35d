"""The REST API under /api/v1/: one Ninja instance assembled from each app's router.

An app exposes its API by defining `router` (a ninja.Router) and `API_PREFIX` in its
`api.py`; nothing else needs to change here.
"""
from importlib import import_module

from django.apps import apps
from ninja import NinjaAPI

api = NinjaAPI(
    title="Zhibao API",
    version="1",
    description="知保 Zhibao: Xi'an IP protection platform. Authenticate with `Authorization: Bearer <token>`.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


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
        api.add_router(module.API_PREFIX, module.router)


_mount_app_routers()
