"""Vietnamese text: normal form, tone placement, search folding, converter debris."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congvan.document import vntext
from congvan.document.vntext import (
    canonical_tones,
    clean,
    fold,
    fold_same_length,
    letter_cases,
    nfc,
    same_words,
)


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


@given(
    st.text(alphabet=ALPHABET + "“”…§€ơƯƣ—\u0301\u0323\u034f\u05b4ÅåøЙй가", max_size=60) | st.text()
)
def test_fold_is_its_definition_on_any_text(text):
    assert fold(text) == _fold_by_definition(text)


def test_clean_removes_converter_debris_and_keeps_the_words():
    text = (
        "**KT. GIÁM ĐỐC**\r\nNơi nhận: *ML*\n\n\n\n- Lưu: VT\\-TTBCXB\u00a0(Hà)\n"
        '__Độc lập \\- Tự do__ <a id="_Hlk1"></a>xong'
    )
    assert clean(text) == "KT. GIÁM ĐỐC\nNơi nhận:\n\n- Lưu: VT-TTBCXB (Hà)\nĐộc lập - Tự do xong\n"


def test_clean_keeps_a_bold_word_of_capitals_that_a_stray_scrap_is_not():
    assert clean("**UY** **BAN NHAN DAN** *ML* **SO** x") == "UY BAN NHAN DAN  SO x\n"


def test_clean_drops_invisible_characters_and_evens_spaces_in_every_normal_form():
    # an NFKC text (the spaces of other widths are not) is still searched for invisible
    # characters; a decomposed one is composed line by line
    assert clean("Sở\u200b Thông\u00adtin\ufeff") == "Sở Thôngtin\n"
    assert clean("Sở\u2003Thông\u3000tin") == "Sở Thông tin\n"
    assert clean("Sô\u0301 1\nSở\u00a0Nội\u200bvụ") == "Số 1\nSở Nộivụ\n"
    # an ellipsis, which NFKC changes, is kept, and so are the texts around it read
    assert clean("Ngày……\u00a0tháng\u200b…") == "Ngày…… tháng…\n"
    assert clean("Nga\u0300y…\nSở\u3000Nội\u200bvụ…") == "Ngày…\nSở Nộivụ…\n"


@given(st.text(alphabet="aoưĐ \n\u0301\u0300\u0323\u0304\u212b\u00a0\u200b…", max_size=40))
def test_clean_composes_a_text_as_nfc_does_whatever_lines_hold_marks(text):
    # the lines with a Vietnamese mark apart are composed first; a text still not in NFC (another
    # mark, the Ångström sign) is composed whole
    assert clean(text) == clean(unicodedata.normalize("NFC", text))


def test_clean_keeps_a_tab_as_a_column_gap():
    assert clean("TỔNG CỤC THUẾ\tCỘNG HÒA") == "TỔNG CỤC THUẾ    CỘNG HÒA\n"


# The one-byte codec that folds common texts, against the general fold it stands in for.
_CODEC = vntext._CODEC_CHARACTERS


def test_the_codec_folds_each_of_its_characters_as_the_general_fold_does():
    for ch in _CODEC:
        for text in (ch, ch + "“", "Ấ" + ch + "Ω", ch + "\u212a"):
            assert fold_same_length(text) == vntext._fold_any(text), repr(text)


_OUTSIDE = "↑¿ØñÄðΩ\u0301中\xa0K½¡¬"


@given(st.text(alphabet=_CODEC, max_size=60), st.text(alphabet=_OUTSIDE, max_size=4))
def test_a_text_with_a_few_characters_outside_the_codec_folds_as_the_general_fold(common, odd):
    text = common[:30] + odd + common[30:]
    assert fold_same_length(text) == vntext._fold_any(text)


@given(st.text(alphabet=_CODEC + _OUTSIDE + "\0", max_size=200))
def test_any_share_of_characters_outside_the_codec_and_nul_fold_as_the_general_fold(text):
    # NUL marks the others in the encoded text: one written in the text is none of them
    assert vntext.fold_and_common(text) == (vntext._fold_any(text), not set(text) - set(_CODEC))


@given(st.text(alphabet=_CODEC + "ǅΩω中", max_size=60))
def test_letter_cases_counts_capitals_and_small_letters(text):
    assert letter_cases(text) == (sum(map(str.isupper, text)), sum(map(str.islower, text)))


def test_nfc_composes_a_text_decomposed_in_some_of_its_lines_only():
    text = "Độc lập\n" + unicodedata.normalize("NFD", "Hạnh phúc") + "\n\u0301a"
    assert nfc(text) == unicodedata.normalize("NFC", text) == "Độc lập\nHạnh phúc\n\u0301a"


def test_a_text_of_common_characters_has_no_digit_beyond_ascii():
    assert not [ch for ch in _CODEC if ch.isdecimal() and not ch.isascii()]
    assert vntext.fold_and_common("Số ٣/UBND") == ("so ٣/ubnd", False)
    assert vntext.fold_and_common("Số 3/UBND “Đ”") == ("so 3/ubnd “d”", True)
