"""Project wiring. Everything a deployment changes comes from the environment.

ZHIBAO_DEBUG, ZHIBAO_SECRET_KEY, ZHIBAO_ALLOWED_HOSTS, DATABASE_URL, ZHIBAO_VAR_DIR,
ZHIBAO_TASKS_BACKEND ("db" by default, "immediate" for tests).
"""
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("ZHIBAO_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = os.environ.get("ZHIBAO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("ZHIBAO_SECRET_KEY") or (
    "dev-only-insecure-key-change-me" if DEBUG else None
)
if not SECRET_KEY:
    raise RuntimeError("ZHIBAO_SECRET_KEY must be set when ZHIBAO_DEBUG=0")
ALLOWED_HOSTS = os.environ.get("ZHIBAO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves the API docs page (Swagger UI) from local static files
    "django_htmx",
    "template_partials",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "auditlog",
    "axes",
    "zhibao.core",
    "zhibao.accounts",
    "zhibao.registry",
    "zhibao.audit",
    "zhibao.calendar",
    "zhibao.imports",
    "zhibao.cases",
    "zhibao.intake",
    "zhibao.evidence",
    "zhibao.collaboration",
    "zhibao.services",
    "zhibao.indicators",
    "zhibao.portal",
    "zhibao.api",
    "zhibao.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "zhibao.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zhibao.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zhibao.accounts.middleware.BearerTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhibao.urls"
WSGI_APPLICATION = "zhibao.wsgi.application"
ASGI_APPLICATION = "zhibao.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "zhibao.core.context_processors.navigation",
            ],
            "builtins": ["django.templatetags.i18n", "django.templatetags.static"],
        },
    }
]

# SQLite by default (file under var/), PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'zhibao.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=10000; PRAGMA cache_size=-64000; PRAGMA mmap_size=268435456;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get("ZHIBAO_TEST_DB")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "zhibao.accounts.backends.RoleBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG

# Sign-in lockout (django-axes): 5 failures lock the user name for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("ZHIBAO_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Locking by IP address too would lock out whole offices behind one intranet proxy.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# Each app keeps its own translations in its locale/ folder.
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# Evidence files and generated case documents: never served directly, only through
# permission-checked views (evidence app, cases documents).
ZHIBAO_CASE_FILES_DIR = Path(os.environ.get("ZHIBAO_CASE_FILES_DIR", VAR_DIR / "case-files"))
ZHIBAO_EVIDENCE_MAX_BYTES = int(os.environ.get("ZHIBAO_EVIDENCE_MAX_BYTES", str(200 * 1024 * 1024)))
WHITENOISE_USE_FINDERS = DEBUG

# Uploads: the import page accepts files up to this size; larger ones are refused by name.
ZHIBAO_MAX_UPLOAD_BYTES = int(os.environ.get("ZHIBAO_MAX_UPLOAD_BYTES", str(100 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None

# Background jobs: the tasks API (DEP 14 backport) with the database worker.
TASKS = {
    "default": {
        "BACKEND": {
            "db": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }[os.environ.get("ZHIBAO_TASKS_BACKEND", "db")],
        "QUEUES": ["default"],
    }
}

# Audit: django-auditlog, with our request id as its correlation id. Entries older than the
# retention period may be pruned (`zhibao prune_audit`), never below the legal minimums of
# audit/retention.py; unset means keep everything.
ZHIBAO_AUDIT_RETENTION_DAYS = (
    int(os.environ["ZHIBAO_AUDIT_RETENTION_DAYS"]) if os.environ.get("ZHIBAO_AUDIT_RETENTION_DAYS") else None
)
AUDITLOG_CID_GETTER = "zhibao.core.request_id.current"
AUDITLOG_STORE_JSON_CHANGES = True

# Content security policy: everything is served from here; no CDN.
from csp.constants import NONCE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"zhibao": {"level": os.environ.get("ZHIBAO_LOG_LEVEL", "INFO")}},
}
