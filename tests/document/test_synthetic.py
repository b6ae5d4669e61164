"""The synthetic dispatch generator: determinism, numbering, citations, normalisation, styles."""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections import Counter, defaultdict

import pytest

from congvan.document.decree30 import (
    ADMINISTRATIVE_TYPES,
    LEGAL_TYPES,
    SIGNING_FORMS,
    URGENCY_LEVELS,
)
from congvan.document.model import Document, Issuer, Reference, Signer, Task
from congvan.document.synthetic import STYLES, generate, iter_pairs, to_text

N = 2500


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return list(generate(N, seed=11))


def _flat(text: str) -> str:
    """Text with converter debris removed and whitespace collapsed, for containment checks."""
    text = text.replace("**", "").replace("\\", "")
    return " ".join(text.split())


# -- the stream ----------------------------------------------------------------------------------


def test_same_seed_gives_identical_records():
    a = [d.to_json() for d in generate(400, seed=5)]
    b = [d.to_json() for d in generate(400, seed=5)]
    assert a == b


def test_records_do_not_depend_on_how_many_are_asked_for():
    short = [d.to_json() for d in generate(150, seed=9)]
    long = [d.to_json() for d in itertools.islice(generate(10**9, seed=9), 150)]
    assert short == long


def test_different_seeds_give_different_records():
    a = [d.to_json() for d in generate(50, seed=1)]
    b = [d.to_json() for d in generate(50, seed=2)]
    assert sum(x != y for x, y in zip(a, b, strict=True)) > 45


@pytest.mark.parametrize("count", [0, 1, 37])
def test_count_is_honoured(count):
    assert sum(1 for _ in generate(count, seed=3)) == count


def test_negative_count_is_refused():
    with pytest.raises(ValueError):
        list(generate(-1))


def test_generation_is_lazy():
    stream = generate(10**12, seed=4)
    assert isinstance(next(stream), Document)


def test_records_round_trip_through_json(docs):
    for doc in docs:
        again = Document.from_json(json.loads(json.dumps(doc.to_json(), ensure_ascii=False)))
        assert again == doc


# -- numbering and citations -----------------------------------------------------------------


def _year(doc: Document) -> str:
    assert doc.date
    return doc.date[:4]


def test_numbering_per_issuer_per_year_never_repeats(docs):
    seen = Counter(
        (d.issuer.parent, d.issuer.name, _year(d), d.number, d.notation) for d in docs if d.number
    )
    assert seen, "no numbered documents"
    assert max(seen.values()) == 1


def test_numbers_grow_with_the_date_within_an_issuers_year():
    series = defaultdict(list)
    for d in generate(6000, seed=12):
        if d.number:
            series[(d.issuer.parent, d.issuer.name, _year(d), d.notation)].append(d)
    checked = 0
    for items in series.values():
        items.sort(key=lambda d: int(d.number))
        dates = [d.date for d in items]
        assert dates == sorted(dates)
        checked += len(items) > 1
    assert checked > 20


def test_references_cite_earlier_generated_documents(docs):
    earlier: dict[tuple[str, str], list[str]] = defaultdict(list)
    cited = 0
    for doc in docs:
        for ref in doc.references:
            dates = earlier.get((ref.number, ref.notation))
            assert dates, f"{ref.code} cited before it was generated"
            if ref.date:
                assert ref.date in dates
                if len(doc.date) == 10:
                    assert ref.date < doc.date
                else:  # a draft shows only the month
                    assert ref.date[:7] <= doc.date
            cited += 1
        if doc.number:
            earlier[(doc.number, doc.notation)].append(doc.date)
    assert cited > N // 2


def test_references_are_listed_once_and_never_the_document_itself(docs):
    for doc in docs:
        codes = [r.code for r in doc.references]
        assert len(codes) == len(set(codes))
        if doc.number:
            assert doc.code not in codes


def test_a_citation_in_the_subject_comes_first(docs):
    found = 0
    for doc in docs:
        inside = [r for r in doc.references if f"số {r.code} " in (doc.subject or "")]
        if inside:
            found += 1
            assert doc.references[0] is inside[0]
    assert found > 10


# -- form of the records -----------------------------------------------------------------------

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}$")
_LEGAL = re.compile(r"\d{4}/(NĐ|TT|NQ|QĐ)-[A-ZĐa-z]+$")


def _field_values(doc: Document) -> list[str]:
    """Every value the spec's normalisation applies to (not task texts, which are prose)."""
    values = [
        doc.kind,
        doc.urgency,
        doc.issuer.name,
        doc.issuer.parent,
        doc.number,
        doc.notation,
        doc.place,
        doc.subject,
        *doc.recipients,
        *doc.distribution,
        doc.signer.form,
        doc.signer.authority,
        doc.signer.title,
        doc.signer.name,
    ]
    for r in doc.references:
        values += [r.kind, r.number, r.notation, r.issuer]
    values += [t.addressee for t in doc.tasks]
    return [v for v in values if v is not None]


def test_fields_follow_the_normalisation_rules(docs):
    for doc in docs:
        for value in _field_values(doc):
            assert value == unicodedata.normalize("NFC", value)
            assert value == " ".join(value.split()), value
            assert value, "empty string instead of null"
            assert not value.endswith((";", ".", ",")), value
            assert not value.startswith(("- ", "+ ")), value
        for task in doc.tasks:
            assert task.text == unicodedata.normalize("NFC", task.text)
            assert task.text == " ".join(task.text.split())
            assert not task.text.startswith(("- ", "+ "))


def test_values_are_well_formed(docs):
    kinds = set(ADMINISTRATIVE_TYPES) | set(LEGAL_TYPES)
    for doc in docs:
        assert doc.kind in kinds
        assert doc.urgency in (None, *URGENCY_LEVELS)
        assert doc.signer.form in (None, *SIGNING_FORMS)
        assert doc.issuer.name and doc.issuer.name == doc.issuer.name.upper()
        assert doc.issuer.parent is None or doc.issuer.parent == doc.issuer.parent.upper()
        assert doc.notation and " " not in doc.notation
        if doc.number:
            assert doc.number.isdigit()
            assert _ISO.match(doc.date)
        else:
            assert re.fullmatch(r"\d{4}-\d{2}", doc.date)
        assert "2015" <= doc.date[:4] <= "2026"
        if doc.kind == "Công văn":
            assert doc.notation.split("-")[0] not in ("CV",)
        if doc.number and len(doc.number) < 2:
            pytest.fail(f"number below 10 without its leading zero: {doc.number}")
        assert doc.distribution[-1].startswith("Lưu: VT")
        for task in doc.tasks:
            assert task.deadline is None or re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", task.deadline)
            if task.deadline and doc.number:
                assert task.deadline[:7] >= doc.date[:7]
        for ref in doc.references:
            assert ref.number and ref.notation and ref.kind
            assert ref.date is None or _ISO.match(ref.date)


def test_notations_follow_decree_30(docs):
    for doc in docs:
        if re.match(r"\d{4}/", doc.notation):
            assert _LEGAL.match(doc.notation), doc.notation
            assert doc.notation[:4] == doc.date[:4]
            assert doc.kind in ("Nghị định", "Thông tư", "Nghị quyết", "Quyết định")
        elif doc.kind == "Công văn":
            assert len(doc.notation.split("-")) >= 2  # <AGENCY>-<UNIT>
        else:
            assert "-" in doc.notation  # <TYPE>-<AGENCY>


def test_the_stream_has_the_variety_of_real_dispatches(docs):
    kinds = Counter(d.kind for d in docs)
    assert kinds.most_common(1)[0][0] == "Công văn"
    assert kinds["Công văn"] > N // 2
    assert len(kinds) >= 15
    assert len({d.place for d in docs}) >= 40
    assert len({(d.issuer.parent, d.issuer.name) for d in docs}) >= 800
    assert len({d.date[:4] for d in docs}) == 12
    assert {d.urgency for d in docs} == {None, *URGENCY_LEVELS}
    assert {d.signer.form for d in docs} == {None, *SIGNING_FORMS}
    assert any(d.issuer.parent for d in docs) and any(not d.issuer.parent for d in docs)
    assert sum(d.number is None for d in docs) > 10  # drafts
    assert any(_LEGAL.match(d.notation) for d in docs)
    assert any(len(d.recipients) == 1 for d in docs)
    assert any(len(d.recipients) > 3 for d in docs)
    tasks = [t for d in docs for t in d.tasks]
    assert any(t.addressee for t in tasks) and any(not t.addressee for t in tasks)
    assert any(t.deadline and len(t.deadline) == 10 for t in tasks)
    assert any(t.deadline and len(t.deadline) == 7 for t in tasks)
    assert any("." in t.label for t in tasks)  # I.1 under roman sections
    assert any(t.label in ("I", "II") for t in tasks)


# -- text ----------------------------------------------------------------------------------------


def _signature_lines(doc: Document) -> list[str]:
    s = doc.signer
    lines = [f"{s.form}. {s.authority}" if s.form else "", s.title or ""]
    if s.form in ("TM", "TL", "TUQ") and s.title and s.title.startswith("PHÓ "):
        lines.append("KT. " + s.title[4:])
    return [x for x in lines if x]


@pytest.mark.parametrize("style", STYLES)
def test_every_style_keeps_the_fields_in_the_text(docs, style):
    for doc in docs[:600]:
        text = to_text(doc, style=style)
        if style == "layout":  # the signature column shares lines with Nơi nhận
            beside = "|".join(re.escape(s) for s in _signature_lines(doc))
            if beside:
                text = re.sub(rf" {{6,}}({beside})$", "", text, flags=re.M)
        flat = _flat(text)
        assert doc.notation in flat
        if doc.number:
            assert re.search(rf"Số: ?{doc.number} ?/{re.escape(doc.notation)}", flat)
        assert doc.subject in flat
        assert doc.signer.name in flat
        for value in [*doc.recipients, *doc.distribution]:
            assert value in flat
        for ref in doc.references:
            assert f"số {ref.code}" in flat
        if style != "crawl":  # a crawl runs the issuer's name into the parent's line
            for line in (doc.issuer.parent, doc.issuer.name):
                if line:
                    assert line.split()[-1] in text


def test_plain_text_keeps_task_texts_whole(docs):
    for doc in docs[:600]:
        flat = _flat(to_text(doc, style="plain"))
        for task in doc.tasks:
            assert task.text in flat
            if task.addressee:
                assert task.addressee in flat


def test_styles_differ_from_each_other(docs):
    doc = next(d for d in docs if d.tasks and d.recipients)
    texts = {style: to_text(doc, style=style) for style in STYLES}
    assert len(set(texts.values())) == len(STYLES)
    assert "|" in texts["markdown"] and "**" in texts["markdown"]
    assert "\u00a0" in "".join(to_text(d, style="debris") for d in docs[:50])
    assert re.search(r"\S {4,}\S", texts["layout"])  # columns side by side
    assert len(texts["crawl"].splitlines()) < len(texts["plain"].splitlines())


def test_text_is_deterministic_without_an_rng(docs):
    for doc in docs[:50]:
        for style in STYLES:
            assert to_text(doc, style=style) == to_text(doc, style=style)


def test_unknown_style_is_refused(docs):
    with pytest.raises(ValueError):
        to_text(docs[0], style="html")
    with pytest.raises(ValueError):
        next(iter_pairs(1, styles=("plain", "pdf")))


def test_iter_pairs_cycles_through_the_styles():
    pairs = list(iter_pairs(10, seed=6, styles=("plain", "markdown")))
    assert [d.to_json() for d, _ in pairs] == [d.to_json() for d in generate(10, seed=6)]
    assert all(text.lstrip().startswith("|") for _, text in pairs[1::2])
    assert not any(text.lstrip().startswith("|") for _, text in pairs[::2])


def _sample_document(**changes) -> Document:
    doc = Document(
        kind="Công văn",
        issuer=Issuer(name="SỞ KHOA HỌC VÀ CÔNG NGHỆ", parent="UBND TỈNH CÀ MAU"),
        number="215",
        notation="SKHCN-QLKH",
        place="Cà Mau",
        date="2021-07-17",
        subject="tăng cường bảo đảm an toàn thông tin mạng",
        recipients=["Các sở, ban, ngành tỉnh", "Báo Cà Mau"],
        references=[
            Reference("Kế hoạch", "40", "KH-UBND", "2021-06-02", "UBND tỉnh"),
        ],
        tasks=[
            Task("1", "Rà soát hệ thống thông tin của đơn vị.", None, None),
            Task("2", "Báo cáo kết quả trước ngày 30/8/2021./.", "Báo Cà Mau", "2021-08-30"),
        ],
        distribution=["Như trên", "Lưu: VT, QLKH (Lan)"],
        signer=Signer("KT", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Lan"),
    )
    for key, value in changes.items():
        setattr(doc, key, value)
    return doc


def test_plain_text_has_the_decree_30_layout():
    text = to_text(_sample_document(), style="plain")
    assert "UBND TỈNH CÀ MAU\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\n" in text
    assert "CỘNG H" in text and "XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập " in text
    assert "\nSố: 215/SKHCN-QLKH\n" in text
    assert "\nCà Mau, ngày 17 tháng 7 năm 2021\n" in text
    subject = text[text.index("\nV/v") + 1 : text.index("\n\nKính gửi:")]
    assert " ".join(subject.split()) in (
        "V/v tăng cường bảo đảm an toàn thông tin mạng",
        "V/v: tăng cường bảo đảm an toàn thông tin mạng",
    )
    assert "\n- Các sở, ban, ngành tỉnh;\n- Báo Cà Mau.\n" in text
    assert "Kế hoạch số 40/KH-UBND ngày 2/6/2021 của UBND tỉnh" in text
    assert "\n1. Rà soát hệ thống thông tin của đơn vị.\n" in text
    assert "Nơi nhận:" in text
    assert "- Như trên;\n- Lưu: VT, QLKH (Lan).\n" in text
    assert text.rstrip().endswith("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\n\nTrần Thị Lan")
    # the last task carries the end mark, so no closing paragraph follows it
    assert text.count("/.") == 1


@pytest.mark.parametrize(
    ("iso", "printed"),
    [
        ("2020-02-05", "ngày 05 tháng 02 năm 2020"),
        ("2020-01-17", "ngày 17 tháng 01 năm 2020"),
        ("2020-07-09", "ngày 09 tháng 7 năm 2020"),
        ("2020-12-31", "ngày 31 tháng 12 năm 2020"),
    ],
)
def test_header_date_follows_the_leading_zero_rule(iso, printed):
    assert f"Cà Mau, {printed}\n" in to_text(_sample_document(date=iso), style="plain")


def test_a_draft_leaves_number_and_day_blank():
    text = to_text(_sample_document(number=None, date="2021-07"), style="plain")
    assert "\nSố: /SKHCN-QLKH\n" in text
    assert re.search(r"\nCà Mau, ngày +tháng 7 năm 2021\n", text)


def test_typed_document_prints_its_title_and_urgency():
    doc = _sample_document(
        kind="Kế hoạch", notation="KH-SKHCN", subject="Triển khai chuyển đổi số năm 2021"
    )
    doc.urgency = "Hỏa tốc"
    text = to_text(doc, style="plain")
    assert "\nKẾ HOẠCH\nTriển khai chuyển đổi số năm 2021\n" in text
    assert "\nHỎA TỐC\n" in text
    assert "V/v" not in text


def test_nested_signing_forms_print_the_inner_line():
    doc = _sample_document(signer=Signer("TL", "CHỦ TỊCH", "PHÓ CHÁNH VĂN PHÒNG", "Lê Văn An"))
    text = to_text(doc, style="plain")
    assert "TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG" in text
