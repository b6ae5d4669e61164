"""Run ``congvan`` commands as separate processes against a CONGVAN_HOME of their own."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def env_for(home: Path) -> dict:
    env = dict(os.environ)
    env["CONGVAN_HOME"] = str(home)
    env.pop("CONGVAN_DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def command(home: Path, *argv: str) -> list[str]:
    """The argv of ``congvan ARGV…`` (through the test runner for commands not yet in cli)."""
    return [sys.executable, "-m", "tests.hardening.run_command", *argv]


def run(home: Path, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        command(home, *argv),
        cwd=ROOT,
        env=env_for(home),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def write_corpus(folder: Path, count: int, *, seed: int = 0) -> list[Path]:
    """``count`` distinct dispatches as .txt files (the project's synthetic generator)."""
    from congvan.document.synthetic import generate, to_text

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, doc in enumerate(generate(count, seed=seed)):
        path = folder / f"{i:04d}.txt"
        path.write_text(to_text(doc), encoding="utf-8")
        paths.append(path)
    return paths


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(home: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(f"file:{home / 'congvan.sqlite3'}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()
