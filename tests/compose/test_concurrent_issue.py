"""100 dispatches issued at once from 4 processes get 100 distinct, consecutive numbers.

Real processes, each with its own database connection, against the test database: a SQLite
file (WAL, ``IMMEDIATE`` transactions) or, with ``CONGVAN_TEST_DATABASE_URL``, PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from congvan.compose import services
from congvan.compose.models import Dispatch, Version
from congvan.registry.models import Document as Stored
from congvan.registry.models import Entry
from tests.compose.builders import draft_record

WORKER = Path(__file__).with_name("issue_worker.py")
ROOT = Path(__file__).resolve().parents[2]
PROCESSES, TOTAL, YEAR = 4, 100, 2033


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return "sqlite:///" + str(Path(s["NAME"]).resolve())
    from urllib.parse import quote

    auth = quote(s["USER"] or "") + (":" + quote(s["PASSWORD"]) if s["PASSWORD"] else "")
    host = (s["HOST"] or "localhost") + (f":{s['PORT']}" if s["PORT"] else "")
    return f"postgresql://{auth}@{host}/{s['NAME']}"


# serialized_rollback, like every transactional test here: its teardown then leaves the database
# as the next one expects (a plain flush would re-run post_migrate and double the role groups)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_100_dispatches_issued_at_once_from_4_processes(tmp_path):
    from congvan.registry.registers import get_register
    from tests.tracking.builders import make_user

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("needs a database file that other processes can open")
    officer, leader = make_user("officer", "officer"), make_user("leader", "leader")
    make_user("clerk", "clerk")
    get_register("outgoing")
    ids = []
    for i in range(TOTAL):
        dispatch = services.create(draft_record(subject=f"văn bản thử số {i}"), by=officer)
        services.sign(dispatch, by=leader)
        ids.append(dispatch.pk)
    go = tmp_path / "go"
    env = {
        **os.environ,
        "CONGVAN_DATABASE_URL": _database_url(),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), str(YEAR), str(go), str(tmp_path / f"r{w}")]
            + [str(pk) for pk in ids[w::PROCESSES]],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for w in range(PROCESSES)
    ]
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"r{w}").exists() for w in range(PROCESSES)):
        assert all(w.poll() is None for w in workers), [w.communicate() for w in workers]
        assert time.monotonic() < deadline
        time.sleep(0.01)
    go.touch()
    outputs = [w.communicate(timeout=600) for w in workers]
    for worker, (_, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
    printed = [[line.split() for line in out.splitlines()] for out, _ in outputs]
    assert [len(p) for p in printed] == [TOTAL // PROCESSES] * PROCESSES
    numbers = [int(number) for lines in printed for _, number in lines]
    assert sorted(numbers) == list(range(1, TOTAL + 1))  # distinct and consecutive
    for lines in printed:  # each process saw its own numbers rise
        mine = [int(number) for _, number in lines]
        assert mine == sorted(mine)
    # as printed: a leading 0 below 10 only
    assert sorted({n for lines in printed for _, n in lines if int(n) < 10}) == [
        f"0{i}" for i in range(1, 10)
    ]
    # and as stored: one version, one registry document and one register line each
    versions = Version.objects.filter(year=YEAR)
    assert sorted(versions.values_list("register_number", flat=True)) == sorted(numbers)
    assert versions.values("dispatch_id").distinct().count() == TOTAL
    assert Dispatch.objects.filter(pk__in=ids, status=Dispatch.ISSUED).count() == TOTAL
    entries = Entry.objects.filter(register__direction="outgoing", year=YEAR)
    assert sorted(entries.values_list("number", flat=True)) == list(range(1, TOTAL + 1))
    stored = Stored.objects.filter(year=YEAR, notation="STTTT-TTBCXB")
    assert stored.count() == TOTAL
    assert {int(n) for n in stored.values_list("number", flat=True)} == set(range(1, TOTAL + 1))
    for version in versions.select_related("document"):
        assert version.document.number == version.to_record().number
        assert int(version.document.number) == version.register_number
