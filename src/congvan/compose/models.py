"""A dispatch being composed (:class:`Dispatch`) and its issued, frozen versions (:class:`Version`).

``Dispatch.record`` is the working copy, a ``congvan.document/1`` record without number and
date while it is a draft. Issuing it writes a :class:`Version`: the record as issued (number,
date), the registry document that holds its DOCX, and who drafted, signed and issued it. A
version is never changed or deleted; a later change is the next version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from congvan.document.model import Document as Record


class FrozenVersion(Exception):
    """An issued version cannot be changed or deleted."""


class Dispatch(models.Model):
    DRAFT, SIGNED, ISSUED = "draft", "signed", "issued"
    STATUSES = [(DRAFT, "Dự thảo"), (SIGNED, "Đã duyệt ký"), (ISSUED, "Đã phát hành")]

    status = models.CharField(
        "trạng thái", max_length=10, choices=STATUSES, default=DRAFT, db_index=True
    )
    record = models.JSONField("nội dung (bản ghi văn bản)", default=dict)
    opening = models.TextField("đoạn mở đầu", blank=True, default="")
    closing = models.TextField("đoạn kết", blank=True, default="")
    version = models.PositiveIntegerField("phiên bản", default=1)
    reason = models.TextField("lý do sửa đổi", blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField("ngày sửa", auto_now=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người duyệt ký",
    )
    signed_at = models.DateTimeField("ngày duyệt ký", null=True, blank=True)

    class Meta:
        verbose_name = "văn bản đi (soạn thảo)"
        verbose_name_plural = "văn bản đi (soạn thảo)"
        ordering = ["-updated_at", "-id"]
        permissions = [
            ("compose_dispatch", "Soạn thảo văn bản đi"),
            ("sign_dispatch", "Duyệt ký văn bản đi"),
            ("issue_dispatch", "Cấp số, phát hành văn bản đi"),
        ]

    def __str__(self) -> str:
        record = self.to_record()
        return " ".join(p for p in (record.kind, record.code, record.subject) if p) or "Dự thảo"

    def to_record(self) -> Record:
        return Record.from_json(self.record or {})

    @property
    def opening_paragraphs(self) -> list[str] | None:
        return paragraphs(self.opening)

    @property
    def closing_paragraphs(self) -> list[str] | None:
        return paragraphs(self.closing)

    @property
    def latest(self) -> Version | None:
        return self.versions.order_by("-version").first()


def paragraphs(text: str) -> list[str] | None:
    """One paragraph a line; ``None`` (the composed default) for an empty text."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    return lines or None


class Version(models.Model):
    """One issued version of a dispatch, frozen: never updated, never deleted."""

    dispatch = models.ForeignKey(Dispatch, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField("phiên bản")
    record = models.JSONField("bản ghi đã phát hành")
    opening = models.TextField(blank=True, default="")
    closing = models.TextField(blank=True, default="")
    reason = models.TextField("lý do sửa đổi", blank=True, default="")
    document = models.OneToOneField(
        "registry.Document",
        on_delete=models.PROTECT,
        related_name="compose_version",
        verbose_name="văn bản trong sổ",
    )
    year = models.IntegerField("năm")
    register_number = models.IntegerField("số trong sổ văn bản đi")
    issued_on = models.DateField("ngày ban hành")
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    issued_at = models.DateTimeField("ngày phát hành", auto_now_add=True)

    class Meta:
        verbose_name = "phiên bản đã phát hành"
        verbose_name_plural = "phiên bản đã phát hành"
        ordering = ["dispatch", "version"]
        constraints = [
            models.UniqueConstraint(fields=["dispatch", "version"], name="compose_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.to_record().code} (phiên bản {self.version})"

    def to_record(self) -> Record:
        return Record.from_json(self.record)

    @property
    def number_text(self) -> str:
        return f"{self.register_number:02d}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise FrozenVersion("Văn bản đã phát hành không được sửa; hãy tạo phiên bản mới.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenVersion("Văn bản đã phát hành không được xóa.")
