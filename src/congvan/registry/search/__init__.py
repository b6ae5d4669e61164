"""Search over the registry: a small public API over private backend modules.

- :func:`search` — words without diacritics, ``"phrases"``, document codes (``21/CT-TTg``),
  filters; ranked hits with highlighted passages.
- :func:`index_document` / :func:`remove_document` — keep the index in step, in the caller's
  transaction.
- :func:`rebuild` — drop and rebuild the whole index (after a change of folding).

Backends (``_sqlite`` FTS5, ``_postgres`` tsvector) follow ``_backend.Backend``; the one in use is
the database's own (setting ``CONGVAN_SEARCH_BACKEND`` overrides). Everything else — folding,
query parsing, exact lookup by code, paging, snippets — is shared, so both behave alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction

from ._backend import Filters, get_backend
from ._text import Query, highlight, index_text, parse_query

__all__ = [
    "Filters",
    "Hit",
    "Query",
    "Results",
    "index_document",
    "parse_query",
    "rebuild",
    "remove_document",
    "search",
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
    total: int
    offset: int
    limit: int

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.hits) < self.total


def index_document(document) -> None:
    head, body = index_text(document)
    with connection.cursor() as cursor:
        get_backend().add(cursor, document.pk, head, body)


def remove_document(document) -> None:
    """Remove ``document`` as it is indexed now (call before changing or deleting it)."""
    head, body = index_text(document)
    with connection.cursor() as cursor:
        get_backend().remove(cursor, document.pk, head, body)


def rebuild(progress=None) -> int:
    """Drop the index and index every document again; returns how many."""
    from congvan.registry.models import Document

    backend = get_backend()
    count = 0
    with transaction.atomic():
        with connection.cursor() as cursor:
            backend.drop_schema(cursor)
            backend.create_schema(cursor)
            for document in Document.objects.only(
                "id",
                "number",
                "notation",
                "kind",
                "issuer_name",
                "issuer_parent",
                "subject",
                "text",
            ).iterator(chunk_size=500):
                head, body = index_text(document)
                backend.add(cursor, document.pk, head, body)
                count += 1
                if progress:
                    progress(count)
    return count


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
        qs = filters.queryset(Document.objects.all()).order_by("-issued_on", "-id")
        total = qs.count()
        hits = [
            Hit(document=d, score=0.0, title=[(d.subject or "", False)])
            for d in qs[offset : offset + limit]
        ]
        return Results(query, filters, hits, total, offset, limit)

    exact_ids: list[int] = []
    if query.codes:
        exact_qs = filters.queryset(Document.objects.filter(code_key__in=query.codes))
        exact_ids = list(exact_qs.order_by("-issued_on", "-id").values_list("pk", flat=True))

    sql, params = filters.sql()
    if exact_ids:
        sql += " AND d.id NOT IN (" + ", ".join(["%s"] * len(exact_ids)) + ")"
        params = [*params, *exact_ids]
    ranked: list[tuple[int, float, bool]] = [
        (i, float("inf"), True) for i in exact_ids[offset : offset + limit]
    ]
    backend = get_backend()
    with connection.cursor() as cursor:
        rest = limit - len(ranked)
        if rest > 0:
            found = backend.match(
                cursor, query, (sql, params), rest, max(0, offset - len(exact_ids))
            )
            ranked += [(i, score, False) for i, score in found]
        total = len(exact_ids) + backend.count(cursor, query, (sql, params))

    documents = Document.objects.in_bulk([i for i, _, _ in ranked])
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
