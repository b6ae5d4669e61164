"""Vietnamese text handling: normal forms, tone placement, search folding and debris cleaning.

- ``nfc``: the form every stored or compared string is in.
- ``canonical_tones``: one spelling for both tone placements (``hoà`` → ``hòa``, ``thuý`` →
  ``thúy``), the old style that Decree 30 documents and the seeds use.
- ``fold``: the search key (no diacritics, ``đ`` → ``d``, lower case, dashes unified).
- ``clean``: removes what converters leave in the text (Markdown emphasis and escapes, HTML
  anchors, non-breaking and zero-width spaces, runs of blank lines) without touching the words.
- ``decode_bytes`` / ``repair_legacy_text``: legacy 8-bit encodings (``congvan.document.legacy``).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from operator import itemgetter
from typing import Final

__all__ = [
    "CAPITALS",
    "SMALLS",
    "canonical_tones",
    "clean",
    "decode_bytes",
    "fold",
    "fold_and_common",
    "fold_same_length",
    "letter_cases",
    "nfc",
    "repair_legacy_text",
    "same_words",
]

# The Latin letters with their marks, capitals and small ones apart, as the contents of a
# pattern's character class: the range À-Ỹ holds both (`đ`, `ư` in it would make `Nghị định`,
# `Trung ương` names).
_MARKED_LETTERS: Final = [chr(c) for c in range(0xC0, 0x1EFA) if chr(c).isalpha()]
CAPITALS: Final = "A-Z" + "".join(ch for ch in _MARKED_LETTERS if ch.isupper())
SMALLS: Final = "a-z" + "".join(ch for ch in _MARKED_LETTERS if ch.islower())

# The five tone marks as combining characters (grave, acute, tilde, hook above, dot below).
_TONES: Final = "\u0300\u0301\u0303\u0309\u0323"
# Vowel qualities that take the tone before any other vowel of the syllable.
_MARKED: Final = "ăâêôơư"
_VOWELS: Final = "aăâeêioôơuưy"
_WORD: Final = re.compile(r"[^\W\d_]+")
_DASHES: Final = re.compile(r"[\u2010-\u2015\u2212]")


# The marks a decomposed Vietnamese text holds (tones, then breve, circumflex and horn).
_VIETNAMESE_MARKS: Final = "\u0301\u0300\u0303\u0309\u0323\u0302\u0306\u031b"


def nfc(text: str) -> str:
    # normalize returns NFC text itself after a quick check; is_normalized first would
    # normalize a text that is not twice
    return unicodedata.normalize("NFC", _compose_marked_lines(text))


def _compose_marked_lines(text: str) -> str:
    """The text with each line that holds a Vietnamese mark apart from its letter in NFC, the
    other lines as they are (the text itself where none does). Composing is slow, and most
    decomposed texts are a few marks that a PDF or OCR left in a line or two: a line break
    composes with nothing, so the other lines are not read again."""
    spans: set[tuple[int, int]] = set()
    for mark in _VIETNAMESE_MARKS:
        at = text.find(mark)
        while at != -1:
            start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
            end = len(text) if end == -1 else end
            spans.add((start, end))
            at = text.find(mark, end)
    if not spans:
        return text
    pieces: list[str] = []
    done = 0
    for start, end in sorted(spans):
        pieces += (text[done:start], unicodedata.normalize("NFC", text[start:end]))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def decode_bytes(data: bytes, *, path: str | None = None) -> str:
    """Bytes of a text file (UTF-8, UTF-16 or a legacy 8-bit encoding) → NFC text."""
    from congvan.document import legacy

    return legacy.decode_bytes(data, path=path)


def repair_legacy_text(text: str) -> str:
    """Text typed in a legacy font (TCVN3, VNI) and read as Latin-1 → proper Unicode."""
    from congvan.document import legacy

    return legacy.repair_legacy_text(text)


def _tone_position(letters: str, has_final: bool) -> int | None:
    """Index of the vowel that carries the tone in old-style spelling, for lower-case bases."""
    start = 0
    if letters.startswith("qu"):
        start = 2
    elif letters.startswith("gi") and len(letters) > 2 and letters[2] in _VOWELS:
        start = 2
    else:
        while start < len(letters) and letters[start] not in _VOWELS:
            start += 1
    end = start
    while end < len(letters) and letters[end] in _VOWELS:
        end += 1
    nucleus = range(start, end)
    if not nucleus:
        return None
    for i in reversed(nucleus):  # ươ → ơ: the last marked vowel wins
        if letters[i] in _MARKED:
            return i
    if has_final or len(nucleus) == 3:
        return nucleus[1] if len(nucleus) == 3 else nucleus[-1]
    return nucleus[0]


def _retone_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) != 1:
        return word
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    lower = bare.lower()
    vowel_end = max((i for i, ch in enumerate(lower) if ch in _VOWELS), default=-1)
    if vowel_end < 0:
        return word
    position = _tone_position(lower, has_final=vowel_end < len(lower) - 1)
    if position is None:
        return word
    toned = unicodedata.normalize("NFC", bare[position] + tones[0])
    return nfc(bare[:position] + toned + bare[position + 1 :])


def canonical_tones(text: str) -> str:
    """The text with every syllable's tone mark where the old (Decree 30) style puts it."""
    return _WORD.sub(lambda m: _retone_word(m.group()), nfc(text))


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        base = base.lower()
        if len(base) == 1 and base != ch:
            table[code] = base
    table[ord("đ")] = table[ord("Đ")] = "d"
    table[ord("ƣ")] = table[ord("Ƣ")] = "u"  # PDF text layers put Ƣ (OI) where Ư was typed
    for code in [*range(0x2010, 0x2016), 0x2212]:
        table[code] = "-"
    return table


_FOLD_TABLE: Final = _build_fold_table()


def _plain_letters(text: str) -> bytes:
    """The text decomposed and its marks dropped: at most one ASCII character for one."""
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore")


def _build_unfoldable() -> re.Pattern:
    """A character whose decomposition is not the plain letter the table gives it (quotes,
    dashes, symbols, other scripts, stray marks): the table alone folds it."""
    plain = "".join(
        chr(code)
        for code, base in _FOLD_TABLE.items()
        if code > 0x7F and _plain_letters(chr(code)).lower() == base.encode()
    )
    return re.compile(f"([^\\x00-\\x7fđĐ{plain}])")


_UNFOLDABLE: Final = _build_unfoldable()


# The characters of nearly every text (ASCII without its rare control codes, the Vietnamese
# letters, common quotes and dashes) fit in one byte each: one charmap encoding, a bytes
# translation and a decoding fold them in C, a third of the work of decomposing the text.
_KEPT_MARKS: Final = "“”‘’„…⁄§‹›«»©®°€•"  # unfoldable: the fold keeps them as they are
_DASH_MARKS: Final = "–—"
_OI: Final = "ƣƢ"  # folded to u by the table (a PDF's Ư)


def _build_fold_codec() -> tuple[str, bytes, str]:
    vowels = "aeiouyăâêôơư"
    letters = sorted({nfc(v + t) for v in vowels for t in ("", *_TONES)} - set(vowels[:6]))
    letters += ["đ"]
    letters += [ch.upper() for ch in letters]
    # NUL stays at 0, or charmap_build makes a dict, as slow as str.translate
    ascii_codes = [i for i in range(0x80) if i in (0, 9, 10, 11, 12, 13) or 0x20 <= i < 0x7F]
    spare = [i for i in range(0x80) if i not in ascii_codes]
    kept = list(range(0x80, 0x80 + len(_KEPT_MARKS)))
    others = [*range(0x80 + len(_KEPT_MARKS), 0x100), *spare]
    decoding = ["\ufffe"] * 256  # undefined
    encoding = decoding.copy()  # every byte is given a character: none maps U+FFFE
    folded = bytearray(256)
    for i in ascii_codes:
        encoding[i] = decoding[i] = chr(i)
        folded[i] = ord(chr(i).lower())
    for i, ch in zip(kept, _KEPT_MARKS, strict=True):
        encoding[i] = decoding[i] = ch
        folded[i] = i
    for i, ch in zip(others, [*letters, *_DASH_MARKS, *_OI], strict=True):
        encoding[i] = ch
        folded[i] = ord(_FOLD_TABLE[ord(ch)])
    return "".join(encoding), bytes(folded), "".join(decoding)


_CODEC_CHARACTERS, _FOLD_BYTES, _FOLD_DECODING = _build_fold_codec()
_FOLD_ENCODING: Final = codecs.charmap_build(_CODEC_CHARACTERS)
# Above one character in 16 outside the codec, folding them one by one in Python costs more
# than decomposing the whole text (both give the same fold).
OUTSIDE_CODEC_SHARE: Final = 16
# Encoding errors handled by writing NUL (which the codec encodes as byte 0) for each character
# outside the codec: the bytes then say where those characters stand, found by `bytes.find` in C.
_MARK_OUTSIDE: Final = "congvan-fold-outside"


def _mark_outside(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)  # (the fold only encodes)
    return "\0" * (error.end - error.start), error.end


codecs.register_error(_MARK_OUTSIDE, _mark_outside)


def _folded_bytes(encoded: bytes) -> str:
    encoded = encoded.translate(_FOLD_BYTES)
    if encoded.isascii():
        return encoded.decode("ascii")
    return codecs.charmap_decode(encoded, "strict", _FOLD_DECODING)[0]


def _build_case_bytes() -> bytes:
    table = bytearray(b"." * 256)
    for i, ch in enumerate(_CODEC_CHARACTERS):
        if ch.isupper():
            table[i] = ord("U")
        elif ch.islower():
            table[i] = ord("l")
    return bytes(table)


_CASE_BYTES: Final = _build_case_bytes()


def letter_cases(text: str) -> tuple[int, int]:
    """(capitals, small letters) in the text: ``str.isupper`` and ``str.islower`` counted."""
    # a text of the fold codec's characters is counted in bytes, in C
    encoded = codecs.charmap_encode(text, "ignore", _FOLD_ENCODING)[0]
    if len(encoded) == len(text):
        cases = encoded.translate(_CASE_BYTES)
        return cases.count(b"U"), cases.count(b"l")
    return sum(map(str.isupper, text)), sum(map(str.islower, text))


def fold_same_length(text: str) -> str:
    """``fold`` of NFC text, one character for one, so a match in the result slices the input."""
    return fold_and_common(text)[0]


def fold_and_common(text: str) -> tuple[str, bool]:
    """``fold_same_length(text)``, and whether the text is made of common characters only (ASCII,
    the Vietnamese letters, usual quotes and dashes): then its digits are the ASCII ones."""
    if text.isascii():
        return text.lower(), True
    encoded = codecs.charmap_encode(text, _MARK_OUTSIDE, _FOLD_ENCODING)[0]
    if 0 not in encoded:  # (most texts: a scan at memchr's speed, where counting is not)
        return _folded_bytes(encoded), True
    outside = encoded.count(0)
    if "\0" in text:
        outside -= text.count("\0")
    if not outside:
        return _folded_bytes(encoded), True
    if outside * OUTSIDE_CODEC_SHARE > len(text):
        return _fold_any(text), False
    return _fold_outside_codec(text, encoded), False


def _fold_outside_codec(text: str, marked: bytes) -> str:
    # A few other characters: the text is folded by the codec and each of them by itself, one
    # character for one as `_fold_any` folds it (decomposing the whole text would cost more)
    places = []
    at = marked.find(0)
    while at >= 0:
        if text[at] != "\0":
            places.append(at)
        at = marked.find(0, at + 1)
    folded = _folded_bytes(marked)
    pieces: list[str] = []
    start = 0
    for at in places:
        ch = text[at]
        if _UNFOLDABLE.match(ch):
            pieces += (folded[start:at], ch.translate(_FOLD_TABLE))
        else:
            pieces += (folded[start:at], _plain_letters(ch).decode("ascii").lower())
        start = at + 1
    pieces.append(folded[start:])
    return "".join(pieces)


def _fold_any(text: str) -> str:
    # Decomposing and dropping the marks runs in C, ten times the speed of the table. When it
    # keeps one character for one it folds the whole text; otherwise it folds the runs between
    # the characters that only the table folds (found by one scan), and the table those.
    plain = text.replace("đ", "d").replace("Đ", "D") if "đ" in text or "Đ" in text else text
    pieces = _UNFOLDABLE.split(plain)
    if len(pieces) == 1 or all(len(_plain_letters(ch)) == 1 for ch in pieces[1::2]):
        return _plain_letters(plain).decode("ascii").lower()
    for k in range(0, len(pieces), 2):
        pieces[k] = _plain_letters(pieces[k]).decode("ascii").lower()
    for k in range(1, len(pieces), 2):
        pieces[k] = pieces[k].translate(_FOLD_TABLE)
    return "".join(pieces)


def fold(text: str) -> str:
    """Search key: letters without diacritics, ``đ`` → ``d``, lower case, ``-`` for dashes."""
    if text.isascii():
        return text.lower()
    # whole-text passes in C: the letters without a decomposition first, then every letter
    # decomposed (NFD of any form of the text is the same) and its marks dropped with ASCII
    # encoding, piece by piece between the rare characters that are neither: quotes, symbols
    # and other scripts are kept as they are, without their marks
    for letter, plain in _UNDECOMPOSED:
        if letter in text:
            text = text.replace(letter, plain)
    pieces = _OTHER.split(unicodedata.normalize("NFD", text))
    for k in range(0, len(pieces), 2):
        pieces[k] = pieces[k].encode("ascii", "ignore").decode("ascii")
    for k in range(1, len(pieces), 2):
        if unicodedata.combining(pieces[k]):
            pieces[k] = ""
    return "".join(pieces).lower()


_UNDECOMPOSED: Final = [("đ", "d"), ("Đ", "d"), ("ƣ", "u"), ("Ƣ", "u")] + [
    (chr(code), "-") for code in (*range(0x2010, 0x2016), 0x2212)
]
# a character that is neither ASCII nor a Latin mark, kept by split (U+034F, the grapheme
# joiner, is no mark: its combining class is 0)
_OTHER: Final = re.compile(r"([^\x00-\x7f\u0300-\u034e\u0350-\u036f])")


def same_words(a: str, b: str) -> bool:
    """Equal up to Unicode form, tone placement, case and dash style."""

    def key(s: str) -> str:
        return _DASHES.sub("-", canonical_tones(s)).casefold()

    return key(a) == key(b)


_SPACES: Final = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
_INVISIBLE: Final = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# the characters of each class and of both: looking for each one in turn is cheaper than one
# class scan
_INVISIBLE_CHARACTERS: Final = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ODD_SPACING: Final = (
    "\u00a0\u202f\u3000" + "".join(map(chr, range(0x2000, 0x200B))) + _INVISIBLE_CHARACTERS
)
_HTML_TAG: Final = re.compile(
    r"</?(?:a|span|br|p|div|u|b|i|strong|em|sup|sub|font)\b[^<>\n]*>", re.I
)
# Each pattern starts with its literal mark, so the engine skips to it (a lookbehind first would
# run at every position of the text).
_EMPHASIS: Final = re.compile(r"\*\*\*?|__")
# An emphasised scrap of one to three capitals (`*ML*`): a converter's leftover, not text; a
# bold word (`**UY** **BAN NHAN DAN**` of a text without marks) is text.
_STRAY_SCRAP: Final = re.compile(r"\*(?<![\w*]\*)([A-ZĐ]{1,3})\*(?![\w*])")
_SINGLE_STAR: Final = re.compile(r"\*(?<![\w*]\*)(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ESCAPE: Final = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~=\"'/:;,&%$@^])")
_BLANK_RUNS: Final = re.compile(r"\n\n\n+")  # opening with its literal: the engine skips to it
# what replaces a match by its first group: in C, where the template `\1` runs Python code for
# each match
_FIRST_GROUP: Final = itemgetter(1)


def clean(text: str) -> str:
    """Text as a person reads it: converter debris gone, lines and words kept as written."""
    # A text in NFKC is in NFC, and holds no space of another width (each decomposes to a
    # space): for most texts one quick check in C stands for NFC's and the search for those
    # spaces; the invisible characters are still looked for
    if text.isascii():
        odd = ""
    else:
        # (the lines with marks apart first, not by the check's whole-text normalizing)
        text = _compose_marked_lines(text)
        # the ellipsis of a blank field (`……`) is what NFKC changes (to three stops) in most
        # texts that are not NFKC: with a stop for it, they pass the quick check as well
        if unicodedata.is_normalized("NFKC", text.replace("…", ".") if "…" in text else text):
            odd = _INVISIBLE_CHARACTERS
        else:  # (NFC returns a composed text itself, after its quick check)
            text = unicodedata.normalize("NFC", text)
            odd = _ODD_SPACING
    # each pass is skipped when its marker is absent: most texts need few of them (a search for
    # one character runs at memchr's speed, for two or more at a fraction of it)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(ch in text for ch in odd):
        text = _INVISIBLE.sub("", text)
        text = _SPACES.sub(" ", text)
    if "\t" in text:
        text = text.replace("\t", "    ")  # a tab separates columns: keep it a wide gap
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    stars = "*" in text
    if stars:
        text = _STRAY_SCRAP.sub("", text)  # (the scrap's stars stand next to no other star)
    underscores = "_" in text and "__" in text
    if stars and "**" in text:
        if underscores:
            text = _EMPHASIS.sub("", text)
        else:  # as the pattern: a run of stars loses its threes, then a pair left
            text = text.replace("***", "").replace("**", "")
    elif underscores:
        text = text.replace("__", "")
    if stars and "*" in text:
        text = _SINGLE_STAR.sub(_FIRST_GROUP, text)
    if "\\" in text:
        text = _ESCAPE.sub(_FIRST_GROUP, text)
    if " \n" in text:  # line by line: a pattern would read a long run of spaces again and again
        text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip("\n") + "\n"
