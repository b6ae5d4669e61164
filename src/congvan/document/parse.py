"""Text of a dispatch → its record (``spec/document-json.md``).

Real text arrives flattened by converters: two-column headers and signature blocks side by side
(``pdftotext -layout``), header tables as Markdown pipes or ASCII grids, everything on three
lines (web crawls), OCR noise without diacritics. The parser therefore works on *segments*: each
line is split at wide gaps into the pieces a column layout put side by side, tables are read
cell by cell, and every keyword is matched on the folded text (``Noi nhan`` = ``Nơi nhận``).

All patterns are bounded and applied line by line, so the work grows linearly with the input.
The text is folded once, whole (one character for one), and each line reads its slice. A pattern
searched along a text opens with a literal or a character class where it can: the engine then
skips to the places it may match, where a pattern opening with ``\b``, a lookbehind or a repeat
is tried at every position.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice, pairwise, takewhile
from typing import Final

from congvan.document import decree30
from congvan.document.errors import ParseError
from congvan.document.model import Document, Issuer, Reference, Signer, Task
from congvan.document.vntext import (
    CAPITALS,
    SMALLS,
    clean,
    fold_and_common,
    fold_same_length,
    letter_cases,
)

__all__ = ["MAX_CHARS", "parse_text"]

MAX_CHARS: Final = 5_000_000
HEADER_LINES: Final = 60  # the header of every real dispatch fits in its first lines


def parse_text(text: str) -> Document:
    """The record of one dispatch. Raises ``ParseError`` for text that is not one."""
    if not isinstance(text, str):
        raise ParseError("Dữ liệu vào không phải là văn bản.")
    if len(text) > MAX_CHARS:
        raise ParseError(f"Văn bản quá dài ({len(text):,} ký tự; tối đa {MAX_CHARS:,}).")
    text = clean(text)
    raw = text.split("\n")
    if "|" in text or "+" in text or "#" in text:  # most texts hold no table
        raw = _flatten_tables(raw, text)
    wide_gaps = "   " in text
    lines, joined, folded, common = _layout(raw, wide_gaps=wide_gaps)
    if not any(line.text for line in lines) or not any(ch.isalpha() for ch in text):
        raise ParseError("Không tìm thấy nội dung văn bản.")
    parser = _Parser(
        lines, joined, folded, ascii_digits=common, wide_gaps=wide_gaps, copies="SAO" in text
    )
    return parser.parse()


# --------------------------------------------------------------------------- lines and columns


@dataclass(slots=True)
class Segment:
    start: int  # column where the segment starts in the line
    text: str
    folded: str


class Line:
    """One line: stripped text, indentation, its fold (same length), and on demand the
    segments a column layout put side by side."""

    __slots__ = ("_segments", "folded", "indent", "spaces_only", "text")

    def __init__(self, text: str, indent: int, folded: str, spaces_only: bool = False):
        self.text = text
        self.indent = indent
        self.folded = folded
        # no whitespace but the space in the text: a gap is then three spaces, found by `in`
        self.spaces_only = spaces_only
        self._segments: list[Segment] | None = None

    @property
    def blank(self) -> bool:
        return not self.text

    def has_gap(self) -> bool:
        if self.spaces_only:
            return "   " in self.text
        return _GAP.search(self.text) is not None

    @property
    def segments(self) -> list[Segment]:
        if self._segments is None:
            if self.spaces_only and "   " not in self.text:
                self._segments = [Segment(self.indent, self.text, self.folded)] if self.text else []
                return self._segments
            segments = self._segments = []
            start = 0
            if self.text:
                for gap in _GAP.finditer(self.text):
                    segments.append(self._segment(start, gap.start()))
                    start = gap.end()
                segments.append(self._segment(start, len(self.text)))
        return self._segments

    def _segment(self, a: int, b: int) -> Segment:
        return Segment(self.indent + a, self.text[a:b], self.folded[a:b])


# A column gap: three spaces or more (a tab is four after ``clean``). The text is one stripped
# line, so every run stands between two words.
_GAP: Final = re.compile(r"\s\s\s+")
# every whitespace character but the space and the line break (what `\s` matches besides) that a
# text keeps through ``clean``, which the layout reads (tabs and the spaces of other widths become
# spaces)
_OTHER_SPACES: Final = [
    ch
    for ch in map(chr, range(0x3001))
    if ch.isspace() and ch not in " \n" and ch in clean(f"a{ch}b")
]
_ASCII_OTHER_SPACES: Final = [ch for ch in _OTHER_SPACES if ch.isascii()]
_PIPE_RULE: Final = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_GRID_BORDER: Final = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
# two spaces or more, or the spaces before a list mark after ; or : (the pattern opens with the
# first space, where the engine skips to)
_CELL_PARAGRAPH: Final = re.compile(r"\s(?:(?<= ) +|(?<=[;:]\s)\s*(?=[-–+•]\s))")


MAX_TABLE_CELLS: Final = 50  # a row of a dispatch's Word table has a few columns, never hundreds
MAX_RECIPIENT_CHARS: Final = 150  # a recipient listed without a mark; longer, a body paragraph


def _flatten_tables(raw: list[str], text: str) -> list[str]:
    """Markdown pipe tables and ASCII grid tables → their cells' lines, row by row (`raw`: the
    lines of `text`).

    Within a row the cells come left to right, each cell's paragraphs as lines and a blank line
    after each cell: the reading order of a Word table, so the header table of a dispatch
    (agency | Quốc hiệu) reads like the header of a flattened one.
    """
    # only a line opening with `|`, `+` or `#` is read (found in the text, whose line breaks are
    # counted up to it); the lines between are kept as they are
    out: list[str] = []
    done = _flatten_line(raw, 0, out) if _FIRST_TABLE_LINE.match(text) else 0  # raw[:done] read
    number, counted = 0, 0  # text[:counted] holds `number` line breaks
    for m in _TABLE_LINE.finditer(text):
        at = m.start()
        number += text.count("\n", counted, at) + 1
        counted = at + 1
        if number >= done:
            out.extend(raw[done:number])
            done = _flatten_line(raw, number, out)
    out.extend(raw[done:])
    return out


# A line whose first character but spaces is a table's (`|`, a grid's `+`) or a heading's (`#`):
# the first line, and the others after their line break (the engine skips to those).
_FIRST_TABLE_LINE: Final = re.compile(r"[^\S\n]*[|+#]")
_TABLE_LINE: Final = re.compile(r"\n[^\S\n]*[|+#]")


def _flatten_line(raw: list[str], i: int, out: list[str]) -> int:
    """Line i (and a grid's lines after it) flattened onto `out`; returns the next line's index."""
    line = raw[i]
    stripped = line.strip()
    if "+" in line and _GRID_BORDER.match(line):
        return _flatten_grid(raw, i, out)
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        cells = stripped[1:-1].split("|")
        if len(cells) > MAX_TABLE_CELLS:  # no table of a dispatch: text with bars in it
            out.append(line)
        elif not _PIPE_RULE.match(stripped):
            for cell in cells:
                cell = _blank_fields(cell, gap=2)
                parts = [p.strip() for p in _CELL_PARAGRAPH.split(cell) if p.strip()]
                if parts:
                    out.extend(parts)
                    out.append("")
        return i + 1
    if stripped.startswith("#"):
        line = stripped.lstrip("#").strip()
    out.append(line)
    return i + 1


def _flatten_grid(raw: list[str], i: int, out: list[str]) -> int:
    border = raw[i]
    cuts = [k for k, ch in enumerate(border) if ch == "+"]
    i += 1
    rows: list[str] = []
    while i < len(raw):
        line = raw[i]
        if "+" in line and _GRID_BORDER.match(line):
            _emit_grid_row(rows, cuts, out)
            rows = []
            cuts = [k for k, ch in enumerate(line) if ch == "+"] or cuts
            i += 1
            continue
        if not line.lstrip().startswith("|"):
            break
        rows.append(line)
        i += 1
    _emit_grid_row(rows, cuts, out)
    return i


def _emit_grid_row(rows: list[str], cuts: list[int], out: list[str]) -> None:
    if not rows:
        return
    for left, right in pairwise(cuts):
        cell = [row[left + 1 : right].strip().strip("|").strip() for row in rows]
        lines = [c for c in cell if c]
        if lines:
            out.extend(lines)
            out.append("")


# Wide spaces that a draft leaves for the number and the day are not column gaps: a run of
# spaces after the label (or after a digit, before `/`) becomes one space. The pattern opens
# with the label's last character (the engine skips to those), the label read behind it. A gap
# is three spaces or more in a line, two in a table cell, where two part its paragraphs.
_BLANK_FIELD: Final = {
    gap: re.compile(
        r"([yYgG:\d])(?:(?:(?<=(?i:\bngày))|(?<=(?i:\bngay))|(?<=(?i:\btháng))|(?<=(?i:\bthang))"
        rf"|(?<=(?i:\bsố:))|(?<=(?i:\bso:))) {{{gap},}}(?=\S)|(?<=\d) {{{gap},}}(?=/))"
    )
    for gap in (2, 3)
}

# what any match holds: the gap after a label's last letter, or before `/`
_BLANK_FIELD_PARTS: Final = {
    gap: (*(end + " " * gap for end in "yYgG:"), " " * gap + "/") for gap in (2, 3)
}


def _blank_fields(line: str, gap: int = 3) -> str:
    """`_BLANK_FIELD` applied to a line, unless it lacks what any match holds (most lines with
    a wide gap: the pattern would try each y, g and digit)."""
    if any(part in line for part in _BLANK_FIELD_PARTS[gap]):
        return _BLANK_FIELD[gap].sub(r"\1 ", line)
    return line


def _layout(raw: list[str], *, wide_gaps: bool = True) -> tuple[list[Line], str, str, bool]:
    """The lines; their texts, and their folds, joined by line breaks; and whether the text is of
    common characters only (``fold_and_common``). `wide_gaps`: whether the text may hold three
    spaces in a row (most hold none)."""
    texts = [line.strip() for line in raw]
    if wide_gaps:  # (a blank field lies inside the line: an indented one has none the less)
        texts = [_blank_fields(text) if "   " in text else text for text in texts]
    indents = [len(line) - len(line.lstrip()) for line in raw]
    # one fold of the whole text costs a fraction of one per line; one character for one, it
    # splits into the lines' folds
    joined = "\n".join(texts)
    folded, common = fold_and_common(joined)
    folds = folded.split("\n")
    # the fold keeps each whitespace character as it is; of those, common characters hold only
    # the ASCII ones
    other_spaces = _ASCII_OTHER_SPACES if common else _OTHER_SPACES
    spaces_only = not any(ch in folded for ch in other_spaces)
    # (each Line called by name: the compiled parser builds it without a Python call)
    lines = [
        Line(text, indent, fold, spaces_only)
        for text, indent, fold in zip(texts, indents, folds, strict=True)
    ]
    return lines, joined, folded, common


# --------------------------------------------------------------------------- patterns (folded)

# Folded text: no diacritics, lower case, đ → d. OCR drops or garbles marks, so these match
# `CỘNG HÒA` and `CONG HOA` alike.
# (`CỘNG HÒA XÃ H…`, `CONG HO¿` as OCR cuts it: no other name of a header holds the words)
_NATIONAL: Final = re.compile(r"cong\s?hoa\s?x[aã]\s?h|cong\s?ho|chu\s?nghia\s?viet\s?nam")
_PARTY: Final = re.compile(r"dang\s?cong\s?san\s?viet\s?nam")
# each alternative opens with its letter (the engine skips to d, t, h, l); `(?<!\w.)` after it is
# the `\b` before it
_MOTTO: Final = re.compile(
    r"doc\s?lap\W{0,4}t|t(?<!\w.)[uyw]\s?do\s?-\s?h\w{2,4}\s?phuc"
    r"|h(?<!\w.)\w{0,2}nh\s?phuc\b|l(?<!\w.)\w{0,2}nh\s?phuc\b"
)
# `Số:` and what OCR makes of it (`Sẽ:`, `sé;`, `$6:`, `86:`, `Số!`, `.Sẽ:`), after a space or a
# table cell's mark. Without its colon (`bare`: a party committee's `Số 245-CV/BTGTU`, OCR's
# `Số 5826 /TCHQ`) it opens a header line only with a capital, a citation's `số 12/KH` wraps.
_NUMBER_LABEL: Final = re.compile(
    r"(?:^|(?<=[\s|*#_]))(?:(?:(?:luat|nghi quyet|nghi dinh|phap lenh|lenh)\s)?"  # a legal type's
    r"['‘’.]?(?:so|sô|se|sa|\$6|[s3689][6e])\s?[:;!]\s?"
    r"|(?P<bare>so\s(?=\d{1,5}\s?(?:-\s?[^\W\d_]|/))))"
)


def _number_label(text: str, folded: str, end: int | None = None) -> re.Match | None:
    """`_NUMBER_LABEL` opening the folded text (or found before `end`), a bare one only where it
    is written with a capital S."""
    if end is None:
        m = _NUMBER_LABEL.match(folded)
    else:
        # a match holds `so` (bare) or its colon, semicolon or `!` at most 15 characters after
        # its start (a legal type, a quote and `Số` before it): it is searched from the first
        # place they allow, not from 0 (the pattern opens with a lookbehind, tried at every
        # position), and not at all where neither stands before `end`
        start = folded.find("so", 0, end)
        for mark in ":;!":
            if (at := folded.find(mark, 0, end)) != -1 and (start == -1 or at - 15 < start):
                start = max(at - 15, 0)
        m = _NUMBER_LABEL.search(folded, start, end) if start != -1 else None
    if m and m.group("bare") and text[m.start("bare")] != "S":
        return None
    return m


# The place is what stands before the match (`Lâm Đồng, ngày …`).
_DATE: Final = (
    re.compile(  # a run of separators is read from its start only: once, not once a place
        r"(?<![\s,.])[\s,.]*\bngay\s*(?P<d>[^\s]{0,3}(?:\s\d)?)\s*"
        r"(?<![^\W\d])thang\s*(?P<m>[^\s]{0,3}?)\s*n?am(?![^\W\d])\s*(?P<y>\d{4})?"
    )
)
# \s (every whitespace character) and the separators the date pattern reads before `ngay`
_DATE_SEPARATORS: Final = ",." + "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


def _date(folded: str) -> re.Match | None:
    """``_DATE.search(folded)``, tried only where a match may start: where the run of separators
    before a `ngay` starts (the one place after no separator that reaches `ngay` through
    separators), one `ngay` after the other. A search tries every position after a failed one."""
    at = folded.find("ngay")
    while at != -1:
        start = at  # (read back over the run alone: the runs before two `ngay` are apart)
        while start and folded[start - 1] in _DATE_SEPARATORS:
            start -= 1
        if m := _DATE.match(folded, start):
            return m
        at = folded.find("ngay", at + 4)
    return None


# (and as OCR reads it: V/w, VW, Vv, Vlv, V|v, V#v, VAv, VWv, Vis, V%, V4, after a stray quote;
# `VA`, which folds like `Và`, is read on the text as written, before a small letter)
_SUBJECT_LABEL: Final = re.compile(
    r"^['‘’]?v\s?(?:(?:[/|il1#aw]\s?)?[vw]\b|(?:4|is)\b|%)\s*[:.]?\s*"
)
_SUBJECT_LABEL_VA: Final = re.compile(rf"^['‘’]?VA\s(?=[{SMALLS}])")


def _one_word(text: str) -> bool:
    """Whether a line's text is one word holding a letter (`COVID-19`), which a subject's line
    wraps onto below it."""
    text = text.strip()
    return " " not in text and any(map(str.isalpha, text))


# a span of time a subject's line runs on to (`6 tháng đầu năm 2018`, `3 năm 2023`)
_SPAN_OF_TIME: Final = re.compile(r"\d{1,2}\s(?:thang|nam|quy)\b")


def _subject_label(text: str, folded: str) -> re.Match | None:
    """`V/v` opening a piece, on its fold or, read as `VA`, on its text."""
    if "v" not in folded[:2] and "VA" not in text[:3]:  # (after a quote at most)
        return None
    return _SUBJECT_LABEL.match(folded) or _SUBJECT_LABEL_VA.match(text)


# the last word of a subject's line that another line must follow, as written in small letters
# (`Việt Nam` ends a subject, `năm` does not), with its marks or without
_DANGLING: Final = re.compile(
    r"\s(?:của|cua|và|va|về|ve|năm|nam|ngày|ngay|tháng|thang|tại|tai|cho|với|voi|theo|từ|tu"
    # `số` of a number (`Công văn số`), not the `số` of `digital` (`chuyển đổi số`, `chữ ký số`)
    r"|(?<!đổi\s)(?<!doi\s)(?<!ký\s)(?<!ky\s)(?<!tế\s)(?<!te\s)(?<!phủ\s)(?<!phu\s)(?<!tảng\s)"
    r"(?<!liệu\s)(?:số|so)"
    r"|đến|den|trong"
    # the head of a name that `của` cites (`của Bộ` ⏎ `Tài chính`)
    r"|(?:của|cua)\s(?:Bộ|Bo|BỘ|Sở|So|SỞ|Cục|Cuc|CỤC|Tổng cục|Tong cuc|Ban|Ủy ban|Uy ban|UBND))"
    r"\s*$"
)


_ADDRESS_TO: Final = re.compile(r"\bkinh\s?gui\b\s*[:;.]?\s*")
# `Kính gửi:` at a line's start as OCR may cut or garble `Kính` (`nh gửi:`, `Site gửi:`): the colon
# is then required, and `Nơi gửi:` of a form names the sender
_ADDRESS_TO_GARBLED: Final = re.compile(r"^(?!\W{0,3}noi\s)\W{0,3}\w{0,4}\W{0,3}gui\s?:\s*")
# (and as OCR reads `Nơi`: `Noi`, `oi`, `Not`, `Nei`, `Nai`)
_DISTRIBUTION_LABEL: Final = re.compile(r"^\W{0,2}(?:(?:n|\w)?[oơ]i|n[aeoơ][it])\s?nhan\W{0,3}")
# (a signed PDF's stamp: `Ký bởi:` or `Người ký:`, `Email:`, `Cơ quan:`, `Thời gian ký:`)
_STAMP: Final = re.compile(
    r"^(?:ky boi|ng\w{0,3}i ky\s?:|thoi gian ky|moi boi|email|co quan\s?:|sao y|sao luc|trich sao)"
)
_COPY_BLOCK: Final = re.compile(r"\b(?:sao luc|sao y ban chinh|trich sao)\b")
_RULE_LINE: Final = re.compile(r"^[-_=~*.\s]{3,}$")
_PAGE_MARK: Final = re.compile(r"^-{2,}\s?page\b.*-{2,}$")
# a page's number (`2`, `- 2 -`, `Trang 2/5`, `2/5`) or a converter's page mark, a line alone
_PAGE_FURNITURE: Final = re.compile(
    r"(?:-?\s?\d{1,3}\s?-?|(?:trang\s?)?\d{1,3}\s?/\s?\d{1,3}|trang\s?\d{1,3}|-{2,}\s?page\b.*-{2,})$"
)
MAX_PAGE_MARK: Final = 30

# The signer's name stands a few lines under the title at most (a stamp or `(Đã ký)` between).
MAX_LINES_TO_NAME: Final = 6

# A signing form before its authority; never before another form (`Lưu: VT, KT. TL. …`: there
# `KT` is a unit's code).
# The form opens the pattern (the engine skips to K, T and Q); after it, a lookbehind reads the
# start of the text or a separator before it.
_FORM_START: Final = r"(?<![^\s.,;:]"
# A party committee writes its forms with a slash and no stop: `K/T`, `T/M`, `T/L`, `T/U`.
_FORM: Final = re.compile(
    rf"(KT{_FORM_START}..)|TM{_FORM_START}..)|TL{_FORM_START}..)|TUQ{_FORM_START}...)"
    rf"|Q{_FORM_START}.)|[KT]/[TMLU]{_FORM_START}...))"
    rf"(?:(?<=/[TMLU])\s?\.?|\s?[.,])\s?(?=[{CAPITALS}])(?!(?:KT|TM|TL|TUQ|Q)\s?[.,])"
)
_PARTY_FORMS: Final = {"K/T": "KT", "T/M": "TM", "T/L": "TL", "T/U": "TUQ"}
_INLINE_ITEMS: Final = re.compile(r"(?<=;)\s*(?=[-–+•]\s)")  # `- A; - B.` run onto one line
_ENTRIES_AFTER_LABEL: Final = re.compile(r"(?<=[;.])\s+(?=[-–+]\s)")  # `Nơi nhận: - A; - B.`
_SIGNED: Final = re.compile(
    r"\((?:[đd][ãa]\s)?k[ýíyi]\)", re.I
)  # (đã ký), (Ký), (da ky) without marks
_TITLE_WORDS: Final = re.compile(
    r"\b(?:truong|giam doc|chu tich|chu nhiem|chanh|thu truong|tong cuc|uy vien|bi thu|"
    r"vien truong|tong giam doc|pho|phu trach|uy ban|dai dien|hieu truong|thu tuong)\b"
)
_BULLET_MARKS: Final = "-–—~>+•*¬"  # (`~`, `¬`: a dash as OCR reads it)
_BULLET: Final = re.compile(rf"^[{_BULLET_MARKS}]\s*")


def _is_upper(text: str, threshold: float = 0.7) -> bool:
    """Whether at least `threshold` of the letters are capitals (a header line, a title)."""
    # a text all in one case is told without counting: in capitals if it has two of them (a
    # second one after the first, where it opens the text, as most do)
    if text.isupper():
        if text[0].isupper():
            return text[1:].isupper()
        return next(islice(filter(str.isupper, text), 1, None), None) is not None
    if text.islower():
        return False
    upper, lower = letter_cases(text)
    return upper + lower >= 2 and upper >= threshold * (upper + lower)


_SPECKS: Final = re.compile(r"\s[`^~¦]+(?=\s)")  # OCR specks


def _value(text: str | None) -> str | None:
    """A field value as the spec writes it: one space, no list mark, no trailing ; . , : -"""
    if text is None:
        return None
    text = " ".join(text.split())
    if text and text[0] in _BULLET_MARKS:  # (`_BULLET`, told by its first character)
        text = text[1:].lstrip()
    # seldom: the pattern stops at each space
    if "`" in text or "^" in text or "~" in text or "¦" in text:
        text = _SPECKS.sub("", text)
    text = text.rstrip(" ;.,:-")  # (a dash left at the end joins nothing: `Việt Nam. -`)
    return text or None


# --------------------------------------------------------------------------- agencies and verbs

# First words of a line that start a new body in the header (the rest continue the line above).
_AGENCY_HEAD: Final = re.compile(
    r"^(?:uy ban|ubnd|hdnd|hoi dong|so\b|bo\b|tong cuc|cuc\b|chi cuc|vu\b|vien\b|van phong|"
    r"ban\b|trung tam|cong an|bo chi huy|dai\b|bao\b|phong\b|toa an|thanh tra|kho bac|"
    r"ngan hang|tong lien doan|lien doan|cong doan|dang uy|tinh uy|huyen uy|thanh uy|"
    r"mat tran|doan\b|hoi\b|truong\b|benh vien|tong cong ty|cong ty|tap doan|buu dien|"
    r"bao hiem|kiem toan|hoc vien|dai hoc|vien kiem sat|toa|ubmttq|bhxh)"
)
# Nouns that make a phrase an organisation (after `Các`, or as its first word).
_ORG_NOUN: Final = (
    r"(?:co quan|don vi|so\b|ban\b(?!\s?hanh)|nganh|doanh nghiep|cuc\b|chi cuc|tong cuc|"
    r"doan\b|lien doan|cong doan|dia phuong|phong\b|bo\b|vu\b|truong\b|trung tam|dai\b|"
    r"bao\b|cong\b|trang\b|he thong|uy ban|ubnd|van phong|thanh tra|cong an|hoi\b|"
    r"benh vien|kho bac|ngan hang|chu dau tu|nha mang|buu dien|cong ty|tong cong ty|chi nhanh|"
    r"tram\b|nha may|hop tac xa|quy\b|viettel|vnpt|mobifone|vinaphone)"
)
_ORG_START: Final = re.compile(
    r"^(?:(?:cac|nhung)\s(?:"
    + _ORG_NOUN[3:-1]
    + r"|to chuc|ca nhan|xa\b|huyen|tinh\b|quan\b|thon\b|ap\b|ban\b|khu pho|to dan pho|"
    r"thi tran|thanh pho)|" + _ORG_NOUN + r")"
)
# Words that start what the organisation must do: the end of an addressee phrase.
_PREDICATE_WORDS: Final = (
    r"tang cuong|chu tri|phoi hop|khao sat|ra soat|xem xet|thuc hien|trien khai|to chuc|"
    r"theo doi|tham muu|chi dao|huong dan|don doc|kiem tra|bao cao|nghien cuu|can cu|"
    r"co trach nhiem|chiu trach nhiem|trong qua trinh|trong thoi gian|khi\s|can\s|phai\s|"
    r"tiep tuc|khan truong|chu dong|xay dung|day manh|quan triet|can doi|ban hanh|bo tri|"
    r"dam bao|bao dam|thuong xuyen|nghiem tuc|tap trung|gui\s|cu\s|lap\s|hoan thanh|de xuat|"
    r"tuyen truyen|quan ly|giam sat|cap nhat|thong ke|tich cuc|som\s|kip thoi|duoc\s|se\s|"
    r"da\s|thong bao|ho tro|la\s|co van ban|co y kien|danh gia|ra quyet dinh|"
    r"dang tai|phat song|chuan bi|tham gia|xac dinh|dieu chinh|tong hop|ket hop|bieu duong|"
    r"khen thuong|long ghep|nang cao|van dong|phat huy|ap dung|bo sung|phan cong|gioi thieu|"
    r"xin\s|quy dinh"
).split("|")


def _by_first_letter(alternatives) -> str:
    """Alternatives grouped by their first letter, in their order: at a place, only the group of
    its letter is tried (one alternative after the other would be)."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())


_PREDICATE: Final = re.compile(r"\s(?:" + _by_first_letter(_PREDICATE_WORDS) + ")")
# `VNPT Bạc Liêu`, `BHXH tỉnh`: an acronym before a word in lower or title case names an
# organisation (a heading in capitals, `KINH PHÍ THỰC HIỆN`, does not)
_ACRONYM: Final = re.compile(rf"[A-ZĐ]{{2,}}[a-z]?\s(?=[{SMALLS}]|[{CAPITALS}][{SMALLS}])")
_LEAD_IN: Final = re.compile(r"^(?:de nghi|giao|yeu cau|kinh de nghi)\s")
# (`Trường hợp …`, a case, opens like `Trường …`, a school; so do `Quy định` a fund's `Quỹ`,
# `Bổ sung` a ministry's `Bộ`, `Báo cáo` a newspaper's `Báo`, `Công văn` a portal's `Cổng`)
_TOPIC: Final = re.compile(
    r"^(?:ve\s|doi voi|dia diem|thoi gian|noi dung|muc dich|yeu cau|can cu|truong hop|"
    r"(?:cac\s|nhung\s)?"
    r"(?:quy (?=dinh|trinh)|bo (?=sung|quy|cuc)|bao (?=cao|dam)|cong (?=van|tac|viec))"
    r"(?P<second>\w))"
)

# The closing formula after the last item is not part of it: strong openings close by
# themselves, weak ones (`Đề nghị …`) when they speak of what precedes.
_CLOSING_STRONG: Final = re.compile(  # used with .match: anchored where it is applied
    r"(?:tren day|kinh (?:de nghi|trinh|mong)|trong qua trinh|rat mong|tran trong|"
    r"(?:cong van|van ban|thong bao|ke hoach) nay (?:co hieu luc|thay the))"
)
_CLOSING_WEAK: Final = re.compile(
    r"(?:de nghi|yeu cau|nay\s|vay\s|(?:so|cuc|tong cuc|bo|vu|uy ban|ubnd|van phong|ban)\s"
    r"[^.;:]{2,60}?\s(?:de nghi|yeu cau|thong bao|tra loi))"
)
_CLOSING_WORDS: Final = re.compile(
    r"noi dung tren|neu tren|tren day|nghiem tuc|thuc hien tot|\./\."
)

# --------------------------------------------------------------------------- citations

_TYPE_NAMES: Final = sorted(
    {*decree30.ADMINISTRATIVE_TYPES, *decree30.LEGAL_TYPES, "Thông báo thụ lý"},
    key=len,
    reverse=True,
)


def _type_alternatives() -> str:
    r"""The folded type names, longest first, grouped by their first letter: the pattern opens
    with a letter of a few, where the engine skips to. The `\b` before a name is checked after
    it, `(?<!\w(?s:.{N}))` for a name of N characters: at most places the letters already fail,
    and a lookbehind costs more than they do."""
    groups: dict[str, list[str]] = {}
    for name in _TYPE_NAMES:
        folded = fold_same_length(name.lower())
        # a name may wrap over a line break (`Nghị` ⏎ `định số`): each `\s` is one character
        rest = re.escape(folded[1:]).replace(r"\ ", r"\s")
        groups.setdefault(folded[0], []).append(f"{rest}(?<!\\w(?s:.{{{len(folded)}}}))")
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())


_TYPE_ALTERNATIVES: Final = _type_alternatives()
_PART: Final = r"[\w&()]+(?:\.[\w&()]+)*"  # CGC.BT, NC.Châu: a dot inside, never at the end
# A part after a dash spaced out by OCR or a line break (`NĐ- CP`, `TCHQ -GSQL`, `CV- Liksin`) is
# written without marks but Đ: no word of the sentence that follows (`SS-CTDT - Thông tin`,
# `HQHP- Vướng mắc`)
_SPACED_PART: Final = r"[A-Za-z0-9Đđ&()]+(?:\.[A-Za-z0-9Đđ&()]+)*(?!\w)"
# The number's first digit opens the pattern, outside the groups, with the check that it does
# not continue a word or a code after it (the engine skips to digits). A number is read from
# the match's start.
_CITATION: Final = re.compile(
    r"\d(?:(?<![\w/.]\d)|(?<=[sS][ốoô]\d))"  # or glued to `số` by OCR (`số1 0 9 4 3/BYT-MT`)
    # (what either form needs after its number's digits and spaces, looked at first: a number in
    # words, `19 tháng 9`, fails here at once)
    r"(?=[\d ]{0,10}+(?:-|\s?/))"
    r"(?:(?P<number>[\d ]{0,10}?(?:-\d{1,4})?)\s?/"
    r"(?P<notation>(?:\d{3}\s?\d[^\s/]{0,3}/)?\d{0,4}[^\W\d_][\w&()]*(?:\.[\w&()]+)*"
    r"(?:-" + _PART + r"|\s?-\n?\s?" + _SPACED_PART + r")*(?:/" + _PART + r"(?:-" + _PART + r")*)?)"
    # party style: 174-KL/TW, 02-TTr/ĐLS
    r"|(?P<number2>\d{0,4})-(?P<notation2>[^\W\d_][\w&]*/" + _PART + r"(?:-" + _PART + r")*))"
)
# The same for a text without digits beyond ASCII: the engine skips to [0-9] faster than to \d,
# a Unicode class.
_CITATION_ASCII: Final = re.compile(_CITATION.pattern.replace(r"\d(?:(?<!", r"[0-9](?:(?<!", 1))
# the type word and the title between it and the code: `Luật Ban hành văn bản … số 80/2015/QH13`
# (a title holds no other code; a blank line may part the type word from `số`). The title is read
# greedily: up to the code in one step, then back to the space before it (where the title ends is
# used nowhere). The type word is the match up to the title (no group: a group's mark is saved at
# each place the engine tries).
_KIND_BEFORE: Final = re.compile(
    r"(?:" + _TYPE_ALTERNATIVES + r")(?P<title>[^.;:()\n/]{0,80})\s\s?(?:s[oôó]\s?:?\s?)?$"
)
# What follows a code, read once: its date (OCR: `ngà”` for `ngày`, a day or month split in two,
# `6/1 1/2013`; `ngày,` and `ngày ngày`), then `của` or `do` and its issuer (two characters at
# least; `_issuer_end` finds where it ends)
_CITE_AFTER: Final = re.compile(
    r"(?:[\s,]{0,3}(?:ngay\s)?(?:n[a-z]?ga(?:y|[^\w\s])?|ngay ky|ghi ngay),?\s{0,2}"
    r"(?P<d>\d(?:\s?\d)?)\s?"
    r"(?:[/.-]\s?|\s?thang\s)(?P<m>\d(?:\s?\d)?)\s?(?:[/.-]\s?|\s?nam\s)(?P<y>\d{4}))?"
    r"(?:[\s,]{0,3}(?:cua|do)\s(?P<issuer>..))?"
)
# Where an issuer after `của` ends: a verb or preposition (its words may wrap), `và` a word or
# two before another cited document (`và xét Báo cáo số 228/BC-SNV`), before documents named
# in general (`và các văn bản hướng dẫn`) or before a provision (`và khoản 5 Điều 3`), `Kính
# gửi`, or punctuation.
# Words that fold onto words of names (`tại`/`Tài chính`, `hỏi`/`xã hội`, `thì`/`thị xã`,
# `về`/`Bảo vệ`) are matched on the text as written, and so are `ve`, `tai`, `hoi`, `thi` of a
# text without marks, but in the names they stand in (`Bao ve`, `Van tai`, `tai chinh`, `xa hoi`,
# `thi xa`). So are the words that end it in small letters only: those that open names with a
# capital (`không` but `Không quân`, `bảo đảm` but `Bảo đảm an toàn hàng hải`; `không` of a
# name's `hàng không` or `phòng không` does not), `với`, `được`, `hoặc`, `liên quan`, `đối với`,
# `đề ngày`, and `về` as OCR reads it (`vê`, `vé`, `vẻ`).
# The pattern opens with the space or the mark (the engine skips to those); the end of the text
# ends the issuer too (`_issuer_end`).
_ISSUER_END: Final = re.compile(
    r"[\s,;.:()\"“”](?:(?<=[,;.:()\"“”])"
    r"|(?:ve\sviec|quy\sdinh|huong\sdan|ban\shanh|thuc\shien|gui\s|kinh\sgui|sua\sdoi|"
    r"phe\sduyet|de\snghi|bao\scao|thong\sbao|chuyen|yeu\scau|trien\skhai|can\scu\s|v/v|"
    r"xin\s|neu\s|phan\sanh|vuong\smac|kien\snghi|nhu\ssau)"
    r"|va\s(?=(?:\w+\s){0,2}(?:" + _TYPE_ALTERNATIVES + r"|van\sban)\s(?:so\s)?\d"
    r"|cac\s(?:van\sban|" + _TYPE_ALTERNATIVES + r")\b|(?:khoan|diem|dieu)\s))"
)
# (the words grouped by their first letter, checks after)
_ISSUER_END_AS_WRITTEN: Final = re.compile(
    r"\s(?:v(?:ề|e(?<![Bb]ao\sve)(?<![Pp]hong\sve)(?<![Cc]anh\sve)|ới|[éẻê])"
    r"|t(?:ại|ai(?<![Vv][aậ]n\stai)(?!\s(?:chinh|nguyen|san))|hì|hi(?!\s(?:xa|tran))|heo|rả\slời)"
    r"|h(?:ỏi|oi(?<![Xx]a\shoi)|oặc)|đ(?:ã|ảm\sbảo|ược|ề\sngày|ối\svới)|có|bảo\sđảm|liên\squan"
    r"|kh(?:ông|ong)(?<![Hh]àng\skhông)(?<![Hh]ang\skhong)(?<![Pp]hòng\skhông)"
    # `và` before a document's type written with a capital: another document, named without a
    # number (`… của Bộ Chính trị và Đề án Định hướng …`)
    r"|và(?=\s(?:Đề\sán|Kế\shoạch|Nghị\squyết|Nghị\sđịnh|Quyết\sđịnh|Chỉ\sthị|Thông\stư|Luật|"
    r"Công\svăn|Văn\sbản|Báo\scáo|Thông\sbáo)\s))\s"
)
# `Bộ Văn hóa, Thể thao và Du lịch`: a comma inside a name, before capitalised words and `và`
# (unless they name another body: `Bộ Công Thương, Sở Tài nguyên và Môi trường`)
# (a blank line may part its words: `Thể` ⏎ ⏎ `thao`)
_COMMA_IN_NAME: Final = re.compile(r",\s(?=\w+(?:\s\s?\w+){0,2}\s\s?và\s\w)")
# `Ngày 04 tháng 03 năm 2020, Thủ tướng Chính phủ đã ban hành Chỉ thị số 11/CT-TTg`
_DATE_BEFORE: Final = re.compile(
    r"\bngay\s(?P<d>\d{1,2})\s?(?:[/.-]\s?|\sthang\s)(?P<m>\d{1,2})\s?(?:[/.-]\s?|\snam\s)"
    r"(?P<y>\d{4}),?\s(?P<issuer>[^,;.]{2,80}?)\s(?:da\s)?ban hanh\s$"
)
# (no code in a name; the pattern opens with `c`, which the engine skips to, and `(?<!\w.)` after
# it is the `\b` before `của`; a match is 90 characters long at most, with a final line break)
# (a comma only as in a name, `Bộ Văn hóa, Thể thao và Du lịch`: `_COMMA_IN_NAME`'s, folded)
_ISSUER_BEFORE: Final = re.compile(
    r"c(?<!\w.)ua\s(?P<issuer>(?:[^,;./]|,(?=\s\w+(?:\s\s?\w+){0,2}\s\s?va\s\w)){2,80}?)\stai\s$"
)


def _kind_before(text: str, window: str, lo: int, start: int, named: str | None = None):
    """The type word of the code at `start` (the window of the fold from `lo`): the first, unless
    a word in small letters (`quy định`, `hướng dẫn` are verbs too) stands before one written with
    a capital (`quy định tại Thông tư số`) or a later one is cited by a preposition (`hướng dẫn
    tại công văn số`, `Báo cáo, đề xuất phương án … theo Công văn số`; `công văn hướng dẫn số` is
    a công văn). Where the code names a type (`named`: `NĐ`, a Nghị định) and a type word before
    it agrees, the last that does (`Thông tư hướng dẫn Nghị định số 11/2020/NĐ-CP`). Returns the
    first match and the chosen one."""
    end = start - lo
    begin = max(0, end - 100)
    # no type word and title holds a stop, a bracket or `/`: none starts before the last of them
    if stop := _LAST_STOP.search(window, begin, end):
        begin = stop.start() + 1
    first = _type_word(text, window, lo, begin, end)
    if first is None:
        return None, None
    m: re.Match = first
    after: re.Match | None = first
    while after and (after := _type_word(text, window, lo, after.start() + 1, end)):
        if _CITING_WORD.search(window[m.start("title") : after.start()]) or (
            text[lo + m.start()].islower() and text[lo + after.start()].isupper()
        ):
            m = after
    if named and _type_named(window, m) != named:
        other: re.Match | None = first
        while other:
            if _type_named(window, other) == named:
                m = other
            other = _type_word(text, window, lo, other.start() + 1, end)
    return first, m


def _type_word(text: str, window: str, lo: int, begin: int, end: int) -> re.Match | None:
    """`_KIND_BEFORE` searched in `window[begin:end]` (the fold of `text` from `lo`), but where
    the type word is part of an organisation's name (`Bộ Kế hoạch và Đầu tư`, `Phòng Tài chính
    - Kế hoạch`; `bãi bỏ Kế hoạch` cites one)."""
    m = _KIND_BEFORE.search(window, begin, end)
    # (the fold's two characters before the word tell most apart: they end no name's head)
    while m and (before := window[m.start() - 2 : m.start()]) in _NAME_ENDS:
        if before[0] == "-":  # a dash after a word (`Phòng Tài chính - Kế hoạch`, wrapped too)
            if not window[max(0, m.start() - 4) : m.start()].endswith(_DASH_IN_A_NAME):
                break
        elif not text[max(0, lo + m.start() - 6) : lo + m.start()].endswith(_NAME_HEADS_BEFORE):
            break
        m = _KIND_BEFORE.search(window, m.start() + 1, end)
    return m


# (a name may wrap after its head: `của Sở` ⏎ `Kế hoạch và Đầu tư`)
_NAME_HEADS_BEFORE: Final = tuple(
    f"{head}{space}"
    for name in ("Bộ", "Sở", "Vụ", "Cục", "Phòng", "Bo", "So", "Vu", "Cuc", "Phong")
    for head in (name, name.upper())
    for space in " \n"
)
# (the heads' last letters folded, with the space or line break; and `Tài chính - `)
_NAME_ENDS: Final = {f"{c}{space}" for c in "oucg-" for space in " \n"}
_DASH_IN_A_NAME: Final = tuple(
    f"{c} -{space}" for c in "abcdefghijklmnopqrstuvwxyz" for space in " \n"
)


def _type_named(window: str, m: re.Match) -> str | None:
    """The type a `_KIND_BEFORE` match's type word names (its words one space apart)."""
    return _TITLE_KINDS.get(" ".join(window[m.start() : m.start("title")].split()))


_CITING_WORD: Final = re.compile(r"\s(?:tai|theo|cua|o)\s")
_LAST_STOP: Final = re.compile(r"[.;()/][^.;()/]*+$")  # (the last of them: none after it)


def _named_before(window: str, begin: int, end: int) -> re.Match | None:
    """`… đã ban hành` or `của … tại` ending `window[begin:end]`, before a code: each pattern is
    tried only when its last words end the text (`$` may stand before a final line break)."""
    tail = window[max(begin, end - 12) : end]
    if "ban hanh" in tail and (m := _DATE_BEFORE.search(window, begin, end)):
        return m
    return _ISSUER_BEFORE.search(window, max(begin, end - 90), end) if "tai" in tail else None


def _iso_date(year: str | None, month: str | None = None, day: str | None = None) -> str | None:
    if not year or not year.isdigit() or not 1900 <= int(year) <= 2100:
        return None
    if not month or not month.isdigit() or not 1 <= int(month) <= 12:
        return year
    # (zfill: a format spec costs more, and this runs for every date)
    month = str(int(month)).zfill(2)
    if not day or not day.isdigit() or not 1 <= int(day) <= 31:
        return f"{year}-{month}"
    return f"{year}-{month}-{str(int(day)).zfill(2)}"


# --------------------------------------------------------------------------- the parser


class _Parser:
    def __init__(
        self,
        lines: list[Line],
        joined: str,
        folded: str,
        *,
        ascii_digits: bool = False,
        wide_gaps: bool = True,
        copies: bool = True,
    ):
        """`joined`, `folded`: the lines' texts and folds joined by line breaks; `wide_gaps`:
        whether the text may hold three spaces in a row; `copies`: whether it may hold a copy
        certificate (`SAO`: most hold neither)."""
        self.lines = _cut_copy_block(lines) if copies else lines
        if len(self.lines) < len(lines):  # a copy certificate cut off: so is its text
            end = max(0, self._offset(len(self.lines)) - 1)
            joined, folded = joined[:end], folded[:end]
        self.joined, self.folded = joined, folded
        self.ascii_digits = ascii_digits  # no digit beyond ASCII in the text
        # a line of spaces only has a gap where the text holds three spaces
        gaps_possible = wide_gaps or not (lines and lines[0].spaces_only)
        self.layout = gaps_possible and any(line.has_gap() for line in self.lines[:HEADER_LINES])
        # read when first asked for (`is_right`, on a layout page only); an attribute, not a
        # cached_property, which the compiled class would compute at every use
        self._width: int | None = None

    def _page_width(self) -> int:
        """The page width from the header and footer, where the columns are."""
        sample = [*self.lines[:HEADER_LINES], *self.lines[-HEADER_LINES:]]
        widths = sorted([len(line.text) + line.indent for line in sample if line.text])
        return widths[int(len(widths) * 0.9)] if widths else 0

    def is_right(self, segment: Segment) -> bool:
        """A segment in the right half of a layout page: the Quốc hiệu or the signature."""
        width = self._width
        if width is None:
            width = self._width = self._page_width()
        return width >= 60 and segment.start >= 0.4 * width

    def _offset(self, i: int) -> int:
        """Where line i starts in the joined text."""
        return sum(len(line.text) for line in self.lines[:i]) + i

    # ---- the whole record

    def parse(self) -> Document:
        doc = Document()
        header = self._header()
        doc.issuer = header["issuer"]
        doc.number, doc.notation = header["number"], header["notation"]
        doc.place, doc.date = header["place"], header["date"]
        doc.urgency = header["urgency"]
        doc.kind = header["kind"]
        doc.subject = header["subject"]
        self.header_end = header["end"]
        recipients, body_start = self._recipients(header["to_line"], header["end"])
        doc.recipients = recipients
        footer_start = self._footer_start(body_start)
        distribution, signer_lines = self._distribution(footer_start)
        if not distribution and (unlabelled := self._unlabelled_list(footer_start)) is not None:
            # OCR garbled the label: the list is the bulleted block ending in `Lưu`
            distribution, after = self._distribution(unlabelled, labelled=False)
            before = self.lines[footer_start:unlabelled]
            signer_lines = chain([seg.text for line in before for seg in line.segments], after)
        doc.distribution = distribution
        doc.signer = self._signer(signer_lines)
        if doc.signer.name is None and distribution:
            distribution[-1], doc.signer.name = _name_after_archive(distribution[-1])
        body = self.lines[body_start:footer_start]
        doc.tasks = self._tasks(body, doc.date)
        doc.references = self._references(doc)
        if not doc.issuer.name:
            doc.issuer.name = self._issuer_from_body(body)
        if not any((doc.subject, doc.notation, doc.recipients, doc.tasks, doc.signer.name)):
            raise ParseError("Không nhận ra văn bản hành chính (thiếu số, trích yếu, nơi gửi).")
        return doc

    # ---- header: agency, number, place and date, kind, subject

    def _header(self) -> dict:
        cells = _Cells()
        to_line = preamble = None
        for i, line in enumerate(self.lines[:HEADER_LINES]):
            if not line.text:  # no segment, no Kính gửi
                continue
            if preamble is None and line.text[0] == "C" and line.folded.startswith("can cu "):
                preamble = i  # the body's preamble: no date below it is the header's
            if self.layout:
                for seg in line.segments:
                    _header_pieces(cells, i, seg.text, seg.folded)
            else:  # no header line has a gap: each is its one segment (none built for it)
                _header_pieces(cells, i, line.text, line.folded)
            if "gui" in line.folded and _address_to(line.folded):
                to_line = i
                break

        number = notation = place = date = urgency = kind = subject = None
        number_at = date_at = title_at = subject_at = None
        for k, (i, text, folded, known) in enumerate(cells.pieces):
            # past Số, a piece is tagged only if it may fill a part still missing (the tag of
            # every piece above Số names the issuer)
            if number_at is not None:
                stripped = folded.strip(_CELL_MARKS)
                if not (
                    (date_at is None and (known[1] if known else _date(folded)))
                    or (urgency is None and len(stripped) < 20)
                    or (subject_at is None and "v" in stripped[:2])  # `V/v`, after a quote
                    or (title_at is None and _kind_from_title(stripped))
                ):
                    continue
            tag = cells.tag(k)
            if tag == "number" and number_at is None:
                number, notation = _number_and_notation(text, folded)
                number_at = k
            elif tag == "date" and date_at is None and (preamble is None or i < preamble):
                date_match = known[1] if known else _date(folded)
                assert date_match is not None  # (what the tag read)
                place, date = _place_and_date(text, date_match)
                date_at = k
            elif tag == "urgency" and urgency is None:
                urgency = _urgency(folded)
            elif tag == "title" and title_at is None and k > (number_at or -1):
                kind, title_at = _kind_from_title(folded), k
            elif tag == "subject" and subject_at is None:
                subject_at = k
        if date_at is None:
            for k, (i, text, folded, _) in enumerate(cells.pieces):
                if preamble is not None and i >= preamble:
                    break
                if found := _ocr_place_and_date(text, folded):
                    (place, date), date_at = found, k
                    break

        issuer = self._issuer(cells, number_at)
        end_line = cells.line(-1) + 1 if cells.pieces else 0
        if to_line is not None:
            # a header table may hold Kính gửi: the type title and the urgency mark follow it
            for i, tag, _, folded in self._marks_after(to_line):
                if tag == "urgency" and urgency is None:
                    urgency = _urgency(folded)
                elif tag == "title" and title_at is None and subject_at is None:
                    kind = _kind_from_title(folded)
                    title_at = cells.add(i, "", folded, None, tag)
        if subject_at is not None:
            subject, end_line = self._subject_vv(cells, subject_at)
            kind = kind or "Công văn"
        elif title_at is not None:
            subject, end_line = self._subject_typed(cells.line(title_at) + 1)
        if kind is None and not _names_its_issuer(notation, issuer.name):
            kind = _kind_from_notation(notation)
        kind = kind or "Công văn"
        for at in (number_at, date_at):
            if at is not None:
                end_line = max(end_line, cells.line(at) + 1)
        return {
            "issuer": issuer,
            "number": number,
            "notation": notation,
            "place": place,
            "date": date,
            "urgency": urgency,
            "kind": kind,
            "subject": subject,
            "end": end_line,
            "to_line": to_line,
        }

    def _marks_after(self, start: int):
        """(line, tag, text, folded) of short lines in capitals just after `start`."""
        for i in range(start + 1, min(len(self.lines), start + 16)):
            line = self.lines[i]
            if line.text and len(line.text) <= 40 and _is_upper(line.text, 0.8):
                yield i, _tag(line.text, line.folded), line.text, line.folded

    def _issuer(self, cells: _Cells, number_at: int | None) -> Issuer:
        """Header lines above Số: one name per body, the last the issuer, the one above it the
        parent (spec: lines that read as one name form one name)."""
        stop = number_at if number_at is not None else len(cells.pieces)
        bodies: list[str] = []
        last_line = None
        for k in range(stop):
            if cells.tag(k) != "agency":
                continue
            i, piece, piece_folded, _ = cells.pieces[k]
            for text, folded_text in _split_bodies(piece, piece_folded):
                if len(text) <= 3 and not bodies and not _AGENCY_HEAD.match(folded_text):
                    continue  # a stamp's speck above the header (`HIN`), no body's name
                if bodies and (not _AGENCY_HEAD.match(folded_text) or i == last_line):
                    bodies[-1] = f"{bodies[-1]} {text}"
                else:
                    bodies.append(text)
                last_line = None  # a second body on the same line stands on its own
            last_line = i
        if not bodies:
            return Issuer()
        return Issuer(
            name=_agency(bodies[-1]), parent=_agency(bodies[-2]) if len(bodies) > 1 else None
        )

    def _subject_vv(self, cells: _Cells, at: int) -> tuple[str | None, int]:
        first_line, text, folded, _ = cells.pieces[at]
        # the label after the marks a table cell may keep (`*V/v …`), as the tag read it
        lead = len(folded) - len(folded.lstrip(_CELL_MARKS))
        label = _subject_label(text[lead:], folded[lead:])
        assert label is not None  # (as the tag read it)
        parts = [text[lead + label.end() :].rstrip(_CELL_MARKS)]
        line_no = first_line
        for k in range(at + 1, len(cells.pieces)):
            i, text, folded, _ = cells.pieces[k]
            if i == line_no:  # another column of the same line: the date, the Quốc hiệu
                continue
            tag = cells.tag(k)
            if i == line_no + 1:
                # a word in capitals right below continues it (`chống dịch` ⏎ `COVID-19`), and
                # so does a line of acronyms with a word in small letters (`PAR Index, SIPAS, PCI
                # và Bộ`): a header's name is written in capitals whole
                if tag != "other" and not (
                    tag == "agency" and (_one_word(text) or any(map(str.islower, text.split())))
                ):
                    break
            # a line of its own after a blank one: a wrapped line in small letters, a span of
            # time (`6 tháng đầu năm 2018`), or whatever follows a word that ends no subject
            # (`… của` ⏎ ⏎ `Cục Thuế tỉnh`, `năm` ⏎ `2026`)
            elif tag != "other" or not (
                text[:1].islower() or _SPAN_OF_TIME.match(folded) or _DANGLING.search(parts[-1])
            ):
                break
            if self.layout and self.is_right(self.lines[i].segments[0]):
                break
            parts.append(text)
            line_no = i
            if text.rstrip().endswith("."):
                break
        return _value(" ".join(parts)), line_no + 1

    def _subject_typed(self, start: int) -> tuple[str | None, int]:
        """The trích yếu under a type title: its lines up to an authority line in capitals,
        `Căn cứ …`, `Kính gửi`, a sentence (a line ending in ; : -, or a first line opening like
        the body and ending in a comma), or, after a blank line, a line much longer than the
        subject's (the first line of the body). A trích yếu in capitals (`QUY ĐỊNH CHI TIẾT …`
        under `NGHỊ ĐỊNH`) runs to a line in small letters, an authority line or a blank line."""
        parts: list[str] = []
        i = start
        after_blank = False
        in_capitals = False  # a legal document's trích yếu is often all in capitals
        while i < len(self.lines) and len(parts) < (
            MAX_SUBJECT_LINES_IN_CAPITALS if in_capitals else MAX_SUBJECT_LINES
        ):
            line = self.lines[i]
            if line.blank:
                after_blank = True
                i += 1
                continue
            folded = line.folded
            longest = max((len(p) for p in parts), default=0)
            upper = _is_upper(line.text, 0.8)
            if not parts and upper and folded.startswith("cua "):
                i += 1  # `CỦA BAN THƯỜNG VỤ TỈNH ỦY`: who issues it, the trích yếu below
                continue
            if not parts and upper and not _AUTHORITY.match(folded):
                in_capitals = True
            # a word in capitals right below continues it (`chống dịch` ⏎ `COVID-19`)
            word_below = parts and not after_blank and _one_word(line.text)
            if (
                (upper and not in_capitals and not word_below)
                or (
                    in_capitals
                    and (not upper or _AUTHORITY.match(folded) or (parts and after_blank))
                )
                or _ADDRESS_TO.match(folded)
                or (parts and _BODY_START.match(folded.lstrip(_LINE_SCRAPS)))
                or line.text[-1] in ";:-"
                or (
                    not parts
                    and line.text[-1] == ","
                    and _BODY_START.match(folded.lstrip(_LINE_SCRAPS))
                )
                or (not parts and _COURTESY.search(folded))
                or _DIVISION.match(folded)
                or (parts and line.text[-1] == ".")
                or (  # after a blank line, where the subject's words came to an end, a line much
                    # longer, or a full line opening a sentence (a short one may be a name:
                    # `Hiệp hội Doanh nghiệp …`)
                    parts
                    and after_blank
                    and not _DANGLING.search(parts[-1])
                    and (
                        len(line.text) > max(60, 1.2 * longest)
                        or (len(line.text) >= 60 and line.text[:1].isupper())
                    )
                )
                or (parts and self.layout and line.indent + 3 < self.lines[i - 1].indent)
                or len(line.text) > 200
                or _number_label(line.text, folded)
            ):
                break
            text = line.text
            if not parts and (bar := text.find("|", 0, MAX_STAMP_BESIDE_SUBJECT)) != -1:
                text = text[bar + 1 :]  # a received stamp beside it (`Ngày...22/V| Quy định …`)
            parts.append(text)
            after_blank = False
            i += 1
        return _value(" ".join(parts)), i

    # ---- recipients

    def _recipients(self, to_line: int | None, start: int) -> tuple[list[str], int]:
        """Entries of `Kính gửi` (on line `to_line`), and the index of the first body line
        after them, or after the header if that ends later."""
        if to_line is None:
            return [], start
        line = self.lines[to_line]
        address = _address_to(line.folded)
        assert address is not None  # (as the header found it)
        rest = line.text[address.end() :].strip()
        if not any(ch.isalnum() for ch in rest):  # `Kính gửi: .`, the list below
            rest = ""
        items: list[str] = []
        j = to_line + 1
        if rest and not _BULLET.match(rest):
            # one inline recipient; a line starting in lower case continues it, and so does the
            # line after a dash that joins a name to its branch (`Trung tâm … -` ⏎ `Chi nhánh …`)
            while j < len(self.lines) and not rest.endswith((".", ";")):
                joined = rest.endswith("-") and rest[:-1].rstrip()[-1:] not in ".;"
                if not (joined or self.lines[j].text[:1].islower()):
                    break
                rest += " " + self.lines[j].text
                j += 1
            items.append(rest)
        else:
            if rest:
                items.append(rest)
            j = self._collect_list(j, items)
        # (the pattern opens with a lookbehind, tried everywhere: only a `;` before the end splits)
        items = [
            part
            for item in items
            for part in (_INLINE_ITEMS.split(item) if ";" in item[:-1] else (item,))
        ]
        while j < len(self.lines) and _is_address_line(self.lines[j].folded):
            j += 1
        recipients = (_value(_strip_address(x)) for x in items)
        names = [_from_first_letter(v) for v in recipients if v]
        return [v for v in names if len(v) > 1], max(j, start)

    def _collect_list(self, j: int, items: list[str]) -> int:
        """Bulleted lines from j, wrapped lines joined; stops after the item ending in `.`. A list
        without marks has one line per item, each ending in `;` but the last."""
        unmarked = False
        while j < len(self.lines):
            line = self.lines[j]
            if not line.text:
                nxt = self._next_nonblank(j)
                if items and (nxt is None or not _BULLET.match(self.lines[nxt].text)):
                    return j
                j += 1
                continue
            text = line.segments[0].text if len(line.segments) > 1 else line.text
            if _BULLET.match(text):
                items.append(text)
            elif items and not items[-1].rstrip().endswith((";", ".")):
                items[-1] += " " + text
            elif (
                (unmarked or not items)
                and text.endswith((";", "."))
                and len(text) <= MAX_RECIPIENT_CHARS
            ):
                items.append(text)
                unmarked = True
            else:
                return j
            j += 1
            last = items[-1].rstrip()
            if last.endswith(".") and not last.endswith(".."):
                return j
        return j

    def _next_nonblank(self, j: int) -> int | None:
        for k in range(j + 1, min(len(self.lines), j + 6)):
            if self.lines[k].text:  # (not blank: the text read without a property's call)
                return k
        return None

    # ---- footer: Nơi nhận and the signature

    def _footer_start(self, body_start: int) -> int:
        """First line of the footer: Nơi nhận, or the signature block standing above it."""
        label = None
        for i in range(len(self.lines) - 1, body_start - 1, -1):
            line = self.lines[i]
            if "nhan" in line.folded and any(
                _DISTRIBUTION_LABEL.match(seg.folded) for seg in line.segments
            ):
                label = i
                break
        end = label if label is not None else len(self.lines)
        # the signature block may stand above Nơi nhận: start after the closing `./.`, or else at
        # the first form (the lines are read for one only where no closing stands)
        above = range(max(body_start, end - 12), end)
        for i in reversed(above):
            if "./." in self.lines[i].text:
                return i + 1
        end = next((i for i in above if self._has_form(i)), end)
        if label is None:
            for i in range(len(self.lines) - 1, body_start - 1, -1):
                if self._has_form(i):
                    return i
        return end

    def _unlabelled_list(self, start: int) -> int | None:
        """First line of a bulleted block that ends in a `Lưu` entry, below `start`."""
        archive = None
        for i in range(len(self.lines) - 1, start - 1, -1):
            text = self.lines[i].segments[0].text if self.lines[i].text else ""
            if _BULLET.match(text) and _is_archive(_BULLET.sub("", text)):
                archive = i
                break
        if archive is None:
            return None
        first = archive
        while first - 1 >= start and _BULLET.match(self.lines[first - 1].text):
            first -= 1
        return first if first < archive else None

    def _has_form(self, i: int) -> bool:
        line = self.lines[i]
        # (a form opens a segment, where `match` reads a few characters: a search of the whole
        # line first read long body lines to their end; the line holds what any form holds
        # first, found without building its segments)
        return _may_hold_form(line.text) and any(_FORM.match(seg.text) for seg in line.segments)

    def _distribution(
        self, start: int, *, labelled: bool = True
    ) -> tuple[list[str], Iterable[str]]:
        """(entries of Nơi nhận, lines of the signature block) from the footer: from the
        label on, or from `start` itself where the list has no label (``labelled=False``).

        The list ends at a blank line not followed by another entry, or after the `Lưu` entry;
        whatever stands beside or after it is the signature block."""
        items: list[str] = []
        signer_lines: list[str] = []
        state = "before" if labelled else "list"  # before the label, in the list, done
        unmarked = False  # entries without list marks, one a line (`Như trên;`)
        scraps = 0  # lines of the signature column read before the first entry
        below = len(self.lines)  # the first line below the list
        for idx in range(start, len(self.lines)):
            if state == "done":
                below = idx
                break
            line = self.lines[idx]
            if not line.text:  # (blank, tested first: a blank line is no page break)
                if state == "list" and items:
                    nxt = self._next_nonblank(idx)
                    if nxt is None or not _BULLET.match(self.lines[nxt].segments[0].text):
                        state = "done"
                continue
            if _is_page_break(line):
                continue  # the list runs on over the page break and its number
            for k, seg in enumerate(line.segments):
                if state == "before":
                    label = _DISTRIBUTION_LABEL.match(seg.folded)
                    if not label:
                        signer_lines.append(seg.text)
                        continue
                    state = "list"
                    rest = seg.text[label.end() :].strip()
                    # (the label's pattern reads a list mark right after it: `Nơi nhận: - Như …`)
                    if rest and (
                        any(ch in "-–—+•" for ch in seg.text[label.end() - 3 : label.end()])
                        or _BULLET.match(rest)
                    ):
                        items.extend(filter(None, _ENTRIES_AFTER_LABEL.split(rest)))
                    elif rest:
                        signer_lines.append(rest)
                    continue
                left = k == 0 and not (self.layout and self.is_right(seg))
                if state != "list" or not left:
                    signer_lines.append(seg.text)
                    continue
                text = seg.text
                if _BULLET.match(text):
                    items.append(text)
                elif (not items or unmarked) and _unmarked_entry(text, seg.folded):
                    items.append(text)
                    unmarked = True
                elif items and text.endswith(";") and items[-1].endswith(";"):
                    items.append(text)  # an entry whose mark OCR lost (`ic Bộ, …;`)
                elif items and _continues(items[-1], text):
                    items[-1] += " " + text
                elif not items and scraps < MAX_SCRAPS_BEFORE_LIST:
                    scraps += 1  # a title or stamp beside the label, the list below it
                    signer_lines.append(text)
                    continue
                elif self._entry_follows(idx) and (
                    _is_upper(text) or _person_name(text) == text or not _SIGNED.sub("", text)
                ):
                    # the signature column that a flattened layout put between the entries: a
                    # title, a name, `(Đã ký)`
                    signer_lines.append(text)
                    continue
                else:
                    state = "done"
                    signer_lines.append(text)
                    continue
                items[-1], column = _split_signature_spill(items[-1])
                signer_lines.extend(column)
                if items[-1].rstrip().endswith(".") and _is_archive(items[-1]):
                    state = "done"
        entries = [entry for item in items if (entry := _value(_trim_entry(item)))]
        # the lines below the list are read as the signer asks for them: it stops at the name
        return entries, chain(signer_lines, self._footer_texts(below))

    def _footer_texts(self, start: int) -> Iterator[str]:
        """The texts of the segments from line `start` on, past page numbers and breaks."""
        for line in self.lines[start:]:
            if not line.text or _is_page_break(line):  # (blank or a page break)
                continue
            for seg in line.segments:
                yield seg.text

    def _entry_follows(self, i: int) -> bool:
        """Whether the next line that is not blank opens an entry of a list."""
        nxt = self._next_nonblank(i)
        return nxt is not None and _BULLET.match(self.lines[nxt].segments[0].text) is not None

    def _signer(self, lines: Iterable[str]) -> Signer:
        """Form, authority, title and name from the signature block's lines, which a crawl may
        have run onto one line (`KT. BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn`)."""
        signer = Signer()
        titles: list[str] = []
        since_title = 0  # lines read since the last form or title
        for raw in lines:
            # (`(Đã ký)` opens with its bracket: most lines hold none)
            text = (_SIGNED.sub("", raw) if "(" in raw else raw).strip()
            if not text:
                continue
            folded = fold_same_length(text)
            if _STAMP.match(folded) or ("nhan" in folded and _DISTRIBUTION_LABEL.match(folded)):
                continue
            if (titles or signer.form) and since_title > MAX_LINES_TO_NAME:
                break  # no name under the title: what follows is another text (an appendix)
            if folded.startswith("phu luc"):
                break  # an appendix's heading: the signature block is behind
            since_title += 1
            # [before, form, after, form, after, …]
            pieces = _FORM.split(text) if _may_hold_form(text) else [text]
            rest = [pieces[0]]
            for k in range(1, len(pieces), 2):
                form = _PARTY_FORMS.get(pieces[k], pieces[k])
                upper, tail = _upper_run(pieces[k + 1])
                authority, title = _split_authority(upper, form, _fold_in(upper, text, folded))
                if signer.form is None:
                    signer.form, signer.authority = form, _value(authority)
                if title:
                    titles.append(title)
                rest.append(tail)
                since_title = 0
            for piece in rest:
                if not piece:
                    continue  # (most often: nothing before a form, nothing after its capitals)
                upper, tail = _upper_run(piece)
                if upper and _TITLE_WORDS.search(_fold_in(upper, text, folded)):
                    titles.append(upper)
                    piece = tail
                    since_title = 0
                if piece and signer.name is None and (name := _person_name(piece)):
                    signer.name = name
            if signer.name and (titles or signer.form):
                break  # what follows the signature is an appendix
        signer.title = _value(titles[-1]) if titles else None
        return signer

    # ---- body: tasks

    def _tasks(self, body: list[Line], issued: str | None) -> list[Task]:
        candidates = _mark_candidates(body)
        if any(
            body[i].text[0] in "ĐđDd" and _FIRST_ARTICLE.match(body[i].folded) for i in candidates
        ):
            return []  # a document made of articles has no tasks
        marks, sections = _item_marks(body, candidates)
        starts = sorted({i for i, _, _ in marks} | {i for i, _ in sections} | {len(body)})
        ends = dict(pairwise(starts))  # an item runs to the next item or section
        leads: dict[tuple[int, int], str | None] = {}  # the sections' lead-ins read
        tasks: list[Task] = []
        for n, (index, label, mark_end) in enumerate(marks):
            lines = body[index : ends[index]]
            task = _make_task(lines, label, mark_end, issued, last=n + 1 == len(marks))
            if task is None:
                continue
            if task.addressee is None and "." in label:
                task.addressee = _section_addressee(body, sections, index, leads)
            tasks.append(task)
        return tasks

    # ---- references

    def _references(self, doc: Document) -> list[Reference]:
        own = _code_key(doc.number, doc.notation)
        refs: dict[str, Reference] = {}
        # the codes whose mentions add nothing, not read further: the document's own, and one
        # whose date and issuer are known
        done = {own} if own and doc.number else set()
        # the subject and the body, a line break between them (sliced from the joined lines)
        text, folded = doc.subject or "", fold_same_length(doc.subject or "")
        if self.header_end < len(self.lines):
            at = self._offset(self.header_end)
            text, folded = f"{text}\n{self.joined[at:]}", f"{folded}\n{self.folded[at:]}"
        for key, ref in _citations(text, folded, ascii_digits=self.ascii_digits, skip=done):
            if not key:
                continue
            known = refs.get(key)
            if known is None:
                refs[key] = known = ref
            else:  # a later mention may give what the first left out
                known.date = known.date or ref.date
                known.issuer = known.issuer or ref.issuer
            if known.date and known.issuer:
                done.add(key)
        return list(refs.values())

    def _issuer_from_body(self, body: list[Line]) -> str | None:
        text = " ".join(line.text for line in body[:40])
        folded = fold_same_length(text)
        for m in re.finditer(
            r"(?:^|[,.;:]\s)((?:so|uy ban|ubnd|bo|tong cuc|cuc|chi cuc|van phong|ban|trung tam|"
            r"cong an)\s[^,.;:]{2,80}?)\s(?:de nghi|yeu cau|tran trong|thong bao|tra loi|"
            r"co y kien|nhan duoc|huong dan|bao cao|da\s|ban hanh)\b",
            folded,
        ):
            return _value(text[m.start(1) : m.end(1)])
        return None


# --------------------------------------------------------------------------- header helpers


# A crawl puts parent and issuer on one line (`UBND TỈNH LAI CHÂU SỞ THÔNG TIN VÀ TRUYỀN
# THÔNG`): after a governing body, these words start the body under it.
_GOVERNING: Final = re.compile(r"(?:ubnd|uy ban nhan dan|bo|tong cuc|cuc|bao hiem xa hoi)\s")
_SUBORDINATE: Final = re.compile(
    r"\s(?=van phong$|(?:so|(?<!tong\s)(?<!chi\s)cuc|chi cuc|tong cuc|van phong|ban|trung tam|"
    r"thanh tra|cong an|bao hiem xa hoi"
    # a ministry's department, `VỤ PHÁP CHẾ` (not the `vụ` ending `Nội vụ`, `dịch vụ`)
    r"|(?<!noi\s)(?<!dich\s)(?<!nghiep\s)(?<!phuc\s)(?<!nhiem\s)vu"
    r")\s\S|phong\s(?:van hoa|noi vu|tai chinh|giao duc|y te|"
    r"tu phap|kinh te|lao dong|tai nguyen|nong nghiep|quan ly|thanh tra))"
)


_PLACE_STARTED: Final = re.compile(r"(?:tinh|thanh pho|tp\.?|huyen|quan|thi xa|xa|phuong)(\s\S+)?$")


def _split_bodies(text: str, folded: str) -> list[tuple[str, str]]:
    """The bodies a header piece names, (text, fold) each, without the marks around them: the
    piece, or a crawl's parent and issuer on one line, cut where the body under the governing
    one starts. The fold is one character for one: it is sliced like the text."""
    start = len(text) - len(text.lstrip(_BODY_MARKS))
    text = text[start:].rstrip(_BODY_MARKS)
    if not text:
        return []
    folded = folded[start : start + len(text)]
    head = _GOVERNING.match(folded)
    if head is None:
        return [(text, folded)]
    cut = _SUBORDINATE.search(folded, head.end())
    # the first word of a place's name (`VŨ` of `HUYỆN VŨ THƯ`) is no department, nor the second
    # (`PHÒNG` of `THÀNH PHỐ HẢI PHÒNG`) where another body follows (`THANH TRA THÀNH PHỐ`):
    # `THÀNH PHỐ HUẾ SỞ …` has one word
    while cut and (place := _PLACE_STARTED.match(folded, head.end(), cut.start())):
        later = _SUBORDINATE.search(folded, cut.end())
        if later is None and place.group(1):
            break
        cut = later
    if not cut:
        return [(text, folded)]
    return [_strip_both(text, folded, 0, cut.start()), _strip_both(text, folded, cut.end())]


def _strip_both(text: str, folded: str, a: int, b: int | None = None) -> tuple[str, str]:
    """`text[a:b]` stripped, and its fold (one character for one: sliced like the text)."""
    piece = text[a:b]
    a += len(piece) - len(piece.lstrip())
    piece = piece.strip()
    return piece, folded[a : a + len(piece)]


_BODY_MARKS: Final = " -_|:;"


class _Cells:
    """The pieces of the header lines, each a tuple (line, text, folded, known), with their tags
    read when first asked for (`_tag`). `known`: whether the piece's fold holds the Quốc hiệu or
    the motto, and its date match, when the split found them. (A tuple costs a fraction of an
    object with its own attributes, built by a call to its ``__init__``.)"""

    __slots__ = ("pieces", "tags")

    def __init__(self) -> None:
        self.pieces: list[tuple] = []
        self.tags: dict[int, str] = {}

    def add(self, line: int, text: str, folded: str, known, tag: str) -> int:
        """Appends a piece whose tag is known; its index."""
        self.tags[len(self.pieces)] = tag
        self.pieces.append((line, text, folded, known))
        return len(self.pieces) - 1

    def line(self, k: int) -> int:
        return self.pieces[k][0]

    def tag(self, k: int) -> str:
        tag = self.tags.get(k)
        if tag is None:
            _, text, folded, known = self.pieces[k]
            tag = self.tags[k] = _tag(text, folded, known)
        return tag


def _header_pieces(cells: _Cells, line: int, text: str, folded: str) -> None:
    """Appends to `cells` the column pieces of a header segment on `line`, which OCR or a crawl
    may have run together: cut before the Quốc hiệu, the motto, the place and date, `V/v` and
    `Kính gửi`. (A segment is stripped and not empty: a line's text, or a run between gaps.)"""
    national, motto, date = _national(text, folded), _motto(folded), _date(folded)
    cuts = []
    if national and national.start() > 0:
        cuts.append(national.start())
    if motto and motto.start() > 0:
        cuts.append(motto.start())
    if date and (place_start := _place_start(text, folded, date)) > 0:
        cuts.append(place_start)
    if "/" in folded and (subject := _INLINE_SUBJECT.search(folded)):
        cuts.append(subject.start())
    if "gui" in folded and (address := _INLINE_ADDRESS_TO.search(folded)):
        cuts.append(address.start())
    if not cuts:
        # one piece, the segment itself (most are): its tag reads the matches made above
        cells.pieces.append((line, text, folded, (bool(national or motto), date)))
        return
    ordered = sorted({0, *cuts})
    for a, b in zip(ordered, [*ordered[1:], len(text)], strict=False):
        piece, piece_folded = _strip_both(text, folded, a, b)
        if piece:
            cells.pieces.append((line, piece, piece_folded, None))


# (opening with the letter, where the engine skips to, the space before it read behind it)
_INLINE_SUBJECT: Final = re.compile(r"v(?<=\sv)\s?/\s?v\b")
_INLINE_ADDRESS_TO: Final = re.compile(r"k(?<=\sk)inh\s?gui\b")
_NUMBER_CODE: Final = re.compile(r"(?:[^/!|⁄\n]{0,12}?[/!|⁄]\s?)?\S+(?:\s-\S+)*")


def _address_to(folded: str) -> re.Match | None:
    return _ADDRESS_TO.search(folded) or _ADDRESS_TO_GARBLED.match(folded)


def _agency(text: str) -> str | None:
    """An agency's name without the rule under it or OCR's marks around it (`BỘ TÀI CHÍNH —`,
    `“BO TÀI CHÍNH`, `… CÔNG NGHỆ —====`, a stray backquote)."""
    if rule := _RULE_RUN.search(text):
        text = text[: rule.start()]
    return _value(text.strip(_AGENCY_MARKS))


_AGENCY_MARKS: Final = " `'\"“”‘’|—–=_-"
_RULE_RUN: Final = re.compile(r"[-—–=_]{2,}")


def _national(text: str, folded: str) -> re.Match | None:
    """The Quốc hiệu, or in a party committee's header the party's name, in capitals (in small
    letters it is the body's: `thành lập Đảng Cộng sản Việt Nam`)."""
    if "cong" not in folded and "nghia" not in folded:
        return None
    if m := _NATIONAL.search(folded):
        return m
    m = _PARTY.search(folded) if "dang" in folded else None
    return m if m and text[m.start() : m.end()].isupper() else None


def _motto(folded: str) -> re.Match | None:
    return _MOTTO.search(folded) if "lap" in folded or "phuc" in folded else None


def _place_start(text: str, folded: str, date: re.Match) -> int:
    """Where the place name begins before `ngày`: after the number and notation when they share
    the segment, else at the start."""
    prefix_end = date.start()
    number = _number_label(text, folded, prefix_end)
    if number:
        shape = _NOTATION_SHAPE.search(text, number.end(), min(prefix_end, number.end() + 40))
        code = shape or _NUMBER_CODE.match(folded, number.end())
        pos = code.end() if code else number.end()
        while pos < prefix_end and folded[pos] == " ":
            pos += 1
        return pos if pos < prefix_end else 0
    if _subject_label(text, folded):  # OCR ran the subject onto the place: its words in capitals
        return _capitalised_run(text, prefix_end)
    return 0


def _capitalised_run(text: str, end: int) -> int:
    """Start of the run of capitalised words that ends at `end` (`Hà Nội`, `TP. Hồ Chí Minh`), or 0;
    an acronym before a name in small letters ends the subject (`V/v thuế GTGT Hà Nội`)."""
    head = text[:end].rstrip(" ,.")
    start = len(head)
    in_small_letters = False
    for word in reversed(head.split(" ")):
        if not word[:1].isupper() or (in_small_letters and word.isupper() and word[-1] != "."):
            break
        in_small_letters = in_small_letters or not word.isupper()
        start -= len(word) + 1
    return max(start + 1, 0) if start < len(head) else 0  # no such run: no place to cut at


_CELL_MARKS: Final = " |*#_"


def _tag(text: str, folded: str, known: tuple[bool, re.Match | None] | None = None) -> str:
    """The part a header piece plays; `known`: whether the fold holds the Quốc hiệu or the
    motto, and its date match, when the caller has them."""
    stripped = folded.strip(_CELL_MARKS)
    opening = _PIECE_OPENING.match(stripped)
    label = opening.lastgroup if opening else None
    if not stripped or label in ("rule", "page"):
        return "rule"
    if label == "stamp":
        return "stamp"
    if known[0] if known else (_national(text, folded) or _motto(folded)):
        return "national"
    if opening and label == "number":  # (as _number_label)
        if not opening.group("bare") or text.lstrip(_CELL_MARKS)[:1] == "S":
            return "number"
    date = known[1] if known else _date(folded)
    if date and date.start() < 45:
        return "date"
    if label == "subject" or ("VA" in text and _SUBJECT_LABEL_VA.match(text.strip(_CELL_MARKS))):
        return "subject"
    if label == "to":
        return "to"
    # the cheap tests first: counting the capitals reads the whole text, and a line that is not
    # in capitals (at 0.7) is no title (0.8) either
    if len(stripped) < 20 and _urgency(stripped) and _is_upper(text, 0.5):
        return "urgency"
    if not _is_upper(text):
        return "other"
    if _kind_from_title(stripped) and _is_upper(text, 0.8):
        return "title"
    # a document's code names no agency (a web page's title over the header: `Công văn
    # 4153/BTTTT-PTTH&TTĐT`, its capitals many)
    if len(stripped) >= 120 or ("/" in text and _CODE_SHAPE.search(text)):
        return "other"
    return "agency"


_CODE_SHAPE: Final = re.compile(r"\d\s?/\s?[A-ZĐ]{2}")


# how a piece opens: `_tag`'s tests in its order, in one pass (most pieces pass them all). The
# number's, the subject's and Kính gửi's openings share no first letter (after a quote), so a
# number rejected for its small `so` hides neither.
_PIECE_OPENING: Final = re.compile(
    "|".join(
        f"(?P<{label}>{pattern.pattern})"
        for label, pattern in (
            ("rule", _RULE_LINE),
            ("page", _PAGE_MARK),
            ("stamp", _STAMP),
            ("number", _NUMBER_LABEL),
            ("subject", _SUBJECT_LABEL),
            ("to", _ADDRESS_TO),
        )
    )
)

_TITLE_KINDS: Final = {
    fold_same_length(k.lower()): k for k in (*decree30.ADMINISTRATIVE_TYPES, *decree30.LEGAL_TYPES)
}


_NOT_LETTER: Final = re.compile(r"[^a-z ]")


def _kind_from_title(folded: str) -> str | None:
    key = " ".join(_NOT_LETTER.sub(" ", folded).split())  # (its words of letters a-z)
    kind = _TITLE_KINDS.get(key)
    # (find: the length of the first word, which a scrap has shorter than four letters)
    if (
        kind is None
        and 0 < key.find(" ") < 4
        and len(key) <= MAX_STAMPED_TITLE
        and key.endswith(_TITLE_ENDINGS)
    ):
        # a received stamp's scraps that OCR put before the title (`ĐẾN OH Gn NGHỊ ĐỊNH`,
        # `t1 - NGHỊ ĐỊNH`): up to three words shorter than four letters, none an agency's
        # (`VỤ KẾ HOẠCH` is a department)
        words = key.split()
        for n in range(1, min(4, len(words))):
            if len(words[n - 1]) >= 4 or _AGENCY_HEAD.match(words[n - 1]):
                break
            if kind := _TITLE_KINDS.get(" ".join(words[n:])):
                break
    return kind


MAX_STAMPED_TITLE: Final = 40
_TITLE_ENDINGS: Final = tuple({" " + k.rsplit(" ", 1)[-1] for k in _TITLE_KINDS})


def _type_of_code(notation: str | None) -> str | None:
    """The type a notation's code names (`NĐ` of `2016/NĐ-CP`, `KH` of `KH-UBND`), if any."""
    if not notation:
        return None
    return decree30.TYPE_BY_ABBREVIATION.get(notation.rsplit("/", 1)[-1].split("-", 1)[0].strip())


def _kind_from_notation(notation: str | None) -> str | None:
    kind = _type_of_code(notation)
    # a legal type only where the notation holds the year, as a legal document's does
    # (`2016/NĐ-CP`): elsewhere `TT` or `NĐ` is a unit's code
    if kind in decree30.ADMINISTRATIVE_TYPES or (kind and notation and notation[:4].isdigit()):
        return kind
    return None


def _names_its_issuer(notation: str | None, issuer: str | None) -> bool:
    """Whether a công văn's notation opens with its issuer's initials, its unit's code after
    them (`CT-TTHT` of a Cục Thuế: no Chỉ thị), where a typed document's type opens it and the
    issuer follows (`BC-BCĐ` of a Ban chỉ đạo is a Báo cáo)."""
    if not notation or not issuer or "-" not in notation:
        return False
    groups = [fold_same_length(g.strip()).upper() for g in notation.split("/")[-1].split("-")]
    words = fold_same_length(issuer).upper().split()
    initials = "".join(w[0] for w in words if w != "VA")
    return initials.startswith(groups[0]) and not initials.startswith(groups[1])


def _urgency(folded: str) -> str | None:
    if "khan" not in folded and "toc" not in folded:  # (in every level's name)
        return None
    key = " ".join(folded.strip(" .:*!").split())
    return _URGENCIES.get(key)


# Decree 30's three levels; `Hỏa tốc hẹn giờ` of the rules before it is a Hỏa tốc
_URGENCIES: Final = {
    "khan": "Khẩn",
    "thuong khan": "Thượng khẩn",
    "hoa toc": "Hỏa tốc",
    "hoa toc hen gio": "Hỏa tốc",
}


_CODE_IN_NUMBER_LINE: Final = re.compile(
    r"^(?P<number>[^/!|⁄]{0,12}?)\s?[/!|⁄]\s?(?P<notation>(?:\d{4}\s?/\s?)?[^\s/-]+(?:\s?-\s?[^\s/-]+)*)"
)
_PARTY_NUMBER: Final = re.compile(r"(?P<number>\d{1,5})\s?-\s?(?P<type>[^\W\d_][\w&]*)$")
# (a dash spaced out before a word, `CT-TTHT - Hà Nội`, `- Ha Nội`, is the column's edge: a
# code's part after a spaced dash is in capitals, or in small letters as OCR reads it (`TCT-
# cs`), never a name's capital and small letters, and ends before any other letter)
_NOTATION_SHAPE: Final = re.compile(
    r"[A-ZĐ][A-Za-zĐđ0-9&.()]*"
    r"(?:-[A-Za-zĐđ0-9&.()]+|\s?-\s?(?:[A-ZĐ0-9&.()]+|[a-zđ0-9&.()]+)(?![^\W\d_]))+"
)
# a notation stands right after Số: (each capital of a long word would start a search again)
MAX_NOTATION_REACH: Final = 200


def _number_and_notation(text: str, folded: str) -> tuple[str | None, str | None]:
    label = _NUMBER_LABEL.match(folded.strip(" |*#_"))
    offset = len(folded) - len(folded.lstrip(" |*#_"))
    rest = text[offset + label.end() :].strip() if label else text
    m = _CODE_IN_NUMBER_LINE.match(rest)
    if m and sum(ch.isupper() for ch in m.group("notation")) >= 2:
        number = m.group("number").strip(" _.(")
        if party := _PARTY_NUMBER.match(number):  # `245-CV/BTGTU`: 245 and CV/BTGTU
            notation = f"{party.group('type')}/{m.group('notation').strip(' .,;')}"
            return party.group("number"), notation
        digits = number.replace(" ", "")
        notation = m.group("notation").strip(" .,;")
        return (digits if digits.isdigit() else None), (notation or None)
    # OCR garbled the slash or the number: keep what has the shape of a notation, and the
    # number before it where OCR lost the slash alone (`Số: 3790 TCT-CS`)
    shape = _NOTATION_SHAPE.search(rest, 0, MAX_NOTATION_REACH)
    if not shape:
        return None, None
    digits = rest[: shape.start()].replace(" ", "")
    return (digits if digits.isdigit() else None), shape.group()


def _place_and_date(text: str, m: re.Match) -> tuple[str | None, str | None]:
    """(place, date) of a header piece whose fold's date match is `m` (as its tag read it)."""
    return _place_value(text[: m.start()]), _date_value(m)


# The date line as OCR misreads its words (`ngdy`, `ngàj)`, `thing`, `kháng`, `mắm`, `néim`),
# a garbled day in up to two pieces (`ngày) § tháng 11`) or glued to the words (`ngày22tháng`,
# `ngayl4thing`: the day then holds a digit, or `ngành` would be read). Read only where no date
# was found: loose enough to match words of the text, it must stand near the start of its
# header piece.
_OCR_DATE: Final = re.compile(
    r"ng(?<!\wng)(?:a\w|\w[yj])\W{0,2}(?:\s+|(?=\w{0,2}\d))(?P<d>(?:\S{1,4}?\s*){0,2}?)"
    r"[tk]h\w{1,2}n[gh]\W{0,2}\s+(?:(?P<m>\S{1,3})\s+)?[nm]?\w{1,2}m\W?\s+(?P<y>\d{4})\b"
)


_YEAR: Final = re.compile(r"\d\d\d\d")
OCR_DATE_REACH: Final = 300


def _ocr_place_and_date(text: str, folded: str) -> tuple[str | None, str | None] | None:
    """(place, date) of a header piece read with `_OCR_DATE`, or None."""
    # where a date line may stand: near the piece's start, after a number and notation (the
    # pattern is tried at every `ng`); the year's digits first, a scan in C
    m = _OCR_DATE.search(folded, 0, OCR_DATE_REACH) if _YEAR.search(folded) else None
    if not m:
        return None
    start = _place_start(text, folded, m)
    if m.start() - start >= 45:  # a phrase of the text, not the place before a date
        return None
    return _place_value(text[start : m.start()]), _date_value(m)


def _place_value(text: str) -> str | None:
    """The place before a date, from its first letter (OCR specks before it: `ˆ Hà Nội`)."""
    return _value(_from_first_letter(text).rstrip(" ,.*"))


def _from_first_letter(text: str) -> str:
    """A name from its first letter: OCR's specks and strokes before it left out."""
    if text[:1].isupper() or text[:1].islower():  # most names
        return text
    start = next((k for k, ch in enumerate(text) if ch.isupper() or ch.islower()), len(text))
    return text[start:]


def _date_value(m: re.Match) -> str | None:
    """The ISO date of a date match (groups d, m, y; a day or month OCR split in two read whole):
    partial where the day or the month is blank or garbled."""
    month = m.group("m")
    return _iso_date(m.group("y"), month and month.replace(" ", ""), m.group("d").replace(" ", ""))


# (a run of spaces is read from its start only; OCR reads `Đ/c` as `D/e`, `Ð⁄c`, and in brackets as
# `De`, `Đc`)
_ADDRESS: Final = re.compile(
    r"[;,.]?(?<!\s)\s*"
    r"(?:\(?(?:[ĐDÐ][/⁄][ce]|Địa chỉ|Dia chi|Mã số thuế|MST)|\((?:De|Die|[DĐ]c))\s?:"
)


def _strip_address(item: str) -> str:
    if ":" not in item:  # (the pattern ends with it, and opens with a repeat, tried everywhere)
        return item
    return _ADDRESS.split(item)[0]


_ADDRESS_LINE: Final = re.compile(r"^\(?(?:d/c|dia chi|ma so thue|mst|ma sô thue)\b|^\(")


def _is_address_line(folded: str) -> bool:
    return _ADDRESS_LINE.match(folded) is not None


def _cut_copy_block(lines: list[Line]) -> list[Line]:
    """A copy certificate (`SAO LỤC`, `SAO Y BẢN CHÍNH`) after the signature is another
    document with its own Nơi nhận: the dispatch ends where it starts."""
    for i in range(len(lines) // 2, len(lines)):
        text = lines[i].text
        if "SAO" in text and _COPY_BLOCK.search(lines[i].folded) and _is_upper(text, 0.6):
            return lines[:i]
    return lines


# --------------------------------------------------------------------------- footer helpers


_ARCHIVE: Final = re.compile(r"^\W{0,2}l[uư]u\b")


def _is_archive(item: str) -> bool:
    # the mark opens the entry: its `l` stands in the first three characters (most have none)
    head = item[:3]
    return ("l" in head or "L" in head) and bool(_ARCHIVE.match(fold_same_length(item[:12])))


_TWO_LETTERS: Final = re.compile(r"[^\W\d_]{2}")  # stamp scraps have no two letters in a row
_AFTER_FINAL_STOP: Final = re.compile(r"\.\s*([^.(]{0,6})$")


def _trim_entry(item: str) -> str:
    """`Lưu: VT, TTHT. 3⁄2` → `Lưu: VT, TTHT`: scraps after the final stop are stamp noise;
    so are those after another entry's final colon (`đơn vị TW trên địa bàn TP: ‹ r3`, where
    OCR read its semicolon as a colon), where no two letters stand in a row."""
    if ":" not in item and "." not in item:  # most entries: no stop, no colon to trim after
        return item
    if not _is_archive(item):
        colon = item.rfind(":")
        if colon != -1 and not _TWO_LETTERS.search(item, colon + 1):
            return item[:colon]
        return item
    m = _AFTER_FINAL_STOP.search(item)
    if m and m.group(1) and sum(map(str.isalpha, m.group(1))) < 3:
        return item[: m.start() + 1]
    return item


def _name_after_archive(entry: str) -> tuple[str, str | None]:
    """`Lưu: VT, PC (2b). Bùi Văn Nam` → (`Lưu: VT, PC (2b)`, `Bùi Văn Nam`): a name after the
    `Lưu` entry's final stop, where the signature block names nobody, is the signer's, put
    beside the list by a flattened layout (otherwise it is the drafter's, and stays)."""
    stop = entry.rfind(".")
    if stop == -1 or not _is_archive(entry):
        return entry, None
    rest = entry[stop + 1 :].strip()
    if not rest or _person_name(rest) != rest:
        return entry, None
    return _value(entry[:stop]) or entry, rest


MAX_SCRAPS_BEFORE_LIST: Final = 2


# `Như trên`, `Như Kính gửi`: the recipients above, an entry complete in itself
_AS_ABOVE: Final = re.compile(r"^\W{0,3}nhu\s(?:tren|kinh\sgui)")


def _unmarked_entry(text: str, folded: str) -> bool:
    """A line of Nơi nhận written without a list mark: `Như trên`, an entry ending in `;`,
    the `Lưu` entry."""
    return bool(_AS_ABOVE.match(folded)) or text.endswith(";") or _is_archive(text)


def _continues(item: str, text: str) -> bool:
    """Whether a line without a list mark wraps the entry above it."""
    if item.rstrip().endswith((";", ".")) or _person_name(text) == text.strip():
        return False
    if text.startswith(("http", "www.")):  # the address a browser printed at the page's foot
        return False
    if _is_archive(item):  # `Lưu` entries are short: only a lower-case scrap wraps them
        return text[:1].islower() or text[:1] == "("
    return True


def _is_page_break(line: Line) -> bool:
    """A page's number alone on its line, or a converter's page mark (`--- PAGE 2 ---`)."""
    return line.text.isdigit() or (
        line.text[:2] == "--" and _PAGE_MARK.match(line.folded) is not None
    )


_WORD_START: Final = re.compile(r"\s\S")
MAX_ENTRY_CHARS: Final = 600


def _split_signature_spill(item: str) -> tuple[str, list[str]]:
    """An entry that OCR joined with the signature column beside it → (entry, the column's
    pieces in reading order)."""
    column: list[str] = []
    form = _FORM.search(item) if _may_hold_form(item) else None  # (most entries hold none)
    # in the Lưu entry, `KT` after the list's comma or `P.` is the archive's unit (`Lưu: VT,
    # KT.`, `P. KT.`), not a form: the form, if any, comes after it
    while form and _UNIT_BEFORE.search(item, 0, form.start()) and _is_archive(item):
        form = _FORM.search(item, form.end())
    if form and form.start() > 2:
        item, column = item[: form.start()].rstrip(), [item[form.start() :]]
    # a run of capitals holding a title word (`PHÓ CỤC TRƯỞNG`) after the entry's end; an
    # entry of the list is a line or two, never pages (each word start reads the rest)
    has_title = not column and len(item) <= MAX_ENTRY_CHARS and _title_in_capitals(item)
    for m in _WORD_START.finditer(item) if has_title else ():
        if item[m.start() + 1].islower():  # a word with a small letter opens no run of capitals
            continue
        tail = item[m.start() + 1 :]
        upper, _ = _upper_run(tail)
        words = upper.split()
        if len(words) >= 2 and not words[0].endswith((",", ".")):
            if _TITLE_WORDS.search(fold_same_length(upper)):
                item, column = item[: m.start()].rstrip(" :—|"), [tail]
                break
    # after the entry's final `;`: stamp scraps or the signer's name, never a wrapped entry;
    # all of it where the signature column stands beside the entry or after `Như trên`
    semi = item.rfind(";")
    rest = item[semi + 1 :].strip() if semi != -1 else ""
    # without two letters in a row, stamp scraps even where they end in a stop (`2 ` .`, `A`);
    # `XNK;HC.` is two entries
    scraps = rest and not _TWO_LETTERS.search(rest)
    if rest and (scraps or not rest.endswith((";", "."))):
        junk = scraps or re.search(r"[^\w\s,()&/.-]", rest) or not re.search(r"[^\W\d_]{3}", rest)
        name = rest.lstrip(" .-")  # a stop or a dash of the stamp before a name
        complete = column or _AS_ABOVE.match(fold_same_length(item[: semi + 1]))
        if complete or junk or _person_name(name) == name:
            return item[: semi + 1], [rest, *column]
    return item, column


_UNIT_BEFORE: Final = re.compile(r"(?:,|(?<![^\s,])P\.)\s*$")  # (searched up to a form's start)


def _may_hold_form(text: str) -> bool:
    """Whether `_FORM` may find a form in the text: one opens with KT, TM, TL, Q (TUQ as well) or a
    slash after K or T, and a stop, a comma or a slash follows it (`KT.`, `T/M`)."""
    return ("." in text or "," in text or "/" in text) and (
        "KT" in text or "TM" in text or "TL" in text or "Q" in text or "K/" in text or "T/" in text
    )


def _fold_in(part: str, text: str, folded: str) -> str:
    """The fold of `part`, sliced from `folded`, the fold of `text`, where the text holds it (the
    fold is one character for one, as a line's segments read theirs)."""
    at = text.find(part)
    return folded[at : at + len(part)] if at != -1 else fold_same_length(part)


def _title_in_capitals(item: str) -> bool:
    """Whether the words in capitals of an entry, read together, hold a title word: a run of
    them that does (`_upper_run`) is among them (the run ends at any other word, and `Chủ tịch,
    các PCT UBND` folds no more than `PCT UBND`)."""
    # (`,`, `.` and `&` have no case: a word is in capitals with them as without them)
    capitals = list(filter(str.isupper, item.split()))
    return len(capitals) >= 2 and bool(_TITLE_WORDS.search(fold_same_length(" ".join(capitals))))


def _upper_run(text: str) -> tuple[str, str]:
    """Leading run of words in capitals (`BỘ TRƯỞNG, CHỦ NHIỆM`) and what follows it."""
    words = text.split()
    # (`,`, `.` and `&` have no case: a word is in capitals with them as without them, and a lone
    # `&` is not, as no word without a letter is)
    n = len(list(takewhile(str.isupper, words)))
    # a lone `&` between words in capitals joins them (`SỞ VĂN HÓA & THỂ THAO`)
    while n and words[n : n + 1] == ["&"] and words[n + 1 : n + 2] and words[n + 1].isupper():
        n += 1 + len(list(takewhile(str.isupper, words[n + 1 :])))
    if not n:
        return "", " ".join(words)
    run = " ".join(words[:n]).strip(" ,")
    if n == 1 and len(run) <= 2:  # a lone letter is noise, unless more capitals follow
        return "", text.strip()
    return run, " ".join(words[n:])


_TITLE_PHRASE: Final = re.compile(
    r"\b(?:(?:pho|o)\s)?(?:tong cuc truong|cuc truong|vu truong|bo truong|thu truong|"
    r"chanh van phong|chanh thanh tra|tong giam doc|giam doc|chu tich|chu nhiem|hieu truong|"
    r"vien truong|truong ban|truong phong|thu tuong|truong)\b"
)


def _split_authority(run: str, form: str, folded: str) -> tuple[str, str | None]:
    """The capitals after a signing form, and their fold → (authority, the signer's own title if
    it follows): `BỘ TRƯỞNG THỨ TRƯỞNG` → (`BỘ TRƯỞNG`, `THỨ TRƯỞNG`); after `TM.` the authority
    is the collective body, `ỦY BAN NHÂN DÂN CHỦ TỊCH` → (`ỦY BAN NHÂN DÂN`, `CHỦ TỊCH`)."""
    m = _TITLE_PHRASE.search(folded)
    if not m:
        return run, None
    if form == "TM":
        if len(run[: m.start()].split()) < 2:  # `ĐOÀN CHỦ TỊCH` is itself the body
            return run, None
        return run[: m.start()].strip(" ,"), run[m.start() :].strip(" ,")
    end = m.end()
    # a compound authority: `BỘ TRƯỞNG, CHỦ NHIỆM` (not a deputy's title after the comma)
    second = _TITLE_PHRASE.match(folded, end + 2) if run[end : end + 2] == ", " else None
    if second and not second.group().startswith(("pho ", "o ")):
        end = second.end()
    title = run[end:].strip(" ,")
    return run[:end].strip(" ,"), title or None


# the capital opens the pattern (the engine skips to capitals); `(?<!\w.)` after it is the
# start of a word
_NAME: Final = re.compile(
    rf"([{CAPITALS}](?<!\w.)[{SMALLS}]+(?:\s[{CAPITALS}][{SMALLS}]*){{1,5}})\s*$"
)


# First words of capitalised phrases that are not people, none a surname: `Như trên`, `Phòng Tổ
# chức`, places and the words of a document's title (`Việt Nam`, `Cần Thơ`, `Bà Rịa`, `Luật Quản
# lý thuế`). `Lưu` is a surname as well as the archive entry, which the archive's colon and
# capitals tell apart; `Hà` is one too, `Hà Nội` no person.
_NOT_A_NAME: Final = {
    *("nhu", "noi", "so", "ban", "cac", "phong", "website", "cong", "trang", "bo", "uy"),
    *("viet", "can", "ba", "luat", "nghi", "quyet", "thong", "chuong"),
}
_PLACES: Final = {"ha noi", "hoa ky", "nhat ban"}


_TRAILING_PUNCTUATION: Final = re.compile(r"[^\w\s]+$")
NAME_TAIL: Final = 200


def _person_name(text: str) -> str | None:
    # a name is a few words at the end: the tail is enough, and bounds the patterns' work
    text = text[-NAME_TAIL:]
    if not text[-1:].isalnum():  # (what ends in a letter or a digit has no punctuation to drop)
        text = _TRAILING_PUNCTUATION.sub("", text)
    text = text.strip()
    m = _NAME.search(text)
    if not m:
        return None
    name = m.group(1)
    words = name.split()
    if not 2 <= len(words) <= 6 or max(map(len, words)) > 8:
        return None
    folded = fold_same_length(name.lower())
    if folded.partition(" ")[0] in _NOT_A_NAME or folded in _PLACES:
        return None
    return name


# --------------------------------------------------------------------------- task helpers

# (`§.`: a digit OCR read as the section sign, often 8 or 5)
_ARABIC: Final = re.compile(r"^(\d{1,2}|§)\s?(?:[.)]|/(?=\s))(?!\d)\s*(?=\S)")
ANY_NUMBER: Final = -1  # an item's number that OCR could not read
# `I. MỤC ĐÍCH`, and `I.MỤC ĐÍCH` where OCR lost the space (never `I/2025`, `I.1`)
_ROMAN: Final = re.compile(r"^([IVX]{1,5})\s?[.)](?=\s|[A-ZĐ])\s*")
_ROMAN_VALUES: Final = {"I": 1, "V": 5, "X": 10}
_BODY_START: Final = re.compile(
    r"(?:can cu|thuc hien|theo de nghi|xet\s|ngay\s\d|nham\s|tren co so)"
)
_LINE_SCRAPS: Final = " _.•*"  # what OCR leaves before a line's first word (`_ Căn cứ …`)
# the issuer's courtesy (`Ủy ban nhân dân tỉnh trân trọng kính mời …`, `Kính mời: …`) opens the
# body of an invitation or a notice: no trích yếu says it
_COURTESY: Final = re.compile(r"tran trong|kinh moi")
# a division of the text (`Chương I`, `Điều 1.`, `Mục 2`, `Phần II`; OCR reads I as L): no trích
# yếu, the document's own text
_DIVISION: Final = re.compile(r"(?:chuong|dieu|muc|phan)\s+(?:[ivxl]+|\d+)\b")
# the line in capitals that names who decides, under a typed document's trích yếu (its first
# chapter, `CHƯƠNG I`, is a division: `_DIVISION`)
_AUTHORITY: Final = re.compile(
    r"(?:chu tich|bo truong|giam doc|thu tuong|chinh phu|uy ban|ubnd|hoi dong|quoc hoi|"
    r"tong cuc truong|cuc truong|chanh|truong ban|vien truong|thong doc|hieu truong)"
)
MAX_SUBJECT_LINES: Final = 6
MAX_SUBJECT_LINES_IN_CAPITALS: Final = 8  # capitals take more lines
MAX_STAMP_BESIDE_SUBJECT: Final = 20
_FIRST_ARTICLE: Final = re.compile(r"dieu\s?1\s?[.:]")
# a quotation starts a line or follows a colon: the pattern opens with the quote, which the
# engine skips to (`(?:^|:\s?)“` was tried at every character)
_QUOTE_OPENS: Final = re.compile(r"“(?:(?<=^“)|(?<=:“)|(?<=:\s“))")
QUOTE_SPAN: Final = 60  # lines a quotation may run before an unclosed quote (OCR) is forgotten
MAX_SECTIONS: Final = 40  # roman sections of a dispatch; beyond XL a numbered line is not one


def _roman(numeral: str) -> int:
    total = 0
    for a, b in zip(numeral, [*numeral[1:], ""], strict=False):
        value = _ROMAN_VALUES[a]
        total += -value if b and _ROMAN_VALUES[b] > value else value
    return total


def _to_roman(value: int) -> str:
    out = ""
    for number, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out += numeral
            value -= number
    return out


_MARK_OPENERS: Final = "IVX§ĐđDd0123456789"  # a roman or arabic numeral, or `Điều`


def _mark_candidates(body: list[Line]) -> list[int]:
    """The lines that may hold an item's mark or the first article, or open a quotation: one
    test for each line, where most lines are none of these."""
    return [
        i
        for i, line in enumerate(body)
        if (text := line.text) and (text[0] in _MARK_OPENERS or "“" in text or text[0].isdecimal())
    ]


def _item_marks(
    body: list[Line], candidates: list[int]
) -> tuple[list[tuple[int, str, int]], list[tuple[int, str]]]:
    """(line index, label, where its mark ends) of the top-level items: roman sections, and
    arabic items restarting in each section, each series in order. Items quoted from another
    text (`“Điều 3. … 1. …”`) are not the document's. `candidates`: the lines that may hold a
    mark or open a quotation (`_mark_candidates`); the others are read only within a quotation."""
    romans: list[tuple[int, int, str]] = []
    arabics: list[tuple[int, int]] = []
    mark_ends: dict[int, int] = {}  # (a task's text starts there: the mark is not read again)
    read_to = 0  # the lines before it are read (a quotation's)
    for i in candidates:
        if i < read_to:
            continue
        text = body[i].text
        if "“" in text and _QUOTE_OPENS.search(text) and text.rfind("“") > text.rfind("”"):
            read_to = _quotation_end(body, i)
            # an item may open the line its quotation starts on (`3. Tại khoản 10 … quy định:
            # “1. Có hóa đơn …`): its mark is read, the quotation's lines are not
            if not (text[0] in "IVX" or text[0].isdecimal() or text[0] == "§"):
                continue
        if text[0] in "“\"'":
            continue
        # a numeral opens the line: most lines are neither tried
        m = _ROMAN.match(text) if text[0] in "IVX" else None
        if m:
            romans.append((i, _roman(m.group(1)), m.group(1)))
            mark_ends[i] = m.end()
            continue
        m = _ARABIC.match(text) if text[0].isdecimal() or text[0] == "§" else None
        if m:
            arabics.append((i, int(m.group(1)) if m.group(1) != "§" else ANY_NUMBER))
            mark_ends[i] = m.end()
    sections: list[tuple[int, str]] = []
    expected, last_read = 1, None
    for i, value, _ in romans:
        if expected > MAX_SECTIONS:
            break
        # OCR drops strokes (`II.` for `III.` and `IV.`): a section heading in capitals that
        # repeats the numeral (II or more) read before it is the next section
        repeated = value == last_read and value >= 2 and _is_upper(body[i].text, 0.8)
        if value in (expected, expected + 1) or repeated:
            last_read = value
            value = expected if repeated else value
            sections.append((i, _to_roman(value)))
            expected = value + 1
    # OCR reads `1.` as `I.`: an `I.` in small letters inside a section is its first item
    in_sections = {i for i, _ in sections}
    ones = [
        (i, 1)
        for i, _, numeral in romans
        if numeral == "I" and i not in in_sections and not _is_upper(body[i].text, 0.8)
    ]
    if ones:
        arabics = sorted(arabics + ones)
    if not sections:
        return [(i, str(v), mark_ends[i]) for i, v in _sequence(arabics)], []
    # each arabic item to the section above it, in one pass
    inner: list[list[tuple[int, int]]] = [[] for _ in sections]
    k = -1
    for i, v in arabics:
        while k + 1 < len(sections) and sections[k + 1][0] < i:
            k += 1
        if k >= 0:
            inner[k].append((i, v))
    marks: list[tuple[int, str, int]] = []
    for (start, numeral), items in zip(sections, inner, strict=True):
        picked = _sequence(items)
        if picked:
            marks.extend((i, f"{numeral}.{v}", mark_ends[i]) for i, v in picked)
        else:
            marks.append((start, numeral, mark_ends[start]))
    return marks, sections


def _quotation_end(body: list[Line], opened: int) -> int:
    """The line after the one that ends the quotation opened on line `opened`: its closing
    quote, or the first line more than QUOTE_SPAN lines on (OCR may have lost the quote)."""
    for i in range(opened + 1, len(body)):
        text = body[i].text
        if not text:
            continue
        if i - opened <= QUOTE_SPAN and '"' not in text and "”" not in text and "“" not in text:
            continue  # (most lines of a quotation hold no quote: the tests below change nothing)
        # (OCR reads the closing quote as `"` too: one left unpaired on the line closes)
        close = text.rfind("”")
        if text.count('"') % 2:
            close = max(close, text.rfind('"'))
        if i - opened > QUOTE_SPAN or close != -1:
            if close >= text.rfind("“"):
                return i + 1
            opened = i  # another opens after the close
            continue
        if "“" in text and _QUOTE_OPENS.search(text) and text.rfind("“") > text.rfind("”"):
            opened = i
    return len(body)


def _section_addressee(
    body: list[Line],
    sections: list[tuple[int, str]],
    index: int,
    read: dict[tuple[int, int], str | None],
) -> str | None:
    """The organisation a section's lead-in (`Giao Sở Nội vụ chủ trì …:`) gives its items: the
    lines after its heading, to its first item. `read`: the lead-ins read already, by their
    first and last lines (the items of a section share one: it is read once)."""
    start = max((i for i, _ in sections if i < index), default=None)
    if start is None:
        return None
    end = next((k for k in range(start + 1, index) if _ARABIC.match(body[k].text)), index)
    if (start, end) not in read:
        lead = [line for line in body[start + 1 : end] if line.text]
        text, folded = " ".join(line.text for line in lead), " ".join(line.folded for line in lead)
        read[start, end] = _addressee_in_text(text, folded)[0] if lead else None
    return read[start, end]


def _sequence(candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """1, 2, 3 … from the candidates in order; one number the source skipped is tolerated, and
    a number OCR could not read (`ANY_NUMBER`) is the one expected after the first."""
    picked: list[tuple[int, int]] = []
    expected = 1
    for i, value in candidates:
        if value == ANY_NUMBER and picked:
            value = expected
        if value == expected or (picked and value == expected + 1):
            picked.append((i, value))
            expected = value + 1
    return picked


def _paragraph_lines(lines: list[Line]) -> tuple[list[str], list[str], list[int]]:
    """Lines → (the texts of the lines kept, their folds, where each paragraph starts among
    them): a blank line, a list mark or a first-line indent starts a paragraph, and so does the
    first line not in capitals after a heading in capitals. Where no blank line or indent parts
    them (a web page's text puts each paragraph on a line), a line that opens with a capital
    after a sentence's end does too, and after a line that ends short (a heading's: under 0.6
    of the longest). The lines are kept in two flat lists: a task joins a run of them once, its
    paragraphs together."""
    base = min([line.indent for line in lines if line.text], default=0)
    indented = base + 4
    texts: list[str] = []
    folds: list[str] = []
    starts: list[int] = []
    # the lines that open with a capital, with the length of the line before (0 after a
    # sentence's end)
    opening: list[tuple[int, int]] = []
    parted = False  # whether a blank line or an indent starts a paragraph after the first
    previous_blank = True  # (the first line kept starts a paragraph)
    after_stop = after_heading = False  # how the line kept before ends
    for line in lines:
        text = line.text
        if not text:
            previous_blank = True
            continue
        if len(text) <= MAX_PAGE_MARK and _PAGE_FURNITURE.match(line.folded.strip()):
            continue  # a page's number or break between two lines of an item is none of its text
        # a line in capitals goes on with a heading above it, or is one if it holds two words
        # (not an acronym that a sentence wraps onto a line: `GTGT 5%`); isupper stops at the
        # first small letter
        heading = text.isupper() and (after_heading or sum(map(str.isalpha, text.split())) > 1)
        if previous_blank or line.indent >= indented:
            parted = parted or bool(texts)
            starts.append(len(texts))
        elif (after_heading and not heading) or (
            # (a list mark's second character is never a letter: most lines are not tried)
            not text[1:2].isalpha() and _LIST_MARK.match(text)
        ):
            starts.append(len(texts))
        elif text[0].isupper() and not heading:
            # (whether the line before ends short is told once the longest is known)
            opening.append((len(texts), 0 if after_stop else len(texts[-1])))
        texts.append(text)
        folds.append(line.folded)
        previous_blank = False
        after_stop = text[-1] in ".;!?"
        after_heading = heading and not after_stop
    if opening and not parted:
        short = 0.6 * max(map(len, texts))
        starts = sorted(starts + [k for k, before in opening if before < short])
    return texts, folds, starts


_LIST_MARK: Final = re.compile(r"^(?:[-+•–]\s|[a-zđ]\)|\d{1,2}[.)]\s|\(\d+\)|[a-zđ]\.\d)")
# a sentence that opens with a strong closing formula: the spaces after the stop before it
# (group 1). One pattern for each stop, which opens it: the engine skips to the stop (a class
# of the three was tested at every character), and one search finds the first such sentence
# (each sentence was tried apart before); the first of the three matches is the first sentence
_CLOSING_SENTENCES: Final = [
    (stop, re.compile(re.escape(stop) + r"(\s+)(?=" + _CLOSING_STRONG.pattern + ")"))
    for stop in ".!?"
]


def _is_closing(folded: str) -> bool:
    weak = _CLOSING_WEAK.match(folded) and _CLOSING_WORDS.search(folded)
    return bool(_CLOSING_STRONG.match(folded) or weak)


def _make_task(
    lines: list[Line], label: str, mark_end: int, issued: str | None, *, last: bool
) -> Task | None:
    """The task of an item's lines, its mark ending at `mark_end` on the first."""
    if not lines:
        return None
    first = lines[0]
    first_line = Line(first.text[mark_end:], first.indent, first.folded[mark_end:])
    texts, folds, starts = _paragraph_lines([first_line, *lines[1:]])
    if not texts:  # nothing after the mark but a page number (`2. 2`): no task
        return None
    bounds = [*starts, len(texts)]  # paragraph k: the lines from bounds[k] to bounds[k + 1]
    if last:  # the closing formula after the last item is not part of it
        for k in range(1, len(starts)):
            # (it opens a sentence: `yêu cầu.` in small letters ends one the page broke)
            opens = texts[bounds[k]][:1].isupper()
            if opens and _is_closing(" ".join(folds[bounds[k] : bounds[k + 1]])):
                del bounds[k + 1 :]
                break
    addressee = None
    begin, heading_end, end = 0, bounds[1], bounds[-1]
    heading = " ".join(texts[:heading_end]) if len(bounds) > 2 else ""  # one paragraph: none
    heading_folded = " ".join(folds[:heading_end]) if heading else ""
    # (a heading ends in no stop, asks nothing (`Câu hỏi: … như thế nào?` is the text), opens
    # no list as a sentence does (`… có các câu hỏi như sau:`), and is not a sentence that a page
    # broke, the next paragraph going on with a word in small letters: `yêu cầu. …`, not a
    # sub-item's `a)`)
    if (
        heading
        and len(heading) < 200
        and not heading.rstrip().endswith((".", ";"))
        and "?" not in heading
        and not heading_folded.rstrip(" :").endswith(("nhu sau", "sau day"))
        and not (texts[heading_end][:1].islower() and texts[heading_end][1:2].isalpha())
    ):
        duty = re.match(r"(?:trach nhiem|nhiem vu) cua\s", heading_folded)
        if duty and _ORG_START.match(heading_folded[duty.end() :]):
            addressee = _value(heading[duty.end() :])
        elif _names_organisation(heading, heading_folded):
            asked = _asked(heading, heading_folded, len(heading))
            heading, heading_folded = heading[asked:], heading_folded[asked:]
            addressee = _value(heading[: _heading_predicate(heading, heading_folded)])
        begin = heading_end
    text = " ".join(texts[begin:end])
    folded = " ".join(folds[begin:end])
    if last:  # OCR text has no paragraphs: a closing formula may start any sentence
        closings = [
            m for stop, p in _CLOSING_SENTENCES if stop in folded and (m := p.search(folded))
        ]
        if closings:
            cut = min(m.start(1) for m in closings)
            text, folded = text[:cut], folded[:cut]
    if addressee is None:
        addressee, cut = _addressee_in_text(text, folded)
        text, folded = text[cut:], folded[cut:]
    if first.spaces_only and "  " not in text:  # no space to collapse: the ends alone
        text = text.strip(" ")
    else:
        text = " ".join(text.split())
    deadline = _deadline(folded, issued)
    return Task(label=label, text=text, addressee=addressee, deadline=deadline)


def _heading_predicate(heading: str, folded: str) -> int | None:
    """Where a heading naming an organisation goes on to what it must do, in small letters
    (`Các bộ, cơ quan trung ương thực hiện các nhiệm vụ sau`), or None."""
    for p in _PREDICATE.finditer(folded):
        # (right after a comma: a list of names goes on, `Các đoàn thanh tra, kiểm tra`)
        if heading[p.start() + 1].islower() and folded[p.start() - 1] != ",":
            return p.start()
    return None


_SUBITEM: Final = re.compile(r"\s(?=[a-zđ]\)\s)")
_DUTY: Final = re.compile(
    r"\s(?=(?:co|chiu) trach nhiem)|[.;:]"
)  # (or the stop that ends a sentence)
_INNER_LEAD_IN: Final = re.compile(r"\s(?:de nghi|yeu cau)\s")


def _asked(text: str, folded: str, end: int) -> int:
    """Where the organisation that an issuer's lead-in after its name asks starts, before `end`
    (`Tổng cục Thuế đề nghị Cục Thuế các tỉnh`: `Cục Thuế …`), or 0."""
    inner = _INNER_LEAD_IN.search(folded, 0, end)
    if inner and _names_organisation(text[inner.end() :], folded[inner.end() :]):
        return inner.end()
    return 0


def _names_organisation(text: str, folded: str) -> bool:
    """Whether a phrase starts with an organisation (`Sở …`, `Các doanh nghiệp …`, `VNPT …`)."""
    if not (_ORG_START.match(folded) or _ACRONYM.match(text)):
        return False
    topic = _TOPIC.match(folded)
    if topic is None:
        return True
    # a topic's two words are a name where the second is written as one: `Báo Cao Bằng`; not
    # `Báo cáo`, nor `BÁO CÁO` in capitals (-1: a topic of other words)
    second = topic.start("second")
    return second != -1 and text[second].isupper() and text[second + 1 : second + 2].islower()


def _addressee_in_text(text: str, folded: str) -> tuple[str | None, int]:
    """(the organisation a task's text opens with, where the task itself starts), or (None, 0)."""
    start = 0
    lead = _LEAD_IN.match(folded)
    if lead:
        start = lead.end()
    if not _names_organisation(text[start:], folded[start:]):
        return None, 0
    window = folded[start : start + 300]
    colon = window.find(":")
    # a predicate right after a comma continues a list of names (`thanh tra, kiểm tra`)
    predicate = next(
        (
            p
            for p in _PREDICATE.finditer(window)
            if window[p.start() - 1] != ","
            and not _in_a_name(text, start, start + p.start() + 1, start + p.end())
        ),
        None,
    )
    if predicate and window.startswith(" duoc ", predicate.start()):
        # `X được phân công chủ trì … có trách nhiệm …`: what `được` opens names which X, up to
        # the duty or a colon in the same sentence
        duty = _DUTY.search(window, predicate.end())
        if duty and duty.group() == ":":
            predicate = None
        elif duty and duty.group().isspace() and not window.endswith((" va", ","), 0, duty.start()):
            predicate = duty  # (`… và có trách nhiệm`, `…, có trách nhiệm`: X's second duty)
    if 3 < colon < 200 and (predicate is None or colon < predicate.start()):
        if window[:colon].rstrip().endswith(("nhu sau", "sau day")):
            return None, 0  # a sentence that opens what follows (`… như sau:`) names no one
        asked = _asked(text[start : start + len(window)], window, colon)
        return _value(text[start + asked : start + colon]), start + colon + 1
    # a heading run onto its first sub-item (`Văn phòng UBND tỉnh a) Rà soát …`)
    mark = _SUBITEM.search(window) if ")" in window else None  # (the mark holds one)
    if mark and (predicate is None or mark.start() < predicate.start()) and mark.start() < 200:
        return _value(text[start : start + mark.start()]), start + mark.end()
    if (
        predicate
        and len(window[: predicate.start()].split()) >= 3
        and "." not in window[: predicate.start()]
    ):
        return _value(text[start : start + predicate.start()]), start + predicate.start()
    return None, 0


def _in_a_name(text: str, start: int, at: int, end: int) -> bool:
    """Whether the predicate words text[at:end] belong to the name opening at `start`: written
    with a capital, right after the name's head (`Bộ Xây dựng`, `Cục Quản lý`, `Ban Tổ chức`) or
    before a capitalised word (`Đại học Cần Thơ`). A sentence run onto a heading starts with a
    capital too (`Sở Nội vụ Thường xuyên theo dõi`, `trực thuộc Sở Tập trung triển khai`)."""
    if not text[at].isupper():
        return False
    if text[end:].lstrip()[:1].isupper():
        return True
    head = text[start:at].split()
    if len(head) == 1 and fold_same_length(head[0].lower()) in _NAME_HEADS:
        return True
    # further on, right after an acronym (`Công ty TNHH Dược phẩm …`) or after a head before a
    # word that names departments (`các đơn vị thuộc Bộ Xây dựng`, not `thuộc Sở Tập trung`)
    before = head[-1] if head else ""
    if len(before) >= 2 and before.isupper():
        return True
    return (
        before[:1].isupper()
        and fold_same_length(before.lower()) in _NAME_HEADS
        and fold_same_length(text[at:end].lower()).strip() in _DEPARTMENT_WORDS
    )


_NAME_HEADS: Final = {"bo", "so", "cuc", "ban", "vu", "vien", "phong", "quy"}
_DEPARTMENT_WORDS: Final = {"xay dung", "to chuc", "quan ly", "kiem tra", "thong ke", "tong hop"}


# The words before a deadline's date, at a word's start: one pattern for each first word, which
# opens it (the engine skips to the places the word stands, where one pattern for all would be
# tried at every t, c, h and k); `(?<!\w.{5})` after a word of five letters is the `\b` before
# it. A run of spaces counts as one (\s+ and \s* where one space or none is written). Between
# the words and the date an hour (`trước 16 giờ 30 phút`, `16h00`) and a weekday (`thứ Sáu,`)
# may stand; the date is written with figures or words (`ngày 25 tháng 7 năm 2020`).
_DEADLINE_DATE: Final = (
    r"[\s:,]+(?:\d{1,2}\s*(?:gio|h)(?:\s*\d{1,2}(?:\s*phut)?)?[\s,]+)?(?:thu\s+\w+[\s,]+)?"
    r"(?:ngay\s+)?(?P<d>\d{1,2})\s*(?:[/.-]|\s+thang)\s*(?P<m>\d{1,2})\s*(?:[/.-]|\s+nam)\s*"
    r"(?P<y>\d{4})"
)
# a month and its year (`7/2020`, `7 năm 2020`), or a year alone where it follows `năm`
_MONTH_OR_YEAR: Final = r"(?:thang\s+(?P<m>\d{1,2})\s*(?:[/.-]|\s+nam)\s*|nam\s+)(?P<y>\d{4})"
_DEADLINES: Final = [
    (pattern[: pattern.index("(")], re.compile(pattern))  # (its first word, the pattern)
    for pattern in (
        r"truoc(?<!\w.{5})" + _DEADLINE_DATE,
        # the month alone: `trong tháng 7/2020`, `trong tháng 7 năm 2020`; the year alone after
        # `hoàn thành` (`hoàn thành trong năm 2025`)
        r"trong(?<!\w.{5})\s+(?=thang|(?<=hoan thanh trong\s)nam)" + _MONTH_OR_YEAR,
        r"cham(?<!\w.{4})\s+nhat" + _DEADLINE_DATE,
        r"han(?<!\w.{3})(?:\s+cuoi)?" + _DEADLINE_DATE,
        r"hoan(?<!\w.{4})\s+thanh" + _DEADLINE_DATE,
        r"khong(?<!\w.{5})\s+qua" + _DEADLINE_DATE,
        # an extension's end: `gia hạn thời gian tổ chức đại hội đến ngày 31/12/2024`
        # (`gia` alone opens too many words to be looked for: the two words are)
        r"gia han(?<!\w.{7})\b[^.;]{0,80}?\sden(?:\s+het)?" + _DEADLINE_DATE,
        # the item's time as labelled: `Thời gian thực hiện: Năm 2025`, `Thời gian hoàn thành:
        # tháng 10/2025`
        r"thoi(?<!\w.{4})\s+gian\s+(?:thuc\s+hien|hoan\s+thanh)\s*:\s*(?:trong\s+)?"
        + _MONTH_OR_YEAR,
    )
]


def _deadline(folded: str, issued: str | None = None) -> str | None:
    """The deadline in a task's folded text (its spaces read as the single spaces it keeps): the
    first date after a deadline's words that does not fall before the day of issue (`trước ngày
    30/4/1975` in a text of 2020 states a condition, not a deadline)."""
    # a date's year is one from 1900 to 2100 (`_iso_date`), and in an ASCII text its digits are
    # ASCII ones: a text without `19`, `20` or `2100` (most) holds none, no pattern is tried
    if folded.isascii() and "20" not in folded and "19" not in folded and "2100" not in folded:
        return None
    found: list[re.Match] = []
    for word, pattern in _DEADLINES:
        # the search starts where the word first stands (str.find is faster than the engine's
        # own skip), and not at all in a text without it; the lookbehind still sees before it
        at = folded.find(word)
        if at != -1:
            found += pattern.finditer(folded, at)
    for m in sorted(found, key=re.Match.start):
        parts = m.groupdict()
        deadline = _iso_date(parts["y"], parts.get("m"), parts.get("d"))
        if deadline and (issued is None or deadline >= issued[: len(deadline)]):
            return deadline
    return None


# --------------------------------------------------------------------------- citation helpers


def _code_key(number: str | None, notation: str | None) -> str:
    """One key for one document however it is cited: spaces, `/`, `-` and marks ignored."""
    key = "".join(fold_same_length(f"{number or ''}{notation or ''}").split())
    return key.replace("/", "").replace("-", "")


def _issuer_end(text: str, folded: str, begin: int) -> int:
    """End of the issuer named from `begin` (after `của`), at most 120 characters on."""
    limit = min(len(text), begin + 120)
    pos = begin
    while True:
        if stop := _ISSUER_END.search(folded, pos, limit):
            end = stop.start()
            # `chuyển` ends it in small letters only: `Chuyển giao` names a unit (`Công ty
            # Tư vấn Chuyển giao Công nghệ`)
            if text[end + 1 : end + 2] == "C" and folded.startswith("chuyen", end + 1):
                pos = stop.end()
                continue
        else:  # the limit, or a line break that ends the text before it (where `$` matches)
            end = limit - 1 if limit > pos and folded[limit - 1] == "\n" else limit
        # (only a word before `end` matters: one that starts there is read to its end and
        # the words its checks look ahead to, 11 characters at most)
        if written := _ISSUER_END_AS_WRITTEN.search(text, pos, min(limit, end + 12)):
            end = min(end, written.start())
        comma = text[end : end + 1] == ","
        if (
            comma
            and text[end + 2 : end + 3].isupper()
            and _COMMA_IN_NAME.match(text, end)
            and not _AGENCY_HEAD.match(folded[end + 2 : end + 20])  # another body: `, Sở …`
        ):
            pos = end + 1
            continue
        if folded[begin:end].rstrip().endswith(" va"):  # `… Nghệ An và phản ánh của …`
            end = folded.rindex(" va", begin, end)
        return end


def _slash_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of lines where a citation may start: every code holds `/` on
    the line of its number, or opens the next line (`số 12` ⏎ `/KH-UBND`)."""
    spans: list[tuple[int, int]] = []
    at = text.find("/")
    while at != -1:
        start = text.rfind("\n", 0, at) + 1
        if start == at and start > 0:  # the number may end the line above
            start = text.rfind("\n", 0, start - 1) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        if spans and start <= spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        at = text.find("/", end)
    return spans


def _code_matches(text: str, pattern: re.Pattern):
    """``pattern.finditer(text)``, the pattern searched only on the lines that `_slash_lines`
    gives: the part of a code that must match lies on them, its tail may run on (`-` ⏎)."""
    pos = 0
    for start, end in _slash_lines(text):
        pos = max(pos, start)
        while pos < end and (m := pattern.search(text, pos, end)):
            if not _ends_at_space(text, m.end()):
                # the whole code, past the span if it runs on
                m = pattern.match(text, m.start()) or m
            yield m
            pos = m.end()


def _ends_at_space(text: str, at: int) -> bool:
    """Whether a code's match ending at `at` ends before a space (or line break) that no `-`
    follows: no code runs on over it. A code ends in a letter, digit, `&` or bracket, and
    holds a space only in its number or next to a `-`."""
    return text[at : at + 1].isspace() and text[at + 1 : at + 2] != "-"


def _citations(
    text: str,
    folded: str,
    *,
    ascii_digits: bool = False,
    skip: set[str] | frozenset[str] = frozenset(),
):
    """(key, reference) of each code cited in `text` (`_code_key`), but of a code whose key is in
    `skip`, left unread."""
    ascii_digits = ascii_digits or folded.isascii()  # the fold keeps any other digit as it is
    for m in _code_matches(text, _CITATION_ASCII if ascii_digits else _CITATION):
        group = "notation" if m.group("notation") else "notation2"
        notation = m.group(group).replace("\n", "")
        while notation.endswith(")") and notation.count("(") < notation.count(")"):
            notation = notation[:-1]
        if sum(map(str.isupper, notation)) < 2:
            continue
        number = text[m.start() : m.end("number" if group == "notation" else "number2")].strip()
        key = _code_key(number, notation)
        if key in skip:
            continue
        # the words around the code, folded: type word before it, date and issuer after it
        lo, start, end = max(0, m.start() - 160), m.start(), m.end()
        window = folded[lo : end + 320]
        named = _type_of_code(notation)  # (`QH` of a Luật or of a Nghị quyết names no one type)
        first, kind_match = _kind_before(
            text, window, lo, start, None if named == "Luật" else named
        )
        if kind_match:
            kind = " ".join(text[lo + kind_match.start() : lo + kind_match.start("title")].split())
        else:
            kind = _kind_from_notation(notation) or "Công văn"
        # a stop that a typo or OCR put between the code and its date (`NĐ-CP. ngày 12 …`;
        # before `Ngày` in capitals a new sentence starts; no issuer follows it then)
        stop = int(
            window[end - lo : end - lo + 1] in ".;" and text[end + 1 : end + 4].lstrip()[:1] == "n"
        )
        after = _CITE_AFTER.match(window, end - lo + stop, end - lo + 200)
        assert after is not None  # (each part of the pattern is optional)
        date = _date_value(after) if after.group("y") else None
        issuer = None
        if after.group("issuer"):
            begin = lo + after.start("issuer")
            issuer = _value(text[begin : _issuer_end(text, folded, begin)])
        else:
            # what the words before the type words cite, or those between the first and the
            # chosen one (`báo cáo của Sở Nội vụ tại Công văn số`)
            b = _named_before(window, 0, first.start() if first else start - lo)
            if b is None and kind_match is not first:
                b = _named_before(window, first.start("title"), kind_match.start())
            if b:
                issuer = _value(text[lo + b.start("issuer") : lo + b.end("issuer")])
                if date is None and "y" in b.groupdict():
                    date = _iso_date(b.group("y"), b.group("m"), b.group("d"))
        yield key, Reference(kind=kind, number=number, notation=notation, date=date, issuer=issuer)
