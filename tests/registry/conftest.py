"""Django for the registry tests only (``tests/document`` stays Django-free).

The database is SQLite in a temporary ``CONGVAN_HOME``, or the PostgreSQL server named by
``CONGVAN_TEST_DATABASE_URL`` (``postgresql://user:password@host/name``; pytest-django creates
and drops ``test_<name>`` there).
"""

from __future__ import annotations

import os
import tempfile

import pytest

_HOME = tempfile.mkdtemp(prefix="congvan-test-")
os.environ["CONGVAN_HOME"] = _HOME
if os.environ.get("CONGVAN_TEST_DATABASE_URL"):
    os.environ["CONGVAN_DATABASE_URL"] = os.environ["CONGVAN_TEST_DATABASE_URL"]
else:
    os.environ.pop("CONGVAN_DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "congvan.site.settings"

import django  # noqa: E402

django.setup()

from .factories import make_record  # noqa: E402


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
