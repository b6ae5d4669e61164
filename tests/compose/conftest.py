"""Django set up as for the tracking tests (SQLite in a temporary ``CONGVAN_HOME``, or the
PostgreSQL server of ``CONGVAN_TEST_DATABASE_URL``); the department's people, one per role."""

from __future__ import annotations

import pytest

from tests.tracking import django_env  # noqa: F401


@pytest.fixture(autouse=True)
def search_in_database(settings, tmp_path):
    """The registry's search index inside the database (written in the test's transaction),
    and an index folder of each test's own should another engine be asked for."""
    from django.db import connection

    settings.CONGVAN_SEARCH_BACKEND = connection.vendor
    settings.CONGVAN_SEARCH_INDEX = str(tmp_path / "search-index")


@pytest.fixture
def people(db):
    from tests.tracking.builders import make_org, make_user

    org = make_org("Báo Lạng Sơn", kind="press")
    found = {role: make_user(role, role) for role in ("clerk", "officer", "leader", "admin")}
    found["recipient"] = make_user("doc-gia", "recipient", org)
    return found


@pytest.fixture
def client_as():
    from django.test import Client

    def _client(user=None):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return _client
