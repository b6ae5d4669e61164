"""Search over the registry: a small public API over private backend modules.

- :func:`search` — words without diacritics, ``"phrases"``, document codes (``21/CT-TTg``),
  filters; ranked hits with highlighted passages.
- :func:`index_document` / :func:`remove_document` — keep the index in step, in the caller's
  transaction.
- :func:`rebuild` — drop and rebuild the whole index (after a change of folding).

Backends follow ``_backend.Backend``: ``_tantivy`` (the embedded engine, default beside
SQLite), ``_postgres`` (tsvector, default on PostgreSQL, shared by several application servers),
``_sqlite`` (FTS5 inside the database). ``CONGVAN_SEARCH_BACKEND`` (``tantivy``, ``sqlite``,
``postgresql``; setting or environment) chooses another; ``congvan reindex`` then fills it.
Everything else — folding, query parsing, exact lookup by code, paging, snippets — is shared, so
every backend finds the same documents (but for a phrase of three words or more, which
PostgreSQL finds by its pairs of adjacent words, not by the whole phrase: see ``_postgres``).
Ranking is each engine's own, and PostgreSQL estimates the total of a very common query.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection

from ._backend import Estimate, Filters, get_backend, iter_entries
from ._text import Query, highlight, parse_query

__all__ = [
    "Estimate",
    "Filters",
    "Hit",
    "Query",
    "Results",
    "bulk",
    "document_changed",
    "index_document",
    "index_documents",
    "parse_query",
    "rebuild",
    "remove_document",
    "search",
    "touch_documents",
]


@dataclass
class Hit:
    document: object  # registry.models.Document
    score: float
    exact: bool = False  # the document's own code was asked for
    title: list[tuple[str, bool]] = field(default_factory=list)  # subject, highlighted
    snippet: list[tuple[str, bool]] = field(default_factory=list)  # passage of the text


@dataclass
class Results:
    query: Query
    filters: Filters
    hits: list[Hit]
    total: int  # an ``Estimate`` for a very common query on some engines
    offset: int
    limit: int

    @property
    def total_known(self) -> bool:
        return not isinstance(self.total, Estimate)

    @property
    def has_next(self) -> bool:
        if not self.total_known and len(self.hits) == self.limit:
            return True
        return self.offset + len(self.hits) < self.total


def index_document(document) -> None:
    """Index ``document`` (new or changed), in the caller's transaction."""
    index_documents([document])


def index_documents(documents) -> None:
    with connection.cursor() as cursor:
        get_backend().add(cursor, list(documents))


def remove_document(document) -> None:
    """Remove ``document`` as it is indexed now (call before changing or deleting it)."""
    with connection.cursor() as cursor:
        get_backend().remove(cursor, [document])


def document_changed(document) -> None:
    """Its filter fields changed (it was entered in a register): update its entry."""
    touch_documents([document.pk])


def touch_documents(doc_ids: list[int]) -> None:
    with connection.cursor() as cursor:
        get_backend().touch(cursor, doc_ids)


@contextmanager
def bulk():
    """Around a long job that stores many documents (``congvan ingest``): the embedded engine
    keeps one index writer for the whole job. Nothing changes for the in-database backends."""
    backend = get_backend()
    if hasattr(backend, "bulk"):
        with backend.bulk():
            yield
    else:
        yield


def rebuild(progress=None, entries=None) -> int:
    """Drop the index and index every document again (or ``entries``); returns how many."""
    return get_backend().rebuild(iter_entries() if entries is None else entries, progress)


def search(
    text: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0
) -> Results:
    """Documents matching ``text`` within ``filters``, best first.

    Documents whose own number/notation is asked for come first (``exact``), then the ranked
    full-text matches (which include the documents citing that code). An empty query lists the
    documents within the filters, newest first.
    """
    from congvan.registry.models import Document

    filters = filters or Filters()
    query = parse_query(text)
    limit = max(1, min(int(limit), 200))
    offset = max(0, int(offset))

    if query.empty:
        # the page's ids off an index first: sorting whole rows (their text too) costs a
        # hundred times more on a large store
        qs = filters.queryset(Document.objects.all())
        ids = list(
            qs.order_by("-issued_on", "-id").values_list("pk", flat=True)[offset : offset + limit]
        )
        documents = _with_entries(Document.objects.defer("text")).in_bulk(ids)
        hits = [
            Hit(document=d, score=0.0, title=[(d.subject or "", False)])
            for d in (documents[i] for i in ids if i in documents)
        ]
        return Results(query, filters, hits, qs.count(), offset, limit)

    exact_ids: list[int] = []
    if query.codes:
        exact_qs = filters.queryset(Document.objects.filter(code_key__in=query.codes))
        exact_ids = list(exact_qs.order_by("-issued_on", "-id").values_list("pk", flat=True))

    ranked: list[tuple[int, float, bool]] = [
        (i, float("inf"), True) for i in exact_ids[offset : offset + limit]
    ]
    rest = limit - len(ranked)
    found, total = get_backend().find(
        query, filters, exact_ids, rest, max(0, offset - len(exact_ids))
    )
    ranked += [(i, score, False) for i, score in found[: max(0, rest)]]
    total = type(total)(total + len(exact_ids))

    documents = _with_entries(Document.objects).in_bulk([i for i, _, _ in ranked])
    hits = []
    for doc_id, score, exact in ranked:
        document = documents.get(doc_id)
        if document is None:
            continue
        hits.append(
            Hit(
                document=document,
                score=score,
                exact=exact,
                title=highlight(document.subject or "", query, width=10_000),
                snippet=highlight(document.text or "", query),
            )
        )
    return Results(query, filters, hits, total, offset, limit)


def _with_entries(documents):
    """The result list shows each document's register numbers: fetched with the page."""
    return documents.prefetch_related("entries__register")
