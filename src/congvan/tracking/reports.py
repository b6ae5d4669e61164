"""Result reports, requests for reports, and reminders by e-mail (Django mail)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from congvan.document.decree30 import format_date
from congvan.registry import files
from congvan.tracking.models import (
    Attachment,
    Distribution,
    Figure,
    Metric,
    Organisation,
    Report,
    ReportRequest,
    Task,
)
from congvan.tracking.roles import REQUEST_REPORTS, may_report, require
from congvan.tracking.tally import keeping

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


class ReportError(ValueError):
    """A report that cannot be accepted (message in Vietnamese)."""


@dataclass
class Upload:
    name: str
    data: bytes


def metrics_for(task: Task) -> list[Metric]:
    """The figures asked for by the campaigns of the task's dispatch."""
    return list(
        Metric.objects.filter(campaign__distributions=task.distribution_id)
        .select_related("campaign")
        .order_by("campaign__name", "position", "id")
    )


def start_task(task: Task, user) -> Task:
    if not may_report(user, task):
        raise PermissionDenied("Nhiệm vụ này không giao cho đơn vị của bạn.")
    if task.status == Task.NEW:
        task.status = Task.IN_PROGRESS
        task.save(update_fields=["status", "updated_at"])
        _tell_sender(task)
    return task


def _tell_sender(task: Task) -> None:
    """edXML status 05/06 for a document received over the exchange, once this commits."""
    from congvan.exchange import hooks

    document = task.distribution.document
    transaction.on_commit(lambda: hooks.document_progress(document))


def _number(value) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as err:
        raise ReportError(f"số liệu không hợp lệ: “{value}”") from err
    if number < 0 or not number.is_finite():
        raise ReportError(f"số liệu không hợp lệ: “{value}”")
    return number


def submit_report(
    task: Task,
    user,
    text: str,
    figures: dict | None = None,
    attachments: list[Upload] | None = None,
) -> Report:
    """Store (or replace) the organisation's report on ``task``; the task becomes reported.

    ``figures`` maps a metric's id or key to a number; metrics the dispatch does not ask for
    are refused. Attachments are stored once by content, as the registry stores files.
    """
    if not may_report(user, task):
        raise PermissionDenied("Nhiệm vụ này không giao cho đơn vị của bạn.")
    text = (text or "").strip()
    if not text:
        raise ReportError("Chưa nhập kết quả thực hiện.")
    metrics = metrics_for(task)
    by_id = {str(m.pk): m for m in metrics}
    by_key = {m.key: m for m in metrics}
    values: dict[int, Decimal] = {}
    for name, raw in (figures or {}).items():
        metric = by_id.get(str(name)) or by_key.get(str(name))
        if metric is None:
            raise ReportError(f"văn bản này không yêu cầu số liệu “{name}”")
        number = _number(raw)
        if number is not None:
            values[metric.pk] = number
    for upload in attachments or []:
        _check_size(upload)
    with keeping(task.distribution_id, task.organisation_id):
        report = _store_report(task, user, text, values, attachments)
    _tell_sender(task)
    return report


def _store_report(task, user, text, values, attachments) -> Report:
    report, _ = Report.objects.update_or_create(
        task=task,
        defaults={"text": text, "submitted_by": user, "submitted_at": timezone.now()},
    )
    report.figures.all().delete()
    Figure.objects.bulk_create(
        [Figure(report=report, metric_id=m, value=v) for m, v in values.items()]
    )
    for upload in attachments or []:
        _store_attachment(report, upload)
    task.status = Task.REPORTED
    task.save(update_fields=["status", "updated_at"])
    return report


def _store_attachment(report: Report, upload: Upload) -> Attachment:
    sha = files.sha256_of(upload.data)
    files.store_bytes(upload.data, sha)
    return Attachment.objects.create(
        report=report,
        name=upload.name[:300],
        sha256=sha,
        size=len(upload.data),
        content_type=files.content_type_of(upload.name),
    )


def _check_size(upload: Upload) -> None:
    if not upload.data:
        raise ReportError(f"tệp “{upload.name}” rỗng")
    if len(upload.data) > MAX_ATTACHMENT_BYTES:
        raise ReportError(f"tệp “{upload.name}” quá lớn (tối đa 20 MB)")


@transaction.atomic
def attach(task: Task, user, upload: Upload) -> Attachment:
    """Add a file to the organisation's report on ``task`` (the report comes first)."""
    if not may_report(user, task):
        raise PermissionDenied("Nhiệm vụ này không giao cho đơn vị của bạn.")
    _check_size(upload)
    report = Report.objects.filter(task=task).first()
    if report is None:
        raise ReportError("nhiệm vụ chưa có báo cáo: gửi báo cáo kết quả trước rồi đính kèm tệp")
    return _store_attachment(report, upload)


def _addresses(organisations) -> dict[int, list[str]]:
    """E-mail addresses per organisation: its own and its people's."""
    from congvan.tracking.models import Membership

    out: dict[int, list[str]] = {}
    for org in organisations:
        if org.email:
            out.setdefault(org.pk, []).append(org.email)
    for org_id, email in Membership.objects.filter(
        organisation__in=[o.pk for o in organisations]
    ).values_list("organisation_id", "user__email"):
        if email:
            out.setdefault(org_id, []).append(email)
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


def _sender() -> str:
    return getattr(settings, "DEFAULT_FROM_EMAIL", "webmaster@localhost")


@transaction.atomic
def request_reports(
    distribution: Distribution,
    user,
    *,
    deadline: dt.date | None = None,
    message: str = "",
    organisation_ids: list[int] | None = None,
) -> ReportRequest:
    """Ask the organisations that have not reported yet for their reports: tasks due ``khi có
    yêu cầu`` get ``deadline``; each organisation gets one e-mail."""
    if user is not None:
        require(user, REQUEST_REPORTS)
    pending = distribution.tasks.exclude(status=Task.REPORTED)
    if organisation_ids:
        pending = pending.filter(organisation_id__in=organisation_ids)
    if deadline is not None:
        with keeping(distribution):
            pending.filter(deadline__isnull=True).update(
                deadline=deadline, deadline_source=Task.ON_REQUEST
            )
    org_ids = sorted(set(pending.values_list("organisation_id", flat=True)))
    organisations = list(Organisation.objects.filter(pk__in=org_ids))
    doc = distribution.document
    subject = f"Đề nghị báo cáo kết quả thực hiện {doc.kind or 'văn bản'} số {doc.code}"
    body_deadline = f" trước {format_date(deadline.isoformat())}" if deadline else ""
    body = (
        f"Sở Thông tin và Truyền thông đề nghị Quý đơn vị báo cáo kết quả thực hiện "
        f"{doc.kind or 'văn bản'} số {doc.code} V/v {doc.subject or ''}{body_deadline}.\n"
        + (f"\n{message.strip()}\n" if message.strip() else "")
    )
    mails = [
        (subject, body, _sender(), addresses)
        for org_id, addresses in _addresses(organisations).items()
    ]
    send_mass_mail(mails, fail_silently=False)
    return ReportRequest.objects.create(
        distribution=distribution,
        requested_by=user,
        deadline=deadline,
        message=message,
        recipients=len(organisations),
    )


def send_reminders(today: dt.date | None = None, *, days_ahead: int = 2) -> int:
    """One e-mail per organisation listing its unreported tasks due within ``days_ahead`` days
    or already overdue; returns the number of e-mails sent."""
    today = today or timezone.localdate()
    due = (
        Task.objects.exclude(status=Task.REPORTED)
        .filter(deadline__isnull=False, deadline__lte=today + dt.timedelta(days=days_ahead))
        .select_related("distribution__document", "organisation")
        .order_by("organisation__name", "deadline", "id")
    )
    by_org: dict[int, list[Task]] = {}
    orgs: dict[int, Organisation] = {}
    for task in due:
        by_org.setdefault(task.organisation_id, []).append(task)
        orgs[task.organisation_id] = task.organisation
    addresses = _addresses(list(orgs.values()))
    mails = []
    for org_id, tasks in by_org.items():
        if org_id not in addresses:
            continue
        lines = []
        for task in tasks:
            doc = task.distribution.document
            state = "đã quá hạn" if task.deadline < today else "sắp đến hạn"
            lines.append(
                f"- {doc.kind or 'Văn bản'} số {doc.code}, mục {task.label}: hạn "
                f"{format_date(task.deadline.isoformat())} ({state})"
            )
        mails.append(
            (
                f"Nhắc báo cáo: {len(tasks)} nhiệm vụ chưa báo cáo",
                f"Kính gửi {orgs[org_id].name},\n\nCác nhiệm vụ sau chưa có báo cáo kết quả:\n"
                + "\n".join(lines)
                + "\n\nĐề nghị Quý đơn vị báo cáo kết quả về Sở Thông tin và Truyền thông.\n",
                _sender(),
                addresses[org_id],
            )
        )
    return send_mass_mail(mails, fail_silently=False) if mails else 0
