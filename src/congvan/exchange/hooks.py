"""Calls for the tracking app: a document received over the exchange moves through the inbox
and task states, and its sender is told (status packages 04, 05, 06 in the outbox).

The tracking app calls, after committing its own change:

- ``document_distributed(document)`` when the document is distributed (assigned) to
  organisations: status ``04`` (phân công xử lý);
- ``document_progress(document)`` whenever a task of it changes state: ``05`` (đang xử lý) once
  any task is in progress or reported, ``06`` (hoàn thành) once every task is reported;
- ``document_rejected(document, reason)`` when the clerk refuses a received document: ``02``.

Each does nothing for a document that did not come through the exchange, and never sends the
same or an earlier state twice, so calling it too often is harmless.
"""

from __future__ import annotations

from congvan.exchange.models import Message
from congvan.registry.models import Document


def _received(document: Document) -> Message | None:
    return (
        Message.objects.filter(
            direction=Message.INCOMING, kind=Message.DOCUMENT, document=document, revoked=False
        )
        .order_by("created_at")
        .first()
    )


def document_distributed(document: Document) -> Message | None:
    from congvan.exchange.services import advance

    message = _received(document)
    return advance(message, "04") if message else None


def document_progress(document: Document) -> Message | None:
    """05 or 06 from the tracking tasks of ``document``."""
    from congvan.exchange.services import advance

    message = _received(document)
    if message is None:
        return None
    statuses = _task_statuses(document)
    if not statuses:
        return None
    if all(s == "reported" for s in statuses):
        if message.status_code not in ("04", "05"):
            advance(message, "04")
        return advance(message, "06")
    if any(s in ("in_progress", "reported") for s in statuses):
        return advance(message, "05")
    return None


def document_rejected(document: Document, reason: str | None = None) -> Message | None:
    from congvan.exchange.services import send_status

    message = _received(document)
    if message is None:
        return None
    return send_status(message, "02", description=reason or "Từ chối tiếp nhận văn bản")


def _task_statuses(document: Document) -> list[str]:
    try:
        from congvan.tracking.models import Task
    except ImportError:  # tracking not installed
        return []
    return list(
        Task.objects.filter(distribution__document=document).values_list("status", flat=True)
    )
