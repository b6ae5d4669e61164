"""SIGKILL at random points of a bulk ingest and of issuance: after every kill the database
holds whole documents only (each with its file and one register number, the numbers without
a gap or a repeat), nothing committed before is lost, and a restart finishes the job.

The kill points come from a seeded random generator (``CONGVAN_KILL_SEED`` to choose another);
every wait is bounded, so a round never hangs the suite.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from tests.hardening.helpers import ROOT, env_for, query, run, sha256, write_corpus

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

ROUNDS = 6
SEED = int(os.environ.get("CONGVAN_KILL_SEED", "20261123"))


def _worker(home, *argv) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.hardening.kill_worker", *argv],
        cwd=ROOT,
        env=env_for(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_after(process: subprocess.Popen, seconds: float) -> tuple[bool, str]:
    """SIGKILL ``process`` ``seconds`` after it says ``ready``, unless it ended before; (killed,
    what it printed)."""
    first = process.stdout.readline()  # "ready", or "" should it end first
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.01)
    killed = process.poll() is None
    if killed:
        process.send_signal(signal.SIGKILL)
    out, err = process.communicate(timeout=30)
    if not killed:
        assert process.returncode == 0, err
    assert first.strip() == "ready", err
    return killed, out


def _stored(home) -> int:
    try:
        return query(home, "SELECT COUNT(*) FROM registry_document")[0][0]
    except Exception:  # busy or not there yet: ask again
        return -1


def _kill_when_stored(process, home, at_least: int, then: float) -> bool:
    """SIGKILL ``process`` ``then`` seconds after ``at_least`` documents are committed (a point
    in the middle of the work, whatever the machine's speed), unless it ends first."""
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if _stored(home) >= at_least:
            time.sleep(then)
            break
        time.sleep(0.005)
    killed = process.poll() is None
    if killed:
        process.send_signal(signal.SIGKILL)
    _, err = process.communicate(timeout=30)
    if not killed:
        assert process.returncode == 0, err
    return killed


def _registered(home) -> dict[str, int]:
    """sha256 → incoming register number, checking every document is whole."""
    rows = query(
        home,
        "SELECT d.sha256, e.number, e.year FROM registry_document d"
        " LEFT JOIN registry_entry e ON e.document_id = d.id",
    )
    shas = [sha for sha, _, _ in rows]
    assert len(shas) == len(set(shas)), "a document stored twice"
    assert all(n is not None for _, n, _ in rows), "a document without its register number"
    numbers = sorted(n for _, n, _ in rows)
    assert numbers == list(range(1, len(numbers) + 1)), f"numbers with a gap or a repeat: {numbers}"
    for sha, _, _ in rows:
        assert sha256(home / "files" / sha[:2] / sha[2:4] / sha) == sha, "a file missing or torn"
    counters = query(home, "SELECT last FROM registry_counter")
    assert [c for (c,) in counters] == ([len(numbers)] if numbers else [0] * len(counters))
    return {sha: n for sha, n, _ in rows}


def test_bulk_ingest_survives_sigkill(tmp_path):
    rng = random.Random(SEED)
    home, corpus = tmp_path / "home", tmp_path / "corpus"
    paths = write_corpus(corpus, 80, seed=3)
    expected = {sha256(p) for p in paths}
    assert run(home, "audit", "head").returncode == 0  # the schema, before the clock starts
    seen: dict[str, int] = {}
    kills = partial = 0  # a round may end before its kill on a fast machine: counted only
    for n in range(ROUNDS):
        process = _worker(home, "ingest", "3", str(corpus))
        if n % 2 == 0:  # at a random moment after start-up (reading, parsing or committing)
            killed, _ = _kill_after(process, rng.uniform(0.0, 1.0))
        else:  # a random moment once more documents have been committed
            more = len(seen) + rng.randint(1, max(1, (len(expected) - len(seen)) // 2))
            killed = _kill_when_stored(process, home, more, rng.uniform(0.0, 0.05))
        kills += killed
        now = _registered(home)
        partial += 0 < len(now) < len(expected)
        assert now.items() >= seen.items(), "a committed document lost or renumbered"
        assert set(now) <= expected
        seen = now
    process = _worker(home, "ingest", "3", str(corpus))
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    final = _registered(home)
    assert set(final) == expected and final.items() >= seen.items()
    print(
        f"ingest: {kills} of {ROUNDS} rounds killed ({partial} with part of the corpus stored),"
        f" {len(final)} documents, none lost or doubled"
    )
    verified = run(home, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def _issued(home) -> list[int]:
    rows = query(
        home,
        "SELECT v.register_number, e.number, d.number FROM compose_version v"
        " JOIN registry_document d ON d.id = v.document_id"
        " JOIN registry_entry e ON e.document_id = d.id",
    )
    for register_number, entry_number, printed in rows:
        assert register_number == entry_number == int(printed)
    numbers = sorted(n for n, _, _ in rows)
    assert numbers == list(range(1, len(numbers) + 1)), f"numbers with a gap or a repeat: {numbers}"
    issued = query(home, "SELECT COUNT(*) FROM compose_dispatch WHERE status = 'issued'")[0][0]
    assert issued == len(numbers), "a dispatch marked issued without its version, or the reverse"
    counters = query(home, "SELECT last FROM registry_counter WHERE year = 2031")
    assert [c for (c,) in counters] == ([len(numbers)] if numbers else [0] * len(counters))
    return numbers


def test_issuing_numbers_survives_sigkill(tmp_path):
    rng = random.Random(SEED + 1)
    home = tmp_path / "home"
    assert run(home, "audit", "head").returncode == 0
    committed: set[int] = set()
    kills = 0
    target = 24
    for _ in range(ROUNDS):
        process = _worker(home, "issue", str(target))
        killed, out = _kill_after(process, rng.uniform(0.0, 1.5))
        committed |= {int(line) for line in out.split()}
        kills += killed
        numbers = _issued(home)
        assert committed <= set(numbers), "an issuance reported as done was lost"
    process = _worker(home, "issue", str(target))
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert _issued(home) == list(range(1, target + 1))
    print(f"issue: {kills} of {ROUNDS} rounds killed, {target} numbers, none lost or repeated")
    verified = run(home, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
