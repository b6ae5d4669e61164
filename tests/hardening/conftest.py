"""Django set up as for the tracking tests; most tests here run ``congvan`` in processes of
their own, each against a temporary CONGVAN_HOME."""

from __future__ import annotations

from tests import django_env  # noqa: F401
