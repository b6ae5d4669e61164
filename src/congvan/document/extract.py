"""File → text: the first step of reading an incoming dispatch.

``extract_text(path)`` and ``extract_bytes(data, filename)`` read ``.txt``/``.md`` (any of the
encodings of ``congvan.document.legacy``), ``.docx`` (paragraphs and tables in body order, text
boxes, legacy ``.VnTime``/``VNI-Times`` fonts repaired) and ``.pdf`` with a text layer (layout
kept roughly as ``pdftotext -layout`` does, pages separated by form feeds). The type is taken
from the file's first bytes when they tell (a PDF named ``.txt`` is read as a PDF), else from the
extension. Every failure is a ``DocumentError`` with a Vietnamese message and ``path``: missing
or empty files, directories, files over the size limit, damaged or encrypted files, zip bombs,
scans without text (``NeedsOCR``) and unsupported types (``UnsupportedFormat``).

Old Word (``.doc``), OpenDocument (``.odt``) and ``.rtf`` files are converted to ``.docx`` by
LibreOffice headless and read as such (``LibreOfficeMissing`` where it is not installed).
Scans (PDFs without text, PNG/JPEG/TIFF/GIF/BMP images) are read by OCR
(``congvan.document.ocr``) when it is allowed: ``ocr=True``, or ``ocr=None`` (the default) with
the environment variable ``CONGVAN_OCR=1``; otherwise, and where OCR is not installed, they
raise ``NeedsOCR`` as before. ``extract_document`` returns the text together with the OCR
result (searchable PDF, confidence) for callers that keep them.

Limits (each refusal an ``UnreadableFile`` before the work it would cost): the file size
(``CONGVAN_MAX_FILE_MB``, 50), what a ``.docx`` declares it unpacks to and what the streams of a
PDF decompress to (``CONGVAN_MAX_UNPACKED_MB``, 200), the page content a PDF makes its reader
interpret (:data:`MAX_PDF_CONTENT_BYTES`), and objects of a PDF that refer to each other in a
circle (pdfminer would follow them for ever).
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, TypeVar

from congvan.document.errors import ZIP_ERRORS, NeedsOCR, UnreadableFile, UnsupportedFormat
from congvan.document.legacy import _score, decode_bytes, repair_legacy_text

if TYPE_CHECKING:
    from congvan.document.ocr import OCRResult

__all__ = [
    "MAX_BYTES",
    "MAX_UNPACKED_BYTES",
    "OCR_EXTENSIONS",
    "SUPPORTED_EXTENSIONS",
    "ConversionFailed",
    "Extracted",
    "LibreOfficeMissing",
    "extract_bytes",
    "extract_document",
    "extract_text",
    "ocr_allowed",
    "too_large",
]


def _megabytes_setting(name: str, default: float) -> int:
    """Bytes from an environment variable in megabytes (``0.5`` allowed), else the default."""
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise ValueError(f"{name}: cần một số megabyte, không phải {raw!r}") from None
    if not value > 0:
        raise ValueError(f"{name}: cần một số megabyte lớn hơn 0, không phải {raw!r}")
    return int(value * 1024 * 1024)


#: Largest file read, in bytes (``CONGVAN_MAX_FILE_MB``; override with ``max_bytes=``).
MAX_BYTES = _megabytes_setting("CONGVAN_MAX_FILE_MB", 50)
#: Largest total a ``.docx`` may unpack to, by the sizes its zip directory declares, and the
#: streams of a PDF may decompress to (``CONGVAN_MAX_UNPACKED_MB``).
MAX_UNPACKED_BYTES = _megabytes_setting("CONGVAN_MAX_UNPACKED_MB", 200)
#: Most bytes of page content (drawing instructions, decompressed, forms counted each time they
#: are drawn) read from one PDF: a real page has tens of kB; a few kB of compressed repetition
#: would otherwise cost minutes and gigabytes.
MAX_PDF_CONTENT_BYTES = 16 * 1024 * 1024
#: Most characters drawn on one page of a PDF, and in the whole file (a dense A4 page holds
#: about 10,000): pdfplumber spends ~0.1 ms and a kilobyte or two on each.
MAX_PDF_PAGE_CHARS = 100_000
MAX_PDF_CHARS = 2_000_000
#: Most members a ``.docx`` zip may hold.
MAX_ZIP_MEMBERS = 10_000
SUPPORTED_EXTENSIONS = (".txt", ".md", ".docx", ".pdf", ".doc", ".odt", ".rtf")
#: Scans read when OCR is allowed (PDFs without a text layer too).
OCR_EXTENSIONS = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp")
#: Seconds LibreOffice may take to convert one file.
SOFFICE_TIMEOUT = 180

_E = TypeVar("_E", bound=BaseException)

NO_TEXT_LAYER = "Tệp PDF không có lớp văn bản: cần nhận dạng ký tự (OCR)"

_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
)
_IMAGE_EXTENSIONS = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".gif": "GIF",
    ".bmp": "BMP",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"


def too_large(size: int, limit: int, name: str) -> UnreadableFile:
    """The refusal of a file of ``size`` bytes over ``limit``: one message wherever it is read."""
    return UnreadableFile(
        f"tệp quá lớn ({_megabytes(size)}), vượt giới hạn {_megabytes(limit)}", path=name
    )


def extract_text(
    path: str | os.PathLike[str], *, max_bytes: int | None = None, ocr: bool | None = None
) -> str:
    """The text of the file at ``path`` (see the module's description)."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    name = os.fspath(path)
    file = Path(name)
    try:
        if not file.exists():
            raise UnreadableFile("không tìm thấy tệp", path=name)
        if file.is_dir():
            raise UnreadableFile("đây là một thư mục, không phải một tệp", path=name)
        size = file.stat().st_size
        if size > max_bytes:
            raise too_large(size, max_bytes, name)
        with file.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError as error:
        raise UnreadableFile("không có quyền đọc tệp", path=name) from error
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        reason = getattr(error, "strerror", None) or error
        raise UnreadableFile(f"không đọc được tệp ({reason})", path=name) from error
    return extract_bytes(data, name, max_bytes=max_bytes, ocr=ocr)


@dataclass
class Extracted:
    """A file's text and how it was had: ``ocr`` (searchable PDF, confidence) for a scan,
    ``converted_from`` (``.doc``, ``.odt``, ``.rtf``) for a file LibreOffice converted."""

    text: str
    ocr: OCRResult | None = None
    converted_from: str | None = None


def ocr_allowed() -> bool:
    """Whether scans are OCRed when the caller does not say: yes, unless ``CONGVAN_OCR=0``
    (where Tesseract is missing, OCR then fails with a clear ``OCRUnavailable``)."""
    return os.environ.get("CONGVAN_OCR", "").strip().lower() not in ("0", "false", "no", "off")


def extract_bytes(
    data: bytes, filename: str, *, max_bytes: int | None = None, ocr: bool | None = None
) -> str:
    """The text of a file's bytes; ``filename`` gives the extension and the ``path`` of errors.

    ``ocr``: read scans by OCR (True), never (False), or as ``CONGVAN_OCR`` says (None)."""
    return extract_document(data, filename, max_bytes=max_bytes, ocr=ocr).text


def extract_document(
    data: bytes, filename: str, *, max_bytes: int | None = None, ocr: bool | None = None
) -> Extracted:
    """As :func:`extract_bytes`, with the OCR result or the conversion it took."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    try:
        return _extract(data, filename, max_bytes)
    except NeedsOCR as needs:
        if not (ocr_allowed() if ocr is None else ocr):
            raise
        from congvan.document.ocr import ocr_bytes

        try:
            result = ocr_bytes(data, filename)
        except NeedsOCR as error:
            error.path = error.path or needs.path
            raise
        return Extracted(result.text, ocr=result)


def _extract(data: bytes, filename: str, max_bytes: int) -> Extracted:
    name = filename
    if len(data) > max_bytes:
        raise too_large(len(data), max_bytes, name)
    if not data:
        raise UnreadableFile("tệp rỗng (0 byte)", path=name)
    extension = PurePath(filename).suffix.lower()
    kind = _sniff(data)
    if kind == "pdf":
        return Extracted(_pdf_text(data, name))
    if kind == "zip":
        if extension == ".docx" or _is_docx_zip(data):
            return Extracted(_docx_text(data, name))
        if extension == ".odt" or _is_odt_zip(data):
            return Extracted(_converted_text(data, name, ".odt"), converted_from=".odt")
        raise UnsupportedFormat(
            f"tệp là một gói nén ZIP{_named(extension)}, không phải văn bản Word (.docx); "
            f"{_supported()}",
            path=name,
        )
    if kind == "ole":
        if extension in (".doc", ".dot"):
            return Extracted(_converted_text(data, name, ".doc"), converted_from=".doc")
        if extension == ".docx":
            raise UnsupportedFormat(
                "tệp .docx được đặt mật khẩu (hoặc là tệp Word định dạng cũ .doc đặt sai tên): "
                "chưa đọc được; hãy mở bằng Word, bỏ mật khẩu và lưu lại thành .docx",
                path=name,
            )
        raise UnsupportedFormat(
            f"tệp Office định dạng cũ (OLE){_named(extension)}: chưa được hỗ trợ; {_supported()}",
            path=name,
        )
    if kind == "rtf":
        return Extracted(_converted_text(data, name, ".rtf"), converted_from=".rtf")
    if kind is not None and kind.startswith("image:"):
        raise NeedsOCR(
            f"tệp ảnh {kind.removeprefix('image:')}: cần nhận dạng ký tự (OCR)", path=name
        )
    if extension in (".txt", ".md"):
        return Extracted(_plain_text(data, name))
    if extension == ".pdf":
        raise UnreadableFile("tệp không phải PDF hợp lệ (thiếu phần đầu %PDF-)", path=name)
    if extension == ".docx":
        raise UnreadableFile(
            "tệp không phải .docx hợp lệ (không phải gói nén ZIP của Word)", path=name
        )
    if extension in (".odt", ".doc", ".rtf"):
        raise UnsupportedFormat(
            f"tệp không phải tệp{_named(extension)} hợp lệ (phần đầu tệp không đúng định dạng); "
            f"{_supported()}",
            path=name,
        )
    if extension in _IMAGE_EXTENSIONS:
        raise NeedsOCR(
            f"tệp ảnh {_IMAGE_EXTENSIONS[extension]}: cần nhận dạng ký tự (OCR)", path=name
        )
    raise UnsupportedFormat(f"không hỗ trợ định dạng{_named(extension)}; {_supported()}", path=name)


def _named(extension: str) -> str:
    return f" '{extension}'" if extension else " (tệp không có phần mở rộng)"


def _supported() -> str:
    return "các định dạng được hỗ trợ: " + ", ".join(SUPPORTED_EXTENSIONS)


def _sniff(data: bytes) -> str | None:
    """The type the first bytes announce: pdf, zip, ole, rtf, image:NAME or None."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":
        return "rtf"
    for magic, image in _IMAGE_MAGIC:
        if data.startswith(magic):
            return f"image:{image}"
    return None


# ---------------------------------------------------------------------------------------------
# Plain text


def _plain_text(data: bytes, name: str) -> str:
    text = decode_bytes(data, path=name)
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------------------------
# .doc, .odt, .rtf through LibreOffice


class LibreOfficeMissing(UnsupportedFormat):
    """A .doc/.odt/.rtf file on a machine without LibreOffice."""


class ConversionFailed(UnsupportedFormat):
    """LibreOffice could not convert the file (damaged, password, timeout)."""


def find_soffice() -> str | None:
    """LibreOffice: ``$CONGVAN_SOFFICE``, else ``soffice``/``libreoffice`` on PATH."""
    configured = os.environ.get("CONGVAN_SOFFICE")
    if configured:
        return configured if Path(configured).exists() or shutil.which(configured) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


_FORMAT_NAMES = {".doc": "Word định dạng cũ (.doc)", ".odt": "OpenDocument (.odt)", ".rtf": ".rtf"}


def _is_odt_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("mimetype") as member:
            # the head only: a mimetype member may be a bomb
            return member.read(64).startswith(b"application/vnd.oasis.opendocument.text")
    except (KeyError, *ZIP_ERRORS):  # zlib.error: a damaged member (found by fuzz/fuzz.py)
        return False


def _converted_text(data: bytes, name: str, extension: str) -> str:
    """A .doc/.odt/.rtf file converted to .docx by LibreOffice headless, then read as .docx."""
    described = _FORMAT_NAMES[extension]
    if extension == ".odt":
        _check_zip(data, name)
    binary = find_soffice()
    if not binary:
        raise LibreOfficeMissing(
            f"tệp {described}: cần LibreOffice để đọc nhưng máy chưa cài "
            "(Debian: apt-get install libreoffice-writer-nogui)",
            path=name,
        )
    with tempfile.TemporaryDirectory(prefix="congvan-convert-") as tmp:
        folder = Path(tmp)
        source = folder / f"input{extension}"
        source.write_bytes(data)
        command = [
            binary,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                timeout=SOFFICE_TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except FileNotFoundError as error:
            raise LibreOfficeMissing(
                f"tệp {described}: không chạy được LibreOffice ({binary})", path=name
            ) from error
        except subprocess.TimeoutExpired as error:
            raise ConversionFailed(
                f"tệp {described}: LibreOffice không chuyển xong sau {SOFFICE_TIMEOUT} giây",
                path=name,
            ) from error
        target = folder / "out" / "input.docx"
        if result.returncode != 0 or not target.exists() or target.stat().st_size == 0:
            raise ConversionFailed(
                f"tệp {described} bị hỏng hoặc được đặt mật khẩu: LibreOffice không chuyển được "
                "sang .docx",
                path=name,
            )
        converted = target.read_bytes()
    text = _docx_text(converted, name)
    if not text.strip():
        raise ConversionFailed(
            f"tệp {described} không có chữ nào đọc được (tệp rỗng hoặc bị hỏng)", path=name
        )
    return text


# ---------------------------------------------------------------------------------------------
# DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TXBX = _W + "txbxContent"
# Elements whose children hold the runs of a paragraph (or the rows/cells of a table).
_TRANSPARENT = {
    _W + name
    for name in (
        "hyperlink",
        "ins",
        "smartTag",
        "customXml",
        "fldSimple",
        "bdo",
        "dir",
        "moveTo",
        "sdtContent",
    )
}


def _is_docx_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except ZIP_ERRORS:  # NotImplementedError: «zip file version 8.4» (found by fuzz/fuzz.py)
        return False


def _check_zip(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except ZIP_ERRORS as error:
        raise UnreadableFile(
            "tệp .docx bị hỏng: không mở được gói nén ZIP bên trong", path=name
        ) from error
    if len(members) > MAX_ZIP_MEMBERS:
        raise UnreadableFile(
            f"tệp .docx chứa quá nhiều thành phần ({len(members)}): có thể là tệp độc hại",
            path=name,
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(
            f"tệp .docx giải nén ra quá lớn ({_megabytes(unpacked)}, giới hạn "
            f"{_megabytes(MAX_UNPACKED_BYTES)}): có thể là «bom nén», không mở",
            path=name,
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise UnreadableFile("tệp .docx được mã hóa, không đọc được", path=name)


def _docx_text(data: bytes, name: str) -> str:
    _check_zip(data, name)
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
        fonts = _StyleFonts(document)
        blocks = list(_body_blocks(document.element.body, fonts))
    except Exception as error:  # a damaged package can fail anywhere inside python-docx/lxml
        raise UnreadableFile(
            "tệp .docx bị hỏng hoặc không phải văn bản Word, không đọc được", path=name
        ) from error
    text = "\n\n".join(blocks)
    text = repair_legacy_text(text)  # legacy text whose font name was lost
    text = unicodedata.normalize("NFC", text.replace("\u00ad", ""))
    return text + "\n" if text else ""


class _StyleFonts:
    """The font (w:hAnsi, else w:ascii) of each style, following w:basedOn, and the default."""

    def __init__(self, document: Any) -> None:
        styles_element = document.styles.element
        self._by_id: dict[str, Any] = {}
        self._default_paragraph: str | None = None
        for style in styles_element.findall(_W + "style"):
            style_id = style.get(_W + "styleId")
            if style_id:
                self._by_id[style_id] = style
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true"):
                self._default_paragraph = style_id
        defaults = styles_element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.default = _rpr_font(defaults)
        self._cache: dict[str, str | None] = {}

    def font(self, style_id: str | None) -> str | None:
        if style_id is None:
            return None
        if style_id not in self._cache:
            self._cache[style_id] = None  # guards against basedOn loops
            font, seen, current = None, set(), style_id
            while current and current not in seen and font is None:
                seen.add(current)
                style = self._by_id.get(current)
                if style is None:
                    break
                font = _rpr_font(style.find(_W + "rPr"))
                based_on = style.find(_W + "basedOn")
                current = based_on.get(_W + "val") if based_on is not None else None
            self._cache[style_id] = font
        return self._cache[style_id]

    def paragraph_font(self, paragraph: Any) -> str | None:
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(_W + "val") if style is not None else self._default_paragraph
        return self.font(style_id) or self.font(self._default_paragraph) or self.default


def _rpr_font(rpr: Any) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(_W + "rFonts")
    if fonts is None:
        return None
    return fonts.get(_W + "hAnsi") or fonts.get(_W + "ascii")


def _legacy_font(font: str | None) -> tuple[str | None, bool]:
    """(legacy encoding of a font name, whether it is an all-capitals font like .VnTimeH)."""
    if not font:
        return None, False
    lowered = font.strip().lower()
    if lowered.startswith(".vn"):
        return "tcvn3", font.strip().endswith("H")
    if lowered.startswith(("vni-", "vni ")):
        return "vni", False
    return None, False


def _body_blocks(container: Any, fonts: _StyleFonts) -> Iterator[str]:
    """Blocks of text (paragraphs, table cells) of a body, a cell or a text box, in order."""
    for child in container:
        tag = child.tag
        if tag == _W + "p":
            text, boxes = _paragraph(child, fonts)
            if text.strip():
                yield text
            for box in boxes:
                yield from _body_blocks(box, fonts)
        elif tag == _W + "tbl":
            yield from _table_blocks(child, fonts)
        elif tag in (_W + "sdt", _W + "customXml"):
            yield from _body_blocks(_content(child), fonts)
        elif tag == _MC + "AlternateContent":
            choice = child.find(_MC + "Choice")
            if choice is not None:
                yield from _body_blocks(choice, fonts)


def _rows(table: Any) -> Iterator[Any]:
    for child in table:
        if child.tag == _W + "tr":
            yield child
        elif child.tag in _TRANSPARENT or child.tag in (_W + "sdt", _W + "customXml"):
            yield from _rows(child)


def _cells(row: Any) -> Iterator[Any]:
    for child in row:
        if child.tag == _W + "tc":
            yield child
        elif child.tag in _TRANSPARENT or child.tag in (_W + "sdt", _W + "customXml"):
            yield from _cells(child)


def _table_blocks(table: Any, fonts: _StyleFonts) -> Iterator[str]:
    """Each cell of each row in order, its paragraphs as lines; nested tables as own blocks.

    Walking the XML gives a cell merged across columns (w:gridSpan) once, unlike python-docx's
    ``row.cells``; the continuation of a vertically merged cell (w:vMerge) is skipped.
    """
    for row in _rows(table):
        for cell in _cells(row):
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(_W + "val") in (None, "continue"):
                continue  # the lower part of a vertically merged cell
            lines: list[str] = []
            for block in _cell_blocks(cell, fonts):
                if isinstance(block, list):
                    lines.extend(block)
                    continue
                if lines:
                    yield "\n".join(lines)
                    lines = []
                yield block
            if lines:
                yield "\n".join(lines)


def _cell_blocks(cell: Any, fonts: _StyleFonts) -> Iterator[list[str] | str]:
    """A cell's content: lists of lines (its paragraphs) and strings (blocks of nested tables)."""
    for child in cell:
        if child.tag == _W + "p":
            text, boxes = _paragraph(child, fonts)
            if text.strip():
                yield [line for line in text.split("\n") if line.strip()]
            for box in boxes:
                yield from _body_blocks(box, fonts)
        elif child.tag == _W + "tbl":
            yield from _table_blocks(child, fonts)
        elif child.tag in (_W + "sdt", _W + "customXml"):
            yield from _cell_blocks(_content(child), fonts)


def _content(element: Any) -> Any:
    content = element.find(_W + "sdtContent")
    return element if content is None else content


def _paragraph(paragraph: Any, fonts: _StyleFonts) -> tuple[str, list[Any]]:
    """(text of a paragraph with legacy fonts converted, the text boxes anchored in it)."""
    default_font = fonts.paragraph_font(paragraph)
    pieces: list[tuple[str, str | None, bool]] = []  # (text, legacy encoding, capitals font)
    boxes: list[Any] = []
    _collect_runs(paragraph, fonts, default_font, pieces, boxes)
    original = "".join(text for text, _, _ in pieces)
    if not any(encoding for _, encoding, _ in pieces):
        return original.rstrip(), boxes
    converted = []
    for text, encoding, capitals in pieces:
        if encoding:
            text = repair_legacy_text(text, encoding=encoding)
            if capitals:
                text = text.upper()
        converted.append(text)
    joined = "".join(converted)
    # Trust the font unless the text already reads as Unicode Vietnamese (Word keeps a legacy
    # font name on runs typed later in Unicode) and the conversion does not read better.
    before = _score(unicodedata.normalize("NFC", original))
    after = _score(joined)
    if before.valid + before.invalid == 0 or before.ratio <= 0.5 or after.total > before.total:
        return joined.rstrip(), boxes
    return original.rstrip(), boxes


def _collect_runs(
    element: Any,
    fonts: _StyleFonts,
    paragraph_font: str | None,
    pieces: list[tuple[str, str | None, bool]],
    boxes: list[Any],
) -> None:
    for child in element:
        tag = child.tag
        if tag == _W + "r":
            _run(child, fonts, paragraph_font, pieces, boxes)
        elif tag in _TRANSPARENT or tag == _W + "sdt":
            _collect_runs(_content(child), fonts, paragraph_font, pieces, boxes)
        elif tag == _MC + "AlternateContent":
            choice = child.find(_MC + "Choice")
            if choice is not None:
                _collect_runs(choice, fonts, paragraph_font, pieces, boxes)


def _run(
    run: Any,
    fonts: _StyleFonts,
    paragraph_font: str | None,
    pieces: list[tuple[str, str | None, bool]],
    boxes: list[Any],
) -> None:
    rpr = run.find(_W + "rPr")
    font = _rpr_font(rpr)
    if font is None and rpr is not None:
        style = rpr.find(_W + "rStyle")
        if style is not None:
            font = fonts.font(style.get(_W + "val"))
    encoding, capitals = _legacy_font(font or paragraph_font)
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _W + "softHyphen":
            parts.append("\u00ad")  # TCVN3's ư (0xAD) may be stored so; dropped at the end
        elif tag in (_W + "drawing", _W + "pict", _MC + "AlternateContent"):
            boxes.extend(_text_boxes(child))
    if parts:
        pieces.append(("".join(parts), encoding, capitals))


def _text_boxes(element: Any) -> list[Any]:
    """The outermost w:txbxContent inside a drawing, skipping mc:Fallback duplicates."""
    found: list[Any] = []

    def walk(node: Any) -> None:
        for child in node:
            if child.tag == _MC + "Fallback":
                continue
            if child.tag == _TXBX:
                found.append(child)
            else:
                walk(child)

    if element.tag == _TXBX:
        return [element]
    walk(element)
    return found


# ---------------------------------------------------------------------------------------------
# PDF


def _pdf_text(data: bytes, name: str) -> str:
    import pdfplumber

    pages: list[str] = []
    try:
        with _pdf_budget(), pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise UnreadableFile("tệp PDF không có trang nào", path=name)
            for page in pdf.pages:
                pages.append(_page_layout(page))
                page.close()  # its characters and layout, no longer needed
    except UnreadableFile:
        raise
    except Exception as error:  # pdfminer raises many kinds of errors on damaged files
        limit = _cause(error, _PdfLimit)
        if limit is not None:
            raise UnreadableFile(str(limit), path=name) from error
        if _encrypted(error):
            raise UnreadableFile(
                "tệp PDF được đặt mật khẩu (mã hóa): không đọc được nội dung", path=name
            ) from error
        raise UnreadableFile("tệp PDF bị hỏng, không đọc được", path=name) from error
    if not any(page.strip() for page in pages):
        raise NeedsOCR(NO_TEXT_LAYER, path=name)
    text = "\f".join(pages)
    text = repair_legacy_text(text)  # PDFs made from .VnTime documents keep the legacy bytes
    return unicodedata.normalize("NFC", text) + "\n"


def _encrypted(error: BaseException) -> bool:
    """Whether a pdfplumber error is, or wraps, pdfminer's encryption/password error."""
    from pdfminer.pdfdocument import PDFEncryptionError

    return _cause(error, PDFEncryptionError) is not None


def _cause(error: BaseException, kind: type[_E]) -> _E | None:
    """The error of type ``kind`` that ``error`` is or wraps (pdfplumber wraps pdfminer's)."""
    seen: set[int] = set()
    stack: list[object] = [error]
    while stack:
        current = stack.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, kind):
            return current
        stack.extend([current.__cause__, current.__context__, *current.args])
    return None


# pdfminer has no limits of its own: guards around the few places a hostile PDF makes it loop
# for ever or allocate without bound. Installed once, they act only inside ``_pdf_budget()``
# (per thread), except the reference-chain guard, which changes nothing for a sound file.


class _PdfLimit(Exception):
    """Raised inside pdfminer when a PDF goes past a limit; its text is the message for people."""


class _Budget:
    def __init__(self) -> None:
        self.unpacked = self.content = self.chars = 0
        self.max_unpacked, self.max_content = MAX_UNPACKED_BYTES, MAX_PDF_CONTENT_BYTES
        self.max_page_chars, self.max_chars = MAX_PDF_PAGE_CHARS, MAX_PDF_CHARS

    def unpack(self, size: int) -> None:
        self.unpacked += size
        if self.unpacked > self.max_unpacked:
            raise _PdfLimit(
                f"tệp PDF giải nén ra quá lớn (trên {_megabytes(self.max_unpacked)}): "
                "có thể là «bom nén», không mở"
            )

    def left(self) -> int:
        return max(0, self.max_unpacked - self.unpacked)

    def char(self, device: Any) -> None:
        """One more character drawn by ``device`` (pdfplumber makes one device per page)."""
        self.chars += 1
        on_page = device.__dict__.get("_congvan_chars", 0) + 1
        device._congvan_chars = on_page
        if on_page > self.max_page_chars or self.chars > self.max_chars:
            where = "một trang" if on_page > self.max_page_chars else "cả tệp"
            limit = self.max_page_chars if on_page > self.max_page_chars else self.max_chars
            raise _PdfLimit(
                f"tệp PDF có quá nhiều ký tự (trên {limit:,} ký tự {where}): có thể là tệp độc "
                "hại, không đọc".replace(",", ".")
            )

    def draw(self, size: int) -> None:
        self.content += size
        if self.content > self.max_content:
            raise _PdfLimit(
                f"tệp PDF có nội dung trang quá lớn (trên {_megabytes(self.max_content)} lệnh vẽ "
                "sau khi giải nén): có thể là tệp độc hại, không đọc"
            )


_LOCAL = threading.local()
_GUARDS_LOCK = threading.Lock()
_guards_installed = False
#: Objects that are only a reference to the next, followed at most this far (more: a circle).
_MAX_REFERENCE_CHAIN = 64
_MAX_FONT_CODES = 1 << 17
_FONT_WIDTHS = "tệp PDF bị hỏng: bảng độ rộng phông chữ quá lớn, không đọc được"
_REFERENCE_LOOP = (
    "tệp PDF bị hỏng: các đối tượng trong tệp tham chiếu vòng tròn lẫn nhau, không đọc được"
)


def _budget() -> _Budget | None:
    return getattr(_LOCAL, "budget", None)


@contextmanager
def _pdf_budget() -> Iterator[None]:
    _install_pdf_guards()
    previous, _LOCAL.budget = _budget(), _Budget()
    try:
        yield
    finally:
        _LOCAL.budget = previous


def _install_pdf_guards() -> None:
    global _guards_installed
    with _GUARDS_LOCK:
        if _guards_installed:
            return
        from pdfminer import converter, pdffont, pdfinterp, pdftypes

        resolve = pdftypes.PDFObjRef.resolve

        def bounded_resolve(self: Any, default: object = None) -> Any:
            # pdfminer's resolve1 follows reference after reference: 6 → 7 → 6 never ends
            found = resolve(self, default)
            for _ in range(_MAX_REFERENCE_CHAIN):
                if not isinstance(found, pdftypes.PDFObjRef):
                    return found
                found = resolve(found, default)
            raise _PdfLimit(_REFERENCE_LOOP)

        fillfp = pdfinterp.PDFContentParser.fillfp

        def counted_fillfp(self: Any) -> bool:
            started = fillfp(self)
            budget = _budget()
            if started and budget is not None:  # a content stream begins: count it
                with self.fp.getbuffer() as view:
                    budget.draw(view.nbytes)
            return started

        render_char = converter.PDFLayoutAnalyzer.render_char

        def counted_render_char(self: Any, *args: Any, **kwargs: Any) -> Any:
            budget = _budget()
            if budget is not None:
                budget.char(self)
            return render_char(self, *args, **kwargs)

        def bounded_widths(original: Any, numbers: int) -> Any:
            # a font's width table names ranges of codes (`0 99999999 500`): pdfminer fills
            # one entry per code; a font has at most 65,536 of them
            def widths(seq: Any) -> Any:
                seq = list(seq)
                codes, run = 0, []
                for value in map(pdftypes.resolve1, seq):
                    if isinstance(value, list):
                        codes, run = codes + len(value), []
                    elif isinstance(value, int | float):
                        run.append(value)
                        if len(run) == numbers:
                            first, last = run[0], run[1]
                            if isinstance(first, int) and isinstance(last, int):
                                codes += max(0, last - first + 1)
                            run = []
                    if codes > _MAX_FONT_CODES:
                        raise _PdfLimit(_FONT_WIDTHS)
                return original(seq)

            return widths

        pdffont.get_widths = bounded_widths(pdffont.get_widths, 3)
        pdffont.get_widths2 = bounded_widths(pdffont.get_widths2, 5)
        pdftypes.PDFObjRef.resolve = bounded_resolve
        pdfinterp.PDFContentParser.fillfp = counted_fillfp
        converter.PDFLayoutAnalyzer.render_char = counted_render_char
        pdftypes.zlib = _BoundedZlib(pdftypes.zlib)
        pdftypes.decompress_corrupted = _decompress_corrupted(pdftypes.decompress_corrupted)
        pdftypes.lzwdecode = _bounded(pdftypes.lzwdecode, _lzw_decode)
        pdftypes.rldecode = _bounded(pdftypes.rldecode, _runlength_decode)
        _guards_installed = True


class _BoundedZlib:
    """``zlib`` as pdfminer's streams see it: ``decompress`` stops at the budget."""

    def __init__(self, module: Any) -> None:
        self._zlib = module
        self.error = module.error

    def __getattr__(self, name: str) -> Any:
        return getattr(self._zlib, name)

    def decompress(self, data: bytes, *args: Any, **kwargs: Any) -> bytes:
        budget = _budget()
        if budget is None or args or kwargs:
            return self._zlib.decompress(data, *args, **kwargs)
        inflater = self._zlib.decompressobj()
        out = inflater.decompress(data, budget.left() + 1)
        budget.unpack(len(out))
        if not inflater.eof:  # as zlib.decompress says; pdfminer then reads what it can
            budget.unpacked -= len(out)  # and counts it then
            raise self._zlib.error("Error -5 while decompressing data: incomplete stream")
        return out


def _decompress_corrupted(original: Any) -> Any:
    def read_what_can_be(data: bytes) -> bytes:
        # pdfminer's own feeds one byte at a time onto a growing bytes: quadratic, unbounded.
        # The same result: what precedes damage in the last 3 bytes (the checksum), else error.
        budget = _budget()
        if budget is None:
            return original(data)
        inflater, out, at, step = zlib.decompressobj(), bytearray(), 0, 4096
        while at < len(data) and not inflater.eof:
            saved = inflater.copy()
            try:
                piece = inflater.decompress(data[at : at + step], budget.left() + 1)
            except zlib.error:
                if step > 1:  # find the damaged byte, one at a time within this piece
                    inflater, step = saved, 1
                    continue
                if at < len(data) - 3:
                    raise
                break
            at += step
            budget.unpack(len(piece))  # raises before a piece cut short at the budget is kept
            out += piece
        return bytes(out)

    return read_what_can_be


def _bounded(original: Any, bounded: Any) -> Any:
    def decode(data: bytes) -> bytes:
        budget = _budget()
        return original(data) if budget is None else bounded(data, budget)

    return decode


def _lzw_decode(data: bytes, budget: _Budget) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out, counted = bytearray(), 0
    for piece in LZWDecoder(io.BytesIO(data)).run():
        out += piece
        if len(out) - counted > 65536:
            budget.unpack(len(out) - counted)
            counted = len(out)
    budget.unpack(len(out) - counted)
    return bytes(out)


def _runlength_decode(data: bytes, budget: _Budget) -> bytes:
    """RunLengthDecode (PDF 1.7, 7.4.5), into bytes rather than pdfminer's list of ints."""
    out, at, counted = bytearray(), 0, 0
    while at < len(data) and data[at] != 128:
        length = data[at]
        if length < 128:
            out += data[at + 1 : at + 2 + length]
            at += length + 2
        else:
            out += data[at + 1 : at + 2] * (257 - length)
            at += 2
        if len(out) - counted > 65536:
            budget.unpack(len(out) - counted)
            counted = len(out)
    budget.unpack(len(out) - counted)
    return bytes(out)


def _page_layout(page: Any) -> str:
    """A page's words placed on a character grid, much like ``pdftotext -layout``.

    Words are grouped into lines by their top; a gap of about two characters or more keeps the
    word's column (so the two columns of a dispatch header stay apart), a smaller one is one
    space; a vertical gap of more than about two lines becomes one blank line.
    """
    words = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False)
    if not words:
        return ""
    widths = [(w["x1"] - w["x0"]) / len(w["text"]) for w in words if w["text"]]
    char_width = max(statistics.median(widths), 1.0) if widths else 5.0
    heights = [w["bottom"] - w["top"] for w in words]
    line_height = max(statistics.median(heights), 1.0)
    left = min(w["x0"] for w in words)

    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= line_height * 0.5:
            lines[-1].append(word)
        else:
            lines.append([word])

    out: list[str] = []
    previous_top: float | None = None
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        top = line[0]["top"]
        if previous_top is not None and top - previous_top > line_height * 2.2:
            out.append("")
        previous_top = top
        text = ""
        previous_end = None
        for word in line:
            column = round((word["x0"] - left) / char_width)
            if previous_end is None:
                text = " " * column
            elif word["x0"] - previous_end >= char_width * 2:
                text += " " * max(1, column - len(text))
            else:
                text += " "
            text += word["text"]
            previous_end = word["x1"]
        out.append(text.rstrip())
    return "\n".join(out)
