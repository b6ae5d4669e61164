"""Registry benchmarks (``make bench``): ingest rate and peak memory, search latency at scale.

    python bench/bench_registry.py [--docs 100000] [--search-docs 1000000]
                                   [--whoosh-docs 100000] [--queries 200] [--workers N]

1. Ingest: ``--docs`` dispatches from ``congvan.document.synthetic`` (seed 0) are written as
   ``.txt`` files, then ``congvan.registry.ingest.ingest_paths`` (what ``congvan ingest`` runs)
   reads, parses, stores and indexes them in a fresh ``CONGVAN_HOME``: dispatches/s, peak RSS
   of this process and of the worker processes, and the share of the CPU time spent parsing.
2. Search: the same store is filled up to ``--search-docs`` dispatches with more generated ones,
   stored as rows directly from the generator's records (no parse: that is what part 1 measures)
   and indexed with ``congvan.registry.search.rebuild`` (``congvan reindex``, the same indexing
   code as ingest). Then ``--queries`` fixed mixed queries (two- and three-word, single words,
   quoted phrases, codes, some with a filter) run through ``congvan.registry.search.search``
   (top 20, with the total, the documents and their highlighted snippets): p50 / p95.
3. On the same texts and queries: raw Tantivy (default tokenizer over the folded text, all
   words required, phrases as phrase queries, filters left out) at ``--search-docs`` and Whoosh
   2.7 at ``--whoosh-docs``, as ratios of their latency to congvan's.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def rss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_seconds() -> tuple[float, float]:
    """CPU time (user + system) of this process and of its finished children (the workers)."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


SAMPLE_EVERY = 50  # one ingested record in 50 gives the queries their words and codes


def write_files(folder: Path, count: int) -> list:
    """``count`` generated dispatches as text files; returns a few records for the queries."""
    from congvan.document import synthetic

    sample = []
    for i, doc in enumerate(synthetic.generate(count, seed=0)):
        sub = folder / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:07d}.txt").write_text(synthetic.to_text(doc), encoding="utf-8")
        if i % SAMPLE_EVERY == 0:
            sample.append(doc)
    return sample


def sample_records(count: int) -> list:
    """The records :func:`write_files` returns, without writing the files."""
    from congvan.document import synthetic

    generated = synthetic.generate(count, seed=0)
    return [doc for i, doc in enumerate(generated) if i % SAMPLE_EVERY == 0]


def bench_ingest(args, home: Path) -> list:
    from congvan.document.errors import DocumentError
    from congvan.registry.ingest import ingest_paths

    folder = home / "incoming"
    sample = write_files(folder, args.docs)
    cpu0, start = cpu_seconds(), time.perf_counter()
    new = again = failed = 0
    kinds: dict[str, int] = {}
    for _, outcome in ingest_paths([folder], workers=args.workers):
        if isinstance(outcome, DocumentError):
            failed += 1
            kinds[type(outcome).__name__] = kinds.get(type(outcome).__name__, 0) + 1
        elif outcome.created:
            new += 1
        else:
            again += 1
    elapsed, (own, kids) = time.perf_counter() - start, cpu_seconds()
    own, kids = own - cpu0[0], kids - cpu0[1]
    cpu = own + kids
    print(
        f"ingest: {args.docs:,} generated dispatches (files → extract → parse → store → index,"
        f" {args.workers or os.cpu_count()} parse workers) in {elapsed:.1f} s"
        f" = {args.docs / elapsed:,.0f} dispatches/s; peak RSS {rss_mb():,.0f} MB"
        f" (this process), {rss_mb(resource.RUSAGE_CHILDREN):,.0f} MB (largest worker);"
        f" {new:,} new, {again:,} already stored, {failed:,} refused {kinds or ''}"
    )
    # the parser's share: parse alone on a sample, single core, against the CPU time per doc
    from congvan.document import synthetic
    from congvan.document.parse import parse_text

    texts = [synthetic.to_text(d) for d in sample[:2000]]
    t0 = time.process_time()
    for text in texts:
        parse_text(text)
    parse_cpu = (time.process_time() - t0) / max(1, len(texts))
    per_doc = cpu / args.docs
    print(
        f"ingest: CPU {per_doc * 1000:.2f} ms per dispatch over all processes, of which parse"
        f" {parse_cpu * 1000:.2f} ms ({parse_cpu / per_doc:.0%}); parse alone"
        f" {1 / parse_cpu:,.0f} dispatches/s per core; storing (this process)"
        f" {own / args.docs * 1000:.2f} ms, workers {kids / args.docs * 1000:.2f} ms;"
        f" load average {os.getloadavg()[0]:.1f}"
    )
    shutil.rmtree(folder, ignore_errors=True)
    return sample


def fill_store(total: int) -> None:
    """Generated dispatches ``Document.objects.count()``..``total`` stored as rows, unparsed
    (plain INSERTs: the ORM's per-object work is not what this benchmark is about)."""
    import datetime as dt

    from django.db import connection, transaction

    from congvan.document import synthetic
    from congvan.registry.keys import code_key, first_day, issuer_key, parent_key, year_of
    from congvan.registry.models import Document

    have = Document.objects.count()
    columns = (
        "kind issuer_name issuer_parent number notation place date subject signer_name year"
        " issued_on issuer_key parent_key code_key text recipients tasks distribution"
        " content_type original_name ocr_sha256 created_at"
    ).split()
    sql = (
        f"INSERT INTO {Document._meta.db_table} ({', '.join(columns)})"
        f" VALUES ({', '.join(['%s'] * len(columns))})"
        " ON CONFLICT DO NOTHING"
    )
    now = dt.datetime.now(dt.UTC)
    rows = []

    def flush():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        rows.clear()

    for i, doc in enumerate(synthetic.generate(total, seed=0)):
        if i < have:
            continue
        rows.append(
            (
                doc.kind,
                doc.issuer.name,
                doc.issuer.parent,
                doc.number,
                doc.notation,
                doc.place,
                doc.date,
                doc.subject,
                doc.signer.name,
                year_of(doc.date, doc.notation),
                first_day(doc.date),
                issuer_key(doc.issuer.name),
                parent_key(doc.issuer.parent),
                code_key(doc.number, doc.notation),
                synthetic.to_text(doc),
                "[]",
                "[]",
                "[]",
                "",
                "",
                "",
                now,
            )
        )
        if len(rows) >= 5000:
            flush()
    if rows:
        flush()


def make_queries(sample: list, count: int) -> list[tuple[str, dict]]:
    """Fixed mixed queries (text, filters) from generated records: as people type them, half
    without diacritics."""
    from congvan.document.vntext import fold

    rng = random.Random(0)
    queries = []
    while len(queries) < count:
        doc = rng.choice(sample)
        words = (doc.subject or "").replace(",", " ").split()
        if len(words) < 3:
            continue
        roll = rng.random()
        k = rng.randrange(len(words) - 2)
        filters: dict = {}
        if roll < 0.35:
            text = " ".join(words[k : k + 2])
        elif roll < 0.50:
            text = '"' + " ".join(words[k : k + rng.choice((2, 3))]) + '"'
        elif roll < 0.65:
            text = " ".join(words[k : k + 3])
        elif roll < 0.75:
            text = max(words, key=len)
        elif roll < 0.85:
            if not (doc.number and doc.notation):
                continue
            text = f"{doc.number}/{doc.notation}"
        else:
            text = " ".join(words[k : k + 2])
            pick = rng.random()
            if pick < 0.4 and doc.date:
                filters["year"] = int(doc.date[:4])
            elif pick < 0.7:
                filters["kind"] = doc.kind
            else:
                filters["issuer"] = fold(doc.issuer.name or "").split(" và ")[0]
        if rng.random() < 0.5:
            text = fold(text)
        queries.append((text, filters))
    return queries


def bench_congvan(queries) -> tuple[list[float], float]:
    from congvan.registry.search import Filters, search

    for text, filters in queries[:10]:  # warm the caches, as a running server has them
        search(text, Filters(**filters), limit=20)
    times, found = [], 0
    for text, filters in queries:
        t0 = time.perf_counter()
        results = search(text, Filters(**filters), limit=20)
        times.append((time.perf_counter() - t0) * 1000)
        found += results.total > 0
    return times, found / len(queries)


def folded_texts(limit: int):
    """(id, folded text) of the stored documents, the text the raw engines index."""
    from congvan.document.vntext import fold
    from congvan.registry.models import Document

    last, n = 0, 0
    while n < limit:
        rows = list(
            Document.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "subject", "text")[: min(5000, limit - n)]
        )
        if not rows:
            return
        for pk, subject, text in rows:
            yield pk, fold(f"{subject or ''}\n{text}")
        n += len(rows)
        last = rows[-1][0]


def raw_query_parts(text: str):
    from congvan.registry.search import parse_query

    q = parse_query(text)
    return q.terms, [p for p in q.phrases if p]


def bench_tantivy(queries, limit: int, home: Path) -> tuple[list[float], float, int]:
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("id", stored=True, indexed=True, fast=True)
    sb.add_text_field("text", tokenizer_name="default")
    schema = sb.build()
    path = home / "raw-tantivy"
    shutil.rmtree(path, ignore_errors=True)  # a kept home: build it again
    path.mkdir()
    index = tantivy.Index(schema, path=str(path))
    writer = index.writer(512_000_000, 2)
    start, n = time.perf_counter(), 0
    for pk, text in folded_texts(limit):
        writer.add_document(tantivy.Document(id=pk, text=text))
        n += 1
    writer.commit()
    writer.wait_merging_threads()
    build = n / (time.perf_counter() - start)
    index.reload()
    searcher = index.searcher()

    def make(text):
        terms, phrases = raw_query_parts(text)
        clauses = [(tantivy.Occur.Must, tantivy.Query.term_query(schema, "text", t)) for t in terms]
        clauses += [
            (
                tantivy.Occur.Must,
                tantivy.Query.phrase_query(schema, "text", p)
                if len(p) > 1
                else tantivy.Query.term_query(schema, "text", p[0]),
            )
            for p in phrases
        ]
        return tantivy.Query.boolean_query(clauses)

    times = []
    for text, _ in queries:
        query = make(text)
        t0 = time.perf_counter()
        searcher.search(query, 20, count=True)
        times.append((time.perf_counter() - t0) * 1000)
    return times, build, n


def bench_whoosh(queries, limit: int, home: Path) -> tuple[list[float], float, int]:
    from whoosh import fields, index, query
    from whoosh.analysis import RegexTokenizer

    schema = fields.Schema(
        id=fields.NUMERIC(stored=True, unique=True),
        text=fields.TEXT(analyzer=RegexTokenizer(r"\w+")),
    )
    path = home / "whoosh"
    shutil.rmtree(path, ignore_errors=True)  # a kept home: build it again
    path.mkdir()
    ix = index.create_in(str(path), schema)
    writer = ix.writer(limitmb=256)
    start, n = time.perf_counter(), 0
    for pk, text in folded_texts(limit):
        writer.add_document(id=pk, text=text)
        n += 1
    writer.commit()
    build = n / (time.perf_counter() - start)

    def make(text):
        terms, phrases = raw_query_parts(text)
        parts = [query.Term("text", t) for t in terms]
        parts += [
            query.Phrase("text", p) if len(p) > 1 else query.Term("text", p[0]) for p in phrases
        ]
        return query.And(parts)

    times = []
    with ix.searcher() as searcher:
        for text, _ in queries:
            q = make(text)
            t0 = time.perf_counter()
            searcher.search(q, limit=20)
            times.append((time.perf_counter() - t0) * 1000)
    return times, build, n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", "--ingest", type=int, default=100_000, help="ingested")
    parser.add_argument(
        "--search-docs", type=int, default=None, help="default 10 × --docs; 0: ingest only"
    )
    parser.add_argument("--whoosh-docs", type=int, default=None, help="default --docs")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--workers", type=int, default=None, help="parse workers (CPU count)")
    parser.add_argument("--no-raw", action="store_true", help="skip raw Tantivy and Whoosh")
    parser.add_argument("--keep", action="store_true", help="keep the temporary CONGVAN_HOME")
    parser.add_argument(
        "--home",
        type=Path,
        help="a CONGVAN_HOME to fill and keep; run again on it, only the queries run again",
    )
    args = parser.parse_args()
    search_docs = 10 * args.docs if args.search_docs is None else args.search_docs
    whoosh_docs = args.docs if args.whoosh_docs is None else args.whoosh_docs

    if args.home:
        args.keep = True
        args.home.mkdir(parents=True, exist_ok=True)
    home = args.home or Path(tempfile.mkdtemp(prefix="congvan-bench-"))
    built_marker = home / f".indexed-{search_docs}"
    os.environ["CONGVAN_HOME"] = str(home)
    os.environ.pop("CONGVAN_DATABASE_URL", None)
    from congvan.site.setup import setup_django

    setup_django(migrate=True)
    from congvan.registry.search._backend import backend_name

    print(f"congvan registry benchmark: search backend {backend_name()}, home {home}")
    try:
        from congvan.registry.models import Document
        from congvan.registry.search import rebuild

        if not search_docs:
            bench_ingest(args, home)
            return 0
        if built_marker.exists():  # a kept home: the store and its index are there
            sample = sample_records(args.docs)
            print(f"search: {Document.objects.count():,} dispatches in the kept store and index")
        else:
            sample = bench_ingest(args, home)
            start = time.perf_counter()
            fill_store(search_docs)
            stored = time.perf_counter() - start
            start = time.perf_counter()
            indexed = rebuild()
            built = time.perf_counter() - start
            built_marker.touch()
            print(
                f"search: {Document.objects.count():,} dispatches in the store ({args.docs:,}"
                f" ingested above, the rest stored straight from the generator's records in"
                f" {stored:.0f} s); index rebuilt from the store (congvan reindex) in {built:.0f}"
                f" s = {indexed / built:,.0f} dispatches/s"
            )
        queries = make_queries(sample, args.queries)
        times, hit_rate = bench_congvan(queries)
        p50, p95 = percentiles(times)
        print(
            f"search: congvan, {len(queries)} fixed mixed queries, top 20 with total, documents"
            f" and snippets: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms"
            f" ({hit_rate:.0%} of queries find something)"
        )
        if not args.no_raw:
            raw, build, n = bench_tantivy(queries, search_docs, home)
            r50, r95 = percentiles(raw)
            print(
                f"search: raw Tantivy at {n:,} (same folded texts and queries, top 20 with count,"
                f" no snippets; built at {build:,.0f} docs/s): p50 {r50:.1f} ms, p95 {r95:.1f} ms"
                f" = {r50 / p50:.1f}× / {r95 / p95:.1f}× congvan's"
            )
            if whoosh_docs:
                who, build, n = bench_whoosh(queries, whoosh_docs, home)
                w50, w95 = percentiles(who)
                print(
                    f"search: Whoosh 2.7 at {n:,} (built at {build:,.0f} docs/s): p50 {w50:.1f} ms,"
                    f" p95 {w95:.1f} ms = {w50 / p50:.1f}× / {w95 / p95:.1f}× congvan's"
                    f" (congvan at {search_docs:,})"
                )
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
