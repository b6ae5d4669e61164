"""The audit trail: append-only, hash-chained events.

Each :class:`Event` stores ``prev_hash`` (the hash of the event before it, ``GENESIS`` for the
first) and ``hash`` = SHA-256 of ``prev_hash`` and its own content (:func:`congvan.audit.chain
.digest`). ``seq`` counts from 1 without gaps. :class:`Head` holds the last ``seq`` and ``hash``:
appending locks it, so events are chained one at a time, and deleting the last event is seen.
"""

from __future__ import annotations

from django.db import models


class AppendOnly(Exception):
    """An audit event is never changed or deleted."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Nhật ký kiểm tra chỉ được ghi thêm, không được sửa.")

    def delete(self):
        raise AppendOnly("Nhật ký kiểm tra chỉ được ghi thêm, không được xoá.")


class Event(models.Model):
    seq = models.BigIntegerField("thứ tự", unique=True)
    at = models.DateTimeField("thời điểm", db_index=True)
    actor_id = models.BigIntegerField("mã người dùng", null=True, blank=True)
    actor = models.CharField("người thực hiện", max_length=300, blank=True, default="")
    action = models.CharField("hành động", max_length=60, db_index=True)
    object_type = models.CharField("loại đối tượng", max_length=100, blank=True, default="")
    object_id = models.CharField("mã đối tượng", max_length=100, blank=True, default="")
    document_id = models.BigIntegerField("mã văn bản", null=True, blank=True, db_index=True)
    detail = models.JSONField("chi tiết", default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "sự kiện nhật ký"
        verbose_name_plural = "nhật ký kiểm tra"
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("Nhật ký kiểm tra chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Nhật ký kiểm tra chỉ được ghi thêm, không được xoá.")

    @property
    def label(self) -> str:
        from congvan.audit.chain import ACTIONS

        return ACTIONS.get(self.action, self.action)


class Head(models.Model):
    """The one row (pk 1) naming the last event of the chain."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "đầu chuỗi nhật ký"
        verbose_name_plural = "đầu chuỗi nhật ký"


class LoginFailure(models.Model):
    """A failed sign-in (by user name and by client address), for login rate limiting; kept in
    the database so every application process sees the same count."""

    key = models.CharField(max_length=300, db_index=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "đăng nhập sai"
        verbose_name_plural = "đăng nhập sai"
