"""Django set up as for the tracking tests (SQLite in a temporary ``CONGVAN_HOME``, or
``CONGVAN_TEST_DATABASE_URL``); the department's people, one per role."""

from __future__ import annotations

import pytest

from tests.tracking import django_env  # noqa: F401


@pytest.fixture(autouse=True)
def search_in_database(settings, tmp_path):
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
def store(db):
    """``store(**record_fields)`` → a stored Document (with a file)."""
    from congvan.registry.ingest import store_document
    from tests.registry.factories import make_record

    def _store(register=None, **fields):
        document, _ = store_document(
            make_record(**fields),
            text="nội dung",
            data=repr(fields).encode() + b"-file",
            filename="van-ban.txt",
            register=register,
        )
        return document

    return _store
