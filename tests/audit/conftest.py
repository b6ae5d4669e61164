"""Django set up as for the tracking tests (SQLite in a temporary ``CONGVAN_HOME``, or
``CONGVAN_TEST_DATABASE_URL``); the department's people, one per role."""

from __future__ import annotations

import pytest

from tests.django_env import people, search_in_database  # noqa: F401  (fixtures)


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


@pytest.fixture(autouse=True)
def _search_in_the_database(request):
    """Every test here searches inside the database."""
    request.getfixturevalue("search_in_database")
