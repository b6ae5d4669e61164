"""Mutations: byte havoc, text edits with dispatch fragments, and edits that know the format
(the XML inside a DOCX, the fields of a ZIP directory, PDF objects and references, edXML
elements and attachments). Every function takes a ``random.Random`` and returns an input of at
most :data:`corpus.MAX_INPUT` bytes (characters for text)."""

from __future__ import annotations

import base64
import copy
import json
import random
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Sequence

from lxml import etree

from congvan.document import edxml
from congvan.document.vntext import fold
from fuzz.corpus import MAX_INPUT, Corpus, zip_parts

Rng = random.Random

# ---------------------------------------------------------------------------------------------
# Bytes

_INTERESTING = [0, 1, 0x7F, 0x80, 0xFF, 0x0A, 0x0D, 0x20, 0x22, 0x25, 0x26, 0x2F, 0x3C, 0x3E]


def _span(rng: Rng, size: int) -> tuple[int, int]:
    start = rng.randrange(size)
    length = min(size - start, rng.choice((1, 2, 4, 8, 16, 64, 256, 4096)))
    return start, max(1, rng.randint(1, length))


def havoc(
    rng: Rng, data: bytes, *, others: Sequence[bytes] = (), tokens: Sequence[bytes] = ()
) -> bytes:
    """One to six stacked byte edits (AFL's havoc stage, with a dictionary of tokens)."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(13)
        if not out:
            op = 5
        if op == 0:  # flip a bit
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        elif op == 1:  # an interesting byte
            out[rng.randrange(len(out))] = rng.choice(_INTERESTING)
        elif op == 2:  # a random byte
            out[rng.randrange(len(out))] = rng.randrange(256)
        elif op == 3:  # delete a span
            start, length = _span(rng, len(out))
            del out[start : start + length]
        elif op == 4:  # copy a span elsewhere
            start, length = _span(rng, len(out))
            out[rng.randrange(len(out) + 1) : 0] = out[start : start + length]
        elif op == 5:  # insert random bytes
            at = rng.randrange(len(out) + 1)
            out[at:at] = rng.randbytes(rng.randint(1, 32))
        elif op == 6 and tokens:  # insert a token of the format
            at = rng.randrange(len(out) + 1)
            out[at:at] = rng.choice(tokens)
        elif op == 7 and others:  # splice with another seed
            other = rng.choice(others)
            out = out[: rng.randrange(len(out) + 1)] + other[rng.randrange(len(other) + 1) :]
        elif op == 8:  # truncate
            del out[rng.randrange(len(out) + 1) :]
        elif op == 9:  # a short span repeated many times
            start, length = _span(rng, len(out))
            piece = bytes(out[start : start + min(length, 64)])
            times = rng.randint(2, max(2, (MAX_INPUT - len(out)) // max(1, len(piece))))
            out[start:start] = piece * min(times, 5000)
        elif op == 10:  # overwrite a span with another span
            start, length = _span(rng, len(out))
            at = rng.randrange(len(out))
            out[at : at + length] = out[start : start + length]
        elif op == 11:  # small arithmetic on a byte
            at = rng.randrange(len(out))
            out[at] = (out[at] + rng.choice((-2, -1, 1, 2, 16, -16))) % 256
        elif op == 12 and tokens:  # replace a span by a token
            start, length = _span(rng, len(out))
            out[start : start + length] = rng.choice(tokens)
        if len(out) > MAX_INPUT:
            del out[MAX_INPUT:]
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# Text of a dispatch

FRAGMENTS = [
    "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN", "UBND TỈNH KIÊN GIANG", "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc", "---------------", "Số: 12/UBND-VP", "Số:    /STTTT-TTBCXB",
    "Số: 30/2020/NĐ-CP", "Số: 99999999999999999999/QĐ-UBND", "Số: /", "Số: 1a/", "Số:",
    "Lạng Sơn, ngày 17 tháng 7 năm 2020", "Hà Nội, ngày 31 tháng 02 năm 2020",
    "ngày 99 tháng 99 năm 99999", "ngày 0 tháng 0 năm 0000", "ngày  tháng  năm 20",
    "ngày 29/02/2019", "V/v tăng cường công tác thông tin", "V/v", "Về việc ",
    "Kính gửi:", "Kính gửi: - Sở Tài chính; - Sở Nội vụ.", "Kính gửi: Ủy ban nhân dân các huyện",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Thực hiện Công văn số 798/UBND-KGVX ngày 13/7/2020 của UBND tỉnh về việc ",
    "Quyết định số 1/QĐ-TTg ngày 1/1/2020 của Thủ tướng Chính phủ", "Chỉ thị số 21/CT-TTg",
    "1. ", "2. Giao Sở Tài chính chủ trì, hoàn thành trước ngày 30/9/2020.", "a) ", "b) ", "đ) ",
    "I. ", "II. ", "MMMCMXCIX. ", "IV.", "Điều 1.", "Điều 99999.", "Khoản 2", "- ", "+ ", "• ",
    "Nơi nhận:", "- Như trên;", "- Lưu: VT, TTBCXB.", "Lưu: VT", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "TL. BỘ TRƯỞNG", "TUQ. ", "Q. ", "KT.", "(Đã ký)",
    "Nguyễn Văn A", "Lê Hải Yến", "HỎA TỐC", "KHẨN", "THƯỢNG KHẨN", "MẬT", "CÔNG VĂN",
    "QUYẾT ĐỊNH", "KẾ HOẠCH", "THÔNG BÁO", "./.", "|", "| Số: 12/UBND | Hà Nội, ngày 1 |",
    "|---|---|", "+------+------+", "**", "__", "# ", "> ", "“", "”", '"', "(", ")", "[", "]",
    "/", "\\", ";", ":", "\t", "\n", "\n\n", "\r", "\f", " " * 40, "Noi nhan:", "Kinh gui:",
    "So: 12/UBND-VP", "KINH GUI", "NOI NHAN", "hạn: 31/12/2020", "trước ngày 15/10",
    "báo cáo kết quả về Sở trước ngày 20 hằng tháng", "Sở Tài chính", "Báo Lạng Sơn",
]  # fmt: skip
# Characters that change length when cased, split lines, or combine: what parsers get wrong.
SPECIAL_CHARS = [
    "\u0301", "\u0300", "\u0309", "\u0303", "\u0323", "\u200b", "\u200c", "\u200d", "\u2060",
    "\ufeff", "\u00a0", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85",
    "\x00", "\u202e", "\uff11", "\u0663", "\U0001d7d9", "\u216b", "\u01c5", "ß", "\u0130",
    "\ufb01", "\u0149", "\U0001f4c4", "\U0010ffff", "\ufffd", "Đ", "đ", "Ơ", "ư",
]  # fmt: skip
_NESTING = ["1.", "(", "- ", ">", "|", "[", "“", "KT. ", "Điều 1. "]


def random_text(rng: Rng, size: int) -> str:
    chars = []
    for _ in range(size):
        roll = rng.random()
        if roll < 0.6:
            chars.append(rng.choice("aăâbcdđeêghiklmnoôơpqrstuưvxy ÁÀẢÃẠĐƯỜNG0123456789\n"))
        elif roll < 0.8:
            chars.append(rng.choice(SPECIAL_CHARS))
        else:
            code = rng.randrange(0x110000)
            chars.append(chr(code) if not 0xD800 <= code < 0xE000 else "?")
    return "".join(chars)


def _line_bounds(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def mutate_text(rng: Rng, text: str, others: Sequence[str]) -> str:
    """One to four stacked edits of a dispatch's text."""
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(16)
        lines = text.split("\n")
        at = rng.randrange(len(text) + 1)
        if op == 0:  # a dispatch fragment anywhere
            text = text[:at] + rng.choice(FRAGMENTS) + text[at:]
        elif op == 1:  # a fragment at the start of a line
            starts = _line_bounds(text)
            at = rng.choice(starts)
            text = text[:at] + rng.choice(FRAGMENTS) + rng.choice(("", " ", "\n")) + text[at:]
        elif op == 2:  # special characters
            text = text[:at] + "".join(rng.choices(SPECIAL_CHARS, k=rng.randint(1, 4))) + text[at:]
        elif op == 3 and text:  # delete a span
            end = min(len(text), at + rng.choice((1, 5, 50, 500)))
            text = text[:at] + text[end:]
        elif op == 4:  # duplicate lines
            i = rng.randrange(len(lines))
            j = min(len(lines), i + rng.randint(1, 8))
            lines[i:i] = lines[i:j] * rng.randint(1, 3)
            text = "\n".join(lines)
        elif op == 5 and len(lines) > 1:  # delete lines
            i = rng.randrange(len(lines))
            del lines[i : i + rng.randint(1, 10)]
            text = "\n".join(lines)
        elif op == 6 and len(lines) > 1:  # move or shuffle lines
            i = rng.randrange(len(lines))
            block = lines[i : i + rng.randint(2, 12)]
            rng.shuffle(block)
            lines[i : i + len(block)] = block
            text = "\n".join(lines)
        elif op == 7 and others:  # splice with another dispatch
            other = rng.choice(others)
            text = text[:at] + other[rng.randrange(len(other) + 1) :]
        elif op == 8 and text:  # change the case of a span
            end = min(len(text), at + rng.randint(1, 300))
            change = rng.choice((str.upper, str.lower, str.casefold, str.title, str.swapcase))
            text = text[:at] + change(text[at:end]) + text[end:]
        elif op == 9 and text:  # diacritics lost, or decomposed
            end = min(len(text), at + rng.randint(1, 2000))
            span = text[at:end]
            span = fold(span) if rng.random() < 0.5 else unicodedata.normalize("NFD", span)
            text = text[:at] + span + text[end:]
        elif op == 10 and text:  # line ends flattened (web crawls) or changed
            end = min(len(text), at + rng.randint(1, 3000))
            glue = rng.choice((" ", "\r\n", "\r", "   ", "", "\n\n\n", "\u2028", "\x0b"))
            text = text[:at] + text[at:end].replace("\n", glue) + text[end:]
        elif op == 11 and len(lines) > 1:  # two lines side by side (column layout)
            i = rng.randrange(len(lines) - 1)
            lines[i : i + 2] = [lines[i] + " " * rng.randint(2, 60) + lines[i + 1]]
            text = "\n".join(lines)
        elif op == 12:  # deep nesting
            piece = rng.choice(_NESTING)
            depth = rng.choice((10, 100, 1000, 5000))
            nested = piece * depth if piece not in ("(", "[") else piece * depth + "x"
            if piece == "1.":
                nested = ".".join(["1"] * depth) + ". Việc"
            text = text[:at] + nested + text[at:]
        elif op == 13:  # one huge repeated line
            piece = rng.choice(FRAGMENTS + lines[:20]) or "a"
            most = max(2, MAX_INPUT // max(1, len(piece)))
            times = min(most, rng.choice((2, 10, 100, 1000, most)))  # mostly small: speed
            text = text[:at] + piece.replace("\n", " ") * times + "\n" + text[at:]
        elif op == 14:  # byte edits of the UTF-8, decoded again
            raw = havoc(rng, text.encode("utf-8"))
            text = raw.decode("utf-8", errors=rng.choice(("replace", "ignore")))
        elif op == 15:  # numbers changed
            number = rng.choice(("0", "00", "-1", "99999999999999999999", "2020", "31", "13"))
            text = re.sub(r"\d+", lambda m, n=number: n if rng.random() < 0.2 else m.group(), text)
        else:  # random characters
            text = text[:at] + random_text(rng, rng.randint(1, 40)) + text[at:]
        if len(text) > MAX_INPUT:
            text = text[:MAX_INPUT]
    return text


# ---------------------------------------------------------------------------------------------
# XML trees (the body of a DOCX, an edXML package)

_TREE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def mutate_tree(
    rng: Rng,
    root: etree._Element,
    names: Sequence[str],
    values: Sequence[str],
    namespaces: Sequence[str],
) -> None:
    """One element-level edit: text, delete, duplicate, move, rename, wrap deep, attribute."""
    nodes = [n for n in root.iter() if isinstance(n.tag, str)]
    node = rng.choice(nodes)
    parent = node.getparent()
    op = rng.randrange(9)
    try:
        if op == 0:
            node.text = rng.choice(values)
        elif op == 1 and node.text:
            node.text = havoc(rng, node.text.encode("utf-8")).decode("utf-8", "replace")
        elif op == 2 and parent is not None:
            parent.remove(node)
        elif op == 3 and parent is not None:
            for _ in range(rng.choice((1, 1, 2, 10, 250))):
                parent.insert(parent.index(node), copy.deepcopy(node))
        elif op == 4 and parent is not None:
            target = rng.choice(nodes)
            if node not in target.iterancestors() and target is not node:
                target.insert(rng.randint(0, len(target)), node)
        elif op == 5:
            namespace = rng.choice(namespaces)
            name = rng.choice(names)
            node.tag = f"{{{namespace}}}{name}" if namespace else name
        elif op == 6:  # wrap in a deep chain of copies of one element
            depth = rng.choice((2, 10, 100, 250, 600))
            tags = [node.tag, rng.choice(nodes).tag]
            outer = inner = etree.Element(node.tag)
            for _ in range(depth - 1):
                inner = etree.SubElement(inner, rng.choice(tags))
            inner.append(copy.deepcopy(node))
            (parent if parent is not None else node).append(outer)
        elif op == 7:
            node.set(rng.choice(("{http://www.w3.org/1999/xlink}href", "val", "Id", "w")),
                     rng.choice(values))  # fmt: skip
        else:
            node.tail = rng.choice(values)
    except (ValueError, TypeError):  # lxml refuses control characters and bad names: skip
        pass


def serialise(rng: Rng, root: etree._Element) -> bytes:
    encoding = rng.choice(("UTF-8", "UTF-8", "UTF-8", "UTF-16", "ISO-8859-1", "ASCII"))
    try:
        return etree.tostring(root, xml_declaration=rng.random() < 0.9, encoding=encoding)
    except (ValueError, LookupError, etree.SerialisationError):
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# ---------------------------------------------------------------------------------------------
# DOCX

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_NAMES = [
    "p", "r", "t", "tbl", "tr", "tc", "tcPr", "vMerge", "gridSpan", "hyperlink", "ins", "del",
    "delText", "sdt", "sdtContent", "customXml", "smartTag", "fldSimple", "br", "cr", "tab",
    "noBreakHyphen", "softHyphen", "drawing", "pict", "txbxContent", "rPr", "rFonts", "pPr",
    "pStyle", "rStyle", "style", "basedOn", "body", "document", "styles", "AlternateContent",
    "Choice", "Fallback", "moveTo", "bdo", "dir",
]  # fmt: skip
DOCX_VALUES = [
    "", "x", ".VnTime", ".VnTimeH", "VNI-Times", "LoopA", "Normal", "continue", "restart",
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Sở Thông tin", "99999999999", "-1", "1", "true",
    "\u00ad" * 50, "\t\t", "a" * 5000,
]  # fmt: skip
DOCX_TOKENS = [
    b"<w:p>", b"</w:p>", b"<w:tbl>", b"</w:tbl>", b"<w:tr>", b"<w:tc>", b"<w:r>", b"<w:t>",
    b"</w:t>", b"<w:br/>", b"<w:tab/>", b"&amp;", b"&#0;", b"&#xFFFF;", b"&#x10FFFF;",
    b"<![CDATA[", b"]]>", b"<!--", b"-->", b"<?pi x?>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"&a;", b'w:val="continue"', b"<w:vMerge/>", b"<w:sdt><w:sdtContent>",
    b'<w:rFonts w:ascii=".VnTimeH"/>', b"<w:txbxContent>", b'encoding="UTF-16"', b"\xef\xbb\xbf",
]  # fmt: skip
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# (offset, width) of the fields worth lying about, per ZIP record
_ZIP_FIELDS = {
    # local header: flags, method, CRC, compressed and unpacked size, name and extra length
    b"PK\x03\x04": ((6, 2), (8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2)),
    # central directory: the same, the comment length and the local header's offset
    b"PK\x01\x02": ((8, 2), (10, 2), (16, 4), (20, 4), (24, 4), (28, 2), (30, 2), (32, 2), (42, 4)),
    # end of the directory: entries, its size and offset, the comment length
    b"PK\x05\x06": ((8, 2), (10, 2), (12, 4), (16, 4), (20, 2)),
}
_ZIP_VALUES = (0, 1, 8, 12, 14, 99, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF)


def mutate_zip_fields(rng: Rng, data: bytes) -> bytes:
    """Set a field of a local header, the central directory or its end to a hostile value:
    declared sizes of 4 GB (a «zip bomb»), encryption flags, unknown methods, bad offsets."""
    out = bytearray(data)
    spots = [
        (m.start(), fields)
        for magic, fields in _ZIP_FIELDS.items()
        for m in re.finditer(re.escape(magic), data)
    ]
    if not spots:
        return havoc(rng, data)
    for _ in range(rng.randint(1, 3)):
        start, fields = rng.choice(spots)
        offset, width = rng.choice(fields)
        value = rng.choice(_ZIP_VALUES) if rng.random() < 0.8 else rng.randrange(2**32)
        at = start + offset
        if at + width <= len(out):
            out[at : at + width] = struct.pack("<I", value)[:width]
    return bytes(out)


def mutate_docx(rng: Rng, corpus: Corpus) -> bytes:
    parts = dict(rng.choice(corpus.docx_parts))
    roll = rng.random()
    if roll < 0.55:  # the XML inside, then zipped again
        name = rng.choices(list(parts), weights=[1, 1, 1, 3, 12])[0]
        try:
            root = etree.fromstring(parts[name], _TREE_PARSER)
            for _ in range(rng.randint(1, 3)):
                mutate_tree(rng, root, DOCX_NAMES, DOCX_VALUES, (W, W, W, _MC, ""))
            parts[name] = serialise(rng, root)
        except etree.XMLSyntaxError:
            pass
        if rng.random() < 0.3:
            parts[name] = havoc(rng, parts[name], tokens=DOCX_TOKENS)
    elif roll < 0.65:  # members missing, renamed or added
        victim = rng.choice(list(parts))
        if rng.random() < 0.5:
            del parts[victim]
        else:
            parts[rng.choice(("../../evil.xml", "word/document.xml/", "/abs.xml", "x" * 300,
                              "word\\document.xml", "mimetype"))] = parts[victim]  # fmt: skip
    compression = rng.choice((zipfile.ZIP_DEFLATED, zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED,
                              zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA))  # fmt: skip
    data = zip_parts(parts, compression=compression)
    if roll >= 0.65:
        data = mutate_zip_fields(rng, data) if rng.random() < 0.5 else havoc(rng, data)
    return data[:MAX_INPUT]


# ---------------------------------------------------------------------------------------------
# PDF

PDF_NAMES = [
    b"/Type", b"/Page", b"/Pages", b"/Kids", b"/Count", b"/Parent", b"/MediaBox", b"/CropBox",
    b"/Contents", b"/Resources", b"/Font", b"/F1", b"/Length", b"/Filter", b"/FlateDecode",
    b"/LZWDecode", b"/ASCIIHexDecode", b"/ASCII85Decode", b"/RunLengthDecode", b"/DCTDecode",
    b"/CCITTFaxDecode", b"/JBIG2Decode", b"/Crypt", b"/DecodeParms", b"/Predictor", b"/Columns",
    b"/ObjStm", b"/XRef", b"/Prev", b"/Root", b"/Encrypt", b"/ToUnicode", b"/Encoding",
    b"/Differences", b"/Widths", b"/FirstChar", b"/Subtype", b"/Type0", b"/Type3", b"/TrueType",
    b"/CIDFontType2", b"/DescendantFonts", b"/FontDescriptor", b"/XObject", b"/Form", b"/Image",
    b"/BBox", b"/Matrix", b"/Rotate", b"/Annots", b"/Catalog", b"/Identity-H", b"/Size",
]  # fmt: skip
PDF_NUMBERS = [
    b"0", b"-1", b"1", b"2", b"7", b"2147483648", b"99999999999999999999", b"1e308", b"-0",
    b"3.4", b".5", b"-.", b"00000000000000000001", b"4294967295", b"360", b"-90",
]  # fmt: skip
PDF_TOKENS = [
    *PDF_NAMES,
    b"[", b"]", b"<<", b">>", b"(", b")", b"<", b">", b"\\", b"%", b"R", b"obj", b"endobj",
    b"stream\n", b"\nendstream", b"xref", b"trailer", b"startxref", b"%%EOF", b"null", b"true",
    b"BT", b"ET", b"Tj", b"TJ", b"Tf", b"Td", b"TD", b"Tm", b"T*", b"'", b'"', b"cm", b"q", b"Q",
    b"Do", b"BI", b"ID", b"EI", b"<feff0041>", b"(\\376\\377)", b"[" * 200, b"<<" * 200,
]  # fmt: skip
PDF_OPERATORS = [
    b"BT", b"ET", b"q", b"Q", b"1 0 0 1 0 0 cm", b"(abc) Tj", b"[(a) -3000 (b)] TJ",
    b"/F1 0 Tf", b"/F9 12 Tf", b"0 Tz", b"/Im1 Do", b"/F1 Do",
    b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI", b"1e38 0 Td", b"T*", b"0 -1e30 TD",
    b"<feff00410042> Tj", b"0 0 0 0 0 0 Tm", b"(x) '", b"1 2 (y) \"", b"-1 Tz", b"999999 TL",
    b"/GS1 gs", b"0 0 m 1 1 l S", b"[(" + b"a" * 300 + b")] TJ",
]  # fmt: skip
_OBJECT = re.compile(rb"(\d+)\s+(\d+)\s+obj\b(.*?)\bendobj", re.S)
_REFERENCE = re.compile(rb"\b(\d+)\s+(\d+)\s+R\b")
_NUMBER = re.compile(rb"(?<![\w./])-?\d+(?:\.\d+)?(?![\w.])")
_NAME = re.compile(rb"/[A-Za-z0-9_.-]+")
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def _replace(data: bytes, match: re.Match[bytes], new: bytes) -> bytes:
    return data[: match.start()] + new + data[match.end() :]


def mutate_pdf(rng: Rng, data: bytes, others: Sequence[bytes]) -> bytes:
    """Edits of PDF objects: numbers, names, references rewired (into loops), objects that are
    only a reference, deep nesting, filter chains, operators in page content, and byte havoc."""
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(10)
        objects = list(_OBJECT.finditer(data))
        numbers = [m.group(1) for m in objects] or [b"1"]
        if op == 0 and (found := list(_NUMBER.finditer(data))):
            data = _replace(data, rng.choice(found), rng.choice(PDF_NUMBERS + numbers))
        elif op == 1 and (found := list(_REFERENCE.finditer(data))):
            data = _replace(data, rng.choice(found), rng.choice(numbers) + b" 0 R")
        elif op == 2 and (found := list(_NAME.finditer(data))):
            data = _replace(data, rng.choice(found), rng.choice(PDF_NAMES))
        elif op == 3 and objects:  # an object whose whole body is a reference (chains, loops)
            victim = rng.choice(objects)
            body = b" " + rng.choice(numbers) + b" 0 R "
            data = data[: victim.start(3)] + body + data[victim.end(3) :]
        elif op == 4 and objects:  # an object deleted or duplicated
            victim = rng.choice(objects)
            copy_ = data[victim.start() : victim.end()] if rng.random() < 0.5 else b""
            data = data[: victim.start()] + copy_ * 2 + data[victim.end() :]
        elif op == 5 and objects:  # deep nesting inside an object
            victim = rng.choice(objects)
            depth = rng.choice((10, 100, 1000, 3000))
            opener, closer = rng.choice(((b"[", b"]"), (b"<< /A ", b">>"), (b"(", b")")))
            at = victim.start(3)
            data = data[:at] + b" " + opener * depth + closer * depth + data[at:]
        elif op == 6 and (found := list(_STREAM.finditer(data))):  # page content edited
            stream = rng.choice(found)
            raw = stream.group(1)
            try:
                content, packed = zlib.decompress(raw), True
            except zlib.error:
                content, packed = raw, False
            ops = content.split(b"\n")
            for _ in range(rng.randint(1, 4)):
                ops.insert(rng.randint(0, len(ops)), rng.choice(PDF_OPERATORS))
            content = b"\n".join(ops)
            if rng.random() < 0.3:
                content = havoc(rng, content, tokens=PDF_OPERATORS)
            new = zlib.compress(content) if packed else content
            data = data[: stream.start(1)] + new + data[stream.end(1) :]
        elif op == 7 and objects:  # filter chains and predictors
            victim = rng.choice(objects)
            extra = rng.choice((
                b"/Filter [/FlateDecode /FlateDecode]", b"/Filter /LZWDecode",
                b"/Filter /ASCII85Decode", b"/Filter /RunLengthDecode", b"/Filter /Crypt",
                b"/DecodeParms << /Predictor 12 /Columns 99999 >>",
                b"/DecodeParms << /Predictor 2 /Colors 0 /BitsPerComponent 0 >>",
                b"/Filter /Nonsense",
            ))  # fmt: skip
            at = data.find(b"<<", victim.start(3), victim.end(3))
            if at >= 0:
                data = data[: at + 2] + b" " + extra + b" " + data[at + 2 :]
        else:
            data = havoc(rng, data, others=others, tokens=PDF_TOKENS)
    return data[:MAX_INPUT]


# ---------------------------------------------------------------------------------------------
# edXML

NS = edxml.NS
EDXML_NAMES = [
    "edXML", "edXMLEnvelope", "edXMLHeader", "edXMLBody", "edXMLManifest", "MessageHeader",
    "From", "To", "OrganId", "OrganName", "OrganizationInCharge", "DocumentId", "Code",
    "CodeNumber", "CodeNotation", "PromulgationInfo", "Place", "PromulgationDate",
    "DocumentType", "Type", "TypeName", "TypeDetail", "Subject", "Content", "SignerInfo",
    "Competence", "Position", "FullName", "DueDate", "ToPlaces", "OtherInfo", "Priority",
    "SphereOfPromulgation", "Appendixes", "Appendix", "ResponseFor", "SteeringType",
    "TraceHeaderList", "TraceHeader", "Timestamp", "Bussiness", "Business", "BussinessDocType",
    "BussinessDocReason", "ReplacementInfoList", "ReplacementInfo", "StaffInfo", "Staff",
    "StatusCode", "Description", "AttachmentEncoded", "Attachment", "ContentId", "ContentType",
    "AttachmentName", "ContentTransferEncoded", "Reference", "Signature", "DigitalSignature",
]  # fmt: skip
EDXML_VALUES = [
    "", " ", "2020/07/05", "2020-07-05", "05/07/2020", "2014/02/30", "0000/00/00", "9999/99/99",
    "2020/13", "2020", "99999", "-1", "0", "4", "99999999999999999999999", "\uff14",
    "\u0663\u0660\u0662\u0660/01/01", "000.00.00.H41", "000.00.00.G22,2020/07/05,12/UBND-VP",
    ",,", "a,b,/", "KT. GIÁM ĐỐC", "TM.", "Q", "V/v tuyên truyền", "cid:x", "<cid:1>",
    "congvan.document.json", "../../etc/passwd", "C:\\Windows\\x", "~/x", "a\\..\\b",
    "01", "06", "13", "16", "77", "Hỏa tốc", "Sở Thông tin", "x" * 3000,
]  # fmt: skip
EDXML_TOKENS = [
    b"<!DOCTYPE edXML [<!ENTITY a 'b'>]>", b"&a;", b"<!ENTITY x SYSTEM 'file:///etc/passwd'>",
    b"<!-- c -->", b"<?pi x?>", b"<![CDATA[x]]>", b"&#0;", b"&#x10FFFF;", b"&amp;", b"&lt;",
    b'<?xml version="1.0" encoding="UTF-16"?>', b'encoding="ISO-8859-1"', b"\xff\xfe", b"\xfe\xff",
    b"<edXML:Attachment>", b"</edXML:Attachment>", b"<edXML:ContentTransferEncoded>",
    b"xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"", b"xmlns=\"\"",
]  # fmt: skip


def _json_value(rng: Rng, depth: int = 0) -> object:
    roll = rng.randrange(9 if depth < 4 else 5)
    if roll == 0:
        return None
    if roll == 1:
        return rng.choice((True, False))
    if roll == 2:
        return rng.choice((0, -1, 2**70, 1.5, float("1e308")))
    if roll in (3, 4):
        return rng.choice(EDXML_VALUES + FRAGMENTS[:20])
    if roll in (5, 6):
        return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    keys = (
        "kind number notation date issuer signer tasks references recipients distribution name "
        "parent deadline label form"
    ).split()
    return {rng.choice(keys): _json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def record_json(rng: Rng, corpus: Corpus) -> bytes:
    """The congvan record attachment, edited: fields of the wrong type, deep nesting, junk."""
    record = rng.choice(corpus.records).to_json()
    roll = rng.random()
    if roll < 0.5:
        for _ in range(rng.randint(1, 3)):
            target = record
            for key in ("issuer", "signer", "tasks", "references"):
                if rng.random() < 0.3 and isinstance(record.get(key), dict | list):
                    target = record[key]
                    break
            if isinstance(target, list):
                target = target[0] if target and isinstance(target[0], dict) else record
            key = rng.choice(list(target) or ["kind"])
            target[key] = _json_value(rng)
        data = json.dumps(record, ensure_ascii=rng.random() < 0.5).encode("utf-8")
    elif roll < 0.65:
        depth = rng.choice((100, 1000, 20000))
        opener, closer = rng.choice((("[", "]"), ('{"a":', "}")))
        data = (opener * depth + "1" + closer * depth).encode()
    elif roll < 0.8:
        data = json.dumps(_json_value(rng)).encode()
    else:
        data = havoc(rng, json.dumps(record).encode("utf-8"))
    return data[: MAX_INPUT // 2]


def sdk_zip(rng: Rng, inner: bytes) -> bytes:
    """An attachment zipped as the exchange SDK does, with a hostile twist now and then."""
    name = rng.choice(("cong-van.pdf", "cong-van.docx", "a.txt", "../../etc/passwd", "a\x00b",
                       "C:/x.txt", "dir/", "congvan.document.json"))  # fmt: skip
    parts = {name: inner}
    if rng.random() < 0.15:
        parts["second.txt"] = b"x"
    data = zip_parts(parts, compression=rng.choice((zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED)))
    return mutate_zip_fields(rng, data) if rng.random() < 0.4 else data


def attachment_payload(rng: Rng, corpus: Corpus) -> tuple[str | None, bytes | str]:
    """(name for the attachment or None to keep it, base64 text or raw text for the payload)."""
    roll = rng.random()
    if roll < 0.3:
        return "congvan.document.json", base64.b64encode(record_json(rng, corpus)).decode()
    if roll < 0.55:
        data = rng.choice(corpus.files)[1]
        if rng.random() < 0.5:
            data = havoc(rng, data)
        return None, base64.b64encode(sdk_zip(rng, data) if rng.random() < 0.4 else data).decode()
    if roll < 0.7:
        return None, base64.b64encode(rng.randbytes(rng.randint(0, 300))).decode()
    if roll < 0.85:  # not base64, or base64 with junk, padding and spaces
        good = base64.b64encode(rng.randbytes(rng.randint(1, 100))).decode()
        return None, rng.choice(("%%%", good + "=" * 5, good[:-1], " \n ".join(good), "é" + good,
                                 "====", ""))  # fmt: skip
    return rng.choice(EDXML_VALUES), base64.b64encode(b"x").decode()


def _set_attachment(rng: Rng, root: etree._Element, corpus: Corpus) -> None:
    nodes = [n for n in root.iter() if isinstance(n.tag, str) and _local(n) == "Attachment"]
    if not nodes or rng.random() < 0.2:  # add one
        holder = next((n for n in root.iter() if isinstance(n.tag, str)
                       and _local(n) == "AttachmentEncoded"), root)  # fmt: skip
        node = etree.SubElement(holder, f"{{{NS}}}Attachment")
        etree.SubElement(node, f"{{{NS}}}ContentId").text = "cid:fuzz"
        etree.SubElement(node, f"{{{NS}}}AttachmentName").text = "tep.txt"
        etree.SubElement(node, f"{{{NS}}}ContentTransferEncoded").text = ""
        nodes = [node]
    node = rng.choice(nodes)
    name, payload = attachment_payload(rng, corpus)
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if _local(child) == "ContentTransferEncoded":
            child.text = payload
        elif _local(child) == "AttachmentName" and name is not None:
            try:
                child.text = name
            except ValueError:
                child.text = "tep"


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname


def mutate_edxml(rng: Rng, corpus: Corpus) -> bytes:
    data = rng.choice(corpus.packages)
    roll = rng.random()
    if roll < 0.7:
        try:
            root = etree.fromstring(data, _TREE_PARSER)
        except etree.XMLSyntaxError:
            return havoc(rng, data, tokens=EDXML_TOKENS)
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.35:
                _set_attachment(rng, root, corpus)
            else:
                mutate_tree(rng, root, EDXML_NAMES, EDXML_VALUES, (NS, NS, NS, "", edxml.XMLDSIG))
        data = serialise(rng, root)
        if rng.random() < 0.15:
            data = havoc(rng, data, tokens=EDXML_TOKENS)
    else:
        data = havoc(rng, data, others=corpus.packages, tokens=EDXML_TOKENS)
    return data[:MAX_INPUT]


# ---------------------------------------------------------------------------------------------
# Files for extract: the bytes and a file name

RIGHT = {"txt": (".txt", ".md", ".TXT"), "docx": (".docx", ".DOCX"), "pdf": (".pdf", ".PDF")}
OTHER_NAMES = [
    ".doc", ".odt", ".rtf", ".png", ".jpg", ".tiff", ".gif", ".bmp", ".zip", ".exe", ".xml",
    ".edxml", "", ".", ".docx.pdf", ".pdf.txt", ".tar.gz", ".Docx", ". txt", ".txt ", ".tx\u0074",
]  # fmt: skip
_STEMS = ["cong-van", "công văn số 12", "a", "../../etc/passwd", "x" * 300, "tệp\x00", ".hidden",
          "C:\\Users\\van thu\\cv"]  # fmt: skip


def file_name(rng: Rng, kind: str) -> str:
    stem = rng.choice(_STEMS) if rng.random() < 0.2 else "cong-van"
    if kind in RIGHT and rng.random() < 0.7:
        return stem + rng.choice(RIGHT[kind])
    return stem + rng.choice(OTHER_NAMES + [e for names in RIGHT.values() for e in names])


def mutate_file(rng: Rng, corpus: Corpus) -> tuple[bytes, str]:
    roll = rng.random()
    if roll < 0.35:
        kind = "txt"
        data = rng.choice(corpus.of_kind("txt"))
        if rng.random() < 0.5:  # edit as text, then encode as the seed was (roughly)
            text = mutate_text(rng, data.decode("utf-8", "replace"), corpus.texts)
            data = text.encode(rng.choice(("utf-8", "utf-8", "utf-16", "cp1258", "latin-1")),
                               errors="replace")  # fmt: skip
        data = havoc(rng, data, others=corpus.of_kind("txt")) if rng.random() < 0.6 else data
    elif roll < 0.62:
        kind, data = "docx", mutate_docx(rng, corpus)
    elif roll < 0.8:  # the slowest to read: fewer
        kind = "pdf"
        pdfs = corpus.of_kind("pdf")
        data = mutate_pdf(rng, rng.choice(pdfs), pdfs)
    else:
        kind = "other"
        data = rng.choice(corpus.of_kind("other"))
        data = havoc(rng, data, others=[d for _, d in corpus.files]) if rng.random() < 0.8 else data
    return data[:MAX_INPUT], file_name(rng, kind)
