"""PostgreSQL: a ``tsvector`` of the folded text with the ``simple`` configuration (no stemming,
no stop words: the folded tokens go in as they are), a GIN index, ``ts_rank_cd`` ranking.

Several application servers can share it; it is written in the same transaction as the document.

Every pair of adjacent syllables is a lexeme of a second vector, ``pairs`` (``phong_chong``, no
positions; its own GIN index), as the embedded engine has them: a phrase is looked for there, so
the index alone answers it, never reading a vector. ``"a b"`` is the lexeme ``a_b``; ``"a b c"``
asks for ``a_b`` and ``b_c``, not for them in a row: the positions would be checked in every
document holding both (160 ms for one phrase on 100,000, against 9 ms), and the two pairs
rarely occur apart.

Ranking every match reads every matching vector, and a common pair of words (``thuc hien``)
matches most dispatches: 0.3–1 s on 100,000. So the best of the newest :data:`CANDIDATES`
matches come first, ranked; older matches follow, newest first (newest by date of issue, as the
list). Finding the newest matches takes one of two plans, chosen by a probe of the newest
:data:`PROBE` documents within the filters (the planner cannot choose: it guesses a phrase's
share from its words'):

- a *common* query (at least :data:`COMMON` of them match): matches are near wherever one looks,
  so the documents are walked newest first along the filters' index, each one's vectors read,
  and the walk soon stops; the total is estimated from the probe's share (“khoảng 45.000”);
- a *rare* one: the GIN indexes give every match with its date (``day``, kept beside the
  vectors), the filters' index the order of those within filters; the total is exact.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise

from ._backend import Estimate, SQLBackend
from ._text import Entry, Query

TABLE = "registry_search"

PROBE = 1000
COMMON = 0.2
CANDIDATES = 100
NEWEST = "ORDER BY d.issued_on DESC, d.id DESC"  # the list's order, along its indexes
# a tsvector refuses a lexeme of 2 kB and a vector of 1 MB: a pathological text's pairs are
# cut short under both
MAX_LEXEME_BYTES = 2046
MAX_VECTOR_BYTES = 900_000


@dataclass
class _SQLQuery:
    """A query as SQL: its single words for ``vector``, its phrases as pair lexemes for
    ``pairs``; ``rank`` scores the words and phrases on ``vector``."""

    words: str
    phrases: str
    rank: str

    def matches(self, alias: str) -> tuple[str, list[str]]:
        """The condition on an index row (``alias``) and its parameters."""
        parts, params = [], []
        if self.phrases:  # first: the pairs are the rarer
            parts.append(f"{alias}.pairs @@ %s::tsquery")
            params.append(self.phrases)
        if self.words:
            parts.append(f"{alias}.vector @@ to_tsquery('simple', %s)")
            params.append(self.words)
        return " AND ".join(parts), params


def tsquery(query: Query) -> _SQLQuery:
    # pair lexemes are written as a literal: the parser would split ``a_b`` in two
    pairs = dict.fromkeys(f"'{a}_{b}'" for p in query.phrases for a, b in pairwise(p))
    rank = [*query.terms, *("(" + " <-> ".join(p) + ")" for p in query.phrases)]
    return _SQLQuery(
        words=" & ".join(query.terms), phrases=" & ".join(pairs), rank=" & ".join(rank)
    )


def pairs_of(*parts: str) -> list[str]:
    """The pair lexemes of folded texts (no pair spans two of them)."""
    found: dict[str, None] = {}
    size = 0
    for part in parts:
        for a, b in pairwise(part.split()):
            pair = f"{a}_{b}"
            if pair in found:
                continue
            length = len(pair.encode())
            if length <= MAX_LEXEME_BYTES and size + length <= MAX_VECTOR_BYTES:
                found[pair] = None
                size += length + 8
    return list(found)


class PostgresBackend(SQLBackend):
    name = "postgresql"

    def create_schema(self, cursor) -> None:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (document_id bigint PRIMARY KEY,"
            " vector tsvector NOT NULL, pairs tsvector NOT NULL DEFAULT '', day integer)"
        )
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_vector ON {TABLE} USING gin (vector)")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_pairs ON {TABLE} USING gin (pairs)")

    def drop_schema(self, cursor) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")

    def add_one(self, cursor, entry: Entry) -> None:
        doc_id, head, body = entry.id, entry.head, entry.body
        cursor.execute(
            f"INSERT INTO {TABLE} (document_id, vector, pairs, day) VALUES (%s,"
            " setweight(to_tsvector('simple', %s), 'A')"
            " || setweight(to_tsvector('simple', %s), 'D'), array_to_tsvector(%s::text[]), %s)"
            " ON CONFLICT (document_id) DO UPDATE"
            " SET vector = EXCLUDED.vector, pairs = EXCLUDED.pairs, day = EXCLUDED.day",
            [doc_id, head, body, pairs_of(head, body), entry.day],
        )

    def remove_one(self, cursor, entry: Entry) -> None:
        cursor.execute(f"DELETE FROM {TABLE} WHERE document_id = %s", [entry.id])

    def search(self, cursor, query: Query, where, limit: int, offset: int):
        q = tsquery(query)
        wanted = max(CANDIDATES, offset + limit)
        share = self._share(cursor, q, where)
        if share < COMMON:
            newest, total = self._matches_by_index(cursor, q, where, wanted)
            return self._ranked(cursor, q, newest, limit, offset), total
        newest = self._newest_walking(cursor, q, where, wanted)
        total = len(newest)  # short of ``wanted``: the walk reached the oldest, all are known
        if total == wanted:
            total = Estimate(max(total, round(share * self._documents(cursor, where))))
        return self._ranked(cursor, q, newest, limit, offset), total

    def _share(self, cursor, q: _SQLQuery, where) -> float:
        """The share of the newest documents within the filters that match."""
        sql, params = where
        match, match_params = q.matches("s")
        # a subquery per document, as in the walk: a join may read the whole index to hash it
        cursor.execute(
            f"SELECT count(*), count(*) FILTER (WHERE (SELECT {match} FROM {TABLE} s"
            " WHERE s.document_id = n.id))"
            f" FROM (SELECT d.id FROM registry_document d WHERE {sql} {NEWEST} LIMIT %s) n",
            [*match_params, *params, PROBE],
        )
        seen, matched = cursor.fetchone()
        return matched / seen if seen else 0.0

    def _documents(self, cursor, where) -> int:
        sql, params = where
        cursor.execute(f"SELECT count(*) FROM registry_document d WHERE {sql}", params)
        return cursor.fetchone()[0]

    def _newest_walking(self, cursor, q: _SQLQuery, where, n: int) -> list[int]:
        sql, params = where
        match, match_params = q.matches("s")
        # the match as a subquery: a join would let the planner trust its guess of a phrase's
        # share, read every match and sort them (1.7 s for a common phrase)
        cursor.execute(
            f"SELECT d.id FROM registry_document d WHERE {sql} AND"
            f" (SELECT {match} FROM {TABLE} s WHERE s.document_id = d.id) {NEWEST} LIMIT %s",
            [*params, *match_params, n],
        )
        return [doc_id for (doc_id,) in cursor.fetchall()]

    def _matches_by_index(self, cursor, q: _SQLQuery, where, n: int) -> tuple[list[int], int]:
        """The newest ``n`` matches within the filters, and how many there are."""
        sql, params = where
        match, match_params = q.matches("s")
        with _plan(cursor, "enable_seqscan", "enable_indexscan"):
            if sql == "1=1":  # no filter: in order by the index's own dates (undated first)
                cursor.execute(
                    f"SELECT s.document_id, count(*) OVER () FROM {TABLE} s WHERE {match}"
                    " ORDER BY s.day DESC NULLS FIRST, s.document_id DESC LIMIT %s",
                    [*match_params, n],
                )
                return _counted(cursor.fetchall())
            cursor.execute(f"SELECT s.document_id FROM {TABLE} s WHERE {match}", match_params)
            ids = [doc_id for (doc_id,) in cursor.fetchall()]
        # joined to the documents within the filters, sorted and limited by the server: ``id =
        # ANY(ids)`` would test each document against the whole list (1.5 s for 9,000 ids)
        cursor.execute(
            f"SELECT d.id, count(*) OVER () FROM unnest(%s::bigint[]) AS m(id)"
            f" JOIN registry_document d ON d.id = m.id WHERE {sql} {NEWEST} LIMIT %s",
            [ids, *params, n],
        )
        return _counted(cursor.fetchall())

    def _ranked(self, cursor, q: _SQLQuery, newest: list[int], limit: int, offset: int):
        """The page of: the newest candidates best first, then the older ones newest first."""
        head = newest[:CANDIDATES]
        cursor.execute(
            f"SELECT document_id, ts_rank_cd(vector, to_tsquery('simple', %s), 1) FROM {TABLE}"
            " WHERE document_id = ANY(%s)",
            [q.rank, head],
        )
        score = {doc_id: float(value) for doc_id, value in cursor.fetchall()}
        place = {doc_id: i for i, doc_id in enumerate(head)}
        ranked = sorted(head, key=lambda doc_id: (-score.get(doc_id, 0.0), place[doc_id]))
        order = [(doc_id, score.get(doc_id, 0.0)) for doc_id in ranked]
        order += [(doc_id, 0.0) for doc_id in newest[CANDIDATES:]]
        return order[offset : offset + limit]


def _counted(rows: list[tuple[int, int]]) -> tuple[list[int], int]:
    """Rows of (id, count of all rows before the limit): the ids and that count."""
    return [doc_id for doc_id, _ in rows], rows[0][1] if rows else 0


@contextmanager
def _plan(cursor, *methods: str):
    """The statements inside run without these plan methods (``enable_seqscan``, …); the caller
    holds a transaction, so a failure rolls the settings back with it."""
    for method in methods:
        cursor.execute(f"SET LOCAL {method} = off")
    yield
    for method in methods:
        cursor.execute(f"SET LOCAL {method} TO DEFAULT")
