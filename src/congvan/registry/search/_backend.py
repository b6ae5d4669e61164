"""The contract every search backend keeps, and what they share: filters as SQL on the
document table (alias ``d``), backend choice.

A backend owns one index keyed by document id, written in the caller's transaction, and answers
one question: the ids matching a parsed :class:`~._text.Query`, best first, within filters.
Ranking is the backend's; folding, query parsing, exact lookup, snippets and paging are shared
(see ``__init__``), so results look the same on every backend.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.db import connection

from congvan.registry.keys import issuer_key

from ._text import Query


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
        parts, params = ["1=1"], []
        if self.kind:
            parts.append("d.kind = %s")
            params.append(self.kind)
        if self.issuer:
            key = issuer_key(self.issuer)
            key = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            parts.append("d.issuer_key LIKE %s ESCAPE '\\'")
            params.append(f"%{key}%")
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
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.issuer:
            qs = qs.filter(issuer_key__contains=issuer_key(self.issuer))
        if self.year:
            qs = qs.filter(year=int(self.year))
        if self.date_from:
            qs = qs.filter(issued_on__gte=self.date_from)
        if self.date_to:
            qs = qs.filter(issued_on__lte=self.date_to)
        if self.register:
            qs = qs.filter(entries__register__direction=self.register).distinct()
        return qs


class Backend(Protocol):
    name: str

    def create_schema(self, cursor) -> None: ...

    def drop_schema(self, cursor) -> None: ...

    def add(self, cursor, doc_id: int, head: str, body: str) -> None:
        """Index one document (its folded head and body), replacing nothing."""

    def remove(self, cursor, doc_id: int, head: str, body: str) -> None:
        """Remove one document; ``head``/``body`` are what was indexed for it."""

    def match(
        self, cursor, query: Query, where: tuple[str, list], limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """(document id, score) best first; a higher score is better."""

    def count(self, cursor, query: Query, where: tuple[str, list]) -> int: ...


def get_backend(conn=None) -> Backend:
    conn = conn or connection
    name = getattr(settings, "CONGVAN_SEARCH_BACKEND", None) or conn.vendor
    if name == "sqlite":
        from ._sqlite import SQLiteBackend

        return SQLiteBackend()
    if name == "postgresql":
        from ._postgres import PostgresBackend

        return PostgresBackend()
    raise ValueError(f"không có bộ tìm kiếm cho cơ sở dữ liệu {name!r}")
