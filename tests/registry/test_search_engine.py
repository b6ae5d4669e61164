"""The embedded engine (Tantivy): written after commit from the outbox, rebuilt from the
database, tiers (words side by side first), phrases through pair tokens, filters in the engine.

The semantics every backend shares are in ``test_search``; these are the embedded engine's own.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.db import transaction

from congvan.registry.models import Document, SearchChange
from congvan.registry.registers import enter
from congvan.registry.search import Filters, rebuild, remove_document, search
from congvan.registry.search._tantivy import TantivyBackend

from .factories import make_record


@pytest.fixture(autouse=True)
def tantivy_backend(settings):
    settings.CONGVAN_SEARCH_BACKEND = "tantivy"


def ids(results):
    return [hit.document.pk for hit in results.hits]


def indexed_count() -> int:
    backend = TantivyBackend.for_settings()
    return backend._searcher().num_docs


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_index_is_written_once_the_document_commits(store):
    with transaction.atomic():
        document = store(subject="phòng chống lừa đảo")
        assert SearchChange.objects.filter(document_id=document.pk).exists()
    # committed: the change went to the index and left the outbox
    assert not SearchChange.objects.exists()
    assert indexed_count() == 1
    assert ids(search("lua dao")) == [document.pk]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_document_never_reaches_the_index(store):
    with pytest.raises(RuntimeError), transaction.atomic():
        store(subject="phòng chống lừa đảo")
        raise RuntimeError("the clerk cancels")
    assert not Document.objects.exists() and not SearchChange.objects.exists()
    assert search("lua dao").total == 0
    assert indexed_count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_busy_index_catches_up_at_the_next_search(store):
    backend = TantivyBackend.for_settings()
    backend._open()
    other = backend.index.writer(15_000_000, 1)  # another process is writing
    try:
        document = store(subject="phòng chống lừa đảo")
        assert SearchChange.objects.filter(document_id=document.pk).exists()
    finally:
        other.wait_merging_threads()
    assert ids(search("lua dao")) == [document.pk]
    assert not SearchChange.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lost_index_is_rebuilt_from_the_database(store, search_index):
    documents = [store(subject=f"tuyên truyền đợt {i}") for i in range(3)]
    assert search("tuyen truyen").total == 3
    TantivyBackend.for_settings().index = None
    shutil.rmtree(search_index)
    assert sorted(ids(search("tuyen truyen"))) == sorted(d.pk for d in documents)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reindex_gives_the_same_results(store):
    for i in range(5):
        store(subject=f"phòng chống dịch bệnh {i}", text="Tăng cường phòng chống dịch.")
    before = search("phong chong dich")
    assert rebuild() == 5
    after = search("phong chong dich")
    assert after.total == before.total == 5
    # the same documents with the same scores (equal scores in any order)
    assert sorted((h.score, h.document.pk) for h in after.hits) == sorted(
        (h.score, h.document.pk) for h in before.hits
    )


def test_removed_documents_are_no_longer_found(store):
    kept = store(subject="lừa đảo qua mạng")
    gone = store(subject="lừa đảo qua điện thoại")
    assert search("lua dao").total == 2
    remove_document(gone)
    gone.delete()
    results = search("lua dao")
    assert ids(results) == [kept.pk] and results.total == 1


def test_a_register_entry_updates_the_register_filter(store):
    document = store(subject="lừa đảo qua mạng")
    assert search("lua dao", Filters(register="incoming")).total == 0
    enter(document, "incoming", dt.date(2020, 8, 3))
    assert ids(search("lua dao", Filters(register="incoming"))) == [document.pk]


def test_words_side_by_side_rank_above_words_apart(store):
    apart = store(
        subject="cảnh giác",
        text="Bị lừa nhiều lần, lừa gạt trên mạng; đảo ngược tình thế ở đảo xa, đảo lại.",
    )
    together = store(subject="công tác văn thư", text="Phòng ngừa lừa đảo." + " x" * 80)
    results = search("lua dao")
    assert ids(results) == [together.pk, apart.pk] and results.total == 2


def test_paging_runs_across_the_tiers(store):
    together = [store(subject=f"phòng chống lừa đảo {i}") for i in range(3)]
    apart = [store(subject=f"lừa người, đảo ngược {i}") for i in range(3)]
    pages = [search("lua dao", limit=2, offset=k) for k in (0, 2, 4)]
    assert all(p.total == 6 for p in pages)
    found = [pk for p in pages for pk in ids(p)]
    assert sorted(found) == sorted(d.pk for d in together + apart)
    assert set(found[:3]) == {d.pk for d in together}


def test_a_three_word_phrase_needs_the_three_words_in_a_row(store):
    in_a_row = store(subject="về phòng chống tham nhũng")
    pieces = store(subject="phòng chống dịch; chống tham ô", text="phòng chống; chống tham")
    assert ids(search('"phong chong tham"')) == [in_a_row.pk]
    assert set(ids(search("phong chong tham"))) == {in_a_row.pk, pieces.pk}


def test_a_phrase_is_found_past_better_ranked_documents_holding_its_pairs_apart(store, monkeypatch):
    from congvan.registry.search import _tantivy

    monkeypatch.setattr(_tantivy, "PHRASE_CANDIDATES", 1)  # 1 × 2 + 10 = 12 looked at first
    apart = [
        store(subject=f"phòng chống dịch {i}; chống tham ô", text="phòng chống; chống tham")
        for i in range(15)
    ]
    in_a_row = [store(text=f"Về phòng chống tham nhũng, đợt {i}." + " x" * 200) for i in range(2)]
    found = search('"phong chong tham"', limit=1)
    assert ids(found) and ids(found)[0] in {d.pk for d in in_a_row} and found.total == 2
    pages = [ids(search('"phong chong tham"', limit=1, offset=k)) for k in (0, 1, 2)]
    assert sorted(pages[0] + pages[1]) == sorted(d.pk for d in in_a_row) and pages[2] == []
    assert len(apart) == 15 and search("phong chong tham").total == 17


def test_a_common_query_on_a_large_index_has_its_total_estimated(store, monkeypatch):
    from congvan.registry.search import _tantivy

    monkeypatch.setattr(_tantivy, "ESTIMATE_FROM_DOCS", 20)
    monkeypatch.setattr(_tantivy, "ESTIMATE_SHARE", 0.5)
    monkeypatch.setattr(_tantivy, "ESTIMATE_MIN_MATCHES", 4)
    old = [store(subject=f"phòng chống lừa đảo {i}") for i in range(10)]
    new = [store(subject=f"lừa đảo qua mạng {i}") for i in range(10)]
    rare = store(subject="an toàn thông tin")
    common = search("lua dao", limit=5)
    assert not common.total_known and common.has_next
    # the newest half by id (the 11th document to the 21st) holds 10 of them: 10 / (11 / 21)
    assert common.total == 19 and len(old + new) == 20
    assert len(ids(common)) == 5
    # a query the newest half holds too few of is counted
    exact = search("an toan", limit=5)
    assert exact.total_known and exact.total == 1 and ids(exact) == [rare.pk]
    assert search("phong chong", limit=5).total_known  # 10 matches, all among the oldest half


def test_filters_inside_the_engine_match_the_database(store):
    a = store(
        subject="lừa đảo",
        kind="Kế hoạch",
        issuer="ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        date="2021-03-02",
    )
    b = store(subject="lừa đảo", date="2020-07-17")
    assert ids(search("lua dao", Filters(kind="Kế hoạch"))) == [a.pk]
    assert ids(search("lua dao", Filters(issuer="nhan dan tinh lang"))) == [a.pk]
    assert ids(search("lua dao", Filters(issuer="không có cơ quan này"))) == []
    assert ids(search("lua dao", Filters(year=2020))) == [b.pk]
    window = Filters(date_from=dt.date(2021, 1, 1), date_to=dt.date(2021, 12, 31))
    assert ids(search("lua dao", window)) == [a.pk]


def test_codes_are_looked_up_by_key_and_excluded_from_the_ranked_rest(store):
    directive = store(kind="Chỉ thị", number="21", notation="CT-TTg", subject="lừa đảo")
    citing = store(subject="thực hiện Chỉ thị 21/CT-TTg", text="Thực hiện Chỉ thị số 21/CT-TTg.")
    results = search("21/CT-TTg")
    assert ids(results) == [directive.pk, citing.pk] and results.total == 2


def test_the_index_lives_under_the_configured_folder(store, search_index):
    store(subject="lừa đảo")
    search("lua dao")
    assert TantivyBackend.for_settings().path == Path(search_index)
    assert (TantivyBackend.for_settings().path / "meta.json").exists()


def test_storing_records_the_change_in_the_same_transaction(db):
    from congvan.registry.ingest import store_document

    record = make_record(subject="lừa đảo")
    document, _ = store_document(record, text="")
    assert list(SearchChange.objects.values_list("document_id", flat=True)) == [document.pk]
