"""The registry tests: Django as ``tests/django_env.py`` sets it up, a search index of each
test's own, both search engines, and a ``store`` of records."""

from __future__ import annotations

import pytest

from tests import django_env  # noqa: F401

from .factories import make_record


@pytest.fixture(autouse=True)
def search_index(tmp_path, settings):
    """A search index of its own for each test (the database is rolled back after each)."""
    settings.CONGVAN_SEARCH_INDEX = str(tmp_path / "search-index")
    return settings.CONGVAN_SEARCH_INDEX


@pytest.fixture(params=["tantivy", "database"])
def search_backend(request, settings):
    """Run a test on the embedded engine and on the database's own full-text index."""
    from django.db import connection

    name = connection.vendor if request.param == "database" else request.param
    settings.CONGVAN_SEARCH_BACKEND = name
    return name


@pytest.fixture
def store(db):
    """``store(record=None, text=..., **record_fields)`` → a stored Document."""
    from congvan.registry.ingest import store_document

    def _store(record=None, *, text="", register=None, entered_on=None, data=None, **fields):
        record = record or make_record(**fields)
        document, _ = store_document(
            record,
            text=text,
            register=register,
            entered_on=entered_on,
            data=data,
            filename="van-ban.txt" if data is not None else "",
        )
        return document

    return _store
