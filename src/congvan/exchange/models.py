"""Agencies of the exchange, packages received and sent, and what receivers answered.

A :class:`Message` is one edXML package, kept as received or as sent (its bytes in the file
store by SHA-256): a document package (``kind=document``) linked to the registered
:class:`~congvan.registry.models.Document` it carries, or a status package (``kind=status``)
linked to the document it is about. For a document we sent, each receiver has a
:class:`Delivery` holding the last status code it sent back; for a document we received,
``Message.status_code`` is the last status we sent its sender, and ``revoked`` /
``recall_requested`` record the sender's recall.
"""

from __future__ import annotations

from django.db import models

from congvan.registry.models import Document


class Agency(models.Model):
    """An agency of the exchange and its mã định danh (``000.00.00.H41``)."""

    organ_id = models.CharField("mã định danh", max_length=50, unique=True)
    name = models.CharField("tên cơ quan", max_length=300)
    in_charge = models.CharField("cơ quan chủ quản", max_length=300, blank=True, default="")
    address = models.CharField("địa chỉ", max_length=300, blank=True, default="")
    email = models.CharField("thư điện tử", max_length=200, blank=True, default="")
    telephone = models.CharField("điện thoại", max_length=100, blank=True, default="")
    fax = models.CharField("fax", max_length=100, blank=True, default="")
    website = models.CharField("trang thông tin", max_length=200, blank=True, default="")
    is_self = models.BooleanField("là cơ quan mình", default=False)
    name_key = models.CharField(max_length=300, default="", editable=False, db_index=True)

    class Meta:
        verbose_name = "cơ quan liên thông"
        verbose_name_plural = "cơ quan liên thông"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organ_id})"

    def save(self, *args, **kwargs):
        from congvan.document.vntext import fold

        self.name_key = fold(self.name or "")
        super().save(*args, **kwargs)


class Message(models.Model):
    INCOMING = "in"
    OUTGOING = "out"
    DIRECTIONS = [(INCOMING, "Nhận"), (OUTGOING, "Gửi")]
    DOCUMENT = "document"
    STATUS = "status"
    KINDS = [(DOCUMENT, "Văn bản"), (STATUS, "Trạng thái")]

    direction = models.CharField("chiều", max_length=3, choices=DIRECTIONS)
    kind = models.CharField("loại gói tin", max_length=10, choices=KINDS)
    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="exchange_messages",
        verbose_name="văn bản",
    )
    edxml_id = models.CharField("mã văn bản (DocumentId)", max_length=300, db_index=True)
    sender_id = models.CharField("mã định danh nơi gửi", max_length=50, blank=True, default="")
    sender_name = models.CharField("nơi gửi", max_length=300, blank=True, default="")
    receiver_ids = models.JSONField("mã định danh nơi nhận", default=list, blank=True)
    business_type = models.IntegerField("nghiệp vụ (BussinessDocType)", null=True, blank=True)
    status_code = models.CharField("mã trạng thái", max_length=2, blank=True, default="")
    description = models.TextField("mô tả", blank=True, default="")
    revoked = models.BooleanField("đã bị thu hồi", default=False)
    recall_requested = models.BooleanField("nơi gửi yêu cầu lấy lại", default=False)
    replaced_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces"
    )
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.BigIntegerField("dung lượng")
    name = models.CharField("tên tệp", max_length=500, blank=True, default="")
    warnings = models.JSONField("cảnh báo", default=list, blank=True)
    sent = models.BooleanField("đã chuyển đi", default=False)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "gói tin edXML"
        verbose_name_plural = "gói tin edXML"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "sha256"], name="exchange_message_unique_bytes"
            )
        ]

    def __str__(self) -> str:
        what = f"trạng thái {self.status_code}" if self.kind == self.STATUS else "văn bản"
        return f"{self.get_direction_display()} {what} {self.edxml_id}"

    @property
    def file_path(self):
        from congvan.registry.files import path_for

        return path_for(self.sha256)

    @property
    def status_label(self) -> str:
        from congvan.document.edxml import STATUS_CODES

        return STATUS_CODES.get(self.status_code, "")


class Attachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    position = models.IntegerField()
    name = models.CharField("tên tệp", max_length=500)
    content_type = models.CharField(max_length=200, blank=True, default="")
    description = models.TextField(blank=True, default="")
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField("dung lượng")

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["message", "position"]

    def __str__(self) -> str:
        return self.name

    @property
    def file_path(self):
        from congvan.registry.files import path_for

        return path_for(self.sha256)


class Delivery(models.Model):
    """A document we sent, at one receiver: the last status it sent back."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    organ_id = models.CharField("mã định danh nơi nhận", max_length=50)
    name = models.CharField("nơi nhận", max_length=300, blank=True, default="")
    status_code = models.CharField("mã trạng thái", max_length=2, blank=True, default="")
    description = models.TextField(blank=True, default="")
    status_at = models.CharField("thời điểm (theo nơi nhận)", max_length=40, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "nơi nhận văn bản đã gửi"
        verbose_name_plural = "nơi nhận văn bản đã gửi"
        ordering = ["message", "name"]
        constraints = [
            models.UniqueConstraint(fields=["message", "organ_id"], name="exchange_delivery_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name or self.organ_id}: {self.status_label or 'chưa có trạng thái'}"

    @property
    def status_label(self) -> str:
        from congvan.document.edxml import STATUS_CODES

        return STATUS_CODES.get(self.status_code, "")
