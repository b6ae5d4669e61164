"""Compose benchmarks: issues per second (one process, and several at once) and the compose
page (preview + problems) p50 / p95.

    python bench/bench_compose.py [--issues 60] [--processes 4] [--requests 30]

A fresh ``CONGVAN_HOME`` (SQLite; ``CONGVAN_DATABASE_URL`` for another database). An issue is
the whole transaction of ``congvan.compose.services.issue``: number from the outgoing register,
DOCX render, text extraction, registry store and index, register line, frozen version. The
number is held from the start of that transaction to its end, so issues from several processes
run one after another: the figure with several processes is the department's ceiling.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))]


def setup(home: str | None = None) -> None:
    if home:
        os.environ["CONGVAN_HOME"] = home
    os.environ["DJANGO_SETTINGS_MODULE"] = "congvan.site.settings"
    import django

    django.setup()


def approved(count: int) -> list[int]:
    from tests.compose.builders import draft_record
    from tests.tracking.builders import make_user

    from congvan.compose import services

    officer, leader = make_user("officer", "officer"), make_user("leader", "leader")
    make_user("clerk", "clerk")
    ids = []
    for i in range(count):
        dispatch = services.create(draft_record(subject=f"văn bản đo số {i}"), by=officer)
        services.sign(dispatch, by=leader)
        ids.append(dispatch.pk)
    return ids


def worker(ids: list[int]) -> None:
    """``--worker ID…``: issue those dispatches, print the seconds it took."""
    from django.contrib.auth import get_user_model

    from congvan.compose import services

    clerk = get_user_model().objects.get(username="clerk")
    start = time.perf_counter()
    for pk in ids:
        services.issue(pk, by=clerk)
    print(time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=60)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--worker", nargs="*", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        setup()
        worker(args.worker)
        return
    home = tempfile.mkdtemp(prefix="congvan-bench-compose-")
    try:
        setup(home)
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment

        setup_test_environment()
        call_command("migrate", verbosity=0)
        from django.contrib.auth import get_user_model

        from congvan.compose import services

        ids = approved(args.issues * 2)
        clerk = get_user_model().objects.get(username="clerk")
        start = time.perf_counter()
        for pk in ids[: args.issues]:
            services.issue(pk, by=clerk)
        one = args.issues / (time.perf_counter() - start)
        print(f"issue, 1 process: {one:.1f} dispatches/s")

        rest = ids[args.issues :]
        start = time.perf_counter()
        procs = [
            subprocess.Popen(
                [sys.executable, __file__, "--worker", *map(str, rest[w :: args.processes])],
                env={**os.environ, "CONGVAN_HOME": home},
                stdout=subprocess.PIPE,
                text=True,
            )
            for w in range(args.processes)
        ]
        for p in procs:
            p.communicate()
        many = len(rest) / (time.perf_counter() - start)
        print(f"issue, {args.processes} processes at once: {many:.1f} dispatches/s in all")

        officer = get_user_model().objects.get(username="officer")
        client = Client()
        client.force_login(officer)
        draft = services.create(services.defaults(officer), by=officer)
        pages = {
            "compose form": f"/soan-thao/{draft.pk}/sua/",
            "dispatch page": f"/soan-thao/{ids[0]}/",
        }
        for name, url in pages.items():
            times = []
            for _ in range(args.requests):
                t = time.perf_counter()
                assert client.get(url).status_code == 200
                times.append((time.perf_counter() - t) * 1000)
            print(
                f"{name}: p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 95):.1f} ms"
            )
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
