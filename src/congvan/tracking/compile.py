"""Compilation: who received, who reported what, who is late; per dispatch and per campaign.

:func:`dispatch_summary` and :func:`campaign_summary` count in the database (grouped queries,
never a loop over rows), so the dashboard's figures are the database's; :func:`to_xlsx` and
:func:`to_docx` write the same summary as an Excel workbook and as a Báo cáo tổng hợp in the form
of Decree 30.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from congvan.document.decree30 import format_date
from congvan.tracking.models import (
    Campaign,
    CampaignDue,
    CampaignTally,
    Distribution,
    Figure,
    FigureTally,
    Metric,
    Organisation,
    Report,
    Task,
)


@dataclass
class ReportLine:
    label: str
    text: str
    submitted_at: dt.datetime
    figures: dict[int, Decimal] = field(default_factory=dict)


@dataclass
class Row:
    organisation: Organisation
    tasks: int = 0
    reported: int = 0
    overdue: int = 0
    dispatches: int = 0
    entries: int = 0  # a campaign's dispatches delivered to the organisation
    opened: int = 0  # of which opened
    delivered: bool = False
    received_at: dt.datetime | None = None
    figures: dict[int, Decimal] = field(default_factory=dict)
    reports: list[ReportLine] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.tasks > 0 and self.reported == self.tasks

    @property
    def missing(self) -> int:
        return self.tasks - self.reported

    @property
    def status(self) -> str:
        if self.tasks == 0:
            return "Không có nhiệm vụ"
        if self.complete:
            return "Đã báo cáo"
        if self.overdue:
            return "Quá hạn"
        if self.reported:
            return "Báo cáo một phần"
        return "Chưa báo cáo"

    def figure_list(self, metrics: list[Metric]) -> list[Decimal]:
        return [self.figures.get(m.pk, Decimal(0)) for m in metrics]


@dataclass
class Summary:
    title: str
    metrics: list[Metric]
    rows: list[Row]
    today: dt.date
    distribution: Distribution | None = None
    campaign: Campaign | None = None
    dispatch_count: int = 0
    periods: list[str] = field(default_factory=list)
    series: dict[int, list[Decimal]] = field(default_factory=dict)  # metric → value per period
    reports_per_period: list[int] = field(default_factory=list)

    @property
    def organisations(self) -> int:
        return len(self.rows)

    @property
    def received(self) -> int:
        """Organisations that opened the dispatch (of a campaign: every one of its dispatches
        delivered to them)."""
        return sum(1 for r in self.rows if r.received_at or (r.entries and r.opened == r.entries))

    @property
    def entries(self) -> int:
        return sum(r.entries for r in self.rows)

    @property
    def opened(self) -> int:
        return sum(r.opened for r in self.rows)

    @property
    def reported_organisations(self) -> int:
        return sum(1 for r in self.rows if r.complete)

    @property
    def missing_rows(self) -> list[Row]:
        return [r for r in self.rows if r.tasks and not r.complete]

    @property
    def late_rows(self) -> list[Row]:
        return [r for r in self.rows if r.overdue]

    @property
    def tasks(self) -> int:
        return sum(r.tasks for r in self.rows)

    @property
    def reported(self) -> int:
        return sum(r.reported for r in self.rows)

    @property
    def overdue(self) -> int:
        return sum(r.overdue for r in self.rows)

    def totals(self) -> list[Decimal]:
        return [
            sum((r.figures.get(m.pk, Decimal(0)) for r in self.rows), Decimal(0))
            for m in self.metrics
        ]


def _task_counts(tasks, today: dt.date):
    return tasks.values("organisation_id").annotate(
        total=Count("id"),
        reported=Count("id", filter=Q(status=Task.REPORTED)),
        overdue=Count("id", filter=Q(deadline__lt=today) & ~Q(status=Task.REPORTED)),
        dispatches=Count("distribution_id", distinct=True),
    )


def _rows(org_ids, today) -> dict[int, Row]:
    return {o.pk: Row(organisation=o) for o in Organisation.objects.filter(pk__in=org_ids)}


def dispatch_summary(distribution: Distribution, today: dt.date | None = None) -> Summary:
    today = today or timezone.localdate()
    entries = list(distribution.entries.values("organisation_id", "received_at"))
    counts = list(_task_counts(Task.objects.filter(distribution=distribution), today))
    rows = _rows(
        {e["organisation_id"] for e in entries} | {c["organisation_id"] for c in counts}, today
    )
    for e in entries:
        rows[e["organisation_id"]].delivered = True
        rows[e["organisation_id"]].received_at = e["received_at"]
    for c in counts:
        row = rows[c["organisation_id"]]
        row.tasks, row.reported, row.overdue = c["total"], c["reported"], c["overdue"]
        row.dispatches = 1
    metrics = list(
        Metric.objects.filter(campaign__distributions=distribution)
        .select_related("campaign")
        .order_by("campaign__name", "position", "id")
    )
    figures = Figure.objects.filter(report__task__distribution=distribution)
    for f in figures.values("report__task__organisation_id", "metric_id").annotate(s=Sum("value")):
        rows[f["report__task__organisation_id"]].figures[f["metric_id"]] = f["s"]
    per_report: dict[int, dict[int, Decimal]] = {}
    for report_id, metric_id, value in figures.values_list("report_id", "metric_id", "value"):
        per_report.setdefault(report_id, {})[metric_id] = value
    for report in (
        Report.objects.filter(task__distribution=distribution)
        .select_related("task")
        .order_by("task__label", "submitted_at")
    ):
        rows[report.task.organisation_id].reports.append(
            ReportLine(
                report.task.label, report.text, report.submitted_at, per_report.get(report.pk, {})
            )
        )
    summary = Summary(
        title=f"{distribution.document.kind or 'Văn bản'} số {distribution.document.code}",
        metrics=metrics,
        rows=sorted(rows.values(), key=lambda r: r.organisation.name),
        today=today,
        distribution=distribution,
        dispatch_count=1,
    )
    by_day = (
        Report.objects.filter(task__distribution=distribution)
        .annotate(day=TruncDate("submitted_at"))
        .values("day")
        .annotate(n=Count("id"))
        .order_by("day")
    )
    for item in by_day:
        summary.periods.append(item["day"].strftime("%d/%m"))
        summary.reports_per_period.append(item["n"])
    return summary


def campaign_summary(campaign: Campaign, today: dt.date | None = None) -> Summary:
    """The campaign's compilation, read from its tallies (:mod:`congvan.tracking.tally`): a few
    rows per organisation, however many dispatches the campaign holds."""
    today = today or timezone.localdate()
    tallies = list(CampaignTally.objects.filter(campaign=campaign))
    rows = _rows([t.organisation_id for t in tallies], today)
    for t in tallies:
        row = rows[t.organisation_id]
        row.tasks, row.reported, row.dispatches = t.tasks, t.reported, t.dispatches
        row.entries, row.opened = t.entries, t.received
        row.delivered = t.entries > 0
    for org_id, overdue in (
        CampaignDue.objects.filter(campaign=campaign, deadline__lt=today)
        .values("organisation_id")
        .annotate(n=Sum("open"))
        .values_list("organisation_id", "n")
    ):
        if org_id in rows:
            rows[org_id].overdue = overdue
    metrics = list(campaign.metrics.all())
    figures = FigureTally.objects.filter(metric__campaign=campaign)
    for org_id, metric_id, total in (
        figures.values("organisation_id", "metric_id")
        .annotate(s=Sum("total"))
        .values_list("organisation_id", "metric_id", "s")
    ):
        row = rows.get(org_id)
        if row is None:  # figures of an organisation no longer counted in the campaign
            row = rows[org_id] = Row(organisation=Organisation.objects.get(pk=org_id))
        row.figures[metric_id] = total
    summary = Summary(
        title=f"chủ đề {campaign.name}",
        metrics=metrics,
        rows=sorted(rows.values(), key=lambda r: r.organisation.name),
        today=today,
        campaign=campaign,
        dispatch_count=campaign.distributions.count(),
    )
    months = (
        figures.values("month", "metric_id")
        .annotate(s=Sum("total"))
        .values_list("month", "metric_id", "s")
        .order_by("month")
    )
    index: dict[dt.date, int] = {}
    for month, _metric, _total in months:
        if month not in index:
            index[month] = len(summary.periods)
            summary.periods.append(month.strftime("%m/%Y"))
    summary.series = {m.pk: [Decimal(0)] * len(summary.periods) for m in metrics}
    for month, metric_id, total in months:
        summary.series[metric_id][index[month]] = total
    return summary


# ------------------------------------------------------------------------------- XLSX


def _value(number: Decimal):
    return int(number) if number == number.to_integral() else float(number)


def to_xlsx(summary: Summary) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp"
    sheet.append([f"TỔNG HỢP BÁO CÁO KẾT QUẢ · {summary.title}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"Tính đến {format_date(summary.today.isoformat())}"])
    sheet.append([])
    header = ["STT", "Đơn vị", "Đã nhận", "Số nhiệm vụ", "Đã báo cáo", "Quá hạn", "Tình trạng"]
    header += [str(m) for m in summary.metrics]
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(summary.rows, start=1):
        sheet.append(
            [
                i,
                row.organisation.name,
                timezone.localtime(row.received_at).strftime("%d/%m/%Y %H:%M")
                if row.received_at
                else ("Chưa mở" if row.delivered else ""),
                row.tasks,
                row.reported,
                row.overdue,
                row.status,
                *[_value(v) for v in row.figure_list(summary.metrics)],
            ]
        )
    sheet.append(
        [
            "",
            "Tổng cộng",
            summary.received,
            summary.tasks,
            summary.reported,
            summary.overdue,
            "",
            *[_value(v) for v in summary.totals()],
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    widths = {"A": 6, "B": 48, "C": 18, "D": 12, "E": 12, "F": 10, "G": 18}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width

    reports = book.create_sheet("Báo cáo")
    reports.append(
        ["Đơn vị", "Mục", "Ngày báo cáo", "Kết quả thực hiện", *[str(m) for m in summary.metrics]]
    )
    for cell in reports[1]:
        cell.font = Font(bold=True)
    for row in summary.rows:
        for line in row.reports:
            reports.append(
                [
                    row.organisation.name,
                    line.label,
                    timezone.localtime(line.submitted_at).strftime("%d/%m/%Y %H:%M"),
                    line.text,
                    *[_value(line.figures.get(m.pk, Decimal(0))) for m in summary.metrics],
                ]
            )
    reports.column_dimensions["A"].width = 48
    reports.column_dimensions["D"].width = 80

    missing = book.create_sheet("Chưa báo cáo")
    missing.append(["Đơn vị", "Nhiệm vụ chưa báo cáo", "Quá hạn", "Thư điện tử"])
    for cell in missing[1]:
        cell.font = Font(bold=True)
    for row in summary.missing_rows:
        missing.append([row.organisation.name, row.missing, row.overdue, row.organisation.email])
    missing.column_dimensions["A"].width = 48

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------------- DOCX

MARKER = "[[bảng số liệu]]"


def to_docx(summary: Summary, *, place: str | None = None, parent: str | None = None) -> bytes:
    """A Báo cáo tổng hợp (Decree 30, Mẫu 1.4) with the figures table in its body."""
    from docx import Document as Docx
    from docx.shared import Pt

    from congvan.document.model import Document as Record
    from congvan.document.model import Issuer, Signer
    from congvan.document.render import render_docx

    doc = summary.distribution.document if summary.distribution else None
    if summary.distribution is not None:
        subject = f"Kết quả thực hiện {doc.kind or 'văn bản'} số {doc.code}" + (
            f" về {doc.subject}" if doc.subject else ""
        )
        scope = f"{doc.kind or 'văn bản'} số {doc.code}"
    else:
        subject = f"Kết quả tuyên truyền chủ đề {summary.campaign.name}"
        scope = f"{summary.dispatch_count} văn bản thuộc chủ đề {summary.campaign.name}"
    opening = [
        f"Thực hiện {scope}, Sở Thông tin và Truyền thông đã gửi tới "
        f"{summary.organisations} đơn vị; {summary.received} đơn vị đã nhận, "
        f"{summary.reported_organisations} đơn vị đã báo cáo đủ kết quả. Sở Thông tin và "
        f"Truyền thông tổng hợp kết quả như sau:",
        "1. Kết quả thực hiện của các đơn vị",
    ]
    for row in summary.rows:
        if row.reports:
            texts = "; ".join(line.text.rstrip(" .;") for line in row.reports)
            opening.append(f"- {row.organisation.name}: {texts}.")
    if summary.metrics:
        opening.append("2. Số liệu tổng hợp")
        opening.append(MARKER)
    missing = summary.missing_rows
    opening.append(
        f"{3 if summary.metrics else 2}. Đơn vị chưa báo cáo: "
        + (", ".join(r.organisation.name for r in missing) + "." if missing else "không có.")
    )
    closing = ["Sở Thông tin và Truyền thông báo cáo để theo dõi, chỉ đạo./."]
    record = Record(
        kind="Báo cáo",
        issuer=Issuer(
            name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
            parent=parent or (doc.issuer_parent if doc is not None else None),
        ),
        notation="BC-STTTT",
        place=place or (doc.place if doc is not None else None),
        date=summary.today.isoformat(),
        subject=subject,
        distribution=["UBND tỉnh (b/c)", "Lãnh đạo Sở", "Lưu: VT"],
        signer=Signer(form="KT", authority="GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC"),
    )
    data = render_docx(record, opening=opening, closing=closing)
    if not summary.metrics:
        return data
    word = Docx(io.BytesIO(data))
    for paragraph in word.paragraphs:
        if paragraph.text.strip() == MARKER:
            table = word.add_table(rows=1, cols=2 + len(summary.metrics))
            table.style = "Table Grid"
            head = ["TT", "Đơn vị", *[str(m) for m in summary.metrics]]
            for cell, text in zip(table.rows[0].cells, head, strict=True):
                cell.text = text
            for i, row in enumerate(summary.rows, start=1):
                cells = table.add_row().cells
                values = [
                    str(i),
                    row.organisation.name,
                    *[str(_value(v)) for v in row.figure_list(summary.metrics)],
                ]
                for cell, text in zip(cells, values, strict=True):
                    cell.text = text
            cells = table.add_row().cells
            for cell, text in zip(
                cells, ["", "Tổng cộng", *[str(_value(v)) for v in summary.totals()]], strict=True
            ):
                cell.text = text
            for tr in table.rows:
                for cell in tr.cells:
                    for p in cell.paragraphs:
                        for run in p.runs:
                            run.font.size = Pt(12)
                            run.font.name = "Times New Roman"
            paragraph._p.addnext(table._tbl)
            paragraph._p.getparent().remove(paragraph._p)
            break
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
