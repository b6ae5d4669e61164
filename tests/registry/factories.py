"""Builders of dispatch records for the registry tests."""

from __future__ import annotations

import itertools

from congvan.document.model import Document, Issuer, Reference, Signer, Task

_numbers = itertools.count(100)


def make_record(**fields) -> Document:
    """A plausible dispatch; any field can be given (``references`` as ``Reference`` or dicts)."""
    number = fields.pop("number") if "number" in fields else str(next(_numbers))
    issuer = fields.pop("issuer", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
    record = Document(
        kind=fields.pop("kind", "Công văn"),
        issuer=issuer if isinstance(issuer, Issuer) else Issuer(name=issuer, parent="UBND TỈNH X"),
        number=number,
        notation=fields.pop("notation", "STTTT-TTBCXB"),
        place=fields.pop("place", "Lạng Sơn"),
        date=fields.pop("date", "2020-07-17"),
        subject=fields.pop("subject", "tăng cường công tác thông tin, tuyên truyền"),
        recipients=fields.pop("recipients", ["Báo Lạng Sơn"]),
        references=[
            r if isinstance(r, Reference) else Reference(**r) for r in fields.pop("references", [])
        ],
        tasks=fields.pop("tasks", [Task(label="1", text="Tăng cường tuyên truyền.")]),
        distribution=fields.pop("distribution", ["Như trên", "Lưu: VT"]),
        signer=fields.pop(
            "signer", Signer(form="KT", authority="GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Lê A")
        ),
        urgency=fields.pop("urgency", None),
    )
    if fields:
        raise TypeError(f"unknown fields: {sorted(fields)}")
    return record
