"""Seeds of the fuzzer, built at start-up: dispatch texts, DOCX and PDF files made from them, files
of other kinds, and edXML packages.

Texts are the project's seed dispatches (``tests/fixtures/seeds``) and synthetic ones in every
converter style. DOCX and PDF files are written here by hand, small (a few kB, so a mutation
reaches deep into the reader), with the constructs the readers handle: header tables, text
boxes, legacy fonts, style loops; text, compressed and multi-page PDFs, PDFs whose page tree or
objects refer to themselves. edXML seeds are packages written by ``congvan.document.edxml`` and
the samples of ``../shared/reference/edxml-samples`` when that folder exists (read in place; their
large attachments are swapped for small ones so every seed stays under :data:`MAX_INPUT`).
"""

from __future__ import annotations

import base64
import io
import json
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from congvan.document import edxml, synthetic
from congvan.document.legacy import ENCODINGS, encode_legacy
from congvan.document.model import Document
from congvan.document.vntext import fold

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
SAMPLES = ROOT.parent / "shared" / "reference" / "edxml-samples"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")

#: Largest input handed to a reader: keeps each one to milliseconds.
MAX_INPUT = 64 * 1024

SENDER = edxml.Organ(organ_id="000.00.00.H41", name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG")


@dataclass
class Corpus:
    texts: list[str] = field(default_factory=list)
    records: list[Document] = field(default_factory=list)
    # (kind, bytes): kind is the format the bytes are (txt, docx, pdf, other)
    files: list[tuple[str, bytes]] = field(default_factory=list)
    # the members of each DOCX seed, so the XML inside can be mutated and zipped again
    docx_parts: list[dict[str, bytes]] = field(default_factory=list)
    packages: list[bytes] = field(default_factory=list)
    samples: int = 0  # how many of the packages are ../shared samples

    def of_kind(self, kind: str) -> list[bytes]:
        return [data for k, data in self.files if k == kind]


def build(synthetic_count: int = 40) -> Corpus:
    corpus = Corpus()
    for path in sorted(SEEDS.glob("*.txt")):
        corpus.texts.append(path.read_text(encoding="utf-8"))
    for path in sorted(SEEDS.glob("*.json")):
        corpus.records.append(Document.from_json(json.loads(path.read_text(encoding="utf-8"))))
    for record, text in synthetic.iter_pairs(synthetic_count, seed=20):
        if len(text.encode("utf-8")) <= MAX_INPUT:
            corpus.texts.append(text)
        corpus.records.append(record)
    _text_files(corpus)
    _docx_files(corpus)
    _pdf_files(corpus)
    _other_files(corpus)
    _packages(corpus)
    return corpus


# ---------------------------------------------------------------------------------------------
# Plain text in every encoding the reader knows


def _text_files(corpus: Corpus) -> None:
    for i, text in enumerate(corpus.texts[:12]):
        corpus.files.append(("txt", text.encode("utf-8")))
        if i < 4:
            corpus.files.append(("txt", text.encode("utf-8-sig")))
            corpus.files.append(("txt", text.encode("utf-16")))
            corpus.files.append(("txt", text.replace("\n", "\r\n").encode("utf-16-le")))
            for encoding in ENCODINGS:
                corpus.files.append(("txt", encode_legacy(text, encoding, errors="replace")))
            corpus.files.append(("txt", unicodedata.normalize("NFD", text).encode("utf-8")))


# ---------------------------------------------------------------------------------------------
# DOCX, written by hand: a few kB instead of python-docx's 37 kB template

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>'
)
# A default paragraph style in a legacy font, a character style, and two styles based on each
# other (a loop the reader must survive).
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:styles xmlns:w="{W}">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" '
    'w:hAnsi="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="Legacy"><w:basedOn w:val="Normal"/>'
    '<w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Vni"><w:rPr><w:rFonts w:hAnsi="VNI-Times"/>'
    "</w:rPr></w:style>"
    '<w:style w:type="paragraph" w:styleId="LoopA"><w:basedOn w:val="LoopB"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="LoopB"><w:basedOn w:val="LoopA"/></w:style>'
    "</w:styles>"
)


def _run(text: str, font: str | None = None, style: str | None = None) -> str:
    props = ""
    if font or style:
        props = "<w:rPr>"
        if style:
            props += f'<w:rStyle w:val="{style}"/>'
        if font:
            props += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>'
        props += "</w:rPr>"
    parts = text.split("\t")
    body = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in parts)
    return f"<w:r>{props}{body}</w:r>"


def _paragraph(text: str, style: str | None = None, runs: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{runs if runs is not None else _run(text)}</w:p>"


def _cell(*lines: str, merge: str | None = None) -> str:
    props = ""
    if merge is not None:
        value = f' w:val="{merge}"' if merge else ""
        props = f"<w:tcPr><w:vMerge{value}/></w:tcPr>"
    return f"<w:tc>{props}{''.join(_paragraph(line) for line in lines)}</w:tc>"


def _legacy(text: str, encoding: str) -> str:
    # .VnTime documents keep the legacy bytes as Windows-1252 characters
    return encode_legacy(text, encoding, errors="replace").decode("cp1252", errors="replace")


def docx_document_xml(text: str, variant: int) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    head, body = lines[:6], lines[6:60]
    blocks: list[str] = []
    if variant % 2 == 0 and len(head) >= 4:
        # the usual two-column header table, with a merged cell and a nested table
        nested = (
            f"<w:tbl><w:tr>{_cell('bảng lồng')}{_cell('ô 2')}</w:tr></w:tbl>"
            if variant % 4 == 0
            else ""
        )
        blocks.append(
            "<w:tbl>"
            f"<w:tr>{_cell(head[0], head[1], merge='restart')}{_cell(head[2])}</w:tr>"
            f"<w:tr>{_cell('', merge='')}<w:tc>{_paragraph(head[3])}{nested}"
            f"{_paragraph('')}</w:tc></w:tr>"
            "</w:tbl>"
        )
        head = head[4:]
    for line in head:
        blocks.append(_paragraph(line))
    for i, line in enumerate(body):
        if variant % 3 == 0 and i % 7 == 3:
            blocks.append(_paragraph("", style="Legacy", runs=_run(_legacy(line, "tcvn3"))))
        elif variant % 3 == 1 and i % 9 == 4:
            blocks.append(_paragraph("", runs=_run(_legacy(line, "vni"), style="Vni")))
        elif i % 11 == 5:
            blocks.append(_paragraph(line, style="LoopA"))
        elif i % 13 == 6:
            box = (
                '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
                'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing>'
                f"<w:txbxContent>{_paragraph(line)}</w:txbxContent></w:drawing></mc:Choice>"
                f"<mc:Fallback><w:pict><w:txbxContent>{_paragraph(line)}</w:txbxContent>"
                "</w:pict></mc:Fallback></mc:AlternateContent>"
            )
            blocks.append(f"<w:p><w:r><w:t>hộp</w:t></w:r><w:r>{box}</w:r></w:p>")
        elif i % 17 == 8:
            blocks.append(
                f"<w:p><w:hyperlink><w:r><w:t>{escape(line)}</w:t></w:r></w:hyperlink>"
                "<w:del><w:r><w:delText>xoá</w:delText></w:r></w:del>"
                "<w:r><w:br/><w:noBreakHyphen/><w:softHyphen/></w:r></w:p>"
            )
        else:
            blocks.append(_paragraph(line))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>{"".join(blocks)}<w:sectPr/></w:body></w:document>'
    )


def docx_parts(text: str, variant: int) -> dict[str, bytes]:
    return {
        "[Content_Types].xml": _CONTENT_TYPES.encode(),
        "_rels/.rels": _RELS.encode(),
        "word/_rels/document.xml.rels": _DOCUMENT_RELS.encode(),
        "word/styles.xml": _STYLES.encode(),
        "word/document.xml": docx_document_xml(text, variant).encode("utf-8"),
    }


def zip_parts(parts: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx_files(corpus: Corpus) -> None:
    for variant, text in enumerate(corpus.texts[:8]):
        parts = docx_parts(text, variant)
        data = zip_parts(parts)
        if len(data) <= MAX_INPUT:
            corpus.docx_parts.append(parts)
            corpus.files.append(("docx", data))


# ---------------------------------------------------------------------------------------------
# PDF, written by hand (and by fpdf2 with a Vietnamese font where it is installed)


def pdf_bytes(objects: list[bytes], *, root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF with objects 1…n (bodies given) and a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer,
        start,
    )
    return bytes(out)


def pdf_stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(content), extra, content)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def _pdf_string(line: str) -> bytes:
    raw = fold(line).encode("latin-1", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_content(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 14 TL 56 780 Td"]
    for line in lines:
        ops.append(_pdf_string(line) + b" '")
    ops.append(b"ET")
    return b"\n".join(ops)


def text_pdf(lines: list[str], *, pages: int = 1, compress: bool = False) -> bytes:
    """Text in Helvetica (diacritics folded away), ``pages`` pages sharing one font."""
    per_page = max(1, len(lines) // pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages)).encode()
    font_number = 3 + 2 * pages
    objects = [_CATALOG, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
    for i in range(pages):
        content = pdf_content(lines[i * per_page : (i + 1) * per_page])
        stream = (
            pdf_stream(zlib.compress(content), b"/Filter /FlateDecode ")
            if compress
            else pdf_stream(content)
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font_number)
        )
        objects.append(stream)
    objects.append(_FONT)
    return pdf_bytes(objects)


def loop_pdfs(lines: list[str]) -> list[bytes]:
    """PDFs whose references go round in circles: the hostile files of the issue."""
    content = pdf_stream(pdf_content([line[:40] for line in lines[:4]]))
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>"
    )
    return [
        # a page tree that contains itself
        pdf_bytes([_CATALOG, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", page,
                   content, _FONT]),
        # two page-tree nodes, each the other's only kid
        pdf_bytes([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                   b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>"]),
        # objects that are only references to each other (MediaBox → 6 → 7 → 6)
        pdf_bytes([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                   page.replace(b"[0 0 595 842]", b"6 0 R"), content, _FONT,
                   b"7 0 R", b"6 0 R"]),
        # an object that is a reference to itself, as the font
        pdf_bytes([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, content,
                   b"5 0 R"]),
        # a stream whose length is the stream itself
        pdf_bytes([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
                   b"<< /Length 4 0 R >>\nstream\n" + pdf_content(lines[:5]) + b"\nendstream",
                   _FONT]),
        # a catalog that is its own page tree
        pdf_bytes([b"<< /Type /Catalog /Pages 1 0 R /Kids [1 0 R] /Count 1 >>"]),
    ]  # fmt: skip


def _fpdf(text: str) -> bytes | None:
    try:
        from fpdf import FPDF
    except ImportError:
        return None
    if not FONT.exists():
        return None
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for line in text.split("\n")[:4]:
        pdf.multi_cell(0, 6, line[:60], new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _pdf_files(corpus: Corpus) -> None:
    for i, text in enumerate(corpus.texts[:6]):
        # a few short lines: pdfplumber spends ~150 µs a character, and the structure is what a
        # mutation is after
        lines = [line[:40] for line in text.split("\n") if line.strip()][: 3 * (1 + i % 3)]
        corpus.files.append(("pdf", text_pdf(lines, pages=1 + i % 3, compress=i % 2 == 1)))
    corpus.files += [("pdf", data) for data in loop_pdfs(corpus.texts[0].split("\n"))]
    made = _fpdf(corpus.texts[0])
    if made is not None and len(made) <= MAX_INPUT:
        corpus.files.append(("pdf", made))


# ---------------------------------------------------------------------------------------------
# Other kinds: what the sniffing must tell apart


def _other_files(corpus: Corpus) -> None:
    text = corpus.texts[0]
    odt = zip_parts(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<office:document-content/>",
        },
        compression=zipfile.ZIP_STORED,
    )
    corpus.files += [
        ("other", b"{\\rtf1\\ansi " + text[:300].encode("ascii", "replace") + b"}"),
        ("other", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
        ("other", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ("other", b"\xff\xd8\xff\xe0" + bytes(64)),
        ("other", b"GIF89a" + bytes(32)),
        ("other", b"II*\x00" + bytes(32)),
        ("other", odt),
        ("other", zip_parts({"hello.txt": text[:500].encode("utf-8")})),
        ("other", b""),
        ("other", bytes(range(256))),
    ]


# ---------------------------------------------------------------------------------------------
# edXML packages


def small_attachments(corpus: Corpus) -> list[edxml.Attachment]:
    text = corpus.texts[0]
    return [
        edxml.Attachment("cong-van.txt", text[:2000].encode("utf-8"), "text/plain"),
        edxml.Attachment("cong-van.docx", zip_parts(docx_parts(text[:1500], 0))),
        edxml.Attachment("cong-van.pdf", text_pdf(text.split("\n")[:4]), "application/pdf"),
    ]


def _shrunk(data: bytes, replacements: list[bytes]) -> bytes:
    """A sample package with each attachment's base64 swapped for a small file's."""
    count = 0

    def swap(match: re.Match[bytes]) -> bytes:
        nonlocal count
        count += 1
        return match.group(1) + replacements[count % len(replacements)] + match.group(3)

    return re.sub(
        rb"(<(?:[\w.-]+:)?ContentTransferEncoded[^>]*>)(.*?)(</(?:[\w.-]+:)?ContentTransferEncoded>)",
        swap,
        data,
        flags=re.S,
    )


def _packages(corpus: Corpus) -> None:
    attachments = small_attachments(corpus)
    for i, record in enumerate(corpus.records[:10]):
        package = edxml.package_for(
            record, sender=SENDER, attachments=attachments[: 1 + i % 3], include_record=i % 4 != 3
        )
        data = edxml.write_package(package, zip_attachments=i % 2 == 1)
        if len(data) <= MAX_INPUT:
            corpus.packages.append(data)
    response = edxml.ResponseFor("000.00.00.G22", "12/UBND-VP", "2020-07-05", "000.00.00.G22,x")
    for code in ("01", "03", "06", "13", "16"):
        status = edxml.Status(
            sender=SENDER, response_for=response, code=code, description="Đã tiếp nhận"
        )
        corpus.packages.append(edxml.write_status(status))
    if SAMPLES.is_dir():
        small = [base64.b64encode(a.data) for a in attachments]
        for path in sorted(SAMPLES.glob("*.edxml")):
            data = _shrunk(path.read_bytes(), small)
            if len(data) <= MAX_INPUT:
                corpus.packages.append(data)
                corpus.samples += 1
