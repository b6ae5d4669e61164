"""Organisations, their groups, people's memberships, distributions, inboxes, tasks and reports.

The loop of a directive: a registered document is distributed (:class:`Distribution`) to
recipient organisations, one :class:`InboxEntry` each; every numbered item × addressed
organisation is a :class:`Task`; an organisation answers a task with one :class:`Report` (text,
:class:`Figure` values of the campaign's :class:`Metric` list, :class:`Attachment` files).
Names and phrases are stored NFC; ``*_key`` columns hold the folded form used for matching.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from congvan.registry.models import Document


class Organisation(models.Model):
    """Đơn vị nhận: a newspaper, a radio/TV station, a portal, a district office, a company …"""

    KINDS = [
        ("press", "Cơ quan báo chí"),
        ("broadcast", "Đài phát thanh, truyền hình"),
        ("portal", "Cổng/trang thông tin điện tử"),
        ("culture", "Phòng Văn hóa và Thông tin"),
        ("centre", "Trung tâm Văn hóa, Thể thao và Truyền thanh"),
        ("loudspeaker", "Đài truyền thanh cấp xã"),
        ("telecom", "Doanh nghiệp viễn thông, Internet"),
        ("postal", "Doanh nghiệp bưu chính"),
        ("agency", "Cơ quan, đơn vị khác"),
    ]

    name = models.CharField("tên đơn vị", max_length=300, unique=True)
    short_name = models.CharField("tên viết tắt", max_length=100, blank=True, default="")
    kind = models.CharField("loại đơn vị", max_length=20, choices=KINDS, default="agency")
    aliases = models.TextField(
        "tên gọi khác", blank=True, default="", help_text="Mỗi dòng một tên gọi khác."
    )
    email = models.EmailField("thư điện tử", blank=True, default="")
    active = models.BooleanField("đang hoạt động", default=True)
    name_key = models.CharField(max_length=300, default="", editable=False, db_index=True)

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        from congvan.tracking.directory import key

        self.name_key = key(self.name)
        super().save(*args, **kwargs)

    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]


class OrganisationGroup(models.Model):
    """Nhóm đơn vị: the organisations an addressee phrase such as ``Các cơ quan báo chí trên địa
    bàn tỉnh`` means."""

    name = models.CharField("tên nhóm", max_length=300, unique=True)
    aliases = models.TextField(
        "cụm từ nhận diện",
        blank=True,
        default="",
        help_text="Mỗi dòng một cụm từ; văn bản nhắc tới cụm từ này là nhắc tới cả nhóm.",
    )
    members = models.ManyToManyField(
        Organisation, related_name="groups", blank=True, verbose_name="đơn vị"
    )

    class Meta:
        verbose_name = "nhóm đơn vị"
        verbose_name_plural = "nhóm đơn vị"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]


class Membership(models.Model):
    """A person of a recipient organisation (role ``recipient``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="members", verbose_name="đơn vị"
    )

    class Meta:
        verbose_name = "người của đơn vị"
        verbose_name_plural = "người của đơn vị"

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation}"


class Campaign(models.Model):
    """Chủ đề tuyên truyền (lừa đảo, bạch hầu, ma túy …) and the figures it asks for."""

    name = models.CharField("chủ đề", max_length=200, unique=True)
    slug = models.SlugField("mã", max_length=100, unique=True)
    keywords = models.TextField(
        "từ khóa",
        blank=True,
        default="",
        help_text="Mỗi dòng một từ khóa; văn bản có trích yếu chứa từ khóa được gợi ý chủ đề này.",
    )

    class Meta:
        verbose_name = "chủ đề"
        verbose_name_plural = "chủ đề"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.splitlines() if k.strip()]


class Metric(models.Model):
    """One figure a campaign asks for: ``tin, bài``, ``lượt phát sóng``, ``phút phát sóng`` …"""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="metrics")
    key = models.SlugField("mã", max_length=50)
    label = models.CharField("chỉ tiêu", max_length=200)
    unit = models.CharField("đơn vị tính", max_length=50, blank=True, default="")
    position = models.IntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "chỉ tiêu báo cáo"
        verbose_name_plural = "chỉ tiêu báo cáo"
        ordering = ["campaign", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "key"], name="tracking_metric_unique")
        ]

    def __str__(self) -> str:
        """``Lượt phát sóng (lượt)``; the unit left out when it only repeats the label."""
        if not self.unit or self.unit.casefold() == self.label.casefold():
            return self.label
        return f"{self.label} ({self.unit})"


class Distribution(models.Model):
    """A registered document sent to recipient organisations: issued by the department, or an
    incoming directive passed on."""

    ISSUE = "issue"
    FORWARD = "forward"
    MODES = [(ISSUE, "Phát hành"), (FORWARD, "Chuyển tiếp văn bản đến")]

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, related_name="sending", verbose_name="văn bản"
    )
    mode = models.CharField("hình thức", max_length=10, choices=MODES, default=ISSUE)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người gửi",
    )
    campaigns = models.ManyToManyField(
        Campaign, related_name="distributions", blank=True, verbose_name="chủ đề"
    )
    note = models.TextField("ghi chú", blank=True, default="")
    created_at = models.DateTimeField("ngày gửi", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "văn bản đã gửi"
        verbose_name_plural = "văn bản đã gửi"
        ordering = ["-created_at", "-id"]
        permissions = [
            ("manage_directory", "Quản lý danh bạ đơn vị"),
            ("distribute_document", "Phát hành, chuyển văn bản tới đơn vị"),
            ("view_tracking", "Xem theo dõi, bảng tổng hợp"),
            ("set_deadline", "Đặt hạn báo cáo"),
            ("request_reports", "Đôn đốc, yêu cầu báo cáo"),
            ("export_compilation", "Xuất báo cáo tổng hợp"),
            ("view_inbox", "Xem văn bản gửi đến đơn vị mình"),
            ("submit_report", "Báo cáo kết quả của đơn vị mình"),
            ("manage_users", "Quản lý người dùng"),
        ]

    def __str__(self) -> str:
        return str(self.document)


class InboxEntry(models.Model):
    """The document in one recipient organisation's inbox; ``received_at`` once it is opened."""

    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE, related_name="entries")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="inbox", verbose_name="đơn vị"
    )
    delivered_at = models.DateTimeField("ngày nhận vào hộp thư", auto_now_add=True)
    received_at = models.DateTimeField("ngày mở đọc", null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người mở",
    )

    class Meta:
        verbose_name = "văn bản trong hộp thư"
        verbose_name_plural = "văn bản trong hộp thư"
        ordering = ["-delivered_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["distribution", "organisation"], name="tracking_inbox_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["organisation", "-delivered_at", "-id"], name="tracking_inbox_org"
            ),
            # "chưa đọc": the unread ones of an inbox, listed and counted without reading rows
            models.Index(
                fields=["organisation", "-delivered_at", "-id"],
                condition=Q(received_at__isnull=True),
                name="tracking_inbox_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.distribution}"


class Task(models.Model):
    """Numbered item × addressed organisation."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    REPORTED = "reported"
    OVERDUE = "overdue"  # shown, never stored: a task past its deadline without a report
    STATUSES = [
        (NEW, "Mới"),
        (IN_PROGRESS, "Đang thực hiện"),
        (REPORTED, "Đã báo cáo"),
    ]
    STATUS_LABELS = {**dict(STATUSES), OVERDUE: "Quá hạn"}

    FROM_ITEM = "item"
    FROM_OFFICER = "officer"
    ON_REQUEST = "on_request"
    DEADLINE_SOURCES = [
        (FROM_ITEM, "Theo văn bản"),
        (FROM_OFFICER, "Do chuyên viên đặt"),
        (ON_REQUEST, "Khi có yêu cầu"),
    ]

    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE, related_name="tasks")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="tasks", verbose_name="đơn vị"
    )
    label = models.CharField("mục", max_length=20)
    addressee = models.CharField("đối tượng thực hiện", max_length=500, blank=True, default="")
    text = models.TextField("nội dung")
    status = models.CharField(
        "trạng thái", max_length=20, choices=STATUSES, default=NEW, db_index=True
    )
    deadline = models.DateField("hạn báo cáo", null=True, blank=True, db_index=True)
    deadline_source = models.CharField(
        "nguồn hạn", max_length=20, choices=DEADLINE_SOURCES, default=ON_REQUEST
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["distribution", "organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["distribution", "label", "organisation"], name="tracking_task_unique"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "status"], name="tracking_task_org"),
            # an organisation's tasks, newest dispatch first (its task list, a page at a time)
            models.Index(
                fields=["organisation", "-distribution", "id"], name="tracking_task_org_new"
            ),
        ]

    def __str__(self) -> str:
        return f"Mục {self.label} · {self.organisation}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        from django.utils import timezone

        today = today or timezone.localdate()
        return self.status != self.REPORTED and self.deadline is not None and self.deadline < today

    def shown_status(self, today: dt.date | None = None) -> str:
        return self.OVERDUE if self.is_overdue(today) else self.status

    @property
    def status_label(self) -> str:
        return self.STATUS_LABELS[self.shown_status()]


class Report(models.Model):
    """The organisation's result report for one task (the latest submission)."""

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="report")
    text = models.TextField("kết quả thực hiện")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người báo cáo",
    )
    submitted_at = models.DateTimeField("ngày báo cáo", db_index=True)

    class Meta:
        verbose_name = "báo cáo kết quả"
        verbose_name_plural = "báo cáo kết quả"
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"Báo cáo {self.task}"


class Figure(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="figures")
    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="figures")
    value = models.DecimalField("số liệu", max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [
            models.UniqueConstraint(fields=["report", "metric"], name="tracking_figure_unique")
        ]


class Attachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("tên tệp", max_length=300)
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField("dung lượng")
    content_type = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self) -> str:
        return self.name


class ReportRequest(models.Model):
    """The officer asked for reports (``khi có yêu cầu``) or reminded the late ones."""

    distribution = models.ForeignKey(
        Distribution, on_delete=models.CASCADE, related_name="requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    deadline = models.DateField("hạn báo cáo", null=True, blank=True)
    message = models.TextField("nội dung đề nghị", blank=True, default="")
    recipients = models.IntegerField("số đơn vị được đề nghị", default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đề nghị báo cáo"
        verbose_name_plural = "đề nghị báo cáo"
        ordering = ["-created_at"]


# ------------------------------------------------------------------------------- tallies
# The campaign dashboard's counts, kept per campaign × organisation by the service functions
# (``congvan.tracking.tally``) in the same transaction as the rows they count, so the page
# reads a few hundred rows instead of every task of the campaign. ``rebuild_tallies`` recounts
# them from the rows; ``tally.differences()`` lists any drift.


class CampaignTally(models.Model):
    """One organisation's dispatches, receipts, tasks and reports within one campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    entries = models.IntegerField(default=0)  # inbox entries (dispatches delivered)
    received = models.IntegerField(default=0)  # of which opened
    dispatches = models.IntegerField(default=0)  # dispatches with a task for the organisation
    tasks = models.IntegerField(default=0)
    reported = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organisation"], name="tracking_campaigntally_unique"
            )
        ]


class CampaignDue(models.Model):
    """Unreported tasks of one organisation within one campaign, per deadline: the overdue ones
    are those whose deadline has passed, whatever day it is."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    deadline = models.DateField()
    open = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "deadline", "organisation"], name="tracking_campaigndue_unique"
            )
        ]


class FigureTally(models.Model):
    """The sum of one metric's figures reported by one organisation in one month (local time)."""

    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    total = models.DecimalField(max_digits=20, decimal_places=2, default=0)
    figures = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "organisation", "month"], name="tracking_figuretally_unique"
            )
        ]
