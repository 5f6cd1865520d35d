"""URL map: each app mounts its own pages; the API is one Ninja instance under /api/v1/."""
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from zhibao.api.main import api
from zhibao.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("zhibao.accounts.urls")),
    path("registry/", include("zhibao.registry.urls")),
    path("imports/", include("zhibao.imports.urls")),
    path("audit/", include("zhibao.audit.urls")),
    path("calendar/", include("zhibao.calendar.urls")),
    path("cases/", include("zhibao.cases.urls")),
    path("intake/", include("zhibao.intake.urls")),
    path("evidence/", include("zhibao.evidence.urls")),
    path("collaboration/", include("zhibao.collaboration.urls")),
    path("services/", include("zhibao.services.urls")),
    path("cockpit/", include("zhibao.indicators.urls")),
    path("portal/", include("zhibao.portal.urls")),
    path("jobs/", include("zhibao.core.jobs_urls")),
    path("api/v1/", api.urls),
]

if settings.DEBUG:
    from django.contrib import admin

    urlpatterns.append(path("django-admin/", admin.site.urls))
