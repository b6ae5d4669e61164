"""Django for the database tests: SQLite in a temporary ``CONGVAN_HOME``, or the PostgreSQL
server of ``CONGVAN_TEST_DATABASE_URL`` (pytest-django creates and drops ``test_<name>``
there). Whichever conftest imports this first sets Django up; ``tests/document`` never does."""

from __future__ import annotations

import os
import tempfile

import pytest
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


# Fixtures shared by the database tests; a folder's conftest imports those it uses.


@pytest.fixture
def search_in_database(settings, tmp_path):
    """The registry's search index inside the database (written in the test's transaction),
    and an index folder of each test's own should another engine be asked for."""
    from django.db import connection

    settings.CONGVAN_SEARCH_BACKEND = connection.vendor
    settings.CONGVAN_SEARCH_INDEX = str(tmp_path / "search-index")


@pytest.fixture
def people(db):
    """The department's people, one per role, and a recipient organisation's reader."""
    from tests.tracking.builders import make_org, make_user

    org = make_org("Báo Lạng Sơn", kind="press")
    found = {role: make_user(role, role) for role in ("clerk", "officer", "leader", "admin")}
    found["recipient"] = make_user("doc-gia", "recipient", org)
    return found


@pytest.fixture
def client_as():
    """``client_as(user)`` → a test client signed in as ``user`` (or not signed in)."""
    from django.test import Client

    def _client(user=None):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return _client
