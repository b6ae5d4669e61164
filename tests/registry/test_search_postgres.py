"""PostgreSQL's own search: the plan chosen by the probe, the ranked newest candidates, the
estimated total of a common query, phrases found through the pair lexemes."""

from __future__ import annotations

import pytest
from django.db import connection

from congvan.registry.search import Filters, search
from congvan.registry.search import _postgres as pg


@pytest.fixture(autouse=True)
def _postgresql(db, settings):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (CONGVAN_TEST_DATABASE_URL)")
    settings.CONGVAN_SEARCH_BACKEND = "postgresql"


def ids(results):
    return [hit.document.pk for hit in results.hits]


def _refuse(*args):
    raise AssertionError("the other plan was expected")


@pytest.fixture
def common(store):
    """30 dispatches that all speak of lừa đảo, one a day; the 10th names it in its subject."""
    docs = [
        store(
            subject="lừa đảo qua mạng" if i == 10 else f"công tác tháng {i}",
            text="Phòng, chống lừa đảo chiếm đoạt tài sản.",
            date=f"2020-07-{i:02d}",
        )
        for i in range(1, 31)
    ]
    return docs


def test_a_common_query_is_walked_and_its_total_estimated(common, monkeypatch):
    monkeypatch.setattr(pg, "CANDIDATES", 5)
    monkeypatch.setattr(pg.PostgresBackend, "_matches_by_index", _refuse)
    first = search("lua dao", limit=10)
    assert not first.total_known and first.total == 30 and first.has_next
    # the newest five ranked (none names it in its subject), then older ones newest first
    newest_first = [d.pk for d in reversed(common)]
    assert ids(first) == newest_first[:10]
    second = search("lua dao", limit=10, offset=10)
    third = search("lua dao", limit=10, offset=20)
    assert ids(second) == newest_first[10:20] and ids(third) == newest_first[20:]


def test_the_best_of_the_newest_candidates_comes_first(common, monkeypatch):
    monkeypatch.setattr(pg, "CANDIDATES", 25)
    found = ids(search("lua dao", limit=30))
    assert found[0] == common[9].pk  # its subject names it: the head weighs more
    assert sorted(found) == sorted(d.pk for d in common)


def test_a_query_matched_to_the_end_has_an_exact_total(common):
    results = search("lua dao", limit=50)  # 30 matches, fewer than the candidates wanted
    assert results.total_known and results.total == 30 and not results.has_next


def test_a_rare_query_uses_the_index_and_counts_exactly(common, store, monkeypatch):
    rare = store(subject="an toàn thông tin mạng", text="Bảo đảm an toàn hệ thống.")
    monkeypatch.setattr(pg.PostgresBackend, "_newest_walking", _refuse)
    results = search("he thong")
    assert ids(results) == [rare.pk] and results.total_known and results.total == 1


def test_a_phrase_needs_its_pairs_and_its_order(store):
    together = store(subject="x", text="Tăng cường phòng chống lừa đảo.")
    apart = store(subject="y", text="Lừa người khác; đảo ngược.")
    reversed_ = store(subject="z", text="Đảo lừa.")
    assert ids(search('"lua dao"')) == [together.pk]
    assert {together.pk, apart.pk} <= set(ids(search("lua dao")))
    assert reversed_.pk not in ids(search('"lua dao"'))


def test_pairs_are_indexed_with_the_document(store):
    document = store(subject="phòng chống", text="lừa đảo")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pairs FROM {pg.TABLE} WHERE document_id = %s", [document.pk])
        (pairs,) = cursor.fetchone()
    assert "'phong_chong'" in pairs and "'lua_dao'" in pairs
    assert "'chong_lua'" not in pairs  # no pair across the head and the text


def test_a_longer_phrase_needs_each_of_its_pairs(store):
    both = store(subject="x", text="Tăng cường phòng chống lừa đảo.")
    one = store(subject="y", text="Công tác phòng chống ma túy, lừa đảo.")
    assert ids(search('"phong chong lua"')) == [both.pk]
    assert one.pk in ids(search("phong chong lua"))


def test_a_huge_text_is_indexed_within_the_limits_of_a_tsvector(store):
    # 60,000 different pairs and a token of 3 kB: PostgreSQL refuses a vector of 1 MB or a
    # lexeme of 2 kB; the pairs are cut short under both, the document is stored and found
    words = " ".join(f"tu{i}" for i in range(60_000))
    document = store(subject="văn bản rất dài", text=f"{'x' * 3000} {words}")
    assert ids(search('"tu1 tu2"')) == [document.pk]


def test_filters_apply_on_both_plans(common, store):
    other = store(
        kind="Kế hoạch", subject="kế hoạch", text="Phòng chống lừa đảo.", date="2019-01-01"
    )
    assert ids(search("lua dao", Filters(kind="Kế hoạch"))) == [other.pk]
    assert ids(search("lua dao", Filters(year=2019))) == [other.pk]
    assert len(ids(search("lua dao", Filters(kind="Công văn"), limit=50))) == 30


def test_a_rare_query_lists_equal_matches_newest_issued_first(common, store, monkeypatch):
    monkeypatch.setattr(pg.PostgresBackend, "_newest_walking", _refuse)
    dates = ["2019-03-01", "2021-03-01", "2020-03-01"]
    docs = [store(subject="x", text="An toàn hệ thống.", date=date) for date in dates]
    newest_issued_first = [docs[1].pk, docs[2].pk, docs[0].pk]
    assert ids(search("he thong")) == newest_issued_first
    assert ids(search("he thong", Filters(kind="Công văn"))) == newest_issued_first
