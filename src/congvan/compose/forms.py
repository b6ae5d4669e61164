"""The compose form: POST fields ↔ a record (the page's rows of items and references).

Fields: ``kind``, ``urgency``, ``issuer_parent``, ``issuer_name``, ``notation``, ``place``,
``subject``, ``recipients`` and ``distribution`` (one a line), ``opening``/``closing`` (one
paragraph a line), ``task-N-text``/``-addressee``/``-deadline``, ``ref-N-kind``/``-code``/
``-date``/``-issuer``, ``signer_form``/``_authority``/``_title``/``_name``, ``reason``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from congvan.document import decree30
from congvan.document.model import Document as Record
from congvan.document.model import Issuer, Reference, Signer, Task

KINDS = decree30.ADMINISTRATIVE_TYPES
URGENCIES = decree30.URGENCY_LEVELS
FORMS = decree30.SIGNING_FORMS
FORM_LABELS = {
    "KT": "KT. (ký thay)",
    "TM": "TM. (thay mặt)",
    "TL": "TL. (thừa lệnh)",
    "TUQ": "TUQ. (thừa ủy quyền)",
    "Q": "Q. (quyền)",
}
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_INDEXED = re.compile(r"^(task|ref)-(\d+)-(\w+)$")


@dataclass
class Submitted:
    record: Record
    opening: str = ""
    closing: str = ""
    reason: str = ""
    errors: list[str] = field(default_factory=list)  # input that could not be read


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _date(value: str, what: str, errors: list[str]) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if _DATE.match(value):
        return value
    match = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", value)
    if match:
        d, m, y = (int(g) for g in match.groups())
        try:
            return dt.date(y, m, d).isoformat()
        except ValueError:
            pass
    errors.append(f"{what}: «{value}» không phải ngày (dd/mm/yyyy).")
    return None


def _rows(data, prefix: str) -> list[dict[str, str]]:
    rows: dict[int, dict[str, str]] = {}
    for name in data:
        match = _INDEXED.match(name)
        if match and match.group(1) == prefix:
            rows.setdefault(int(match.group(2)), {})[match.group(3)] = data.get(name) or ""
    return [rows[i] for i in sorted(rows)]


def from_post(data) -> Submitted:
    """The record of a submitted form (a ``QueryDict`` or a plain dict)."""
    errors: list[str] = []
    tasks = []
    for i, row in enumerate(_rows(data, "task"), start=1):
        if not (row.get("text") or "").strip():
            continue
        tasks.append(
            Task(
                label=str(len(tasks) + 1),
                text=row.get("text", ""),
                addressee=row.get("addressee") or None,
                deadline=_date(row.get("deadline", ""), f"Thời hạn của mục {i}", errors),
            )
        )
    references = []
    for row in _rows(data, "ref"):
        code = (row.get("code") or "").strip()
        if not code:
            continue
        number, _, notation = code.partition("/")
        if not notation:
            number, notation = "", code
        references.append(
            Reference(
                kind=row.get("kind") or None,
                number=number.strip() or None,
                notation=notation.strip() or None,
                date=_date(row.get("date", ""), f"Ngày của văn bản {code}", errors),
                issuer=row.get("issuer") or None,
            )
        )
    record = Record(
        kind=data.get("kind") or "Công văn",
        urgency=data.get("urgency") or None,
        issuer=Issuer(
            name=data.get("issuer_name") or None, parent=data.get("issuer_parent") or None
        ),
        notation=data.get("notation") or None,
        place=data.get("place") or None,
        subject=data.get("subject") or None,
        recipients=_lines(data.get("recipients", "")),
        references=references,
        tasks=tasks,
        distribution=_lines(data.get("distribution", "")),
        signer=Signer(
            form=data.get("signer_form") or None,
            authority=data.get("signer_authority") or None,
            title=data.get("signer_title") or None,
            name=data.get("signer_name") or None,
        ),
    )
    return Submitted(
        record=record,
        opening=data.get("opening", "") or "",
        closing=data.get("closing", "") or "",
        reason=data.get("reason", "") or "",
        errors=errors,
    )


def initial(record: Record, opening: str = "", closing: str = "", reason: str = "") -> dict:
    """The form's values for a record (with two empty item rows and one empty reference row)."""
    tasks = [t.to_json() for t in record.tasks] + [
        {"label": "", "addressee": None, "text": "", "deadline": None}
    ] * 2
    refs = [
        {
            "kind": r.kind or "",
            "code": r.code,
            "date": r.date or "",
            "issuer": r.issuer or "",
        }
        for r in record.references
    ] + [{"kind": "", "code": "", "date": "", "issuer": ""}]
    return {
        "kind": record.kind or "Công văn",
        "urgency": record.urgency or "",
        "issuer_parent": record.issuer.parent or "",
        "issuer_name": record.issuer.name or "",
        "notation": record.notation or "",
        "place": record.place or "",
        "subject": record.subject or "",
        "recipients": "\n".join(record.recipients),
        "distribution": "\n".join(record.distribution),
        "tasks": tasks,
        "refs": refs,
        "signer_form": record.signer.form or "",
        "signer_authority": record.signer.authority or "",
        "signer_title": record.signer.title or "",
        "signer_name": record.signer.name or "",
        "opening": opening,
        "closing": closing,
        "reason": reason,
    }
