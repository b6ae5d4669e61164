"""Django for the exchange tests: the registry tests' set-up, with ``congvan.exchange`` added
to the installed apps where the site settings do not list it yet."""

from __future__ import annotations

import os
import tempfile

import pytest

if not os.environ.get("DJANGO_SETTINGS_MODULE"):
    os.environ["CONGVAN_HOME"] = tempfile.mkdtemp(prefix="congvan-test-")
    if os.environ.get("CONGVAN_TEST_DATABASE_URL"):
        os.environ["CONGVAN_DATABASE_URL"] = os.environ["CONGVAN_TEST_DATABASE_URL"]
    else:
        os.environ.pop("CONGVAN_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "congvan.site.settings"

from congvan.site import settings as site_settings

if "congvan.exchange" not in site_settings.INSTALLED_APPS:
    site_settings.INSTALLED_APPS.append("congvan.exchange")

import django
from django.apps import apps

if not apps.ready:
    django.setup()

if not apps.is_installed("congvan.exchange"):
    pytest.skip(
        "congvan.exchange is not in INSTALLED_APPS (Django was set up before this conftest)",
        allow_module_level=True,
    )


@pytest.fixture
def me(db, monkeypatch):
    """Our own agency: Sở TTTT Nghệ An (000.00.00.H41), as the samples address it."""
    monkeypatch.setenv("CONGVAN_ORGAN_ID", "000.00.00.H41")
    monkeypatch.setenv("CONGVAN_ISSUER_NAME", "UBND Tỉnh Nghệ An")
    return "000.00.00.H41"
