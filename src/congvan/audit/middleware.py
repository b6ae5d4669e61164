"""The user of the request becomes the actor of every event recorded while it is served."""

from __future__ import annotations

from congvan.audit.chain import _actor


class AuditActorMiddleware:
    """Place after ``AuthenticationMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _actor.set(_LazyUser(request))
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)


class _LazyUser:
    """``request.user`` read when an event is recorded (after login, it is the new user)."""

    def __init__(self, request):
        self.request = request

    def __getattr__(self, name):
        return getattr(self.request.user, name)
