"""What the stored documents hold, for the list filters: their kinds and their issuers' keys.

Each is a scan of an index on a large store, so it is kept in the cache until a document is
added (the newest one's number and time of entry are the key) or for five minutes, should a
stored document change its kind or issuer.
"""

from __future__ import annotations

from django.core.cache import cache

KEEP_SECONDS = 300


def _cached(name: str, compute):
    from congvan.registry.models import Document

    pk, at = Document.objects.order_by("-pk").values_list("pk", "created_at").first() or (0, None)
    key = f"congvan.registry.{name}.{pk}.{at.timestamp() if at else 0}"
    return cache.get_or_set(key, compute, KEEP_SECONDS)


def kinds() -> list[str]:
    from congvan.registry.models import Document

    def compute():
        rows = Document.objects.exclude(kind__isnull=True).order_by("kind")
        return list(rows.values_list("kind", flat=True).distinct())

    return _cached("kinds", compute)


def issuer_keys_containing(key: str) -> list[str]:
    """The stored issuers' keys that contain ``key`` (a folded part of a name): a filter by
    issuer becomes an index lookup of these few keys instead of a scan of every document."""
    from congvan.registry.models import Document

    def compute():
        rows = Document.objects.exclude(issuer_key="").order_by("issuer_key")
        return list(rows.values_list("issuer_key", flat=True).distinct())

    return [k for k in _cached("issuer_keys", compute) if key in k]
