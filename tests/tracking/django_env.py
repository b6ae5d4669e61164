"""Django for the tracking, portal, API and browser tests, set up as ``tests/registry`` does:
SQLite in a temporary ``CONGVAN_HOME``, or ``CONGVAN_TEST_DATABASE_URL``. Whichever conftest
runs first sets Django up; the others find it ready."""

from __future__ import annotations

import os
import tempfile

from django.apps import apps

if not apps.ready:
    os.environ["CONGVAN_HOME"] = tempfile.mkdtemp(prefix="congvan-test-")
    if os.environ.get("CONGVAN_TEST_DATABASE_URL"):
        os.environ["CONGVAN_DATABASE_URL"] = os.environ["CONGVAN_TEST_DATABASE_URL"]
    else:
        os.environ.pop("CONGVAN_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "congvan.site.settings"
    os.environ.setdefault("CONGVAN_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

    import django

    django.setup()

from django.conf import settings

# Signing in many people per test: a fast hash (tests only).
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
