"""The embedded engine, the default beside SQLite: a Tantivy index in ``CONGVAN_HOME/index``.

Why it is fast at a million dispatches. Vietnamese words are mostly two syllables, and the
syllables of a two-syllable query (``phong chong``, ``ke hoach``) each occur in half the corpus:
an engine that intersects and scores the syllables' posting lists reads and scores hundreds of
thousands of documents for every query. So besides each folded syllable (field ``words``, for
matching and counting), every pair of adjacent syllables is indexed as one token (field
``pairs``: ``phong_chong``). A query then runs in tiers:

1. the documents holding the query's syllables side by side, in order (every adjacent pair of
   the query's words as a pair token), ranked by BM25 of those pair tokens. A two-word query is
   one term, which Tantivy answers top-k with block-max WAND, reading a few blocks of one short
   posting list instead of scoring every match;
2. only when tier 1 holds fewer than a page: the other documents holding every word apart.

Phrases in quotes are pair tokens too: ``"a b"`` is the token ``a_b``; ``"a b c"`` the tokens
``a_b`` and ``b_c``, ranked as such (top-k again), and of the best of those documents the ones
holding them in a row kept (the phrase ``a_b b_c`` checked over a few dozen documents, not over
every document holding both pairs: 50 ms on a million for a common phrase).

Counting every match of a common query reads every match (10–50 ms on a million): on a large
index the total is estimated from the newest tenth of the documents when that tenth alone holds
thousands of matches (“khoảng 451.000”); it is counted otherwise.
Filters (kind, issuer, year, dates, register) are fields of the index, applied inside the engine.
The head (code, kind, issuer, subject) is indexed twice before the body, so it weighs more.

The database stays the source of truth: :meth:`TantivyBackend.add` records the document in the
``registry_searchchange`` outbox in the caller's transaction; once it commits, the changes are
written to the index in one Tantivy commit (a batch of documents, one commit) and removed from
the outbox. A change that could not be written then (the index was locked by another process,
the process died) is written by the next commit or search that finds it waiting; applying one
twice is harmless (delete by id, then add). ``congvan reindex`` rebuilds from the database.
One process writes at a time (Tantivy's lock); several application servers on several machines
share the PostgreSQL backend instead.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from contextlib import contextmanager
from functools import partial
from itertools import pairwise
from pathlib import Path

import tantivy
from django.conf import settings
from django.db import connection, transaction

from ._backend import Estimate, Filters
from ._text import Entry, Query

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
OUTBOX = "registry_searchchange"
TOKENIZER = "congvan"
# memory of the writer: per-document writes and ingest batches; a rebuild uses more
WRITER_HEAP = 64_000_000
REBUILD_HEAP = 256_000_000
BATCH = 1000
# in a bulk job the index commits every so many documents (and at the end), not every batch
BULK_COMMIT = 10_000
SEPARATOR = "|"  # between head, head and body: no pair or phrase spans two parts
# a total is estimated on an index of this many documents, from the newest tenth of them, when
# that tenth holds this many matches (a sampling error of about 2%)
ESTIMATE_FROM_DOCS = 200_000
ESTIMATE_SHARE = 0.1
ESTIMATE_MIN_MATCHES = 2_000
# a phrase of three words or more: the best documents holding its pairs looked at, per result
PHRASE_CANDIDATES = 2

MUST, MUST_NOT = tantivy.Occur.Must, tantivy.Occur.MustNot


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("id", stored=True, indexed=True, fast=True)
    sb.add_text_field("words", tokenizer_name=TOKENIZER, index_option="freq")
    sb.add_text_field("pairs", tokenizer_name=TOKENIZER, index_option="position")
    sb.add_text_field("kind", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("issuer", tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("year", indexed=True, fast=True)
    sb.add_integer_field("day", indexed=True, fast=True)
    sb.add_text_field("register", tokenizer_name="raw", index_option="basic")
    return sb.build()


def pairs_of(tokens: list[bytes]) -> bytes:
    """``a b c`` → ``a_b b_c``: one join of a list laid out by slices, all in C (a join or a
    format per pair costs twice as much, and this is most of the cost of indexing a text)."""
    n = len(tokens) - 1
    if n < 1:
        return b""
    parts = [b"", b"_", b"", b" "] * n
    parts[0::4] = tokens[:-1]
    parts[2::4] = tokens[1:]
    parts[-1] = b""
    return b"".join(parts)


def pairs_field(head: list[bytes], body: list[bytes]) -> str:
    """The ``pairs`` field of an entry, from the folded tokens of its head and body (the head
    twice; :data:`SEPARATOR` between the parts, so no pair spans two)."""
    head_pairs = pairs_of(head)
    return b" ".join((head_pairs, _SEPARATOR, head_pairs, _SEPARATOR, pairs_of(body))).decode()


_SEPARATOR = SEPARATOR.encode()


def text_fields(entry: Entry) -> dict[str, str]:
    """``words`` and ``pairs`` of an entry. ``congvan ingest``'s workers make the pairs beside
    the folding (``Entry.engine_fields``): most of the work of indexing a text in Python."""
    pairs = (entry.engine_fields or {}).get("pairs")
    if pairs is None:
        pairs = pairs_field(entry.head.encode().split(), entry.body.encode().split())
    return {"words": f"{entry.head} {entry.head} {entry.body}", "pairs": pairs}


def document_of(entry: Entry) -> tantivy.Document:
    fields: dict = {"id": entry.id, **text_fields(entry)}
    if entry.kind:
        fields["kind"] = entry.kind
    if entry.issuer_key:
        fields["issuer"] = entry.issuer_key
    if entry.year is not None:
        fields["year"] = entry.year
    if entry.day is not None:
        fields["day"] = entry.day
    if entry.registers:
        fields["register"] = list(entry.registers)
    return tantivy.Document(**fields)


def index_path() -> Path:
    return Path(getattr(settings, "CONGVAN_SEARCH_INDEX", None) or Path(settings.HOME) / "index")


_OPEN: dict[Path, TantivyBackend] = {}
_OPEN_LOCK = threading.Lock()


class TantivyBackend:
    name = "tantivy"

    @classmethod
    def for_settings(cls) -> TantivyBackend:
        path = index_path()
        with _OPEN_LOCK:
            backend = _OPEN.get(path)
            if backend is None:
                backend = _OPEN[path] = cls(path)
        return backend

    def __init__(self, path: Path):
        self.path = Path(path)
        self.schema = _schema()
        self.index: tantivy.Index | None = None
        self.fresh = False  # created empty: fill it from the database on first use
        self.stamp: int | None = None  # meta.json's mtime when the reader last reloaded
        self.issuers: tuple[int | None, list[str]] = (None, [])
        self.newest: tuple[int | None, tantivy.Query | None, float] = (None, None, 0.0)
        self.writer: tantivy.IndexWriter | None = None  # held through a bulk() block
        self.applied: list[int] = []  # outbox rows written to the bulk writer, not committed
        self.lock = threading.RLock()

    # -- the index on disk ---------------------------------------------------------------

    def _open(self) -> tantivy.Index:
        if self.index is not None:
            return self.index
        marker = self.path / "congvan-index.json"
        try:
            ok = json.loads(marker.read_text())["version"] == SCHEMA_VERSION
        except (OSError, ValueError, KeyError, TypeError):
            ok = False
        if not ok:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(self.schema, path=str(self.path), reuse=ok)
        index.register_tokenizer(
            TOKENIZER,
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
            .filter(tantivy.Filter.remove_long(100))
            .build(),
        )
        if not ok:
            marker.write_text(json.dumps({"version": SCHEMA_VERSION}))
            self.fresh = True
        self.index = index
        return index

    def _searcher(self) -> tantivy.Searcher:
        index = self._open()
        try:
            stamp = os.stat(self.path / "meta.json").st_mtime_ns
        except OSError:
            stamp = None
        if stamp != self.stamp:
            index.reload()
            self.stamp = stamp
        return index.searcher()

    def _new_writer(self, heap: int, threads: int) -> tantivy.IndexWriter | None:
        try:
            return self._open().writer(heap, threads)
        except ValueError as err:  # another process is writing: it will catch up for us
            log.info("search index busy: %s", err)
            return None

    @contextmanager
    def _writing(self, heap: int = WRITER_HEAP, threads: int = 1):
        """The bulk writer when one is held, else a writer of its own (``None``: locked)."""
        with self.lock:
            if self.writer is not None:
                yield self.writer
                return
            writer = self._new_writer(heap, threads)
            try:
                yield writer
            finally:
                if writer is not None:
                    writer.wait_merging_threads()  # lets merges finish, releases the lock

    @contextmanager
    def bulk(self):
        """Hold one writer for a long job (``congvan ingest``): each batch is then one commit
        on it instead of a writer opened and closed per batch."""
        with self.lock:
            if self.writer is not None:
                yield
                return
            self._open()
            if self.fresh:  # filled now, while the database may still be empty, not after a batch
                self._fill()
            self.writer = self._new_writer(WRITER_HEAP, 1)
        try:
            yield
        finally:
            with self.lock:
                writer, self.writer = self.writer, None
                if writer is not None:
                    try:
                        self._commit(writer)
                    finally:
                        self.applied = []
                        writer.wait_merging_threads()
            self.catch_up()

    # -- writing (the contract of _backend.Backend) --------------------------------------

    def add(self, cursor, documents: list) -> None:
        self._enqueue(cursor, [d.pk for d in documents])

    def add_entries(self, cursor, entries: list[Entry]) -> None:
        """Record the documents in the outbox as :meth:`add` does, keeping the outbox row of
        each: once the transaction commits, the entry of a document whose last waiting change is
        that row is written as given (a later change of it is read from the database)."""
        by_id = {entry.id: entry for entry in entries}
        ids, ready = list(by_id), {}
        step = connection.features.max_query_params or 10_000
        for k in range(0, len(ids), step):
            chunk = ids[k : k + step]
            cursor.execute(
                f"INSERT INTO {OUTBOX} (document_id) VALUES {', '.join(['(%s)'] * len(chunk))}"
                " RETURNING id, document_id",
                chunk,
            )
            ready.update((row_id, by_id[doc_id]) for row_id, doc_id in cursor.fetchall())
        if ready:  # on commit only: the entries of a rolled back transaction are never used
            transaction.on_commit(partial(_after_commit, ready), robust=True)

    def remove(self, cursor, documents: list) -> None:
        self._enqueue(cursor, [d.pk for d in documents])

    def touch(self, cursor, doc_ids: list[int]) -> None:
        self._enqueue(cursor, doc_ids)

    def _enqueue(self, cursor, doc_ids: list[int]) -> None:
        if not doc_ids:
            return
        cursor.executemany(
            f"INSERT INTO {OUTBOX} (document_id) VALUES (%s)", [(i,) for i in doc_ids]
        )
        if not any(f is _after_commit for _, f, _ in connection.run_on_commit):
            transaction.on_commit(_after_commit, robust=True)

    def pending(self) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {OUTBOX} LIMIT 1")
            return cursor.fetchone() is not None

    def catch_up(self, ready: dict[int, Entry] | None = None) -> int:
        """Write the waiting changes to the index; returns how many documents were written.
        ``ready``: entries by outbox row id (:meth:`add_entries`), used instead of reading the
        document where that row is its last change waiting."""
        from ._backend import load_entries

        self._open()
        if self.fresh:
            self._fill()
        if not self.pending():
            return 0
        done = 0
        with self._writing() as writer:
            if writer is None:
                return 0
            bulk = writer is self.writer
            while True:
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT id, document_id FROM {OUTBOX} WHERE id > %s ORDER BY id LIMIT %s",
                        [self.applied[-1] if bulk and self.applied else 0, BATCH],
                    )
                    rows = cursor.fetchall()
                if not rows:
                    break
                last_change = {doc_id: row_id for row_id, doc_id in rows}  # rows in id order
                given = {
                    doc_id: ready[row_id]
                    for doc_id, row_id in last_change.items()
                    if ready and row_id in ready
                }
                ids = sorted(last_change)
                for doc_id in ids:
                    writer.delete_documents_by_term("id", doc_id)
                for entry in given.values():
                    writer.add_document(document_of(entry))
                rest = [doc_id for doc_id in ids if doc_id not in given]
                for entry in load_entries(rest) if rest else ():
                    writer.add_document(document_of(entry))
                self.applied += [row_id for row_id, _ in rows]
                done += len(ids)
                if not bulk or len(self.applied) >= BULK_COMMIT:
                    self._commit(writer)
        return done

    def _commit(self, writer) -> None:
        """Commit the index, then forget the outbox rows it now holds."""
        writer.commit()
        applied, self.applied = self.applied, []
        with connection.cursor() as cursor:
            for k in range(0, len(applied), 500):
                chunk = applied[k : k + 500]
                cursor.execute(
                    f"DELETE FROM {OUTBOX} WHERE id IN ({', '.join(['%s'] * len(chunk))})", chunk
                )

    def _fill(self) -> None:
        """A new (or discarded) index beside a database that already holds documents."""
        from ._backend import iter_entries

        self.fresh = False
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM registry_document LIMIT 1")
            if cursor.fetchone() is not None:
                self.rebuild(iter_entries())

    def rebuild(self, entries, progress=None) -> int:
        self._open()
        self.fresh = False
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max(id) FROM {OUTBOX}")
            (last,) = cursor.fetchone()
        count = 0
        with self._writing(REBUILD_HEAP, 2) as writer:
            if writer is None:
                raise RuntimeError("chỉ mục tìm kiếm đang được một tiến trình khác ghi")
            writer.delete_all_documents()
            for entry in entries:
                writer.add_document(document_of(entry))
                count += 1
                if progress:
                    progress(count)
            writer.commit()
            if last is not None:
                with connection.cursor() as cursor:
                    cursor.execute(f"DELETE FROM {OUTBOX} WHERE id <= %s", [last])
        return count

    # -- reading ---------------------------------------------------------------------------

    def _term(self, field: str, value):
        return tantivy.Query.term_query(self.schema, field, value)

    def _phrase(self, words: list[str]):
        if len(words) == 1:
            return self._term("words", words[0])
        pairs = ["_".join(p) for p in pairwise(words)]
        if len(pairs) == 1:
            return self._term("pairs", pairs[0])
        return tantivy.Query.phrase_query(self.schema, "pairs", pairs)

    def _issuer_keys(self, searcher, stamp) -> list[str]:
        if self.issuers[0] != stamp or stamp is None:
            terms = [t for t, _ in searcher.terms_with_prefix("issuer", "")]
            self.issuers = (stamp, terms)
        return self.issuers[1]

    def _filters(self, filters: Filters, searcher, exclude: list[int]):
        """Filter clauses (scored 0), or ``None`` when nothing can match."""
        from congvan.registry.keys import issuer_key

        out = []

        def add(query):
            out.append((MUST, tantivy.Query.const_score_query(query, 0.0)))

        if filters.kind:
            add(self._term("kind", filters.kind))
        if filters.issuer and (key := issuer_key(filters.issuer)):
            keys = [k for k in self._issuer_keys(searcher, self.stamp) if key in k]
            if not keys:
                return None
            add(tantivy.Query.term_set_query(self.schema, "issuer", keys))
        if filters.year:
            add(self._term("year", int(filters.year)))
        if filters.date_from or filters.date_to:
            add(
                tantivy.Query.range_query(
                    self.schema,
                    "day",
                    tantivy.FieldType.Integer,
                    filters.date_from.toordinal() if filters.date_from else None,
                    filters.date_to.toordinal() if filters.date_to else None,
                )
            )
        if filters.register:
            add(self._term("register", filters.register))
        out += [(MUST_NOT, self._term("id", i)) for i in exclude]
        return out

    @staticmethod
    def _all(clauses):
        """A conjunction; one positive clause alone stays itself (so top-k can use WAND)."""
        if len(clauses) == 1 and clauses[0][0] == MUST:
            return clauses[0][1]
        return tantivy.Query.boolean_query(clauses)

    def _top(
        self, searcher, query, n: int, *, count: bool = True
    ) -> tuple[list[tuple[int, float]], int | None]:
        """The best ``n`` and how many match (``None`` with ``count=False``: without counting,
        Tantivy skips the blocks that cannot reach the top, far faster on common words)."""
        result = searcher.search(query, max(1, n), count=count)
        hits = result.hits[:n]
        ids = searcher.fast_field_values("id", [address for _, address in hits])
        # Tantivy's order (score, then place in the index) is the same whatever the limit, so
        # pages follow on; equal scores are not re-sorted here, which would break that
        return [(i, float(score)) for i, (score, _) in zip(ids, hits, strict=True)], result.count

    def _count(self, searcher, clauses) -> int:
        """How many documents match all ``clauses``; an :class:`Estimate` for a common query on
        a large index (see the module's text)."""
        newest, share = self._newest(searcher)
        if newest is not None:
            # one flat conjunction: a nested one counts at a third of the speed
            found = self._exact(searcher, tantivy.Query.boolean_query([*clauses, (MUST, newest)]))
            if found >= ESTIMATE_MIN_MATCHES:
                return Estimate(_rounded(found / share))
        return self._exact(searcher, self._all(clauses))

    @staticmethod
    def _exact(searcher, query) -> int:
        return searcher.search(tantivy.Query.const_score_query(query, 1.0), 1, count=True).count

    def _newest(self, searcher) -> tuple[tantivy.Query | None, float]:
        """The newest tenth of a large index's documents (the highest ids) as a filter, and
        their share of all; ``None`` on a small index. Kept while the index does not change."""
        if self.newest[0] == self.stamp and self.stamp is not None:
            return self.newest[1], self.newest[2]
        newest, share, docs = None, 0.0, searcher.num_docs
        if docs >= ESTIMATE_FROM_DOCS:
            first, last = (
                searcher.search(
                    tantivy.Query.all_query(), 1, count=False, order_by_field="id", order=order
                ).hits[0][0]
                for order in (tantivy.Order.Asc, tantivy.Order.Desc)
            )
            since = last - int((last - first) * ESTIMATE_SHARE)
            newest = tantivy.Query.const_score_query(
                tantivy.Query.range_query(
                    self.schema, "id", tantivy.FieldType.Integer, since, last
                ),
                0.0,
            )
            share = self._exact(searcher, newest) / docs
        self.newest = (self.stamp, newest, share)
        return newest, share

    def _phrases(self, phrases: list[list[str]]) -> tuple[list, list]:
        """The clauses of the query's phrases: those matched and ranked (a word, a pair), and
        the checks that the pairs of a longer phrase are in a row (scored 0)."""
        ranked, in_a_row = [], []
        for words in phrases:
            if len(words) < 3:
                ranked.append((MUST, self._phrase(words)))
                continue
            ranked += [(MUST, self._term("pairs", f"{a}_{b}")) for a, b in pairwise(words)]
            in_a_row.append((MUST, tantivy.Query.const_score_query(self._phrase(words), 0.0)))
        return ranked, in_a_row

    def _best(self, searcher, clauses, in_a_row, n: int) -> list[tuple[int, float]]:
        """The best ``n`` documents matching ``clauses`` (scored by them) and ``in_a_row``: the
        best few of ``clauses`` alone are checked, and only if too few of them pass is
        every document checked (the same order either way: the checks score 0)."""
        if not in_a_row:
            return self._top(searcher, self._all(clauses), n, count=False)[0]
        asked = n * PHRASE_CANDIDATES + 10
        candidates, _ = self._top(searcher, self._all(clauses), asked, count=False)
        if candidates:
            ids = tantivy.Query.term_set_query(self.schema, "id", [i for i, _ in candidates])
            check = tantivy.Query.boolean_query([*in_a_row, (MUST, ids)])
            found = searcher.search(check, len(candidates), count=False).hits
            held = set(searcher.fast_field_values("id", [address for _, address in found]))
            kept = [hit for hit in candidates if hit[0] in held]
            if len(kept) >= n or len(candidates) < asked:  # enough, or every match looked at
                return kept[:n]
        return self._top(searcher, self._all(clauses + in_a_row), n, count=False)[0]

    def find(self, query: Query, filters: Filters, exclude, limit: int, offset: int):
        self.catch_up()
        searcher = self._searcher()
        filt = self._filters(filters, searcher, exclude)
        if filt is None:
            return [], 0
        want = offset + limit
        terms = query.terms
        phrases, in_a_row = self._phrases([p for p in query.phrases if p])
        every = [(MUST, self._term("words", t)) for t in terms] + phrases
        everything = every + filt + in_a_row
        if len(terms) < 2:  # one tier: the words are the whole query
            hits = self._best(searcher, every + filt, in_a_row, want)
            total = len(hits) if len(hits) < want else self._count(searcher, everything)
            return hits[offset:want], total
        together = [(MUST, self._term("pairs", f"{a}_{b}")) for a, b in pairwise(terms)]
        first = self._best(searcher, together + phrases + filt, in_a_row, want)
        if len(first) >= want:  # the page is full of the words side by side: one count of all
            return first[offset:want], self._count(searcher, everything)
        n1 = len(first)  # fewer than asked for: all of them
        apart = [*every, *filt, *in_a_row, (MUST_NOT, self._all(together))]
        second, n2 = self._top(searcher, tantivy.Query.boolean_query(apart), want - n1)
        return (first + second)[offset:want], n1 + n2


def _rounded(total: float) -> int:
    """An estimated total to three significant digits (451.485 → 451.000)."""
    digits = len(str(int(total)))
    return int(round(total, 3 - digits)) if digits > 3 else round(total)


def _after_commit(ready: dict[int, Entry] | None = None) -> None:
    try:
        TantivyBackend.for_settings().catch_up(ready)
    except Exception:  # the outbox keeps the change: the next commit or search writes it
        log.exception("search index: catching up failed")
