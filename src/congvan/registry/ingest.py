"""Ingest: file → extract → parse → store → index, one transaction per document.

Idempotent by SHA-256: the same bytes a second time change nothing (and, with a register, only
add the register entry the document lacks). Every failure is a typed error with a Vietnamese
message (``UnreadableFile``, ``NeedsOCR``, ``UnsupportedFormat``, ``ParseError``,
``NumberingConflict``) and leaves nothing half-stored.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from congvan.document.errors import DocumentError, ParseError, UnreadableFile
from congvan.document.model import Document as Record
from congvan.document.vntext import nfc
from congvan.registry import files
from congvan.registry.citations import link_waiting, save_citations
from congvan.registry.errors import NumberingConflict
from congvan.registry.keys import code_key, first_day, issuer_key, year_of
from congvan.registry.models import Document, Entry
from congvan.registry.registers import enter
from congvan.registry.search import index_document

# Files larger than this are refused rather than read into memory.
MAX_FILE_BYTES = 100 * 1024 * 1024
SKIPPED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass
class Outcome:
    document: Document
    created: bool  # False: the same bytes were already stored
    entry: Entry | None = None


def today() -> dt.date:
    return timezone.localdate()


def ingest_file(
    path: str | Path, *, register: str | None = None, entered_on: dt.date | None = None
) -> Outcome:
    """Store the document in ``path`` (once); with ``register``, give it a number there."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(
                f"tệp quá lớn ({size // (1024 * 1024)} MB, tối đa "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB)",
                path=str(path),
            )
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableFile(f"không mở được tệp ({err.strerror or err})", path=str(path)) from err
    return ingest_bytes(data, path.name, register=register, entered_on=entered_on, source=str(path))


def ingest_bytes(
    data: bytes,
    filename: str,
    *,
    register: str | None = None,
    entered_on: dt.date | None = None,
    source: str | None = None,
) -> Outcome:
    """As :func:`ingest_file`, for bytes already in hand (an upload)."""
    from congvan.document.extract import extract_bytes
    from congvan.document.parse import parse_text

    sha = files.sha256_of(data)
    existing = Document.objects.filter(sha256=sha).first()
    if existing is not None:
        return _again(existing, register, entered_on)
    try:
        text = nfc(extract_bytes(data, filename))
        record = parse_text(text)
    except DocumentError as err:
        err.path = err.path or source or filename
        raise
    except Exception as err:  # a reader's or parser's bug must not stop a batch either
        raise ParseError(
            f"không đọc được nội dung văn bản ({type(err).__name__}: {err})",
            path=source or filename,
        ) from err
    try:
        document, entry = store_document(
            record,
            text=text,
            data=data,
            filename=filename,
            register=register,
            entered_on=entered_on,
            sha256=sha,
        )
    except NumberingConflict as err:
        err.path = source or filename
        raise
    except IntegrityError:
        existing = Document.objects.filter(sha256=sha).first()
        if existing is None:
            raise
        return _again(existing, register, entered_on)  # stored meanwhile by another process
    return Outcome(document, True, entry)


def _again(document: Document, register: str | None, entered_on: dt.date | None) -> Outcome:
    entry = None
    if register:
        entry, _ = enter(document, register, entered_on or _entry_date(document, register))
    return Outcome(document, False, entry)


def _entry_date(document: Document, register: str) -> dt.date:
    if register == "outgoing" and document.issued_on:
        return document.issued_on
    return today()


def store_document(
    record: Record,
    *,
    text: str = "",
    data: bytes | None = None,
    filename: str = "",
    register: str | None = None,
    entered_on: dt.date | None = None,
    sha256: str | None = None,
) -> tuple[Document, Entry | None]:
    """Store a parsed record (and its file), link citations both ways, index it, and enter it in
    ``register``: all in one transaction. Raises :class:`NumberingConflict`."""
    document = Document(
        kind=record.kind,
        urgency=record.urgency,
        issuer_name=record.issuer.name,
        issuer_parent=record.issuer.parent,
        number=record.number,
        notation=record.notation,
        place=record.place,
        date=record.date,
        subject=record.subject,
        recipients=list(record.recipients),
        tasks=[t.to_json() for t in record.tasks],
        distribution=list(record.distribution),
        signer_form=record.signer.form,
        signer_authority=record.signer.authority,
        signer_title=record.signer.title,
        signer_name=record.signer.name,
        year=year_of(record.date, record.notation),
        issued_on=first_day(record.date),
        issuer_key=issuer_key(record.issuer.name),
        code_key=code_key(record.number, record.notation),
        text=text,
    )
    if data is not None:
        document.sha256 = sha256 or files.sha256_of(data)
        document.size = len(data)
        document.content_type = files.content_type_of(filename)
        document.original_name = filename[:500]
    with transaction.atomic():
        if document.number and document.year is not None:
            clash = Document.objects.filter(
                issuer_key=document.issuer_key,
                number=document.number,
                notation=document.notation,
                year=document.year,
            ).first()
            if clash is not None:
                raise NumberingConflict(
                    f"đã có văn bản số {document.code} năm {document.year}"
                    f" của {document.issuer_name or 'cùng cơ quan'} (mã {clash.pk})"
                )
        if data is not None:
            files.store_bytes(data, document.sha256)
        document.save()
        save_citations(document, record.references)
        link_waiting(document)
        index_document(document)
        entry = None
        if register:
            entry, _ = enter(document, register, entered_on or _entry_date(document, register))
    return document, entry


def walk(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every file under ``paths`` (folders recursively, in name order, hidden ones skipped),
    one directory in memory at a time; a path that does not exist is yielded as is, so the
    caller reports it as one bad file."""
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if not name.startswith(".") and name not in SKIPPED_NAMES:
                    yield Path(root) / name
