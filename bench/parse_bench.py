"""Parser throughput on one core, against a single `re` scan of the same text, and the time for
the 1 MB adversarial inputs of the tests.

    .venv/bin/python bench/parse_bench.py [--seconds S]

Corpora: the seeds (tests/fixtures), ../shared/corpus/dev and ../shared/corpus/bulk when present,
and generated dispatches in every converter style.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.document.test_parse_properties import ADVERSARIAL  # noqa: E402

from congvan.document import parse, synthetic  # noqa: E402
from congvan.document.errors import ParseError  # noqa: E402
from congvan.document.parse import parse_text  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
# The baseline: one pass of one compiled pattern over the text, the least any parser must do.
SCAN = re.compile(r"ngày|Số:|Kính gửi|Nơi nhận")


def corpora() -> dict[str, list[str]]:
    found = {
        "seeds": [
            p.read_text(encoding="utf-8") for p in (ROOT / "tests/fixtures/seeds").glob("*.txt")
        ]
    }
    if (SHARED / "dev").is_dir():
        found["dev"] = [
            p.read_text(encoding="utf-8") for p in sorted((SHARED / "dev").glob("*.txt"))
        ]
    bulk = SHARED / "bulk" / "documents.jsonl.gz"
    if bulk.exists():
        with gzip.open(bulk, "rt", encoding="utf-8") as lines:
            found["bulk"] = [json.loads(line)["text"] for line in lines]
    found["generated"] = [text for _, text in synthetic.iter_pairs(2000, seed=7)]
    return found


def timed(texts: list[str], work, seconds: float, least: int = 3) -> float:
    """The time of one run of `work` over `texts`: the fastest of as many runs as fit in
    `seconds`, `least` at least (a slower run met the machine's other work; a run over the dev
    corpus takes some 15 ms, and the fastest of three varied by ±9% here)."""
    best, spent, runs = float("inf"), 0.0, 0
    gc.collect()
    while runs < least or spent < seconds:
        start = time.perf_counter()
        for text in texts:
            work(text)
        took = time.perf_counter() - start
        best, spent, runs = min(best, took), spent + took, runs + 1
    return best


def parse_or_refuse(text: str) -> None:
    try:
        parse_text(text)
    except ParseError:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=float, default=1.0, help="time per figure: the fastest run is kept"
    )
    args = parser.parse_args()

    print("== congvan.document.parse: dispatches per second on one core")
    # (setup.py compiles it; a build that could not, or an edit since, leaves it Python)
    compiled = not parse.__file__.endswith(".py")
    print(f"parser: {'compiled by mypyc' if compiled else 'Python source'} ({parse.__file__})")
    print(f"{'corpus':10} {'docs':>6} {'KB/doc':>7} {'docs/s':>8} {'MB/s':>6} {'× re scan':>10}")
    for name, texts in corpora().items():
        least = 1 if name == "bulk" else 3  # (a run over bulk takes a second or more)
        seconds = timed(texts, parse_or_refuse, args.seconds, least)
        scan = timed(texts, lambda t: sum(1 for _ in SCAN.finditer(t)), args.seconds, least)
        size = sum(len(t) for t in texts)
        print(
            f"{name:10} {len(texts):6d} {size / len(texts) / 1000:7.1f} {len(texts) / seconds:8.0f}"
            f" {size / seconds / 1e6:6.2f} {seconds / scan:10.0f}"
        )
    print("\n== 1 MB adversarial inputs (time for one parse)")
    for name, text in ADVERSARIAL.items():
        seconds = timed([text], parse_or_refuse, 0, least=1)
        print(f"{name:24} {len(text) / 1e6:5.2f} MB {seconds * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
