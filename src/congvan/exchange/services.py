"""Import and export of edXML packages, and the status messages between agencies.

- :func:`import_package`: a received package, in one transaction. A document package
  (``BussinessDocType`` 0 new, 3 replacement) becomes a registered incoming document with its
  attachments, and the status ``01`` (đã đến) — and ``03`` (đã tiếp nhận) when it is entered in
  a register — goes to the outbox for its sender; an update (2) is kept with the document it
  updates; a recall (1) marks that document revoked. A status package moves the state of the
  document it names: for a document we sent, the receiver's :class:`Delivery`; for one we
  received, the sender's recall request (13). Anything refused stores nothing.
- :func:`export_document`: a stored document → a package to send (kept in the outbox with one
  :class:`Delivery` per receiver).
- :func:`send_status`, :func:`answer_recall`: status packages for a document we received.

Our own agency is the ``Agency`` marked ``is_self``, else ``CONGVAN_ORGAN_ID`` with the
department's name (``CONGVAN_ISSUER_NAME``, the letterhead of what it composes), else (for
statuses only) the receiver a package was addressed to.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from django.db import transaction

from congvan.document import edxml
from congvan.document.edxml import Organ, Package, ResponseFor, Staff, Status
from congvan.document.errors import DocumentError
from congvan.document.vntext import fold
from congvan.exchange.models import Agency, Attachment, Delivery, Message
from congvan.registry import files
from congvan.registry.keys import code_key, issuer_key, year_of
from congvan.registry.models import Document

#: Status codes in the order a received document moves through them.
PROGRESS = ["01", "03", "04", "05", "06"]


class ExchangeError(DocumentError):
    """A package that was read but cannot be applied (unknown document, no own mã định danh)."""


@dataclass
class ImportOutcome:
    message: Message
    created: bool  # False: these bytes were already imported
    document: Document | None = None
    outbox: list[Message] = field(default_factory=list)  # status packages produced
    warnings: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        if not self.created:
            return "đã nhập trước đây"
        if self.message.kind == Message.STATUS:
            return f"trạng thái {self.message.status_code} ({self.message.status_label})"
        return {
            0: "văn bản mới",
            1: "thu hồi văn bản",
            2: "cập nhật văn bản",
            3: "văn bản thay thế",
        }.get(self.message.business_type or 0, "văn bản")


# ---------------------------------------------------------------------------------------------
# Our own agency


def own_agency(fallback: Organ | None = None) -> Organ:
    agency = Agency.objects.filter(is_self=True).first()
    if agency is not None:
        return organ_of(agency)
    organ_id = os.environ.get("CONGVAN_ORGAN_ID", "").strip()
    if organ_id:
        return Organ(organ_id=organ_id, name=os.environ.get("CONGVAN_ISSUER_NAME") or None)
    if fallback is not None and fallback.organ_id:
        return fallback
    raise ExchangeError(
        "chưa đặt mã định danh của cơ quan mình: thêm cơ quan liên thông «là cơ quan mình» "
        "hoặc đặt biến môi trường CONGVAN_ORGAN_ID (dạng 000.00.00.H41)"
    )


def organ_of(agency: Agency) -> Organ:
    return Organ(
        organ_id=agency.organ_id,
        name=agency.name,
        in_charge=agency.in_charge or None,
        address=agency.address or None,
        email=agency.email or None,
        telephone=agency.telephone or None,
        fax=agency.fax or None,
        website=agency.website or None,
    )


def organ_id_for(name: str) -> str | None:
    """The mã định danh of the agency called ``name`` (diacritics and case ignored)."""
    agency = Agency.objects.filter(name_key=fold(name)).exclude(is_self=True).first()
    return agency.organ_id if agency else None


def remember_agency(organ: Organ) -> None:
    """Keep a partner's name and contact data the first time a package names it."""
    if not organ.organ_id or not edxml.is_organ_id(organ.organ_id) or not organ.name:
        return
    Agency.objects.get_or_create(
        organ_id=organ.organ_id,
        defaults={
            "name": organ.name[:300],
            "in_charge": (organ.in_charge or "")[:300],
            "address": (organ.address or "")[:300],
            "email": (organ.email or "")[:200],
            "telephone": (organ.telephone or "")[:100],
            "fax": (organ.fax or "")[:100],
            "website": (organ.website or "")[:200],
        },
    )


# ---------------------------------------------------------------------------------------------
# Import


def import_file(path, *, register: str | None = "incoming") -> ImportOutcome:
    from pathlib import Path

    path = Path(path)
    try:
        size = path.stat().st_size
        if size > edxml.MAX_PACKAGE_BYTES:
            raise edxml.UnsafePackage(
                f"gói tin quá lớn ({size // (1024 * 1024)} MB, giới hạn "
                f"{edxml.MAX_PACKAGE_BYTES // (1024 * 1024)} MB)",
                path=str(path),
            )
        data = path.read_bytes()
    except OSError as error:
        raise edxml.EdxmlError(
            f"không mở được tệp ({error.strerror or error})", path=str(path)
        ) from error
    return import_package(data, path.name, register=register, source=str(path))


def import_package(
    data: bytes, name: str, *, register: str | None = "incoming", source: str | None = None
) -> ImportOutcome:
    """Apply one received package (see the module's description); one transaction."""
    where = source or name
    sha = files.sha256_of(data)
    existing = Message.objects.filter(direction=Message.INCOMING, sha256=sha).first()
    if existing is not None:
        return ImportOutcome(existing, False, existing.document)
    try:
        parsed = edxml.read(data, name=where)
    except DocumentError as error:
        error.path = error.path or where
        raise
    try:
        with transaction.atomic():
            if isinstance(parsed, Status):
                return _import_status(parsed, data, sha, name)
            return _import_document(parsed, data, sha, name, register)
    except DocumentError as error:
        error.path = error.path or where
        raise


def _store_message(data: bytes, sha: str, name: str, **fields) -> Message:
    files.store_bytes(data, sha)
    return Message.objects.create(sha256=sha, size=len(data), name=name[:500], **fields)


def _store_attachments(message: Message, package: Package) -> None:
    for position, attachment in enumerate(package.attachments, start=1):
        sha = files.sha256_of(attachment.data)
        files.store_bytes(attachment.data, sha)
        Attachment.objects.create(
            message=message,
            position=position,
            name=attachment.name[:500],
            content_type=attachment.content_type[:200],
            description=attachment.description or "",
            sha256=sha,
            size=len(attachment.data),
        )


def _attachment_text(package: Package) -> tuple[str, list[str]]:
    """The text of the first attachment congvan can read (the dispatch itself, usually)."""
    from congvan.document.extract import extract_bytes

    problems = []
    for attachment in package.attachments:
        try:
            return extract_bytes(attachment.data, attachment.name), problems
        except DocumentError as error:
            problems.append(f"tệp đính kèm {attachment.name!r}: {error.message}")
    return "", problems


def _summary_text(package: Package) -> str:
    record = package.record
    lines = [
        record.issuer.parent or "",
        record.issuer.name or "",
        f"Số: {record.code}" if record.code else "",
        f"V/v {record.subject}" if record.subject else "",
        "Kính gửi: " + "; ".join(record.recipients) if record.recipients else "",
        package.content or "",
    ]
    return "\n".join(line for line in lines if line)


def _find_existing(record) -> Document | None:
    year = year_of(record.date, record.notation)
    if not record.number or year is None:
        return None
    return Document.objects.filter(
        issuer_key=issuer_key(record.issuer.name),
        code_key=code_key(record.number, record.notation),
        year=year,
    ).first()


def _incoming_messages(document_id: str | None, sender: str | None = None):
    found = Message.objects.filter(
        direction=Message.INCOMING, kind=Message.DOCUMENT, edxml_id=document_id or ""
    )
    if sender:
        found = found.filter(sender_id=sender)
    return found


def _import_document(
    package: Package, data: bytes, sha: str, name: str, register: str | None
) -> ImportOutcome:
    from congvan.registry.ingest import store_document
    from congvan.registry.registers import enter

    business = package.business.doc_type
    warnings = list(package.warnings)
    the_id = package.document_id or package.business.document_id or ""
    earlier = _incoming_messages(the_id, package.sender.organ_id).order_by("created_at").first()
    document = earlier.document if earlier is not None else None
    if business == 1:  # recall: nothing new is registered
        targets = _incoming_messages(the_id, package.sender.organ_id)
        if not targets.exists():
            warnings.append("chưa nhận văn bản bị thu hồi này: chỉ lưu gói tin thu hồi")
        targets.update(revoked=True)
    elif document is None:
        document = _find_existing(package.record)
        if document is None:
            text, problems = _attachment_text(package)
            warnings += problems
            document, _ = store_document(
                package.record,
                text=text or _summary_text(package),
                data=data,
                filename=name,
                sha256=sha,
            )
        if register:
            enter(document, register, dt.date.today())
    elif business == 0:
        warnings.append("văn bản này đã nhận trước đây (cùng DocumentId): gắn vào văn bản đã có")
    message = _store_message(
        data,
        sha,
        name,
        direction=Message.INCOMING,
        kind=Message.DOCUMENT,
        document=document,
        edxml_id=the_id[:300],
        sender_id=package.sender.organ_id[:50],
        sender_name=(package.sender.name or "")[:300],
        receiver_ids=[r.organ_id for r in package.receivers],
        business_type=business,
        warnings=warnings,
    )
    _store_attachments(message, package)
    remember_agency(package.sender)
    if business == 3:
        Message.objects.filter(
            direction=Message.INCOMING,
            kind=Message.DOCUMENT,
            edxml_id__in=package.business.replaces,
            sender_id=package.sender.organ_id,
        ).update(replaced_by=message)
    outbox: list[Message] = []
    if business != 1:
        me = own_agency(fallback=package.receivers[0] if package.receivers else None)
        outbox.append(send_status(message, "01", sender=me))
        if register:
            outbox.append(send_status(message, "03", sender=me))
    return ImportOutcome(message, True, document, outbox, warnings)


def _import_status(status: Status, data: bytes, sha: str, name: str) -> ImportOutcome:
    if status.code not in edxml.STATUS_CODES:
        raise ExchangeError(f"mã trạng thái {status.code!r} không có trong QCVN 102")
    the_id = status.response_for.document_id or ""
    sent = Message.objects.filter(
        direction=Message.OUTGOING, kind=Message.DOCUMENT, edxml_id=the_id
    ).first()
    candidates = Message.objects.filter(
        direction=Message.INCOMING, kind=Message.DOCUMENT, edxml_id=the_id
    ).order_by("created_at")
    received = candidates.filter(sender_id=status.sender.organ_id).first() or candidates.first()
    if sent is None and received is None:
        raise ExchangeError(
            f"gói tin trạng thái {status.code} ({status.label}) nói về văn bản "
            f"{the_id or status.response_for.code!r} chưa có trong hệ thống"
        )
    target = sent or received
    warnings = list(status.warnings)
    if sent is not None:  # a receiver answers a document we sent
        delivery, _ = Delivery.objects.get_or_create(
            message=sent,
            organ_id=status.sender.organ_id[:50],
            defaults={"name": (status.sender.name or "")[:300]},
        )
        delivery.status_code = status.code
        delivery.description = status.description or ""
        delivery.status_at = (status.timestamp or "")[:40]
        delivery.save()
    elif status.code == "13" and status.sender.organ_id == received.sender_id:
        received.recall_requested = True  # the sender asks for its document back
        received.save(update_fields=["recall_requested"])
    else:
        warnings.append(
            f"trạng thái {status.code} của {status.sender.organ_id or 'nơi không rõ'} về văn bản "
            "đã nhận: chỉ lưu lại, không đổi trạng thái"
        )
    message = _store_message(
        data,
        sha,
        name,
        direction=Message.INCOMING,
        kind=Message.STATUS,
        document=target.document,
        edxml_id=the_id[:300],
        sender_id=status.sender.organ_id[:50],
        sender_name=(status.sender.name or "")[:300],
        status_code=status.code,
        description=status.description or "",
        warnings=warnings,
    )
    return ImportOutcome(message, True, target.document, [], warnings)


# ---------------------------------------------------------------------------------------------
# Statuses we send


def response_for(message: Message) -> ResponseFor:
    """The ResponseFor block naming the document of ``message``."""
    parts = message.edxml_id.split(",", 2)
    document = message.document
    code = parts[2] if len(parts) == 3 else (document.code if document else "")
    return ResponseFor(
        organ_id=message.sender_id or None,
        code=code or None,
        promulgation_date=(document.date if document else None),
        document_id=message.edxml_id or None,
    )


def send_status(
    message: Message,
    code: str,
    *,
    description: str | None = None,
    staff: Staff | None = None,
    sender: Organ | None = None,
) -> Message:
    """A status package about the received document of ``message``, put in the outbox."""
    if message.direction != Message.INCOMING or message.kind != Message.DOCUMENT:
        raise ExchangeError("chỉ gửi trạng thái cho văn bản nhận qua liên thông")
    me = sender or own_agency()
    status = Status(
        sender=me,
        response_for=response_for(message),
        code=code,
        description=description or edxml.STATUS_CODES.get(code),
        timestamp=dt.datetime.now().strftime("%Y/%m/%d %H:%M:%S"),
        staff=staff,
    )
    data = edxml.write_status(status)
    sha = files.sha256_of(data)
    with transaction.atomic():
        if code in PROGRESS:
            message.status_code = code
            message.save(update_fields=["status_code"])
        if code == "15":
            message.revoked = True
            message.save(update_fields=["revoked"])
        outgoing = Message.objects.filter(direction=Message.OUTGOING, sha256=sha).first()
        if outgoing is None:
            outgoing = _store_message(
                data,
                sha,
                f"trang-thai-{code}-{message.pk}.edxml",
                direction=Message.OUTGOING,
                kind=Message.STATUS,
                document=message.document,
                edxml_id=message.edxml_id,
                sender_id=me.organ_id[:50],
                sender_name=(me.name or "")[:300],
                receiver_ids=[message.sender_id],
                status_code=code,
                description=status.description or "",
            )
    return outgoing


def advance(message: Message, code: str, **kwargs) -> Message | None:
    """:func:`send_status` only where ``code`` is further along than what was last sent."""
    current = PROGRESS.index(message.status_code) if message.status_code in PROGRESS else -1
    if code in PROGRESS and PROGRESS.index(code) <= current:
        return None
    return send_status(message, code, **kwargs)


def answer_recall(message: Message, *, accept: bool, description: str | None = None) -> Message:
    """Answer the sender's request (13) to take its document back: 15 agree, 16 refuse."""
    result = send_status(message, "15" if accept else "16", description=description)
    message.recall_requested = False
    message.save(update_fields=["recall_requested"])
    return result


# ---------------------------------------------------------------------------------------------
# Export


def export_document(
    document: Document,
    *,
    receivers: list[Organ] | None = None,
    zip_attachments: bool = False,
    include_file: bool = True,
) -> tuple[Message, bytes]:
    """The package sending ``document`` (its record and its stored file as the attachment),
    kept in the outbox with one :class:`Delivery` per receiver."""
    me = own_agency()
    attachments = []
    if include_file and document.sha256 and document.file_path and document.file_path.exists():
        attachments.append(
            edxml.Attachment(
                name=edxml.safe_filename(document.original_name or f"van-ban-{document.pk}"),
                data=document.file_path.read_bytes(),
                content_type=document.content_type or "application/octet-stream",
            )
        )
    package = edxml.package_for(
        document.to_record(),
        sender=me,
        receivers=receivers,
        attachments=attachments,
        organ_id_for=organ_id_for,
    )
    data = edxml.write_package(package, zip_attachments=zip_attachments)
    sha = files.sha256_of(data)
    again = Message.objects.filter(direction=Message.OUTGOING, sha256=sha).first()
    if again is not None:
        return again, data
    with transaction.atomic():
        message = _store_message(
            data,
            sha,
            f"{package.document_id or document.pk}.edxml",
            direction=Message.OUTGOING,
            kind=Message.DOCUMENT,
            document=document,
            edxml_id=(package.document_id or "")[:300],
            sender_id=me.organ_id[:50],
            sender_name=(package.sender.name or "")[:300],
            receiver_ids=[r.organ_id for r in package.receivers],
            business_type=package.business.doc_type,
        )
        for receiver in package.receivers:
            Delivery.objects.get_or_create(
                message=message,
                organ_id=(receiver.organ_id or receiver.name or "")[:50],
                defaults={"name": (receiver.name or "")[:300]},
            )
    return message, data
