"""Vietnamese text: normal form, tone placement, search folding, converter debris."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congvan.document.vntext import canonical_tones, clean, fold, fold_same_length, nfc, same_words


def test_nfd_input_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", "Việt Nam")
    assert decomposed != "Việt Nam"
    assert nfc(decomposed) == "Việt Nam"


@pytest.mark.parametrize(
    ("new_style", "old_style"),
    [("hoà", "hòa"), ("thuý", "thúy"), ("Hoà Bình", "Hòa Bình"), ("uỷ ban", "ủy ban"),
     ("HOÀ", "HÒA"), ("khoẻ", "khỏe"), ("Thuỵ", "Thụy")],
)  # fmt: skip
def test_both_tone_placements_have_one_form(new_style, old_style):
    assert canonical_tones(new_style) == old_style
    assert canonical_tones(old_style) == old_style
    assert same_words(new_style, old_style)


@pytest.mark.parametrize(
    "word", ["quý", "giá", "hoàng", "người", "khuya", "xoáy", "thuở", "quốc", "giữa", "Nguyễn"]
)
def test_tone_placement_is_kept_where_both_styles_agree(word):
    assert canonical_tones(word) == word


@pytest.mark.parametrize(
    ("text", "key"),
    [("lừa đảo", "lua dao"), ("Đài Phát thanh", "dai phat thanh"), ("hòa", "hoa"), ("hoà", "hoa"),
     ("Độc lập – Tự do", "doc lap - tu do"), ("ĐỒNG", "dong")],
)  # fmt: skip
def test_fold_drops_marks_maps_d_and_lowers(text, key):
    assert fold(text) == key


VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + "0123456789 .,;:/-–\n"


@given(st.text(alphabet=ALPHABET))
def test_fold_same_length_keeps_length_and_agrees_with_fold(text):
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    assert folded == fold(text)
    assert folded.isascii()


@given(st.text(alphabet=ALPHABET + "“”…§€ơƯ\u0301", max_size=80), st.text(max_size=20))
def test_fold_same_length_slices_any_text_one_character_for_one(vietnamese, other):
    # letters the fold cannot make plain (quotes, symbols, other scripts) stay in place
    text = nfc(vietnamese + other)
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    for ch, key in zip(text, folded, strict=True):
        if ch in ALPHABET:
            assert key == fold(ch)


@given(st.text(alphabet=ALPHABET + "“”…§€ƣƯ—≠\u212a\u0301ЙØß", max_size=60))
def test_fold_same_length_folds_each_letter_alone_beside_a_quote(text):
    # with a character that decomposition leaves out (a quote) the table folds the text one
    # character at a time, whether read whole or in runs
    folded = fold_same_length(text + "“")
    assert folded == "".join(fold_same_length(ch + "“")[0] for ch in text) + "“"


def test_fold_same_length_decomposes_a_text_it_keeps_one_for_one():
    # `≠` decomposes to `=` and a mark; beside a quote the table keeps it (as the fold always did)
    assert fold_same_length("Ấ≠b") == "a=b"
    assert fold_same_length("Ấ≠b“") == "a≠b“"


def _fold_by_definition(text: str) -> str:
    dashes = {chr(c) for c in (*range(0x2010, 0x2016), 0x2212)}
    plain = {"đ": "d", "Đ": "d", "ƣ": "u", "Ƣ": "u"} | dict.fromkeys(dashes, "-")
    decomposed = unicodedata.normalize("NFD", "".join(plain.get(ch, ch) for ch in text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@given(st.text(alphabet=ALPHABET + "“”…§€ơƯƣ—\u0301\u0323\u05b4ÅåøЙй가", max_size=60) | st.text())
def test_fold_is_its_definition_on_any_text(text):
    assert fold(text) == _fold_by_definition(text)


def test_clean_removes_converter_debris_and_keeps_the_words():
    text = (
        "**KT. GIÁM ĐỐC**\r\nNơi nhận: *ML*\n\n\n\n- Lưu: VT\\-TTBCXB\u00a0(Hà)\n"
        '__Độc lập \\- Tự do__ <a id="_Hlk1"></a>xong'
    )
    assert clean(text) == "KT. GIÁM ĐỐC\nNơi nhận:\n\n- Lưu: VT-TTBCXB (Hà)\nĐộc lập - Tự do xong\n"


def test_clean_keeps_a_tab_as_a_column_gap():
    assert clean("TỔNG CỤC THUẾ\tCỘNG HÒA") == "TỔNG CỤC THUẾ    CỘNG HÒA\n"
