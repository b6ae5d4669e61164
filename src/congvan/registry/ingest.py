"""Ingest: file → extract → parse → store → index, one transaction per document.

:func:`ingest_paths` is the batch form (``congvan ingest``): worker processes read and parse,
and make ready all that storing takes (row values, citations, the folded search entry), while
this one stores a batch of documents per transaction, a prepared statement per table; should
the database refuse the batch, it is stored again with one savepoint per document (a bad
document rolls back alone). The search index is written once per batch. Constant memory: a
bounded number of batches is in flight, whatever the number of files.

Idempotent by SHA-256: the same bytes a second time change nothing (and, with a register, only
add the register entry the document lacks). Every failure is a typed error with a Vietnamese
message (``UnreadableFile``, ``NeedsOCR``, ``UnsupportedFormat``, ``ParseError``,
``NumberingConflict``) and leaves nothing half-stored.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import pickle
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, models, transaction
from django.utils import timezone

from congvan import audit
from congvan.document.errors import DocumentError, ParseError, UnreadableFile
from congvan.document.extract import MAX_BYTES, too_large
from congvan.document.model import Document as Record
from congvan.document.vntext import nfc
from congvan.registry import files
from congvan.registry.citations import (
    CITED_COLUMNS,
    cited_of,
    link_waiting,
    link_waiting_many,
    save_cited,
)
from congvan.registry.citations import _pick as pick_target
from congvan.registry.errors import NumberingConflict
from congvan.registry.keys import code_key, first_day, issuer_key, parent_key, year_of
from congvan.registry.models import Citation, Document, Entry
from congvan.registry.registers import assign_numbers, enter, get_register
from congvan.registry.search import index_document
from congvan.registry.search._backend import get_backend, prepared_entry
from congvan.registry.search._text import Entry as SearchEntry

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
    issuer, signer = record.issuer, record.signer
    values = {
        "id": None,
        "kind": record.kind,
        "urgency": record.urgency,
        "issuer_name": issuer.name,
        "issuer_parent": issuer.parent,
        "number": record.number,
        "notation": record.notation,
        "place": record.place,
        "date": record.date,
        "subject": record.subject,
        "recipients": list(record.recipients),
        "tasks": [t.to_json() for t in record.tasks],
        "distribution": list(record.distribution),
        "signer_form": signer.form,
        "signer_authority": signer.authority,
        "signer_title": signer.title,
        "signer_name": signer.name,
        "year": year_of(record.date, record.notation),
        "issued_on": first_day(record.date),
        "issuer_key": issuer_key(issuer.name),
        "parent_key": parent_key(issuer.parent),
        "code_key": code_key(record.number, record.notation),
        "text": text,
        "sha256": None,
        "size": None,
        "content_type": "",
        "original_name": "",
        "ocr_sha256": "",
        "ocr_confidence": None,
        "created_at": None,
    }
    if data is not None:
        values["sha256"], values["size"] = sha256 or files.sha256_of(data), len(data)
    elif sha256 is not None:  # the caller stored the file already (``ingest_paths``' workers)
        values["sha256"], values["size"] = sha256, size
    if values["sha256"]:
        values["content_type"] = files.content_type_of(filename)
        values["original_name"] = filename[:500]
    if ocr is not None:
        values["ocr_sha256"], values["ocr_confidence"] = ocr.sha256, ocr.confidence
    # by position: the model's quick way (by name it looks each field up in the arguments)
    return Document(
        *[values[f.attname] if f.attname in values else f.get_default() for f in _DOCUMENT_FIELDS]
    )


_DOCUMENT_FIELDS = tuple(Document._meta.concrete_fields)


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
    return _store_row(document, cited_of(record.references), data, register, entered_on)


def _store_row(
    document: Document,
    cited: list[tuple],
    data: bytes | None,
    register: str | None,
    entered_on: dt.date | None,
) -> tuple[Document, Entry | None]:
    """:func:`store_document` of the unsaved row ``document`` and its citations' values."""
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
        save_cited(document, cited)
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
            folder = Path(root)
            for name in sorted(names):
                if not name.startswith(".") and name not in SKIPPED_NAMES:
                    yield folder / name


@dataclass
class Prepared:
    """A file read and parsed by :func:`prepare` (in a worker): what storing it needs, no more
    (it is pickled to the storing process: the parsed record, say, is not)."""

    source: str
    name: str
    sha256: str | None = None
    document: Document | None = None  # the unsaved row, built in the worker
    row: tuple | None = None  # its INSERT values as the database takes them (``_ROW_FIELDS``)
    entry: SearchEntry | None = None  # its search entry, folded (id and registers: once stored)
    cited: list[tuple] | None = None  # its citations' values (:func:`cited_of`)
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
    harmless if the document is then refused); and what storing it takes, made ready here, as
    the one storing process is the bottleneck of a batch: the row's values, the citations', the
    search entry. No database: it runs in worker processes."""
    from congvan.document.parse import parse_text

    path = Path(path)
    out = Prepared(source=str(path), name=path.name)
    try:
        data = read_file(path)
        out.sha256 = files.sha256_of(data)
        try:
            text, ocr = extract(data, path.name)
            record = parse_text(text)
        except DocumentError:
            raise
        except Exception as err:
            raise ParseError(
                f"không đọc được nội dung văn bản ({type(err).__name__}: {err})"
            ) from err
        files.store_bytes(data, out.sha256)
        out.document = document_of(
            record, text, out.name, sha256=out.sha256, size=len(data), ocr=ocr
        )
        out.row = _row_of(out.document)
        out.entry = prepared_entry(out.document)
        out.cited = cited_of(record.references)
    except DocumentError as err:
        out.error = (type(err).__name__, err.message)
    return out


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    register: str | None = None,
    entered_on: dt.date | None = None,
    workers: int | None = None,
    batch: int = 2000,
) -> Iterator[tuple[Path, Outcome | DocumentError]]:
    """:func:`ingest_file` for every file under ``paths``, faster: yields (path, outcome or
    error) in order, once the batch holding it has committed."""
    from congvan.registry.search import bulk

    if workers is None:
        workers = os.cpu_count() or 1
    chunks = _chunks(walk(paths), batch)
    if workers <= 1:
        with bulk(), _large_cache():
            for chunk in chunks:
                yield from _store_batch(chunk, [prepare(p) for p in chunk], register, entered_on)
        return
    pool = _Workers(workers)  # before the index writer's threads start: the workers fork
    try:
        with bulk(), _large_cache():
            pending: deque[tuple[list[Path], list[int]]] = deque()
            for chunk in chunks:
                pending.append((chunk, pool.submit(chunk)))
                if len(pending) > 2:  # two batches ahead of the one being stored, no more
                    files, tasks = pending.popleft()
                    yield from _store_batch(files, pool.results(tasks), register, entered_on)
            for files, tasks in pending:
                yield from _store_batch(files, pool.results(tasks), register, entered_on)
    finally:
        pool.close()


# files per task of a worker: few enough to share a batch out evenly, enough that sending
# and receiving cost little beside preparing them
TASK_FILES = 16


def _serve(conn) -> None:
    """A worker's loop: prepare the files of each task, send them back pickled."""
    while True:
        try:
            paths = conn.recv()
        except EOFError:
            return
        conn.send_bytes(pickle.dumps([prepare(p) for p in paths], pickle.HIGHEST_PROTOCOL))


class _Workers:
    """Processes that :func:`prepare` files, and one thread of this one that gives each a task
    as it comes free and reads each result as soon as it is sent, while this process stores.
    (``multiprocessing.Pool`` has a thread that polls whenever a result waits unread: a
    quarter of a core at ingest's rate, on the process that is the bottleneck.)"""

    def __init__(self, count: int):
        import multiprocessing

        # fork: the workers inherit the configured settings; they never touch the database
        self._context = multiprocessing.get_context("fork")
        self._workers = [self._start() for _ in range(count)]
        self._todo: deque[tuple[int, list]] = deque()
        self._done: dict[int, bytes | list[Prepared]] = {}
        self._count = 0
        self._closing = False
        self._error: BaseException | None = None
        self._cond = threading.Condition()
        self._wake_read, self._wake_write = os.pipe()
        self._thread = threading.Thread(target=self._run, name="congvan-ingest", daemon=True)
        self._thread.start()

    def _start(self):
        conn, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child,), daemon=True)
        process.start()
        child.close()
        return conn, process

    def submit(self, paths: list) -> list[int]:
        """Queue ``paths`` as tasks; returns their numbers, for :meth:`results`."""
        tasks = []
        with self._cond:
            for k in range(0, len(paths), TASK_FILES):
                self._todo.append((self._count, paths[k : k + TASK_FILES]))
                tasks.append(self._count)
                self._count += 1
        os.write(self._wake_write, b"\0")
        return tasks

    def results(self, tasks: list[int]) -> list[Prepared]:
        """The prepared files of ``tasks``, in order, once they are all done."""
        out = []
        for task in tasks:
            with self._cond:
                while task not in self._done and self._error is None:
                    self._cond.wait()
                if self._error is not None:
                    raise RuntimeError("tiến trình đọc tệp gặp lỗi") from self._error
                data = self._done.pop(task)
            out += pickle.loads(data) if isinstance(data, bytes) else data
        return out

    def close(self) -> None:
        with self._cond:
            self._closing = True
        os.write(self._wake_write, b"\0")
        self._thread.join()
        for conn, process in self._workers:
            conn.close()
            process.terminate()
            process.join()
        os.close(self._wake_read)
        os.close(self._wake_write)

    def _run(self) -> None:
        try:
            self._serve_workers()
        except BaseException as err:  # a bug here must not leave the storing loop waiting
            with self._cond:
                self._error = err
                self._cond.notify_all()

    def _serve_workers(self) -> None:
        from multiprocessing.connection import wait

        idle = list(range(len(self._workers)))
        busy: dict[int, tuple[int, list]] = {}  # worker → its task
        while True:
            with self._cond:
                if self._closing:
                    return
                while idle and self._todo:
                    worker = idle.pop()
                    busy[worker] = self._todo.popleft()
                    try:
                        self._workers[worker][0].send(busy[worker][1])
                    except OSError:  # it died waiting: the task goes to the one replacing it
                        self._replace(worker)
                        self._workers[worker][0].send(busy[worker][1])
            by_conn = {self._workers[w][0]: w for w in busy}
            for ready in wait([*by_conn, self._wake_read]):
                if ready == self._wake_read:
                    os.read(self._wake_read, 4096)
                    continue
                worker = by_conn[ready]
                task, paths = busy.pop(worker)
                try:
                    data = ready.recv_bytes()
                except (EOFError, OSError):  # it died on one of these files (a reader's crash)
                    self._replace(worker)
                    data = self._one_by_one(worker, paths)
                with self._cond:
                    self._done[task] = data
                    self._cond.notify_all()
                idle.append(worker)

    def _one_by_one(self, worker: int, paths: list) -> list[Prepared]:
        """The files of a task whose worker died, each alone: only the one it dies on fails."""
        out = []
        for path in paths:
            conn = self._workers[worker][0]
            try:
                conn.send([path])
                out += pickle.loads(conn.recv_bytes())
            except (EOFError, OSError):
                message = f"tiến trình đọc tệp dừng đột ngột (mã {self._replace(worker)})"
                out.append(Prepared(str(path), Path(path).name, error=("ParseError", message)))
        return out

    def _replace(self, worker: int) -> int | None:
        """Start a worker in place of one that died; returns the dead one's exit code."""
        conn, process = self._workers[worker]
        conn.close()
        process.join(5)
        self._workers[worker] = self._start()
        return process.exitcode


# SQLite's page cache while ingesting (default: 2 MB): the indexes of the document table take
# a random page each for every new row; held in memory, a batch writes each page once
INGEST_CACHE_KB = 64_000


@contextmanager
def _large_cache():
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{INGEST_CACHE_KB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


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
    paths: list[Path], ready: list[Prepared], register: str | None, entered_on: dt.date | None
) -> list[tuple[Path, Outcome | DocumentError]]:
    """Store a batch (``ready``, prepared from ``paths``) in one transaction. The usual case
    goes in bulk (a few statements for the whole batch); should the database refuse it, the
    batch is stored again one document at a time, each in a savepoint of its own, so one bad
    document never takes others with it."""
    try:
        with transaction.atomic():
            outcomes = _store_bulk(ready, register, entered_on)
    except Exception:  # refused (a clash raced in by another process) or a bug: one by one
        outcomes = _store_each(ready, register, entered_on)
    return list(zip(paths, outcomes, strict=True))


def _store_bulk(ready, register, entered_on):
    shas = {p.sha256 for p in ready if p.sha256 and not p.error}
    stored = [sha for (sha,) in _select_in(f"SELECT sha256 FROM {_DOCUMENTS} WHERE sha256", shas)]
    known = {d.sha256: d for d in Document.objects.filter(sha256__in=stored)} if stored else {}
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
        rows = _select_in(
            f"SELECT id, issuer_key, parent_key, number, notation, year FROM {_DOCUMENTS}"
            " WHERE code_key",
            codes,
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
            kept.append((i, p))
    prepared = [p for _, p in kept]
    documents = _insert_documents(prepared)
    audit.documents_created(documents)  # no signals: the rows were not saved one by one
    _insert_citations(prepared)
    link_waiting_many(documents)
    entries = [None] * len(documents)
    if register:
        entries = _enter_all(
            [(d, entered_on or _entry_date(d, register)) for d in documents], register
        )
    for p in prepared:
        p.entry.id, p.entry.registers = p.document.pk, (register,) if register else ()
    with connection.cursor() as cursor:
        get_backend().add_entries(cursor, [p.entry for p in prepared])
    for (i, _), document, entry in zip(kept, documents, entries, strict=True):
        results[i] = Outcome(document, True, entry)
    for i, p in enumerate(ready):
        if results[i] == "again":
            document = known.get(p.sha256) or next(
                r.document
                for r in results
                if isinstance(r, Outcome) and r.document.sha256 == p.sha256
            )
            results[i] = _again(document, register, entered_on)
    return results


# The bulk path writes rows with one prepared statement per table and batch: ``bulk_create``
# would compile the SQL of every value again, most of the storing process's time.
_ROW_FIELDS = tuple(
    f for f in Document._meta.concrete_fields if not f.primary_key and f.name != "created_at"
)
# text and numbers go to the database as they are; dates and JSON through their field
_AS_IS = (models.CharField, models.TextField, models.IntegerField, models.FloatField)
_ROW_PREP = tuple(
    (f.attname, None if isinstance(f, _AS_IS) else f.get_db_prep_save) for f in _ROW_FIELDS
)


def _row_of(document: Document) -> tuple:
    """The values of ``document``'s row (``_ROW_FIELDS``) as the database takes them."""
    values, conn = document.__dict__, connections[DEFAULT_DB_ALIAS]  # no proxy per value
    return tuple(
        values[name] if prep is None else prep(values[name], conn) for name, prep in _ROW_PREP
    )


_CITATION_COLUMNS = ("source_id", *CITED_COLUMNS, "target_id")


_DOCUMENTS = Document._meta.db_table


def _select_in(sql: str, values) -> list[tuple]:
    """The rows of ``sql`` (ending in the column to match) ``IN`` ``values``, a few hundred
    values a statement: raw, as the ORM would prepare each value of a long list one by one."""
    values, rows = list(values), []
    with connection.cursor() as cursor:
        for k in range(0, len(values), 500):
            chunk = values[k : k + 500]
            cursor.execute(f"{sql} IN ({', '.join(['%s'] * len(chunk))})", chunk)
            rows += cursor.fetchall()
    return rows


def _insert(cursor, model, columns, rows) -> None:
    quote = connection.ops.quote_name
    cursor.executemany(
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))})"
        f" VALUES ({', '.join(['%s'] * len(columns))})",
        rows,
    )


def _new_ids(cursor, model, key: str, after: int | None, where: str = "", params=()) -> dict:
    """``key`` → id of the rows of ``model`` numbered after ``after``: the rows just inserted,
    and any that another process committed meanwhile (the caller looks up its own keys)."""
    table = connection.ops.quote_name(model._meta.db_table)
    cursor.execute(f"SELECT {key}, id FROM {table} WHERE id > %s {where}", [after or 0, *params])
    return dict(cursor.fetchall())


def _last_id(cursor, model) -> int | None:
    cursor.execute(f"SELECT max(id) FROM {connection.ops.quote_name(model._meta.db_table)}")
    return cursor.fetchone()[0]


def _saved(obj, pk) -> None:
    obj.pk = pk
    obj._state.adding, obj._state.db = False, DEFAULT_DB_ALIAS


def _insert_documents(prepared: list[Prepared]) -> list[Document]:
    """The documents' rows, from the values the workers prepared; returns them saved."""
    if not prepared:
        return []
    now = timezone.now()
    created_at = Document._meta.get_field("created_at")
    stamp = created_at.get_db_prep_save(now, connection)
    columns = [f.column for f in _ROW_FIELDS] + [created_at.column]
    with connection.cursor() as cursor:
        last = _last_id(cursor, Document)
        _insert(cursor, Document, columns, [(*p.row, stamp) for p in prepared])
        ids = _new_ids(cursor, Document, "sha256", last)
    for p in prepared:
        p.document.created_at = now
        _saved(p.document, ids[p.sha256])
    return [p.document for p in prepared]


def _insert_citations(prepared: list[Prepared]) -> None:
    """:func:`congvan.registry.citations.save_citations_many` for the stored documents, from
    the values the workers prepared: each citation linked where its target is registered."""
    rows = [(p.document.pk, *cited) for p in prepared for cited in p.cited]
    keys = {row[7] for row in rows if row[7]}
    found: dict[str, list[tuple[int, int | None]]] = {}
    targets = _select_in(f"SELECT code_key, id, year FROM {_DOCUMENTS} WHERE code_key", keys)
    for key, pk, year in targets:
        found.setdefault(key, []).append((pk, year))
    rows = [
        (*row, pick_target([c for c in found.get(row[7], ()) if c[0] != row[0]], row[8]))
        for row in rows
    ]
    if rows:
        with connection.cursor() as cursor:
            _insert(cursor, Citation, _CITATION_COLUMNS, rows)


def _enter_all(items: list[tuple[Document, dt.date]], direction: str) -> list[Entry]:
    """:func:`congvan.registry.registers.enter_many` for the stored documents: numbered in the
    order given with one counter update per year; their search entries (written next, with
    the register) need no separate change."""
    register = get_register(direction)
    numbers = assign_numbers(register, [on.year for _, on in items])
    now = timezone.now()
    entries = [
        Entry(register=register, document=d, year=on.year, number=n, entered_on=on, created_at=now)
        for (d, on), n in zip(items, numbers, strict=True)
    ]
    fields = [f for f in Entry._meta.concrete_fields if not f.primary_key]
    conn = connections[DEFAULT_DB_ALIAS]
    rows = [tuple(f.get_db_prep_save(getattr(e, f.attname), conn) for f in fields) for e in entries]
    with connection.cursor() as cursor:
        last = _last_id(cursor, Entry)
        _insert(cursor, Entry, [f.column for f in fields], rows)
        ids = _new_ids(cursor, Entry, "document_id", last, "AND register_id = %s", [register.pk])
    for entry in entries:
        _saved(entry, ids[entry.document_id])
    audit.entries_created(entries)  # no signals: the rows were not saved one by one
    return entries


def _unsaved(document: Document) -> Document:
    """A fresh unsaved copy of a prepared row (the bulk path, rolled back, may have numbered it)."""
    fresh = copy.copy(document)
    fresh.pk, fresh._state.adding, fresh._state.db = None, True, None
    return fresh


def _store_each(ready, register, entered_on):
    shas = {p.sha256 for p in ready if p.sha256 and not p.error}
    known = {d.sha256: d for d in Document.objects.filter(sha256__in=shas)}
    results: list[Outcome | DocumentError] = []
    with transaction.atomic():
        for p in ready:
            if p.error:
                results.append(p.exception())
                continue
            try:
                with transaction.atomic():  # one savepoint per document
                    existing = known.get(p.sha256)
                    if existing is not None:
                        results.append(_again(existing, register, entered_on))
                        continue
                    document, entry = _store_row(
                        _unsaved(p.document), p.cited, None, register, entered_on
                    )
            except DocumentError as err:
                err.path = err.path or p.source
                results.append(err)
            except Exception as err:  # a bug must not stop the batch either
                results.append(
                    ParseError(
                        f"lỗi không lường trước ({type(err).__name__}: {err})", path=p.source
                    )
                )
            else:
                known[p.sha256] = document
                results.append(Outcome(document, True, entry))
    return results
