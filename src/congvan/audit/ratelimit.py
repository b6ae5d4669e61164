"""Login rate limiting: after too many failed sign-ins, a user name (or a client address) is
refused for a while, whatever the password.

:class:`LoginRateLimitBackend` (Django's ``ModelBackend`` with a lock in front) is the
authentication backend: ``authenticate()`` asks it on every door (the login page, the admin, the
API's Basic authentication), and it stops the attempt with ``PermissionDenied`` while the name
or the address is locked. Failures
are counted from Django's ``user_login_failed`` signal in :class:`LoginFailure` rows (shared by
every application process), and a successful sign-in clears the name's count.

Settings (and environment variables): ``CONGVAN_LOGIN_FAILURES`` failures per user name (default
5; six times as many per client address) within ``CONGVAN_LOGIN_WINDOW`` seconds (default 900).
Behind a reverse proxy
(``SECURE_PROXY_SSL_HEADER`` set), the client address is the last ``X-Forwarded-For`` entry, the
one the proxy itself added.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils import timezone

MESSAGE = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút."


def _limits() -> tuple[int, int, int]:
    return (
        int(getattr(settings, "CONGVAN_LOGIN_FAILURES", 5)),
        6 * int(getattr(settings, "CONGVAN_LOGIN_FAILURES", 5)),
        int(getattr(settings, "CONGVAN_LOGIN_WINDOW", 900)),
    )


def client_address(request) -> str:
    if request is None:
        return ""
    meta = getattr(request, "META", {})
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = [a.strip() for a in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded and forwarded[-1]:
            return forwarded[-1]
    return meta.get("REMOTE_ADDR", "")


def _keys(username: str | None, request) -> list[tuple[str, int]]:
    per_name, per_ip, _ = _limits()
    keys = []
    if username:
        keys.append((f"user:{username.strip().casefold()}"[:300], per_name))
    address = client_address(request)
    if address:
        keys.append((f"ip:{address}"[:300], per_ip))
    return keys


def locked(username: str | None, request) -> bool:
    from congvan.audit.models import LoginFailure

    _, _, window = _limits()
    since = timezone.now() - dt.timedelta(seconds=window)
    for key, limit in _keys(username, request):
        if LoginFailure.objects.filter(key=key, at__gte=since).count() >= limit:
            return True
    return False


class LoginRateLimitBackend(ModelBackend):
    """``ModelBackend`` that refuses (``PermissionDenied``) while the user name or the address
    is locked."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            from django.contrib.auth import get_user_model

            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if locked(username, request):
            if request is not None:
                request.congvan_login_locked = True
            raise PermissionDenied(MESSAGE.format(minutes=max(1, _limits()[2] // 60)))
        return super().authenticate(request, username=username, password=password, **kwargs)


def on_login_failed(sender, credentials, request=None, **kwargs):
    from congvan.audit.models import LoginFailure

    if request is not None and getattr(request, "congvan_login_locked", False):
        return  # refused while locked: not counted again (the lock ends on time)
    username = credentials.get("username") or next(
        (v for k, v in credentials.items() if k != "password" and isinstance(v, str)), None
    )
    now = timezone.now()
    LoginFailure.objects.bulk_create(
        [LoginFailure(key=key, at=now) for key, _ in _keys(username, request)]
    )
    _, _, window = _limits()
    LoginFailure.objects.filter(at__lt=now - dt.timedelta(seconds=2 * window)).delete()


def on_logged_in(sender, request, user, **kwargs):
    from congvan.audit.models import LoginFailure

    keys = [k for k, _ in _keys(user.get_username(), None)]
    LoginFailure.objects.filter(key__in=keys).delete()


class RequestSizeLimitMiddleware:
    """Refuses (413) a request whose body is larger than ``CONGVAN_MAX_UPLOAD_MB`` megabytes
    (default 100) before anything reads it; Django's own limit leaves uploaded files out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponse

        limit = int(getattr(settings, "CONGVAN_MAX_UPLOAD_MB", 100)) * 1024 * 1024
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return HttpResponse(
                f"Dữ liệu gửi lên quá lớn (tối đa {limit // (1024 * 1024)} MB).",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
