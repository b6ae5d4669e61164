"""One test per parsing rule, each on a short inline example of the form real text takes."""

from __future__ import annotations

import pytest

from congvan.document.errors import ParseError
from congvan.document.parse import parse_text

HEADER = """UBND TỈNH KIÊN GIANG
SỞ THÔNG TIN VÀ TRUYỀN THÔNG

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 498/STTTT-TTBCBC

Kiên Giang, ngày 17 tháng 7 năm 2020

V/v tăng cường công tác thông tin
"""

FOOTER = """
Nơi nhận:
- Như trên;
- Lưu: VT, P. TTBCBC.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Lê Hải Yến
"""


def typed_header(title_and_subject: str, code: str) -> str:
    """HEADER with a type title and what follows it in place of the V/v line, and its code."""
    return HEADER.replace("V/v tăng cường công tác thông tin\n", title_and_subject).replace(
        "498/STTTT-TTBCBC", code
    )


def dispatch(body: str, *, header: str = HEADER, footer: str = FOOTER) -> str:
    return f"{header}\nKính gửi: Báo Kiên Giang\n\n{body}\n{footer}"


def parse(text: str):
    return parse_text(text)


def signer_of(block: str):
    """The signer of a dispatch whose signature block, under a short Nơi nhận, is `block`."""
    footer = f"\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n{block}"
    return parse(dispatch("Nội dung./.", footer=footer)).signer


def first_task(item: str):
    """The first task of a dispatch whose body is the item and a second one after it."""
    return parse(dispatch(f"1. {item}\n\n2. Thực hiện thường xuyên.")).tasks[0]


# ---------------------------------------------------------------- header


def test_header_lines_of_two_bodies_give_issuer_and_parent():
    doc = parse(dispatch("Nội dung."))
    assert doc.issuer.name == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert doc.issuer.parent == "UBND TỈNH KIÊN GIANG"


def test_header_lines_that_read_as_one_name_form_one_name():
    header = HEADER.replace(
        "UBND TỈNH KIÊN GIANG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG", "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG"
    )
    doc = parse(dispatch("Nội dung.", header=header))
    assert doc.issuer.name == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert doc.issuer.parent is None


def test_three_bodies_keep_the_last_two():
    header = HEADER.replace("UBND TỈNH KIÊN GIANG\n", "BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\n").replace(
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "CỤC THUẾ TỈNH VĨNH PHÚC"
    )
    doc = parse(dispatch("Nội dung.", header=header))
    assert (doc.issuer.parent, doc.issuer.name) == ("TỔNG CỤC THUẾ", "CỤC THUẾ TỈNH VĨNH PHÚC")


def test_columns_side_by_side_are_read_apart():
    header = (
        "   UBND TỈNH LÂM ĐỒNG                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "        SỞ NỘI VỤ                           Độc lập - Tự do - Hạnh phúc\n"
        "  Số: 963 /SNV-CCHC&VTLT                 Lâm Đồng, ngày 21 tháng 8 năm 2025\n"
        " V/v lấy ý kiến góp ý dự thảo và\n"
        " cử công chức tham gia Tổ giúp việc\n"
    )
    doc = parse(dispatch("Nội dung.", header=header))
    assert doc.issuer.name == "SỞ NỘI VỤ"
    assert doc.issuer.parent == "UBND TỈNH LÂM ĐỒNG"
    assert (doc.number, doc.notation) == ("963", "SNV-CCHC&VTLT")
    assert (doc.place, doc.date) == ("Lâm Đồng", "2025-08-21")
    assert doc.subject == "lấy ý kiến góp ý dự thảo và cử công chức tham gia Tổ giúp việc"


def test_a_column_gap_with_whitespace_other_than_spaces_separates_columns_too():
    # a vertical tab or a form feed left in a line by a converter is as wide as a space
    header = (
        "UBND TỈNH LÂM ĐỒNG \x0b\x0b CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ NỘI VỤ  \x0c Độc lập - Tự do - Hạnh phúc\n"
        "Số: 963/SNV-CCHC\n"
    )
    doc = parse(dispatch("Nội dung.", header=header))
    assert (doc.issuer.parent, doc.issuer.name) == ("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param(
            "TỔNG CỤC THUẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "CỤC THUẾ TỈNH VĨNH PHÚC Độc lập - Tự do - Hạnh phúc\n"
            "Số: 123/CTVPH-TTHT Vĩnh Phúc, ngày 05 tháng 02 năm 2022\nV/v chính sách thuế\n",
            (
                "TỔNG CỤC THUẾ", "CỤC THUẾ TỈNH VĨNH PHÚC", "123", "CTVPH-TTHT", "Vĩnh Phúc",
                "2022-02-05",
            ),
            id="at the national title",
        ),
        pytest.param(
            "TONG CỤC THUE CONG HOA XÃ H VIET NAM\nCUC THUE TP HA NOI Độc lập - TY .\n"
            "Số: 2426/CTHN-TTHT Hà Nội, ngày 5 tháng 6 năm 2022\nV/v kê khai thuế nhà thầu\n",
            ("TONG CỤC THUE", "CUC THUE TP HA NOI", "2426", "CTHN-TTHT", "Hà Nội", "2022-06-05"),
            id="at a national title and motto that OCR cut short",
        ),
    ],
)  # fmt: skip
def test_columns_run_together_by_ocr_are_split_at_the_national_title(header, expected):
    doc = parse(dispatch("Nội dung.", header=header))
    parts = (doc.issuer.parent, doc.issuer.name, doc.number, doc.notation, doc.place, doc.date)
    assert parts == expected


@pytest.mark.parametrize(
    ("lines", "parent", "name"),
    [
        ("“BỘ TÀI CHÍNH —\nTỔNG CỤC THUẾ `", "BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ"),
        (
            "BỘ KHOA HỌC VÀ CÔNG NGHỆ\nSỞ KHOA HỌC —====E====E",
            "BỘ KHOA HỌC VÀ CÔNG NGHỆ",
            "SỞ KHOA HỌC",
        ),
        (
            "BỘ TÀI CHÍNH CONG HO¿ 21 CHỦ NGHĨA VIET NAD\nTỔNG CỤC THUẾ",
            "BỘ TÀI CHÍNH",
            "TỔNG CỤC THUẾ",
        ),
    ],
)
def test_an_agency_without_the_rule_under_it_and_ocr_marks(lines, parent, name):
    header = HEADER.replace("UBND TỈNH KIÊN GIANG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG", lines)
    doc = parse(dispatch("Nội dung.", header=header))
    assert (doc.issuer.parent, doc.issuer.name) == (parent, name)


def test_the_number_line_of_a_legal_document_names_its_type():
    header = HEADER.replace("Số: 498/STTTT-TTBCBC", "Nghị quyết số: 17/2022/UBTVQH15")
    doc = parse(dispatch("Nội dung.", header=header))
    assert (doc.number, doc.notation) == ("17", "2022/UBTVQH15")


def test_ocr_without_diacritics_is_read_like_the_original():
    header = (
        "TONG CUC THUE CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "CUC THUE TINH LONG AN Doc lap - Tu do - Hanh phuc\n"
        "So: 2105 /CT-TTHT Long An, ngay 27 thang 9 nam 2018\n"
        "V/v nộp thuế nhà thầu.\n"
    )
    doc = parse(dispatch("Nội dung.", header=header).replace("Nơi nhận", "Noi nhan"))
    assert doc.issuer.name == "CUC THUE TINH LONG AN"
    assert (doc.number, doc.notation, doc.date) == ("2105", "CT-TTHT", "2018-09-27")
    assert doc.distribution == ["Như trên", "Lưu: VT, P. TTBCBC"]


# A party committee's dispatch (the form of the party's own rules): the party's name where the
# Quốc hiệu stands, a star under the committee, `Số` without a colon, forms with a slash.
PARTY_HEADER = """TỈNH ỦY QUẢNG NAM                         ĐẢNG CỘNG SẢN VIỆT NAM
BAN TUYÊN GIÁO
        *                            Tam Kỳ, ngày 12 tháng 3 năm 2024
Số 245-CV/BTGTU
V/v tuyên truyền kỷ niệm 94 năm
Ngày thành lập Đảng Cộng sản Việt Nam
"""


def test_a_signed_pdfs_stamp_and_a_speck_above_the_header_are_no_issuer():
    header = (
        "Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\nEmail: thongtinchinhphu@chinhphu.vn\n"
        "Cơ quan: VĂN PHÒNG CHÍNH PHỦ\n\nHIN\n\n"
        + HEADER.replace("UBND TỈNH KIÊN GIANG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG", "CHÍNH PHỦ")
    )
    doc = parse(dispatch("Nội dung.", header=header))
    assert (doc.issuer.parent, doc.issuer.name) == (None, "CHÍNH PHỦ")


@pytest.mark.parametrize("title", ["Công văn 498/STTTT-TTBCBC&TTĐT", "CÔNG VĂN 498/STTTT"])
def test_a_web_pages_title_above_the_header_is_no_agency(title):
    header = HEADER.replace("UBND TỈNH KIÊN GIANG\n", f"{title}\n")
    doc = parse(dispatch("Nội dung.", header=header))
    assert (doc.issuer.parent, doc.issuer.name) == (None, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG")


def test_a_party_committees_header():
    doc = parse(dispatch("Nội dung.", header=PARTY_HEADER))
    assert (doc.issuer.parent, doc.issuer.name) == ("TỈNH ỦY QUẢNG NAM", "BAN TUYÊN GIÁO")
    assert (doc.number, doc.notation) == ("245", "CV/BTGTU")
    assert (doc.place, doc.date) == ("Tam Kỳ", "2024-03-12")
    # in small letters the party's name is the subject's, not the header's
    assert doc.subject == "tuyên truyền kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam"


@pytest.mark.parametrize(
    ("line", "notation", "place"),
    [
        ("Số: 9543/CT-TTHT - Hà Nội, ngày 13 tháng 3 năm 2018", "CT-TTHT", "Hà Nội"),
        ("Số: 9543/CT-TTHT - Ha Nội, ngày 13 tháng 3 năm 2018", "CT-TTHT", "Ha Nội"),
        ("Số: 9543 TCT- cs Hà Nội, ngày 13 tháng 3 năm 2018", "TCT- cs", "Hà Nội"),  # OCR's
    ],
)
def test_a_dash_between_the_notation_and_the_place_is_the_columns_edge(line, notation, place):
    header = HEADER.replace(
        "Số: 498/STTTT-TTBCBC\n\nKiên Giang, ngày 17 tháng 7 năm 2020\n", f"{line}\n"
    )
    doc = parse(dispatch("Nội dung.", header=header))
    assert (doc.number, doc.notation, doc.place, doc.date) == (
        "9543", notation, place, "2018-03-13"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("number_line", "subject", "expected"),
    [
        (
            "Số 5826 /TCHQ-TXNK",
            "V/v hàng hóa nhập khẩu",
            ("5826", "TCHQ-TXNK", "hàng hóa nhập khẩu"),
        ),
        (  # in small letters, `số` wraps a cited code in the subject
            "Số: 12/STTTT-VP",
            "V/v triển khai Chỉ thị\nsố 05-CT/TW của Bộ Chính trị",
            ("12", "STTTT-VP", "triển khai Chỉ thị số 05-CT/TW của Bộ Chính trị"),
        ),
    ],
)
def test_a_number_line_without_its_colon_opens_with_a_capital(number_line, subject, expected):
    header = HEADER.replace("Số: 498/STTTT-TTBCBC", number_line).replace(
        "V/v tăng cường công tác thông tin", subject
    )
    doc = parse(dispatch("Nội dung.", header=header))
    assert (doc.number, doc.notation, doc.subject) == expected


@pytest.mark.parametrize(
    ("block", "form", "authority", "title"),
    [
        ("K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN", "KT", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
        ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "TM", "BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"),
        ("T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG", "TL", "BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"),
    ],
)
def test_a_party_committees_signing_forms_with_a_slash(block, form, authority, title):
    footer = f"\nNơi nhận:\n- Như trên,\n- Lưu Văn phòng.\n\n{block}\n\nTrần Văn Bình\n"
    signer = parse(dispatch("Nội dung.", header=PARTY_HEADER, footer=footer)).signer
    assert (signer.form, signer.authority, signer.title) == (form, authority, title)
    assert signer.name == "Trần Văn Bình"


def test_the_issuer_line_under_a_type_title_is_not_the_subject():
    header = PARTY_HEADER.replace("Số 245-CV/BTGTU", "Số 05-CT/TU").split("V/v")[0]
    header += "\nCHỈ THỊ\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề công tác thông tin cơ sở\n"
    doc = parse(dispatch("1. Các cấp ủy quán triệt Chỉ thị.", header=header))
    assert (doc.kind, doc.subject) == ("Chỉ thị", "về công tác thông tin cơ sở")


# ---------------------------------------------------------------- number, date, subject, kind


@pytest.mark.parametrize(
    ("line", "number", "notation"),
    [
        ("Số: 5816 /BNV-CCHC", "5816", "BNV-CCHC"),
        ("Số: /STTTT-TTBCXB", None, "STTTT-TTBCXB"),
        ("Số:          /UBND-NC", None, "UBND-NC"),
        ("Số: 85   /GM-UBND", "85", "GM-UBND"),
        ("SỐ:        /QĐ-UBND", None, "QĐ-UBND"),
        ("Số: 30/2020/NĐ-CP", "30", "2020/NĐ-CP"),
        ("Số: 324/SNgV-LS-NVNONN", "324", "SNgV-LS-NVNONN"),
        ("Số: 07/QyĐ-UBND", "07", "QyĐ-UBND"),
        ("số: 4222 /TCT -PC", "4222", "TCT -PC"),
        ("Số: §Ø0 /TCT-TTr", None, "TCT-TTr"),  # OCR garbled the number
        ("Số: ⁄ð/6Ÿ /CT-TTHT", None, "CT-TTHT"),  # … and added slashes
        ("Số: 3790 TCT- cs", "3790", "TCT- cs"),  # … or lost the slash alone
        ("36:3678 /TCT- CS", "3678", "TCT- CS"),  # OCR's readings of the label
        ("sé: 860 /BHXH-BT", "860", "BHXH-BT"),
        (".Sẽ: 1883 /TCHQ-TXNK", "1883", "TCHQ-TXNK"),
        ("Số! /CTHYE-TTHT", None, "CTHYE-TTHT"),
    ],
)
def test_number_and_notation(line, number, notation):
    doc = parse(dispatch("Nội dung.", header=HEADER.replace("Số: 498/STTTT-TTBCBC", line)))
    assert (doc.number, doc.notation) == (number, notation)


@pytest.mark.parametrize(
    ("line", "place", "date"),
    [
        ("Kiên Giang, ngày 17 tháng 7 năm 2020", "Kiên Giang", "2020-07-17"),
        ("Lạng Sơn, ngày   tháng 7 năm 2020", "Lạng Sơn", "2020-07"),
        ("Lâm Đồng, ngày     tháng     năm 2026", "Lâm Đồng", "2026"),
        ("ĐÀ NẴNG , . NGÀY     THÁNG 3 NĂM 2026", "ĐÀ NẴNG", "2026-03"),
        ("Vĩnh Phúc, ngày tháng năm", "Vĩnh Phúc", None),
        ("Hà Nội, ngày 2 4 tháng 12 năm 2021", "Hà Nội", "2021-12-24"),
        ("Thành phố Hồ Chí Minh, ngày 05 tháng 02 năm 2018", "Thành phố Hồ Chí Minh", "2018-02-05"),
        # the date's words as OCR misreads them
        ("Hà Nội, ngdy 15 tháng 7 năm 2020", "Hà Nội", "2020-07-15"),
        ("Hà Nội, ngài: 19 tháng 7 nam 2021", "Hà Nội", "2021-07-19"),
        ("Hà Nội, ngày 28 thing 01 năm 2019", "Hà Nội", "2019-01-28"),
        ("Hà Nội, ngày 20thdng 5 mắm 2019", "Hà Nội", "2019-05-20"),
        ("Hà Nội, ngày) § tháng 11 năm 2018", "Hà Nội", "2018-11"),  # the day unreadable
        ("Bắc Ninh, ngàu tháng 08 năm 2018", "Bắc Ninh", "2018-08"),
        ("Hà Nội, ngày Od thang 42. néim 2022", "Hà Nội", "2022"),
        ("Bắc Ninh, ngày22tháng 7 năm 2021", "Bắc Ninh", "2021-07-22"),  # the day glued on
        ("TP. Hồ Chí Minh, ngày 30tháng10năm 2013", "TP. Hồ Chí Minh", "2013-10-30"),
        ("Hà Noi, ngayl4thing 4 ăm 2024", "Hà Noi", "2024-04"),
        ("ˆ Hà Nội, ngàyä4 kháng 2 năm 2023", "Hà Nội", "2023-02"),  # a speck before the place
    ],
)
def test_place_and_date_with_blank_or_garbled_parts(line, place, date):
    doc = parse(
        dispatch("Nội dung.", header=HEADER.replace("Kiên Giang, ngày 17 tháng 7 năm 2020", line))
    )
    assert (doc.place, doc.date) == (place, date)


def test_an_ocr_line_of_number_place_and_date_gives_each_its_part():
    header = HEADER.replace("Số: 498/STTTT-TTBCBC\n\nKiên Giang", "sé: 5817 /TCHQ-TXNK Hà Nội")
    doc = parse(dispatch("Nội dung.", header=header.replace("17 tháng", "{ § thắng")))
    assert (doc.number, doc.notation) == ("5817", "TCHQ-TXNK")
    assert (doc.place, doc.date) == ("Hà Nội", "2020-07")


@pytest.mark.parametrize(
    "line",
    [
        "Báo cáo số liệu của các ngànhtháng 7 năm 2020",  # a word glued to the month: no day
        "V/v tổng kết hoạt động thông tin của các sở, ngành trong ngdy hội tháng 7 năm 2020",
    ],
)
def test_a_phrase_of_a_header_line_is_no_garbled_date(line):
    header = HEADER.replace("Kiên Giang, ngày 17 tháng 7 năm 2020", line).replace(
        "V/v tăng cường công tác thông tin\n", ""
    )
    assert parse(dispatch("Nội dung.", header=header)).date is None


def test_subject_over_several_lines_without_its_prefix():
    header = HEADER.replace(
        "V/v tăng cường công tác thông tin\n", "V/v: tăng cường công tác thông tin,\ntuyên truyền\n"
    )
    doc = parse(dispatch("Nội dung.", header=header))
    assert doc.subject == "tăng cường công tác thông tin, tuyên truyền"
    assert doc.kind == "Công văn"


@pytest.mark.parametrize(
    ("lines", "subject"),
    [
        ("V/v triển khai Quyết định số 15/QĐ-CT của\n\nCục Thuế tỉnh về an toàn\n",
         "triển khai Quyết định số 15/QĐ-CT của Cục Thuế tỉnh về an toàn"),
        ("V/v sắp xếp tổ chức bộ máy năm\n\n2026\n", "sắp xếp tổ chức bộ máy năm 2026"),
        ("V/v phòng, chống dịch\nCOVID-19\n", "phòng, chống dịch COVID-19"),
        ("V/v thực hiện Thông tư số\n40/2021/TT-BTC\n", "thực hiện Thông tư số 40/2021/TT-BTC"),
        ("V/v hỗ trợ doanh nghiệp Việt Nam\n\nSở Tài chính\n", "hỗ trợ doanh nghiệp Việt Nam"),
        ("V/v triển khai Công văn số 2814/BTC của Bộ\n \nTài chính về phòng, chống tham nhũng\n",
         "triển khai Công văn số 2814/BTC của Bộ Tài chính về phòng, chống tham nhũng"),
        ("V/v cải thiện các chỉ số\nPAR INDEX, SIPAS và PCI\n",
         "cải thiện các chỉ số PAR INDEX, SIPAS và PCI"),
        ("V/v thuế khi chuyển nhượng Công\nty TNHH MTV\n",
         "thuế khi chuyển nhượng Công ty TNHH MTV"),
        ("V/v báo cáo công tác tìm kiếm,\ncứu nạn\n\n6 tháng đầu năm 2018\n",
         "báo cáo công tác tìm kiếm, cứu nạn 6 tháng đầu năm 2018"),
        ("V/v đánh giá tình hình quý\n\n3 năm 2023\n", "đánh giá tình hình quý 3 năm 2023"),
    ],
    ids=["after của", "after năm", "a word in capitals", "a code", "Việt Nam ends it",
         "after của and a name's head", "capitals with a small word", "a name's capitals",
         "a span of time after a blank line", "a quarter's number after a blank line"],
)  # fmt: skip
def test_a_subject_runs_on_to_the_lines_that_continue_it(lines, subject):
    header = HEADER.replace("V/v tăng cường công tác thông tin\n", lines)
    assert parse(dispatch("Nội dung.", header=header)).subject == subject


def test_subject_label_after_a_mark_a_table_cell_kept():
    doc = parse(
        "| UBND TỈNH X  **SỞ TƯ PHÁP** | *V/v tăng cường tuyên truyền*CỘNG HÒA XÃ HỘI |\n"
        "Số: 12/STP-PBGDPL\n\nKính gửi: Các sở, ngành.\n\n1. Tuyên truyền.\n"
    )
    assert doc.subject == "tăng cường tuyên truyền"


@pytest.mark.parametrize(
    "label", ["V/w", "VW", "Viv", "V%", "V4", "Vv", "VAv", "VWv", "V#v", "Vis", "'V/v", "VA"]
)
def test_subject_label_as_ocr_misreads_it(label):
    header = HEADER.replace("V/v tăng cường", f"{label} tăng cường")
    assert parse(dispatch("Nội dung.", header=header)).subject == "tăng cường công tác thông tin"


@pytest.mark.parametrize("line", ["Và tăng cường công tác thông tin", "VA XA HOI"])
def test_a_line_opening_with_va_is_no_subject_label(line):
    header = HEADER.replace("V/v tăng cường công tác thông tin", line)
    assert parse(dispatch("Nội dung.", header=header)).subject is None


@pytest.mark.parametrize(
    ("line", "subject", "place"),
    [
        ("V/v giải đáp một số quy định Hà Nội", "giải đáp một số quy định của Bộ luật", "Hà Nội"),
        ("V/v thuế GTGT TP. Hồ Chí Minh", "thuế GTGT của Bộ luật", "TP. Hồ Chí Minh"),
    ],
)
def test_a_subject_run_onto_the_place_and_date(line, subject, place):
    header = HEADER.replace(
        "Kiên Giang, ngày 17 tháng 7 năm 2020\n\nV/v tăng cường công tác thông tin\n",
        f"{line}, ngày 17 tháng 7 năm 2020\ncủa Bộ luật\n",
    )
    doc = parse(dispatch("Nội dung.", header=header))
    assert (doc.subject, doc.place, doc.date) == (subject, place, "2020-07-17")


def test_no_date_below_the_preamble_is_the_headers():
    header = HEADER.replace("Kiên Giang, ngày 17 tháng 7 năm 2020\n", "").replace(
        "V/v tăng cường công tác thông tin\n", "QUYẾT ĐỊNH\nVề việc khen thưởng\n"
    )
    body = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n"
        "QUYẾT ĐỊNH:\n\nĐiều 1. Khen thưởng các tập thể.\n"
    )
    doc = parse(f"{header}\n{body}{FOOTER}")
    assert (doc.place, doc.date, doc.subject) == (None, None, "Về việc khen thưởng")


def test_typed_document_kind_and_subject_under_its_title():
    header = typed_header(
        "KẾ HOẠCH\nVề việc tuyên truyền phòng, chống\ndịch bệnh năm 2020\n", "12/KH-STTTT"
    )
    doc = parse(dispatch("Căn cứ tình hình thực tế, Sở ban hành kế hoạch.", header=header))
    assert doc.kind == "Kế hoạch"
    assert doc.subject == "Về việc tuyên truyền phòng, chống dịch bệnh năm 2020"


@pytest.mark.parametrize("compound", ["chuyển đổi số", "chữ ký số", "kinh tế số"])
def test_the_digital_so_ends_a_subject_as_the_number_so_does_not(compound):
    header = typed_header(f"KẾ HOẠCH\nTriển khai {compound}\n", "12/KH-STTTT")
    body = "Triển khai Công văn số 2169/VPCP-KGVX ngày 29/3/2017 của Văn phòng Chính\nphủ.\n"
    assert parse(f"{header}\n{body}{FOOTER}").subject == f"Triển khai {compound}"


def test_the_preamble_after_ocr_scraps_ends_a_typed_subject():
    header = typed_header(
        "QUYẾT ĐỊNH\nQuy định về việc thực hiện chính sách hỗ trợ người lao động bị\n"
        "ảnh hưởng bởi thiên tai, bão lũ và các sự cố môi trường nghiêm\ntrọng\n\n"
        "_ Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa\nđổi, bổ sung;\n",
        "28/2021/QĐ-TTg",
    )
    doc = parse(f"{header}\nQUYẾT ĐỊNH:\n\nĐiều 1. Hỗ trợ người lao động.\n{FOOTER}")
    assert doc.subject == (
        "Quy định về việc thực hiện chính sách hỗ trợ người lao động bị ảnh hưởng bởi thiên tai,"
        " bão lũ và các sự cố môi trường nghiêm trọng"
    )


def test_a_word_in_capitals_right_below_a_typed_subject_continues_it():
    header = typed_header(
        "KẾ HOẠCH\nPhòng, chống dịch\nCOVID-19\nGIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG\n",
        "12/KH-STTTT",
    )
    doc = parse(dispatch("Căn cứ tình hình thực tế, Sở ban hành kế hoạch.", header=header))
    assert doc.subject == "Phòng, chống dịch COVID-19"


@pytest.mark.parametrize(
    ("title_and_subject", "subject"),
    [
        (
            "NGHỊ ĐỊNH\n\nQUY ĐỊNH CHI TIẾT THI HÀNH LUẬT HẢI QUAN VỀ THỦ TỤC HẢI\n"
            "QUAN, KIỂM TRA, GIÁM SÁT\n\nCăn cứ Luật Hải quan ngày 23 tháng 6 năm 2014;\n",
            "QUY ĐỊNH CHI TIẾT THI HÀNH LUẬT HẢI QUAN VỀ THỦ TỤC HẢI QUAN, KIỂM TRA, GIÁM SÁT",
        ),
        (
            "QUYẾT ĐỊNH\nPHÊ DUYỆT ĐIỀU LỆ HIỆP HỘI DOANH NGHIỆP\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n",
            "PHÊ DUYỆT ĐIỀU LỆ HIỆP HỘI DOANH NGHIỆP",
        ),
    ],
)
def test_a_subject_in_capitals_under_the_type_title(title_and_subject, subject):
    header = HEADER.replace("V/v tăng cường công tác thông tin\n", title_and_subject)
    assert (
        parse(dispatch("Căn cứ Luật Tổ chức chính quyền địa phương.", header=header)).subject
        == subject
    )


@pytest.mark.parametrize(
    ("title_and_subject", "subject"),
    [
        pytest.param(
            "ĐẾN OH Gn KẾ HOẠCH\nNạy...22/V/L..| Tuyên truyền phòng, chống\ndịch bệnh năm 2020\n",
            "Tuyên truyền phòng, chống dịch bệnh năm 2020",
            id="a received stamp's scraps before the title and the subject",
        ),
        pytest.param(
            "KẾ HOẠCH\nThực hiện các nhiệm vụ tháo gỡ khó khăn cho\n\n"
            "sản xuất kinh doanh, bảo đảm an sinh xã hội ứng phó với dịch Covid-19\n",
            "Thực hiện các nhiệm vụ tháo gỡ khó khăn cho sản xuất kinh doanh, bảo đảm an sinh xã "
            "hội ứng phó với dịch Covid-19",
            id="after a blank line, the words run on after cho and end before a sentence",
        ),
        pytest.param(
            "KẾ HOẠCH\nTuyên truyền phòng, chống dịch bệnh truyền nhiễm trên địa bàn tỉnh năm 2020"
            "\n\nVới sự vào cuộc quyết liệt của cả hệ thống chính trị, công tác phòng chống\n",
            "Tuyên truyền phòng, chống dịch bệnh truyền nhiễm trên địa bàn tỉnh năm 2020",
            id="a full line opening a sentence after a blank line is the body's",
        ),
    ],
)
def test_a_typed_subject_between_stamps_and_blank_lines(title_and_subject, subject):
    header = HEADER.replace("V/v tăng cường công tác thông tin\n", title_and_subject)
    doc = parse(dispatch("Nội dung.", header=header))
    assert (doc.kind, doc.subject) == ("Kế hoạch", subject)


def test_a_department_named_after_a_type_is_no_title():
    header = HEADER.replace("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "VỤ KẾ HOẠCH").replace(
        "V/v tăng cường công tác thông tin\n", "V/v kế hoạch năm 2021\n"
    )
    doc = parse(dispatch("Nội dung.", header=header))
    assert (doc.issuer.name, doc.kind) == ("VỤ KẾ HOẠCH", "Công văn")


def test_kind_from_the_notation_when_there_is_neither_title_nor_vv():
    header = HEADER.replace("V/v tăng cường công tác thông tin\n", "").replace(
        "498/STTTT-TTBCBC", "85/GM-UBND"
    )
    assert parse(dispatch("Mời dự họp.", header=header)).kind == "Giấy mời"


@pytest.mark.parametrize(
    ("code", "kind"),
    [("47/2016/NĐ-CP", "Nghị định"), ("31/2021/TT-BTC", "Thông tư"), ("12/TT-TTHT", "Công văn")],
)
def test_a_legal_kind_from_a_notation_that_holds_the_year(code, kind):
    header = HEADER.replace("V/v tăng cường công tác thông tin\n", "").replace(
        "498/STTTT-TTBCBC", code
    )
    assert parse(dispatch("Quy định mức lương cơ sở.", header=header)).kind == kind


@pytest.mark.parametrize(
    ("agency", "code", "kind"),
    [
        ("CỤC THUẾ TỈNH BẮC NINH", "2076/CT-TTHT", "Công văn"),  # Cục Thuế, then its unit
        ("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", "05/CT-UBND", "Chỉ thị"),
        ("BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH", "12/BC-BCĐ", "Báo cáo"),
    ],
)
def test_a_notation_that_opens_with_the_issuers_initials_names_no_type(agency, code, kind):
    header = (
        HEADER.replace("V/v tăng cường công tác thông tin\n", "")
        .replace("498/STTTT-TTBCBC", code)
        .replace("UBND TỈNH KIÊN GIANG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG", agency)
    )
    assert parse(dispatch("Nội dung.", header=header)).kind == kind


@pytest.mark.parametrize("mark", ["HỎA TỐC", "HỎA TỐC HẸN GIỜ", "HOẢ TỐC!"])
def test_urgency_mark(mark):
    header = HEADER.replace("Số: 498", f"{mark}\nSố: 498")
    assert parse(dispatch("Nội dung.", header=header)).urgency == "Hỏa tốc"
    assert parse(dispatch("Khẩn trương thực hiện.")).urgency is None


def test_urgency_mark_below_the_number():
    header = HEADER.replace("V/v tăng cường", "THƯỢNG KHẨN\nV/v tăng cường")
    doc = parse(dispatch("Nội dung.", header=header))
    assert (doc.urgency, doc.subject) == ("Thượng khẩn", "tăng cường công tác thông tin")


@pytest.mark.parametrize(
    ("body", "issuer"),
    [
        ("Thực hiện Kế hoạch số 62/KH-BCĐ, Sở Thông tin và Truyền thông đề nghị các đơn vị:",
         "Sở Thông tin và Truyền thông"),
        # the name ends at its verb, `đã` or `ban hành` too
        ("Ngày 15/8/2014, Bộ Tài chính đã ban hành Thông tư số 119/2014/TT-BTC hướng dẫn thuế.",
         "Bộ Tài chính"),
    ],
)  # fmt: skip
def test_issuer_from_the_body_where_the_header_is_missing(body, issuer):
    header = "Số: /STTTT-TTBCXB\n\nLạng Sơn, ngày   tháng 6 năm 2020\n\nV/v tuyên truyền\n"
    assert parse(dispatch(body, header=header)).issuer.name == issuer


# ---------------------------------------------------------------- recipients


def test_one_inline_recipient():
    assert parse(dispatch("Nội dung.")).recipients == ["Báo Kiên Giang"]


def test_listed_recipients_with_wrapped_lines():
    text = dispatch("Nội dung.").replace(
        "Kính gửi: Báo Kiên Giang",
        "Kính gửi:\n- Báo Kiên Giang;\n- Đài Phát thanh và Truyền hình\nKiên Giang;\n"
        "- Các doanh nghiệp cung ứng dịch vụ bưu chính.",
    )
    assert parse(text).recipients == [
        "Báo Kiên Giang",
        "Đài Phát thanh và Truyền hình Kiên Giang",
        "Các doanh nghiệp cung ứng dịch vụ bưu chính",
    ]


def test_address_lines_under_a_recipient_are_not_recipients():
    text = dispatch("Nội dung.").replace(
        "Kính gửi: Báo Kiên Giang",
        "Kính gửi: Công ty TNHH ABC\nMã số thuế: 0800006882\n"
        "Địa chỉ: Phường Tứ Minh, tỉnh Hải Dương",
    )
    assert parse(text).recipients == ["Công ty TNHH ABC"]


@pytest.mark.parametrize(
    ("lines", "recipient"),
    [
        ("Trung tâm Hạ tầng -\nChi nhánh Công ty cổ phần VINACONEX\nĐịa chỉ: Hà Nội",
         "Trung tâm Hạ tầng - Chi nhánh Công ty cổ phần VINACONEX"),  # a name and its branch
        ("Công ty TNHH Mascot Việt Nam. -\n(Đ/c: Khu công nghiệp Tân Trường)",
         "Công ty TNHH Mascot Việt Nam"),  # a dash after the stop joins nothing
    ],
)  # fmt: skip
def test_an_inline_recipient_ending_in_a_dash(lines, recipient):
    text = dispatch("Nội dung.").replace("Kính gửi: Báo Kiên Giang", f"Kính gửi: {lines}")
    assert parse(text).recipients == [recipient]


@pytest.mark.parametrize("label", ["nh gửi:", "Site gửi:", "- ae gửi:", ", Kink gửi:"])
def test_kinh_gui_cut_or_garbled_by_ocr(label):
    text = dispatch("Nội dung.").replace("Kính gửi:", label)
    assert parse(text).recipients == ["Báo Kiên Giang"]


def test_the_sender_of_a_form_is_no_recipient():
    text = dispatch("Nội dung.").replace("Kính gửi: Báo Kiên Giang", "Nơi gửi: Văn phòng Sở")
    assert parse(text).recipients == []


def test_a_list_below_a_kinh_gui_left_with_a_stop():
    text = dispatch("Nội dung.").replace(
        "Kính gửi: Báo Kiên Giang", "Kính gửi: .\n\n- Báo Kiên Giang;\n\n- Đài PT-TH tỉnh."
    )
    assert parse(text).recipients == ["Báo Kiên Giang", "Đài PT-TH tỉnh"]


def test_recipients_listed_without_marks():
    text = dispatch("Tổng cục Thuế nhận được kiến nghị.").replace(
        "Kính gửi: Báo Kiên Giang",
        "Kính gửi:\n\nCục Thuế thành phố Hồ Chí Minh;\nCục Thuế tỉnh Bà Rịa-Vũng Tàu;\n"
        "Liên doanh Việt - Nga Vietsovpetro.",
    )
    doc = parse(text)
    assert doc.recipients == [
        "Cục Thuế thành phố Hồ Chí Minh",
        "Cục Thuế tỉnh Bà Rịa-Vũng Tàu",
        "Liên doanh Việt - Nga Vietsovpetro",
    ]


def test_a_kinh_gui_left_blank_takes_no_paragraph_of_the_body():
    text = dispatch("Thực hiện quy định của Luật số\n64/2025/QH15, Bộ Tư pháp tổ chức họp.")
    text = text.replace("Kính gửi: Báo Kiên Giang", "Kính gửi:\n")
    assert parse(text).recipients == []


@pytest.mark.parametrize(
    "listed",
    [
        "Công ty TNHH ABC (D/e: KCN Nhơn Trạch 3)",
        "Công ty TNHH ABC (Die: 63 Vũ Tông Phan)",
        "Công ty TNHH ABC (Ð⁄c: Lô HH6, Hoài Đức)",
        "Công ty TNHH ABC (Đc: KCN Bàu Xéo)",
    ],
)
def test_an_address_label_as_ocr_reads_it(listed):
    text = dispatch("Nội dung.").replace(
        "Kính gửi: Báo Kiên Giang", f"Kính gửi:\n- Cục Thuế;\n- {listed}."
    )
    assert parse(text).recipients == ["Cục Thuế", "Công ty TNHH ABC"]


def test_a_recipient_from_its_first_letter():
    text = dispatch("Nội dung.").replace(
        "Kính gửi: Báo Kiên Giang", "Kính gửi:. Cục Thuế các tỉnh."
    )
    assert parse(text).recipients == ["Cục Thuế các tỉnh"]


def test_no_recipients_without_kinh_gui():
    text = dispatch("Nội dung.").replace("Kính gửi: Báo Kiên Giang\n", "")
    assert parse(text).recipients == []


# ---------------------------------------------------------------- references


def test_a_blank_line_between_the_type_word_and_its_number():
    body = "Thực hiện Văn bản\n\nsố 3009/CTDN-QLN ngày 20/1/2025 của Cục Thuế thành phố."
    assert parse(dispatch(body)).references[0].kind == "Văn bản"


def test_citation_with_kind_date_and_issuer():
    body = (
        "Thực hiện Kế hoạch số 112/KH-UBND ngày 29/6/2020 của UBND tỉnh về việc triển khai; "
        "Công văn số 798/UBND-KGVX ngày 13/7/2020 của UBND tỉnh về việc phòng, chống dịch."
    )
    refs = [r.to_json() for r in parse(dispatch(body)).references]
    assert refs == [
        {"kind": "Kế hoạch", "number": "112", "notation": "KH-UBND", "date": "2020-06-29",
         "issuer": "UBND tỉnh"},
        {"kind": "Công văn", "number": "798", "notation": "UBND-KGVX", "date": "2020-07-13",
         "issuer": "UBND tỉnh"},
    ]  # fmt: skip


def test_each_citation_once_and_subject_citations_first():
    header = HEADER.replace(
        "V/v tăng cường công tác thông tin", "V/v triển khai Chỉ thị số 21/CT-TTg ngày 25/5/2020"
    )
    body = "Thực hiện Quyết định 1234/QĐ-UBND và Chỉ thị số 21/CT-TTg của Thủ tướng Chính phủ."
    refs = parse(dispatch(body, header=header)).references
    assert [r.code for r in refs] == ["21/CT-TTg", "1234/QĐ-UBND"]
    assert refs[0].date == "2020-05-25"
    assert refs[1].kind == "Quyết định"


def test_a_code_ends_before_the_sentence_a_spaced_dash_opens():
    body = (
        "Căn cứ Tờ trình số 04/SS-CTDT - Thông tin về dự án; công văn số 3065/HQHP- Vướng mắc"
        " thủ tục; Thông báo số 118/TB-\nTCT ngày 5/3/2024; công văn số 12/CV- Liksin ngày"
        " 15/6/2018; Nghị định số 126/2020/NĐ- CP."
    )
    refs = parse(dispatch(body)).references
    assert [r.code for r in refs] == [
        "04/SS-CTDT", "3065/HQHP", "118/TB-TCT", "12/CV- Liksin", "126/2020/NĐ- CP"
    ]  # fmt: skip
    assert refs[3].date == "2018-06-15"


def test_the_documents_own_number_is_not_a_reference():
    body = "Công văn số 498/STTTT-TTBCBC này thay thế Công văn số 12/STTTT-TTBCBC."
    assert [r.code for r in parse(dispatch(body)).references] == ["12/STTTT-TTBCBC"]


def test_a_law_without_a_number_is_not_a_citation():
    body = "Căn cứ Luật Hải quan năm 2014 và Luật Ban hành văn bản số 80/2015/QH13."
    refs = parse(dispatch(body)).references
    assert [(r.kind, r.number, r.notation) for r in refs] == [("Luật", "80", "2015/QH13")]


def test_party_style_citations_and_dates_written_in_words():
    body = "Theo Kết luận số 174-KL/TW ngày 04 tháng 7 năm 2025 của Bộ Chính trị."
    ref = parse(dispatch(body)).references[0]
    assert (ref.number, ref.notation, ref.date, ref.issuer) == (
        "174", "KL/TW", "2025-07-04", "Bộ Chính trị"
    )  # fmt: skip


def test_a_date_and_issuer_standing_before_the_citation():
    body = "Ngày 04 tháng 03 năm 2020, Thủ tướng Chính phủ đã ban hành Chỉ thị số 11/CT-TTg về …"
    ref = parse(dispatch(body)).references[0]
    assert (ref.date, ref.issuer) == ("2020-03-04", "Thủ tướng Chính phủ")


def test_an_issuer_between_a_type_word_read_as_a_noun_and_the_one_naming_the_code():
    body = (
        "Căn cứ báo cáo của Sở Nội vụ tại Công văn số 1984/SNV-TCBC ngày 09/10/2025; thực hiện"
        " theo quy định tại Nghị định số 51/2010/NĐ-CP ngày 14/5/2010."
    )
    refs = parse(dispatch(body)).references
    assert [(r.kind, r.issuer) for r in refs] == [("Công văn", "Sở Nội vụ"), ("Nghị định", None)]


@pytest.mark.parametrize(
    ("sentence", "issuer"),
    [
        ("Theo đề nghị của Bộ Văn hóa, Thể thao và Du lịch tại Tờ trình số 159/TTr-BVHTTDL.",
         "Bộ Văn hóa, Thể thao và Du lịch"),  # a comma as in a name
        ("Theo ý kiến của Bộ Tài chính, đề nghị của Sở Y tế tại Tờ trình số 15/TTr-SYT.",
         "Sở Y tế"),  # a comma between two phrases
        ("Theo đề nghị của Bộ Văn hóa, Thể\n\nthao và Du lịch tại Tờ trình số 159/TTr-BVHTTDL.",
         "Bộ Văn hóa, Thể thao và Du lịch"),  # its words parted by a blank line
        ("Công văn số 514/BVHTTDL-KHTC ngày 21/1/2019 của Bộ Văn hóa, Thể\n\nthao và Du lịch.",
         "Bộ Văn hóa, Thể thao và Du lịch"),  # an issuer after the code
        ("Công văn số 1192/BVHTTDL-VHCS của Bộ Văn hóa, Thể thao\n\nvà Du lịch về bảo đảm.",
         "Bộ Văn hóa, Thể thao và Du lịch"),  # the blank line before `và`
    ],
)  # fmt: skip
def test_a_comma_as_in_a_name_belongs_to_a_citations_issuer(sentence, issuer):
    assert [r.issuer for r in parse(dispatch(sentence)).references] == [issuer]


def test_a_later_mention_gives_the_date_and_issuer_the_first_left_out():
    body = (
        "Triển khai Thông tư số 38/2015/TT-BTC. Theo Thông tư số 38/2015/TT-BTC ngày 25/3/2015"
        " của Bộ Tài chính quy định về thủ tục hải quan."
    )
    refs = parse(dispatch(body)).references
    assert [(r.date, r.issuer) for r in refs] == [("2015-03-25", "Bộ Tài chính")]


def test_an_issuer_before_a_citation_is_not_read_across_another_code():
    body = (
        "Theo đề nghị của Chủ tịch Hiệp hội tại Văn bản số 01/BC-HH ngày 28/6/2025 và Giám đốc"
        " Sở Nội vụ tại Tờ trình số 2114/TTr-SNV ngày 28/6/2025."
    )
    refs = parse(dispatch(body)).references
    assert [r.issuer for r in refs] == ["Chủ tịch Hiệp hội", None]


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Theo quy định tại Thông tư số 31/2021/TT-BTC.", ["Thông tư"]),
        ("Theo hướng dẫn tại công văn số 18304/BTC-TCHQ.", ["công văn"]),
        ("Tổng cục đã có công văn hướng dẫn số 7735/TCHQ-GSQL.", ["công văn"]),
        ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13.", ["Luật"]),
        (
            "Căn cứ Thông tư số 39/2014/TT-BTC ngày 31/3/2014 của Bộ Tài chính hướng dẫn thi hành"
            " Nghị định số 51/2010/NĐ-CP.",
            ["Thông tư", "Nghị định"],
        ),
        ("Ban hành Thông tư hướng dẫn Nghị định số 11/2020/NĐ-CP.", ["Nghị định"]),
        ("Dự thảo Tờ trình Nghị định theo mẫu số 02 của Nghị định số 187/2025/NĐ-CP.",
         ["Nghị định"]),
        ("Báo cáo, đề xuất phương án xử lý theo Công văn số 2769/UBND-NCKS.", ["Công văn"]),
        ("Theo hướng dẫn tại công\nvăn số 12/UBND-VX.", ["công văn"]),  # a name wrapped
        # a type word in an organisation's name is none
        ("Thực hiện ý kiến của Bộ Kế hoạch và Đầu tư và Công văn số 5315/TCHQ-ĐTCBL.",
         ["Công văn"]),
        ("Phòng Tài chính - Kế hoạch đã có văn bản số 12/TCKH.", ["văn bản"]),
        ("Ý kiến của Phòng Tài chính -\nKế hoạch huyện, Công văn số 17/STC-QLNS.", ["Công văn"]),
        ("Bãi bỏ Kế hoạch số 15/KH-UBND.", ["Kế hoạch"]),
        ("Theo ý kiến của Sở\nKế hoạch và Đầu tư và Văn bản số 4433/BYT-MT.", ["Văn bản"]),
    ],
)  # fmt: skip
def test_the_type_word_of_a_citation_is_the_one_that_names_it(sentence, kinds):
    assert [r.kind for r in parse(dispatch(sentence)).references] == kinds


def test_a_citations_date_as_ocr_reads_it():
    body = (
        "Căn cứ Thông tư 156/2013/TT-BTC ngày 6/1 1/2013 của Bộ Tài chính; Thông tư liên tịch số"
        " 12/2010/TTLT-KHĐT-BTC ngà”\n28/05/2010 giữa hai Bộ; Nghị định số 122/2016/NĐ-CP ngày,"
        " 01 tháng\n9 năm 2016; Thông tư số 78/2014/TT-BTC ngày ngày 18/6/2014."
    )
    assert [r.date for r in parse(dispatch(body)).references] == [
        "2013-11-06", "2010-05-28", "2016-09-01", "2014-06-18"
    ]  # fmt: skip


def test_a_citations_date_after_a_stop_before_ngay_in_small_letters():
    body = (
        "Căn cứ Nghị định số 18/2021/NĐ-CP.\nngày 11/3/2021 của Chính phủ; Quyết định số "
        "15/QĐ-TTg. Ngày 30/3/2021, Bộ Tài chính ban hành Thông tư."
    )
    refs = parse(dispatch(body)).references
    assert [(r.date, r.issuer) for r in refs] == [("2021-03-11", "Chính phủ"), (None, None)]


def test_a_number_glued_to_so_by_ocr():
    body = "Thực hiện Quyết định số12/QĐ-UBND; (kèm theo Công văn số4 9 8/STTTT-TTBCBC)."
    assert [r.code for r in parse(dispatch(body)).references] == ["12/QĐ-UBND"]  # not its own


def test_a_year_split_by_ocr_stays_in_the_notation():
    ref = parse(dispatch("Căn cứ Nghị định số 87/201 7/ND-CP ngày 5/9/2017.")).references[0]
    assert (ref.number, ref.notation, ref.kind) == ("87", "201 7/ND-CP", "Nghị định")


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [("Thực hiện 62/KH-BCĐ ngày 02/6/2020.", "Kế hoạch"), ("Theo 123/2013/ND-CP.", "Nghị định")],
)
def test_kind_from_the_notation_when_the_type_word_is_missing(sentence, kind):
    assert parse(dispatch(sentence)).references[0].kind == kind


# ---------------------------------------------------------------- tasks


def test_arabic_items_are_the_tasks_and_subitems_stay_inside():
    body = (
        "Sở đề nghị các cơ quan, đơn vị:\n\n"
        "1. Tăng cường tuyên truyền.\n\n"
        "2. Phối hợp kiểm tra, cụ thể.\n- rà soát nội dung;\n- báo cáo kết quả.\n\n"
        "3. Về chế độ báo cáo:\n\nThực hiện báo cáo định kỳ./."
    )
    tasks = parse(dispatch(body)).tasks
    assert [t.label for t in tasks] == ["1", "2", "3"]
    assert tasks[1].text == "Phối hợp kiểm tra, cụ thể. - rà soát nội dung; - báo cáo kết quả."
    assert tasks[2].text == "Thực hiện báo cáo định kỳ./."  # a heading is not part of the text
    assert all(t.addressee is None for t in tasks)


def test_roman_sections_holding_items_label_them_section_dot_item():
    body = (
        "I. NHIỆM VỤ TRƯỚC MẮT\n1. Rà soát văn bản.\n2. Báo cáo kết quả.\n"
        "II. NHIỆM VỤ LÂU DÀI\n1. Xây dựng kế hoạch."
    )
    assert [t.label for t in parse(dispatch(body)).tasks] == ["I.1", "I.2", "II.1"]


def test_roman_sections_without_items_are_themselves_tasks():
    body = "I. Kết quả\nĐạt yêu cầu.\nII. Kiến nghị\n1. Tăng cường.\n2. Bổ sung."
    assert [t.label for t in parse(dispatch(body)).tasks] == ["I", "II.1", "II.2"]


def test_a_question_opening_an_item_is_its_text_not_a_heading():
    task = first_task("Câu hỏi: Doanh nghiệp có được khấu trừ thuế không?\n\nTrả lời: Có.")
    assert task.text == "Câu hỏi: Doanh nghiệp có được khấu trừ thuế không? Trả lời: Có."


def test_a_sentence_opening_a_list_is_no_heading():
    task = first_task(
        "Giá tính thuế được quy định như sau:\n\na) Giá bán chưa có thuế;\n\nb) Giá nhập."
    )
    assert (task.addressee, task.text) == (
        None, "Giá tính thuế được quy định như sau: a) Giá bán chưa có thuế; b) Giá nhập."
    )  # fmt: skip


def test_a_heading_naming_an_organisation_is_the_addressee():
    body = (
        "1. Các cơ quan báo chí trên địa bàn tỉnh\n\nXây dựng chuyên trang, chuyên mục.\n\n"
        "2. Địa điểm làm thủ tục\n\nThực hiện theo quy định."
    )
    tasks = parse(dispatch(body)).tasks
    assert (tasks[0].addressee, tasks[0].text) == (
        "Các cơ quan báo chí trên địa bàn tỉnh", "Xây dựng chuyên trang, chuyên mục."
    )  # fmt: skip
    assert tasks[1].addressee is None  # a topic heading is not an addressee


@pytest.mark.parametrize(
    ("heading", "addressee"),
    [
        ("Các đoàn thanh tra, kiểm tra", "Các đoàn thanh tra, kiểm tra"),  # a list of names
        ("Các bộ, cơ quan trung ương thực hiện các nhiệm vụ sau", "Các bộ, cơ quan trung ương"),
    ],
)
def test_a_heading_naming_an_organisation_ends_at_its_verb_not_after_a_comma(heading, addressee):
    assert first_task(f"{heading}\n\nPhải xác định rõ.").addressee == addressee


@pytest.mark.parametrize(
    ("heading", "addressee"),
    [
        ("Quy định về nghĩa vụ thuế", None),  # not a fund (Quỹ)
        ("Bổ sung hướng dẫn về lập hóa đơn", None),  # not a ministry (Bộ)
        ("Báo cáo tài chính", None),  # not a newspaper (Báo)
        ("Công văn này thay thế Công văn số 6288/BYT-MT", None),  # not a portal (Cổng)
        ("Các công việc thực hiện năm 2023", None),
        ("Bộ Tài chính", "Bộ Tài chính"),
        ("Quỹ Bảo vệ môi trường", "Quỹ Bảo vệ môi trường"),
        ("Báo Kiên Giang", "Báo Kiên Giang"),
        ("Báo Cao Bằng", "Báo Cao Bằng"),  # a name that folds like a topic (`Báo cáo`)
        ("BÁO CÁO KẾT QUẢ", None),
        ("Bố cục của dự thảo", None),  # not a ministry (Bộ)
    ],
)
def test_a_topic_heading_that_folds_like_an_organisation_is_no_addressee(heading, addressee):
    assert first_task(f"{heading}\n\nThực hiện theo quy định hiện hành.").addressee == addressee


def test_a_heading_naming_an_organisation_ends_before_what_it_must_do():
    body = (
        "1. Các bộ, cơ quan trung ương và địa phương thực hiện các nhiệm vụ sau\n\n"
        "Rà soát các quy định.\n\n2. Công ty TNHH Dược phẩm Phúc Khang\n\nBáo cáo kết quả."
    )
    tasks = parse(dispatch(body)).tasks
    assert [t.addressee for t in tasks] == [
        "Các bộ, cơ quan trung ương và địa phương",
        "Công ty TNHH Dược phẩm Phúc Khang",  # `Dược` in a name, a capital: no verb
    ]


def test_a_verb_written_with_a_capital_inside_a_name_does_not_end_it():
    body = (
        "1. Công ty TNHH Dược phẩm Phúc Khang báo cáo kết quả.\n\n"
        "2. Các đơn vị thuộc Bộ Xây dựng tăng cường kiểm tra.\n\n"
        "3. Các đơn vị trực thuộc Sở Tập trung triển khai.\n\n"  # a sentence run on: no name
        "4. Sở Nội vụ Tổ chức các hình thức tuyên truyền."
    )
    assert [t.addressee for t in parse(dispatch(body)).tasks] == [
        "Công ty TNHH Dược phẩm Phúc Khang",
        "Các đơn vị thuộc Bộ Xây dựng",
        "Các đơn vị trực thuộc Sở",
        "Sở Nội vụ",
    ]


def test_a_case_is_no_school_and_a_name_holds_no_predicate():
    body = (
        "1. Trường hợp doanh nghiệp thực hiện dự án đầu tư có hồ sơ đề nghị hoàn thuế thì được"
        " hoàn thuế.\n\n2. Trường Đại học Cần Thơ tổ chức tập huấn.\n\n"
        "3. Bộ Xây dựng chủ trì, phối hợp với các bộ.\n\n"
        "4. Sở Nội vụ Thường xuyên theo dõi, nắm bắt dư luận.\n\n"  # a heading run onto its text
        "5. Công ty TNHH Vận tải Biển Đông Biểu dương, khen thưởng kịp thời.\n\n"
        "6. Ban Vận động tổ chức phát động."
    )
    assert [t.addressee for t in parse(dispatch(body)).tasks] == [
        None, "Trường Đại học Cần Thơ", "Bộ Xây dựng", "Sở Nội vụ",
        "Công ty TNHH Vận tải Biển Đông", "Ban Vận động",
    ]  # fmt: skip


def test_lead_ins_name_the_addressee():
    body = (
        "1. Đề nghị Phòng Văn hóa và Thông tin các huyện, thành phố: Đôn đốc, hướng dẫn.\n\n"
        "2. Giao Sở Tài chính chủ trì, phối hợp thẩm định.\n\n"
        "3. Các doanh nghiệp cung ứng dịch vụ bưu chính tăng cường kiểm tra.\n\n"
        "4. Đề nghị Doanh nghiệp cung cấp dịch vụ viễn thông: Chủ động xây dựng kế hoạch."
    )
    tasks = parse(dispatch(body)).tasks
    assert [(t.addressee, t.text) for t in tasks] == [
        ("Phòng Văn hóa và Thông tin các huyện, thành phố", "Đôn đốc, hướng dẫn."),
        ("Sở Tài chính", "chủ trì, phối hợp thẩm định."),
        ("Các doanh nghiệp cung ứng dịch vụ bưu chính", "tăng cường kiểm tra."),
        ("Doanh nghiệp cung cấp dịch vụ viễn thông", "Chủ động xây dựng kế hoạch."),
    ]


@pytest.mark.parametrize(
    ("item", "addressee"),
    [
        ("Tổng cục Thuế giới thiệu một số điểm mới về thuế.", "Tổng cục Thuế"),
        ("Bộ trưởng Bộ Tài chính quy định chi tiết khoản này.", "Bộ trưởng Bộ Tài chính"),
        ("Bộ Ngoại giao xin trân trọng thông báo kết quả.", "Bộ Ngoại giao"),
        # the issuer's lead-in after its name: the one it asks is the addressee
        ("Tổng cục Thuế đề nghị Cục Thuế các tỉnh, thành phố: rà soát.",
         "Cục Thuế các tỉnh, thành phố"),
        ("Tổng cục Thuế đề nghị Cục Thuế các tỉnh\n\n3.1. Rà soát hồ sơ.", "Cục Thuế các tỉnh"),
    ],
)  # fmt: skip
def test_the_organisation_that_opens_an_item_ends_at_its_verb(item, addressee):
    assert first_task(item).addressee == addressee


@pytest.mark.parametrize(
    ("item", "addressee"),
    [
        ("Các đơn vị được phân công chủ trì nhiệm vụ có trách nhiệm lập dự toán.",
         "Các đơn vị được phân công chủ trì nhiệm vụ"),
        ("Đề nghị Các đơn vị được phân công chủ trì nhiệm vụ: lập dự toán.",
         "Các đơn vị được phân công chủ trì nhiệm vụ"),
        # `được` the verb: another sentence, or a second duty after `và`
        ("Sở Tài chính được giao thẩm định. Các đơn vị có trách nhiệm phối hợp.", "Sở Tài chính"),
        ("Sở Tài chính được giao thẩm định và có trách nhiệm báo cáo.", "Sở Tài chính"),
    ],
)  # fmt: skip
def test_what_duoc_opens_names_which_organisation_up_to_its_duty(item, addressee):
    assert first_task(item).addressee == addressee


def test_a_section_lead_in_addresses_its_items():
    body = (
        "I. KẾT QUẢ\nĐạt yêu cầu.\nII. TỔ CHỨC THỰC HIỆN\n"
        "Giao Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan:\n"
        "1. Theo dõi, đôn đốc việc thực hiện.\n2. Tổng hợp kết quả."
    )
    tasks = parse(dispatch(body)).tasks
    assert [(t.label, t.addressee) for t in tasks] == [
        ("I", None), ("II.1", "Sở Nội vụ"), ("II.2", "Sở Nội vụ")
    ]  # fmt: skip


@pytest.mark.parametrize("mark", ["2", "- 2 -", "Trang 2/3", "\f2", "--- PAGE BREAK ---"])
def test_a_page_number_or_break_inside_an_item_is_not_its_text(mark):
    body = (
        f"1. Báo Kiên Giang tăng cường thông tin tuyên truyền về phòng chống\n{mark}\n"
        "dịch bệnh trên địa bàn.\n\n2. Đài Phát thanh phát sóng."
    )
    task = parse(dispatch(body)).tasks[0]
    assert (task.addressee, task.text) == (
        "Báo Kiên Giang", "tăng cường thông tin tuyên truyền về phòng chống dịch bệnh trên địa bàn."
    )  # fmt: skip


@pytest.mark.parametrize("mark", ["2", "- 2 -", "Trang 2/3"])
def test_an_item_holding_only_a_page_number_is_no_task(mark):
    body = f"1. Báo Kiên Giang đưa tin.\n\n2. {mark}\n\n3. Đài Phát thanh phát sóng."
    assert [task.label for task in parse(dispatch(body)).tasks] == ["1", "3"]


def test_deadlines():
    body = (
        "1. Báo cáo về Sở trước ngày 30/7/2020.\n\n2. Hoàn thành trong tháng 12/2025.\n\n"
        "3. Thực hiện thường xuyên."
    )
    assert [t.deadline for t in parse(dispatch(body)).tasks] == ["2020-07-30", "2025-12", None]


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("Báo cáo về Sở trước 16 giờ 30 phút, ngày 25/7/2020.", "2020-07-25"),
        ("Báo cáo về Sở trước 16h00 ngày 25/7/2020.", "2020-07-25"),
        ("Báo cáo về Sở trước thứ Sáu, ngày 25/7/2020.", "2020-07-25"),
        ("Báo cáo về Sở trước ngày 25 tháng 7 năm 2020.", "2020-07-25"),
        ("Báo cáo về Sở trong tháng 8 năm 2020.", "2020-08"),
        ("Thời hạn hoàn thành: ngày 25/7/2020.", "2020-07-25"),
        ("Báo cáo về Sở, hạn cuối ngày 25/7/2020.", "2020-07-25"),
        ("Đề xuất gia hạn thời gian tổ chức đại hội đến ngày 31/12/2020.", "2020-12-31"),
        ("Gia hạn nộp thuế đến hết ngày 30/9/2020.", "2020-09-30"),
        # a date before the day of issue (17/7/2020) states a condition, not a deadline
        ("Hồ sơ nộp trước ngày 01/7/2020 được giải quyết theo quy định cũ.", None),
        ("Người công tác trước ngày 30 tháng 4 năm 1975 được hưởng chế độ.", None),
    ],
)
def test_deadlines_with_an_hour_a_weekday_or_words(sentence, deadline):
    assert first_task(sentence).deadline == deadline


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("Rà soát, cụ thể: a) Cơ quan chủ trì: Sở Nội vụ; b) Thời gian thực hiện: Năm 2025.",
         "2025"),
        ("Tổng kết công tác. Thời gian hoàn thành: tháng 10/2025.", "2025-10"),
        ("Kiểm tra hồ sơ và hoàn thành trong năm 2025.", "2025"),
        # a time that starts, or a year the item only speaks of, is no deadline
        ("Thời gian thực hiện: Từ năm 2025.", None),
        ("Đẩy mạnh giải ngân vốn trong năm 2025.", None),
    ],
)  # fmt: skip
def test_a_labelled_time_gives_a_month_or_a_year_for_deadline(sentence, deadline):
    assert first_task(sentence).deadline == deadline


def test_a_deadline_wrapped_over_lines_or_spaced_out_is_read_with_single_spaces():
    body = (
        "1. Báo cáo về Sở trước\nngày   15 / 8 / 2021.\n\n2. Tổng hợp, hoàn thành trước  "
        "20-9-2021.\n\n3. Lập danh sách năm\n2021."
    )
    assert [t.deadline for t in parse(dispatch(body)).tasks] == ["2021-08-15", "2021-09-20", None]


def test_a_deadline_word_is_a_whole_word():
    # `han` ending `thanh` is no `hạn`: only the word itself opens a deadline
    body = "1. Kết quả thanh 12/3/2020 của đợt trước.\n\n2. Báo cáo, hạn 5/4/2021."
    assert [t.deadline for t in parse(dispatch(body)).tasks] == [None, "2021-04-05"]


def test_a_closing_formula_after_a_sentence_of_an_unbroken_last_item_is_cut():
    body = "1. Theo dõi việc thực hiện. Trên đây là nội dung   đề nghị các đơn vị thực hiện./."
    assert parse(dispatch(body)).tasks[0].text == "Theo dõi việc thực hiện."


def test_a_paragraph_in_small_letters_ends_the_sentence_a_page_broke_not_a_closing():
    body = (
        "1. Theo dõi.\n\n2. Cung cấp thông tin kịp thời khi có\n\nyêu cầu. Hướng dẫn các đài"
        " phát thông điệp./.\n\nYêu cầu các cơ quan, đơn vị thực hiện nghiêm túc./."
    )
    assert parse(dispatch(body)).tasks[1].text == (
        "Cung cấp thông tin kịp thời khi có yêu cầu. Hướng dẫn các đài phát thông điệp./."
    )


def test_items_quoted_from_another_text_are_not_tasks():
    body = (
        "Tại Điều 3 quy định:\n“Điều 3. Xác nhận chuyên gia\n1. Hồ sơ xác nhận.\n"
        "2. Thủ tục xác nhận.”\nCục Thuế trả lời để Công ty biết."
    )
    assert parse(dispatch(body)).tasks == []


def test_an_item_on_the_line_its_quotation_opens_is_a_task():
    body = (
        "1. Tại Điều 2 quy định về thu nhập.\n2. Tại Điều 15 quy định điều kiện: “1. Có hóa đơn\n"
        "2. Có chứng từ.”\nCông ty được khấu trừ.\n3. Về thuế TNCN\nCông ty kê khai."
    )
    assert [t.label for t in parse(dispatch(body)).tasks] == ["1", "2", "3"]


def test_a_quotation_that_ocr_closed_with_a_straight_quote_ends_there():
    body = (
        '1. Về thuế GTGT\nTại Điều 12 quy định:\n“1. Hồ sơ gồm tờ khai.\n2. Thời hạn nộp."\n'
        'Căn cứ quy định trên, Công ty được khấu trừ.\n2. Về thuế TNCN\nCông ty kê khai "thu nhập'
        ' khác" theo quy định.'
    )
    assert [t.label for t in parse(dispatch(body)).tasks] == ["1", "2"]


def test_a_document_of_articles_has_no_tasks():
    body = "QUYẾT ĐỊNH:\nĐiều 1. Phê duyệt danh sách.\n1. Ông A;\n2. Bà B.\nĐiều 2. Thi hành."
    assert parse(dispatch(body)).tasks == []


def test_the_closing_formula_is_not_part_of_the_last_item():
    body = (
        "1. Tăng cường tuyên truyền.\n\n2. Các doanh nghiệp tăng cường kiểm tra.\n\n"
        "Đề nghị các cơ quan, đơn vị thực hiện tốt các nội dung trên./."
    )
    assert parse(dispatch(body)).tasks[-1].text == "tăng cường kiểm tra."


@pytest.mark.parametrize(
    ("body", "text"),
    [
        # a web page's text: no blank line, each paragraph on its line, the closing one too
        ("1. Tăng cường tuyên truyền.\n2. Rà soát, đánh giá kết quả thực hiện.\n"
         "Đề nghị các cơ quan, đơn vị quan tâm, phối hợp triển khai thực hiện./.",
         "Rà soát, đánh giá kết quả thực hiện."),
        # where blank lines part paragraphs, a sentence's end parts none: the closing formula's
        # two sentences, over three lines, are one paragraph
        ("1. Tăng cường tuyên truyền.\n\n2. Rà soát kết quả.\n\n"
         "Yêu cầu các đơn vị thực hiện theo đúng hướng dẫn tại Công văn này.\nQuá trình thực "
         "hiện nếu có vướng mắc,\nbáo cáo về Sở để xem xét, giải quyết./.",
         "Rà soát kết quả."),
    ],
    ids=["a line a paragraph", "blank lines part them"],
)  # fmt: skip
def test_the_closing_formula_is_a_paragraph_of_its_own(body, text):
    assert parse(dispatch(body)).tasks[-1].text == text


def test_where_no_blank_line_parts_them_a_line_that_ends_short_ends_its_paragraph():
    # a heading on a line of its own above the item's text, which runs on (a web page's text):
    # an addressee, or a topic, either no part of the text
    body = (
        "1. Các đơn vị trực thuộc Sở\nXây dựng chuyên trang, chuyên mục, tăng thời lượng phát "
        "sóng các tin, bài phản ánh kết quả tại địa phương.\n2. Về thuế thu nhập cá nhân:\n"
        "Tại khoản 2 Điều 2 Thông tư số 111/2013/TT-BTC quy định các khoản thu nhập chịu thuế."
    )
    tasks = parse(dispatch(body)).tasks
    assert [(t.addressee, t.text[:22]) for t in tasks] == [
        ("Các đơn vị trực thuộc Sở", "Xây dựng chuyên trang,"),
        (None, "Tại khoản 2 Điều 2 Thô"),
    ]


def test_a_heading_in_capitals_is_no_part_of_its_sections_text():
    body = (
        "I. NHỮNG VIỆC CẦN LÀM NGAY\nBiểu dương các tập thể có thành tích.\n"
        "II. NHIỆM VỤ THƯỜNG\nXUYÊN\nKịp thời phản ánh khó khăn."
    )
    tasks = parse(dispatch(body)).tasks
    assert [t.text for t in tasks] == [
        "Biểu dương các tập thể có thành tích.",
        "Kịp thời phản ánh khó khăn.",
    ]


def test_an_acronym_a_sentence_wraps_onto_a_line_is_no_heading():
    task = first_task("Về hoàn thuế đối với hàng hóa chịu thuế\nGTGT 5%\nkết quả tổng kết.")
    assert task.text == "Về hoàn thuế đối với hàng hóa chịu thuế GTGT 5% kết quả tổng kết."


def test_a_sentence_that_ends_on_nhu_sau_names_no_addressee():
    task = first_task("Bộ Tài chính trình Chính phủ tiến độ như sau: - Tháng 5 trình dự án.")
    assert (task.addressee, task.text) == (
        None, "Bộ Tài chính trình Chính phủ tiến độ như sau: - Tháng 5 trình dự án."
    )  # fmt: skip


def test_one_number_skipped_by_the_source_is_tolerated():
    body = "1. Việc một.\n2. Việc hai.\n4. Việc bốn.\n9. Không phải mục."
    assert [t.label for t in parse(dispatch(body)).tasks] == ["1", "2", "4"]


@pytest.mark.parametrize(
    ("body", "labels"),
    [
        ("1. Việc một.\n2. Việc hai.\n§. Việc ba.", ["1", "2", "3"]),  # a digit read as §
        (
            "I. MỤC ĐÍCH\n1. Việc một.\nII. KINH PHÍ\nI. Kinh phí do ngân sách bảo đảm.\n"
            "2. Các cơ quan lập dự toán.",
            ["I.1", "II.1", "II.2"],
        ),  # `1.` read as `I.` in a section
    ],
)
def test_item_numbers_as_ocr_misreads_them(body, labels):
    assert [t.label for t in parse(dispatch(body)).tasks] == labels


# ---------------------------------------------------------------- Nơi nhận and signer


def test_distribution_entries_with_wrapped_lines_and_archive_last():
    footer = (
        "\nNơi nhận:\n- Như trên;\n- Vụ/Cục/Ban TCCB, đơn vị thường trực\n  cải cách hành chính;\n"
        "- Lưu: VT, CCHC.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nCao Huy\n"
    )
    doc = parse(dispatch("Nội dung./.", footer=footer))
    assert doc.distribution == [
        "Như trên", "Vụ/Cục/Ban TCCB, đơn vị thường trực cải cách hành chính", "Lưu: VT, CCHC"
    ]  # fmt: skip
    assert doc.signer.name == "Cao Huy"


@pytest.mark.parametrize(
    ("footer", "distribution", "name"),
    [
        pytest.param(
            "\nNơi nhận:\n- Như trên;\n- Phòng KT. để đối chiếu;\n- Lưu: VT.\n"
            "\nGIÁM ĐỐC\n\nLê Hải Yến\n",
            ["Như trên", "Phòng KT. để đối chiếu", "Lưu: VT"],
            "Lê Hải Yến",
            id="a signing form is followed by a capital, not by a marked small letter",
        ),
        pytest.param(
            "\nNơi nhận:\nNhư trên;\nThứ trưởng Đỗ Hoàng Anh Tuấn (để b/c);\nLưu: VT, DNL(2b)\n"
            "KT. TỔNG CỤC TRƯỞNG\nPHÓ TỔNG CỤC TRƯỞNG\n\nTrần Văn Phu\n",
            ["Như trên", "Thứ trưởng Đỗ Hoàng Anh Tuấn (để b/c)", "Lưu: VT, DNL(2b)"],
            "Trần Văn Phu",
            id="a list without marks",
        ),
        pytest.param(
            "\nKT. CỤC TRƯỞNG\nNơi nhận:\nTRƯỞNG PHÒNG TUYÊN TRUYỀN\n- Như trên;\n"
            "VÀ HỖ TRỢ NGƯỜI NỘP THUẾ\n- TCT (thay báo cáo);\n- Ban Tuyên giáo tỉnh ủy;\n"
            "Võ Thị Hải Yến\n- Lưu: VT, TTHT.\n",
            ["Như trên", "TCT (thay báo cáo)", "Ban Tuyên giáo tỉnh ủy", "Lưu: VT, TTHT"],
            "Võ Thị Hải Yến",
            id="the signature column read between the entries",
        ),
        pytest.param(
            "\nNơi nhận:\n- Như trên;\n- Lưu: VT, TTHT\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\n"
            "Mai Sơn\nPHỤ LỤC\n- Mẫu tờ khai;\n- Mẫu bảng kê.\n",
            ["Như trên", "Lưu: VT, TTHT"],
            "Mai Sơn",
            id="the list ends at the signature when no entry follows it",
        ),
        pytest.param(
            "\nNơi nhận: TL. TỔNG CỤC TRƯỞNG\n- Như trên; 7 KT. CỤC TRƯỞNG\n- Cục GSQL;\n"
            "- Lưu: VT, TXNK.\nPHÓ CỤC TRƯỞNG\n\nTrần Văn An\n",
            ["Như trên", "Cục GSQL", "Lưu: VT, TXNK"],
            "Trần Văn An",
            id="beside the signature column an entry ends at its semicolon",
        ),
        pytest.param(
            "\nNơi nhận: TM. CHÍNH PHỦ\n- Thủ tướng; THỦ TƯỚNG\n"
            "- Kiểm toán Nhà nước; . Nguyễn Tấn Dũng\n- Lưu: VT, KTTH.\n",
            ["Thủ tướng", "Kiểm toán Nhà nước", "Lưu: VT, KTTH"],
            "Nguyễn Tấn Dũng",
            id="the signer's name after an entry and a stop of the stamp",
        ),
        pytest.param(
            "\nTỔNG CỤC TRƯỞNG\nNơi nhận:\n- Như trên;\n- Vụ PC, CST;\n"
            "- Lưu: VT, PC (2b). Bùi Văn Nam\n",
            ["Như trên", "Vụ PC, CST", "Lưu: VT, PC (2b)"],
            "Bùi Văn Nam",
            id="the signer's name beside the Lưu entry, after its stop",
        ),
        pytest.param(
            "\nNơi nhận:\n- Như trên;\n- Lưu: VT, ĐMDN (2b). Trung Anh\n"
            "\nBỘ TRƯỞNG\n\nMai Tiến Dũng\n",
            ["Như trên", "Lưu: VT, ĐMDN (2b). Trung Anh"],
            "Mai Tiến Dũng",
            id="after the Lưu entry's stop, the drafter's name where the block names the signer",
        ),
        pytest.param(
            "\nNơi nhận: KT. CỤC TRƯỞNG\n- Như trên;\n¬ PTCT Vũ Ngọc Anh (để b/c); ——— VÀ\n"
            "- Lưu: VT, GQ4.\nPHÓ CỤC TRƯỞNG\n\nTrần Văn An\n",
            ["Như trên", "PTCT Vũ Ngọc Anh (để b/c)", "Lưu: VT, GQ4"],
            "Trần Văn An",
            id="a list mark as OCR reads a dash",
        ),
        pytest.param(
            "\nNơi nhận:\n- Như trên; c TRƯỞNG\n- Như Kính gửi; ra\n- Lưu: VT.\n\nTrần Văn An\n",
            ["Như trên", "Như Kính gửi", "Lưu: VT"],
            "Trần Văn An",
            id="the recipients above are an entry complete in itself",
        ),
        pytest.param(
            "\nNơi nhận:\n- Như trên; 2 ` .\n- Sở A; A\n- Các Cục: XNK;HC.\n- Lưu: VT.\n"
            "\nTrần Văn An\n",
            ["Như trên", "Sở A", "Các Cục: XNK;HC", "Lưu: VT"],
            "Trần Văn An",
            id="stamp scraps after an entry's semicolon, with a stop too",
        ),
        pytest.param(
            "\nNơi nhận:\n- Như trên;\n- Cơ quan TW trên địa bàn: ‹ r3\n- VPCP: BTCN, các PCN;\n"
            "- Lưu: VT.\n\nTrần Văn An\n",
            ["Như trên", "Cơ quan TW trên địa bàn", "VPCP: BTCN, các PCN", "Lưu: VT"],
            "Trần Văn An",
            id="stamp scraps after a colon that OCR read for the semicolon",
        ),
        pytest.param(
            "\nNơi nhận: TM. CHÍNH PHỦ\n- Ban Bí thư;\n- Văn phòng Quốc hội; THỦ TƯỚNG\n(Đã ký)\n"
            "- Kiểm toán Nhà nước; Nguyễn Tấn Dũng\n- Lưu: VT, KGVX (3b).\n",
            ["Ban Bí thư", "Văn phòng Quốc hội", "Kiểm toán Nhà nước", "Lưu: VT, KGVX (3b)"],
            "Nguyễn Tấn Dũng",
            id="the signed mark of the signature column between the entries",
        ),
        pytest.param(
            "\nNơi nhận: - Như Điều 3; - CT, các PCT UBND tỉnh; - Lưu: VT, VHXH.\n"
            "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn An\n",
            ["Như Điều 3", "CT, các PCT UBND tỉnh", "Lưu: VT, VHXH"],
            "Nguyễn Văn An",
            id="a crawl's list on the label's line",
        ),
        pytest.param(
            "\nNot nhận:\n- Như trên;\n- Phòng NH.\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\nMai Sơn\n",
            ["Như trên", "Phòng NH"],
            "Mai Sơn",
            id="the label as OCR reads Nơi",
        ),
        pytest.param(
            "\nNơi nhận: TM. CHÍNH PHỦ\n- Ban Bí thư Trung ương Đảng;\n\n--- PAGE BREAK ---\n\n"
            "--- PAGE 28 ---\n28\n- Thủ tướng, các Phó Thủ tướng Chính phủ; THỦ TƯỚNG\n"
            "ác Bộ, cơ quan ngang Bộ;\n- Lưu: Văn thư, KTTH (3b).\n\nNguyễn Tấn Dũng\n",
            [
                "Ban Bí thư Trung ương Đảng", "Thủ tướng, các Phó Thủ tướng Chính phủ",
                "ác Bộ, cơ quan ngang Bộ", "Lưu: Văn thư, KTTH (3b)",
            ],
            "Nguyễn Tấn Dũng",
            id="the list over a page break and its number, an entry whose mark OCR lost",
        ),
    ],
)  # fmt: skip
def test_distribution_lists_as_ocr_and_flattened_layouts_give_them(footer, distribution, name):
    doc = parse(dispatch("Nội dung./.", footer=footer))
    assert (doc.distribution, doc.signer.name) == (distribution, name)


def test_signature_block_beside_the_list_is_left_out_of_it():
    footer = (
        "\nNơi nhận:                                                  KT. GIÁM ĐỐC\n"
        "- Như trên;                                               PHÓ GIÁM ĐỐC\n"
        "- Lưu: VT, CCHC.\n\n\n"
        "                                                           Trần Hữu Tuấn\n"
    )
    doc = parse(dispatch("Nội dung./.", footer=footer))
    assert doc.distribution == ["Như trên", "Lưu: VT, CCHC"]
    assert doc.signer.to_json() == {
        "form": "KT", "authority": "GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Trần Hữu Tuấn"
    }  # fmt: skip


@pytest.mark.parametrize("mark", ["(đã ký)", "(Đã ký)", "(ký)", "(da ky)", "(DA KY)"])
def test_the_signed_mark_after_a_name_with_or_without_marks(mark):
    assert signer_of(f"PHO CHU TICH\nPhan Van Anh {mark}\n").name == "Phan Van Anh"


def test_signature_run_into_the_entries_by_ocr():
    footer = (
        "\nNơi nhận: KT. CỤC TRƯỞNG\n- Như trên; PHÓ CỤC TRƯỞNG\n- Lưu: VT, TTHT.\n"
        "Nguyễn Hồng Thái\n"
    )
    doc = parse(dispatch("Nội dung./.", footer=footer))
    assert doc.distribution == ["Như trên", "Lưu: VT, TTHT"]
    assert (doc.signer.form, doc.signer.title, doc.signer.name) == (
        "KT", "PHÓ CỤC TRƯỞNG", "Nguyễn Hồng Thái"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("block", "name"),
    [
        pytest.param(
            "KT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\n\nPHỤ LỤC\nBiểu 01: Tổng hợp kết quả\nSTT\n"
            "Cơ quan thuế\nSố tiền\nGhi chú\nDanh sách doanh nghiệp\nCông ty Hàn Quốc\n",
            None,
            id="no name under the title: a name far below is an appendix's",
        ),
        pytest.param(
            "KT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\n\n(Đã ký)\n\nKý bởi: Cục Thuế\n\nTrần Văn An\n",
            "Trần Văn An",
            id="a name under the title, stamps between",
        ),
    ],
)
def test_the_signers_name_stands_a_few_lines_under_the_title(block, name):
    footer = f"\n{block}"  # no Nơi nhận label: the block is read from the body's end
    assert parse(dispatch("Nội dung./.", footer=footer)).signer.name == name


def test_nested_signing_forms_keep_the_outer_form_and_the_own_title():
    signer = signer_of("TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\nTrịnh Ngọc Duệ\n")
    assert (signer.form, signer.authority, signer.title) == (
        "TL",
        "CHỦ TỊCH",
        "PHÓ CHÁNH VĂN PHÒNG",
    )


def test_an_ampersand_between_capitals_keeps_the_title_whole():
    signer = signer_of("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC SỞ VĂN HÓA & THỂ THAO\n\nTrần Văn An\n")
    assert (signer.title, signer.name) == ("PHÓ GIÁM ĐỐC SỞ VĂN HÓA & THỂ THAO", "Trần Văn An")


def test_a_head_signing_in_person_has_no_form():
    signer = signer_of("GIÁM ĐỐC\n(Đã ký)\n\nPhạm Thị Minh Hiếu\n")
    assert signer.to_json() == {
        "form": None, "authority": None, "title": "GIÁM ĐỐC", "name": "Phạm Thị Minh Hiếu"
    }  # fmt: skip


def test_a_signature_stamp_is_not_a_name():
    assert signer_of("GIÁM ĐỐC\n\nKý bởi: Sở Tư pháp\n").name is None


@pytest.mark.parametrize(
    "tail",
    ["Ngân hàng Phát triển Việt Nam", "Ủy ban Mặt trận Trung ương", "theo Nghị định", "Hà Nội"],
)
def test_a_place_or_a_title_ending_a_line_is_not_a_name(tail):
    assert signer_of(f"GIÁM ĐỐC\n\n{tail}\n").name is None


def test_a_copy_certificate_after_the_signature_is_another_document():
    footer = (
        "\nTM. ĐOÀN CHỦ TỊCH\nPHÓ CHỦ TỊCH\nPhan Văn Anh\n\n"
        "LIÊN ĐOÀN LAO ĐỘNG TP HÀ NỘI SAO LỤC\nSố: 17/SL-LĐLĐ\n\n"
        "Nơi nhận:\n- Các đơn vị;\n- Lưu VT.\n"
    )
    doc = parse(dispatch("Nội dung thứ nhất.\nNội dung thứ hai./.", footer=footer))
    assert doc.distribution == []
    assert doc.signer.name == "Phan Văn Anh"


# ---------------------------------------------------------------- converters' tables


def test_markdown_pipe_tables():
    text = (
        "|  |  |\n| --- | --- |\n"
        "| **ỦY BAN NHÂN DÂN**  **TỈNH BÌNH THUẬN**  Số: **1424**/QĐ-UBND | "
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  **Độc lập - Tự do - Hạnh phúc**  "
        "*Bình Thuận, ngày 30 tháng 6 năm 2025* |\n\n# QUYẾT ĐỊNH\n\n**Phê duyệt Điều lệ**\n\n"
        "**Điều 1.** Phê duyệt.\n\n|  |  |\n| --- | --- |\n"
        "| ***Nơi nhận:*** - Như Điều 3; - Phó CT UBND tỉnh;  - Lưu: VT, NCKS. | "
        "**KT. CHỦ TỊCH** **PHÓ CHỦ TỊCH**  **Nguyễn Hồng Hải** |\n"
    )
    doc = parse(text)
    assert doc.issuer.name == "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN"
    assert (doc.kind, doc.number, doc.notation, doc.date) == (
        "Quyết định", "1424", "QĐ-UBND", "2025-06-30"
    )  # fmt: skip
    assert doc.subject == "Phê duyệt Điều lệ"
    assert doc.distribution == ["Như Điều 3", "Phó CT UBND tỉnh", "Lưu: VT, NCKS"]
    assert (doc.signer.form, doc.signer.title, doc.signer.name) == (
        "KT", "PHÓ CHỦ TỊCH", "Nguyễn Hồng Hải"
    )  # fmt: skip


def test_a_blank_day_in_a_table_cell_is_no_paragraph_break():
    text = (
        "|  |  |\n| --- | --- |\n| UBND TỈNH LAI CHÂU  **SỞ Y TẾ** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA"
        " VIỆT NAM**  **Độc lập - Tự do - Hạnh phúc** |\n| Số: /TB-SYT | *Lai Châu, ngày  tháng 8"
        " năm 2026* |\n\n# THÔNG BÁO\n\n**Kết luận của lãnh đạo Sở**\n\nNội dung.\n"
    )
    assert (parse(text).place, parse(text).date) == ("Lai Châu", "2026-08")


def test_ascii_grid_tables():
    text = (
        "+--------------------+------------------------------------+\n"
        "| ỦY BAN NHÂN DÂN    | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "|                    |                                    |\n"
        "| TỈNH LÂM ĐỒNG      | Độc lập - Tự do - Hạnh phúc        |\n"
        "+====================+====================================+\n"
        "| Số: /UBND-NC       | Lâm Đồng, ngày tháng 3 năm 2026    |\n"
        "|                    |                                    |\n"
        "| V/v tham mưu xử lý |                                    |\n"
        "+--------------------+------------------------------------+\n\n"
        "Kính gửi: Sở Tài chính\n\nGiao Sở Tài chính nghiên cứu./.\n"
    )
    doc = parse(text)
    assert doc.issuer.name == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert (doc.notation, doc.date, doc.subject) == ("UBND-NC", "2026-03", "tham mưu xử lý")
    assert doc.recipients == ["Sở Tài chính"]


def test_web_crawl_with_everything_on_few_lines():
    text = (
        "VĂN PHÒNG CHÍNH PHỦ -------\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
        "Số: 2739/VPCP-ĐMDN V/v quy định về quản trị doanh nghiệp\n"
        "Hà Nội, ngày 05 tháng 04 năm 2019 Kính gửi: Bộ Kế hoạch và Đầu tư.\n"
        "Văn phòng Chính phủ thông báo để Bộ Kế hoạch và Đầu tư biết, thực hiện./.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT, ĐMDN (2b). BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng\n"
    )
    doc = parse(text)
    assert (doc.issuer.name, doc.number, doc.notation) == (
        "VĂN PHÒNG CHÍNH PHỦ",
        "2739",
        "VPCP-ĐMDN",
    )
    assert (doc.place, doc.date) == ("Hà Nội", "2019-04-05")
    assert doc.subject == "quy định về quản trị doanh nghiệp"
    assert doc.recipients == ["Bộ Kế hoạch và Đầu tư"]
    assert doc.distribution == ["Như trên", "Lưu: VT, ĐMDN (2b)"]
    assert (doc.signer.title, doc.signer.name) == ("BỘ TRƯỞNG, CHỦ NHIỆM", "Mai Tiến Dũng")


# ---------------------------------------------------------------- what is not a dispatch


@pytest.mark.parametrize("text", ["", "   \n\n", "12345 !!!", "Hôm nay trời đẹp."])
def test_text_that_is_no_dispatch_is_a_parse_error(text):
    with pytest.raises(ParseError):
        parse(text)


# ---------------------------------------------------------------- rules learnt from other layouts


@pytest.mark.parametrize(
    ("line", "parent", "name"),
    [
        ("UBND TỈNH LAI CHÂU SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "UBND TỈNH LAI CHÂU",
         "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
        ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI VỤ PHÁP CHẾ", "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
         "VỤ PHÁP CHẾ"),  # a ministry's department
        ("BỘ NỘI VỤ VỤ TỔ CHỨC CÁN BỘ", "BỘ NỘI VỤ", "VỤ TỔ CHỨC CÁN BỘ"),  # `vụ` of `Nội vụ`
        # a place's name: its first word is none (`VŨ`), nor its second (`PHÒNG`) where another
        # body follows; `PHÒNG THANH TRA` is a department's name too
        ("UBND HUYỆN VŨ THƯ PHÒNG TÀI CHÍNH - KẾ HOẠCH", "UBND HUYỆN VŨ THƯ",
         "PHÒNG TÀI CHÍNH - KẾ HOẠCH"),
        ("UBND THÀNH PHỐ HẢI PHÒNG SỞ Y TẾ", "UBND THÀNH PHỐ HẢI PHÒNG", "SỞ Y TẾ"),
        ("UBND THÀNH PHỐ HẢI PHÒNG THANH TRA THÀNH PHỐ", "UBND THÀNH PHỐ HẢI PHÒNG",
         "THANH TRA THÀNH PHỐ"),
        ("UBND THÀNH PHỐ HUẾ SỞ XÂY DỰNG", "UBND THÀNH PHỐ HUẾ", "SỞ XÂY DỰNG"),  # one word
    ],
)  # fmt: skip
def test_a_crawl_puts_parent_and_issuer_on_one_line(line, parent, name):
    header = HEADER.replace("UBND TỈNH KIÊN GIANG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG", line)
    issuer = parse(dispatch("Nội dung.", header=header)).issuer
    assert (issuer.parent, issuer.name) == (parent, name)


def test_recipients_run_onto_one_line():
    text = dispatch("Nội dung.").replace(
        "Kính gửi: Báo Kiên Giang", "Kính gửi: - Sở Tư pháp; - Sở Tài chính; - Công an tỉnh."
    )
    assert parse(text).recipients == ["Sở Tư pháp", "Sở Tài chính", "Công an tỉnh"]


def test_a_typed_subject_may_wrap_at_a_comma():
    header = typed_header(
        "TỜ TRÌNH\nĐề nghị ban hành Quy chế phối hợp trong công tác phổ biến,\n"
        "giáo dục pháp luật\n",
        "790/TTr-STC",
    )
    doc = parse(dispatch("Nhằm nâng cao hiệu quả, Sở kính trình.", header=header))
    assert (
        doc.subject
        == "Đề nghị ban hành Quy chế phối hợp trong công tác phổ biến, giáo dục pháp luật"
    )


def test_a_first_line_opening_like_the_body_is_no_subject():
    header = typed_header(
        "GIẤY MỜI\n\nThực hiện Chương trình công tác của Ủy ban nhân dân tỉnh tháng 01/2026,\n",
        "85/GM-UBND",
    )
    assert parse(dispatch("Ủy ban nhân dân tỉnh tổ chức họp.", header=header)).subject is None


@pytest.mark.parametrize("division", ["Chương I", "Chương L....", "Điều 1. Phạm vi điều chỉnh"])
def test_a_division_of_the_text_under_a_type_title_is_no_subject(division):
    header = typed_header(f"THÔNG TƯ\n\n{division}\n\nQUY ĐỊNH CHUNG\n", "219/2013/TT-BTC")
    assert parse(dispatch("Thông tư này hướng dẫn thuế.", header=header)).subject is None


@pytest.mark.parametrize(
    "first_line",
    [
        "Ủy ban nhân dân tỉnh trân trọng kính mời đại diện lãnh đạo các cơ quan dự hội nghị.",
        "Kính mời: Đại diện lãnh đạo các sở, ban, ngành",
    ],
)
def test_the_issuers_courtesy_under_a_type_title_is_no_subject(first_line):
    header = typed_header(f"GIẤY MỜI\n\n{first_line}\n", "85/GM-UBND")
    assert parse(dispatch("Thời gian: 08 giờ 00 phút.", header=header)).subject is None


def test_a_vv_subject_broken_by_blank_lines_continues_in_lower_case():
    header = HEADER.replace(
        "V/v tăng cường công tác thông tin\n",
        "V/v đề nghị cung cấp thông tin, tài\n\n\nliệu phục vụ\n",
    )
    assert parse(dispatch("Nội dung.", header=header)).subject == (
        "đề nghị cung cấp thông tin, tài liệu phục vụ"
    )


def test_legal_documents_have_their_type_titles():
    header = typed_header(
        "THÔNG TƯ\nHướng dẫn thực hiện phòng, chống thiên tai\n", "60/2020/TT-BKHCN"
    )
    doc = parse(dispatch("Căn cứ Luật Tổ chức Chính phủ;", header=header))
    assert (doc.kind, doc.notation) == ("Thông tư", "2020/TT-BKHCN")


def test_title_and_urgency_after_kinh_gui_in_a_header_table():
    text = (
        "|  |  |\n| --- | --- |\n"
        "| UBND TỈNH NGHỆ AN  **VĂN PHÒNG** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  "
        "**Độc lập - Tự do - Hạnh phúc** |\n"
        "| Số: 452/BC-VP | *Nghệ An, ngày    tháng 3 năm 2026* |\n"
        "| Kính gửi: | - Các sở, ban, ngành tỉnh;  - Ủy ban nhân dân các huyện. |\n\n"
        "**KHẨN**\n\n# BÁO CÁO\n\n**Tình hình phòng, chống bạo lực học đường**\n\n"
        "Triển khai kế hoạch, Văn phòng báo cáo như sau.\n"
    )
    doc = parse(text)
    assert (doc.kind, doc.urgency, doc.place, doc.date) == ("Báo cáo", "Khẩn", "Nghệ An", "2026-03")
    assert doc.subject == "Tình hình phòng, chống bạo lực học đường"
    assert doc.recipients == ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện"]


def test_organisations_named_by_an_acronym_but_not_headings_in_capitals():
    body = (
        "I. NHIỆM VỤ\n1. VNPT Bạc Liêu\n\nBảo đảm hạ tầng viễn thông.\n\n2. Viettel tăng cường.\n"
        "II. KINH PHÍ THỰC HIỆN\nTừ ngân sách."
    )
    tasks = parse(dispatch(body)).tasks
    assert [(t.label, t.addressee) for t in tasks] == [
        ("I.1", "VNPT Bạc Liêu"), ("I.2", None), ("II", None)
    ]  # fmt: skip


def test_an_organisation_followed_by_a_colon_is_the_addressee():
    body = "1. Các sở, ban, ngành tỉnh: Biểu dương, khen thưởng kịp thời.\n\n2. Báo cáo kết quả."
    task = parse(dispatch(body)).tasks[0]
    assert (task.addressee, task.text) == (
        "Các sở, ban, ngành tỉnh",
        "Biểu dương, khen thưởng kịp thời.",
    )


def test_a_surname_lu_is_a_name_and_the_archive_entry_is_not():
    footer = (
        "\nNơi nhận:\n- Như trên;\n- Lưu: VT, PC.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nLưu Bích Loan\n"
    )
    doc = parse(dispatch("Nội dung./.", footer=footer))
    assert doc.signer.name == "Lưu Bích Loan"
    assert doc.distribution == ["Như trên", "Lưu: VT, PC"]


def test_a_whole_signature_block_on_one_line():
    footer = (
        "\nNơi nhận:\n- Như trên;\n- Lưu: VT, KT. TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG "
        "PHÓ CHÁNH VĂN PHÒNG Đặng Thị Vân\n"
    )
    doc = parse(dispatch("Nội dung./.", footer=footer))
    assert doc.distribution == ["Như trên", "Lưu: VT, KT"]
    signer = doc.signer
    assert (signer.form, signer.authority) == ("TL", "CHỦ TỊCH")
    assert (signer.title, signer.name) == ("PHÓ CHÁNH VĂN PHÒNG", "Đặng Thị Vân")


@pytest.mark.parametrize(
    ("last_entry", "entry", "signer"),
    [
        ("Lưu: VT, KT. CHỦ TỊCH Vũ Hữu Dũng", "Lưu: VT, KT",
         (None, None, "CHỦ TỊCH", "Vũ Hữu Dũng")),
        ("Lưu: VT, P. KT. Đỗ Ngọc Nam", "Lưu: VT, P. KT", (None, None, None, "Đỗ Ngọc Nam")),
        ("Lưu: VT, VP. KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Hồ Tiến Hòa", "Lưu: VT, VP",
         ("KT", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hồ Tiến Hòa")),
    ],
)  # fmt: skip
def test_kt_after_the_archive_entrys_comma_is_a_unit_not_a_form(last_entry, entry, signer):
    doc = parse(dispatch("Nội dung./.", footer=f"\nNơi nhận:\n- Như trên;\n- {last_entry}\n"))
    assert doc.distribution == ["Như trên", entry]
    assert (doc.signer.form, doc.signer.authority, doc.signer.title, doc.signer.name) == signer


def test_an_appendix_after_a_signature_without_a_name_gives_it_nothing():
    signer = signer_of(
        "KT. TỔNG CỤC TRƯỞNG\n\n--- PAGE BREAK ---\n\nPhụ lục\nGIỚI THIỆU NỘI DUNG MỚI\n"
        "THÔNG TƯ SỐ 40/2021/TT-BTC CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH\n"
    )
    assert (signer.form, signer.authority, signer.title) == ("KT", "TỔNG CỤC TRƯỞNG", None)


def test_a_collective_body_signing_with_tm():
    signer = signer_of("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn An\n")
    assert (signer.form, signer.authority, signer.title) == ("TM", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    signer = signer_of("TM. ĐOÀN CHỦ TỊCH\nPHÓ CHỦ TỊCH\nPhan Văn Anh\n")
    assert (signer.authority, signer.title) == ("ĐOÀN CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_a_citing_issuer_ends_at_a_verb_not_at_a_word_that_folds_like_one():
    body = (
        "Thực hiện Công văn số 29/BTC-NSNN ngày 29/4/2020 của Bộ Tài chính, đề nghị; "
        "Công văn số 11/BHXH-QLT của Bảo hiểm xã hội tỉnh về việc thu; "
        "Công văn số 803/SVHTTDL-VP của Sở Văn hóa, Thể thao và Du lịch về lễ hội; "
        "Công văn số 7/PNV của Phòng Nội vụ thị xã tại hội nghị."
    )
    assert [r.issuer for r in parse(dispatch(body)).references] == [
        "Bộ Tài chính",
        "Bảo hiểm xã hội tỉnh",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Phòng Nội vụ thị xã",
    ]


@pytest.mark.parametrize(
    ("sentence", "issuer"),
    [
        ("Quyết định số 1187/QĐ-BNV của Bộ trưởng Bộ Nội vụ và xét Báo cáo số 228/BC-SNV.",
         "Bộ trưởng Bộ Nội vụ"),
        ("Công văn số 11/HQ của Cục Hải quan tỉnh và Văn bản số 726/BHXH-QLT.",
         "Cục Hải quan tỉnh"),
        ("(theo Quyết định số 607/QĐ-UBND của Ủy ban nhân dân tỉnh Lâm Đồng) thành Đội.",
         "Ủy ban nhân dân tỉnh Lâm Đồng"),
        ("Thông tư số 219/2013/TT-BTC ngày 31/12/2013 của Bộ Tài chính hướng\ndẫn thi hành.",
         "Bộ Tài chính"),
        ("Công văn số 5/BCT của Bộ Công Thương, Sở Tài nguyên và Môi trường về việc hỗ trợ.",
         "Bộ Công Thương"),
        ("NGHỊ ĐỊNH SỐ 121/2011/NĐ-CP CỦA CHÍNH PHỦ\n\nCăn cứ Luật Thuế giá trị gia tăng;",
         "CHÍNH PHỦ"),
        ("Trả lời công văn số 12/CT-TTHT của Cục Thuế tỉnh Quảng Ngãi xin ý kiến về thuế.",
         "Cục Thuế tỉnh Quảng Ngãi"),
        ("Công văn số 98/HQBD của Cục Hải quan tỉnh Bình Dương nêu vướng mắc về thủ tục.",
         "Cục Hải quan tỉnh Bình Dương"),
        ("Công văn số 3/CT-TTHT của Cục Thuế tỉnh Nghệ An và phản ánh của một số Cục Thuế.",
         "Cục Thuế tỉnh Nghệ An"),
        ("Thông tư số 04/2007/TT-BTM của Bộ Thương mại và các văn bản hướng dẫn có liên quan.",
         "Bộ Thương mại"),
        ("Thông tư số 85/2011/TT-BTC ngày 17/6/2011 của Bộ Tài chính như sau:", "Bộ Tài chính"),
        ("Thông tư số 156/2013/TT-BTC của Bộ Tài chính và không thuộc trường hợp từ chối.",
         "Bộ Tài chính"),
        ("Quyết định số 520/QĐ-BTC của Bộ trưởng Bộ Tài chính đảm bảo cơ sở pháp lý.",
         "Bộ trưởng Bộ Tài chính"),
        ("Công văn số 33/HĐTV-TCKT của Tổng công ty Cảng Hàng không Việt Nam về nộp thuế.",
         "Tổng công ty Cảng Hàng không Việt Nam"),
        ("Nghị định số 30/2012/NĐ-CP ngày 12/4/2012 của Chính phủ vê tổ chức lễ hội.", "Chính phủ"),
        ("Quyết định số 508/QĐ-TTg của Thủ tướng Chính phủ với nội dung xây dựng ngành thuế.",
         "Thủ tướng Chính phủ"),
        ("Nghị định số 26/2015/NĐ-CP của Chính phủ được đóng một lần.", "Chính phủ"),
        ("Quyết định số 142/2008/QĐ-TTg của Thủ tướng Chính phủ hoặc văn bản thay thế.",
         "Thủ tướng Chính phủ"),
        ("Công văn số 333/CTGLA của Cục Thuế tỉnh Gia Lai liên quan đến giao dịch liên kết.",
         "Cục Thuế tỉnh Gia Lai"),
        ("Công văn số 2409/SMV của Công ty TNHH Shin - Etsu Việt Nam đề ngày 24/9/2020.",
         "Công ty TNHH Shin - Etsu Việt Nam"),
        ("Nghị định số 90/2007/NĐ-CP của Chính phủ và khoản 5 Điều 3 Luật Quản lý ngoại thương.",
         "Chính phủ"),
        ("Quyết định số 1806/QĐ-TCCB của Hiệu trưởng Trường Đại học Luật đối với các đề tài.",
         "Hiệu trưởng Trường Đại học Luật"),
        ("Kết luận số 19-KL/TW của Bộ Chính trị và Đề án Định hướng xây dựng pháp luật.",
         "Bộ Chính trị"),
        ("Công văn số 5/BKHĐT của Bộ Kế hoạch và Đầu tư về đầu tư công.", "Bộ Kế hoạch và Đầu tư"),
    ],
    ids=["và before a type word", "và before Văn bản", "a bracket", "a verb wrapped", "a body",
         "the next paragraph's Căn cứ", "xin", "nêu", "và before what ends it",
         "và các văn bản", "như sau", "không", "đảm bảo", "hàng không of a name",
         "vê as OCR reads về", "với", "được", "hoặc", "liên quan", "đề ngày", "và khoản",
         "đối với", "và a type word with a capital", "và in a name"],
)  # fmt: skip
def test_a_citing_issuer_ends_before_another_citation_a_bracket_or_another_body(sentence, issuer):
    assert parse(dispatch(sentence)).references[0].issuer == issuer


@pytest.mark.parametrize(
    ("sentence", "issuer"),
    [
        (
            "Công văn số 3/CV-CTBK của Công ty Tư vấn Chuyển giao Công nghệ về việc hoàn thuế.",
            "Công ty Tư vấn Chuyển giao Công nghệ",
        ),
        ("Công văn số 7/STC của Sở Tài chính chuyển đến Sở.", "Sở Tài chính"),
    ],
)
def test_chuyen_ends_a_citing_issuer_in_small_letters_only(sentence, issuer):
    assert parse(dispatch(sentence)).references[0].issuer == issuer


def test_a_citing_issuer_in_a_text_without_marks_ends_at_the_words_they_hid():
    body = (
        "Theo cong van so 12/UBND-VX cua Chinh phu ve to chuc; cong van so 5/BHXH cua Bao hiem"
        " xa hoi tinh hoi y kien; cong van so 7/CA cua Cuc Bao ve chinh tri ve viec thu; cong van"
        " so 9/VT cua Cong ty Van tai Dau khi tai Ha Noi; cong van so 3/UB cua UBND thi xa thi"
        " chua co."
    )
    assert [r.issuer for r in parse(dispatch(body)).references] == [
        "Chinh phu", "Bao hiem xa hoi tinh", "Cuc Bao ve chinh tri", "Cong ty Van tai Dau khi",
        "UBND thi xa",
    ]  # fmt: skip


def test_a_citing_issuer_in_the_subject_ends_before_kinh_gui():
    header = HEADER.replace(
        "V/v tăng cường công tác thông tin", "V/v triển khai Nghị quyết số 76/NQ-CP của Chính phủ"
    )
    refs = parse(dispatch("Nội dung.", header=header)).references
    assert [(r.code, r.issuer) for r in refs] == [("76/NQ-CP", "Chính phủ")]


def test_a_compound_authority_and_the_prime_minister_signing_in_person():
    signer = signer_of("KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\n\nNguyễn Văn An\n")
    assert (signer.authority, signer.title) == ("BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM")
    signer = signer_of("THỦ TƯỚNG\n\nNguyễn Văn An\n")
    assert (signer.form, signer.title, signer.name) == (None, "THỦ TƯỚNG", "Nguyễn Văn An")


def test_post_offices_and_telecom_companies_are_organisations():
    body = "1. Bưu điện tỉnh Kiên Giang:\n\nBảo đảm thông tin.\n\n2. Viettel Bình Thuận\n\nHỗ trợ."
    assert [t.addressee for t in parse(dispatch(body)).tasks] == [
        "Bưu điện tỉnh Kiên Giang",
        "Viettel Bình Thuận",
    ]


def test_village_units_after_cac_are_organisations():
    body = "1. Đề nghị các thôn, tổ dân phố bố trí cán bộ đầu mối.\n\n2. Báo cáo kết quả."
    assert parse(dispatch(body)).tasks[0].addressee == "các thôn, tổ dân phố"


def test_roman_headings_without_the_space_ocr_lost_and_repeated_numerals():
    body = (
        "I.MỤC ĐÍCH\nNâng cao hiệu quả.\nII. NHIỆM VỤ\n1. Rà soát.\n"
        "II. KINH PHÍ\nTừ ngân sách.\nII. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Nội vụ theo dõi."
    )
    assert [t.label for t in parse(dispatch(body)).tasks] == ["I", "II.1", "III", "IV.1"]


def test_a_heading_run_onto_its_first_sub_item():
    body = "1. Văn phòng Ủy ban nhân dân tỉnh a) Rà soát, thống kê. b) Báo cáo.\n\n2. Khác."
    task = parse(dispatch(body)).tasks[0]
    assert (task.addressee, task.text) == (
        "Văn phòng Ủy ban nhân dân tỉnh", "a) Rà soát, thống kê. b) Báo cáo."
    )  # fmt: skip


def test_a_list_whose_label_ocr_garbled_is_still_the_distribution():
    footer = (
        "\nANH b tim                        KT. GIÁM ĐỐC\n- Như trên;\n- Giám đốc SNV;\n"
        "- Lưu: VT, CCHC.\n\nTrần Hữu Tuấn\n"
    )
    doc = parse(dispatch("Nội dung./.", footer=footer))
    assert doc.distribution == ["Như trên", "Giám đốc SNV", "Lưu: VT, CCHC"]
    assert (doc.signer.form, doc.signer.name) == ("KT", "Trần Hữu Tuấn")


def test_a_line_of_hundreds_of_bars_is_text_not_a_table():
    text = dispatch("Nội dung.") + "| " + " | ".join(["ô"] * 120) + " |\n"
    doc = parse(text)
    assert doc.number == "498"  # the dispatch is read as usual; the bars line is left as text


def test_a_date_line_left_blank_gives_the_place_and_no_date():
    doc = parse(
        dispatch("Nội dung.", header=HEADER.replace("ngày 17 tháng 7 năm 2020", "ngày  tháng  năm"))
    )
    assert doc.place and doc.date is None
