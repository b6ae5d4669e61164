"""Production settings: ``DJANGO_SETTINGS_MODULE=congvan.site.production``.

Everything of :mod:`congvan.site.settings` (read from the same environment variables), made fit
for a deployment behind a TLS-terminating reverse proxy (nginx): HTTPS only, secure cookies,
HSTS, no debug pages. ``manage.py check --deploy`` passes with it.

Required: ``CONGVAN_SECRET_KEY`` (at least 50 random characters, e.g. from
``python -c "import secrets; print(secrets.token_urlsafe(64))"``) and ``CONGVAN_ALLOWED_HOSTS``.
Optional: ``CONGVAN_CSRF_TRUSTED_ORIGINS`` (comma-separated ``https://host`` origins, when the
site is reached under another name than the one nginx passes on), ``CONGVAN_HSTS_SECONDS``
(default one year; ``0`` while trying TLS out).
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from congvan.site.settings import *  # noqa: F403
from congvan.site.settings import DATABASES

_DEV_KEY = "congvan-dev-only-not-secret"

SECRET_KEY = os.environ.get("CONGVAN_SECRET_KEY", "")
if len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_KEY or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "CONGVAN_SECRET_KEY chưa đặt hoặc quá ngắn (cần ít nhất 50 ký tự ngẫu nhiên), ví dụ:"
        ' python -c "import secrets; print(secrets.token_urlsafe(64))"'
    )
if not os.environ.get("CONGVAN_ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "CONGVAN_ALLOWED_HOSTS chưa đặt: ghi tên miền của hệ thống, ví dụ congvan.langson.gov.vn"
    )

DEBUG = False

# TLS ends at nginx, which says so in X-Forwarded-Proto (see docs/deploy.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = int(os.environ.get("CONGVAN_HSTS_SECONDS") or 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [
    o.strip()
    for o in (os.environ.get("CONGVAN_CSRF_TRUSTED_ORIGINS") or "").split(",")
    if o.strip()
]

# Several application processes share the database: keep connections, check them first.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.security": {"handlers": ["console"], "level": "INFO"}},
}
