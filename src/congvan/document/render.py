"""A dispatch record → DOCX (and PDF) in the form of Decree 30/2020/NĐ-CP.

``render_docx(doc)`` lays a ``Document`` out as Phụ lục I prescribes: Mẫu 1.5 for a công văn
(``V/v`` subject under the number), Mẫu 1.4 for a document with a type name (type title and bold
subject centred under the header). Facts used (``shared/reference/standards.md`` §1.5):

- A4 portrait; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, black;
  page numbers centred in the top margin from page 2 on.
- Header: a two-column table without borders. Left: the parent agency (capitals 12, upright),
  the issuing agency (capitals 12, bold) with a short rule under it (about 2/5 of its line),
  ``Số: 498/STTTT-TTBCBC`` (13, a leading 0 below 10), and for a công văn ``V/v …`` (12,
  upright, centred under the number), then the urgency mark (bold capitals in a box). Right:
  Quốc hiệu (capitals 12, bold), Tiêu ngữ (13, bold) with a rule as long as it, and the place and
  date (14, italic, ``decree30.format_date``).
- Type title (capitals 14, bold) and subject (14, bold) with a short rule, for typed documents.
- ``Kính gửi:`` (14): one recipient on the same line, several as ``- …;`` lines ending in ``.``.
- Body 14, justified, first-line indent 1.27 cm, 6 pt after, single line spacing.
- Nơi nhận (``Nơi nhận:`` bold italic 12, the list 11, ``;`` after each line and ``.`` after the
  last) beside the signing block (form + authority, title: capitals 14 bold; space for the
  signature and seal; the name 14 bold).

The record holds no free body text, so the body is composed from it: an opening that cites the
references not already in the subject, the tasks as numbered items (an addressed item as a
heading line naming its addressee, roman sections with their items), and a closing formula.
Callers that have their own opening or closing paragraphs pass them in.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from congvan.document import decree30
from congvan.document.errors import DocumentError
from congvan.document.model import Document, Reference, Task
from congvan.document.vntext import CAPITALS

__all__ = [
    "BodyBlock",
    "PdfConverterMissing",
    "RenderError",
    "body_blocks",
    "docx_to_pdf",
    "find_soffice",
    "render_docx",
    "render_pdf",
]

FONT = "Times New Roman"

# Page (millimetres)
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 165
HEADER_LEFT, HEADER_RIGHT = 70, TEXT_WIDTH - 70  # the agency column and the Quốc hiệu column
FOOTER_LEFT, FOOTER_RIGHT = 75, TEXT_WIDTH - 75  # Nơi nhận and the signing block
CELL_PADDING = 1.9  # Word's default left and right cell margins (0.19 cm)

# Sizes (points), Phụ lục I §V
SIZE_PARENT = 12
SIZE_ISSUER = 12
SIZE_NATION = 12
SIZE_MOTTO = 13
SIZE_NUMBER = 13
SIZE_SUBJECT_CV = 12
SIZE_DATE = 14
SIZE_URGENCY = 13
SIZE_TITLE = 14
SIZE_SUBJECT = 14
SIZE_BODY = 14
SIZE_SIGNER = 14
SIZE_DISTRIBUTION_LABEL = 12
SIZE_DISTRIBUTION = 11
SIZE_PAGE_NUMBER = 13
FIRST_LINE_INDENT_CM = 1.27

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MOTTO_WIDTH_MM = 56.1  # the motto at 13 pt bold in Times New Roman (metrics of Liberation Serif)
BOLD_CAPS_EM = 0.66  # a generous mean advance of bold capitals, to size rules and line breaks

URGENCY_MARKS = {"Khẩn": "KHẨN", "Thượng khẩn": "THƯỢNG KHẨN", "Hỏa tốc": "HỎA TỐC"}

# Kinds whose body is made of articles (Điều 1., Điều 2., …) and their decision word.
ARTICLE_KINDS = {
    "Quyết định": "QUYẾT ĐỊNH:",
    "Nghị quyết": "QUYẾT NGHỊ:",
    "Quy chế": "QUYẾT ĐỊNH:",
    "Quy định": "QUYẾT ĐỊNH:",
    "Nghị định": "",
    "Thông tư": "",
}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
SECTION_TITLES = {
    "Báo cáo": (
        "KẾT QUẢ THỰC HIỆN",
        "TỒN TẠI, HẠN CHẾ",
        "PHƯƠNG HƯỚNG, NHIỆM VỤ",
        "KIẾN NGHỊ, ĐỀ XUẤT",
    ),
    None: (
        "MỤC ĐÍCH, YÊU CẦU",
        "NHIỆM VỤ, GIẢI PHÁP",
        "TỔ CHỨC THỰC HIỆN",
        "KINH PHÍ THỰC HIỆN",
        "CHẾ ĐỘ THÔNG TIN, BÁO CÁO",
    ),
}


class RenderError(DocumentError):
    """A record could not be turned into a file."""


class PdfConverterMissing(RenderError):
    """No LibreOffice on this machine: a PDF cannot be made (the DOCX can)."""


# --------------------------------------------------------------------------- composing the body


@dataclass(frozen=True)
class BodyBlock:
    """One paragraph of the body.

    ``tag``: ``p`` (a paragraph), ``item`` (a numbered item: ``label`` + text), ``head`` (a
    numbered heading line: an item's addressee or a roman section title), ``center`` (a centred
    bold line such as ``QUYẾT ĐỊNH:``), ``article`` (``Điều 1.`` + text).
    """

    tag: str
    text: str
    label: str = ""


def _short_date(iso: str | None) -> str | None:
    """``2020-05-25`` → ``25/5/2020`` (in-text short form); ``2020-07`` → ``tháng 7/2020``."""
    if not iso:
        return None
    parts = iso.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return None
    if len(numbers) == 3:
        return f"ngày {numbers[2]}/{numbers[1]}/{numbers[0]}"
    if len(numbers) == 2:
        return f"tháng {numbers[1]}/{numbers[0]}"
    return f"năm {numbers[0]}"


def _long_date(iso: str | None) -> str | None:
    if not iso or len(iso.split("-")) != 3:
        return _short_date(iso)
    return decree30.format_date(iso)


def cite(ref: Reference, *, long_date: bool = False) -> str:
    """``Kế hoạch số 112/KH-UBND ngày 29/6/2020 của UBND tỉnh``."""
    text = f"{ref.kind or 'Văn bản'} số {ref.code}"
    when = _long_date(ref.date) if long_date else _short_date(ref.date)
    if when:
        text += f" {when}"
    if ref.issuer:
        text += f" của {ref.issuer}"
    return text


def _cited_in_subject(doc: Document, ref: Reference) -> bool:
    return bool(doc.subject and ref.code and f"số {ref.code}" in doc.subject)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


_SUB_BULLET = re.compile(rf"(?<=[:.;]) - (?=[{CAPITALS}])")


def _split_bullets(text: str) -> list[str]:
    """A task text cut at its sub-bullets (`` - `` after ``:``, ``.`` or ``;`` before a capital), so
    that joining the pieces with one space gives the text back."""
    pieces: list[str] = []
    start = 0
    for match in _SUB_BULLET.finditer(text):
        pieces.append(text[start : match.start()])
        start = match.start() + 1
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def _deadline_missing(task: Task) -> bool:
    if not task.deadline:
        return False
    short = _short_date(task.deadline) or ""
    digits = short.split(" ", 1)[-1]
    parts = task.deadline.split("-")
    loose = (
        "/".join(str(int(p)) for p in reversed(parts)) if all(p.isdigit() for p in parts) else ""
    )
    return digits not in task.text and loose not in task.text


def _task_paragraphs(task: Task) -> list[str]:
    text = " ".join(task.text.split())
    if _deadline_missing(task):
        text = text.rstrip() + f" Thời hạn hoàn thành: trước {_short_date(task.deadline)}."
    return _split_bullets(text) or [""]


def _section_title(kind: str, index: int) -> str:
    titles = SECTION_TITLES.get(kind) or SECTION_TITLES[None]
    return titles[index] if index < len(titles) else "NỘI DUNG KHÁC"


def _task_blocks(doc: Document) -> list[BodyBlock]:
    kind = doc.kind or "Công văn"
    out: list[BodyBlock] = []
    section = None
    for task in doc.tasks:
        label = task.label.strip().rstrip(".") or str(len(out) + 1)
        paragraphs = _task_paragraphs(task)
        head, _, sub = label.partition(".")
        if sub and head in ROMAN:  # I.1: an item of roman section I
            if head != section:
                section = head
                out.append(BodyBlock("head", _section_title(kind, ROMAN.index(head)), f"{head}."))
            label = sub
        elif label in ROMAN:  # a roman section that is a task by itself
            title = task.addressee or _section_title(kind, ROMAN.index(label))
            out.append(BodyBlock("head", title, f"{label}."))
            out.extend(BodyBlock("p", p) for p in paragraphs)
            continue
        if task.addressee and paragraphs[0][:1].islower():
            # the addressee is the subject of the item's sentence: `2. Các doanh nghiệp … tăng
            # cường …`
            out.append(BodyBlock("item", f"{task.addressee} {paragraphs[0]}", f"{label}."))
            out.extend(BodyBlock("p", p) for p in paragraphs[1:])
        elif task.addressee:
            out.append(BodyBlock("head", f"{task.addressee}:", f"{label}."))
            out.extend(BodyBlock("p", p) for p in paragraphs)
        else:
            out.append(BodyBlock("item", paragraphs[0], f"{label}."))
            out.extend(BodyBlock("p", p) for p in paragraphs[1:])
    return out


def _opening(doc: Document, cites: list[str]) -> str:
    kind = doc.kind or "Công văn"
    lead = f"Thực hiện {'; '.join(cites)}, " if cites else ""
    if kind == "Tờ trình":
        whom = doc.recipients[0] if doc.recipients else "cấp có thẩm quyền"
        ask = f"kính trình {whom} xem xét, quyết định" + (
            " một số nội dung sau:" if doc.tasks else " các nội dung nêu trên."
        )
    elif kind == "Báo cáo":
        ask = "báo cáo kết quả thực hiện" + (" như sau:" if doc.tasks else " các nội dung trên.")
    elif kind == "Thông báo":
        ask = "thông báo" + (" một số nội dung sau:" if doc.tasks else " các nội dung trên.")
    else:
        ask = "đề nghị các cơ quan, đơn vị" + (
            " thực hiện một số nội dung sau:"
            if doc.tasks
            else " quan tâm, phối hợp triển khai thực hiện các nội dung trên."
        )
    return _sentence(lead + ask)


def _closing(doc: Document) -> str:
    kind = doc.kind or "Công văn"
    if kind == "Tờ trình":
        whom = doc.recipients[0] if doc.recipients else "cấp có thẩm quyền"
        return f"Kính trình {whom} xem xét, quyết định./."
    if kind == "Báo cáo":
        return "Trên đây là báo cáo kết quả thực hiện các nội dung trên./."
    return (
        "Đề nghị các cơ quan, đơn vị quan tâm, triển khai thực hiện nghiêm túc các nội dung trên./."
    )


def _article_blocks(doc: Document, refs: list[Reference]) -> list[BodyBlock]:
    kind = doc.kind or "Quyết định"
    out: list[BodyBlock] = []
    head = (doc.signer.authority or doc.signer.title or "").upper()
    issuer = (doc.issuer.name or "").upper()
    if head in ("ỦY BAN NHÂN DÂN", "CHÍNH PHỦ", "HỘI ĐỒNG NHÂN DÂN") or head in issuer:
        head = ""
    who = f"{head} {issuer}".strip()
    if who:
        out.append(BodyBlock("center", who))
    out.extend(BodyBlock("p", f"Căn cứ {cite(r, long_date=True)};") for r in refs)
    verb = ARTICLE_KINDS.get(kind, "QUYẾT ĐỊNH:")
    if verb:
        out.append(BodyBlock("center", verb))
    subject = (doc.subject or "").removeprefix("Về việc ").removeprefix("về việc ")
    if subject:
        out.append(BodyBlock("article", f"{_sentence(subject)}.", "Điều 1."))
    out.append(BodyBlock("article", f"{kind} này có hiệu lực kể từ ngày ký.", "Điều 2."))
    out.append(
        BodyBlock(
            "article",
            "Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị và cá nhân có liên quan chịu "
            f"trách nhiệm thi hành {kind.lower()} này./.",
            "Điều 3.",
        )
    )
    return out


def body_blocks(
    doc: Document, *, opening: Sequence[str] | None = None, closing: Sequence[str] | None = None
) -> list[BodyBlock]:
    """The body of ``doc`` as paragraphs: opening, tasks, closing.

    ``opening`` / ``closing`` replace the composed paragraphs (pass ``[]`` for none).
    """
    kind = doc.kind or "Công văn"
    refs = [r for r in doc.references if not _cited_in_subject(doc, r)]
    if kind in ARTICLE_KINDS and not doc.tasks and opening is None:
        return _article_blocks(doc, refs)
    out: list[BodyBlock] = []
    if opening is None:
        out.append(BodyBlock("p", _opening(doc, [cite(r) for r in refs])))
    else:
        out.extend(BodyBlock("p", p) for p in opening)
    out.extend(_task_blocks(doc))
    if closing is None:
        if not (doc.tasks and doc.tasks[-1].text.rstrip().endswith("./.")):
            out.append(BodyBlock("p", _closing(doc)))
    else:
        out.extend(BodyBlock("p", p) for p in closing)
    return out


# --------------------------------------------------------------------------- header helpers


def number_text(number: str | None) -> str:
    """The number as printed: a leading 0 below 10 (Phụ lục I §II.3); kept as is otherwise."""
    if number is None:
        return ""
    number = number.strip()
    return f"0{number}" if number.isdigit() and len(number) == 1 else number


def number_line(doc: Document) -> str:
    """``Số: 498/STTTT-TTBCBC``; a draft leaves room for the number: ``Số:      /STTTT-…``."""
    number = number_text(doc.number)
    notation = doc.notation or ""
    if not number:
        return f"Số:{' ' * 8}/{notation}" if notation else "Số:"
    return f"Số: {number}/{notation}" if notation else f"Số: {number}"


def place_date_line(doc: Document) -> str:
    when = decree30.format_date(doc.date)
    return f"{doc.place}, {when}" if doc.place else _sentence(when)


def _text_width_mm(text: str, size: float, em: float = BOLD_CAPS_EM) -> float:
    return len(text) * size * em * 25.4 / 72


def agency_lines(name: str, width_mm: float, size: float = SIZE_ISSUER) -> list[str]:
    """An agency name in capitals, cut into lines where printed headers cut it when it does not
    fit its column: after ``ỦY BAN NHÂN DÂN`` / ``HỘI ĐỒNG NHÂN DÂN``, or before the last
    ``VÀ``. A name with neither stays one paragraph for the word processor to wrap: a cut
    anywhere else would read as two bodies (``BẢO HIỂM XÃ`` / ``HỘI VIỆT NAM``)."""
    name = " ".join(name.upper().split())
    if _text_width_mm(name, size) <= width_mm:
        return [name]
    for head in ("ỦY BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN "):
        if name.startswith(head) and len(name) > len(head):
            return [head.strip(), name[len(head) :]]
    cut = name.rfind(" VÀ ")
    if cut > 8:
        return [name[:cut], name[cut + 1 :]]
    return [name]


# --------------------------------------------------------------------------- DOCX writing


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _set_fonts(rpr: Any) -> None:
    """Times New Roman for every script slot of a run or style (w:rFonts)."""
    from docx.oxml import OxmlElement

    fonts = rpr.find(_w("rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(_w(slot), FONT)


class _Writer:
    def __init__(self) -> None:
        import docx
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Mm, Pt

        self.Mm, self.Pt, self.Cm = Mm, Pt, Cm
        self.align = WD_ALIGN_PARAGRAPH
        self.doc = docx.Document()
        self._page()
        self._styles()

    # -- page and styles

    def _page(self) -> None:
        from docx.enum.section import WD_ORIENT

        Mm = self.Mm
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
        section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
        section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        # Page numbers centred in the top margin, not on the first page (Phụ lục I §I).
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.alignment = self.align.CENTER
        self._field(header, "PAGE", SIZE_PAGE_NUMBER)

    def _styles(self) -> None:
        from docx.oxml import OxmlElement

        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = self.Pt(SIZE_BODY)
        rpr = normal.element.get_or_add_rPr()
        _set_fonts(rpr)
        lang = rpr.find(_w("lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(_w("val"), "vi-VN")
        lang.set(_w("eastAsia"), "vi-VN")
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = self.Pt(0)
        fmt.line_spacing = 1.0
        # document defaults too, so that nothing falls back to the template's theme fonts
        defaults = styles.element.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        if defaults is not None:
            _set_fonts(defaults)
        for name in ("Header", "Footer"):
            try:
                style = styles[name]
            except KeyError:
                continue
            _set_fonts(style.element.get_or_add_rPr())

    # -- paragraphs and runs

    def paragraph(
        self,
        container: Any,
        text: str = "",
        *,
        size: float = SIZE_BODY,
        bold: bool = False,
        italic: bool = False,
        align: str = "left",
        first_line_cm: float | None = None,
        left_cm: float | None = None,
        hanging_cm: float | None = None,
        after_pt: float = 0,
        before_pt: float = 0,
        keep_next: bool = False,
        reuse: bool = False,
    ) -> Any:
        if reuse and len(container.paragraphs) == 1 and not container.paragraphs[0].text:
            para = container.paragraphs[0]  # a new table cell already holds one paragraph
        else:
            para = container.add_paragraph()
        para.alignment = {
            "left": self.align.LEFT,
            "center": self.align.CENTER,
            "right": self.align.RIGHT,
            "justify": self.align.JUSTIFY,
        }[align]
        fmt = para.paragraph_format
        fmt.space_before, fmt.space_after = self.Pt(before_pt), self.Pt(after_pt)
        fmt.line_spacing = 1.0
        if first_line_cm is not None:
            fmt.first_line_indent = self.Cm(first_line_cm)
        if left_cm is not None:
            fmt.left_indent = self.Cm(left_cm)
        if hanging_cm is not None:
            fmt.first_line_indent = self.Cm(-hanging_cm)
        if keep_next:
            fmt.keep_with_next = True
        self._mark_size(para, size)
        if text:
            self.run(para, text, size=size, bold=bold, italic=italic)
        return para

    def run(self, para: Any, text: str, *, size: float, bold: bool = False, italic: bool = False):
        run = para.add_run(text)
        _set_fonts(run._element.get_or_add_rPr())
        run.font.size = self.Pt(size)
        if bold:
            run.font.bold = True
        if italic:
            run.font.italic = True
        return run

    def _mark_size(self, para: Any, size: float) -> None:
        """The paragraph mark's size (it sets the height of an empty paragraph)."""
        from docx.oxml import OxmlElement

        ppr = para._p.get_or_add_pPr()
        rpr = ppr.find(_w("rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            ppr.append(rpr)
        for tag in ("sz", "szCs"):
            element = OxmlElement(f"w:{tag}")
            element.set(_w("val"), str(round(size * 2)))
            rpr.append(element)

    def rule(self, container: Any, length_mm: float, cell_mm: float, *, gap_pt: float = 0) -> Any:
        """A centred horizontal rule of ``length_mm`` in a column ``cell_mm`` wide: the bottom
        border of an empty, 1 pt high paragraph indented from both sides."""
        from docx.oxml import OxmlElement

        para = self.paragraph(container, size=1, before_pt=gap_pt)
        inset = max(0.0, (cell_mm - 2 * CELL_PADDING - length_mm) / 2)
        para.paragraph_format.left_indent = self.Mm(inset)
        para.paragraph_format.right_indent = self.Mm(inset)
        ppr = para._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
            bottom.set(_w(key), value)
        borders.append(bottom)
        # w:pBdr goes before w:spacing/w:ind/w:jc/w:rPr in CT_PPr's sequence
        anchor = None
        for tag in ("shd", "tabs", "suppressAutoHyphens", "spacing", "ind", "jc", "rPr"):
            anchor = ppr.find(_w(tag))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            ppr.append(borders)
        return para

    def box(self, para: Any) -> None:
        """A rectangle around a paragraph (the urgency mark)."""
        from docx.oxml import OxmlElement

        ppr = para._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        for side in ("top", "left", "bottom", "right"):
            edge = OxmlElement(f"w:{side}")
            for key, value in (
                ("val", "single"),
                ("sz", "12"),
                ("space", "1"),
                ("color", "000000"),
            ):
                edge.set(_w(key), value)
            borders.append(edge)
        anchor = None
        for tag in ("spacing", "ind", "jc", "rPr"):
            anchor = ppr.find(_w(tag))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addprevious(borders)
        else:
            ppr.append(borders)

    def _field(self, para: Any, instruction: str, size: float) -> None:
        from docx.oxml import OxmlElement

        run = self.run(para, "", size=size)
        for kind, text in (
            ("begin", None),
            (None, instruction),
            ("separate", None),
            (None, "1"),
            ("end", None),
        ):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(_w("fldCharType"), kind)
            elif text == instruction:
                element = OxmlElement("w:instrText")
                element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                element.text = f" {instruction} "
            else:
                element = OxmlElement("w:t")
                element.text = text
            run._r.append(element)

    # -- tables

    def table(self, widths_mm: Sequence[float]) -> Any:
        from docx.oxml import OxmlElement

        table = self.doc.add_table(rows=1, cols=len(widths_mm))
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        layout = OxmlElement("w:tblLayout")
        layout.set(_w("type"), "fixed")
        tbl_pr.append(layout)
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            edge = OxmlElement(f"w:{side}")
            edge.set(_w("val"), "nil")
            borders.append(edge)
        tbl_pr.append(borders)
        width = OxmlElement("w:tblW")
        width.set(_w("w"), str(int(sum(widths_mm) / 25.4 * 1440)))
        width.set(_w("type"), "dxa")
        existing = tbl_pr.find(_w("tblW"))
        if existing is not None:
            tbl_pr.remove(existing)
        tbl_pr.append(width)
        for column, mm in zip(table.columns, widths_mm, strict=True):
            column.width = self.Mm(mm)
        for cell, mm in zip(table.rows[0].cells, widths_mm, strict=True):
            cell.width = self.Mm(mm)
        return table

    def cant_split(self, row: Any) -> None:
        """Keep a table row on one page (the header, Nơi nhận beside the signing block)."""
        from docx.oxml import OxmlElement

        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))

    def add_row(self, table: Any, widths_mm: Sequence[float]) -> Any:
        row = table.add_row()
        for cell, mm in zip(row.cells, widths_mm, strict=True):
            cell.width = self.Mm(mm)
        return row

    def save(self) -> bytes:
        """The package, with fixed member dates so that a record always gives the same bytes
        (storing the same file twice changes nothing), without the template's thumbnail."""
        package = self.doc.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                package.rels.pop(rel_id, None)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        out = io.BytesIO()
        with (
            zipfile.ZipFile(buffer) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
        ):
            for member in source.infolist():
                info = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                target.writestr(info, source.read(member))
        return out.getvalue()


def list_lines(items: Sequence[str]) -> list[str]:
    """``- a;`` … ``- z.``: a list of Kính gửi or Nơi nhận (the last line ends with ``.``)."""
    cleaned = [" ".join(item.split()).rstrip(" ;.,") for item in items]
    return [f"- {item};" for item in cleaned[:-1]] + [f"- {cleaned[-1]}."] if cleaned else []


def signature_lines(doc: Document) -> list[str]:
    """Form + authority, a nested ``KT.`` where a deputy signs for a collective or by order,
    then the signer's own title (Điều 13)."""
    signer = doc.signer
    form = (signer.form or "").strip().rstrip(".")
    authority = (signer.authority or "").upper().strip()
    title = (signer.title or "").upper().strip()
    lines: list[str] = []
    if form:
        lines.append(f"{form}. {authority}".strip())
        if form in ("TM", "TL", "TUQ") and title.startswith("PHÓ "):
            lines.append(f"KT. {title[4:]}")
    if title and title != authority:
        lines.append(title)
    elif title and not form:
        lines.append(title)
    return lines


def render_docx(
    doc: Document,
    *,
    opening: Sequence[str] | None = None,
    closing: Sequence[str] | None = None,
) -> bytes:
    """The DOCX bytes of ``doc`` in the form of Decree 30 (Mẫu 1.5 / 1.4).

    ``opening`` and ``closing`` replace the body paragraphs composed from the record.
    """
    w = _Writer()
    kind = (doc.kind or "Công văn").strip()
    is_dispatch = kind.casefold() in ("công văn", "")

    # Header: agency | Quốc hiệu and Tiêu ngữ; Số (V/v, urgency) | place and date.
    widths = (HEADER_LEFT, HEADER_RIGHT)
    header = w.table(widths)
    # python-docx inserts the table after the template's empty first paragraph: remove it
    body = w.doc.element.body
    first = body[0]
    if first.tag == _w("p") and not "".join(first.itertext()).strip():
        body.remove(first)
    left, right = header.rows[0].cells
    usable = HEADER_LEFT - 2 * CELL_PADDING
    issuer_lines: list[str] = []
    if doc.issuer.parent:
        parent = " ".join(doc.issuer.parent.upper().split())
        w.paragraph(left, parent, size=SIZE_PARENT, align="center", reuse=True)
    if doc.issuer.name:
        issuer_lines = agency_lines(doc.issuer.name, usable)
        para = w.paragraph(left, size=SIZE_ISSUER, align="center", reuse=True)
        for i, line in enumerate(issuer_lines):
            run = w.run(para, line, size=SIZE_ISSUER, bold=True)
            if i < len(issuer_lines) - 1:
                run.add_break()
    if issuer_lines or doc.issuer.parent:
        longest = max((_text_width_mm(line, SIZE_ISSUER) for line in issuer_lines), default=30)
        w.rule(left, max(15.0, min(longest, usable) * 0.4), HEADER_LEFT, gap_pt=1)
    w.paragraph(right, NATION, size=SIZE_NATION, bold=True, align="center", reuse=True)
    w.paragraph(right, MOTTO, size=SIZE_MOTTO, bold=True, align="center")
    w.rule(right, MOTTO_WIDTH_MM, HEADER_RIGHT, gap_pt=1)

    row = w.add_row(header, widths)
    w.cant_split(header.rows[0])
    w.cant_split(row)
    left, right = row.cells
    w.paragraph(left, number_line(doc), size=SIZE_NUMBER, align="center", before_pt=6, reuse=True)
    if is_dispatch and doc.subject:
        w.paragraph(
            left,
            f"V/v {' '.join(doc.subject.split())}",
            size=SIZE_SUBJECT_CV,
            align="center",
            before_pt=4,
        )
    mark = URGENCY_MARKS.get(doc.urgency or "") or (doc.urgency or "").upper()
    if mark:
        para = w.paragraph(left, mark, size=SIZE_URGENCY, bold=True, align="center", before_pt=8)
        inset = max(0.0, (usable - _text_width_mm(mark, SIZE_URGENCY) - 6) / 2)
        para.paragraph_format.left_indent = w.Mm(inset)
        para.paragraph_format.right_indent = w.Mm(inset)
        w.box(para)
    w.paragraph(
        right,
        place_date_line(doc),
        size=SIZE_DATE,
        italic=True,
        align="center",
        before_pt=6,
        reuse=True,
    )

    # Type title and subject (Mẫu 1.4)
    container = w.doc
    if not is_dispatch:
        w.paragraph(
            container,
            kind.upper(),
            size=SIZE_TITLE,
            bold=True,
            align="center",
            before_pt=18,
            keep_next=True,
        )
        if doc.subject:
            w.paragraph(
                container,
                " ".join(doc.subject.split()),
                size=SIZE_SUBJECT,
                bold=True,
                align="center",
                keep_next=True,
            )
        w.rule(container, 40, TEXT_WIDTH + 2 * CELL_PADDING, gap_pt=4)

    # Kính gửi
    if doc.recipients:
        gap = 18 if is_dispatch else 12
        if len(doc.recipients) == 1:
            only = " ".join(doc.recipients[0].split()).rstrip(" ;.,")
            w.paragraph(container, f"Kính gửi: {only}.", align="center", before_pt=gap, after_pt=12)
        else:
            w.paragraph(container, "Kính gửi:", left_cm=2.5, before_pt=gap, keep_next=True)
            lines = list_lines(doc.recipients)
            for i, line in enumerate(lines):
                w.paragraph(
                    container,
                    line,
                    left_cm=4.5,
                    hanging_cm=0.4,
                    after_pt=12 if i == len(lines) - 1 else 0,
                )

    # Body
    blocks = body_blocks(doc, opening=opening, closing=closing)
    first_gap = 0 if doc.recipients else 12
    for i, block in enumerate(blocks):
        before = first_gap if i == 0 else 0
        if block.tag == "center":
            w.paragraph(
                container,
                block.text,
                bold=True,
                align="center",
                before_pt=max(before, 6),
                after_pt=6,
                keep_next=True,
            )
        elif block.tag in ("item", "article"):
            para = w.paragraph(
                container,
                align="justify",
                first_line_cm=FIRST_LINE_INDENT_CM,
                before_pt=before,
                after_pt=6,
            )
            w.run(para, f"{block.label} ", size=SIZE_BODY, bold=block.tag == "article")
            w.run(para, block.text, size=SIZE_BODY)
        elif block.tag == "head":
            w.paragraph(
                container,
                f"{block.label} {block.text}",
                bold=block.label.rstrip(".") in ROMAN,  # a roman section title; items upright
                align="justify",
                first_line_cm=FIRST_LINE_INDENT_CM,
                before_pt=before,
                after_pt=6,
                keep_next=True,
            )
        else:
            w.paragraph(
                container,
                block.text,
                align="justify",
                first_line_cm=FIRST_LINE_INDENT_CM,
                before_pt=before,
                after_pt=6,
            )

    # Nơi nhận | signing block
    widths = (FOOTER_LEFT, FOOTER_RIGHT)
    last = w.doc.paragraphs[-1] if w.doc.paragraphs else None
    if last is not None:  # the signing block never starts a page alone
        last.paragraph_format.keep_with_next = True
    w.paragraph(container, size=6, keep_next=True)  # a little space before the footer table
    footer = w.table(widths)
    w.cant_split(footer.rows[0])
    left, right = footer.rows[0].cells
    para = w.paragraph(
        left, "Nơi nhận:", size=SIZE_DISTRIBUTION_LABEL, bold=True, italic=True, reuse=True
    )
    for line in list_lines(doc.distribution):
        w.paragraph(left, line, size=SIZE_DISTRIBUTION)
    sign = signature_lines(doc)
    for i, line in enumerate(sign):
        w.paragraph(right, line, size=SIZE_SIGNER, bold=True, align="center", reuse=i == 0)
    for _ in range(4):  # room for the signature and the seal
        w.paragraph(right, size=SIZE_SIGNER, reuse=not sign and _ == 0)
    if doc.signer.name:
        w.paragraph(
            right, " ".join(doc.signer.name.split()), size=SIZE_SIGNER, bold=True, align="center"
        )
    _core_properties(w.doc, doc)
    return w.save()


def _core_properties(document: Any, doc: Document) -> None:
    import datetime as _dt

    props = document.core_properties
    props.title = " ".join(filter(None, [doc.kind, doc.code, doc.subject]))[:250]
    props.author = (doc.issuer.name or "")[:250]
    props.language = "vi-VN"
    props.comments = ""
    props.keywords = doc.notation or ""
    props.subject = (doc.subject or "")[:250]
    props.last_modified_by = "congvan"
    props.revision = 1
    stamp = _dt.datetime(2000, 1, 1)  # fixed, so that a record always gives the same bytes
    if doc.date and len(doc.date.split("-")) == 3:
        try:
            stamp = _dt.datetime.fromisoformat(doc.date)
        except ValueError:
            pass
    props.created = props.modified = stamp


# --------------------------------------------------------------------------- PDF

SOFFICE_TIMEOUT = 180
MISSING_SOFFICE = (
    "Không tìm thấy LibreOffice (lệnh soffice) trên máy này nên không tạo được tệp PDF. "
    "Hãy cài LibreOffice (Debian: apt-get install libreoffice-writer-nogui) "
    "hoặc xuất tệp DOCX rồi chuyển sang PDF bằng Word/LibreOffice."
)


def find_soffice() -> str | None:
    """The LibreOffice binary: ``$CONGVAN_SOFFICE``, else ``soffice``/``libreoffice`` on PATH."""
    configured = os.environ.get("CONGVAN_SOFFICE")
    if configured:
        return configured if Path(configured).exists() or shutil.which(configured) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(
    data: bytes, *, soffice: str | None = None, timeout: float = SOFFICE_TIMEOUT
) -> bytes:
    """DOCX bytes → PDF bytes through LibreOffice headless (a private profile per call, so
    conversions may run side by side)."""
    binary = soffice or find_soffice()
    if not binary:
        raise PdfConverterMissing(MISSING_SOFFICE)
    with tempfile.TemporaryDirectory(prefix="congvan-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "congvan.docx"
        source.write_bytes(data)
        profile = (folder / "profile").as_uri()
        command = [
            binary,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except FileNotFoundError as error:
            raise PdfConverterMissing(MISSING_SOFFICE) from error
        except subprocess.TimeoutExpired as error:
            raise RenderError(
                f"LibreOffice không chuyển xong tệp sang PDF sau {int(timeout)} giây."
            ) from error
        target = folder / "congvan.pdf"
        if result.returncode != 0 or not target.exists():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()[-300:]
            raise RenderError(
                "LibreOffice không chuyển được tệp sang PDF"
                + (f" (mã lỗi {result.returncode}): {detail}" if detail else ".")
            )
        return target.read_bytes()


def render_pdf(
    doc: Document,
    *,
    opening: Sequence[str] | None = None,
    closing: Sequence[str] | None = None,
) -> bytes:
    """The PDF bytes of ``doc``: ``render_docx`` converted by LibreOffice headless.

    Raises ``PdfConverterMissing`` (a Vietnamese message saying what to install) where
    LibreOffice is not installed.
    """
    return docx_to_pdf(render_docx(doc, opening=opening, closing=closing))
