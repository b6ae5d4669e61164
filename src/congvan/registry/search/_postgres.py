"""PostgreSQL: a ``tsvector`` of the folded text with the ``simple`` configuration (no stemming,
no stop words: the folded tokens go in as they are), a GIN index, ``ts_rank_cd`` ranking.

Several application servers can share it; it is written in the same transaction as the document.
"""

from __future__ import annotations

from ._backend import SQLBackend
from ._text import Entry, Query

TABLE = "registry_search"


def tsquery(query: Query) -> str:
    parts = list(query.terms)
    parts += ["(" + " <-> ".join(p) + ")" for p in query.phrases]
    return " & ".join(parts)


class PostgresBackend(SQLBackend):
    name = "postgresql"

    def create_schema(self, cursor) -> None:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} ("
            " document_id bigint PRIMARY KEY, vector tsvector NOT NULL)"
        )
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_vector ON {TABLE} USING gin (vector)")

    def drop_schema(self, cursor) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")

    def add_one(self, cursor, entry: Entry) -> None:
        doc_id, head, body = entry.id, entry.head, entry.body
        cursor.execute(
            f"INSERT INTO {TABLE} (document_id, vector) VALUES (%s,"
            " setweight(to_tsvector('simple', %s), 'A')"
            " || setweight(to_tsvector('simple', %s), 'D'))"
            " ON CONFLICT (document_id) DO UPDATE SET vector = EXCLUDED.vector",
            [doc_id, head, body],
        )

    def remove_one(self, cursor, entry: Entry) -> None:
        cursor.execute(f"DELETE FROM {TABLE} WHERE document_id = %s", [entry.id])

    def match(self, cursor, query: Query, where, limit: int, offset: int):
        sql, params = where
        cursor.execute(
            f"SELECT d.id, ts_rank_cd(s.vector, q, 1) AS score"
            f" FROM {TABLE} s JOIN registry_document d ON d.id = s.document_id,"
            " to_tsquery('simple', %s) q"
            f" WHERE s.vector @@ q AND {sql} ORDER BY score DESC, d.id DESC LIMIT %s OFFSET %s",
            [tsquery(query), *params, limit, offset],
        )
        return [(doc_id, float(score)) for doc_id, score in cursor.fetchall()]

    def count(self, cursor, query: Query, where) -> int:
        sql, params = where
        cursor.execute(
            f"SELECT count(*) FROM {TABLE} s JOIN registry_document d ON d.id = s.document_id"
            f" WHERE s.vector @@ to_tsquery('simple', %s) AND {sql}",
            [tsquery(query), *params],
        )
        return cursor.fetchone()[0]
