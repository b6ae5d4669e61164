"""The citation graph: what a document cites, what cites it.

A citation is stored with the code key of the cited document (``21/ctttg``) and linked to it
when that document is in the registry; one registered later links the citations that wait for it.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q

from congvan.document.model import Reference
from congvan.registry.keys import code_key, year_of
from congvan.registry.models import Citation, Document


def _targets(keys: set[str], exclude: int) -> dict[str, list[tuple[int, int | None]]]:
    """Registered documents by code key: key → [(id, year)], in one query."""
    found: dict[str, list[tuple[int, int | None]]] = {}
    if keys:
        rows = (
            Document.objects.filter(code_key__in=keys)
            .exclude(pk=exclude)
            .values_list("code_key", "pk", "year")
        )
        for key, pk, year in rows:
            found.setdefault(key, []).append((pk, year))
    return found


def _pick(candidates: list[tuple[int, int | None]], year: int | None) -> int | None:
    if year is not None:
        candidates = [c for c in candidates if c[1] in (year, None)]
    return candidates[0][0] if len(candidates) == 1 else None


# a citation's values apart from its source and target, in this order (:func:`cited_of`)
CITED_COLUMNS = ("position", "kind", "number", "notation", "date", "issuer", "code_key", "year")
_KEY = CITED_COLUMNS.index("code_key")


def cited_of(references: list[Reference]) -> list[tuple]:
    """The values (:data:`CITED_COLUMNS`) of the citations of ``references``: those that give a
    number, each at its place among all the references."""
    return [
        (
            position,
            ref.kind,
            ref.number,
            ref.notation,
            ref.date,
            ref.issuer,
            code_key(ref.number, ref.notation),
            year_of(ref.date, ref.notation),
        )
        for position, ref in enumerate(references)
        if ref.number
    ]


def save_citations(document: Document, references: list[Reference]) -> list[Citation]:
    """Store ``document``'s references in order, each linked if its target is registered
    (one document with that code, in the cited year where the citation gives one)."""
    return save_cited(document, cited_of(references))


def save_citations_many(items: list[tuple[Document, list[Reference]]]) -> list[Citation]:
    """:func:`save_citations` for several stored documents at once (one query, one insert)."""
    return _save([(document, cited_of(references)) for document, references in items])


def save_cited(document: Document, cited: list[tuple]) -> list[Citation]:
    """:func:`save_citations` from the values :func:`cited_of` gave."""
    return _save([(document, cited)])


def _save(items: list[tuple[Document, list[tuple]]]) -> list[Citation]:
    rows = [(document, values) for document, cited in items for values in cited]
    if not rows:
        return []
    found: dict[str, list[tuple[int, int | None]]] = {}
    keys = {values[_KEY] for _, values in rows if values[_KEY]}
    if keys:
        found_rows = Document.objects.filter(code_key__in=keys).values_list(
            "code_key", "pk", "year"
        )
        for key, pk, year in found_rows:
            found.setdefault(key, []).append((pk, year))
    citations = []
    for document, values in rows:
        fields = dict(zip(CITED_COLUMNS, values, strict=True))
        candidates = [c for c in found.get(fields["code_key"], []) if c[0] != document.pk]
        citations.append(
            Citation(source=document, target_id=_pick(candidates, fields["year"]), **fields)
        )
    return Citation.objects.bulk_create(citations)


def link_waiting(document: Document) -> int:
    """Link the stored citations of ``document`` that arrived before it; returns how many."""
    if not document.number or not document.code_key:
        return 0
    waiting = Citation.objects.filter(code_key=document.code_key, target__isnull=True).exclude(
        source=document
    )
    if document.year is not None:
        waiting = waiting.filter(Q(year=document.year) | Q(year__isnull=True))
    return waiting.update(target=document)


def link_waiting_many(documents: list[Document]) -> None:
    """:func:`link_waiting` for several documents, in one statement."""
    rows = [(d.pk, d.code_key, d.pk, d.year, d.year) for d in documents if d.number and d.code_key]
    if rows:
        table = Citation._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET target_id = %s WHERE code_key = %s AND target_id IS NULL"
                " AND source_id <> %s AND (%s IS NULL OR year = %s OR year IS NULL)",
                rows,
            )


def cites(document: Document):
    """The document's citations in order, each with its ``target`` where registered."""
    return document.citations.select_related("target").order_by("position")


def cited_by(document: Document):
    """The registered documents that cite ``document``, newest first."""
    return (
        Document.objects.filter(citations__target=document).distinct().order_by("-issued_on", "-id")
    )
