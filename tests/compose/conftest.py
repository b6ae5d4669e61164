"""Django set up as for the tracking tests (SQLite in a temporary ``CONGVAN_HOME``, or the
PostgreSQL server of ``CONGVAN_TEST_DATABASE_URL``); the department's people, one per role."""

from __future__ import annotations

import pytest

from tests.django_env import client_as, people, search_in_database  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def _search_in_the_database(request):
    """Every test here searches inside the database."""
    request.getfixturevalue("search_in_database")
