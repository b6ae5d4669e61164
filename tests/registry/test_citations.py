"""The citation graph: cites / cited by, and citations that wait for their document."""

from __future__ import annotations

from congvan.document.model import Reference
from congvan.registry.citations import cited_by, cites

DIRECTIVE = {"kind": "Chỉ thị", "number": "21", "notation": "CT-TTg", "date": "2020-05-25"}
REF = Reference(
    kind="Chỉ thị", number="21", notation="CT-TTg", date="2020-05-25", issuer="Thủ tướng Chính phủ"
)


def test_cited_document_first_then_the_citing_one(store):
    directive = store(issuer="THỦ TƯỚNG CHÍNH PHỦ", **DIRECTIVE)
    plan = store(kind="Kế hoạch", notation="KH-UBND", references=[REF])
    assert [c.target for c in cites(plan)] == [directive]
    assert list(cited_by(directive)) == [plan]


def test_citing_document_first_then_the_cited_one_links_itself(store):
    plan = store(kind="Kế hoạch", notation="KH-UBND", references=[REF])
    dispatch = store(notation="STTTT-TTBCXB", references=[REF])
    [waiting] = cites(plan)
    assert waiting.target is None and waiting.code == "21/CT-TTg"
    directive = store(issuer="THỦ TƯỚNG CHÍNH PHỦ", **DIRECTIVE)
    assert [c.target for c in cites(plan)] == [directive]
    assert set(cited_by(directive)) == {plan, dispatch}


def test_citation_matches_code_despite_spelling_and_respects_the_year(store):
    other_year = store(issuer="THỦ TƯỚNG CHÍNH PHỦ", **{**DIRECTIVE, "date": "2019-01-02"})
    plan = store(
        references=[Reference(kind="Chỉ thị", number="21", notation="CT-TTG", date="2020-05-25")]
    )
    assert cites(plan)[0].target is None
    directive = store(issuer="THỦ TƯỚNG CHÍNH PHỦ", **DIRECTIVE)
    assert cites(plan)[0].target == directive
    assert list(cited_by(other_year)) == []


def test_citations_keep_order_and_fields(store):
    refs = [
        REF,
        Reference(
            kind="Kế hoạch", number="112", notation="KH-UBND", date="2020-06-29", issuer="UBND tỉnh"
        ),
    ]
    doc = store(references=refs)
    assert doc.to_record().references == refs


def test_a_document_does_not_cite_itself(store):
    own = Reference(kind="Công văn", number="5", notation="STTTT-VP", date="2020-07-01")
    doc = store(number="5", notation="STTTT-VP", date="2020-07-01", references=[own])
    assert cites(doc)[0].target is None
