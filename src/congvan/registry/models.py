"""Stored documents, their files, registers with per-year numbering, and citations.

A stored :class:`Document` keeps every field of the dispatch record (``congvan.document/1``) in
columns, the original file exactly as received (SHA-256, size, type, name) and the extracted
text. Search keys (``*_key``) are the folded forms of :func:`congvan.document.vntext.fold`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from congvan.document.model import Document as Record
from congvan.document.model import Issuer, Reference, Signer, Task


class Document(models.Model):
    # the record (spec/document-json.md); text fields as written, NFC
    kind = models.CharField("loại văn bản", max_length=200, null=True, blank=True)
    urgency = models.CharField("độ khẩn", max_length=50, null=True, blank=True)
    issuer_name = models.CharField("cơ quan ban hành", max_length=500, null=True, blank=True)
    issuer_parent = models.CharField("cơ quan chủ quản", max_length=500, null=True, blank=True)
    number = models.CharField("số", max_length=50, null=True, blank=True)
    notation = models.CharField("ký hiệu", max_length=200, null=True, blank=True)
    place = models.CharField("địa danh", max_length=200, null=True, blank=True)
    date = models.CharField("ngày ban hành", max_length=10, null=True, blank=True)
    subject = models.TextField("trích yếu", null=True, blank=True)
    recipients = models.JSONField("kính gửi", default=list, blank=True)
    tasks = models.JSONField("nhiệm vụ", default=list, blank=True)
    distribution = models.JSONField("nơi nhận", default=list, blank=True)
    signer_form = models.CharField("hình thức ký", max_length=10, null=True, blank=True)
    signer_authority = models.CharField("thẩm quyền ký", max_length=200, null=True, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=200, null=True, blank=True)
    signer_name = models.CharField("người ký", max_length=200, null=True, blank=True)

    # derived, for filters, lookup and uniqueness
    year = models.IntegerField("năm", null=True, blank=True)
    issued_on = models.DateField(
        "ngày ban hành (đầu kỳ)",
        null=True,
        blank=True,
        help_text="First day of the date: 2020-07 → 2020-07-01, for date ranges and sorting.",
    )
    issuer_key = models.CharField(max_length=500, default="", blank=True)
    # the parent too: every province has a Sở Tài chính numbering its own ``…/STC-…`` series
    parent_key = models.CharField(max_length=500, default="", blank=True)
    code_key = models.CharField(max_length=250, default="", blank=True, db_index=True)

    # the text and the original file
    text = models.TextField("nội dung", blank=True, default="")
    sha256 = models.CharField(max_length=64, null=True, blank=True, unique=True)
    size = models.BigIntegerField("dung lượng", null=True, blank=True)
    content_type = models.CharField("loại tệp", max_length=200, blank=True, default="")
    original_name = models.CharField("tên tệp gốc", max_length=500, blank=True, default="")
    # a scan: the searchable PDF that OCR made of it (in the file store) and how sure OCR was
    ocr_sha256 = models.CharField(max_length=64, blank=True, default="")
    ocr_confidence = models.FloatField("độ tin cậy nhận dạng (%)", null=True, blank=True)
    created_at = models.DateTimeField("ngày vào hệ thống", auto_now_add=True)

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "-id"]
        # the lists run newest first within a filter: each filter's index ends with that order,
        # so a page is read off the index (no sort of the matches) and counts are index scans
        indexes = [
            models.Index(fields=["issued_on", "id"], name="registry_doc_date"),
            models.Index(fields=["kind", "issued_on", "id"], name="registry_doc_kind_date"),
            models.Index(
                fields=["kind", "year", "issued_on", "id"], name="registry_doc_kind_year_date"
            ),
            models.Index(fields=["year", "issued_on", "id"], name="registry_doc_year_date"),
            models.Index(fields=["issuer_key", "issued_on", "id"], name="registry_doc_issuer_date"),
        ]
        constraints = [
            # số + ký hiệu + năm is unique per issuer (a blank number is not yet a number).
            models.UniqueConstraint(
                fields=["issuer_key", "parent_key", "number", "notation", "year"],
                condition=Q(number__isnull=False) & Q(year__isnull=False),
                name="registry_document_unique_number",
            ),
        ]

    def __str__(self) -> str:
        return " ".join(
            p for p in (self.kind, self.code, self.subject and f"V/v {self.subject}") if p
        )

    @property
    def code(self) -> str:
        """``498/STTTT-TTBCBC`` as printed; ``/STTTT-TTBCXB`` where the number is blank."""
        if self.notation:
            return f"{self.number or ''}/{self.notation}"
        return self.number or ""

    @property
    def file_path(self):
        from congvan.registry.files import path_for

        return path_for(self.sha256) if self.sha256 else None

    @property
    def ocr_path(self):
        from congvan.registry.files import path_for

        return path_for(self.ocr_sha256) if self.ocr_sha256 else None

    def to_record(self) -> Record:
        return Record(
            kind=self.kind,
            urgency=self.urgency,
            issuer=Issuer(name=self.issuer_name, parent=self.issuer_parent),
            number=self.number,
            notation=self.notation,
            place=self.place,
            date=self.date,
            subject=self.subject,
            recipients=list(self.recipients or []),
            references=[c.to_reference() for c in self.citations.all()],
            tasks=[Task.from_json(t) for t in self.tasks or []],
            distribution=list(self.distribution or []),
            signer=Signer(
                form=self.signer_form,
                authority=self.signer_authority,
                title=self.signer_title,
                name=self.signer_name,
            ),
        )


class SearchChange(models.Model):
    """A document whose search entry is to be written (an outbox, for index engines outside the
    database): added in the document's own transaction, removed once the index has it."""

    document_id = models.BigIntegerField()

    class Meta:
        verbose_name = "thay đổi chờ lập chỉ mục"
        verbose_name_plural = "thay đổi chờ lập chỉ mục"


class Register(models.Model):
    """Sổ văn bản: the incoming (đến) or outgoing (đi) register of the department."""

    INCOMING = "incoming"
    OUTGOING = "outgoing"
    DIRECTIONS = [(INCOMING, "Sổ văn bản đến"), (OUTGOING, "Sổ văn bản đi")]

    direction = models.CharField("loại sổ", max_length=20, choices=DIRECTIONS, unique=True)
    name = models.CharField("tên sổ", max_length=200)

    class Meta:
        verbose_name = "sổ văn bản"
        verbose_name_plural = "sổ văn bản"

    def __str__(self) -> str:
        return self.name


class Counter(models.Model):
    """The last number given in a register in one calendar year."""

    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="counters")
    year = models.IntegerField()
    last = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["register", "year"], name="registry_counter_unique")
        ]


class Entry(models.Model):
    """A document's line in a register: its number there (số đến / số đi) and date."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="entries")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="entries")
    year = models.IntegerField("năm")
    number = models.IntegerField("số trong sổ")
    entered_on = models.DateField("ngày đến / ngày đi")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "mục trong sổ"
        verbose_name_plural = "mục trong sổ"
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "year", "number"], name="registry_entry_unique_number"
            ),
            models.UniqueConstraint(
                fields=["register", "document"], name="registry_entry_unique_document"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.register.name} số {self.display_number}/{self.year}"

    @property
    def display_number(self) -> str:
        return f"{self.number:02d}"


class Citation(models.Model):
    """A reference of ``source`` to another document, by number; ``target`` once registered."""

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="citations")
    position = models.IntegerField()
    kind = models.CharField(max_length=200, null=True, blank=True)
    number = models.CharField(max_length=50, null=True, blank=True)
    notation = models.CharField(max_length=200, null=True, blank=True)
    date = models.CharField(max_length=10, null=True, blank=True)
    issuer = models.CharField(max_length=500, null=True, blank=True)
    code_key = models.CharField(max_length=250, db_index=True)
    year = models.IntegerField(null=True, blank=True)
    target = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="cited_by"
    )

    class Meta:
        verbose_name = "trích dẫn"
        verbose_name_plural = "trích dẫn"
        ordering = ["source", "position"]
        indexes = [models.Index(fields=["code_key", "target"], name="registry_citation_pending")]

    def __str__(self) -> str:
        return " ".join(p for p in (self.kind, "số", self.code) if p)

    @property
    def code(self) -> str:
        return "/".join(p for p in (self.number, self.notation) if p)

    def to_reference(self) -> Reference:
        return Reference(
            kind=self.kind,
            number=self.number,
            notation=self.notation,
            date=self.date,
            issuer=self.issuer,
        )
