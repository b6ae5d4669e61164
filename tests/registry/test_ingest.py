"""``ingest_file`` and ``congvan ingest``: idempotent, one transaction per document."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("congvan.document.parse")
pytest.importorskip("congvan.document.extract")

from django.db import IntegrityError

from congvan.commands import ingest as ingest_command
from congvan.document.errors import ParseError
from congvan.document.model import Issuer
from congvan.registry.errors import NumberingConflict
from congvan.registry.ingest import Outcome, ingest_file
from congvan.registry.models import Citation, Counter, Document, Entry
from congvan.registry.search import search

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def snapshot():
    return (
        sorted(Document.objects.values_list("pk", "sha256", "number", "notation")),
        sorted(Entry.objects.values_list("pk", "number", "year")),
        sorted(Citation.objects.values_list("pk", "code_key", "target_id")),
        sorted(Counter.objects.values_list("pk", "last")),
        search("tuyen truyen").total,
    )


def cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    ingest_command.add_arguments(parser)
    return ingest_command.run(parser.parse_args(list(argv)))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ingesting_twice_changes_nothing(seeds, capsys):
    assert cli(str(seeds), "--register", "incoming", "--date", "2020-08-03") == 0
    first = snapshot()
    assert len(first[0]) == 3 and len(first[1]) == 3
    assert cli(str(seeds), "--register", "incoming", "--date", "2020-08-04") == 0
    assert snapshot() == first
    err = capsys.readouterr().err
    assert "0 mới, 3 đã có, 0 lỗi" in err


@pytest.mark.django_db
def test_incoming_register_gives_numbers_from_01_and_the_arrival_date(seeds):
    outcomes = [
        ingest_file(p, register="incoming", entered_on=dt.date(2020, 8, 3))
        for p in sorted(seeds.iterdir())
    ]
    assert [o.entry.display_number for o in outcomes] == ["01", "02", "03"]
    assert {o.entry.entered_on for o in outcomes} == {dt.date(2020, 8, 3)}
    doc = outcomes[1].document
    assert doc.code == "498/STTTT-TTBCBC" and doc.sha256 and doc.text
    assert doc.file_path.read_bytes() == (seeds / doc.original_name).read_bytes()


@pytest.mark.django_db
def test_seed_dispatches_are_found_by_code_and_by_folded_words(seeds):
    for path in sorted(seeds.iterdir()):
        ingest_file(path)
    assert search("498/STTTT-TTBCBC").hits[0].exact
    # the three seeds all carry out or mention Chỉ thị 21 / fight fraud
    assert search("21/CT-TTg").total == 2
    assert search("lua dao").total == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bad_files_get_one_line_each_and_the_batch_goes_on(seeds, capsys):
    (seeds / "hong.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (seeds / "anh.xyz").write_bytes(b"\x00\x01")
    missing = seeds / "khong-co.txt"
    assert cli(str(seeds), str(missing)) == 1
    err = capsys.readouterr().err
    error_lines = [line for line in err.splitlines() if line.startswith("lỗi: ")]
    assert len(error_lines) == 3
    assert any("hong.pdf" in line for line in error_lines)
    assert any("khong-co.txt" in line for line in error_lines)
    assert "3 mới, 0 đã có, 3 lỗi" in err
    assert Document.objects.count() == 3


def _ingest_all(*paths, **options):
    from congvan.registry.ingest import ingest_paths

    return list(ingest_paths([str(p) for p in paths], **options))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("workers", [1, 2])
def test_batch_ingest_stores_each_once_and_refuses_a_clash_alone(seeds, workers):
    originals = sorted(seeds.iterdir())
    # the same bytes under another name, and another text with the same số + ký hiệu + year
    shutil.copy(originals[0], seeds / "z-copy.txt")
    clash = originals[1].read_text(encoding="utf-8") + "\nMột dòng thêm.\n"
    (seeds / "z-clash.txt").write_text(clash, encoding="utf-8")
    results = dict(_ingest_all(seeds, workers=workers, register="incoming"))
    assert Document.objects.count() == 3
    copy, refused = results[seeds / "z-copy.txt"], results[seeds / "z-clash.txt"]
    assert not copy.created and copy.document == results[originals[0]].document
    assert isinstance(refused, NumberingConflict) and "z-clash.txt" in str(refused)
    # each document once in the register, numbered 01, 02, 03 in the order of the files
    assert sorted(Entry.objects.values_list("number", flat=True)) == [1, 2, 3]
    assert search("lua dao").total == 2
    # and again: nothing changes
    before = snapshot()
    again = _ingest_all(seeds, workers=workers, register="incoming")
    assert snapshot() == before
    assert sum(1 for _, o in again if isinstance(o, Outcome) and not o.created) == 4


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_batch_that_the_database_refuses_is_stored_one_by_one(seeds, monkeypatch):
    from congvan.registry import ingest

    def refuse(*args, **kwargs):
        raise IntegrityError("another process stored a clash meanwhile")

    monkeypatch.setattr(ingest, "_store_bulk", refuse)
    results = _ingest_all(seeds, workers=1)
    assert all(isinstance(o, Outcome) and o.created for _, o in results)
    assert Document.objects.count() == 3 and search("lua dao").total == 2


def _stored():
    """Every stored value by SHA-256, ids and times aside: the row, its citations, its entry."""
    fields = [
        f.attname for f in Document._meta.concrete_fields if f.attname not in ("id", "created_at")
    ]
    return {
        d.sha256: (
            {f: getattr(d, f) for f in fields},
            sorted(
                (c.position, c.code_key, c.year, c.target and c.target.sha256, c.to_reference())
                for c in d.citations.select_related("target")
            ),
            [(e.register.direction, e.year, e.number, e.entered_on) for e in d.entries.all()],
        )
        for d in Document.objects.all()
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_bulk_path_stores_what_storing_one_by_one_stores(seeds, monkeypatch):
    from congvan.registry import ingest

    def refuse(*args, **kwargs):
        raise IntegrityError("one by one")

    options = dict(workers=2, register="incoming", entered_on=dt.date(2020, 8, 3))
    bulk = ingest._store_bulk
    monkeypatch.setattr(ingest, "_store_bulk", refuse)
    _ingest_all(seeds, **options)
    one_by_one = _stored()
    assert len(one_by_one) == 3 and any(c for _, c, _ in one_by_one.values())
    Document.objects.all().delete()
    Counter.objects.all().delete()
    monkeypatch.setattr(ingest, "_store_bulk", bulk)
    _ingest_all(seeds, **options)
    assert _stored() == one_by_one


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_that_dies_fails_only_the_file_it_died_on(seeds, monkeypatch):
    from congvan.registry import ingest

    prepare = ingest.prepare

    def crashing(path):
        if Path(path).name == "crash.txt":
            os._exit(3)  # as a reader's crash (a segfault, the OOM killer) ends the process
        return prepare(path)

    monkeypatch.setattr(ingest, "prepare", crashing)
    (seeds / "crash.txt").write_text("Số: 1/UBND\n", encoding="utf-8")
    results = dict(_ingest_all(seeds, workers=2))
    crashed = results.pop(seeds / "crash.txt")
    assert isinstance(crashed, ParseError) and "mã 3" in str(crashed)
    assert all(isinstance(o, Outcome) and o.created for o in results.values())
    assert len(results) == 3 and Document.objects.count() == 3


@pytest.mark.django_db
def test_one_office_name_under_two_parents_numbers_two_series(store):
    # every province has a Sở Khoa học và Công nghệ numbering its own …/SKHCN-… series
    first = store(
        issuer=Issuer(name="SỞ KHOA HỌC VÀ CÔNG NGHỆ", parent="UBND TỈNH NAM ĐỊNH"),
        number="2394",
        notation="SKHCN-QLKH",
        date="2022-10-19",
    )
    second = store(
        issuer=Issuer(name="SỞ KHOA HỌC VÀ CÔNG NGHỆ", parent="UBND TỈNH SÓC TRĂNG"),
        number="2394",
        notation="SKHCN-QLKH",
        date="2022-10-19",
    )
    assert first.pk != second.pk
    with pytest.raises(NumberingConflict):  # the same parent, however it is spelled
        store(
            issuer=Issuer(name="SỞ KHOA HỌC VÀ CÔNG NGHỆ", parent="ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH"),
            number="2394",
            notation="SKHCN-QLKH",
            date="2022-10-19",
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_batch_refused_after_its_rows_were_written_is_stored_one_by_one(seeds, monkeypatch):
    from congvan.registry import ingest

    def refuse(*args, **kwargs):  # after the bulk insert numbered the prepared rows
        raise IntegrityError("refused late")

    monkeypatch.setattr(ingest, "link_waiting_many", refuse)
    results = _ingest_all(seeds, workers=1, register="incoming")
    assert all(isinstance(o, Outcome) and o.created for _, o in results)
    stored = {d.pk: d.sha256 for d in Document.objects.all()}
    assert {o.document.pk: o.document.sha256 for _, o in results} == stored
    assert len(stored) == 3 and Entry.objects.count() == 3 and search("lua dao").total == 2


def test_a_prepared_file_carries_what_storing_needs_only(seeds, settings):
    import pickle

    from congvan.registry.ingest import prepare
    from congvan.registry.search._tantivy import text_fields

    settings.CONGVAN_SEARCH_BACKEND = "tantivy"
    path = sorted(seeds.iterdir())[1]
    prepared = prepare(path)
    assert not prepared.error and prepared.document.text
    assert not hasattr(prepared, "record") and not hasattr(prepared, "text")
    again = pickle.loads(pickle.dumps(prepared))
    assert again.document.text == prepared.document.text and len(again.row) == len(prepared.row)
    # the pairs made in the worker are the pairs the engine makes of the folded text
    entry = prepared.entry
    made = text_fields(entry)
    entry.engine_fields = None
    assert made == text_fields(entry)
    assert "phong_chong" in made["pairs"] and "lua_dao" in made["pairs"]
