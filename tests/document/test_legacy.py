"""Legacy Vietnamese encodings: tables, round trips, detection, repair."""

from __future__ import annotations

import codecs
import gzip
import re
import unicodedata
from pathlib import Path

import pytest

from congvan.document.errors import UnreadableFile
from congvan.document.legacy import (
    ENCODINGS,
    decode_bytes,
    decode_legacy,
    detect_encoding,
    detect_legacy_text,
    encode_legacy,
    is_vietnamese_syllable,
    repair_legacy_text,
)

TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
LOWER = [unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in TONES] + list(
    "ăâêôơưđ"
)
UPPER = [letter.upper() for letter in LOWER]
DISPATCH = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc.\n"
    "Thực hiện Kế hoạch số 112/KH-UBND ngày 29/6/2020 của UBND tỉnh về việc tuyên truyền, "
    "Sở Thông tin và Truyền thông đề nghị các cơ quan, đơn vị tăng cường công tác phòng, "
    "chống dịch bệnh; khuyến cáo người dân thực hiện các biện pháp được hướng dẫn.\n"
)
CHARMAPS = Path("/usr/share/i18n/charmaps")


def test_there_are_134_letters_to_check():
    assert len(set(LOWER + UPPER)) == 134


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_lower_case_letter_round_trips(encoding):
    for letter in LOWER:
        text = f"độc lập {letter} nam"
        assert decode_legacy(encode_legacy(text, encoding), encoding) == text, letter


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_upper_case_letter_round_trips_among_capitals(encoding):
    for letter in UPPER:
        text = f"ĐỘC LẬP {letter} NAM"
        assert decode_legacy(encode_legacy(text, encoding), encoding) == text, letter


@pytest.mark.parametrize("encoding", ["vni", "cp1258", "viscii"])
def test_every_letter_alone_round_trips_where_the_encoding_has_capitals(encoding):
    for letter in LOWER + UPPER:
        assert decode_legacy(encode_legacy(letter, encoding), encoding) == letter


def test_tcvn3_writes_upper_case_toned_letters_with_the_lower_case_code():
    assert encode_legacy("Ộ", "tcvn3") == encode_legacy("ộ", "tcvn3") == b"\xe9"
    assert encode_legacy("ĐƯ", "tcvn3") == b"\xa7\xa6"


def test_tcvn3_bytes_match_the_usual_vntime_text():
    text = "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert encode_legacy(text, "tcvn3").decode("cp1252") == "Céng hoµ x· héi chñ nghÜa ViÖt Nam"


def test_vni_bytes_match_the_usual_vni_times_text():
    text = "Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do, được, tỉnh, quỹ"
    assert encode_legacy(text, "vni").decode("cp1252") == (
        "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam, Ñoäc laäp - Töï do, ñöôïc, tænh, quyõ"
    )


def test_viscii_and_cp1258_bytes():
    assert encode_legacy("Việt Ẳ", "viscii") == b"Vi\xaet \x02"
    assert encode_legacy("Việt", "cp1258") == b"Vi\xea\xf2t"


def _charmap(name: str) -> dict[int, str]:
    path = CHARMAPS / f"{name}.gz"
    if not path.exists():
        pytest.skip(f"{path} is not installed")
    table = {}
    for line in gzip.open(path, "rt", encoding="latin-1"):
        match = re.match(r"<U([0-9A-F]+)>\s+/x([0-9a-f]{2})\s", line)
        if match:
            table[int(match.group(2), 16)] = chr(int(match.group(1), 16))
    return table


def test_viscii_matches_the_glibc_charmap():
    charmap = _charmap("VISCII")
    assert {b: decode_legacy(bytes([b]), "viscii") for b in range(256)} == charmap


def test_tcvn3_high_half_matches_glibc_tcvn5712_1():
    charmap = _charmap("TCVN5712-1")
    for byte in range(0xA0, 0x100):
        assert decode_legacy(b"x" + bytes([byte]), "tcvn3") == unicodedata.normalize(
            "NFC", "x" + charmap[byte]
        ), hex(byte)


def test_tcvn3_reads_0x80_to_0x9f_as_windows_punctuation():
    assert decode_legacy(b"\x93a\x94 \x96 \x85", "tcvn3") == "“a” – …"


def test_vni_accepts_a_mark_in_the_other_case():
    assert decode_legacy("VIEÄT Nam, Vieät".encode("cp1252"), "vni") == "VIỆT Nam, Việt"


def test_encode_strict_and_replace():
    with pytest.raises(UnicodeEncodeError):
        encode_legacy("Straße", "tcvn3")
    assert encode_legacy("a–b", "viscii", errors="replace") == b"a?b"
    with pytest.raises(ValueError):
        encode_legacy("a", "koi8-r")


# --- decode_bytes --------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_decode_bytes_detects_each_legacy_encoding(encoding):
    data = encode_legacy(DISPATCH, encoding, errors="replace")
    assert detect_encoding(data) == encoding
    assert decode_bytes(data) == unicodedata.normalize("NFC", DISPATCH)


def test_cp1258_output_is_nfc():
    text = decode_bytes(encode_legacy(DISPATCH, "cp1258"))
    assert not any(unicodedata.combining(ch) for ch in text)


def test_decode_bytes_utf8_and_boms():
    assert decode_bytes("Việt Nam".encode()) == "Việt Nam"
    assert decode_bytes(codecs.BOM_UTF8 + "Việt".encode()) == "Việt"
    assert decode_bytes("Việt".encode("utf-16")) == "Việt"
    assert decode_bytes(codecs.BOM_UTF16_BE + "Việt".encode("utf-16-be")) == "Việt"


def test_decode_bytes_utf16_without_bom():
    assert decode_bytes("Công văn số 12".encode("utf-16-le")) == "Công văn số 12"


def test_decode_bytes_normalises_nfd_utf8_to_nfc():
    assert decode_bytes(unicodedata.normalize("NFD", "Việt").encode()) == "Việt"


def test_decode_bytes_falls_back_to_cp1252_for_western_text():
    text = "Le café est déjà prêt à côté de l’hôtel, über schön."
    assert decode_bytes(text.encode("cp1252")) == text
    assert detect_encoding(text.encode("cp1252")) == "cp1252"


def test_decode_bytes_rejects_binary_with_path():
    with pytest.raises(UnreadableFile) as caught:
        decode_bytes(b"\x00\x01\x02binary\x00\xff", path="x.txt")
    assert caught.value.path == "x.txt"
    assert "bảng mã" in caught.value.message


def test_decode_bytes_of_nothing_is_empty():
    assert decode_bytes(b"") == ""


# --- Unicode text typed in a legacy font ---------------------------------------------------


def test_detects_and_repairs_tcvn3():
    text = "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
    assert detect_legacy_text(text) == "tcvn3"
    assert repair_legacy_text(text) == "Cộng hoà xã hội chủ nghĩa Việt Nam"


def test_detects_and_repairs_vni():
    text = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"
    assert detect_legacy_text(text) == "vni"
    assert repair_legacy_text(text) == "Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_tcvn3_capitals_get_upper_case_toned_letters():
    text = "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM\n§éc lËp - Tù do - H¹nh phóc"
    assert repair_legacy_text(text) == (
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Tôi là ai, và là gì? Bà Thu nói: chào cô, cám ơn.",
        "Tôi là ai, và là gì? Bà Thu nói: chào cô.",
        unicodedata.normalize("NFD", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        "Plain ASCII, no accents at all.",
        "Le café est déjà prêt à côté de l’hôtel.",
        "",
    ],
)
def test_genuine_text_is_left_alone(text):
    assert detect_legacy_text(text) is None
    assert repair_legacy_text(text) is text


def test_mixed_text_repairs_only_the_legacy_lines():
    text = "Cộng hòa xã hội chủ nghĩa Việt Nam\nTh\u00adêng xuyªn kiÓm tra, ®«n ®èc thùc hiÖn"
    assert repair_legacy_text(text) == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam\nThường xuyên kiểm tra, đôn đốc thực hiện"
    )


def test_repair_with_a_forced_encoding():
    assert repair_legacy_text("Vieät", encoding="vni") == "Việt"
    with pytest.raises(ValueError):
        repair_legacy_text("x", encoding="viscii")


@pytest.mark.parametrize(
    "word", ["nghĩa", "NGƯỜI", "được", "khuỷu", "quốc", "giếng", "hoặc", "thuở", "ý", "Uỷ"]
)
def test_vietnamese_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["héi", "hoµ", "Coäng", "hoc", "hàt", "café", "été", "fỹr"])
def test_not_vietnamese_syllables(word):
    assert not is_vietnamese_syllable(word)


# Independent copies of the tables (TCVN 5712:1993 VN3, VNI-Windows, RFC 1456) for the letters
# in the order of LOWER (+ UPPER): a second source, so a typo in legacy.py's tables fails here
# even where the glibc charmaps are not installed.
TCVN3_LOWER_HEX = (
    "b5 b8 b7 b6 b9 bb be bd bc c6 c7 ca c9 c8 cb cc d0 cf ce d1 d2 d5 d4 d3 d6 d7 dd dc d8 de "
    "df e3 e2 e1 e4 e5 e8 e7 e6 e9 ea ed ec eb ee ef f3 f2 f1 f4 f5 f8 f7 f6 f9 fa fd fc fb fe "
    "a8 a9 aa ab ac ad ae"
)
VNI_LOWER = (
    "aø aù aõ aû aï aè aé aü aú aë aà aá aã aå aä eø eù eõ eû eï eà eá eã eå eä ì í ó æ ò "
    "oø où oõ oû oï oà oá oã oå oä ôø ôù ôõ ôû ôï uø uù uõ uû uï öø öù öõ öû öï yø yù yõ yû î "
    "aê aâ eâ oâ ô ö ñ"
)
VISCII_HEX = (
    "e0 e1 e3 e4 d5 a2 a1 c7 c6 a3 a5 a4 e7 a6 a7 e8 e9 a8 eb a9 ab aa ad ac ae ec ed ee ef b8 "
    "f2 f3 f5 f6 f7 b0 af b2 b1 b5 b6 be de b7 fe f9 fa fb fc f8 d7 d1 e6 d8 f1 cf fd db d6 dc "
    "e5 e2 ea f4 bd df f0 c0 c1 c3 c4 80 82 81 05 02 83 85 84 06 86 87 c8 c9 88 cb 89 8b 8a 8d "
    "8c 8e cc cd ce 9b 98 d2 d3 a0 99 9a 90 8f 92 91 93 96 95 b3 97 94 d9 da 9d 9c 9e bb ba ff "
    "bc b9 9f dd 19 14 1e c5 c2 ca d4 b4 bf d0"
)


def test_tcvn3_codes_of_every_letter():
    assert encode_legacy("".join(LOWER), "tcvn3") == bytes.fromhex(TCVN3_LOWER_HEX)
    assert decode_legacy(bytes.fromhex(TCVN3_LOWER_HEX), "tcvn3") == "".join(LOWER)


def test_vni_sequences_of_every_letter():
    upper = " ".join(seq.upper() for seq in VNI_LOWER.split())
    expected = f"{VNI_LOWER} {upper}"
    assert encode_legacy(" ".join(LOWER + UPPER), "vni").decode("cp1252") == expected
    assert decode_legacy(expected.encode("cp1252"), "vni") == " ".join(LOWER + UPPER)


def test_viscii_codes_of_every_letter():
    assert encode_legacy("".join(LOWER + UPPER), "viscii") == bytes.fromhex(VISCII_HEX)
    assert decode_legacy(bytes.fromhex(VISCII_HEX), "viscii") == "".join(LOWER + UPPER)


# found by `make fuzz`: patterns that read a long run again from each of its starts
LONG_RUNS = {
    "a long line before the only high byte": b"a" * 1_000_000 + b"\n\xff",
    "a run of TCVN3 capitals": b"\xf5" * 1_000_000 + b"n",
}


@pytest.mark.parametrize("name", list(LONG_RUNS))
def test_decoding_work_grows_linearly(name):
    import time

    from congvan.document.vntext import decode_bytes

    def cpu(data: bytes) -> float:
        start = time.process_time()
        try:
            decode_bytes(data)
        except UnreadableFile:
            pass
        return time.process_time() - start

    big = LONG_RUNS[name]
    small = big[: len(big) // 10] + big[-2:]
    assert cpu(big) < 100 * max(min(cpu(small) for _ in range(3)), 0.005)
