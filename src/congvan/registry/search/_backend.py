"""The contract every search backend keeps, and what they share: filters as SQL on the
document table (alias ``d``), backend choice.

A backend owns one index keyed by document id and answers one question: the ids matching a
parsed :class:`~._text.Query` within :class:`Filters`, best first, and how many match. The
database is the source of truth: the in-database backends (``_sqlite``, ``_postgres``) write in
the caller's transaction; the embedded engine (``_tantivy``) records the change in the same
transaction and writes its index once it commits. Ranking is the backend's; folding, query
parsing, exact lookup, snippets and paging are shared (see ``__init__``), so every backend
finds the same documents.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef

from congvan.registry.keys import issuer_key

from ._text import Entry, Query, entry_for, index_tokens


@dataclass
class Filters:
    kind: str | None = None
    issuer: str | None = None  # part of the issuer's name, any case and diacritics
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    register: str | None = None  # "incoming" | "outgoing"

    def sql(self) -> tuple[str, list]:
        """A ``WHERE`` fragment over ``registry_document d`` and its parameters."""
        from congvan.registry import stored

        parts, params = ["1=1"], []
        if self.kind:
            parts.append("d.kind = %s")
            params.append(self.kind)
        if self.issuer and (key := issuer_key(self.issuer)):
            # the stored issuers whose name holds it: an index lookup, not a scan of every row
            keys = stored.issuer_keys_containing(key)
            parts.append(
                "d.issuer_key IN (" + ", ".join(["%s"] * len(keys)) + ")" if keys else "0=1"
            )
            params.extend(keys)
        if self.year:
            parts.append("d.year = %s")
            params.append(int(self.year))
        if self.date_from:
            parts.append("d.issued_on >= %s")
            params.append(self.date_from)
        if self.date_to:
            parts.append("d.issued_on <= %s")
            params.append(self.date_to)
        if self.register:
            parts.append(
                "EXISTS (SELECT 1 FROM registry_entry e JOIN registry_register r"
                " ON r.id = e.register_id WHERE e.document_id = d.id AND r.direction = %s)"
            )
            params.append(self.register)
        return " AND ".join(parts), params

    def queryset(self, qs):
        """The same filters on a ``Document`` queryset (listing without words)."""
        from congvan.registry import stored
        from congvan.registry.models import Entry as RegisterEntry

        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.issuer and (key := issuer_key(self.issuer)):
            qs = qs.filter(issuer_key__in=stored.issuer_keys_containing(key))
        if self.year:
            qs = qs.filter(year=int(self.year))
        if self.date_from:
            qs = qs.filter(issued_on__gte=self.date_from)
        if self.date_to:
            qs = qs.filter(issued_on__lte=self.date_to)
        if self.register:
            entries = RegisterEntry.objects.filter(
                document=OuterRef("pk"), register__direction=self.register
            )
            qs = qs.filter(Exists(entries))
        return qs


class Estimate(int):
    """A total estimated, not counted (the list says “khoảng 45.000”)."""


class Backend(Protocol):
    name: str

    def add(self, cursor, documents: list) -> None:
        """Index stored documents (in the caller's transaction, or once it commits)."""

    def add_entries(self, cursor, entries: list[Entry]) -> None:
        """As :meth:`add`, with the entries already built (``congvan ingest``'s workers fold the
        texts): the index takes them as they are, without reading the documents again."""

    def remove(self, cursor, documents: list) -> None:
        """Remove documents, as they are stored now (before they change or go)."""

    def touch(self, cursor, doc_ids: list[int]) -> None:
        """The filter fields of these documents changed (a register entry was added)."""

    def find(
        self, query: Query, filters: Filters, exclude: list[int], limit: int, offset: int
    ) -> tuple[list[tuple[int, float]], int]:
        """((document id, score) best first, how many match in all), ``exclude`` left out.
        A backend may estimate the total of a very common query: an :class:`Estimate`."""

    def rebuild(self, entries: Iterable[Entry], progress=None) -> int:
        """Drop the index and index ``entries`` again; returns how many."""


def backend_name(conn=None) -> str:
    """``CONGVAN_SEARCH_BACKEND`` (setting or environment), else the default for the database:
    the embedded engine (``tantivy``) beside SQLite, the database's own on PostgreSQL."""
    conn = conn or connection
    name = getattr(settings, "CONGVAN_SEARCH_BACKEND", None) or os.environ.get(
        "CONGVAN_SEARCH_BACKEND"
    )
    return name or ("tantivy" if conn.vendor == "sqlite" else conn.vendor)


def prepared_entry(document) -> Entry:
    """The entry of a document about to be stored, made in a worker process (``congvan
    ingest``): folded, and with the engine's own fields where it has them. Its ``id`` and
    ``registers`` are set once the document is stored."""
    tokens = index_tokens(document)
    entry = entry_for(document, tokens=tokens)
    if backend_name() == "tantivy":
        from ._tantivy import pairs_field

        entry.engine_fields = {"pairs": pairs_field(*tokens)}
    return entry


def get_backend(conn=None) -> Backend:
    name = backend_name(conn)
    if name == "tantivy":
        from ._tantivy import TantivyBackend

        return TantivyBackend.for_settings()
    return sql_backend(name)


def sql_backend(vendor: str):
    """The index kept inside the database itself (its tables are made by the migrations)."""
    if vendor == "sqlite":
        from ._sqlite import SQLiteBackend

        return SQLiteBackend()
    if vendor == "postgresql":
        from ._postgres import PostgresBackend

        return PostgresBackend()
    raise ValueError(f"không có bộ tìm kiếm {vendor!r}")


class SQLBackend:
    """What the two in-database backends share: the index is a table written in the caller's
    transaction; ``match``/``count`` are the engine's SQL over it, filters are SQL."""

    name = ""

    def create_schema(self, cursor) -> None: ...

    def drop_schema(self, cursor) -> None: ...

    def add_one(self, cursor, entry: Entry) -> None: ...

    def remove_one(self, cursor, entry: Entry) -> None: ...

    def match(self, cursor, query: Query, where, limit: int, offset: int): ...

    def count(self, cursor, query: Query, where) -> int: ...

    def search(self, cursor, query: Query, where, limit: int, offset: int):
        """(ids and scores of the page, total) in one transaction."""
        found = self.match(cursor, query, where, limit, offset) if limit > 0 else []
        return found, self.count(cursor, query, where)

    def add(self, cursor, documents: list) -> None:
        self.add_entries(cursor, [entry_for(d) for d in documents])

    def add_entries(self, cursor, entries: list[Entry]) -> None:
        for entry in entries:
            self.add_one(cursor, entry)

    def remove(self, cursor, documents: list) -> None:
        for document in documents:
            self.remove_one(cursor, entry_for(document))

    def touch(self, cursor, doc_ids: list[int]) -> None:
        pass  # filters are read from the document tables themselves

    def find(self, query, filters, exclude, limit, offset):
        sql, params = filters.sql()
        if exclude:
            sql += " AND d.id NOT IN (" + ", ".join(["%s"] * len(exclude)) + ")"
            params = [*params, *exclude]
        with transaction.atomic(), connection.cursor() as cursor:
            return self.search(cursor, query, (sql, params), max(0, limit), offset)

    def rebuild(self, entries, progress=None) -> int:
        count = 0
        with transaction.atomic(), connection.cursor() as cursor:
            self.drop_schema(cursor)
            self.create_schema(cursor)
            for entry in entries:
                self.add_one(cursor, entry)
                count += 1
                if progress:
                    progress(count)
        return count


ENTRY_FIELDS = (
    "id",
    "number",
    "notation",
    "kind",
    "issuer_name",
    "issuer_parent",
    "subject",
    "text",
    "issuer_key",
    "year",
    "issued_on",
)


def _registers(ids: list[int]) -> dict[int, tuple[str, ...]]:
    from congvan.registry.models import Entry as RegisterEntry

    found: dict[int, tuple[str, ...]] = {}
    rows = RegisterEntry.objects.filter(document_id__in=ids).values_list(
        "document_id", "register__direction"
    )
    for doc_id, direction in rows:
        found[doc_id] = (*found.get(doc_id, ()), direction)
    return found


def load_entries(ids: list[int]) -> list[Entry]:
    """The index entries of the documents ``ids`` that exist (as the database has them now)."""
    from congvan.registry.models import Document

    documents = list(Document.objects.filter(pk__in=ids).only(*ENTRY_FIELDS))
    registers = _registers([d.pk for d in documents])
    return [entry_for(d, registers.get(d.pk, ())) for d in documents]


def _entries_between(bounds: tuple[int, int]) -> list[Entry]:
    from congvan.registry.models import Document

    documents = list(
        Document.objects.filter(pk__gte=bounds[0], pk__lt=bounds[1])
        .order_by("pk")
        .only(*ENTRY_FIELDS)
    )
    registers = _registers([d.pk for d in documents])
    return [entry_for(d, registers.get(d.pk, ())) for d in documents]


def _forget_connections() -> None:
    """In a forked worker: the parent's database connections are not ours to use or close."""
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        conn.connection = None


def iter_entries(chunk: int = 2000, workers: int | None = None) -> Iterable[Entry]:
    """Every stored document's entry, in id order, a few chunks of ``chunk`` ids in memory at a
    time. Folding the text is most of the work: ``workers`` processes (default: one per CPU)
    read and fold chunks side by side while this one indexes."""
    from congvan.registry.models import Document

    bounds = Document.objects.order_by().values_list("pk", flat=True)
    first = bounds.order_by("pk").first()
    if first is None:
        return
    last = bounds.order_by("-pk").first()
    ranges = [(lo, lo + chunk) for lo in range(first, last + 1, chunk)]
    if workers is None:
        workers = os.cpu_count() or 1
    if workers <= 1 or len(ranges) < 4 or connection.in_atomic_block:  # workers see commits only
        for r in ranges:
            yield from _entries_between(r)
        return
    import multiprocessing

    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_forget_connections)
    try:
        pending = []
        for r in ranges:
            pending.append(pool.apply_async(_entries_between, (r,)))
            if len(pending) > 2 * workers:
                yield from pending.pop(0).get()
        for job in pending:
            yield from job.get()
    finally:
        pool.terminate()
        pool.join()
