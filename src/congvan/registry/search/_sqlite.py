"""SQLite FTS5: a contentless index of the folded text, in the database's own transaction.

Contentless (``content=''``) keeps the folded text once, in the index only; snippets come from
the stored original text. Removing a document therefore needs what was indexed for it, which
``entry_for`` recomputes from the row (``congvan reindex`` rebuilds after a change of folding).
"""

from __future__ import annotations

from ._backend import SQLBackend
from ._text import Entry, Query

TABLE = "registry_search"
# head (code, kind, issuer, subject) weighs more than the body
WEIGHTS = "4.0, 1.0"


def match_expression(query: Query) -> str:
    parts = [f'"{t}"' for t in query.terms]
    parts += ['"' + " ".join(p) + '"' for p in query.phrases]
    return " AND ".join(parts)


class SQLiteBackend(SQLBackend):
    name = "sqlite"

    def create_schema(self, cursor) -> None:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
            "head, body, content='', tokenize='unicode61 remove_diacritics 0')"
        )

    def drop_schema(self, cursor) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")

    def add_one(self, cursor, entry: Entry) -> None:
        doc_id, head, body = entry.id, entry.head, entry.body
        cursor.execute(
            f"INSERT INTO {TABLE}(rowid, head, body) VALUES (%s, %s, %s)", [doc_id, head, body]
        )

    def remove_one(self, cursor, entry: Entry) -> None:
        doc_id, head, body = entry.id, entry.head, entry.body
        cursor.execute(
            f"INSERT INTO {TABLE}({TABLE}, rowid, head, body) VALUES ('delete', %s, %s, %s)",
            [doc_id, head, body],
        )

    def match(self, cursor, query: Query, where, limit: int, offset: int):
        sql, params = where
        cursor.execute(
            f"SELECT d.id, bm25({TABLE}, {WEIGHTS}) AS score FROM {TABLE}"
            f" JOIN registry_document d ON d.id = {TABLE}.rowid"
            f" WHERE {TABLE} MATCH %s AND {sql} ORDER BY score, d.id DESC LIMIT %s OFFSET %s",
            [match_expression(query), *params, limit, offset],
        )
        return [(doc_id, -score) for doc_id, score in cursor.fetchall()]

    def count(self, cursor, query: Query, where) -> int:
        sql, params = where
        cursor.execute(
            f"SELECT count(*) FROM {TABLE} JOIN registry_document d ON d.id = {TABLE}.rowid"
            f" WHERE {TABLE} MATCH %s AND {sql}",
            [match_expression(query), *params],
        )
        return cursor.fetchone()[0]
