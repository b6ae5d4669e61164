"""Security settings: deployment checklist, Argon2, login rate limiting, session expiry, CSRF on
every page, upload size limit, no secret in the repository."""

from __future__ import annotations

import base64
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.hardening.helpers import ROOT
from tests.tracking.builders import PASSWORD, make_user

# ------------------------------------------------------------------ production settings


def _production(tmp_path, code: str, **env) -> subprocess.CompletedProcess:
    environ = dict(os.environ)
    environ.pop("CONGVAN_DATABASE_URL", None)
    environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # never set for a production server
    environ.update(
        CONGVAN_HOME=str(tmp_path),
        CONGVAN_SECRET_KEY=secrets.token_urlsafe(64),
        CONGVAN_ALLOWED_HOSTS="congvan.example.gov.vn",
        DJANGO_SETTINGS_MODULE="congvan.site.production",
    )
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def test_the_deployment_checklist_is_clean_with_production_settings(tmp_path):
    done = _production(
        tmp_path,
        "import sys; from django.core.management import execute_from_command_line;"
        " execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_settings_refuse_a_missing_or_weak_secret_key(tmp_path):
    code = "import django; django.setup()"
    for key in ("", "ngắn", "congvan-dev-only-not-secret", "a" * 60):
        done = _production(tmp_path, code, CONGVAN_SECRET_KEY=key)
        assert done.returncode != 0
        assert "CONGVAN_SECRET_KEY" in done.stderr
    done = _production(tmp_path, code, CONGVAN_ALLOWED_HOSTS="")
    assert done.returncode != 0 and "CONGVAN_ALLOWED_HOSTS" in done.stderr


def test_production_passwords_are_hashed_with_argon2_and_cookies_are_secure(tmp_path):
    done = _production(
        tmp_path,
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.contrib.auth.hashers import make_password\n"
        "print(make_password('mật khẩu').split('$')[0])\n"
        "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,"
        " settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_AGE <= 8 * 3600)\n",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["argon2", "False True True True True"]


def test_the_development_settings_hash_with_argon2_too():
    from congvan.site import settings as module

    assert module.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert module.SESSION_COOKIE_AGE <= 8 * 3600 and module.SESSION_EXPIRE_AT_BROWSER_CLOSE


# ------------------------------------------------------------------ login rate limiting


@pytest.fixture
def officer(db):
    return make_user("officer", "officer")


def _login(client, username, password):
    return client.post(reverse("tracking:login"), {"username": username, "password": password})


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_lock_the_name_even_for_the_right_one(officer, settings):
    settings.CONGVAN_LOGIN_FAILURES = 5
    client = Client()
    for _ in range(5):
        _login(client, "officer", "sai")
        assert not _signed_in(client)
    _login(client, "officer", PASSWORD)
    assert not _signed_in(client), "a locked name signed in"
    # the admin's login door is the same lock
    admin = Client()
    admin.post(reverse("admin:login"), {"username": "officer", "password": PASSWORD})
    assert not _signed_in(admin)


def test_the_api_basic_authentication_is_locked_too(officer, settings):
    settings.CONGVAN_LOGIN_FAILURES = 3
    client = Client()

    def basic(password):
        token = base64.b64encode(f"officer:{password}".encode()).decode()
        return client.get("/api/", HTTP_AUTHORIZATION=f"Basic {token}")

    for _ in range(3):
        assert basic("sai").status_code in (401, 403)
    assert basic(PASSWORD).status_code in (401, 403)


def test_the_lock_ends_with_its_window(officer, settings):
    settings.CONGVAN_LOGIN_FAILURES = 2
    client = Client()
    for _ in range(2):
        _login(client, "officer", "sai")
    _login(client, "officer", PASSWORD)
    assert not _signed_in(client)
    settings.CONGVAN_LOGIN_WINDOW = 0  # the failures now lie outside the window
    _login(client, "officer", PASSWORD)
    assert _signed_in(client)


def test_a_successful_sign_in_clears_the_count(officer, settings):
    settings.CONGVAN_LOGIN_FAILURES = 3
    client = Client()
    for _ in range(2):
        _login(client, "officer", "sai")
    _login(client, "officer", PASSWORD)
    assert _signed_in(client)
    other = Client()
    for _ in range(2):
        _login(other, "officer", "sai")
    _login(other, "officer", PASSWORD)
    assert _signed_in(other), "failures from before the sign-in still counted"


def test_one_address_trying_many_names_is_locked(officer, settings):
    settings.CONGVAN_LOGIN_FAILURES = 2  # twelve per address
    client = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(12):
        _login(client, f"khong-co-{n}", "sai")
    _login(client, "officer", PASSWORD)
    assert not _signed_in(client)
    elsewhere = Client(REMOTE_ADDR="203.0.113.8")
    _login(elsewhere, "officer", PASSWORD)
    assert _signed_in(elsewhere), "another address was locked out"


def test_other_names_are_not_locked(officer, settings):
    settings.CONGVAN_LOGIN_FAILURES = 2
    make_user("clerk", "clerk")
    client = Client()
    for _ in range(2):
        _login(client, "officer", "sai")
    _login(client, "clerk", PASSWORD)
    assert _signed_in(client)


# ------------------------------------------------------------------ sessions


def test_an_expired_session_is_signed_out(officer):
    import datetime as dt

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = Client()
    client.force_login(officer)
    assert client.get("/").wsgi_request.user.is_authenticated
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert not client.get("/").wsgi_request.user.is_authenticated


# ------------------------------------------------------------------ CSRF on every page


def _paths(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if route.startswith("^"):  # a regular expression (the admin's catch-alls): skip
            continue
        if isinstance(entry, URLResolver):
            yield from _paths(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            path = prefix + route
            path = re.sub(r"<int:[^>]+>", "1", path)
            path = re.sub(r"<[^>]+>", "x", path)
            yield "/" + path


def test_every_page_refuses_a_post_without_the_csrf_token(officer):
    admin = make_user("quan-tri", "admin")
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    paths = sorted(set(_paths()))
    assert len(paths) > 20
    accepted = []
    for path in paths:
        response = client.post(path, {"x": "1"})
        # 405: the door takes no POST at all (the API's schema); 404: no such page
        if response.status_code not in (403, 404, 405):
            accepted.append((path, response.status_code))
    assert not accepted, f"POST without a CSRF token not refused: {accepted}"
    # and with the token the same door opens (the refusal was the token, not the user)
    client.get("/tai-len/")  # a page with a form sets the cookie
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("tracking:logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code in (200, 302)


# ------------------------------------------------------------------ upload size


def test_a_request_larger_than_the_limit_is_refused_before_it_is_read(officer, settings):
    settings.CONGVAN_MAX_UPLOAD_MB = 1
    client = Client()
    client.force_login(officer)
    response = client.generic(
        "POST", "/tai-len/", b"x" * 10, CONTENT_LENGTH=str(2 * 1024 * 1024),
        content_type="application/octet-stream",
    )  # fmt: skip
    assert response.status_code == 413
    assert "quá lớn" in response.content.decode()


# ------------------------------------------------------------------ no secret in the repository

SECRET_PATTERNS = [
    (r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----", "private key"),
    (r"\bAKIA[0-9A-Z]{16}\b", "AWS access key"),
    (r"\bgh[pousr]_[A-Za-z0-9]{36,}\b", "GitHub token"),
    (r"\bxox[abprs]-[A-Za-z0-9-]{10,}", "Slack token"),
    (r"\bsk_live_[A-Za-z0-9]{16,}", "Stripe key"),
    (r"\bAIza[0-9A-Za-z_-]{35}\b", "Google API key"),
    (r"django-insecure-[A-Za-z0-9!@#$%^&*()_+=-]{20,}", "Django generated secret key"),
    (r"SECRET_KEY\s*=\s*['\"](?!congvan-dev-only-not-secret)[^'\"]{30,}['\"]", "a SECRET_KEY"),
]
SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "var", "__pycache__", ".ruff_cache",
             ".pytest_cache", ".hypothesis", "build", "dist"}  # fmt: skip


def _repository_files():
    for root, dirs, names in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info")]
        for name in names:
            path = os.path.join(root, name)
            if os.path.getsize(path) < 2_000_000:
                yield path


def test_no_secret_in_the_repository():
    found = []
    compiled = [(re.compile(p), what) for p, what in SECRET_PATTERNS]
    for path in _repository_files():
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (UnicodeDecodeError, OSError):
            continue
        if path == __file__:
            continue
        for pattern, what in compiled:
            if pattern.search(text):
                found.append((os.path.relpath(path, ROOT), what))
    assert not found, f"secrets in the repository: {found}"


def test_the_scan_finds_a_planted_key():
    key = "-----BEGIN " + "RSA PRIVATE KEY-----"
    assert any(re.search(p, key) for p, _ in SECRET_PATTERNS)
    assert any(re.search(p, "AKIA" + "ABCDEFGHIJKLMNOP") for p, _ in SECRET_PATTERNS)
