"""Facts of Decree 30/2020/NĐ-CP that the parser, the renderer and the validator share.

Source: ``shared/reference/standards.md`` §1 (Điều 7 types, Phụ lục III abbreviations, Điều 13
signing forms, urgency levels).
"""

from __future__ import annotations

# The 29 administrative types of Điều 7, plus the legal-document types dispatches cite most.
ADMINISTRATIVE_TYPES = (
    "Nghị quyết",
    "Quyết định",
    "Chỉ thị",
    "Quy chế",
    "Quy định",
    "Thông cáo",
    "Thông báo",
    "Hướng dẫn",
    "Chương trình",
    "Kế hoạch",
    "Phương án",
    "Đề án",
    "Dự án",
    "Báo cáo",
    "Biên bản",
    "Tờ trình",
    "Hợp đồng",
    "Công văn",
    "Công điện",
    "Bản ghi nhớ",
    "Bản thỏa thuận",
    "Giấy ủy quyền",
    "Giấy mời",
    "Giấy giới thiệu",
    "Giấy nghỉ phép",
    "Phiếu gửi",
    "Phiếu chuyển",
    "Phiếu báo",
    "Thư công",
)
LEGAL_TYPES = (
    "Hiến pháp",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Nghị định",
    "Thông tư liên tịch",
    "Thông tư",
    "Nghị quyết liên tịch",
    "Lệnh",
    "Kết luận",
    "Văn bản",
)

# Phụ lục III §I, with the pre-2020 codes of Thông tư 01/2011 as aliases for older documents.
TYPE_BY_ABBREVIATION = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "QD": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "NĐ": "Nghị định",
    "ND": "Nghị định",  # as QD: the code written without the mark of Đ
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "KL": "Kết luận",
    "QH": "Luật",
    # Thông tư 01/2011 codes
    "GN": "Bản ghi nhớ",
    "TTh": "Bản thỏa thuận",
    "UQ": "Giấy ủy quyền",
    "NP": "Giấy nghỉ phép",
}
ABBREVIATION_BY_TYPE = {
    kind: abbr
    for abbr, kind in TYPE_BY_ABBREVIATION.items()
    if kind in ADMINISTRATIVE_TYPES and abbr not in ("QD", "GN", "TTh", "UQ", "NP")
}

SIGNING_FORMS = ("KT", "TM", "TL", "TUQ", "Q")
URGENCY_LEVELS = ("Khẩn", "Thượng khẩn", "Hỏa tốc")
SECRECY_LEVELS = ("Mật", "Tối mật", "Tuyệt mật")


def format_date(iso: str | None) -> str:
    """``2020-07-17`` → ``ngày 17 tháng 7 năm 2020`` (Phụ lục I §II.4: a leading 0 for days
    below 10 and for months 1 and 2). A partial date leaves the unknown parts blank, as a draft
    does: ``2020-07`` → ``ngày    tháng 7 năm 2020``."""
    if not iso:
        return "ngày    tháng    năm    "
    parts = iso.split("-")
    year = parts[0]
    month = int(parts[1]) if len(parts) > 1 else None
    day = int(parts[2]) if len(parts) > 2 else None
    month_text = "   " if month is None else (f"{month:02d}" if month <= 2 else str(month))
    day_text = "   " if day is None else f"{day:02d}"
    return f"ngày {day_text} tháng {month_text} năm {year}"
