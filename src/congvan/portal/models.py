"""Publication: a registered document marked public, shown on the portal and in its feed.

Only documents with a :class:`Publication` ever reach a public page, the feed or the public API.
``search_key`` is the folded subject, code, kind and issuer, for search without diacritics.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from congvan.registry.models import Document


class Publication(models.Model):
    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, related_name="publication", verbose_name="văn bản"
    )
    published_at = models.DateTimeField("ngày đăng tải", db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người đăng tải",
    )
    search_key = models.TextField(default="", editable=False)

    class Meta:
        verbose_name = "văn bản công khai"
        verbose_name_plural = "văn bản công khai"
        ordering = ["-published_at", "-id"]
        permissions = [("publish_document", "Đăng tải, gỡ văn bản trên cổng công khai")]

    def __str__(self) -> str:
        return str(self.document)
