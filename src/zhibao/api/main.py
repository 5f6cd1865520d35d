"""The REST API under /api/v1/: one Ninja instance assembled from each app's router."""
from ninja import NinjaAPI

api = NinjaAPI(
    title="Zhibao API",
    version="1",
    description="知保 Zhibao: Xi'an IP protection platform. Authenticate with `Authorization: Bearer <token>`.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
