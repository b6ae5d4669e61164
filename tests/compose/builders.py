"""Builders for the compose tests: a valid draft record, the department's people."""

from __future__ import annotations

from congvan.document.model import Document as Record
from congvan.document.model import Issuer, Reference, Signer, Task


def draft_record(**fields) -> Record:
    """A công văn of the department, complete but for its number and date."""
    record = Record(
        kind="Công văn",
        issuer=Issuer(name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", parent="UBND TỈNH LẠNG SƠN"),
        notation="STTTT-TTBCXB",
        place="Lạng Sơn",
        subject="tăng cường tuyên truyền phòng, chống lừa đảo chiếm đoạt tài sản",
        recipients=[
            "Các cơ quan báo chí trên địa bàn tỉnh",
            "Phòng Văn hóa và Thông tin các huyện",
        ],
        references=[
            Reference(
                kind="Chỉ thị",
                number="21",
                notation="CT-TTg",
                date="2025-05-25",
                issuer="Thủ tướng Chính phủ",
            )
        ],
        tasks=[
            Task(label="1", text="Tăng cường thông tin, tuyên truyền về các phương thức lừa đảo."),
            Task(
                label="2",
                text="Mở chuyên mục, đưa tin, bài thường xuyên.",
                addressee="Các cơ quan báo chí trên địa bàn tỉnh",
                deadline="2025-12-31",
            ),
        ],
        distribution=["Như trên", "Giám đốc Sở", "Lưu: VT, TTBCXB"],
        signer=Signer(form="KT", authority="GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Lê Văn A"),
    )
    for name, value in fields.items():
        setattr(record, name, value)
    return record
