"""Registry benchmarks: ingest rate and peak memory, search latency (``make bench``).

    python bench/bench_registry.py [--ingest 100000] [--search-docs 1000000] [--queries 200]

Documents come from ``congvan.document.synthetic`` (fixed seed); each goes through the same
path as ``congvan ingest`` (parse → store → index, one transaction each) in a fresh
``CONGVAN_HOME`` (or ``CONGVAN_DATABASE_URL``). Search runs 200 fixed two-word and phrase
queries through ``congvan.registry.search.search`` (top 20, snippets included).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingest", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the temporary CONGVAN_HOME")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="congvan-bench-")
    os.environ.setdefault("CONGVAN_HOME", home)
    from congvan.site.setup import setup_django

    setup_django(migrate=True)
    from congvan.document import synthetic
    from congvan.document.parse import parse_text
    from congvan.registry.errors import NumberingConflict
    from congvan.registry.ingest import store_document
    from congvan.registry.search import search

    vocabulary: list[str] = []
    conflicts = 0
    start = time.perf_counter()
    for i, doc in enumerate(synthetic.generate(args.ingest, seed=0)):
        text = synthetic.to_text(doc)
        record = parse_text(text)
        try:
            store_document(record, text=text, data=text.encode(), filename=f"{i}.txt")
        except NumberingConflict:
            conflicts += 1
        if i % 97 == 0 and record.subject:
            vocabulary.append(record.subject)
    elapsed = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"ingest: {args.ingest} dispatches in {elapsed:.1f} s = {args.ingest / elapsed:,.0f}/s;"
        f" peak RSS {rss_mb:,.0f} MB; {conflicts} refused as numbering conflicts"
    )

    rng = random.Random(0)
    queries = []
    for _ in range(args.queries):
        words = rng.choice(vocabulary).split()
        k = rng.randrange(max(1, len(words) - 1))
        pair = " ".join(words[k : k + 2])
        queries.append(f'"{pair}"' if rng.random() < 0.3 else pair)
    times = []
    for q in queries:
        t0 = time.perf_counter()
        search(q, limit=20)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"search: {len(times)} queries on {args.ingest} dispatches:"
        f" p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms"
    )
    if not args.keep:
        import shutil

        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
