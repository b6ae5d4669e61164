"""Realistic synthetic dispatches (``Document`` records and their text) for tests and benchmarks.

``generate(count, seed=...)`` yields records lazily in constant memory: agencies of many provinces
(with their parents), every Decree 30 type (mostly công văn), per-issuer yearly numbering, drafts,
urgency, references to earlier generated documents, numbered tasks, Nơi nhận and signer.
``to_text(doc, style=...)`` prints a record the way Decree 30 lays it out, flattened to text the
way real converters do (``plain``, ``layout``, ``markdown``, ``crawl``, ``debris``); every field of
the record stays recoverable from every style.

Numbering: each issuer keeps one series per year (agencies with one register for everything) or
one per document type (people's committees, ministries, the government), and legal documents
(``12/2020/NĐ-CP``) always have their own. A series of capacity ``N`` hands out numbers 1..N in a
seeded permutation and dates each number within the agency's year in number order, so the
numbers of an issuer's year never repeat and grow with the date, whatever prefix of the stream
is read. References cite earlier generated documents that are also dated earlier.

All vocabulary below is written for this module.
"""

from __future__ import annotations

import bisect
import random
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from congvan.document.decree30 import ABBREVIATION_BY_TYPE
from congvan.document.model import Document, Issuer, Reference, Signer, Task

__all__ = ["STYLES", "generate", "iter_pairs", "to_text"]

STYLES = ("plain", "layout", "markdown", "crawl", "debris")
FIRST_YEAR = 2015
LAST_YEAR = 2026

_MASK = (1 << 64) - 1
_NFC = unicodedata.normalize


def _mix(*parts: int) -> int:
    """A stable 64-bit hash of integers (splitmix64 steps); Python's ``hash`` is salted."""
    h = 0x9E3779B97F4A7C15
    for p in parts:
        h = ((h ^ (p & _MASK)) * 0xBF58476D1CE4E5B9) & _MASK
        h ^= h >> 31
        h = (h * 0x94D049BB133111EB) & _MASK
        h ^= h >> 29
    return h


def _n(text: str) -> str:
    return _NFC("NFC", text)


def _ord(y: int, m: int, d: int) -> int:
    return date(y, m, d).toordinal()


# ---------------------------------------------------------------------------------------------
# Vocabulary: provinces, agencies, topics, sentences, people
# ---------------------------------------------------------------------------------------------

# (name, "tỉnh" or "thành phố", survives the 1/7/2025 merger)
_PROVINCES = [
    ("An Giang", "tỉnh", True),
    ("Bà Rịa - Vũng Tàu", "tỉnh", False),
    ("Bắc Giang", "tỉnh", False),
    ("Bắc Kạn", "tỉnh", False),
    ("Bạc Liêu", "tỉnh", False),
    ("Bắc Ninh", "tỉnh", True),
    ("Bến Tre", "tỉnh", False),
    ("Bình Định", "tỉnh", False),
    ("Bình Dương", "tỉnh", False),
    ("Bình Phước", "tỉnh", False),
    ("Bình Thuận", "tỉnh", False),
    ("Cà Mau", "tỉnh", True),
    ("Cao Bằng", "tỉnh", True),
    ("Cần Thơ", "thành phố", True),
    ("Đà Nẵng", "thành phố", True),
    ("Đắk Lắk", "tỉnh", True),
    ("Đắk Nông", "tỉnh", False),
    ("Điện Biên", "tỉnh", True),
    ("Đồng Nai", "tỉnh", True),
    ("Đồng Tháp", "tỉnh", True),
    ("Gia Lai", "tỉnh", True),
    ("Hà Giang", "tỉnh", False),
    ("Hà Nam", "tỉnh", False),
    ("Hà Nội", "thành phố", True),
    ("Hà Tĩnh", "tỉnh", True),
    ("Hải Dương", "tỉnh", False),
    ("Hải Phòng", "thành phố", True),
    ("Hậu Giang", "tỉnh", False),
    ("Hòa Bình", "tỉnh", False),
    ("Hưng Yên", "tỉnh", True),
    ("Khánh Hòa", "tỉnh", True),
    ("Kiên Giang", "tỉnh", False),
    ("Kon Tum", "tỉnh", False),
    ("Lai Châu", "tỉnh", True),
    ("Lâm Đồng", "tỉnh", True),
    ("Lạng Sơn", "tỉnh", True),
    ("Lào Cai", "tỉnh", True),
    ("Long An", "tỉnh", False),
    ("Nam Định", "tỉnh", False),
    ("Nghệ An", "tỉnh", True),
    ("Ninh Bình", "tỉnh", True),
    ("Ninh Thuận", "tỉnh", False),
    ("Phú Thọ", "tỉnh", True),
    ("Phú Yên", "tỉnh", False),
    ("Quảng Bình", "tỉnh", False),
    ("Quảng Nam", "tỉnh", False),
    ("Quảng Ngãi", "tỉnh", True),
    ("Quảng Ninh", "tỉnh", True),
    ("Quảng Trị", "tỉnh", True),
    ("Sóc Trăng", "tỉnh", False),
    ("Sơn La", "tỉnh", True),
    ("Tây Ninh", "tỉnh", True),
    ("Thái Bình", "tỉnh", False),
    ("Thái Nguyên", "tỉnh", True),
    ("Thanh Hóa", "tỉnh", True),
    ("Thừa Thiên Huế", "tỉnh", False),
    ("Tiền Giang", "tỉnh", False),
    ("Hồ Chí Minh", "thành phố", True),
    ("Trà Vinh", "tỉnh", False),
    ("Tuyên Quang", "tỉnh", True),
    ("Vĩnh Long", "tỉnh", True),
    ("Vĩnh Phúc", "tỉnh", False),
    ("Yên Bái", "tỉnh", False),
    ("Huế", "thành phố", True),  # from 1/1/2025, in place of Thừa Thiên Huế
]
_CUSTOMS_PROVINCES = {
    "Lạng Sơn",
    "Quảng Ninh",
    "Kiên Giang",
    "An Giang",
    "Lào Cai",
    "Hà Nội",
    "Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Đồng Nai",
    "Bình Dương",
    "Long An",
}

# district-level units (until 30/6/2025): province -> (kind, name)
_DISTRICTS = {
    "Kiên Giang": [("thành phố", "Phú Quốc"), ("huyện", "Châu Thành"), ("huyện", "Giồng Riềng")],
    "Lâm Đồng": [("huyện", "Đức Trọng"), ("huyện", "Di Linh"), ("huyện", "Lâm Hà")],
    "Bình Thuận": [("huyện", "Tuy Phong"), ("huyện", "Hàm Thuận Bắc"), ("huyện", "Đức Linh")],
    "Lạng Sơn": [("huyện", "Cao Lộc"), ("huyện", "Hữu Lũng"), ("huyện", "Lộc Bình")],
    "Nghệ An": [("huyện", "Quỳnh Lưu"), ("huyện", "Diễn Châu"), ("huyện", "Nghi Lộc")],
    "Thanh Hóa": [("huyện", "Hoằng Hóa"), ("huyện", "Thọ Xuân"), ("huyện", "Nông Cống")],
    "Quảng Nam": [("thị xã", "Điện Bàn"), ("huyện", "Duy Xuyên"), ("huyện", "Thăng Bình")],
    "Đồng Tháp": [("huyện", "Tháp Mười"), ("huyện", "Lai Vung"), ("huyện", "Thanh Bình")],
    "Hà Tĩnh": [("huyện", "Cẩm Xuyên"), ("huyện", "Hương Sơn"), ("huyện", "Thạch Hà")],
    "Gia Lai": [("huyện", "Chư Sê"), ("huyện", "Đức Cơ"), ("huyện", "Ia Grai")],
    "Đắk Lắk": [("huyện", "Krông Pắc"), ("huyện", "Ea Kar"), ("huyện", "Cư M'gar")],
    "Sơn La": [("huyện", "Mộc Châu"), ("huyện", "Mai Sơn"), ("huyện", "Thuận Châu")],
    "Phú Thọ": [("huyện", "Lâm Thao"), ("huyện", "Thanh Sơn"), ("huyện", "Cẩm Khê")],
    "Thái Bình": [("huyện", "Kiến Xương"), ("huyện", "Tiền Hải"), ("huyện", "Vũ Thư")],
    "An Giang": [("huyện", "Chợ Mới"), ("huyện", "Châu Phú"), ("huyện", "Tri Tôn")],
    "Cà Mau": [("huyện", "Năm Căn"), ("huyện", "Trần Văn Thời"), ("huyện", "U Minh")],
    "Bắc Giang": [("huyện", "Lục Nam"), ("huyện", "Yên Dũng"), ("huyện", "Hiệp Hòa")],
    "Quảng Ninh": [("huyện", "Vân Đồn"), ("huyện", "Tiên Yên"), ("huyện", "Hải Hà")],
    "Hà Nội": [("huyện", "Gia Lâm"), ("huyện", "Đông Anh"), ("huyện", "Sóc Sơn")],
    "Hồ Chí Minh": [("huyện", "Củ Chi"), ("huyện", "Hóc Môn"), ("huyện", "Cần Giờ")],
}
# commune-level units of the two-level local government (from 1/7/2025)
_COMMUNES = [
    ("Hà Nội", "phường", "Hoàn Kiếm"),
    ("Hà Nội", "phường", "Ba Đình"),
    ("Hồ Chí Minh", "phường", "Bến Thành"),
    ("Hồ Chí Minh", "phường", "Sài Gòn"),
    ("Đà Nẵng", "phường", "Hải Châu"),
    ("Lâm Đồng", "xã", "Đức Trọng"),
    ("Nghệ An", "xã", "Diễn Châu"),
    ("An Giang", "đặc khu", "Phú Quốc"),
    ("Quảng Ninh", "đặc khu", "Vân Đồn"),
    ("Khánh Hòa", "phường", "Nha Trang"),
    ("Cần Thơ", "phường", "Ninh Kiều"),
    ("Gia Lai", "phường", "Quy Nhơn"),
]

_D_START = _ord(FIRST_YEAR, 1, 1)
_D_END = _ord(LAST_YEAR, 12, 31)
_REFORM = _ord(2025, 3, 1)  # ministries and departments merged
_MERGE = _ord(2025, 7, 1)  # provinces merged, districts abolished
_HUE = _ord(2025, 1, 1)

# Departments of a province: (name, abbreviation, units, first day, last day)
_DEPARTMENTS = [
    ("Sở Nội vụ", "SNV", ("CCHC", "TCBC", "XDCQ", "VP", "TĐKT"), _D_START, _D_END),
    ("Sở Tư pháp", "STP", ("HCBT", "XDKTVB", "PBGDPL", "VP"), _D_START, _D_END),
    ("Sở Tài chính", "STC", ("QLNS", "TCĐT", "QLGCS", "VP"), _D_START, _D_END),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT", ("ĐKKD", "TH", "VP"), _D_START, _REFORM - 1),
    ("Sở Công Thương", "SCT", ("QLTM", "QLCN", "VP"), _D_START, _D_END),
    (
        "Sở Nông nghiệp và Phát triển nông thôn",
        "SNN",
        ("KHTC", "TTBVTV", "VP"),
        _D_START,
        _REFORM - 1,
    ),
    ("Sở Tài nguyên và Môi trường", "STNMT", ("QLĐĐ", "BVMT", "VP"), _D_START, _REFORM - 1),
    ("Sở Nông nghiệp và Môi trường", "SNNMT", ("KHTC", "QLĐĐ", "VP"), _REFORM, _D_END),
    ("Sở Giao thông vận tải", "SGTVT", ("QLGT", "QLVT", "VP"), _D_START, _REFORM - 1),
    ("Sở Xây dựng", "SXD", ("QLCLCT", "QLXD", "VP"), _D_START, _D_END),
    (
        "Sở Thông tin và Truyền thông",
        "STTTT",
        ("TTBCXB", "BCVT", "CNTT", "VP"),
        _D_START,
        _REFORM - 1,
    ),
    ("Sở Khoa học và Công nghệ", "SKHCN", ("QLKH", "CĐS", "VP"), _D_START, _D_END),
    (
        "Sở Lao động - Thương binh và Xã hội",
        "SLĐTBXH",
        ("LĐVL", "BTXH", "VP"),
        _D_START,
        _REFORM - 1,
    ),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", ("QLVH", "QLDL", "VP"), _D_START, _D_END),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", ("GDTrH", "GDTH", "KHTC", "VP"), _D_START, _D_END),
    ("Sở Y tế", "SYT", ("NVY", "NVD", "KHTC", "VP"), _D_START, _D_END),
    ("Sở Ngoại vụ", "SNgV", ("LS", "HTQT", "VP"), _D_START, _REFORM - 1),
    ("Sở Dân tộc và Tôn giáo", "SDTTG", ("CSDT", "VP"), _REFORM, _D_END),
]

# Central bodies: (name, abbreviation, class, parent, head, deputy, units, first, last, legal)
_CENTRAL = [
    ("Chính phủ", "CP", "cp", None, "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", (), _D_START, _D_END, "NĐ"),
    (
        "Thủ tướng Chính phủ",
        "TTg",
        "ttg",
        None,
        "THỦ TƯỚNG",
        "PHÓ THỦ TƯỚNG",
        (),
        _D_START,
        _D_END,
        "QĐ",
    ),
    (
        "Văn phòng Chính phủ",
        "VPCP",
        "bo",
        None,
        "BỘ TRƯỞNG, CHỦ NHIỆM",
        "PHÓ CHỦ NHIỆM",
        ("KGVX", "ĐMDN", "KTTH", "NN", "QHQT", "PL"),
        _D_START,
        _D_END,
        None,
    ),
    (
        "Bộ Nội vụ",
        "BNV",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("CCHC", "TCBC", "CQĐP", "VP"),
        _D_START,
        _D_END,
        "TT",
    ),
    (
        "Bộ Tài chính",
        "BTC",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("TCHQ", "CST", "PC", "NSNN"),
        _D_START,
        _D_END,
        "TT",
    ),
    (
        "Bộ Tư pháp",
        "BTP",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("PLHSHC", "VĐCXDPL", "VP"),
        _D_START,
        _D_END,
        "TT",
    ),
    (
        "Bộ Y tế",
        "BYT",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("DP", "KCB", "MT", "KH-TC"),
        _D_START,
        _D_END,
        "TT",
    ),
    (
        "Bộ Giáo dục và Đào tạo",
        "BGDĐT",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("GDTrH", "GDĐH", "KHTC"),
        _D_START,
        _D_END,
        "TT",
    ),
    (
        "Bộ Công Thương",
        "BCT",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("TTTN", "XNK", "PC"),
        _D_START,
        _D_END,
        "TT",
    ),
    (
        "Bộ Xây dựng",
        "BXD",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("QLN", "HĐXD", "KHTC"),
        _D_START,
        _D_END,
        "TT",
    ),
    (
        "Bộ Khoa học và Công nghệ",
        "BKHCN",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("ĐTG", "PC", "KHTC"),
        _D_START,
        _D_END,
        "TT",
    ),
    (
        "Bộ Văn hóa, Thể thao và Du lịch",
        "BVHTTDL",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("VHCS", "DSVH", "KHTC"),
        _D_START,
        _D_END,
        "TT",
    ),
    (
        "Bộ Thông tin và Truyền thông",
        "BTTTT",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("CBC", "PTTH&TTĐT", "CATTT", "BC"),
        _D_START,
        _REFORM - 1,
        "TT",
    ),
    (
        "Bộ Kế hoạch và Đầu tư",
        "BKHĐT",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("ĐKKD", "KTĐP&LT", "TH"),
        _D_START,
        _REFORM - 1,
        "TT",
    ),
    (
        "Bộ Lao động - Thương binh và Xã hội",
        "BLĐTBXH",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("LĐTL", "BTXH", "PC"),
        _D_START,
        _REFORM - 1,
        "TT",
    ),
    (
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "BNN",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("TT", "KH", "PC"),
        _D_START,
        _REFORM - 1,
        "TT",
    ),
    (
        "Bộ Tài nguyên và Môi trường",
        "BTNMT",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("QLĐĐ", "MT", "PC"),
        _D_START,
        _REFORM - 1,
        "TT",
    ),
    (
        "Bộ Nông nghiệp và Môi trường",
        "BNNMT",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("QLĐĐ", "MT", "KH"),
        _REFORM,
        _D_END,
        "TT",
    ),
    (
        "Bộ Dân tộc và Tôn giáo",
        "BDTTG",
        "bo",
        None,
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        ("CSDT", "VP"),
        _REFORM,
        _D_END,
        "TT",
    ),
    (
        "Tổng cục Thuế",
        "TCT",
        "tong_cuc",
        "BỘ TÀI CHÍNH",
        "TỔNG CỤC TRƯỞNG",
        "PHÓ TỔNG CỤC TRƯỞNG",
        ("PC", "CS", "DNL", "KK", "TTr"),
        _D_START,
        _REFORM - 1,
        None,
    ),
    (
        "Tổng cục Hải quan",
        "TCHQ",
        "tong_cuc",
        "BỘ TÀI CHÍNH",
        "TỔNG CỤC TRƯỞNG",
        "PHÓ TỔNG CỤC TRƯỞNG",
        ("TXNK", "GSQL", "ĐTCBL"),
        _D_START,
        _REFORM - 1,
        None,
    ),
    (
        "Cục Thuế",
        "CT",
        "tong_cuc",
        "BỘ TÀI CHÍNH",
        "CỤC TRƯỞNG",
        "PHÓ CỤC TRƯỞNG",
        ("CS", "PC", "QLN"),
        _REFORM,
        _D_END,
        None,
    ),
    (
        "Cục Hải quan",
        "CHQ",
        "tong_cuc",
        "BỘ TÀI CHÍNH",
        "CỤC TRƯỞNG",
        "PHÓ CỤC TRƯỞNG",
        ("NVTHQ", "GSQL"),
        _REFORM,
        _D_END,
        None,
    ),
    (
        "Bảo hiểm xã hội Việt Nam",
        "BHXH",
        "tong_cuc",
        None,
        "TỔNG GIÁM ĐỐC",
        "PHÓ TỔNG GIÁM ĐỐC",
        ("TST", "CSXH", "QLT"),
        _D_START,
        _D_END,
        None,
    ),
]

# Topics: (phrase, domain, first year, last year)
_TOPICS = [
    ("phòng ngừa, xử lý hoạt động lừa đảo chiếm đoạt tài sản", "g", 2015, 2026),
    ("phòng, chống bệnh bạch hầu", "g", 2015, 2026),
    ("phòng, chống ma túy", "g", 2015, 2026),
    ("cải cách hành chính", "g", 2015, 2026),
    ("chuyển đổi số", "g", 2020, 2026),
    ("bảo đảm trật tự an toàn giao thông", "g", 2015, 2026),
    ("phòng, chống thiên tai và tìm kiếm cứu nạn", "g", 2015, 2026),
    ("phòng cháy, chữa cháy và cứu nạn, cứu hộ", "g", 2015, 2026),
    ("phòng, chống dịch COVID-19", "g", 2020, 2022),
    ("phòng, chống bệnh sốt xuất huyết", "g", 2015, 2026),
    ("bảo đảm an toàn thông tin mạng", "g", 2015, 2026),
    ("xây dựng nông thôn mới", "g", 2015, 2026),
    ("thực hành tiết kiệm, chống lãng phí", "g", 2015, 2026),
    ("phòng, chống tham nhũng, tiêu cực", "g", 2015, 2026),
    ("phổ biến, giáo dục pháp luật", "g", 2015, 2026),
    ("bảo vệ môi trường và ứng phó với biến đổi khí hậu", "g", 2015, 2026),
    ("phòng, chống tác hại của thuốc lá", "g", 2015, 2026),
    ("giảm nghèo bền vững", "g", 2015, 2026),
    ("phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử", "g", 2022, 2026),
    ("sắp xếp, tinh gọn tổ chức bộ máy", "g", 2024, 2026),
    ("vận hành chính quyền địa phương hai cấp", "g", 2025, 2026),
    ("chống khai thác hải sản bất hợp pháp, không báo cáo và không theo quy định", "g", 2017, 2026),
    ("quản lý, cung cấp thông tin trên mạng xã hội", "g", 2015, 2026),
    ("bảo đảm an toàn thực phẩm", "g", 2015, 2026),
    ("phòng, chống bạo lực học đường", "g", 2015, 2026),
    ("quản lý thuế đối với hoạt động kinh doanh thương mại điện tử", "t", 2018, 2026),
    ("hoàn thuế giá trị gia tăng", "t", 2015, 2026),
    ("quyết toán thuế thu nhập cá nhân", "t", 2015, 2026),
    ("triển khai hóa đơn điện tử khởi tạo từ máy tính tiền", "t", 2022, 2026),
    ("quản lý nợ và cưỡng chế nợ thuế", "t", 2015, 2026),
    ("chống thất thu ngân sách nhà nước", "t", 2015, 2026),
    ("kiểm tra sau thông quan", "h", 2015, 2026),
    ("chống buôn lậu, gian lận thương mại và hàng giả", "h", 2015, 2026),
    ("quản lý hàng hóa xuất khẩu, nhập khẩu tại chỗ", "h", 2015, 2026),
    ("quản lý hoạt động báo chí, xuất bản", "m", 2015, 2026),
    ("phát triển dịch vụ bưu chính công ích", "m", 2015, 2026),
]
_TOPICS = [(_n(p), d, a, b) for p, d, a, b in _TOPICS]
_TOPIC_PHRASES = [t[0] for t in _TOPICS]
_TOPICS_BY = {
    (dom, y): [i for i, t in enumerate(_TOPICS) if t[1] == dom and t[2] <= y <= t[3]]
    for dom in "gthm"
    for y in range(FIRST_YEAR, LAST_YEAR + 1)
}

# Verb-initial action sentences of a task ({t} = topic).
_ACTIONS = [
    "Tăng cường công tác thông tin, tuyên truyền về {t} trên báo chí, hệ thống truyền thanh cơ "
    "sở và mạng xã hội.",
    "Xây dựng chuyên trang, chuyên mục, tăng thời lượng phát sóng các tin, bài phản ánh kết quả "
    "{t} tại địa phương.",
    "Rà soát, đánh giá kết quả thực hiện {t}, chỉ rõ những tồn tại, hạn chế và đề xuất giải "
    "pháp khắc phục.",
    "Phối hợp với các cơ quan liên quan kiểm tra, giám sát việc thực hiện {t}, xử lý nghiêm các "
    "trường hợp vi phạm.",
    "Chủ động xây dựng kế hoạch cụ thể để triển khai {t} phù hợp với tình hình thực tế của cơ "
    "quan, đơn vị.",
    "Đẩy mạnh ứng dụng công nghệ thông tin trong quản lý, theo dõi và đánh giá kết quả {t}.",
    "Biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành tích tiêu biểu trong {t}.",
    "Bố trí cán bộ đầu mối theo dõi, tổng hợp tình hình {t} và cung cấp thông tin kịp thời khi "
    "có yêu cầu.",
    "Hướng dẫn, đôn đốc đài truyền thanh cấp xã phát các thông điệp về {t} vào khung giờ có "
    "đông người nghe.",
    "Tổ chức các hình thức tuyên truyền trực quan như pa-nô, áp phích, băng rôn về {t} tại "
    "nơi công cộng.",
    "Kịp thời phát hiện, phản ánh những khó khăn, vướng mắc phát sinh trong quá trình triển "
    "khai {t}.",
    "Nâng cao trách nhiệm của người đứng đầu cơ quan, đơn vị trong việc chỉ đạo, tổ chức thực "
    "hiện {t}.",
    "Lồng ghép nội dung {t} vào các hội nghị, buổi sinh hoạt của cơ quan, đoàn thể và khu dân cư.",
    "Cập nhật, công khai đầy đủ thông tin về {t} trên cổng, trang thông tin điện tử của cơ "
    "quan, đơn vị.",
    "Chỉ đạo các đơn vị trực thuộc quán triệt, triển khai nghiêm túc các nội dung về {t}.",
    "Thường xuyên theo dõi, nắm bắt dư luận xã hội liên quan đến {t} để kịp thời định hướng "
    "thông tin.",
]
_ACTIONS = [_n(s) for s in _ACTIONS]
# A lead sentence before sub-bullets ends with "." so that it cannot read as a heading.
_LEADS = [
    _n("Tập trung triển khai đồng bộ các nhiệm vụ được giao."),
    _n("Chủ trì, phối hợp với các cơ quan liên quan thực hiện tốt các nhiệm vụ trọng tâm."),
    _n("Quán triệt đầy đủ yêu cầu của cấp trên trong năm."),
]
_DEADLINES = [
    "Báo cáo kết quả thực hiện về {s} trước ngày {d}.",
    "Gửi báo cáo về {s} trước ngày {d} để tổng hợp.",
    "Hoàn thành trước ngày {d}.",
    "Hoàn thành trong tháng {mm}.",
]
_DEADLINES = [_n(s) for s in _DEADLINES]
_CLOSINGS = [
    "Đề nghị các cơ quan, đơn vị quan tâm, phối hợp triển khai thực hiện./.",
    "Đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện, báo cáo kết quả về {s} khi "
    "có yêu cầu./.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị phản ánh về {s} để được "
    "hướng dẫn./.",
    "Trên đây là nội dung triển khai của {s}, đề nghị các cơ quan, đơn vị thực hiện./.",
    "Yêu cầu các cơ quan, đơn vị triển khai thực hiện nghiêm túc./.",
]
_CLOSINGS = [_n(s) for s in _CLOSINGS]
_SECTION_TITLES = [
    (
        "MỤC ĐÍCH, YÊU CẦU",
        "NỘI DUNG THỰC HIỆN",
        "TỔ CHỨC THỰC HIỆN",
        "KINH PHÍ THỰC HIỆN",
        "CHẾ ĐỘ BÁO CÁO",
    ),
    (
        "KẾT QUẢ ĐẠT ĐƯỢC",
        "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM",
        "KIẾN NGHỊ, ĐỀ XUẤT",
        "TỔ CHỨC THỰC HIỆN",
    ),
    (
        "NHỮNG VIỆC CẦN LÀM NGAY",
        "NHIỆM VỤ THƯỜNG XUYÊN",
        "TỔ CHỨC THỰC HIỆN",
        "CHẾ ĐỘ THÔNG TIN, BÁO CÁO",
        "KINH PHÍ",
    ),
]
_SECTION_TITLES = [tuple(_n(x) for x in row) for row in _SECTION_TITLES]
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")

# Subjects: công văn (after V/v, lower case) and typed documents (sentence case).
_CV_SUBJECTS = [
    "tăng cường công tác tuyên truyền {t}",
    "triển khai thực hiện công tác {t} năm {y}",
    "báo cáo kết quả công tác {t} {period}",
    "đôn đốc thực hiện nhiệm vụ {t}",
    "góp ý dự thảo Kế hoạch {t} năm {y}",
    "hướng dẫn thực hiện {t}",
    "cử cán bộ tham gia lớp tập huấn về {t}",
    "đề nghị cung cấp thông tin, tài liệu phục vụ công tác {t}",
    "tăng cường công tác thông tin, tuyên truyền về {t}",
    "rà soát, đánh giá tình hình {t} {period}",
]
_TYPED_SUBJECTS = {
    "Kế hoạch": [
        "Triển khai công tác {t} năm {y}",
        "Tuyên truyền {t} năm {y}",
        "Thực hiện {t} giai đoạn {y}-{y5}",
    ],
    "Thông báo": [
        "Kết luận của lãnh đạo {s} tại cuộc họp về {t}",
        "Về việc tổ chức hội nghị sơ kết công tác {t} {period}",
    ],
    "Báo cáo": ["Kết quả thực hiện công tác {t} {period}", "Tình hình triển khai {t} {period}"],
    "Tờ trình": [
        "Về việc đề nghị phê duyệt Kế hoạch {t} năm {y}",
        "Đề nghị ban hành Quy chế phối hợp trong công tác {t}",
    ],
    "Quyết định": [
        "Về việc thành lập Ban Chỉ đạo {t}",
        "Ban hành Kế hoạch {t} năm {y}",
        "Về việc kiện toàn Tổ công tác {t}",
    ],
    "Chỉ thị": ["Về tăng cường công tác {t}", "Về đẩy mạnh {t} trong tình hình mới"],
    "Công điện": ["Về việc tập trung triển khai các biện pháp cấp bách {t}"],
    "Hướng dẫn": ["Thực hiện {t} năm {y}", "Tổ chức các hoạt động {t}"],
    "Chương trình": ["Công tác {t} năm {y}", "Hành động thực hiện {t} giai đoạn {y}-{y5}"],
    "Phương án": ["Triển khai {t} năm {y}", "Bảo đảm {t} trong các dịp lễ, Tết năm {y}"],
    "Đề án": ["Nâng cao hiệu quả {t} giai đoạn {y}-{y5}"],
    "Dự án": ["Đầu tư hệ thống thông tin phục vụ {t}"],
    "Nghị quyết": [
        "Về nhiệm vụ, giải pháp thực hiện {t} năm {y}",
        "Phê duyệt chủ trương thực hiện {t}",
    ],
    "Quy chế": ["Phối hợp trong công tác {t}"],
    "Quy định": ["Trách nhiệm của các cơ quan, đơn vị trong công tác {t}"],
    "Thông cáo": ["Kết quả công tác {t} {period}"],
    "Biên bản": ["Cuộc họp bàn triển khai công tác {t}"],
    "Hợp đồng": ["Cung cấp dịch vụ truyền thông về {t}"],
    "Bản ghi nhớ": ["Hợp tác trong công tác {t} giai đoạn {y}-{y5}"],
    "Bản thỏa thuận": ["Phối hợp thực hiện {t}"],
    "Giấy ủy quyền": ["Ký văn bản về {t}"],
    "Giấy mời": ["Dự hội nghị triển khai công tác {t} năm {y}"],
    "Giấy giới thiệu": ["Liên hệ công tác về {t}"],
    "Giấy nghỉ phép": ["Nghỉ phép năm {y}"],
    "Phiếu gửi": ["Gửi tài liệu về {t}"],
    "Phiếu chuyển": ["Chuyển đơn kiến nghị liên quan đến {t}"],
    "Phiếu báo": ["Báo lịch kiểm tra công tác {t}"],
    "Nghị định": [
        "Quy định chi tiết một số điều về {t}",
        "Sửa đổi, bổ sung một số quy định về {t}",
    ],
    "Thông tư": ["Hướng dẫn thực hiện {t}", "Quy định chế độ báo cáo về {t}"],
}
_LEGAL_SUBJECTS = {
    "NQ": ["Quy định mức chi hỗ trợ cho công tác {t} trên địa bàn {tinh}"],
    "QĐ": [
        "Ban hành Quy định quản lý {t} trên địa bàn {tinh}",
        "Ban hành Quy chế phối hợp trong công tác {t}",
    ],
}

_NOT_CITED = {
    "Giấy nghỉ phép",
    "Giấy giới thiệu",
    "Giấy ủy quyền",
    "Phiếu gửi",
    "Phiếu chuyển",
    "Phiếu báo",
}
_ROLE_CITED = {"Quyết định", "Thông tư", "Chỉ thị", "Công điện"}  # "Bộ trưởng Bộ …" signs these
_ARTICLE_KINDS = {"Quyết định", "Nghị quyết", "Quy chế", "Quy định", "Nghị định", "Thông tư"}
_PROSE_KINDS = {
    "Giấy mời",
    "Giấy giới thiệu",
    "Giấy ủy quyền",
    "Giấy nghỉ phép",
    "Phiếu gửi",
    "Phiếu chuyển",
    "Phiếu báo",
    "Biên bản",
    "Hợp đồng",
    "Bản ghi nhớ",
    "Bản thỏa thuận",
    "Thông cáo",
}
_ABBR = dict(ABBREVIATION_BY_TYPE)
_ABBR.update({"Nghị định": "NĐ", "Thông tư": "TT"})
_KIND_BY_LEGAL = {"NĐ": "Nghị định", "TT": "Thông tư", "NQ": "Nghị quyết", "QĐ": "Quyết định"}

# Kind weights by agency class (administrative kinds); legal documents come on top.
_KIND_WEIGHTS = {
    "ubnd": {
        "Công văn": 55,
        "Quyết định": 14,
        "Kế hoạch": 8,
        "Thông báo": 5,
        "Báo cáo": 4,
        "Chỉ thị": 1.2,
        "Tờ trình": 2,
        "Giấy mời": 3,
        "Công điện": 0.5,
        "Quy chế": 0.4,
        "Đề án": 0.4,
        "Chương trình": 0.8,
        "Phương án": 0.5,
        "Thông cáo": 0.1,
        "Hướng dẫn": 0.3,
        "Quy định": 0.2,
        "Dự án": 0.1,
    },
    "so": {
        "Công văn": 64,
        "Kế hoạch": 7,
        "Báo cáo": 6,
        "Thông báo": 5,
        "Tờ trình": 5,
        "Quyết định": 5,
        "Giấy mời": 4,
        "Hướng dẫn": 2,
        "Chương trình": 0.5,
        "Phương án": 0.5,
        "Biên bản": 0.3,
        "Giấy giới thiệu": 0.3,
        "Giấy ủy quyền": 0.2,
        "Giấy nghỉ phép": 0.2,
        "Hợp đồng": 0.3,
        "Phiếu gửi": 0.2,
        "Phiếu chuyển": 0.1,
        "Phiếu báo": 0.1,
        "Bản ghi nhớ": 0.1,
        "Bản thỏa thuận": 0.1,
        "Quy định": 0.2,
        "Quy chế": 0.2,
        "Đề án": 0.2,
        "Dự án": 0.1,
        "Thông cáo": 0.05,
    },
    "bo": {
        "Công văn": 65,
        "Quyết định": 12,
        "Thông báo": 4,
        "Báo cáo": 4,
        "Kế hoạch": 3,
        "Tờ trình": 3,
        "Giấy mời": 3,
        "Hướng dẫn": 2,
        "Công điện": 0.4,
        "Chỉ thị": 0.4,
        "Bản ghi nhớ": 0.2,
        "Thông cáo": 0.1,
    },
    "tong_cuc": {
        "Công văn": 80,
        "Quyết định": 8,
        "Thông báo": 3,
        "Báo cáo": 3,
        "Kế hoạch": 2,
        "Giấy mời": 2,
        "Hướng dẫn": 2,
    },
    "cp": {"Nghị quyết": 100},
    "ttg": {"Quyết định": 60, "Chỉ thị": 10, "Công điện": 15},
    "hdnd": {"Nghị quyết": 70, "Thông báo": 10, "Báo cáo": 10, "Kế hoạch": 5},
    "huyen": {
        "Công văn": 60,
        "Quyết định": 12,
        "Kế hoạch": 8,
        "Thông báo": 6,
        "Báo cáo": 6,
        "Tờ trình": 4,
        "Giấy mời": 4,
        "Chỉ thị": 0.5,
    },
    "phong": {
        "Công văn": 70,
        "Kế hoạch": 8,
        "Báo cáo": 10,
        "Tờ trình": 6,
        "Thông báo": 3,
        "Giấy mời": 3,
    },
}
_LEGAL_SHARE = {"cp": 0.5, "ttg": 0.15, "bo": 0.04, "hdnd": 0.3, "ubnd": 0.015}
_PER_KIND_SERIES = {"ubnd", "bo", "cp", "ttg", "hdnd"}
_KIND_CAP = {
    "Quyết định": 0.4,
    "Kế hoạch": 0.04,
    "Thông báo": 0.06,
    "Báo cáo": 0.06,
    "Tờ trình": 0.03,
    "Giấy mời": 0.04,
    "Chỉ thị": 0.004,
    "Công điện": 0.01,
}
_LEGAL_CAP = {"NĐ": 220, "TT": 90, "NQ": 60, "QĐ": 80}

_SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh "
    "Trịnh Lương Mai Cao Hà Tạ Lâm Chu Lưu Triệu Đoàn Thái La"
).split()
_MALE_MID = "Văn Hữu Đức Minh Quốc Công Đình Quang Thanh Xuân Ngọc Tiến Trọng Bá Hoàng".split()
_MALE_GIVEN = (
    "An Bình Cường Dũng Hải Hiếu Hòa Hùng Khánh Long Minh Nam Phong Phúc Quân Sơn "
    "Tâm Thắng Thành Trung Tuấn Tùng Việt Vinh Lộc Huy Đạt Kiên Toàn Chiến"
).split()
_FEMALE_MID = "Thị Thu Ngọc Thanh Hồng Kim Minh Phương Bích".split()
_FEMALE_GIVEN = (
    "Lan Hương Hạnh Mai Nga Thảo Trang Yến Hà Linh Huyền Phượng Nhung Hoa Vân "
    "Thủy Dung Loan Hằng Oanh"
).split()
_COMPANIES = (
    "Thương mại Dịch vụ Hoàng Phát",
    "Xây dựng Minh An",
    "Vận tải Biển Đông Hải",
    "Thực phẩm Sao Mai",
    "Công nghệ Việt Tiến",
    "Dược phẩm Phúc Khang",
    "Thủy sản Tân Phong",
    "May mặc Thành Công Phát",
)


# ---------------------------------------------------------------------------------------------
# Agencies
# ---------------------------------------------------------------------------------------------


class _Agency:
    __slots__ = (
        "abbr",
        "cap",
        "cite_local",
        "cite_remote",
        "cls",
        "deputy",
        "extras",
        "head",
        "header",
        "hi",
        "idx",
        "kinds",
        "legal",
        "lo",
        "name",
        "parent",
        "place",
        "prov",
        "recips",
        "self_name",
        "short",
        "signers",
        "units",
        "weight",
    )


def _upper(text: str) -> str:
    return text.upper()


def _wrap_name(name: str) -> list[str]:
    """The header lines of an upper-case agency name, broken where printed headers break."""
    for head in ("ỦY BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN "):
        if name.startswith(head) and len(name) > len(head):
            return [head.strip(), name[len(head) :]]
    if len(name) > 28 and " VÀ " in name:
        cut = name.rindex(" VÀ ")
        if cut > 8:
            return [name[:cut], name[cut + 1 :]]
    return [name]


def _prov_code(name: str, taken: set[str]) -> str:
    plain = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = [w for w in plain.replace("-", " ").split() if w]
    code = "".join(w[0] for w in words).upper()
    extra = iter(words[-1][1:].upper())
    while code in taken:
        code += next(extra, "X")
    taken.add(code)
    return code


def _signers(head: str, deputy: str | None, collective: str | None, cls: str):
    """Weighted signing blocks (form, authority, title) for an agency."""
    out: list[tuple[float, tuple[str | None, str | None, str | None]]] = []
    if collective:
        out += [(14, ("TM", collective, head)), (10, ("TM", collective, deputy))]
    if cls == "cp":
        return _cumulative(out)
    if deputy:
        out.append((48, ("KT", head, deputy)))
    out.append((20, (None, None, head)))
    office = "CHÁNH VĂN PHÒNG"
    if cls in ("ubnd", "huyen", "bo", "tong_cuc", "so") and office not in head:
        out += [(4, ("TL", head, office)), (3, ("TL", head, "PHÓ " + office))]
    if cls == "ubnd":
        out.append((1.5, ("TUQ", head, "GIÁM ĐỐC SỞ NỘI VỤ")))
    if cls in ("so", "tong_cuc", "phong"):
        out.append((3, ("Q", head, None)))
    out.append((1.5, (None, None, None)))  # only the name survived the conversion
    return _cumulative(out)


def _cumulative(pairs):
    total = 0.0
    cum, vals = [], []
    for w, v in pairs:
        if w <= 0:
            continue
        total += w
        cum.append(total)
        vals.append(v)
    return (cum, vals, total)


def _pick(table, r: float):
    cum, vals, total = table
    i = bisect.bisect_right(cum, r * total)
    return vals[i] if i < len(vals) else vals[-1]


def _build_agencies() -> list[_Agency]:
    agencies: list[_Agency] = []
    taken: set[str] = set()

    def add(
        name,
        *,
        abbr,
        cls,
        parent,
        head,
        deputy,
        units,
        lo,
        hi,
        place,
        prov,
        weight,
        cap,
        cite_local,
        cite_remote,
        recips,
        extras,
        legal=None,
        collective=None,
        short=None,
    ):
        a = _Agency()
        a.idx = len(agencies)
        a.self_name = _n(name)
        a.short = _n(short or name)
        a.name = _n(_upper(name))
        a.header = _wrap_name(a.name)
        a.abbr, a.cls, a.parent = _n(abbr), cls, _n(parent) if parent else None
        a.head, a.deputy = _n(head), _n(deputy) if deputy else None
        a.units = tuple(_n(u) for u in units) or ("VP",)
        a.lo, a.hi, a.place, a.prov = lo, hi, _n(place), prov
        a.weight, a.cap = weight, cap
        a.cite_local = [_n(c) for c in cite_local]
        a.cite_remote = [_n(c) for c in cite_remote]
        a.recips = [_n(r) for r in recips]
        a.extras = [_n(e) for e in extras]
        a.legal = legal
        kinds = dict(_KIND_WEIGHTS.get(cls, _KIND_WEIGHTS["so"]))
        a.kinds = _cumulative([(w, k) for k, w in kinds.items()])
        a.signers = _signers(a.head, a.deputy, _n(collective) if collective else None, cls)
        agencies.append(a)
        return a

    for c in _CENTRAL:
        name, abbr, cls, parent, head, deputy, units, lo, hi, legal = c
        weight = {"cp": 4, "ttg": 7, "bo": 8, "tong_cuc": 10}[cls]
        cap = {"cp": 260, "ttg": 2500, "bo": 9000, "tong_cuc": 7000}[cls]
        recips = [
            "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
            "Các đơn vị thuộc " + name,
        ]
        if "Thuế" in name:
            recips += [
                "Cục Thuế các tỉnh, thành phố trực thuộc Trung ương",
                "Chi cục Thuế các quận, huyện, thị xã và khu vực",
                "Các Vụ, Cục, đơn vị thuộc " + name,
            ]
            recips += ["Công ty Cổ phần " + x for x in _COMPANIES[:4]]
        elif "Hải quan" in name or name == "Bộ Tài chính":
            recips += ["Cục Hải quan các tỉnh, thành phố", "Cục Thuế các tỉnh, thành phố"]
        else:
            recips += [
                "Sở Nội vụ các tỉnh, thành phố trực thuộc Trung ương",
                "Văn phòng Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
            ]
        extras = [
            "Lãnh đạo " + ("Bộ" if name.startswith("Bộ") else name),
            "Văn phòng Chính phủ",
            "Cổng Thông tin điện tử " + name,
            "Bộ trưởng (để b/c)" if cls == "bo" else "Bộ Tài chính (để b/c)",
        ]
        cites = [name]
        if cls == "bo" and name.startswith("Bộ "):
            cites.append("Bộ trưởng " + name)
        collective = "CHÍNH PHỦ" if cls == "cp" else None
        if cls == "cp":
            recips = [
                "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                "Hội đồng nhân dân, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
            ]
            extras = [
                "Ban Bí thư Trung ương Đảng",
                "Văn phòng Quốc hội",
                "Văn phòng Chủ tịch nước",
                "Các bộ, cơ quan ngang bộ",
                "Công báo",
            ]
        if cls == "ttg":
            extras = [
                "Các Phó Thủ tướng Chính phủ",
                "Văn phòng Trung ương Đảng",
                "VPCP: BTCN, các PCN",
                "Công báo",
            ]
        add(
            name,
            abbr=abbr,
            cls=cls,
            parent=parent,
            head=head,
            deputy=deputy,
            units=units,
            lo=lo,
            hi=hi,
            place="Hà Nội",
            prov=-1,
            weight=weight,
            cap=cap,
            cite_local=cites,
            cite_remote=cites,
            recips=recips,
            extras=extras,
            legal=legal,
            collective=collective,
        )

    for pi, (pname, pkind, survives) in enumerate(_PROVINCES):
        lo, hi = _D_START, _D_END
        if pname == "Thừa Thiên Huế":
            hi = _HUE - 1
        elif pname == "Huế":
            lo = _HUE
        elif not survives:
            hi = _MERGE - 1
        code = _prov_code(pname, taken)
        unit_word = pkind  # "tỉnh" or "thành phố"
        where = f"{unit_word} {pname}"
        place = "Thành phố Hồ Chí Minh" if pname == "Hồ Chí Minh" else pname
        ubnd_upper = f"ỦY BAN NHÂN DÂN {where}".upper()
        short_parent = f"UBND {where}".upper() if _mix(pi, 7) % 3 else ubnd_upper
        districts_word = (
            "các quận, huyện, thị xã" if pkind == "thành phố" else "các huyện, thị xã, thành phố"
        )
        prov_recips = [
            f"Các sở, ban, ngành {unit_word}",
            f"Ủy ban nhân dân {districts_word}",
            f"Báo {pname}",
            f"Đài Phát thanh và Truyền hình {pname}",
            f"Cổng Thông tin điện tử {unit_word}",
            f"Công an {unit_word}",
            f"Bộ Chỉ huy Quân sự {unit_word}",
            f"Ủy ban Mặt trận Tổ quốc Việt Nam {unit_word}",
        ]
        common_extras = [
            f"Thường trực {unit_word.capitalize()} ủy",
            f"Thường trực HĐND {unit_word}",
            f"Chủ tịch, các PCT UBND {unit_word}",
            "Cổng Thông tin điện tử " + unit_word,
        ]
        add(
            f"Ủy ban nhân dân {where}",
            abbr="UBND",
            cls="ubnd",
            parent=None,
            head="CHỦ TỊCH",
            deputy="PHÓ CHỦ TỊCH",
            units=("KGVX", "NC", "KT", "TH", "VX", "KTN", "HCC"),
            lo=lo,
            hi=hi,
            place=place,
            prov=pi,
            weight=7,
            cap=9000,
            cite_local=[
                f"UBND {unit_word}",
                f"Ủy ban nhân dân {unit_word}",
                f"Chủ tịch UBND {unit_word}",
            ],
            cite_remote=[f"UBND {where}", f"Ủy ban nhân dân {where}"],
            recips=prov_recips + ["Sở " + d[0][3:] for d in _DEPARTMENTS[:6]],
            extras=["Bộ Nội vụ (để b/c)", *common_extras, "Chánh, các PCVP UBND " + unit_word],
            legal="QĐ",
            collective="ỦY BAN NHÂN DÂN",
            short=f"Ủy ban nhân dân {unit_word}",
        )
        add(
            f"Hội đồng nhân dân {where}",
            abbr="HĐND",
            cls="hdnd",
            parent=None,
            head="CHỦ TỊCH",
            deputy="PHÓ CHỦ TỊCH",
            units=("VP",),
            lo=lo,
            hi=hi,
            place=place,
            prov=pi,
            weight=0.5,
            cap=400,
            cite_local=[f"HĐND {unit_word}", f"Hội đồng nhân dân {unit_word}"],
            cite_remote=[f"Hội đồng nhân dân {where}"],
            recips=prov_recips[:2],
            extras=["Ủy ban Thường vụ Quốc hội", "Chính phủ", *common_extras],
            legal="NQ",
            short=f"Hội đồng nhân dân {unit_word}",
        )
        add(
            "Văn phòng",
            abbr="VP",
            cls="so",
            parent=short_parent,
            head="CHÁNH VĂN PHÒNG",
            deputy="PHÓ CHÁNH VĂN PHÒNG",
            units=("HCTC", "KGVX", "NC", "KT"),
            lo=lo,
            hi=hi,
            place=place,
            prov=pi,
            weight=1,
            cap=2500,
            cite_local=[f"Văn phòng UBND {unit_word}"],
            cite_remote=[f"Văn phòng UBND {where}"],
            recips=prov_recips[:2],
            extras=["Lãnh đạo Văn phòng", "Các phòng, đơn vị thuộc Văn phòng"],
            short=f"Văn phòng Ủy ban nhân dân {unit_word}",
        )
        for dname, dabbr, units, dlo, dhi in _DEPARTMENTS:
            d_lo, d_hi = max(lo, dlo), min(hi, dhi)
            if d_lo > d_hi:
                continue
            recips = list(prov_recips[:2])
            if dabbr == "STTTT" or dabbr == "SKHCN":
                recips += [
                    f"Báo {pname}",
                    f"Đài Phát thanh và Truyền hình {pname}",
                    f"Cổng Thông tin điện tử {unit_word}",
                    f"Phòng Văn hóa và Thông tin {districts_word}",
                    f"Trung tâm Văn hóa, Thể thao và Truyền thanh {districts_word}",
                    "Đài Truyền thanh các xã, phường, thị trấn",
                    "Doanh nghiệp cung cấp dịch vụ viễn thông và internet trên địa bàn "
                    + unit_word,
                    "Các doanh nghiệp cung ứng dịch vụ bưu chính",
                    f"Bưu điện {where}",
                    f"Viettel {pname}",
                    f"VNPT {pname}",
                ]
            else:
                word = dname[3:]
                recips += [
                    f"Phòng {word} {districts_word}"
                    if len(word) < 22
                    else f"Phòng chuyên môn {districts_word}",
                    "Các đơn vị trực thuộc Sở",
                    f"Công an {unit_word}",
                    f"Ủy ban Mặt trận Tổ quốc Việt Nam {unit_word}",
                    f"Liên đoàn Lao động {unit_word}",
                ]
            add(
                dname,
                abbr=dabbr,
                cls="so",
                parent=short_parent,
                head="GIÁM ĐỐC",
                deputy="PHÓ GIÁM ĐỐC",
                units=units,
                lo=d_lo,
                hi=d_hi,
                place=place,
                prov=pi,
                weight=2.2 if dabbr == "STTTT" else 1.5,
                cap=3000,
                cite_local=[dname],
                cite_remote=[f"{dname} {where}"],
                recips=recips,
                extras=[
                    f"UBND {unit_word} (để b/c)",
                    "Lãnh đạo Sở",
                    "Giám đốc, các PGĐ Sở",
                    "Văn phòng Sở",
                    "Trung tâm CNTT&TT (đăng tải)",
                    "Website Sở",
                ],
            )
        add(
            f"Thanh tra {unit_word}",
            abbr="TTr",
            cls="so",
            parent=short_parent,
            head="CHÁNH THANH TRA",
            deputy="PHÓ CHÁNH THANH TRA",
            units=("NV1", "NV2", "PCTN"),
            lo=lo,
            hi=hi,
            place=place,
            prov=pi,
            weight=0.5,
            cap=900,
            cite_local=[f"Thanh tra {unit_word}"],
            cite_remote=[f"Thanh tra {where}"],
            recips=prov_recips[:2],
            extras=["Thanh tra Chính phủ (để b/c)", "Lãnh đạo Thanh tra"],
        )
        add(
            f"Công an {where}",
            abbr="CAT",
            cls="so",
            parent=None,
            head="GIÁM ĐỐC",
            deputy="PHÓ GIÁM ĐỐC",
            units=("PC04", "PA05", "PC06", "PC08", "PV01"),
            lo=lo,
            hi=hi,
            place=place,
            prov=pi,
            weight=0.7,
            cap=4000,
            cite_local=[f"Công an {unit_word}"],
            cite_remote=[f"Công an {where}"],
            recips=[*prov_recips[:2], f"Công an {districts_word}"],
            extras=["Bộ Công an (để b/c)", "Ban Giám đốc", f"UBND {unit_word} (để b/c)"],
        )
        t_hi = min(hi, _REFORM - 1)
        if lo <= t_hi:
            add(
                f"Cục Thuế {where}",
                abbr=f"CT{code}",
                cls="tong_cuc",
                parent="TỔNG CỤC THUẾ",
                head="CỤC TRƯỞNG",
                deputy="PHÓ CỤC TRƯỞNG",
                units=("TTHT", "KK", "QLN", "TTKT", "NVDTPC"),
                lo=lo,
                hi=t_hi,
                place=place,
                prov=pi,
                weight=1.5,
                cap=9000,
                cite_local=[f"Cục Thuế {unit_word}"],
                cite_remote=[f"Cục Thuế {where}"],
                recips=["Chi cục Thuế các huyện, thị xã, thành phố", "Các phòng thuộc Cục Thuế"]
                + ["Công ty TNHH " + x for x in _COMPANIES],
                extras=[
                    "Tổng cục Thuế (để b/c)",
                    "Lãnh đạo Cục",
                    "Phòng NVDTPC",
                    "Website Cục Thuế",
                ],
            )
            add(
                f"Bảo hiểm xã hội {where}",
                abbr="BHXH",
                cls="so",
                parent="BẢO HIỂM XÃ HỘI VIỆT NAM",
                head="GIÁM ĐỐC",
                deputy="PHÓ GIÁM ĐỐC",
                units=("QLT", "CĐBHXH", "GĐBHYT"),
                lo=lo,
                hi=t_hi,
                place=place,
                prov=pi,
                weight=0.5,
                cap=3000,
                cite_local=[f"Bảo hiểm xã hội {unit_word}"],
                cite_remote=[f"Bảo hiểm xã hội {where}"],
                recips=[*prov_recips[:2], f"Bảo hiểm xã hội {districts_word}"],
                extras=["BHXH Việt Nam (để b/c)", "Ban Giám đốc"],
            )
            if pname in _CUSTOMS_PROVINCES:
                add(
                    f"Cục Hải quan {where}",
                    abbr=f"HQ{code}",
                    cls="tong_cuc",
                    parent="TỔNG CỤC HẢI QUAN",
                    head="CỤC TRƯỞNG",
                    deputy="PHÓ CỤC TRƯỞNG",
                    units=("NV", "GSQL", "KTSTQ"),
                    lo=lo,
                    hi=t_hi,
                    place=place,
                    prov=pi,
                    weight=0.7,
                    cap=5000,
                    cite_local=[f"Cục Hải quan {unit_word}"],
                    cite_remote=[f"Cục Hải quan {where}"],
                    recips=["Các Chi cục Hải quan trực thuộc", "Các phòng thuộc Cục"]
                    + ["Công ty TNHH " + x for x in _COMPANIES[4:]],
                    extras=["Tổng cục Hải quan (để b/c)", "Lãnh đạo Cục"],
                )
        d_hi = min(hi, _MERGE - 1)
        for dkind, dname in _DISTRICTS.get(pname, ()):
            dwhere = f"{dkind} {dname}"
            communes = "các phường, xã" if dkind != "huyện" else "các xã, thị trấn"
            recips = [
                f"Các cơ quan, đơn vị thuộc {dkind}",
                f"Ủy ban nhân dân {communes}",
                f"Trung tâm Văn hóa, Thể thao và Truyền thanh {dkind}",
                f"Đài Truyền thanh {communes}",
                f"Công an {dkind}",
                f"Ban Chỉ huy Quân sự {dkind}",
            ]
            add(
                f"Ủy ban nhân dân {dwhere}",
                abbr="UBND",
                cls="huyen",
                parent=None,
                head="CHỦ TỊCH",
                deputy="PHÓ CHỦ TỊCH",
                units=("VP", "NV", "TCKH"),
                lo=lo,
                hi=d_hi,
                place=dname,
                prov=pi,
                weight=1.5,
                cap=5000,
                cite_local=[f"UBND {dwhere}", f"Ủy ban nhân dân {dwhere}"],
                cite_remote=[f"UBND {dwhere}, {where}"],
                recips=recips,
                extras=[
                    f"UBND {unit_word} (để b/c)",
                    f"Thường trực {dkind.capitalize()} ủy",
                    "Chủ tịch, các PCT UBND " + dkind,
                ],
                collective="ỦY BAN NHÂN DÂN",
                short=f"Ủy ban nhân dân {dkind}",
            )
            dparent = f"UBND {dwhere}".upper()
            for oname, oabbr in (
                ("Phòng Văn hóa và Thông tin", "VHTT"),
                ("Phòng Nội vụ", "NV"),
                ("Phòng Tài chính - Kế hoạch", "TCKH"),
            ):
                add(
                    oname,
                    abbr=oabbr,
                    cls="phong",
                    parent=dparent,
                    head="TRƯỞNG PHÒNG",
                    deputy="PHÓ TRƯỞNG PHÒNG",
                    units=("VP",),
                    lo=lo,
                    hi=d_hi,
                    place=dname,
                    prov=pi,
                    weight=0.5,
                    cap=700,
                    cite_local=[f"{oname} {dkind}"],
                    cite_remote=[f"{oname} {dwhere}"],
                    recips=recips[1:4],
                    extras=[f"UBND {dkind} (để b/c)", "Lãnh đạo phòng"],
                )
    for pname, ckind, cname in _COMMUNES:
        pi = next(i for i, p in enumerate(_PROVINCES) if p[0] == pname)
        where = f"{ckind} {cname}"
        add(
            f"Ủy ban nhân dân {where}",
            abbr="UBND",
            cls="huyen",
            parent=None,
            head="CHỦ TỊCH",
            deputy="PHÓ CHỦ TỊCH",
            units=("VP", "VHXH", "KT"),
            lo=_MERGE,
            hi=_D_END,
            place=cname,
            prov=pi,
            weight=1.2,
            cap=3000,
            cite_local=[f"UBND {where}", f"Ủy ban nhân dân {where}"],
            cite_remote=[f"Ủy ban nhân dân {where}"],
            recips=[
                "Các cơ quan, đơn vị thuộc " + ckind,
                "Các thôn, tổ dân phố",
                f"Trạm Y tế {ckind}",
                f"Đài Truyền thanh {ckind}",
                f"Công an {ckind}",
            ],
            extras=[
                "Đảng ủy " + ckind,
                "Thường trực HĐND " + ckind,
                "Chủ tịch, các PCT UBND " + ckind,
            ],
            collective="ỦY BAN NHÂN DÂN",
            short=f"Ủy ban nhân dân {ckind}",
        )
    return agencies


_AGENCIES = _build_agencies()
_ROLE_INDEX: dict[str | None, int] = {}
for _a in _AGENCIES:
    for _form, _auth, _title in _a.signers[1]:
        _ROLE_INDEX.setdefault(_title, 10 * len(_ROLE_INDEX))
_SELF_BY_NAME: dict[str, str] = {}
for _a in _AGENCIES:
    _SELF_BY_NAME.setdefault(_a.name, _a.short)


def _year_tables():
    """Per year: cumulative agency weights, scaled by the share of the year each one exists."""
    tables = {}
    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        y_lo, y_hi = _ord(y, 1, 1), _ord(y, 12, 31)
        pairs = []
        for a in _AGENCIES:
            lo, hi = max(a.lo, y_lo), min(a.hi, y_hi)
            if lo <= hi:
                pairs.append((a.weight * (hi - lo + 1) / (y_hi - y_lo + 1), a))
        tables[y] = _cumulative(pairs)
    return tables


_BY_YEAR = _year_tables()
_YEAR_LO = {y: _ord(y, 1, 1) for y in range(FIRST_YEAR, LAST_YEAR + 1)}
_YEAR_HI = {y: _ord(y, 12, 31) for y in range(FIRST_YEAR, LAST_YEAR + 1)}


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------


def _name(h: int) -> str:
    if h & 1:
        mid, given = _FEMALE_MID, _FEMALE_GIVEN
    else:
        mid, given = _MALE_MID, _MALE_GIVEN
    parts = [_SURNAMES[(h >> 8) % len(_SURNAMES)], mid[(h >> 16) % len(mid)]]
    if (h >> 24) % 7 == 0:
        parts.append(_MALE_MID[(h >> 28) % len(_MALE_MID)] if not h & 1 else "Ngọc")
    parts.append(given[(h >> 32) % len(given)])
    return " ".join(parts)


def _dmy(o: int, zero: bool = False) -> tuple[int, int, int, str]:
    d = date.fromordinal(o)
    if zero:
        return d.year, d.month, d.day, f"{d.day:02d}/{d.month}/{d.year}"
    return d.year, d.month, d.day, f"{d.day}/{d.month}/{d.year}"


class _Generator:
    """The state of one stream: numbering series and recent documents that can be cited."""

    CENTRAL_POOL = 512
    PROVINCE_POOL = 48

    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(seed)
        self.series: dict[int, list[int]] = {}
        self.central: list[tuple] = []
        self.central_at = 0
        self.provincial: dict[int, list[tuple]] = {}
        self.provincial_at: dict[int, int] = {}
        self.names: dict[tuple[int, int, int], str] = {}

    def _person(self, agency_idx: int, term: int, role: int) -> str:
        """The same person holds a post of an agency through a five-year term."""
        key = (agency_idx, term, role)
        name = self.names.get(key)
        if name is None:
            name = self.names[key] = _name(_mix(self.seed, agency_idx, term, role))
        return name

    # -- numbering ---------------------------------------------------------------------------

    def _slot(self, agency: _Agency, year: int, series: int, cap: int) -> int | None:
        key = (agency.idx * 16 + (year - FIRST_YEAR)) * 64 + series
        state = self.series.get(key)
        if state is None:
            h = _mix(self.seed, key)
            a = h % (cap - 1) + 1 if cap > 1 else 1
            while _gcd(a, cap) != 1:
                a += 1
            state = self.series[key] = [0, a, (h >> 32) % cap, cap]
        k, a, b, cap = state
        if k >= cap:
            return None
        state[0] = k + 1
        return (a * k + b) % cap

    # -- citations ---------------------------------------------------------------------------

    def _remember(self, entry: tuple, agency: _Agency) -> None:
        if agency.prov < 0:
            pool, size = self.central, self.CENTRAL_POOL
            if len(pool) < size:
                pool.append(entry)
            else:
                pool[self.central_at] = entry
                self.central_at = (self.central_at + 1) % size
            return
        pool = self.provincial.setdefault(agency.prov, [])
        if len(pool) < self.PROVINCE_POOL:
            pool.append(entry)
        else:
            at = self.provincial_at.get(agency.prov, 0)
            pool[at] = entry
            self.provincial_at[agency.prov] = (at + 1) % self.PROVINCE_POOL

    def _references(
        self, agency: _Agency, day: int, topic: int, wanted: int, own: tuple[str, str]
    ) -> list[tuple]:
        rand = self.rng.random
        local = self.provincial.get(agency.prov) if agency.prov >= 0 else None
        chosen: list[tuple] = []
        codes = {own}
        central = self.central
        for _ in range(wanted * 5):
            pool = local if local and rand() < 0.65 else central
            if not pool:
                continue
            e = pool[int(rand() * len(pool))]
            if e[3] >= day or (e[6] != topic and rand() < 0.6):
                continue
            code = (e[1], e[2])
            if code in codes:
                continue
            codes.add(code)
            chosen.append(e)
            if len(chosen) >= wanted:
                break
        chosen.sort(key=lambda e: e[3])
        return chosen

    def _cite(self, e: tuple, agency: _Agency) -> Reference:
        """A Reference to pool entry ``e`` as ``agency`` would write it."""
        kind, number, notation, _day, iso, cited_idx, _topic = e
        rand = self.rng.random
        cited = _AGENCIES[cited_idx]
        if kind == "Công văn" and rand() < 0.3:
            kind = "Văn bản"
        if cited_idx == agency.idx and rand() < 0.5:
            issuer = None
        else:
            same = cited.prov == agency.prov or cited.prov < 0
            names = cited.cite_local if same else cited.cite_remote
            issuer = names[int(rand() * len(names))]
            if kind not in _ROLE_CITED and issuer.startswith(("Bộ trưởng ", "Chủ tịch ")):
                issuer = names[0]
        return Reference(
            kind=kind,
            number=number,
            notation=notation,
            date=iso if rand() > 0.04 else None,
            issuer=issuer,
        )

    # -- one document ------------------------------------------------------------------------

    def next(self) -> Document:
        rng = self.rng
        rand = rng.random
        for _attempt in range(50):
            year = FIRST_YEAR + int(rand() * (LAST_YEAR - FIRST_YEAR + 1))
            agency = _pick(_BY_YEAR[year], rand())
            legal = None
            if agency.legal and rand() < _LEGAL_SHARE.get(agency.cls, 0):
                legal = agency.legal
                kind = _KIND_BY_LEGAL[legal]
                cap = _LEGAL_CAP[legal]
                series = 63
            else:
                kind = _pick(agency.kinds, rand())
                if agency.cls in _PER_KIND_SERIES:
                    share = _KIND_CAP.get(kind, 0.01 if kind != "Công văn" else 1.0)
                    cap = max(40, int(agency.cap * share))
                    series = _KIND_INDEX[kind]
                else:
                    cap, series = agency.cap, 0
            slot = self._slot(agency, year, series, cap)
            if slot is not None:
                break
        else:  # pragma: no cover - capacities are far above what a stream can use
            raise RuntimeError("synthetic numbering exhausted")
        lo = max(agency.lo, _YEAR_LO[year])
        hi = min(agency.hi, _YEAR_HI[year])
        day = lo + slot * (hi - lo + 1) // cap
        d = date.fromordinal(day)
        iso = d.isoformat()
        number = f"{slot + 1:02d}"
        draft = legal is None and rand() < 0.03
        topic = self._topic(agency, year)
        tphrase = _TOPICS[topic][0]
        prov_word = "tỉnh" if agency.prov < 0 else _PROVINCES[agency.prov][1]

        # notation
        abbr = _ABBR.get(kind)
        if legal:
            notation = f"{year}/{legal}-{agency.abbr}"
        elif abbr is None:  # công văn: <AGENCY>-<UNIT>
            unit = agency.units[int(rand() * len(agency.units))]
            notation = f"{agency.abbr}-{unit}"
        else:
            notation = f"{abbr}-{agency.abbr}"
        units = agency.units
        archive_unit = (
            notation.split("-", 1)[1]
            if abbr is None and not legal
            else units[int(rand() * len(units))]
        )

        # urgency
        u = rand()
        if kind == "Công văn":
            urgency = (
                "Khẩn"
                if u < 0.06
                else "Hỏa tốc"
                if u < 0.085
                else "Thượng khẩn"
                if u < 0.1
                else None
            )
        elif kind == "Công điện":
            urgency = "Hỏa tốc" if u < 0.5 else "Khẩn" if u < 0.8 else None
        else:
            urgency = "Khẩn" if u < 0.015 else None

        # references: earlier documents, dated earlier
        wanted = 0
        r = rand()
        if kind in _ARTICLE_KINDS:
            wanted = 1 + int(r * 4)
        elif r > 0.3:
            wanted = 1 if r < 0.65 else 2 if r < 0.9 else 3
        own = (number, notation)
        pool_refs = self._references(agency, day, topic, wanted, own) if wanted else []
        refs = [self._cite(e, agency) for e in pool_refs]

        # subject
        period = self._period(year)
        subject, subject_ref = self._subject(
            kind, legal, agency, tphrase, year, period, prov_word, refs
        )
        if subject_ref is not None:
            refs.remove(subject_ref)
            refs.insert(0, subject_ref)

        # recipients
        recipients: list[str] = []
        pool = agency.recips
        if kind == "Công văn" or (kind in ("Báo cáo", "Công điện") and rand() < 0.5):
            k = 1 if rand() < 0.35 else 2 + int(rand() * 5)
            recipients = self._sample(pool, k)
        elif kind == "Tờ trình":
            recipients = [self._superior(agency, prov_word)]

        # tasks
        tasks = self._tasks(kind, agency, recipients, tphrase, day)

        # distribution
        distribution: list[str] = []
        if kind in _ARTICLE_KINDS:
            distribution.append("Như Điều 3" if rand() < 0.8 else "Như Điều 4")
        elif recipients:
            distribution.append("Như trên")
        distribution += self._sample(agency.extras, int(rand() * 4))
        lưu = f"Lưu: VT, {archive_unit}"
        r = rand()
        if r < 0.3:
            clerk = self._person(agency.idx, year - FIRST_YEAR, 7 + int(rand() * 3))
            lưu += f" ({clerk.rsplit(' ', 1)[1]})"
        elif r < 0.4:
            lưu = f"Lưu: VT, P. {archive_unit}"
        elif r < 0.5:
            lưu += f" ({2 + int(rand() * 8)}b)"
        distribution.append(lưu)

        # signer
        form, authority, title = _pick(agency.signers, rand())
        role = _ROLE_INDEX.get(title, 0)
        if title and title.startswith(("PHÓ", "THỨ")):
            role += 1 + int(rand() * 3)
        name = self._person(agency.idx, (year - FIRST_YEAR) // 5, role)
        signer = Signer(form=form, authority=authority, title=title, name=name)

        doc = Document(
            kind=kind,
            urgency=urgency,
            issuer=Issuer(name=agency.name, parent=agency.parent),
            number=None if draft else number,
            notation=notation,
            place=agency.place,
            date=iso[:7] if draft else iso,
            subject=subject,
            recipients=recipients,
            references=refs,
            tasks=tasks,
            distribution=distribution,
            signer=signer,
        )
        if not draft and kind not in _NOT_CITED:
            self._remember((kind, number, notation, day, iso, agency.idx, topic), agency)
        return doc

    def _topic(self, agency: _Agency, year: int) -> int:
        rand = self.rng.random
        domain = "g"
        if (agency.abbr.startswith("CT") and agency.cls == "tong_cuc") or agency.abbr == "TCT":
            domain = "t" if rand() < 0.85 else "g"
        elif agency.abbr.startswith("HQ") or agency.abbr in ("TCHQ", "CHQ"):
            domain = "h" if rand() < 0.85 else "g"
        elif agency.abbr in ("STTTT", "BTTTT", "VHTT") and rand() < 0.3:
            domain = "m"
        options = _TOPICS_BY[domain, year]
        return options[int(rand() * len(options))]

    def _period(self, year: int) -> str:
        r = self.rng.random()
        if r < 0.3:
            return f"6 tháng đầu năm {year}"
        if r < 0.55:
            return f"quý {1 + int(r * 13) % 4} năm {year}"
        return f"năm {year}"

    def _sample(self, pool: Sequence[str], k: int) -> list[str]:
        if k <= 0 or not pool:
            return []
        if k >= len(pool):
            return list(pool)
        rand = self.rng.random
        out: list[str] = []
        seen = set()
        while len(out) < k:
            i = int(rand() * len(pool))
            if i not in seen:
                seen.add(i)
                out.append(pool[i])
        return out

    def _superior(self, agency: _Agency, prov_word: str) -> str:
        if agency.cls in ("ubnd",):
            return f"Hội đồng nhân dân {prov_word}"
        if agency.cls in ("so", "hdnd"):
            return f"Ủy ban nhân dân {prov_word}" if agency.prov >= 0 else "Thủ tướng Chính phủ"
        if agency.cls == "phong":
            return "Ủy ban nhân dân huyện"
        if agency.cls == "huyen":
            return f"Ủy ban nhân dân {prov_word}"
        return "Thủ tướng Chính phủ" if agency.cls == "bo" else "Bộ Tài chính"

    def _subject(self, kind, legal, agency, tphrase, year, period, prov_word, refs):
        rand = self.rng.random
        fill = {
            "t": tphrase,
            "y": year,
            "y5": year + 4,
            "period": period,
            "s": agency.short,
            "tinh": f"{prov_word} {agency.place}" if agency.prov >= 0 else "cả nước",
        }
        if legal in ("NQ", "QĐ"):
            options = _LEGAL_SUBJECTS[legal]
        elif kind == "Công văn":
            if refs and rand() < 0.25:
                ref = refs[0]
                if ref.number and ref.date and ref.kind != "Văn bản":
                    d = _short_date(ref.date)
                    by = f" của {ref.issuer}" if ref.issuer else ""
                    return (
                        f"triển khai thực hiện {ref.kind} số {ref.number}/{ref.notation} "
                        f"ngày {d}{by} về {tphrase}",
                        ref,
                    )
            options = _CV_SUBJECTS
        else:
            options = _TYPED_SUBJECTS.get(kind) or ["Về việc triển khai công tác {t}"]
        return options[int(rand() * len(options))].format(**fill), None

    def _tasks(self, kind, agency, recipients, tphrase, day) -> list[Task]:
        rand = self.rng.random
        if kind in _ARTICLE_KINDS or kind in _PROSE_KINDS:
            return []
        r = rand()
        if kind == "Công văn":
            shape = "prose" if r < 0.2 else "sections" if r < 0.26 else "flat"
        elif kind == "Kế hoạch":
            shape = "sections" if r < 0.55 else "roman" if r < 0.8 else "flat"
        elif kind == "Báo cáo":
            shape = "roman" if r < 0.6 else "flat"
        elif kind in ("Thông báo", "Tờ trình"):
            shape = "prose" if r < 0.4 else "flat"
        else:
            shape = "sections" if r < 0.3 else "flat"
        if shape == "prose":
            return []
        actors = recipients if len(recipients) > 1 and rand() < 0.7 else agency.recips
        selfn = agency.short
        tasks: list[Task] = []
        if shape == "roman":
            for i in range(2 + int(rand() * 3)):
                tasks.append(Task(label=_ROMAN[i], text=self._text(tphrase, selfn, day, 2, 4)))
        elif shape == "sections":
            for s in range(2 + int(rand() * 2)):
                for i in range(1 + int(rand() * 3)):
                    tasks.append(
                        self._item(f"{_ROMAN[s]}.{i + 1}", actors, tphrase, selfn, day, s > 0)
                    )
        else:
            for i in range(1 + int(rand() * 5)):
                tasks.append(self._item(str(i + 1), actors, tphrase, selfn, day, True))
        if rand() < 0.3:  # no closing paragraph: the last item carries the end mark
            last = tasks[-1]
            if last.text.endswith("."):
                last.text += "/."
        return tasks

    def _item(self, label, actors, tphrase, selfn, day, may_address) -> Task:
        rand = self.rng.random
        addressee = None
        if may_address and actors and rand() < 0.55:
            addressee = actors[int(rand() * len(actors))]
        text = self._text(tphrase, selfn, day, 1, 3, bullets=rand() < 0.15)
        deadline = None
        if rand() < 0.22:
            r = rand()
            due = day + 7 + int(rand() * 50)
            y, m, d, short = _dmy(due, zero=rand() < 0.3)
            template = _DEADLINES[int(r * len(_DEADLINES))]
            if "{mm}" in template:
                deadline = f"{y:04d}-{m:02d}"
                text += " " + template.format(mm=f"{m}/{y}")
            else:
                deadline = f"{y:04d}-{m:02d}-{d:02d}"
                text += " " + template.format(s=selfn, d=short)
        return Task(label=label, text=text, addressee=addressee, deadline=deadline)

    def _text(self, tphrase, selfn, day, lo, hi, bullets=False) -> str:
        rand = self.rng.random
        n = lo + int(rand() * (hi - lo + 1))
        picks = []
        for _ in range(n):
            s = _ACTIONS[int(rand() * len(_ACTIONS))]
            if s not in picks:
                picks.append(s)
        sentences = [s.replace("{t}", tphrase) for s in picks]
        if bullets and len(sentences) > 1:
            return _LEADS[int(rand() * len(_LEADS))] + " - " + " - ".join(sentences)
        return " ".join(sentences)


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


_ALL_KINDS = sorted({k for w in _KIND_WEIGHTS.values() for k in w} | set(_TYPED_SUBJECTS))
_KIND_INDEX = {k: i + 1 for i, k in enumerate(_ALL_KINDS)}


def generate(count: int, *, seed: int = 0) -> Iterator[Document]:
    """Yield ``count`` synthetic records, lazily; the same seed gives the same stream.

    Record ``i`` depends only on ``seed`` and the records before it, never on ``count``.
    """
    if count < 0:
        raise ValueError("count must be >= 0")
    gen = _Generator(seed)
    for _ in range(count):
        yield gen.next()


def iter_pairs(
    count: int, *, seed: int = 0, styles: Sequence[str] = STYLES
) -> Iterator[tuple[Document, str]]:
    """Yield ``(doc, text)``: each record with its text in the styles taken in turn."""
    styles = tuple(styles)
    for style in styles:
        _check_style(style)
    rng = random.Random(_mix(seed, 0x7E47))
    for i, doc in enumerate(generate(count, seed=seed)):
        yield doc, to_text(doc, style=styles[i % len(styles)], rng=rng)


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------


def _check_style(style: str) -> None:
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")


def _short_date(iso: str, zero: bool = False) -> str:
    y, m, d = iso.split("-")
    day = d if zero else str(int(d))
    return f"{day}/{int(m)}/{y}"


def _long_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"ngày {d} tháng {m} năm {y}"


def _header_date(doc: Document, rng: random.Random) -> str:
    place = doc.place or ""
    iso = doc.date or ""
    parts = iso.split("-")
    prefix = f"{place}, " if place else ""
    if len(parts) == 3:
        y, m, d = int(parts[0]), int(parts[1]), int(parts[2])
        dd = f"{d:02d}" if d < 10 else str(d)
        mm = f"{m:02d}" if m < 3 else str(m)
        return f"{prefix}ngày {dd} tháng {mm} năm {y}"
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        mm = f"{m:02d}" if m < 3 else str(m)
        gap = " " * (1 + int(rng.random() * 6))
        return f"{prefix}ngày{gap}tháng {mm} năm {y}"
    if len(parts) == 1 and parts[0]:
        return f"{prefix}ngày   tháng   năm {parts[0]}"
    return ""


def _number_line(doc: Document, rng: random.Random, loose: bool = False) -> str:
    number = doc.number or ""
    notation = doc.notation or ""
    if not number:
        gap = " " * int(rng.random() * 7) if loose else ""
        return f"Số: {gap}/{notation}" if notation else "Số:"
    sep = " /" if loose and rng.random() < 0.4 else "/"
    return f"Số: {number}{sep}{notation}" if notation else f"Số: {number}"


def _self_name(doc: Document) -> str:
    name = doc.issuer.name or ""
    short = _SELF_BY_NAME.get(name)
    if short:
        return short
    return name[:1] + name[1:].lower() if name else "Cơ quan"


def _topic_of(subject: str | None) -> str:
    if subject:
        for p in _TOPIC_PHRASES:
            if p in subject:
                return p
    return "triển khai nhiệm vụ được giao"


def _cite_text(ref: Reference, about: str | None, long_date: bool = False) -> str:
    text = f"{ref.kind or 'Công văn'} số {ref.code}"
    if ref.date:
        text += " " + (_long_date(ref.date) if long_date else "ngày " + _short_date(ref.date))
    if ref.issuer:
        text += f" của {ref.issuer}"
    if about:
        text += f" về {about}"
    return text


def _join_cites(cites: list[str], rng: random.Random) -> str:
    if len(cites) == 1:
        return cites[0]
    sep = "; " if rng.random() < 0.5 else ", "
    return sep.join(cites[:-1]) + (" và " if rng.random() < 0.6 else sep) + cites[-1]


def _sentences(text: str) -> list[str]:
    """Split at ". " before an upper-case letter (keeps sub-bullets with their sentence)."""
    out = []
    start = 0
    i = text.find(". ", 0)
    while i >= 0:
        nxt = text[i + 2 : i + 3]
        if nxt and nxt.isupper():
            out.append(text[start : i + 1])
            start = i + 2
        i = text.find(". ", i + 2)
    out.append(text[start:])
    return out


def _bullets(text: str) -> list[str]:
    """Split a task text at its sub-bullets (`` - `` after ``:`` or ``.`` before a capital)."""
    parts = []
    start = 0
    i = text.find(" - ")
    while i >= 0:
        if i > 0 and text[i - 1] in ":." and text[i + 3 : i + 4].isupper():
            parts.append(text[start:i])
            start = i + 1
        i = text.find(" - ", i + 3)
    parts.append(text[start:])
    return parts


def _paragraphs(text: str, rng: random.Random, may_split: bool) -> list[str]:
    """Lay a task text out as paragraphs whose single-space join is the text again."""
    bullets = _bullets(text)
    if len(bullets) > 1:
        return bullets
    if may_split and rng.random() < 0.4:
        sents = _sentences(text)
        if len(sents) > 1:
            cut = 1 + int(rng.random() * (len(sents) - 1))
            return [" ".join(sents[:cut]), " ".join(sents[cut:])]
    return [text]


# Body elements: (tag, label, text). Tags: "p" paragraph, "item" numbered paragraph,
# "head" numbered heading line, "sub" "- " line, "center" centred line, "article" Điều line.


def _body(doc: Document, rng: random.Random) -> list[tuple[str, str, str]]:
    rand = rng.random
    kind = doc.kind or "Công văn"
    selfn = _self_name(doc)
    about = _topic_of(doc.subject)
    out: list[tuple[str, str, str]] = []
    refs = list(doc.references)
    code_in_subject = {r.code for r in refs if doc.subject and f"số {r.code}" in doc.subject}
    body_refs = [r for r in refs if r.code not in code_in_subject or rand() < 0.3]

    if kind in _ARTICLE_KINDS:
        head = (doc.signer.authority or doc.signer.title or "").upper()
        if head in ("ỦY BAN NHÂN DÂN", "CHÍNH PHỦ", "HỘI ĐỒNG NHÂN DÂN"):
            head = ""
        who = (doc.issuer.name or "").upper()
        out.append(("center", "", f"{head} {who}".strip() if head and head not in who else who))
        law = (
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
            if (doc.issuer.name or "").find("TỈNH") >= 0 or "HUYỆN" in (doc.issuer.name or "")
            else "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;"
        )
        out.append(("p", "", law))
        proposal = None
        if body_refs and body_refs[-1].kind == "Tờ trình" and body_refs[-1].issuer:
            proposal = body_refs.pop()
        for r in body_refs:
            out.append(("p", "", f"Căn cứ {_cite_text(r, None, long_date=True)};"))
        if proposal is not None:
            d = f" ngày {_short_date(proposal.date)}" if proposal.date else ""
            out.append(
                ("p", "", f"Theo đề nghị của {proposal.issuer} tại Tờ trình số {proposal.code}{d}.")
            )
        else:
            out.append(("p", "", "Theo đề nghị của Chánh Văn phòng."))
        verb = {"Nghị quyết": "QUYẾT NGHỊ:", "Nghị định": "", "Thông tư": ""}.get(
            kind, "QUYẾT ĐỊNH:"
        )
        if verb:
            out.append(("center", "", verb))
        subj = (doc.subject or "").removeprefix("Về việc ")
        title = kind.lower()
        out.append(
            ("article", "Điều 1.", f"{subj[:1].upper()}{subj[1:]} (chi tiết tại văn bản kèm theo).")
        )
        out.append(("article", "Điều 2.", f"{kind} này có hiệu lực kể từ ngày ký."))
        out.append(
            (
                "article",
                "Điều 3.",
                "Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị và "
                f"cá nhân có liên quan chịu trách nhiệm thi hành "
                f"{title} này./.",
            )
        )
        return out

    if kind in _PROSE_KINDS:
        if body_refs:
            cites = [_cite_text(r, about) for r in body_refs]
            out.append(("p", "", f"Căn cứ {_join_cites(cites, rng)};"))
        first = {
            "Giấy mời": f"{selfn} trân trọng kính mời đại diện lãnh đạo các cơ quan, đơn vị dự "
            f"hội nghị về {about}.",
            "Giấy giới thiệu": f"{selfn} trân trọng giới thiệu đồng chí chuyên viên đến liên hệ "
            f"công tác về {about}.",
            "Giấy ủy quyền": f"Người đứng đầu {selfn} ủy quyền cho cấp phó ký các văn bản về "
            f"{about} trong thời gian đi công tác.",
            "Giấy nghỉ phép": "Cấp cho công chức có tên dưới đây được nghỉ phép theo quy định.",
            "Biên bản": f"Hôm nay, tại trụ sở {selfn}, các thành viên tiến hành họp bàn về "
            f"{about}.",
        }.get(
            kind,
            f"{selfn} gửi kèm theo đây tài liệu liên quan đến {about} để các cơ quan, "
            "đơn vị nghiên cứu, thực hiện theo thẩm quyền.",
        )
        out.append(("p", "", first))
        if kind == "Giấy mời":
            out.append(("p", "", "Thời gian: 08 giờ 00 phút, sáng thứ Năm."))
            out.append(("p", "", f"Địa điểm: Hội trường {selfn}."))
        out.append(
            (
                "p",
                "",
                "Rất mong các cơ quan, đơn vị quan tâm, bố trí tham dự đúng thành phần./."
                if kind == "Giấy mời"
                else "Các bên thống nhất thực hiện đúng nội dung nêu trên./.",
            )
        )
        return out

    # opening paragraph
    tasks = doc.tasks
    audience = "các cơ quan, đơn vị"
    ask = (
        "đề nghị"
        if rand() < 0.6
        else "hướng dẫn"
        if kind == "Hướng dẫn"
        else "yêu cầu"
        if rand() < 0.5
        else "đề nghị"
    )
    if kind == "Tờ trình":
        whom = doc.recipients[0] if doc.recipients else "cấp có thẩm quyền"
        tail = f"{selfn} kính trình {whom} xem xét, quyết định" + (
            " một số nội dung sau:" if tasks else f" các nội dung liên quan đến {about}."
        )
    elif kind in ("Báo cáo", "Thông báo"):
        verb = "báo cáo" if kind == "Báo cáo" else "thông báo"
        tail = f"{selfn} {verb} kết quả công tác {about}" + (" như sau:" if tasks else ".")
    else:
        tail = f"{selfn} {ask} {audience}" + (
            ":"
            if tasks and rand() < 0.6
            else " thực hiện một số nội dung sau:"
            if tasks
            else f" quan tâm, phối hợp triển khai công tác {about}."
        )
    if body_refs:
        lead = ("Thực hiện", "Căn cứ", "Triển khai", "Thực hiện")[int(rand() * 4)]
        cites = [_cite_text(r, about if rand() < 0.8 else None) for r in body_refs]
        if rand() < 0.5:
            out.append(("p", "", f"{lead} {_join_cites(cites, rng)}, {tail}"))
        else:
            out.append(("p", "", f"{lead} {_join_cites(cites, rng)}."))
            out.append(("p", "", tail[:1].upper() + tail[1:]))
    else:
        goal = ("Nhằm nâng cao hiệu quả", "Để tiếp tục đẩy mạnh", "Nhằm tăng cường")[
            int(rand() * 3)
        ]
        out.append(("p", "", f"{goal} công tác {about}, {tail}"))
    if not tasks:
        out.append(
            (
                "p",
                "",
                f"Đề nghị các cơ quan, đơn vị chủ động rà soát, triển khai các nội "
                f"dung liên quan đến {about} theo chức năng, nhiệm vụ được giao.",
            )
        )
        out.append(("p", "", _CLOSINGS[int(rand() * len(_CLOSINGS))].replace("{s}", selfn)))
        return out

    titles = _SECTION_TITLES[int(rand() * len(_SECTION_TITLES))]
    section = None
    for t in tasks:
        label = t.label
        if "." in label:
            roman, num = label.split(".", 1)
            if roman != section:
                section = roman
                idx = _roman_index(roman)
                out.append(("head", f"{roman}.", titles[idx % len(titles)]))
            label = num
        elif label in _ROMAN:
            idx = _roman_index(label)
            out.append(("head", f"{label}.", titles[idx % len(titles)]))
            for para in _paragraphs(t.text, rng, True):
                out.append(("sub" if para.startswith("- ") else "p", "", para))
            continue
        paras = _paragraphs(t.text, rng, True)
        if t.addressee:
            if rand() < 0.5 and len(paras) == 1 and not _bullets(t.text)[1:]:
                out.append(("item", f"{label}.", f"Đề nghị {t.addressee}: {t.text}"))
                continue
            colon = ":" if rand() < 0.35 else ""
            out.append(("head", f"{label}.", t.addressee + colon))
            for para in paras:
                out.append(("sub" if para.startswith("- ") else "p", "", para))
        else:
            out.append(("item", f"{label}.", paras[0]))
            for para in paras[1:]:
                out.append(("sub" if para.startswith("- ") else "p", "", para))
    if not tasks[-1].text.endswith("./."):
        out.append(("p", "", _CLOSINGS[int(rand() * len(_CLOSINGS))].replace("{s}", selfn)))
    return out


def _roman_index(roman: str) -> int:
    try:
        return _ROMAN.index(roman)
    except ValueError:
        return 0


def _signature(doc: Document) -> list[str]:
    s = doc.signer
    lines = []
    if s.form:
        lines.append(f"{s.form}. {s.authority or ''}".rstrip())
        if s.form in ("TM", "TL", "TUQ") and s.title and s.title.startswith("PHÓ "):
            lines.append("KT. " + s.title[4:])
        if s.title:
            lines.append(s.title)
    elif s.title:
        lines.append(s.title)
    return lines


def _recipient_lines(recipients: list[str]) -> list[str]:
    if not recipients:
        return []
    return [f"- {r};" for r in recipients[:-1]] + [f"- {recipients[-1]}."]


def _distribution_lines(distribution: list[str]) -> list[str]:
    if not distribution:
        return []
    return [f"- {d};" for d in distribution[:-1]] + [f"- {distribution[-1]}."]


def _is_label_token(tok: str) -> bool:
    if tok in ("-", "+", "*", "•", "–"):
        return True
    if tok.endswith((".", ")")) and (
        tok[:-1].isdigit() or tok[:-1] in _ROMAN or (len(tok) == 2 and tok[0].isalpha())
    ):
        return True
    return tok.startswith(("Điều", "Nơi", "Kính", "Số:", "V/v"))


def _wrap(text: str, width: int) -> list[str]:
    """Greedy wrap at spaces; no line may start with something that reads as a label or mark."""
    words = text.split(" ")
    lines: list[str] = []
    cur = ""
    for w in words:
        if not cur:
            cur = w
        elif len(cur) + 1 + len(w) <= width or _is_label_token(w):
            cur += " " + w
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def _title_block(doc: Document) -> tuple[str | None, str]:
    """(type title in capitals or None, subject line text)."""
    kind = doc.kind or "Công văn"
    subject = doc.subject or ""
    if kind == "Công văn":
        return None, subject
    return kind.upper(), subject


_URGENCY_MARK = {"Khẩn": "KHẨN", "Thượng khẩn": "THƯỢNG KHẨN", "Hỏa tốc": "HỎA TỐC"}


def _motto(rng: random.Random) -> tuple[str, str]:
    r = rng.random()
    nation = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" if r < 0.8 else "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    dash = "–" if rng.random() < 0.25 else "-"
    return nation, f"Độc lập {dash} Tự do {dash} Hạnh phúc"


def _issuer_lines(doc: Document) -> tuple[list[str], list[str]]:
    parent = [doc.issuer.parent] if doc.issuer.parent else []
    name = doc.issuer.name
    return parent, (_wrap_name(name) if name else [])


def _vv(subject: str, rng: random.Random) -> str:
    return ("V/v: " if rng.random() < 0.08 else "V/v ") + subject


def to_text(doc: Document, *, style: str = "plain", rng: random.Random | None = None) -> str:
    """The dispatch as text in the layout of Decree 30, flattened as ``style`` converters do.

    ``plain``: one component per line, blank lines between (like the seed dispatches);
    ``layout``: ``pdftotext -layout`` columns (header side by side, Nơi nhận beside the
    signature); ``markdown``: markitdown pipe tables and ``**bold**``; ``crawl``: a web crawl
    running the header onto a few lines; ``debris``: plain with non-breaking spaces, stray
    ``**``, blank-line noise and backslash escapes. ``rng`` drives the small variations; by
    default it is seeded from the record, so the same record gives the same text.
    """
    _check_style(style)
    if rng is None:
        key = f"{doc.code}|{doc.date}|{doc.subject}|{doc.issuer.name}".encode()
        rng = random.Random(zlib.crc32(key))
    if style == "plain":
        return _plain(doc, rng)
    if style == "layout":
        return _layout(doc, rng)
    if style == "markdown":
        return _markdown(doc, rng)
    if style == "crawl":
        return _crawl(doc, rng)
    return _debris(doc, rng)


def _body_lines_plain(body, sep_label=" ") -> list[str]:
    out = []
    for tag, label, text in body:
        if tag in ("item", "head", "article"):
            out.append(f"{label}{sep_label}{text}")
        else:
            out.append(text)
    return out


def _plain(doc: Document, rng: random.Random) -> str:
    parent, issuer = _issuer_lines(doc)
    nation, motto = _motto(rng)
    blocks: list[str] = ["\n" + "\n".join(parent + issuer)]
    blocks.append(f"{nation}\n{motto}")
    blocks.append(_number_line(doc, rng))
    mark = _URGENCY_MARK.get(doc.urgency or "")
    if mark:
        blocks.append(mark)
    blocks.append(_header_date(doc, rng))
    title, subject = _title_block(doc)
    if title:
        blocks.append(title + ("\n" + "\n".join(_wrap(subject, 60)) if subject else ""))
    elif subject:
        blocks.append("\n".join(_wrap(_vv(subject, rng), 36)))
    if doc.recipients:
        if len(doc.recipients) == 1 and rng.random() < 0.7:
            blocks.append(f"Kính gửi: {doc.recipients[0]}.")
        else:
            blocks.append("Kính gửi:")
            blocks.append("\n".join(_recipient_lines(doc.recipients)))
    body = _body(doc, rng)
    blocks.extend(_body_lines_plain(body))
    blocks.append("Nơi nhận:")
    if doc.distribution:
        blocks.append("\n".join(_distribution_lines(doc.distribution)))
    sig = _signature(doc)
    if sig:
        blocks.append("\n".join(sig))
    blocks.append("")
    blocks.append(doc.signer.name or "")
    return "\n\n".join(blocks).rstrip() + "\n"


def _center(text: str, width: int) -> str:
    pad = max(0, (width - len(text)) // 2)
    return " " * pad + text


def _columns(left: list[str], right: list[str], lw: int, gap: int, indent: int = 0) -> list[str]:
    rows = max(len(left), len(right))
    out = []
    for i in range(rows):
        lt = left[i] if i < len(left) else ""
        rt = right[i] if i < len(right) else ""
        if rt:
            out.append((" " * indent + lt).ljust(lw + indent) + " " * gap + rt)
        else:
            out.append((" " * indent + lt).rstrip())
    return out


def _layout(doc: Document, rng: random.Random) -> str:
    rand = rng.random
    lw = 34
    gap = 4 + int(rand() * 6)
    parent, issuer = _issuer_lines(doc)
    nation, motto = _motto(rng)
    left = [_center(x, lw) for x in parent + issuer]
    right = [nation, _center(motto, len(nation))]
    while len(right) < len(left):
        right.append("")
    while len(left) < len(right):
        left.append("")
    left.append("")
    right.append("")
    left.append(_center(_number_line(doc, rng, loose=True), lw))
    right.append(_center(_header_date(doc, rng), len(nation)))
    lines = _columns(left, right, lw, gap, indent=1 + int(rand() * 3))
    title, subject = _title_block(doc)
    if not title and subject:
        lines += [" " + x for x in _wrap(_vv(subject, rng), 32)]
    mark = _URGENCY_MARK.get(doc.urgency or "")
    if mark:
        lines.append("   " + mark)
    if title:
        lines.append("")
        lines.append(_center(title, 78))
        lines += [_center(x, 78) for x in _wrap(subject, 60)]
    lines.append("")
    if doc.recipients:
        if len(doc.recipients) == 1 and rand() < 0.7:
            lines.append(_center(f"Kính gửi: {doc.recipients[0]}.", 78))
        else:
            lines.append(" " * 18 + "Kính gửi:")
            for r in _recipient_lines(doc.recipients):
                wrapped = _wrap(r, 52)
                lines.append(" " * 28 + wrapped[0])
                lines += [" " * 30 + w for w in wrapped[1:]]
        lines.append("")
    width = 80
    for tag, label, text in _body(doc, rng):
        indent = " " * (4 + int(rand() * 4))
        if tag == "center":
            lines.append(_center(text, width))
            continue
        full = f"{label} {text}" if label else text
        wrapped = _wrap(full, width - len(indent))
        lines.append(indent + wrapped[0])
        lines += wrapped[1:]
    # Nơi nhận beside the signature block
    dist = []
    for d in _distribution_lines(doc.distribution):
        wrapped = _wrap(d, 46)
        dist.append(wrapped[0])
        dist += [" " + w for w in wrapped[1:]]
    left = ["Nơi nhận:", *dist]
    sig = _signature(doc)
    sw = 30
    right = [_center(s, sw) for s in sig]
    lines += _columns(left, right, 46, 8 + int(rand() * 6), indent=1)
    lines += ["", "", ""]
    if doc.signer.name:
        lines.append(" " * (56 + int(rand() * 4)) + doc.signer.name)
    return "\n".join(lines) + "\n"


def _md_cell(parts: Iterable[str]) -> str:
    return "  ".join(p for p in parts if p)


def _markdown(doc: Document, rng: random.Random) -> str:
    rand = rng.random
    parent, issuer = _issuer_lines(doc)
    nation, motto = _motto(rng)
    left = _md_cell([*parent, *(f"**{x}**" for x in issuer)])
    right = _md_cell([f"**{nation}**", f"**{motto}**"])
    title, subject = _title_block(doc)
    num = _number_line(doc, rng)
    left2 = _md_cell([num, _vv(subject, rng) if not title and subject else ""])
    rows = [
        "|  |  |",
        "| --- | --- |",
        f"| {left} | {right} |",
        f"| {left2} | *{_header_date(doc, rng)}* |",
    ]
    recipients_in_table = doc.recipients and rand() < 0.4
    if recipients_in_table:
        rows.append(f"| Kính gửi: | {_md_cell(_recipient_lines(doc.recipients))} |")
    out = ["\n".join(rows)]
    mark = _URGENCY_MARK.get(doc.urgency or "")
    if mark:
        out.append(f"**{mark}**")
    if title:
        out.append(f"# {title}")
        if subject:
            out.append(f"**{subject}**")
    if doc.recipients and not recipients_in_table:
        if len(doc.recipients) == 1:
            out.append(f"Kính gửi: {doc.recipients[0]}.")
        else:
            out.append("Kính gửi:")
            out.append("\n".join(_recipient_lines(doc.recipients)))
    for tag, label, text in _body(doc, rng):
        if tag == "head":
            out.append(f"**{label} {text}**")
        elif tag == "article":
            out.append(f"**{label}** {text}")
        elif tag == "center":
            out.append(f"# {text}" if text.endswith(":") else f"**{text}**")
        elif tag == "item":
            out.append(f"{label} {text}")
        else:
            out.append(text)
    dist = _md_cell(["***Nơi nhận:***", *_distribution_lines(doc.distribution)])
    sig = _md_cell(
        [
            *(f"**{s}**" for s in _signature(doc)),
            f"**{doc.signer.name}**" if doc.signer.name else "",
        ]
    )
    out.append(f"|  |  |\n| --- | --- |\n| {dist} | {sig} |")
    return "\n\n".join(out) + "\n"


def _crawl(doc: Document, rng: random.Random) -> str:
    rand = rng.random
    lines = []
    kind = doc.kind or "Công văn"
    if doc.number:
        lines.append(f"{kind} {doc.code}")
    parent = [doc.issuer.parent] if doc.issuer.parent else []
    names = " ".join([*parent, doc.issuer.name] if doc.issuer.name else parent)
    nation, motto = _motto(rng)
    lines.append(f"{names} --------")
    lines.append(f"{nation} {motto} ---------------")
    title, subject = _title_block(doc)
    num = _number_line(doc, rng)
    mark = _URGENCY_MARK.get(doc.urgency or "")
    if mark:
        lines.append(mark)
    if title:
        lines.append(num)
    else:
        lines.append(f"{num} {_vv(subject, rng)}" if subject else num)
    when = _header_date(doc, rng)
    if doc.recipients:
        if len(doc.recipients) == 1:
            when += f" Kính gửi: {doc.recipients[0]}."
        else:
            when += " Kính gửi: " + " ".join(_recipient_lines(doc.recipients))
    if title:
        lines.append(_header_date(doc, rng))
        lines.append(title)
        if subject:
            lines.append(subject)
        if doc.recipients:
            lines.append(when[when.index("Kính gửi:") :])
    else:
        lines.append(when)
    for _tag, label, text in _body(doc, rng):
        lines.append(f"{label} {text}" if label else text)
    lines.append("Nơi nhận:")
    lines += _distribution_lines(doc.distribution)
    tail = " ".join([*_signature(doc), doc.signer.name or ""]).strip()
    if tail:
        if rand() < 0.2 and lines[-1].endswith("."):
            lines[-1] += " " + tail  # signature glued to the archive line
        else:
            lines.append(tail)
    return "\n".join(lines) + "\n"


_NBSP = "\u00a0"


def _split_midway(line: str, rng: random.Random) -> list[str]:
    """Break a long paragraph before a lower-case word, as a page break in a PDF does."""
    start = len(line) // 3 + int(rng.random() * (len(line) // 3))
    i = line.find(" ", start)
    while i > 0 and not line[i + 1 : i + 2].islower():
        i = line.find(" ", i + 1)
    if i <= 0:
        return [line]
    return [line[:i], "", line[i + 1 :]]


def _debris(doc: Document, rng: random.Random) -> str:
    rand = rng.random
    text = _plain(doc, rng)
    escape = rand() < 0.6
    out: list[str] = []
    signature = _signature(doc)
    sig = set(signature)
    if signature and rand() < 0.5:  # the whole block in bold, as in a converted table cell
        block = "\n".join(signature)
        text = text.replace(block, f"**{block}**", 1)
        sig = set()
    lines = text.split("\n")
    if rand() < 0.3:
        long = [
            i
            for i, x in enumerate(lines)
            if len(x) > 200 and x[:1].isupper() and not x.startswith(("Kính", "Nơi", "Căn cứ"))
        ]
        if long:
            i = long[int(rand() * len(long))]
            lines[i : i + 1] = _split_midway(lines[i], rng)
    for line in lines:
        if escape and line.startswith("- "):
            line = "\\- " + line[2:]
        if escape and line[:1].isdigit():
            dot = line.find(". ")
            if 0 < dot < 4 and line[:dot].isdigit():
                line = line[:dot] + "\\." + line[dot + 1 :]
        if line in sig and rand() < 0.6:
            line = f"**{line}**"
        elif " trước ngày " in line and rand() < 0.3:
            i = line.index(" trước ngày ")
            line = line[:i] + " **" + line[i + 1 :] + "**"
        if line and rand() < 0.15:
            chars = list(line)
            for j, c in enumerate(chars):
                if c == " " and rand() < 0.3:
                    chars[j] = _NBSP
            line = "".join(chars)
        if rand() < 0.05:
            line += _NBSP
        out.append(line)
        if rand() < 0.06:
            out.append(" " if rand() < 0.5 else _NBSP)
            out.append("")
    return "\n".join(out)
