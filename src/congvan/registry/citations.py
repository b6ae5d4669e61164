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


def save_citations(document: Document, references: list[Reference]) -> list[Citation]:
    """Store ``document``'s references in order, each linked if its target is registered
    (one document with that code, in the cited year where the citation gives one)."""
    return save_citations_many([(document, references)])


def save_citations_many(items: list[tuple[Document, list[Reference]]]) -> list[Citation]:
    """:func:`save_citations` for several stored documents at once (one query, one insert)."""
    cited = [
        (document, position, ref, code_key(ref.number, ref.notation))
        for document, references in items
        for position, ref in enumerate(references)
        if ref.number
    ]
    if not cited:
        return []
    found: dict[str, list[tuple[int, int | None]]] = {}
    keys = {key for _, _, _, key in cited if key}
    if keys:
        rows = Document.objects.filter(code_key__in=keys).values_list("code_key", "pk", "year")
        for key, pk, year in rows:
            found.setdefault(key, []).append((pk, year))
    citations = []
    for document, position, ref, key in cited:
        year = year_of(ref.date, ref.notation)
        candidates = [c for c in found.get(key, []) if c[0] != document.pk]
        citations.append(
            Citation(
                source=document,
                position=position,
                kind=ref.kind,
                number=ref.number,
                notation=ref.notation,
                date=ref.date,
                issuer=ref.issuer,
                code_key=key,
                year=year,
                target_id=_pick(candidates, year),
            )
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
