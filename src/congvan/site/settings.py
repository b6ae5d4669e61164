"""Django settings, read from the environment with safe defaults.

- ``CONGVAN_HOME``: folder for the SQLite database and the stored files (default ``./var``).
- ``CONGVAN_DATABASE_URL``: another database, ``postgresql://user:password@host:port/name``
  (or ``sqlite:///path/to/file.sqlite3``); unset → SQLite ``CONGVAN_HOME/congvan.sqlite3``.
- ``CONGVAN_SECRET_KEY``: the secret key (a fixed development key when unset).
- ``CONGVAN_DEBUG``: ``1`` for Django's debug pages (off by default).
- ``CONGVAN_ALLOWED_HOSTS``: comma-separated host names (default ``127.0.0.1,localhost``).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent

HOME = Path(os.environ.get("CONGVAN_HOME") or "./var").resolve()
FILES_DIR = HOME / "files"
# The Tantivy search index (a folder of its own; default CONGVAN_HOME/index).
CONGVAN_SEARCH_INDEX = os.environ.get("CONGVAN_SEARCH_INDEX") or None


def database_from_url(url: str | None, home: Path) -> dict:
    """The ``DATABASES['default']`` entry for ``url`` (``None`` → SQLite in ``home``)."""
    if not url:
        return _sqlite(home / "congvan.sqlite3")
    parts = urlsplit(url)
    scheme = parts.scheme.split("+")[0]
    if scheme == "sqlite":
        path = unquote(parts.path)
        if parts.netloc:  # sqlite://relative/path
            path = parts.netloc + path
        elif path.startswith("//"):  # sqlite:////abs/path
            path = path[1:]
        elif path.startswith("/"):  # sqlite:///relative/path
            path = path[1:]
        return _sqlite(Path(path))
    if scheme in ("postgres", "postgresql", "pgsql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "congvan",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
        }
    raise ValueError(f"CONGVAN_DATABASE_URL: không hỗ trợ loại cơ sở dữ liệu {scheme!r}")


def _sqlite(path: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            # Writers queue instead of failing, and take the write lock when the transaction
            # starts, so two clerks numbering at once wait for each other instead of deadlocking.
            "timeout": 60,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        },
        "TEST": {"NAME": str(path.with_name("test_" + path.name))},
    }


SECRET_KEY = os.environ.get("CONGVAN_SECRET_KEY") or "congvan-dev-only-not-secret"
DEBUG = os.environ.get("CONGVAN_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h.strip()
    for h in (os.environ.get("CONGVAN_ALLOWED_HOSTS") or "127.0.0.1,localhost").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "congvan.registry",
    "rest_framework",
    "drf_spectacular",
    "congvan.tracking",
    "congvan.portal",
    "congvan.compose",
    "congvan.exchange",
    "congvan.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "congvan.audit.ratelimit.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "congvan.audit.middleware.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "congvan.site.urls"
WSGI_APPLICATION = "congvan.site.wsgi.application"
ASGI_APPLICATION = "congvan.site.asgi.application"

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
            ],
        },
    },
]

DATABASES = {"default": database_from_url(os.environ.get("CONGVAN_DATABASE_URL"), HOME)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"

# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

LOGIN_URL = "admin:login"

# Tracking, portal and API (congvan.tracking, congvan.portal, congvan.api)
EMAIL_BACKEND = os.environ.get(
    "CONGVAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("CONGVAN_FROM_EMAIL", "congvan@localhost")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "congvan API",
    "DESCRIPTION": "Văn bản, đơn vị, hộp thư, nhiệm vụ, báo cáo kết quả và cổng công khai",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # request bodies get components of their own: an upload is then ``format: binary`` rather
    # than the ``uri`` a file field answers with
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "congvan.api.schema.one_empty_string",
        "congvan.api.schema.add_error_responses",
    ],
}

# Hardening (congvan.audit): password hashing, login rate limiting, sessions, upload limits.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # older hashes, upgraded at next login
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# ModelBackend behind a lock after repeated failed sign-ins (the one backend: login() and
# force_login() need no backend argument).
AUTHENTICATION_BACKENDS = ["congvan.audit.ratelimit.LoginRateLimitBackend"]
CONGVAN_LOGIN_FAILURES = int(os.environ.get("CONGVAN_LOGIN_FAILURES") or 5)
CONGVAN_LOGIN_WINDOW = int(os.environ.get("CONGVAN_LOGIN_WINDOW") or 900)
CONGVAN_MAX_UPLOAD_MB = int(os.environ.get("CONGVAN_MAX_UPLOAD_MB") or 100)
SESSION_COOKIE_AGE = int(os.environ.get("CONGVAN_SESSION_HOURS") or 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
DATA_UPLOAD_MAX_NUMBER_FILES = 100
