"""Keys derived from record fields: folded, for lookup and uniqueness on every backend."""

from __future__ import annotations

import datetime as dt
import re

from congvan.document.vntext import fold, nfc

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_YEAR_IN_NOTATION = re.compile(r"(?:^|/)((?:19|20)\d\d)(?:/|$)")
# A document code as typed or cited: ``21/CT-TTg``, ``498/STTTT-TTBCBC``, ``30/2020/NĐ-CP``.
CODE = re.compile(r"^\s*(\d+[a-zA-Z]?)\s*/\s*(\S.*?)\s*$")


def _alnum(text: str) -> str:
    return _NON_ALNUM.sub("", fold(nfc(text)))


def code_key(number: str | None, notation: str | None) -> str:
    """``21`` + ``CT-TTg`` → ``21/ctttg``: case, diacritics, spaces and dashes ignored."""
    return f"{_alnum(number or '')}/{_alnum(notation or '')}" if (number or notation) else ""


def parse_code(text: str) -> tuple[str, str] | None:
    """``21/CT-TTg`` → (``21``, ``CT-TTg``); ``None`` when the text is not a document code."""
    match = CODE.match(text)
    if not match or not re.search(r"[^\W\d_]", match.group(2)):
        return None
    return match.group(1), match.group(2)


def issuer_key(name: str | None) -> str:
    """Folded issuer name with single spaces, for ``per issuer`` uniqueness and filters."""
    return " ".join(fold(nfc(name or "")).split())


_UBND = re.compile(r"\b(?:uy ban nhan dan|ubnd)\b")


def parent_key(name: str | None) -> str:
    """Folded parent organisation: ``ỦY BAN NHÂN DÂN TỈNH X`` and ``UBND TỈNH X`` are one."""
    return _UBND.sub("ubnd", issuer_key(name))


def year_of(date: str | None, notation: str | None = None) -> int | None:
    """The calendar year of an ISO date (``2020-07`` → 2020), else one printed in the notation."""
    if date and re.match(r"^\d{4}", date):
        return int(date[:4])
    if notation:
        match = _YEAR_IN_NOTATION.search(notation)
        if match:
            return int(match.group(1))
    return None


def first_day(date: str | None) -> dt.date | None:
    """``2020-07`` → 2020-07-01, ``2020`` → 2020-01-01, a bad date → ``None``."""
    if not date:
        return None
    parts = date.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError, OverflowError):  # OverflowError: a year of 20 digits (fuzz)
        return None
