"""Django set up once for these tests (see ``tests/django_env.py``)."""

from tests import django_env  # noqa: F401
from tests.tracking.fixtures import world  # noqa: F401
