"""DOCX renders per second on one core, over generated dispatch records.

    .venv/bin/python bench/render_bench.py [--count N] [--seed S] [--round-trip]

Prints the render rate (``render_docx`` only: records are generated beforehand) and, with
``--round-trip``, the rate of render → extract → parse and the share of records that come back
equal in every field.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from congvan.document.extract import extract_bytes  # noqa: E402
from congvan.document.parse import parse_text  # noqa: E402
from congvan.document.render import render_docx  # noqa: E402
from congvan.document.synthetic import generate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--round-trip", action="store_true")
    args = parser.parse_args(argv)

    docs = list(generate(args.count, seed=args.seed))
    render_docx(docs[0])  # imports and the template, outside the timing
    gc.collect()
    start = time.perf_counter()
    sizes = [len(render_docx(doc)) for doc in docs]
    seconds = time.perf_counter() - start
    print(
        f"render_docx: {len(docs)} records in {seconds:.2f} s = {len(docs) / seconds:.1f} "
        f"DOCX/s (mean {sum(sizes) / len(sizes) / 1024:.1f} KiB)"
    )
    if args.round_trip:
        from tests.document.test_render import differences

        start = time.perf_counter()
        exact = sum(
            not differences(doc, parse_text(extract_bytes(render_docx(doc), "x.docx")))
            for doc in docs
        )
        seconds = time.perf_counter() - start
        print(
            f"round trip: {len(docs) / seconds:.1f} records/s, "
            f"{exact}/{len(docs)} equal in every field"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
