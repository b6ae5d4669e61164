"""Publish and withdraw documents on the public portal (service functions)."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from congvan.document.vntext import fold
from congvan.portal.models import Publication
from congvan.registry.models import Document

PUBLISH = "portal.publish_document"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def search_key(document: Document) -> str:
    parts = (document.kind, document.code, document.subject, document.issuer_name)
    return " ".join(fold(" ".join(p for p in parts if p)).split())


def publish(document: Document, user) -> Publication:
    """Mark ``document`` public (again: nothing changes)."""
    if user is not None and not user.has_perm(PUBLISH):
        raise PermissionDenied("Bạn không có quyền đăng tải văn bản.")
    publication, _ = Publication.objects.get_or_create(
        document=document,
        defaults={
            "published_at": timezone.now(),
            "published_by": user,
            "search_key": search_key(document),
        },
    )
    return publication


def withdraw(document: Document, user) -> bool:
    if user is not None and not user.has_perm(PUBLISH):
        raise PermissionDenied("Bạn không có quyền gỡ văn bản.")
    deleted, _ = Publication.objects.filter(document=document).delete()
    return bool(deleted)


def published(query: str = ""):
    """Published documents, newest first; ``query`` matches words without diacritics."""
    items = Publication.objects.select_related("document")
    condition = Q()
    # a control character only parts words: PostgreSQL refuses NUL in a query (it was a 500)
    for word in fold(_CONTROL.sub(" ", query or "")).split():
        condition &= Q(search_key__contains=word)
    return items.filter(condition).order_by("-published_at", "-id")


def is_published(document: Document) -> bool:
    return Publication.objects.filter(document=document).exists()
