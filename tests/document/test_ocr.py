"""Scans through OCR (OCRmyPDF + tesseract-ocr-vie) and old formats through LibreOffice.

Tests that run Tesseract or LibreOffice skip where they are not installed; the typed errors for
a machine without them are tested everywhere.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from congvan.document import extract as extract_module
from congvan.document import ocr as ocr_module
from congvan.document.errors import NeedsOCR, UnsupportedFormat
from congvan.document.extract import (
    ConversionFailed,
    LibreOfficeMissing,
    extract_bytes,
    extract_document,
    extract_text,
)
from congvan.document.ocr import OCRFailed, OCRUnavailable, ocr_bytes, ocr_file, searchable_path
from congvan.document.parse import parse_text

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
needs_ocr = pytest.mark.skipif(
    not ocr_module.ocr_available() or not FONT.exists(),
    reason="OCRmyPDF, tesseract-ocr-vie or the DejaVu font is not installed",
)
needs_soffice = pytest.mark.skipif(
    extract_module.find_soffice() is None, reason="LibreOffice (soffice) is not installed"
)

LINES = [
    ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Số: 498/STTTT-TTBCBC", "Độc lập - Tự do - Hạnh phúc"),
    ("V/v tuyên truyền phòng chống dịch", "Kiên Giang, ngày 5 tháng 7 năm 2020"),
    ("Kính gửi: Báo Kiên Giang.", ""),
    ("1. Đăng tải tin, bài tuyên truyền trước ngày 30/7/2020.", ""),
]


def scan_image(fmt: str = "PNG", *, mode: str = "L", dpi: int | None = 200) -> bytes:
    """A page of a dispatch drawn at 200 dpi (only the top part, to keep OCR quick)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new(mode, (1900, 800), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 36)  # 13 pt at 200 dpi
    for row, (left, right) in enumerate(LINES):
        y = 60 + row * 80
        draw.text((60, y), left, fill="black", font=font)
        if right:
            draw.text((1000, y), right, fill="black", font=font)
    buffer = io.BytesIO()
    options = {"dpi": (dpi, dpi)} if dpi else {}
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    import img2pdf

    return img2pdf.convert(scan_image(), layout_fun=img2pdf.get_fixed_dpi_layout_fun((200, 200)))


# --- without OCR -----------------------------------------------------------------------------


def test_ocr_is_on_unless_turned_off(monkeypatch):
    monkeypatch.setenv("CONGVAN_OCR", "0")
    with pytest.raises(NeedsOCR) as caught:
        extract_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "scan.png")
    assert type(caught.value) is NeedsOCR  # refused as a scan, OCR not tried
    monkeypatch.delenv("CONGVAN_OCR")
    monkeypatch.setenv("CONGVAN_TESSERACT", "/nonexistent/tesseract")
    with pytest.raises(OCRUnavailable):  # tried by default: here it says what to install
        extract_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "scan.png")


def test_missing_tesseract_is_a_typed_error(monkeypatch):
    monkeypatch.setenv("CONGVAN_TESSERACT", "/nonexistent/tesseract")
    assert not ocr_module.ocr_available()
    with pytest.raises(OCRUnavailable) as caught:
        ocr_bytes(b"%PDF-1.4", "scan.pdf")
    assert "tesseract-ocr-vie" in caught.value.message
    assert caught.value.path == "scan.pdf"
    # through extract, asked for OCR: still a NeedsOCR, now saying what to install
    with pytest.raises(NeedsOCR) as caught:
        extract_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "scan.png", ocr=True)
    assert isinstance(caught.value, OCRUnavailable)


def test_missing_vietnamese_data_is_named(monkeypatch):
    monkeypatch.setattr(ocr_module, "_languages", lambda binary: frozenset({"eng", "osd"}))
    monkeypatch.setattr(ocr_module, "_tesseract", lambda: "/usr/bin/tesseract")
    reason = ocr_module.unavailable_reason()
    assert reason and "tesseract-ocr-vie" in reason


def test_searchable_path_is_beside_the_original():
    assert searchable_path("/a/b/scan.png") == Path("/a/b/scan.ocr.pdf")


# --- with OCR --------------------------------------------------------------------------------


@needs_ocr
@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF"])
def test_images_are_read(fmt):
    result = ocr_bytes(scan_image(fmt), f"scan.{fmt.lower()}")
    assert result.pdf.startswith(b"%PDF-")
    assert result.pages == 1
    assert "Số: 498/STTTT" in result.text  # a thin hyphen may be lost: kept as OCR reads it
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in result.text
    assert "Kính gửi: Báo Kiên Giang" in result.text
    assert result.confidence is not None and 50 < result.confidence <= 100
    assert result.words > 20
    # the searchable PDF has the text layer extract reads
    assert "Kính gửi" in extract_bytes(result.pdf, "scan.ocr.pdf")


@needs_ocr
def test_image_without_resolution_and_with_alpha_is_read():
    result = ocr_bytes(scan_image("PNG", mode="RGBA", dpi=None), "scan.png")
    assert "Kính gửi" in result.text


@needs_ocr
def test_scanned_pdf_through_extract_and_parse(monkeypatch):
    monkeypatch.setenv("CONGVAN_OCR", "1")
    extracted = extract_document(scanned_pdf(), "scan.pdf")
    assert extracted.ocr is not None and extracted.ocr.confidence
    record = parse_text(extracted.text)
    assert record.number == "498"
    assert record.notation.replace("-", "") == "STTTTTTBCBC"
    assert record.issuer.name == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert record.place == "Kiên Giang"
    assert record.date == "2020-07-05"
    assert record.recipients == ["Báo Kiên Giang"]


@needs_ocr
def test_ocr_file_keeps_the_searchable_pdf_beside(tmp_path):
    source = tmp_path / "scan.png"
    source.write_bytes(scan_image())
    result = ocr_file(source)
    kept = tmp_path / "scan.ocr.pdf"
    assert kept.read_bytes() == result.pdf
    assert source.read_bytes() == scan_image()  # the original is untouched


@needs_ocr
def test_damaged_image_and_blank_page():
    with pytest.raises(OCRFailed) as caught:
        ocr_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "scan.png")
    assert "hỏng" in caught.value.message
    from PIL import Image

    blank = io.BytesIO()
    Image.new("L", (800, 600), "white").save(blank, format="PNG", dpi=(200, 200))
    with pytest.raises(OCRFailed, match="không tìm thấy chữ"):
        ocr_bytes(blank.getvalue(), "blank.png")


# --- .doc, .odt, .rtf through LibreOffice ----------------------------------------------------


def rtf_bytes() -> bytes:
    # \uN? escapes: Vietnamese letters as RTF writes them
    body = "".join(f"\\u{ord(c)}?" if ord(c) > 127 else c for c in "Kính gửi: Báo Lạng Sơn")
    return (
        "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs28 "
        "S\\u7902? TH\\u212?NG TIN V\\u192? TRUY\\u7872?N TH\\u212?NG\\par "
        f"S\\u7889?: 12/STTTT-VP\\par {body}\\par }}"
    ).encode("ascii")


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The same RTF converted by LibreOffice into .doc and .odt."""
    if extract_module.find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    import subprocess

    folder = tmp_path_factory.mktemp("legacy")
    source = folder / "cv.rtf"
    source.write_bytes(rtf_bytes())
    out = {".rtf": source.read_bytes()}
    for target, filter_name in ((".doc", "doc:MS Word 97"), (".odt", "odt")):
        subprocess.run(
            [
                extract_module.find_soffice(),
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                filter_name,
                "--outdir",
                str(folder),
                str(source),
            ],
            capture_output=True,
            timeout=180,
            check=True,
        )
        out[target] = (folder / f"cv{target}").read_bytes()
    return out


@needs_soffice
@pytest.mark.parametrize("extension", [".doc", ".odt", ".rtf"])
def test_old_formats_are_read(converted, extension):
    extracted = extract_document(converted[extension], f"cv{extension}")
    assert extracted.converted_from == extension
    assert "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in extracted.text
    assert "Số: 12/STTTT-VP" in extracted.text
    assert "Kính gửi: Báo Lạng Sơn" in extracted.text


@needs_soffice
def test_type_is_sniffed_whatever_the_name(converted, tmp_path):
    assert "Kính gửi" in extract_bytes(converted[".rtf"], "cv.txt")
    path = tmp_path / "cv"
    path.write_bytes(converted[".odt"])
    assert "Kính gửi" in extract_text(path)


def test_missing_libreoffice_is_a_typed_error(monkeypatch):
    monkeypatch.setenv("CONGVAN_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(LibreOfficeMissing) as caught:
        extract_bytes(rtf_bytes(), "cv.rtf")
    assert "libreoffice-writer-nogui" in caught.value.message
    assert isinstance(caught.value, UnsupportedFormat)
    assert caught.value.path == "cv.rtf"


@needs_soffice
def test_damaged_old_word_file_is_a_conversion_error():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    with pytest.raises(ConversionFailed) as caught:
        extract_bytes(data, "cv.doc")
    assert ".doc" in caught.value.message
