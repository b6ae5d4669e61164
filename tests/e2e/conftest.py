"""Django set up once for these tests (see ``tests/django_env.py``), and the browser:
Debian's Chromium driven by Playwright."""

import os
from pathlib import Path

import pytest

from tests import django_env  # noqa: F401

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--lang=vi",
]
# The browser's own words (file pickers, date fields: dd/mm/yyyy) in Vietnamese, as the
# department's people see them; Debian's chromium-l10n holds them (else they stay English).
ENV = {**os.environ, "LANGUAGE": "vi", "LANG": "vi_VN.UTF-8"}


def launch(p):
    return p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True, env=ENV)


@pytest.fixture(autouse=True)
def _orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in the test's thread; the test's own ORM calls
    (fixtures, checks) are synchronous and safe there. Only for these tests."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()
