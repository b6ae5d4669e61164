"""Ingest: file → extract → parse → store → index, one transaction per document.

:func:`ingest_paths` is the batch form (``congvan ingest``): worker processes read and parse
while this one stores, a batch of documents per transaction with one savepoint per document (a
bad document rolls back alone), and the search index written once per batch. Constant memory:
a bounded number of batches is in flight, whatever the number of files.

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

from congvan import audit
from congvan.document.errors import DocumentError, ParseError, UnreadableFile
from congvan.document.extract import MAX_BYTES, too_large
from congvan.document.model import Document as Record
from congvan.document.vntext import nfc
from congvan.registry import files
from congvan.registry.citations import link_waiting, save_citations
from congvan.registry.errors import NumberingConflict
from congvan.registry.keys import code_key, first_day, issuer_key, parent_key, year_of
from congvan.registry.models import Document, Entry
from congvan.registry.registers import enter
from congvan.registry.search import index_document

# Files larger than this are refused rather than read into memory (CONGVAN_MAX_FILE_MB).
MAX_FILE_BYTES = MAX_BYTES
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
        data = read_file(path)
    except UnreadableFile as err:
        err.path = str(path)
        raise
    return ingest_bytes(data, path.name, register=register, entered_on=entered_on, source=str(path))


def read_file(path: Path) -> bytes:
    """The bytes of ``path``, refused before they are read when there are too many."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise too_large(size, MAX_FILE_BYTES, str(path))
        return path.read_bytes()
    except OSError as err:
        raise UnreadableFile(f"không mở được tệp ({err.strerror or err})") from err


def ingest_bytes(
    data: bytes,
    filename: str,
    *,
    register: str | None = None,
    entered_on: dt.date | None = None,
    source: str | None = None,
) -> Outcome:
    """As :func:`ingest_file`, for bytes already in hand (an upload)."""
    from congvan.document.parse import parse_text

    sha = files.sha256_of(data)
    existing = Document.objects.filter(sha256=sha).first()
    if existing is not None:
        return _again(existing, register, entered_on)
    try:
        text, ocr = extract(data, filename)
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
            ocr=ocr,
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


def document_of(
    record: Record,
    text: str,
    filename: str,
    *,
    data: bytes | None = None,
    sha256: str | None = None,
    size: int | None = None,
    ocr: OCRKept | None = None,
) -> Document:
    """The unsaved row of a parsed record (``ocr``: the searchable PDF of a scan, stored)."""
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
        parent_key=parent_key(record.issuer.parent),
        code_key=code_key(record.number, record.notation),
        text=text,
    )
    if data is not None:
        document.sha256 = sha256 or files.sha256_of(data)
        document.size = len(data)
    elif sha256 is not None:  # the caller stored the file already (``ingest_paths``' workers)
        document.sha256, document.size = sha256, size
    if document.sha256:
        document.content_type = files.content_type_of(filename)
        document.original_name = filename[:500]
    if ocr is not None:
        document.ocr_sha256, document.ocr_confidence = ocr.sha256, ocr.confidence
    return document


@dataclass
class OCRKept:
    """The searchable PDF that OCR made of a scan, in the file store, and OCR's confidence."""

    sha256: str
    confidence: float | None


def extract(data: bytes, filename: str) -> tuple[str, OCRKept | None]:
    """The text of a file (a scan read by OCR, its searchable PDF kept in the file store)."""
    from congvan.document.extract import extract_document

    extracted = extract_document(data, filename)
    kept = None
    if extracted.ocr is not None:
        sha = files.sha256_of(extracted.ocr.pdf)
        files.store_bytes(extracted.ocr.pdf, sha)
        kept = OCRKept(sha, extracted.ocr.confidence)
    return nfc(extracted.text), kept


def _conflict(document: Document, clash_pk) -> NumberingConflict:
    return NumberingConflict(
        f"đã có văn bản số {document.code} năm {document.year}"
        f" của {document.issuer_name or 'cùng cơ quan'} (mã {clash_pk})"
    )


def store_document(
    record: Record,
    *,
    text: str = "",
    data: bytes | None = None,
    filename: str = "",
    register: str | None = None,
    entered_on: dt.date | None = None,
    sha256: str | None = None,
    size: int | None = None,
    ocr: OCRKept | None = None,
) -> tuple[Document, Entry | None]:
    """Store a parsed record (and its file), link citations both ways, index it, and enter it in
    ``register``: all in one transaction. Raises :class:`NumberingConflict`."""
    document = document_of(record, text, filename, data=data, sha256=sha256, size=size, ocr=ocr)
    with transaction.atomic():
        if document.number and document.year is not None:
            clash = Document.objects.filter(
                issuer_key=document.issuer_key,
                parent_key=document.parent_key,
                number=document.number,
                notation=document.notation,
                year=document.year,
            ).first()
            if clash is not None:
                raise _conflict(document, clash.pk)
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


@dataclass
class Prepared:
    """A file read and parsed by :func:`prepare` (in a worker): what storing it needs."""

    source: str
    name: str
    sha256: str | None = None
    size: int | None = None
    text: str | None = None
    record: Record | None = None
    ocr: OCRKept | None = None
    document: Document | None = None  # the unsaved row, built in the worker
    error: tuple[str, str] | None = None  # (class name, Vietnamese message)

    def exception(self) -> DocumentError:
        from congvan.document import errors

        name, message = self.error or ("DocumentError", "")
        cls = getattr(errors, name, None)
        if not (isinstance(cls, type) and issubclass(cls, DocumentError)):
            cls = DocumentError
        return cls(message, path=self.source)


def prepare(path: str | Path) -> Prepared:
    """Read, hash, extract and parse one file, and keep its bytes in the file store (by content:
    harmless if the document is then refused). No database: it runs in worker processes."""
    from congvan.document.parse import parse_text

    path = Path(path)
    out = Prepared(source=str(path), name=path.name)
    try:
        data = read_file(path)
        out.sha256, out.size = files.sha256_of(data), len(data)
        try:
            out.text, out.ocr = extract(data, path.name)
            out.record = parse_text(out.text)
        except DocumentError:
            raise
        except Exception as err:
            raise ParseError(
                f"không đọc được nội dung văn bản ({type(err).__name__}: {err})"
            ) from err
        files.store_bytes(data, out.sha256)
        out.document = document_of(
            out.record, out.text, out.name, sha256=out.sha256, size=out.size, ocr=out.ocr
        )
    except DocumentError as err:
        out.error, out.text, out.record = (type(err).__name__, err.message), None, None
    return out


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    register: str | None = None,
    entered_on: dt.date | None = None,
    workers: int | None = None,
    batch: int = 500,
) -> Iterator[tuple[Path, Outcome | DocumentError]]:
    """:func:`ingest_file` for every file under ``paths``, faster: yields (path, outcome or
    error) in order, once the batch holding it has committed."""
    from congvan.registry.search import bulk

    if workers is None:
        workers = os.cpu_count() or 1
    chunks = _chunks(walk(paths), batch)
    if workers <= 1:
        prepared = ([prepare(p) for p in chunk] for chunk in chunks)
        with bulk():
            for ready in prepared:
                yield from _store_batch(ready, register, entered_on)
        return
    import multiprocessing

    # fork: the workers inherit the configured settings; they never touch the database
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        with bulk():
            pending = []
            for chunk in chunks:
                pending.append(pool.map_async(prepare, chunk, chunksize=8))
                if len(pending) > 2:  # two batches ahead of the one being stored, no more
                    yield from _store_batch(pending.pop(0).get(), register, entered_on)
            for job in pending:
                yield from _store_batch(job.get(), register, entered_on)
    finally:
        pool.terminate()
        pool.join()


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _number_key(document: Document):
    if document.number and document.year is not None:
        return (
            document.issuer_key,
            document.parent_key,
            document.number,
            document.notation,
            document.year,
        )
    return None


def _store_batch(
    ready: list[Prepared], register: str | None, entered_on: dt.date | None
) -> list[tuple[Path, Outcome | DocumentError]]:
    """Store a batch in one transaction. The usual case goes in bulk (a few statements for the
    whole batch); should the database refuse it, the batch is stored again one document at a
    time, each in a savepoint of its own, so one bad document never takes others with it."""
    try:
        with transaction.atomic():
            return _store_bulk(ready, register, entered_on)
    except Exception:  # refused (a clash raced in by another process) or a bug: one by one
        return _store_each(ready, register, entered_on)


def _store_bulk(ready, register, entered_on):
    from congvan.registry.citations import link_waiting_many, save_citations_many
    from congvan.registry.registers import enter_many
    from congvan.registry.search import index_documents

    shas = {p.sha256 for p in ready if p.sha256 and not p.error}
    known = {d.sha256: d for d in Document.objects.filter(sha256__in=shas)}
    results: list = [None] * len(ready)
    fresh: list[tuple[int, Prepared, Document]] = []
    fresh_shas: set[str] = set()
    batch_keys: dict = {}
    for i, p in enumerate(ready):
        if p.error:
            results[i] = p.exception()
        elif p.sha256 in known or p.sha256 in fresh_shas:
            results[i] = "again"
        else:
            document = p.document
            key = _number_key(document)
            if key is not None and key in batch_keys:
                err = _conflict(document, "?")
                err.path = p.source
                results[i] = err
                continue
            if key is not None:
                batch_keys[key] = i
            fresh.append((i, p, document))
            fresh_shas.add(p.sha256)
    # số + ký hiệu + year already taken by a stored document of the same issuer
    codes = {d.code_key for _, _, d in fresh if _number_key(d)}
    taken = {}
    if codes:
        rows = Document.objects.filter(code_key__in=codes).values_list(
            "pk", "issuer_key", "parent_key", "number", "notation", "year"
        )
        taken = {tuple(row[1:]): row[0] for row in rows}
    kept = []
    for i, p, document in fresh:
        key = _number_key(document)
        if key is not None and key in taken:
            err = _conflict(document, taken[key])
            err.path = p.source
            results[i] = err
        else:
            kept.append((i, p, document))
    documents = Document.objects.bulk_create([d for _, _, d in kept])
    audit.documents_created(documents)  # bulk_create sends no signals
    save_citations_many(
        [(d, p.record.references) for (_, p, _), d in zip(kept, documents, strict=True)]
    )
    link_waiting_many(documents)
    index_documents(documents)
    entries = [None] * len(documents)
    if register:
        entries = enter_many(
            [(d, entered_on or _entry_date(d, register)) for d in documents], register
        )
    for (i, _, _), document, entry in zip(kept, documents, entries, strict=True):
        results[i] = Outcome(document, True, entry)
    for i, p in enumerate(ready):
        if results[i] == "again":
            document = known.get(p.sha256) or next(
                r.document
                for r in results
                if isinstance(r, Outcome) and r.document.sha256 == p.sha256
            )
            results[i] = _again(document, register, entered_on)
    return [(Path(p.source), r) for p, r in zip(ready, results, strict=True)]


def _store_each(ready, register, entered_on):
    shas = {p.sha256 for p in ready if p.sha256 and not p.error}
    known = {d.sha256: d for d in Document.objects.filter(sha256__in=shas)}
    results: list[tuple[Path, Outcome | DocumentError]] = []
    with transaction.atomic():
        for p in ready:
            path = Path(p.source)
            if p.error:
                results.append((path, p.exception()))
                continue
            try:
                with transaction.atomic():  # one savepoint per document
                    existing = known.get(p.sha256)
                    if existing is not None:
                        results.append((path, _again(existing, register, entered_on)))
                        continue
                    document, entry = store_document(
                        p.record,
                        text=p.text,
                        filename=p.name,
                        register=register,
                        entered_on=entered_on,
                        sha256=p.sha256,
                        size=p.size,
                    )
            except DocumentError as err:
                err.path = err.path or p.source
                results.append((path, err))
            except Exception as err:  # a bug must not stop the batch either
                results.append(
                    (
                        path,
                        ParseError(
                            f"lỗi không lường trước ({type(err).__name__}: {err})",
                            path=p.source,
                        ),
                    )
                )
            else:
                known[p.sha256] = document
                results.append((path, Outcome(document, True, entry)))
    return results
