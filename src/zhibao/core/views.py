"""Home page and the health check."""
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .health import worker_state


@login_required
def home(request):
    return render(request, "core/home.html")


@never_cache
def healthz(request):
    """State of the database and the background worker, for load balancers and operators."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # noqa: BLE001  (a health check reports, it does not raise)
        database = {"ok": False, "error": exc.__class__.__name__}
    worker = worker_state()
    ok = database["ok"] and worker["ok"]
    return JsonResponse({"status": "ok" if ok else "degraded", "database": database, "worker": worker},
                        status=200 if ok else 503)
