"""Appending to the hash chain and checking it.

``digest(prev_hash, content)`` = SHA-256 of the previous hash, a newline and the event's content
as canonical JSON (sorted keys, no spaces, UTF-8). Appending takes the :class:`Head` row with
``SELECT … FOR UPDATE`` (SQLite: the write lock of the ``IMMEDIATE`` transaction) inside the
caller's transaction, so the event commits or rolls back with the change it describes.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import getpass
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from congvan.audit.models import Event, Head

GENESIS = "0" * 64

ACTIONS = {
    "document.created": "Vào hệ thống",
    "document.changed": "Sửa thông tin",
    "document.deleted": "Xoá văn bản",
    "document.viewed": "Xem văn bản",
    "document.downloaded": "Tải tệp gốc",
    "document.registered": "Vào sổ",
    "document.published": "Đăng tải công khai",
    "document.unpublished": "Gỡ khỏi cổng công khai",
    "dispatch.created": "Tạo dự thảo",
    "dispatch.changed": "Sửa dự thảo",
    "dispatch.signed": "Duyệt ký",
    "dispatch.issued": "Phát hành",
    "distribution.created": "Gửi tới đơn vị",
    "inbox.delivered": "Vào hộp thư đơn vị",
    "task.created": "Giao nhiệm vụ",
    "report.submitted": "Báo cáo kết quả",
    "report.changed": "Sửa báo cáo kết quả",
}

_actor: contextvars.ContextVar = contextvars.ContextVar("congvan_audit_actor", default=None)


@contextlib.contextmanager
def acting_as(user_or_name):
    """Events recorded inside the block name ``user_or_name`` (a user or a text) as their actor."""
    token = _actor.set(user_or_name)
    try:
        yield
    finally:
        _actor.reset(token)


def _who(actor) -> tuple[int | None, str]:
    if actor is None:
        actor = _actor.get()
    if actor is None:
        try:
            return None, f"hệ thống ({getpass.getuser()})"
        except Exception:
            return None, "hệ thống"
    if isinstance(actor, str):
        return None, actor[:300]
    if not getattr(actor, "is_authenticated", False):
        return None, "khách (chưa đăng nhập)"
    return actor.pk, (actor.get_username() or str(actor.pk))[:300]


def _utc(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def content_of(event: Event) -> dict:
    return _content(event, _utc(event.at))


def _content(event: Event, at: str) -> dict:
    return {
        "seq": event.seq,
        "at": at,
        "actor_id": event.actor_id,
        "actor": event.actor,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "document_id": event.document_id,
        "detail": event.detail,
    }


def digest(prev_hash: str, content: dict) -> str:
    body = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


def _describe(obj) -> tuple[str, str]:
    if obj is None:
        return "", ""
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}", str(obj.pk)


def _head() -> Head:
    head = Head.objects.select_for_update().filter(pk=1).first()
    if head is None:
        try:
            with transaction.atomic():
                Head.objects.create(pk=1, seq=0, hash=GENESIS)
        except IntegrityError:  # another process made it first
            pass
        head = Head.objects.select_for_update().get(pk=1)
    return head


def record(
    action: str,
    obj=None,
    *,
    document_id: int | None = None,
    actor=None,
    detail: dict | None = None,
) -> Event:
    """Append one event: ``action`` (a key of :data:`ACTIONS`) on ``obj`` by ``actor`` (default:
    the user of the current request or :func:`acting_as`, else the system account)."""
    if document_id is None:
        document_id = _document_id_of(obj)
    return record_many(action, [obj], document_ids=[document_id], actor=actor, detail=detail)[0]


def record_many(
    action: str,
    objects: Iterable,
    *,
    document_ids: Iterable[int | None] | None = None,
    actor=None,
    detail: dict | None = None,
    details: Iterable[dict] | None = None,
) -> list[Event]:
    """Append one event per object (``bulk_create`` sends no signal: call this after it);
    ``details`` gives each its own detail."""
    objects = list(objects)
    if document_ids is None:
        document_ids = [_document_id_of(o) for o in objects]
    details = list(details) if details is not None else [detail or {}] * len(objects)
    actor_id, actor_name = _who(actor)
    events = []
    with transaction.atomic():
        head = _head()
        seq, prev = head.seq, head.hash
        now = timezone.now()
        at = _utc(now)  # the same instant for the whole batch: formatted once
        for obj, document_id, about in zip(objects, document_ids, details, strict=True):
            object_type, object_id = _describe(obj)
            seq += 1
            event = Event(
                seq=seq,
                at=now,
                actor_id=actor_id,
                actor=actor_name,
                action=action,
                object_type=object_type,
                object_id=object_id,
                document_id=document_id,
                detail=about,
                prev_hash=prev,
            )
            event.hash = prev = digest(event.prev_hash, _content(event, at))
            events.append(event)
        _append(events, head.seq)
        Head.objects.filter(pk=1).update(seq=seq, hash=prev)
    return events


_EVENT_COLUMNS = (
    "seq", "at", "actor_id", "actor", "action", "object_type", "object_id", "document_id",
    "detail", "prev_hash", "hash",
)  # fmt: skip


def _append(events: list[Event], after_seq: int) -> None:
    """Insert ``events`` (numbered after ``after_seq``) with one prepared statement, then read
    their ids back by ``seq``: ``bulk_create`` would compile the SQL of every value again, which
    is most of the cost of a batch of thousands of events."""
    if not events:
        return
    conn = connections[connection.alias]  # the proxy costs a lookup per use
    table = conn.ops.quote_name(Event._meta.db_table)
    columns = ", ".join(map(conn.ops.quote_name, _EVENT_COLUMNS))
    at = Event._meta.get_field("at").get_db_prep_save(events[0].at, conn)  # one for all
    detail = Event._meta.get_field("detail").get_db_prep_save
    rows = [
        (
            e.seq,
            at,
            e.actor_id,
            e.actor,
            e.action,
            e.object_type,
            e.object_id,
            e.document_id,
            detail(e.detail, conn),
            e.prev_hash,
            e.hash,
        )
        for e in events
    ]
    with conn.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(_EVENT_COLUMNS))})",
            rows,
        )
        cursor.execute(f"SELECT seq, id FROM {table} WHERE seq > %s", [after_seq])
        ids = dict(cursor.fetchall())
    for event in events:
        event.pk = ids[event.seq]
        event._state.adding, event._state.db = False, conn.alias


def _document_id_of(obj) -> int | None:
    from congvan.registry.models import Document

    if obj is None:
        return None
    if isinstance(obj, Document):
        return obj.pk
    return getattr(obj, "document_id", None)


@dataclass
class Problem:
    seq: int | None
    message: str

    def __str__(self) -> str:
        where = f"sự kiện #{self.seq}: " if self.seq is not None else ""
        return where + self.message


def verify(chunk: int = 2000) -> tuple[int, list[Problem]]:
    """Check the whole chain: (events checked, problems). An edited event no longer matches its
    hash; an inserted or deleted one breaks the numbering or the link to the one before; a
    deleted last event no longer matches the head."""
    problems: list[Problem] = []
    expected_seq, prev = 1, GENESIS
    count = 0
    for event in _walk(chunk):
        count += 1
        if event.seq != expected_seq:
            if event.seq > expected_seq:
                problems.append(
                    Problem(event.seq, f"thiếu sự kiện #{expected_seq}–#{event.seq - 1} (bị xoá?)")
                )
            else:
                problems.append(Problem(event.seq, "số thứ tự lặp lại hoặc sai (bị chèn?)"))
        if event.prev_hash != prev:
            problems.append(
                Problem(event.seq, "không nối với sự kiện trước (bị chèn hoặc xoá sự kiện)")
            )
        if digest(event.prev_hash, content_of(event)) != event.hash:
            problems.append(Problem(event.seq, "nội dung không khớp mã băm (bị sửa)"))
        expected_seq, prev = event.seq + 1, event.hash
    head = Head.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != expected_seq - 1 or head_hash != prev:
        problems.append(
            Problem(
                None,
                f"đầu chuỗi ghi sự kiện #{head_seq}, nhưng sự kiện cuối là #{expected_seq - 1}"
                " hoặc mã băm khác (sự kiện cuối bị xoá, sửa hoặc chèn thêm?)",
            )
        )
    return count, problems


def _walk(chunk: int) -> Iterator[Event]:
    last = 0
    while True:
        page = list(Event.objects.filter(seq__gt=last).order_by("seq")[:chunk])
        if not page:
            return
        yield from page
        last = page[-1].seq


def history(document_id: int) -> list[Event]:
    """The events of one document, oldest first."""
    return list(Event.objects.filter(document_id=document_id).order_by("seq"))
