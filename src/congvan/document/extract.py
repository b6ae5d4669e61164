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
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from congvan.document.errors import NeedsOCR, UnreadableFile, UnsupportedFormat
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
]

#: Largest file read, in bytes (override with ``max_bytes=``).
MAX_BYTES = 50 * 1024 * 1024
#: Largest total a ``.docx`` may unpack to, by the sizes its zip directory declares.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: Most members a ``.docx`` zip may hold.
MAX_ZIP_MEMBERS = 10_000
SUPPORTED_EXTENSIONS = (".txt", ".md", ".docx", ".pdf", ".doc", ".odt", ".rtf")
#: Scans read when OCR is allowed (PDFs without a text layer too).
OCR_EXTENSIONS = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp")
#: Seconds LibreOffice may take to convert one file.
SOFFICE_TIMEOUT = 180

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


def _too_large(size: int, limit: int, name: str) -> UnreadableFile:
    return UnreadableFile(
        f"tệp quá lớn ({_megabytes(size)}), vượt giới hạn {_megabytes(limit)}", path=name
    )


def extract_text(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, ocr: bool | None = None
) -> str:
    """The text of the file at ``path`` (see the module's description)."""
    name = os.fspath(path)
    file = Path(name)
    try:
        if not file.exists():
            raise UnreadableFile("không tìm thấy tệp", path=name)
        if file.is_dir():
            raise UnreadableFile("đây là một thư mục, không phải một tệp", path=name)
        size = file.stat().st_size
        if size > max_bytes:
            raise _too_large(size, max_bytes, name)
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
    data: bytes, filename: str, *, max_bytes: int = MAX_BYTES, ocr: bool | None = None
) -> str:
    """The text of a file's bytes; ``filename`` gives the extension and the ``path`` of errors.

    ``ocr``: read scans by OCR (True), never (False), or as ``CONGVAN_OCR`` says (None)."""
    return extract_document(data, filename, max_bytes=max_bytes, ocr=ocr).text


def extract_document(
    data: bytes, filename: str, *, max_bytes: int = MAX_BYTES, ocr: bool | None = None
) -> Extracted:
    """As :func:`extract_bytes`, with the OCR result or the conversion it took."""
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
        raise _too_large(len(data), max_bytes, name)
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
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument.text")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
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
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _check_zip(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
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
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise UnreadableFile("tệp PDF không có trang nào", path=name)
            for page in pdf.pages:
                pages.append(_page_layout(page))
    except UnreadableFile:
        raise
    except Exception as error:  # pdfminer raises many kinds of errors on damaged files
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

    seen: set[int] = set()
    stack: list[object] = [error]
    while stack:
        current = stack.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, PDFEncryptionError):
            return True
        stack.extend([current.__cause__, current.__context__, *current.args])
    return False


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
