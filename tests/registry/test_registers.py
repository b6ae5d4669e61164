"""Registers: per-year numbering from 01, atomic across processes, enforced by the database."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction

from congvan.registry.models import Entry
from congvan.registry.registers import assign_number, enter, get_register

WORKER = Path(__file__).with_name("numbering_worker.py")


def test_numbers_start_at_one_each_year_and_per_register(db):
    incoming, outgoing = get_register("incoming"), get_register("outgoing")
    assert [assign_number(incoming, 2020) for _ in range(3)] == [1, 2, 3]
    assert assign_number(incoming, 2021) == 1
    assert assign_number(outgoing, 2020) == 1
    assert assign_number(incoming, 2020) == 4


def test_enter_once_with_arrival_date_and_two_digit_number(store):
    doc = store()
    entry, created = enter(doc, "incoming", dt.date(2024, 3, 5))
    again, created_again = enter(doc, "incoming", dt.date(2024, 3, 6))
    assert created and not created_again and again.pk == entry.pk
    assert (entry.year, entry.number, entry.display_number) == (2024, 1, "01")
    assert entry.entered_on == dt.date(2024, 3, 5)


def test_a_failed_registration_leaves_no_gap(store):
    register = get_register("incoming")
    with pytest.raises(RuntimeError), transaction.atomic():
        assign_number(register, 2022)
        raise RuntimeError("the document could not be stored")
    assert assign_number(register, 2022) == 1


def test_the_database_refuses_a_number_given_twice(store):
    first, second = store(), store()
    entry, _ = enter(first, "incoming", dt.date(2024, 1, 2))
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(
            register=entry.register,
            document=second,
            year=2024,
            number=entry.number,
            entered_on=dt.date(2024, 1, 2),
        )


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return "sqlite:///" + str(Path(s["NAME"]).resolve())
    from urllib.parse import quote

    auth = quote(s["USER"] or "") + (":" + quote(s["PASSWORD"]) if s["PASSWORD"] else "")
    host = (s["HOST"] or "localhost") + (f":{s['PORT']}" if s["PORT"] else "")
    return f"postgresql://{auth}@{host}/{s['NAME']}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_processes_numbering_at_once_never_collide(tmp_path):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("needs a database file that other processes can open")
    get_register("incoming")  # both workers find it
    go = tmp_path / "go"
    env = {**os.environ, "CONGVAN_DATABASE_URL": _database_url()}
    per_worker = 40
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                str(per_worker),
                "2030",
                str(go),
                str(tmp_path / f"r{i}"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for i in range(2)
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"r{i}").exists() for i in range(2)):
        assert time.monotonic() < deadline and all(w.poll() is None for w in workers)
        time.sleep(0.01)
    go.touch()
    outputs = [w.communicate(timeout=120) for w in workers]
    for w, (_, err) in zip(workers, outputs, strict=True):
        assert w.returncode == 0, err
    numbers = [[int(line) for line in out.split()] for out, _ in outputs]
    assert all(len(n) == per_worker for n in numbers)
    assert sorted(numbers[0] + numbers[1]) == list(range(1, 2 * per_worker + 1))
    # each process saw its own numbers rise
    assert all(n == sorted(n) for n in numbers)
