"""The page as it will print, for an HTML preview: the same pieces ``render_docx`` lays out
(number line, place and date, ``V/v`` or type title, Kính gửi, ``body_blocks``, Nơi nhận,
signing block), in the same order and with the same text."""

from __future__ import annotations

from dataclasses import dataclass, field

from congvan.document import render
from congvan.document.model import Document as Record


@dataclass
class Page:
    parent: str
    issuer: list[str]  # the agency's lines, broken as the DOCX breaks them
    number_line: str
    subject_line: str  # ``V/v …`` under the number (công văn)
    urgency: str
    nation: str
    motto: str
    place_date: str
    title: str  # the type title (typed documents)
    subject: str  # the subject under the title (typed documents)
    recipient_one: str
    recipients: list[str] = field(default_factory=list)
    blocks: list[dict] = field(default_factory=list)  # tag, text, label, roman
    distribution: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    signer_name: str = ""


def page(record: Record, opening=None, closing=None) -> Page:
    kind = (record.kind or "Công văn").strip()
    is_dispatch = kind.casefold() in ("công văn", "")
    recipients = list(record.recipients)
    one = ""
    lines: list[str] = []
    if len(recipients) == 1:
        one = " ".join(recipients[0].split()).rstrip(" ;.,") + "."
    elif recipients:
        lines = render.list_lines(recipients)
    return Page(
        parent=" ".join((record.issuer.parent or "").upper().split()),
        issuer=render.agency_lines(record.issuer.name, render.HEADER_LEFT - 2 * render.CELL_PADDING)
        if record.issuer.name
        else [],
        number_line=render.number_line(record),
        subject_line=f"V/v {' '.join(record.subject.split())}"
        if is_dispatch and record.subject
        else "",
        urgency=render.URGENCY_MARKS.get(record.urgency or "") or (record.urgency or "").upper(),
        nation=render.NATION,
        motto=render.MOTTO,
        place_date=render.place_date_line(record),
        title="" if is_dispatch else kind.upper(),
        subject="" if is_dispatch else " ".join((record.subject or "").split()),
        recipient_one=one,
        recipients=lines,
        blocks=[
            {
                "tag": b.tag,
                "text": b.text,
                "label": b.label,
                "roman": b.label.rstrip(".") in render.ROMAN,  # a section title: bold
            }
            for b in render.body_blocks(record, opening=opening, closing=closing)
        ],
        distribution=render.list_lines(record.distribution),
        signature=render.signature_lines(record),
        signer_name=" ".join((record.signer.name or "").split()),
    )
