"""File → text: plain text, DOCX, PDF and the typed errors."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congvan.document import extract as extract_module
from congvan.document.errors import DocumentError, NeedsOCR, UnreadableFile, UnsupportedFormat
from congvan.document.extract import SUPPORTED_EXTENSIONS, extract_bytes, extract_text
from congvan.document.legacy import encode_legacy

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVuSerif.ttf is not installed")
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# --- builders ------------------------------------------------------------------------------


def docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def set_cell(cell, *lines: str) -> None:
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def header_docx() -> docx.document.Document:
    """A dispatch whose header is the usual two-column table."""
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    set_cell(table.cell(0, 0), "UBND TỈNH KIÊN GIANG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
    set_cell(table.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc")
    set_cell(table.cell(1, 0), "Số: 498/STTTT-TTBCBC")
    set_cell(table.cell(1, 1), "Kiên Giang, ngày 17 tháng 7 năm 2020")
    set_cell(table.cell(2, 0), "V/v tăng cường công tác thông tin")
    document.add_paragraph("Kính gửi: Báo Kiên Giang.")
    document.add_paragraph("")
    document.add_paragraph("Thực hiện Kế hoạch số 100/KH-UBND ngày 10/7/2020.")
    return document


def pdf_bytes(*pages: list[tuple[str, str]] | str, encrypt: bool = False) -> bytes:
    """A PDF in DejaVu Serif; a page is a text or a list of (left, right) header rows."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=12)
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="user")
    for page in pages:
        pdf.add_page()
        if isinstance(page, str):
            pdf.multi_cell(0, 8, page)
            continue
        for left, right in page:
            pdf.cell(90, 8, left)
            pdf.cell(90, 8, right, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# --- plain text ----------------------------------------------------------------------------


def test_txt_utf8(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text("Số: 12/UBND\nV/v tuyên truyền\n", encoding="utf-8")
    assert extract_text(path) == "Số: 12/UBND\nV/v tuyên truyền\n"


def test_txt_crlf_becomes_lf():
    assert extract_bytes(b"a\r\nb\rc\n", "x.txt") == "a\nb\nc\n"


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_txt_in_a_legacy_encoding(tmp_path, encoding):
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    path = tmp_path / "cv.txt"
    path.write_bytes(encode_legacy(text, encoding))
    assert extract_text(str(path)) == text


def test_markdown_is_text():
    assert extract_bytes("# Công văn\n".encode(), "cv.md") == "# Công văn\n"


# --- DOCX ----------------------------------------------------------------------------------


def test_docx_header_table_flattens_like_the_seeds():
    text = extract_bytes(docx_bytes(header_docx()), "cv.docx")
    assert text == (
        "UBND TỈNH KIÊN GIANG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n\n"
        "Số: 498/STTTT-TTBCBC\n\nKiên Giang, ngày 17 tháng 7 năm 2020\n\n"
        "V/v tăng cường công tác thông tin\n\n"
        "Kính gửi: Báo Kiên Giang.\n\nThực hiện Kế hoạch số 100/KH-UBND ngày 10/7/2020.\n"
    )


def test_docx_keeps_body_order_of_paragraphs_and_tables():
    document = docx.Document()
    document.add_paragraph("trước")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "giữa"
    document.add_paragraph("sau")
    assert extract_bytes(docx_bytes(document), "a.docx").split() == ["trước", "giữa", "sau"]


def test_docx_merged_cells_appear_once():
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "ngang"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "dọc"
    table.cell(1, 1).text = "b"
    text = extract_bytes(docx_bytes(document), "a.docx")
    assert text.count("ngang") == 1
    assert text.count("dọc") == 1
    assert text.split() == ["ngang", "dọc", "b"]


def test_docx_nested_table():
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2).cell(0, 0)
    outer.text = "ngoài"
    inner = outer.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "trong 1"
    inner.cell(0, 1).text = "trong 2"
    text = extract_bytes(docx_bytes(document), "a.docx")
    assert text == "ngoài\n\ntrong 1\n\ntrong 2\n"


def test_docx_line_breaks_and_tabs():
    document = docx.Document()
    run = document.add_paragraph().add_run("KT. GIÁM ĐỐC")
    run.add_break()
    run.add_text("PHÓ GIÁM ĐỐC\tký")
    assert extract_bytes(docx_bytes(document), "a.docx") == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\tký\n"


def legacy_run(document, text: str, encoding: str, font: str) -> None:
    run = document.add_paragraph().add_run(encode_legacy(text, encoding).decode("cp1252"))
    run.font.name = font


def test_docx_vntime_font_is_repaired():
    document = docx.Document()
    legacy_run(document, "Thường xuyên kiểm tra", "tcvn3", ".VnTime")
    legacy_run(document, "cộng hoà xã hội", "tcvn3", ".VnTimeH")
    legacy_run(document, "Nơi nhận: Như trên", "vni", "VNI-Times")
    assert extract_bytes(docx_bytes(document), "a.docx") == (
        "Thường xuyên kiểm tra\n\nCỘNG HOÀ XÃ HỘI\n\nNơi nhận: Như trên\n"
    )


def test_docx_legacy_font_set_on_the_style():
    document = docx.Document()
    document.styles["Normal"].font.name = ".VnTime"
    document.add_paragraph(encode_legacy("Sở Thông tin và Truyền thông", "tcvn3").decode("cp1252"))
    assert extract_bytes(docx_bytes(document), "a.docx") == "Sở Thông tin và Truyền thông\n"


def test_docx_unicode_text_in_a_vntime_font_is_left_alone():
    document = docx.Document()
    run = document.add_paragraph().add_run("Tôi là ai, và là gì")
    run.font.name = ".VnTime"
    assert extract_bytes(docx_bytes(document), "a.docx") == "Tôi là ai, và là gì\n"


def test_docx_legacy_text_without_its_font_is_detected():
    document = docx.Document()
    document.add_paragraph("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
    assert extract_bytes(docx_bytes(document), "a.docx") == "Cộng hoà xã hội chủ nghĩa Việt Nam\n"


def test_docx_text_box_read_once_despite_fallback():
    document = docx.Document()
    paragraph = document.add_paragraph("thân")
    box = (
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        f" {W_NS}>"
        '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        "<w:p><w:r><w:t>hộp chữ</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>hộp chữ</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>"
    )
    paragraph.add_run()._r.append(parse_xml(box))
    assert extract_bytes(docx_bytes(document), "a.docx") == "thân\n\nhộp chữ\n"


def test_docx_deleted_text_is_left_out():
    document = docx.Document()
    paragraph = document.add_paragraph("giữ ")
    paragraph._p.append(parse_xml(f"<w:del {W_NS}><w:r><w:delText>xoá</w:delText></w:r></w:del>"))
    assert extract_bytes(docx_bytes(document), "a.docx") == "giữ\n"


def test_docx_that_is_not_a_zip():
    with pytest.raises(UnreadableFile) as caught:
        extract_bytes(b"just some text", "cv.docx")
    assert caught.value.path == "cv.docx"


def test_docx_zip_without_a_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(UnreadableFile):
        extract_bytes(buffer.getvalue(), "cv.docx")
    with pytest.raises(UnsupportedFormat):
        extract_bytes(buffer.getvalue(), "archive.zip")


def test_docx_zip_bomb_is_refused_before_opening(monkeypatch):
    monkeypatch.setattr(extract_module, "MAX_UNPACKED_BYTES", 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (2 * 1024 * 1024))
    assert len(buffer.getvalue()) < 20_000
    with pytest.raises(UnreadableFile) as caught:
        extract_bytes(buffer.getvalue(), "bom.docx")
    assert "bom nén" in caught.value.message


@pytest.mark.parametrize("name", ["a.zip", "a.gif", "a.docx"])
def test_a_zip_python_cannot_open_is_a_typed_error(name):
    # found by fuzz/fuzz.py: NotImplementedError («zip file version 8.4»), zlib.error (a
    # damaged member) and RuntimeError (an encrypted member) escaped from sniffing which kind
    # of zip a file is
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text" * 20)
    data = bytearray(buffer.getvalue())
    version = bytearray(data)
    central = version.rfind(b"PK\x01\x02")
    version[central + 6] = 84  # «needs version 8.4 to extract»
    damaged = bytearray(data)
    damaged[40:50] = bytes(b ^ 0x55 for b in damaged[40:50])  # inside mimetype's deflate data
    encrypted = bytearray(data)
    encrypted[central + 8] |= 0x1  # «password required»
    for bad in (bytes(version), bytes(damaged), bytes(encrypted)):
        with pytest.raises(DocumentError):
            extract_bytes(bad, name, ocr=False)


def test_docx_truncated_is_unreadable():
    data = docx_bytes(header_docx())
    with pytest.raises(UnreadableFile):
        extract_bytes(data[: len(data) // 2], "cv.docx")


def test_old_word_doc_is_unsupported():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    with pytest.raises(UnsupportedFormat) as caught:
        extract_bytes(data, "cv.doc")
    assert ".doc" in caught.value.message


# --- PDF -----------------------------------------------------------------------------------


@needs_font
def test_pdf_header_columns_stay_apart_and_pages_split_by_form_feed():
    data = pdf_bytes(
        [("UBND TỈNH LẠNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("Số: 12/STTTT", "Độc lập")],
        "Nơi nhận: Như trên",
    )
    pages = extract_bytes(data, "cv.pdf").split("\f")
    assert len(pages) == 2
    first = pages[0].splitlines()
    assert first[0].split("  ")[0] == "UBND TỈNH LẠNG SƠN"
    assert first[0].endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert first[0].index("CỘNG") == first[1].index("Độc lập")
    assert pages[1].strip() == "Nơi nhận: Như trên"


@needs_font
def test_pdf_named_txt_is_read_as_pdf():
    assert "Công văn" in extract_bytes(pdf_bytes("Công văn số 5"), "cv.txt")


def test_pdf_without_text_needs_ocr():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 100, 100, style="F")
    with pytest.raises(NeedsOCR) as caught:
        extract_bytes(bytes(pdf.output()), "scan.pdf", ocr=False)
    assert caught.value.message == "Tệp PDF không có lớp văn bản: cần nhận dạng ký tự (OCR)"
    assert caught.value.path == "scan.pdf"


@needs_font
def test_encrypted_pdf_is_unreadable():
    with pytest.raises(UnreadableFile) as caught:
        extract_bytes(pdf_bytes("bí mật", encrypt=True), "secret.pdf")
    assert "mật khẩu" in caught.value.message


@needs_font
def test_damaged_pdf_is_unreadable():
    data = pdf_bytes("Công văn")
    with pytest.raises(UnreadableFile):
        extract_bytes(data[:200], "cv.pdf")


def hand_pdf(*objects: bytes) -> bytes:
    """A PDF of the objects 1…n given, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        start,
    )
    return bytes(out)


def text_pdf(
    content: bytes, *more: bytes, filters: bytes = b"", mediabox: bytes = b"[0 0 595 842]"
) -> bytes:
    """One page drawing ``content`` in Helvetica (objects 1–5, then ``more``)."""
    return hand_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>" % mediabox,
        b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(content), filters, content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *more,
    )


HELLO = b"BT /F1 12 Tf 72 720 Td (Cong van so 12) Tj ET"


def test_hand_made_pdf_is_read():
    assert extract_bytes(text_pdf(HELLO), "a.pdf") == "Cong van so 12\n"


@pytest.mark.parametrize(
    "loop",
    [
        text_pdf(HELLO, b"7 0 R", b"6 0 R", mediabox=b"6 0 R"),
        text_pdf(HELLO, b"6 0 R", mediabox=b"6 0 R"),
    ],
    ids=["two objects", "itself"],
)
def test_pdf_objects_referring_to_each_other_in_a_circle_are_refused(loop):
    # pdfminer followed 6 → 7 → 6 for ever (found by fuzz/fuzz.py)
    with pytest.raises(UnreadableFile) as caught:
        extract_bytes(loop, "vong.pdf")
    assert "tham chiếu vòng" in caught.value.message
    assert caught.value.path == "vong.pdf"


def test_a_page_tree_that_contains_itself_is_read_once():
    data = text_pdf(HELLO).replace(b"/Kids [3 0 R] /Count 1", b"/Kids [2 0 R 3 0 R] /Count 2")
    assert extract_bytes(data, "a.pdf") == "Cong van so 12\n"


def test_a_pdf_decompression_bomb_is_stopped_at_the_limit(monkeypatch):
    monkeypatch.setattr(extract_module, "MAX_UNPACKED_BYTES", 1024 * 1024)
    bomb = zlib.compress(b" " * (3 * 1024 * 1024), 9)  # 3 kB that inflate to 3 MB
    for filters in (b"/Filter /FlateDecode", b"/Filter [/FlateDecode /FlateDecode]"):
        data = bomb if filters.count(b"Flate") == 1 else zlib.compress(bomb)
        with pytest.raises(UnreadableFile) as caught:
            extract_bytes(text_pdf(data, filters=filters), "bom.pdf")
        assert "bom nén" in caught.value.message


def test_a_pdf_whose_pages_draw_too_much_is_refused(monkeypatch):
    monkeypatch.setattr(extract_module, "MAX_PDF_CONTENT_BYTES", 100_000)
    content = b"BT /F1 1 Tf " + b"(x) Tj " * 20_000 + b"ET"  # 140 kB of drawing, 1 kB packed
    with pytest.raises(UnreadableFile) as caught:
        extract_bytes(text_pdf(zlib.compress(content), filters=b"/Filter /FlateDecode"), "x.pdf")
    assert "lệnh vẽ" in caught.value.message


def test_a_pdf_page_with_too_many_characters_is_refused(monkeypatch):
    # 1 byte of drawing a character: the content limit alone would let millions through
    content = b"BT /F1 1 Tf [(" + b"x" * 3000 + b")] TJ ET"
    monkeypatch.setattr(extract_module, "MAX_PDF_PAGE_CHARS", 2000)
    with pytest.raises(UnreadableFile, match=r"2\.000 ký tự một trang"):
        extract_bytes(text_pdf(content), "x.pdf")
    monkeypatch.setattr(extract_module, "MAX_PDF_PAGE_CHARS", 5000)
    monkeypatch.setattr(extract_module, "MAX_PDF_CHARS", 2000)
    with pytest.raises(UnreadableFile, match=r"2\.000 ký tự cả tệp"):
        extract_bytes(text_pdf(content), "x.pdf")
    monkeypatch.setattr(extract_module, "MAX_PDF_CHARS", 5000)
    assert extract_bytes(text_pdf(content), "x.pdf").strip() == "x" * 3000


def test_pdf_streams_still_decode_within_the_limits():
    packed = zlib.compress(HELLO)
    flate = text_pdf(packed, filters=b"/Filter /FlateDecode")
    assert extract_bytes(flate, "a.pdf") == "Cong van so 12\n"
    cut = text_pdf(packed[:-4], filters=b"/Filter /FlateDecode")  # checksum lost: read anyway
    assert extract_bytes(cut, "a.pdf") == "Cong van so 12\n"
    runs = b"".join(bytes([len(HELLO[i : i + 9]) - 1]) + HELLO[i : i + 9] for i in range(0, 45, 9))
    runlength = text_pdf(runs + b"\x80", filters=b"/Filter /RunLengthDecode")
    assert extract_bytes(runlength, "a.pdf") == "Cong van so 12\n"


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CONGVAN_MAX_FILE_MB", "0.5")
    assert extract_module._megabytes_setting("CONGVAN_MAX_FILE_MB", 50) == 512 * 1024
    monkeypatch.setenv("CONGVAN_MAX_FILE_MB", "")
    assert extract_module._megabytes_setting("CONGVAN_MAX_FILE_MB", 50) == 50 * 1024 * 1024
    for wrong in ("nhiều", "0", "-1"):
        monkeypatch.setenv("CONGVAN_MAX_FILE_MB", wrong)
        with pytest.raises(ValueError, match="CONGVAN_MAX_FILE_MB"):
            extract_module._megabytes_setting("CONGVAN_MAX_FILE_MB", 50)


def test_the_size_limit_is_read_when_called(monkeypatch):
    monkeypatch.setattr(extract_module, "MAX_BYTES", 10)
    with pytest.raises(UnreadableFile, match="quá lớn"):
        extract_bytes(b"a" * 11, "a.txt")


def test_pdf_extension_without_pdf_bytes():
    with pytest.raises(UnreadableFile) as caught:
        extract_bytes(b"hello", "cv.pdf")
    assert "%PDF" in caught.value.message


# --- errors --------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableFile) as caught:
        extract_text(tmp_path / "nope.txt")
    assert caught.value.path == str(tmp_path / "nope.txt")
    assert "không tìm thấy" in caught.value.message


def test_path_with_nul_byte():
    with pytest.raises(UnreadableFile):
        extract_text("a\0b.txt")


def test_directory(tmp_path):
    with pytest.raises(UnreadableFile) as caught:
        extract_text(tmp_path)
    assert "thư mục" in caught.value.message


def test_empty_file(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with pytest.raises(UnreadableFile) as caught:
        extract_text(path)
    assert "rỗng" in caught.value.message


def test_unknown_extension_names_it_and_the_supported_ones():
    with pytest.raises(UnsupportedFormat) as caught:
        extract_bytes(b"some text", "cv.odt")
    assert "'.odt'" in caught.value.message
    assert all(ext in caught.value.message for ext in SUPPORTED_EXTENSIONS)
    assert caught.value.path == "cv.odt"


def test_no_extension_is_unsupported():
    with pytest.raises(UnsupportedFormat):
        extract_bytes(b"some text", "README")


def test_image_needs_ocr():
    with pytest.raises(NeedsOCR):
        extract_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "scan.txt", ocr=False)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 100)
    with pytest.raises(UnreadableFile) as caught:
        extract_text(path, max_bytes=50)
    assert "quá lớn" in caught.value.message
    with pytest.raises(UnreadableFile):
        extract_bytes(b"a" * 100, "big.txt", max_bytes=50)
    assert extract_text(path, max_bytes=100) == "a" * 100


def test_binary_txt_is_unreadable():
    with pytest.raises(UnreadableFile) as caught:
        extract_bytes(b"\x00\x01\x02\x03garbage\x00", "x.txt")
    assert caught.value.path == "x.txt"


# --- any bytes -----------------------------------------------------------------------------

PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=2048),
    extension=st.sampled_from(SUPPORTED_EXTENSIONS),
)
def test_any_bytes_give_text_or_a_document_error(prefix, body, extension):
    try:
        result = extract_bytes(prefix + body, "f" + extension)
    except DocumentError:
        return
    assert isinstance(result, str)


_VALID_DOCX = docx_bytes(header_docx())


@settings(max_examples=60, deadline=None)
@given(position=st.integers(0, len(_VALID_DOCX) - 1), value=st.integers(0, 255))
def test_a_damaged_docx_gives_text_or_a_document_error(position, value):
    data = bytearray(_VALID_DOCX)
    data[position] = value
    try:
        result = extract_bytes(bytes(data), "cv.docx")
    except DocumentError:
        return
    assert isinstance(result, str)


def test_a_font_width_table_of_millions_of_codes_is_refused():
    # found by make fuzz: `/W [0 99999999 500]` made pdfminer fill one entry per code
    from pdfminer import pdffont

    from congvan.document import extract

    extract._install_pdf_guards()
    assert pdffont.get_widths([0, 2, 500]) == {0: 500, 1: 500, 2: 500}
    with pytest.raises(extract._PdfLimit, match="độ rộng phông chữ"):
        pdffont.get_widths([0, 99_999_999, 500])
    with pytest.raises(extract._PdfLimit):
        pdffont.get_widths2([0, 99_999_999, 1000, 500, 880])
