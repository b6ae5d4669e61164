"""Search: folding (diacritics, tone placement, đ), phrases, filters, codes, ranking, snippets."""

from __future__ import annotations

import datetime as dt

import pytest

from congvan.document.vntext import fold
from congvan.registry.search import Filters, parse_query, search


@pytest.fixture(autouse=True)
def _every_backend(search_backend):
    """Every test here runs on each backend: they must find the same documents."""


def ids(results):
    return [hit.document.pk for hit in results.hits]


@pytest.fixture
def corpus(store):
    docs = {
        "lua_dao": store(
            subject="phòng ngừa hoạt động lừa đảo chiếm đoạt tài sản",
            text="Tăng cường phòng ngừa, xử lý hoạt động lừa đảo chiếm đoạt tài sản.",
            date="2020-07-17",
        ),
        "hoa_old": store(
            subject="Cộng hòa xã hội",
            text="Văn hóa và Thông tin các huyện; hòa giải ở cơ sở.",
            kind="Kế hoạch",
            notation="KH-UBND",
            issuer="ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
            date="2021-03-02",
        ),
        "hoa_new": store(
            subject="hoà giải ở cơ sở",
            text="Công tác hoà giải ở cơ sở năm 2021.",
            date="2021-05-09",
        ),
        "dai": store(
            subject="phát sóng chương trình",
            text="Đề nghị Đài Phát thanh và Truyền hình tỉnh phát sóng.",
            date="2020-06-01",
        ),
        "apart": store(
            subject="cảnh giác",
            text="Người dân bị lừa qua mạng; đảo ngược tình thế.",
            date="2020-08-01",
        ),
    }
    return docs


def test_words_without_diacritics_find_them(corpus):
    found = ids(search("lua dao"))
    assert corpus["lua_dao"].pk in found
    assert corpus["dai"].pk not in found


def test_both_tone_placements_are_found(corpus):
    found = ids(search("hoa giai"))
    assert {corpus["hoa_old"].pk, corpus["hoa_new"].pk} <= set(found)
    assert set(ids(search("hòa giải"))) == set(ids(search("hoà giải"))) == set(found)


def test_d_with_stroke_folds_to_d(corpus):
    assert ids(search("dai phat thanh")) == [corpus["dai"].pk]
    assert ids(search("ĐÀI")) == [corpus["dai"].pk]


def test_every_word_must_occur_but_not_together(corpus):
    found = set(ids(search("lua dao")))
    assert found == {corpus["lua_dao"].pk, corpus["apart"].pk}


def test_phrase_in_quotes_needs_the_words_together(corpus):
    assert ids(search('"lua dao"')) == [corpus["lua_dao"].pk]


def test_no_match_is_empty(corpus):
    results = search("khongcotu")
    assert results.hits == [] and results.total == 0


def test_filters_kind_issuer_year_dates(corpus):
    assert ids(search("hoa giai", Filters(kind="Kế hoạch"))) == [corpus["hoa_old"].pk]
    assert ids(search("hoa", Filters(issuer="uy ban nhan dan"))) == [corpus["hoa_old"].pk]
    assert set(ids(search("", Filters(year=2021)))) == {corpus["hoa_old"].pk, corpus["hoa_new"].pk}
    window = Filters(date_from=dt.date(2020, 6, 15), date_to=dt.date(2020, 7, 31))
    assert ids(search("", window)) == [corpus["lua_dao"].pk]


def test_register_filter(corpus, store):
    incoming = store(subject="lừa đảo qua mạng", register="incoming")
    assert ids(search("lua dao", Filters(register="incoming"))) == [incoming.pk]
    assert incoming.pk not in ids(search("lua dao", Filters(register="outgoing")))


def test_list_without_words_is_newest_first_within_the_filters(corpus, store):
    newest_first = ["hoa_new", "hoa_old", "apart", "lua_dao", "dai"]
    listed = search("")
    assert ids(listed) == [corpus[name].pk for name in newest_first]
    assert listed.total == 5 and not listed.has_next
    assert ids(search("", Filters(issuer="nhan dan tinh lang"))) == [corpus["hoa_old"].pk]
    assert ids(search("", Filters(kind="Kế hoạch", year=2021))) == [corpus["hoa_old"].pk]
    second_page = search("", limit=2, offset=2)
    assert ids(second_page) == [corpus["apart"].pk, corpus["lua_dao"].pk]
    assert second_page.has_next


def test_list_filters_by_register_and_shows_its_numbers(corpus, store):
    incoming = store(subject="lừa đảo qua mạng", register="incoming", date="2019-01-02")
    listed = search("", Filters(register="incoming"))
    assert ids(listed) == [incoming.pk] and listed.total == 1
    assert [e.register.direction for e in listed.hits[0].document.entries.all()] == ["incoming"]
    assert ids(search("", Filters(register="outgoing"))) == []


def test_issuer_filter_finds_an_issuer_stored_after_the_last_list(corpus, store):
    assert ids(search("", Filters(issuer="so y te"))) == []
    health = store(issuer="SỞ Y TẾ", date="2018-01-01")
    assert ids(search("", Filters(issuer="so y te"))) == [health.pk]


def test_head_ranks_above_a_passing_mention(store):
    passing = store(subject="công tác văn thư", text="… và phòng, chống ma túy …" + " x" * 50)
    about = store(
        subject="phòng, chống ma túy năm 2020", text="Tháng hành động phòng chống ma túy."
    )
    assert ids(search("ma tuy"))[:2] == [about.pk, passing.pk]


def test_exact_code_first_then_documents_citing_it(store):
    directive = store(
        kind="Chỉ thị",
        number="21",
        notation="CT-TTg",
        date="2020-05-25",
        issuer="THỦ TƯỚNG CHÍNH PHỦ",
        subject="phòng ngừa lừa đảo",
    )
    plan = store(
        kind="Kế hoạch",
        subject="thực hiện Chỉ thị số 21/CT-TTg",
        text="Thực hiện Chỉ thị số 21/CT-TTg ngày 25/5/2020 của Thủ tướng Chính phủ.",
    )
    store(subject="không liên quan", text="Chỉ thị số 22/CT-TTg")
    results = search("21/CT-TTg")
    assert ids(results) == [directive.pk, plan.pk]
    assert results.hits[0].exact and not results.hits[1].exact
    assert results.total == 2
    # case, diacritics and dashes do not matter in a code
    assert ids(search("21/ct-ttg"))[0] == directive.pk
    assert ids(search("21/CTTTg"))[0] == directive.pk


def test_legal_document_code_with_year(store):
    decree = store(kind="Nghị định", number="30", notation="2020/NĐ-CP", date="2020-03-05")
    assert ids(search("30/2020/ND-CP"))[0] == decree.pk


def test_snippet_highlights_the_original_words(corpus):
    hit = search("lua dao").hits[0]
    marked = [piece for piece, is_match in hit.snippet if is_match]
    assert marked and all(set(fold(p).split()) <= {"lua", "dao"} for p in marked)
    assert "lừa đảo" in marked
    assert "".join(p for p, _ in hit.snippet).startswith("Tăng cường")
    title = [piece for piece, is_match in hit.title if is_match]
    assert title == ["lừa đảo"]


def test_phrase_highlight_marks_only_the_phrase(corpus):
    hit = search('"lua dao"').hits[0]
    assert [p for p, m in hit.snippet if m] == ["lừa đảo"]


def test_paging(store):
    made = [store(subject=f"tuyên truyền số {i}") for i in range(5)]
    first = search("tuyen truyen", limit=2)
    second = search("tuyen truyen", limit=2, offset=2)
    third = search("tuyen truyen", limit=2, offset=4)
    assert first.total == 5 and first.has_next and not third.has_next
    assert sorted(ids(first) + ids(second) + ids(third)) == sorted(d.pk for d in made)


def test_query_parsing():
    q = parse_query('lừa  đảo "Phòng, chống" 21/CT-TTg Đài')
    assert q.terms == ["lua", "dao", "dai"]
    assert q.phrases == [["phong", "chong"], ["21", "ct", "ttg"]]
    assert q.codes == ["21/ctttg"]
    assert parse_query("   ").empty
