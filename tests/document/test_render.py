"""render_docx: the Decree 30 form (page, fonts, sizes, header table) and the round trip
record → DOCX → extract → parse → the same record, every field."""

from __future__ import annotations

import argparse
import io
import json
import re
import unicodedata
import zipfile

import docx
import pytest
from docx.shared import Mm, Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congvan.commands import render as render_command
from congvan.document import render
from congvan.document.extract import extract_bytes
from congvan.document.model import Document, Issuer, Reference, Signer, Task
from congvan.document.parse import parse_text
from congvan.document.synthetic import generate
from tests.conftest import FIXTURES

SEEDS = sorted((FIXTURES / "seeds").glob("*.json"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --------------------------------------------------------------------------- comparing records


def norm(value):
    """The spec's normalisation: NFC, one space, no leading list mark or trailing ;.,: and
    case folded."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value))
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^[-+•*]\s*", "", text)
    text = re.sub(r"[;.,:]+$", "", text).strip()
    return text.casefold() or None


def fields(doc: Document) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in doc.to_json().items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                out[f"{key}.{sub}"] = norm(inner)
        elif isinstance(value, list):
            out[key] = [
                tuple((k, norm(v)) for k, v in item.items())
                if isinstance(item, dict)
                else norm(item)
                for item in value
            ]
        else:
            out[key] = norm(value)
    return out


def round_trip(doc: Document) -> Document:
    return parse_text(extract_bytes(render.render_docx(doc), "x.docx"))


def differences(doc: Document, back: Document) -> dict[str, tuple[object, object]]:
    want, got = fields(doc), fields(back)
    return {k: (want[k], got[k]) for k in want if want[k] != got[k]}


# --------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_gold_records_round_trip_every_field(path):
    doc = Document.from_json(json.loads(path.read_text(encoding="utf-8")))
    assert differences(doc, round_trip(doc)) == {}


# Derandomised: the same examples on every run, so CI never fails on a case first met there.
@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), index=st.integers(0, 30))
def test_generated_records_round_trip_every_field(seed, index):
    doc = list(generate(index + 1, seed=seed))[index]
    assert differences(doc, round_trip(doc)) == {}


def test_round_trip_of_a_fixed_sample_is_exact():
    for doc in generate(60, seed=7):
        assert differences(doc, round_trip(doc)) == {}


def _doc(**changes) -> Document:
    base = Document(
        kind="Công văn",
        issuer=Issuer(name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", parent="UBND TỈNH KIÊN GIANG"),
        number="498",
        notation="STTTT-TTBCBC",
        place="Kiên Giang",
        date="2020-07-17",
        subject="tăng cường công tác thông tin, tuyên truyền theo chỉ đạo của tỉnh",
        recipients=["Báo Kiên Giang", "Đài Phát thanh và Truyền hình Kiên Giang"],
        references=[
            Reference("Kế hoạch", "100", "KH-UBND", "2020-07-10", "Ủy ban nhân dân tỉnh"),
        ],
        tasks=[
            Task("1", "Tăng cường thông tin, tuyên truyền về phòng, chống ma túy."),
            Task(
                "2",
                "Xây dựng chuyên trang, chuyên mục về phòng, chống ma túy.",
                addressee="Các cơ quan báo chí trên địa bàn tỉnh",
            ),
        ],
        distribution=["Như trên", "Lãnh đạo Sở", "Lưu: VT, TTBCBC"],
        signer=Signer("KT", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Hải Yến"),
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


EDGE_RECORDS = {
    "one recipient, inline": _doc(recipients=["Báo Kiên Giang"]),
    "draft: no number, no day": _doc(number=None, date="2020-07"),
    "draft: only the year": _doc(number=None, date="2020"),
    "no parent agency": _doc(issuer=Issuer(name="SỞ Y TẾ")),
    "urgency Khẩn": _doc(urgency="Khẩn"),
    "urgency Thượng khẩn": _doc(urgency="Thượng khẩn"),
    "urgency Hỏa tốc": _doc(urgency="Hỏa tốc"),
    "head signing in person": _doc(signer=Signer(None, None, "GIÁM ĐỐC", "Nguyễn Văn An")),
    "name only": _doc(signer=Signer(None, None, None, "Lô Văn Chuyên")),
    "TM with a deputy": _doc(
        issuer=Issuer(name="ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"),
        notation="UBND-VX",
        signer=Signer("TM", "ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH", "Trần Văn Hiệp"),
    ),
    "TL": _doc(signer=Signer("TL", "GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "Phạm Thị Hoa")),
    "no tasks, no references": _doc(tasks=[], references=[]),
    "closing mark on the last task": _doc(
        tasks=[Task("1", "Triển khai thực hiện nghiêm túc các nội dung trên./.")]
    ),
    "task with sub-bullets": _doc(
        tasks=[
            Task(
                "1",
                "Thực hiện các nội dung sau: - Tăng cường tuyên truyền. - Báo cáo kết quả.",
                addressee="Các cơ quan báo chí trên địa bàn tỉnh",
            )
        ]
    ),
    "task with a deadline": _doc(
        tasks=[
            Task(
                "1",
                "Gửi báo cáo về Sở Thông tin và Truyền thông trước ngày 10/8/2020 để tổng hợp.",
                deadline="2020-08-10",
            )
        ]
    ),
    "roman sections": _doc(
        kind="Kế hoạch",
        notation="KH-STTTT",
        recipients=[],
        distribution=["Lãnh đạo Sở", "Lưu: VT, TTBCBC"],
        tasks=[Task("I", "Nâng cao nhận thức."), Task("II", "Tổ chức tuyên truyền.")],
    ),
    "roman sections holding items": _doc(
        kind="Kế hoạch",
        notation="KH-STTTT",
        recipients=[],
        distribution=["Lãnh đạo Sở", "Lưu: VT, TTBCBC"],
        tasks=[
            Task("I.1", "Nâng cao nhận thức của cán bộ."),
            Task("I.2", "Tổ chức tuyên truyền trên báo chí."),
            Task("II.1", "Kiểm tra, giám sát việc thực hiện."),
        ],
    ),
    "Tờ trình with its recipient": _doc(
        kind="Tờ trình",
        notation="TTr-STTTT",
        subject="Về việc đề nghị phê duyệt kế hoạch phòng, chống ma túy năm 2020",
        recipients=["Ủy ban nhân dân tỉnh"],
        distribution=["Như trên", "Lưu: VT, TTBCBC"],
    ),
    "a decision of articles": _doc(
        kind="Quyết định",
        notation="QĐ-STTTT",
        subject="Về việc thành lập Tổ công tác phòng, chống ma túy",
        recipients=[],
        tasks=[],
        distribution=["Như Điều 3", "Lưu: VT, TTBCBC"],
        signer=Signer(None, None, "GIÁM ĐỐC", "Nguyễn Văn An"),
    ),
    "citation in the subject": _doc(
        subject="triển khai thực hiện Chỉ thị số 21/CT-TTg ngày 25/5/2020 của Thủ tướng "
        "Chính phủ về phòng ngừa lừa đảo",
        references=[
            Reference("Chỉ thị", "21", "CT-TTg", "2020-05-25", "Thủ tướng Chính phủ"),
            Reference("Kế hoạch", "112", "KH-UBND", "2020-06-29", "UBND tỉnh"),
        ],
    ),
}


@pytest.mark.parametrize("name", list(EDGE_RECORDS))
def test_hand_made_edge_records_round_trip(name):
    doc = EDGE_RECORDS[name]
    assert differences(doc, round_trip(doc)) == {}


def test_a_deadline_missing_from_its_text_is_printed_and_read_back():
    doc = _doc(tasks=[Task("1", "Gửi báo cáo kết quả thực hiện.", deadline="2020-08-10")])
    back = round_trip(doc)
    assert back.tasks[0].deadline == "2020-08-10"
    assert "trước ngày 10/8/2020" in back.tasks[0].text


def test_a_task_is_cut_at_a_dash_before_a_capital_only():
    task = Task("1", "Thực hiện: - Ưu tiên tuyên truyền; - ưu tiên trên mạng. - Đánh giá.")
    assert render._task_paragraphs(task) == [
        "Thực hiện:",
        "- Ưu tiên tuyên truyền; - ưu tiên trên mạng.",
        "- Đánh giá.",
    ]


def test_a_number_below_ten_is_printed_with_a_leading_zero():
    back = round_trip(_doc(number="5"))
    assert back.number == "05"
    assert "Số: 05/STTTT-TTBCBC" in extract_bytes(render.render_docx(_doc(number="5")), "x.docx")


# Cases the round trip once lost (each a parser rule now).


def test_round_trip_keeps_an_issuer_named_tai_chinh():
    refs = [Reference("Công văn", "2929", "BTC-NSNN", "2020-04-29", "Bộ Tài chính")]
    assert differences(_doc(references=refs), round_trip(_doc(references=refs))) == {}


def test_round_trip_keeps_issuers_with_hoi_or_a_comma():
    refs = [
        Reference("Công văn", "11", "BHXH-QLT", "2020-04-29", "Bảo hiểm xã hội tỉnh"),
        Reference("Công văn", "803", "SVHTTDL-VP", "2020-04-07", "Sở Văn hóa, Thể thao và Du lịch"),
    ]
    assert differences(_doc(references=refs), round_trip(_doc(references=refs))) == {}


def test_round_trip_keeps_a_post_office_as_addressee():
    tasks = [Task("1", "Bảo đảm thông tin liên lạc.", addressee="Bưu điện tỉnh Kiên Giang")]
    assert differences(_doc(tasks=tasks), round_trip(_doc(tasks=tasks))) == {}


def test_round_trip_keeps_the_prime_minister_signing_in_person():
    signer = Signer(None, None, "THỦ TƯỚNG", "Nguyễn Văn An")
    assert differences(_doc(signer=signer), round_trip(_doc(signer=signer))) == {}


def test_round_trip_keeps_an_authority_with_a_comma():
    signer = Signer("KT", "BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Nguyễn Văn An")
    assert differences(_doc(signer=signer), round_trip(_doc(signer=signer))) == {}


# --------------------------------------------------------------------------- the form


@pytest.fixture(scope="module")
def seed_docx():
    doc = Document.from_json(json.loads(SEEDS[1].read_text(encoding="utf-8")))  # seed 001
    return docx.Document(io.BytesIO(render.render_docx(doc)))


def _runs_of(paragraph):
    return [r for r in paragraph.runs if r.text.strip()]


def _find(container, text):
    for paragraph in container.paragraphs:
        if paragraph.text.strip().startswith(text):
            return paragraph
    raise AssertionError(f"no paragraph starts with {text!r}")


def _index(paragraphs, paragraph) -> int:
    return [p._p for p in paragraphs].index(paragraph._p)


def _style(paragraph, *, size, bold=False, italic=False):
    runs = _runs_of(paragraph)
    assert runs, paragraph.text
    for run in runs:
        assert run.font.name == "Times New Roman"
        assert run.font.size == Pt(size), (paragraph.text, run.font.size.pt)
        assert bool(run.font.bold) is bold, paragraph.text
        assert bool(run.font.italic) is italic, paragraph.text


def test_page_is_a4_portrait_with_decree_30_margins(seed_docx):
    section = seed_docx.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)  # stored in twips: 11906 × 16838
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert section.orientation == 0  # portrait
    assert 20 <= round(section.top_margin.mm, 1) <= 25
    assert 20 <= round(section.bottom_margin.mm, 1) <= 25
    assert 30 <= round(section.left_margin.mm, 1) <= 35
    assert 15 <= round(section.right_margin.mm, 1) <= 20


def test_page_numbers_centred_in_the_top_margin_not_on_page_one(seed_docx):
    section = seed_docx.sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert "PAGE" in header._p.xml and header.alignment == 1  # centred
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()


def test_every_run_is_times_new_roman_in_every_script(seed_docx):
    for paragraph in _all_paragraphs(seed_docx):
        for run in _runs_of(paragraph):
            fonts = run._r.rPr.find(f"{W}rFonts")
            assert {fonts.get(f"{W}{k}") for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {
                "Times New Roman"
            }
    normal = seed_docx.styles["Normal"]
    assert normal.font.name == "Times New Roman"


def _all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _has_bottom_rule(paragraph) -> bool:
    border = paragraph._p.find(f"{W}pPr/{W}pBdr/{W}bottom")
    return border is not None and border.get(f"{W}val") == "single"


def test_header_is_a_borderless_two_column_table(seed_docx):
    body = seed_docx.element.body
    assert body[0].tag == f"{W}tbl"  # the header comes first
    header = seed_docx.tables[0]
    assert len(header.columns) == 2
    borders = header._tbl.tblPr.find(f"{W}tblBorders")
    assert {edge.get(f"{W}val") for edge in borders} == {"nil"}
    (agency, nation), (number, when) = (row.cells for row in header.rows)

    _style(_find(agency, "UBND TỈNH KIÊN GIANG"), size=12)  # parent: upright capitals
    issuer = _find(agency, "SỞ THÔNG TIN")
    _style(issuer, size=12, bold=True)
    assert issuer.text.replace("\n", " ") == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    rules = [p for p in agency.paragraphs if _has_bottom_rule(p)]
    assert len(rules) == 1 and not rules[0].text  # a short rule under the issuer
    assert rules[0].paragraph_format.left_indent > Mm(10)  # shorter than the column

    _style(_find(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), size=12, bold=True)
    _style(_find(nation, "Độc lập - Tự do - Hạnh phúc"), size=13, bold=True)
    assert len([p for p in nation.paragraphs if _has_bottom_rule(p)]) == 1

    _style(_find(number, "Số: 498/STTTT-TTBCBC"), size=13)
    subject = _find(number, "V/v tăng cường")
    _style(subject, size=12)
    assert subject.alignment == 1  # centred under the number
    date = _find(when, "Kiên Giang, ngày 17 tháng 7 năm 2020")
    _style(date, size=14, italic=True)


def test_body_is_justified_with_a_first_line_indent(seed_docx):
    opening = _find(seed_docx, "Thực hiện Kế hoạch số 100/KH-UBND")
    _style(opening, size=14)
    assert opening.alignment == 3  # justified
    assert opening.paragraph_format.first_line_indent in (Mm(10), Mm(12.7), 457200)
    assert opening.paragraph_format.space_after >= Pt(6)
    address = _find(seed_docx, "Kính gửi:")
    _style(address, size=14)
    after = seed_docx.paragraphs[_index(seed_docx.paragraphs, address) + 1 :]
    recipients = [p.text for p in after[:5]]
    assert recipients[0] == "- Báo Kiên Giang;" and recipients[-1].endswith("bưu chính.")


def test_distribution_and_signing_block_side_by_side(seed_docx):
    footer = seed_docx.tables[-1]
    distribution, signing = footer.rows[0].cells
    _style(_find(distribution, "Nơi nhận:"), size=12, bold=True, italic=True)
    lines = [p for p in distribution.paragraphs if p.text.startswith("- ")]
    assert [p.text for p in lines] == ["- Như trên;", "- Lưu: VT, P. TTBCBC."]
    for line in lines:
        _style(line, size=11)
    name = _find(signing, "Lô Văn Chuyên")
    _style(name, size=14, bold=True)
    assert _index(signing.paragraphs, name) >= 3  # room for the signature and the seal


def test_signing_block_form_authority_title_in_bold_capitals():
    doc = _doc(signer=Signer("TM", "ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH", "Trần Văn Hiệp"))
    signing = docx.Document(io.BytesIO(render.render_docx(doc))).tables[-1].rows[0].cells[1]
    lines = [p.text for p in signing.paragraphs if p.text]
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Hiệp"]
    for paragraph in signing.paragraphs:
        if paragraph.text:
            _style(paragraph, size=14, bold=True)


def test_typed_document_has_its_title_and_bold_subject():
    doc = EDGE_RECORDS["roman sections"]
    document = docx.Document(io.BytesIO(render.render_docx(doc)))
    title = _find(document, "KẾ HOẠCH")
    _style(title, size=14, bold=True)
    subject = document.paragraphs[_index(document.paragraphs, title) + 1]
    assert subject.text == doc.subject
    _style(subject, size=14, bold=True)
    assert _has_bottom_rule(document.paragraphs[_index(document.paragraphs, title) + 2])
    header_text = "\n".join(p.text for p in _all_paragraphs(document))
    assert "V/v" not in header_text
    _style(_find(document, "I. MỤC ĐÍCH"), size=14, bold=True)


@pytest.mark.parametrize("level", ["Khẩn", "Thượng khẩn", "Hỏa tốc"])
def test_urgency_mark_is_bold_capitals_in_a_box(level):
    document = docx.Document(io.BytesIO(render.render_docx(_doc(urgency=level))))
    cell = document.tables[0].rows[1].cells[0]
    mark = _find(cell, level.upper())
    _style(mark, size=13, bold=True)
    assert mark._p.find(f"{W}pPr/{W}pBdr/{W}top") is not None


def test_no_urgency_mark_without_urgency(seed_docx):
    text = "\n".join(p.text for p in _all_paragraphs(seed_docx))
    assert "KHẨN" not in text and "HỎA TỐC" not in text


def test_date_follows_the_leading_zero_rule():
    text = extract_bytes(render.render_docx(_doc(date="2023-02-05")), "x.docx")
    assert "Kiên Giang, ngày 05 tháng 02 năm 2023" in text


def test_same_record_gives_the_same_bytes():
    doc = _doc()
    assert render.render_docx(doc) == render.render_docx(doc)
    with zipfile.ZipFile(io.BytesIO(render.render_docx(doc))) as archive:
        assert "docProps/thumbnail.jpeg" not in archive.namelist()


def test_an_empty_record_still_renders():
    data = render.render_docx(Document())
    assert "Nơi nhận:" in extract_bytes(data, "x.docx")


def test_opening_and_closing_paragraphs_can_be_given():
    doc = _doc()
    text = extract_bytes(
        render.render_docx(doc, opening=["Mở đầu riêng."], closing=["Kết thúc riêng./."]),
        "x.docx",
    )
    assert "Mở đầu riêng." in text and "Kết thúc riêng./." in text
    assert "Thực hiện Kế hoạch" not in text


# --------------------------------------------------------------------------- PDF


def test_pdf_without_libreoffice_is_a_typed_error_in_vietnamese(monkeypatch, tmp_path):
    monkeypatch.setenv("CONGVAN_SOFFICE", str(tmp_path / "no-such-soffice"))
    with pytest.raises(render.PdfConverterMissing) as caught:
        render.render_pdf(_doc())
    assert "LibreOffice" in str(caught.value) and "libreoffice-writer-nogui" in str(caught.value)


@pytest.mark.skipif(render.find_soffice() is None, reason="LibreOffice is not installed")
def test_pdf_through_libreoffice():
    data = render.render_pdf(_doc())
    assert data.startswith(b"%PDF")
    text = extract_bytes(data, "x.pdf")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert round_trip_pdf_number(text) == "498"


def round_trip_pdf_number(text: str) -> str | None:
    return parse_text(text).number


# --------------------------------------------------------------------------- command line


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    render_command.add_arguments(parser)
    return render_command.run(parser.parse_args(argv))


def test_command_writes_a_docx(tmp_path, capsys):
    record = tmp_path / "cv.json"
    record.write_text(json.dumps(_doc().to_json(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out" / "cv.docx"
    assert _run([str(record), "-o", str(out)]) == 0
    assert parse_text(extract_bytes(out.read_bytes(), "cv.docx")).number == "498"
    assert "Đã ghi" in capsys.readouterr().out


def test_command_refuses_other_suffixes_and_bad_json(tmp_path, capsys):
    record = tmp_path / "cv.json"
    record.write_text("{not json", encoding="utf-8")
    assert _run([str(record), "-o", str(tmp_path / "cv.odt")]) == 2
    assert _run([str(record), "-o", str(tmp_path / "cv.docx")]) == 1
    assert _run([str(tmp_path / "missing.json"), "-o", str(tmp_path / "cv.docx")]) == 1
    err = capsys.readouterr().err
    assert ".docx hoặc .pdf" in err and "không tìm thấy" in err


def test_command_reports_problems_and_strict_refuses(tmp_path, capsys):
    record = tmp_path / "cv.json"
    bad = _doc(distribution=["Như trên"])
    record.write_text(json.dumps(bad.to_json(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "cv.docx"
    assert _run([str(record), "-o", str(out)]) == 0  # rendered, with the problem shown
    assert "Lưu: VT" in capsys.readouterr().err
    out.unlink()
    assert _run([str(record), "-o", str(out), "--strict"]) == 1
    assert not out.exists()


def test_command_pdf_without_libreoffice(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CONGVAN_SOFFICE", str(tmp_path / "no-such-soffice"))
    record = tmp_path / "cv.json"
    record.write_text(json.dumps(_doc().to_json(), ensure_ascii=False), encoding="utf-8")
    assert _run([str(record), "-o", str(tmp_path / "cv.pdf")]) == 1
    assert "LibreOffice" in capsys.readouterr().err
