"""Legacy 8-bit Vietnamese encodings: decode, detect, repair and encode.

Older dispatches still arrive in the encodings of the 1990s fonts:

- ``tcvn3``: TCVN 5712:1993 VN3, the ``.VnTime`` / ``.VnArial`` (ABC) fonts. VN3 has codes for
  the lower-case toned letters and for ``Ă Â Ê Ô Ơ Ư Đ`` only; upper-case toned letters were
  written with the same codes in an upper-case font (``.VnTimeH``). Decoding also accepts the
  VN1/VN2 upper-case letters that sit in 0xA0–0xFF and the combining tone marks 0xB0–0xB4;
  0x80–0x9F are read as Windows-1252 punctuation (curly quotes, dashes), as the fonts show them.
- ``vni``: the VNI-Windows fonts (``VNI-Times``): a toned letter is a base letter followed by a
  mark byte (``Vieät`` = ``Việt``); ``ơ ư đ`` and the toned ``i`` are single bytes.
- ``viscii``: RFC 1456, every letter a single byte (six of them in C0 control positions).
- ``cp1258``: Windows-1258, built into Python; tones are combining marks, so the output is NFC.

Public functions:

- ``decode_bytes(data)``: bytes of a text file → NFC text (BOM, UTF-8, then the most plausible
  legacy encoding by the share of words that are Vietnamese syllables).
- ``detect_encoding(data)``: the name ``decode_bytes`` would use.
- ``decode_legacy(data, encoding)`` / ``encode_legacy(text, encoding)``: one named encoding.
- ``detect_legacy_text(text)`` / ``repair_legacy_text(text)``: Unicode text that is really the
  Windows-1252 reading of TCVN3 or VNI bytes (a ``.docx`` typed in ``.VnTime``) → proper text.
- ``is_vietnamese_syllable(word)``: the plausibility test behind the detection.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from congvan.document.errors import UnreadableFile

__all__ = [
    "ENCODINGS",
    "decode_bytes",
    "decode_legacy",
    "detect_encoding",
    "detect_legacy_text",
    "encode_legacy",
    "is_vietnamese_syllable",
    "repair_legacy_text",
]

#: The legacy encodings this module reads and writes, in the order ties are broken.
ENCODINGS = ("tcvn3", "vni", "cp1258", "viscii")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _single_byte_table(codec: str) -> str:
    """256 characters: what each byte means in ``codec``; undefined bytes read as Latin-1."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


_CP1252 = _single_byte_table("cp1252")
_CP1258 = _single_byte_table("cp1258")
_CP1252_TABLE = str.maketrans({chr(b): ch for b, ch in enumerate(_CP1252) if chr(b) != ch})
_CP1258_TABLE = str.maketrans({chr(b): ch for b, ch in enumerate(_CP1258) if chr(b) != ch})
# A Unicode character of the Windows-1252 reading → the byte it came from, as a Latin-1 char.
_TO_RAW = {ord(ch): chr(byte) for byte, ch in enumerate(_CP1252) if ord(ch) != byte}

# ---------------------------------------------------------------------------------------------
# TCVN3 (TCVN 5712:1993 VN3)

# Byte → letter of VN3 proper: encoded and decoded.
_TCVN3_VN3 = """
A1 Ă  A2 Â  A3 Ê  A4 Ô  A5 Ơ  A6 Ư  A7 Đ  A8 ă  A9 â  AA ê  AB ô  AC ơ  AD ư  AE đ
B5 à  B6 ả  B7 ã  B8 á  B9 ạ  BB ằ  BC ẳ  BD ẵ  BE ắ  C6 ặ  C7 ầ  C8 ẩ  C9 ẫ  CA ấ  CB ậ
CC è  CE ẻ  CF ẽ  D0 é  D1 ẹ  D2 ề  D3 ể  D4 ễ  D5 ế  D6 ệ
D7 ì  D8 ỉ  DC ĩ  DD í  DE ị
DF ò  E1 ỏ  E2 õ  E3 ó  E4 ọ  E5 ồ  E6 ổ  E7 ỗ  E8 ố  E9 ộ  EA ờ  EB ở  EC ỡ  ED ớ  EE ợ
EF ù  F1 ủ  F2 ũ  F3 ú  F4 ụ  F5 ừ  F6 ử  F7 ữ  F8 ứ  F9 ự
FA ỳ  FB ỷ  FC ỹ  FD ý  FE ỵ
"""
# Upper-case letters VN1/VN2 put in the gaps of VN3: decoded only (never written).
_TCVN3_VN1_UPPER = """
AF Ằ  BA Ẳ  BF Ẵ  C0 Ắ  C1 Ầ  C2 Ẩ  C3 Ẫ  C4 Ấ  C5 Ề  CD Ể  D9 Ễ  DA Ế  DB Ồ  E0 Ổ  F0 Ỗ  FF Ố
"""
# VN1/VN2 combining tone marks (after the base letter): grave, hook, tilde, acute, dot below.
_TCVN3_COMBINING = {0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301", 0xB4: "\u0323"}


def _parse_table(spec: str) -> dict[int, str]:
    items = spec.split()
    return {
        int(code, 16): _nfc(letter) for code, letter in zip(items[::2], items[1::2], strict=True)
    }


_VN3 = _parse_table(_TCVN3_VN3)
_VN1_UPPER = _parse_table(_TCVN3_VN1_UPPER)

_TCVN3_DECODE: dict[int, str] = {b: _CP1252[b] for b in range(0x80, 0xA0)}
_TCVN3_DECODE.update({0xA0: "\u00a0", **_VN3, **_VN1_UPPER, **_TCVN3_COMBINING})
# Toned letters found to be upper case are first replaced by these private-use marks.
_UPPER_MARK = 0xF0000
_TCVN3_TABLE = str.maketrans(
    {chr(b): ch for b, ch in _TCVN3_DECODE.items()}
    | {chr(_UPPER_MARK + b): ch.upper() for b, ch in _VN3.items() if b >= 0xB5}
)
_TCVN3_TO_UPPER_MARK = str.maketrans({chr(b): chr(_UPPER_MARK + b) for b in _VN3 if b >= 0xB5})

# Codes whose letter has no upper-case code: their case comes from the font, so from context.
_TCVN3_AMBIGUOUS = frozenset(chr(b) for b, ch in _VN3.items() if b >= 0xB5)
_TCVN3_UPPER = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "".join(chr(b) for b in range(0xA1, 0xA8))
) | frozenset(chr(b) for b in _VN1_UPPER)
_TCVN3_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz" + "".join(chr(b) for b in range(0xA8, 0xAF)))
_TCVN3_WORD = re.compile("[A-Za-z\u00a1-\u00ff]+")


def _char_class(chars: frozenset[str]) -> str:
    return "".join(re.escape(ch) for ch in sorted(chars))


# A word whose toned letters need their case guessed: no lower-case letter in it.
# (the run is read once, possessively, after a look that it holds an ambiguous letter)
_CASELESS = f"[{_char_class(_TCVN3_UPPER | _TCVN3_AMBIGUOUS)}\u00b0-\u00b4]"
_TCVN3_CASE_QUESTION = re.compile(
    "(?<![A-Za-z\u00a1-\u00ff])"
    f"(?={_CASELESS}*?[{_char_class(_TCVN3_AMBIGUOUS)}])"
    f"{_CASELESS}*+"
    "(?![A-Za-z\u00a1-\u00ff])"
)

_TCVN3_ENCODE: dict[str, int] = {}
for _byte, _letter in _VN3.items():
    _TCVN3_ENCODE[_letter] = _byte
    if _byte >= 0xB5:  # no upper-case code: written with the lower-case one (.VnTimeH fonts)
        _TCVN3_ENCODE[_letter.upper()] = _byte


def _decode_tcvn3_raw(raw: str) -> str:
    """TCVN3 bytes given as Latin-1 characters → NFC text, guessing the case of toned letters.

    A toned letter is upper case when the other letters of its word are (``CéNG`` → ``CỘNG``);
    in a word with one upper-case letter or none (``X·``, ``Hµ``), when the nearest words of the
    line whose case is clear are in capitals (``HOµ X· HéI`` → ``HOÀ XÃ HỘI``), ASCII
    abbreviations left aside (``Sè: 12/UBND`` → ``Số: 12/UBND``).
    """
    marked = _TCVN3_CASE_QUESTION.sub(_tcvn3_mark_upper, raw)
    return _nfc(marked.translate(_TCVN3_TABLE))


@lru_cache(maxsize=4096)
def _tcvn3_case(word: str) -> str | None:
    """ "upper", "lower" or None when the word's own letters do not tell."""
    if any(ch in _TCVN3_LOWER for ch in word):
        return "lower"
    return "upper" if sum(ch in _TCVN3_UPPER for ch in word) >= 2 else None


@lru_cache(maxsize=4096)
def _tcvn3_evidence(word: str) -> str | None:
    """What a neighbouring word says about the case of the line: abbreviations in ASCII
    capitals (``UBND``, ``STTTT``) say nothing, as they are capitals in any line."""
    case = _tcvn3_case(word)
    return None if case == "upper" and word.isascii() else case


def _tcvn3_mark_upper(match: re.Match[str]) -> str:
    """Replace the toned letters of a word that should be upper case by their upper marks."""
    word = match.group()
    case = _tcvn3_case(word)
    if case is None:
        text, start, end = match.string, match.start(), match.end()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        before = _TCVN3_WORD.findall(text, max(line_start, start - 60), start)
        after = _TCVN3_WORD.findall(text, end, min(line_end, end + 60))
        found = [
            c
            for c in (
                next((c for c in map(_tcvn3_evidence, reversed(before)) if c), None),
                next((c for c in map(_tcvn3_evidence, after) if c), None),
            )
            if c
        ]
        case = "upper" if found and all(c == "upper" for c in found) else "lower"
    return word.translate(_TCVN3_TO_UPPER_MARK) if case == "upper" else word


# ---------------------------------------------------------------------------------------------
# VNI (VNI-Windows): base letter + mark byte, read through Windows-1252

_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_VNI_TONES = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRCUMFLEX = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
# Single characters: ơ ư đ, the toned i, and ỵ.
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}


def _build_vni() -> dict[str, str]:
    """Letter → its VNI sequence (upper-case letters: base and mark both upper case)."""
    canonical: dict[str, str] = {}  # lower-case letter → lower-case sequence

    def add(seq: str, letter: str) -> None:
        canonical.setdefault(_nfc(letter), seq)

    for base, unicode_base, tones in (
        ("a", "a", _VNI_TONES),
        ("e", "e", _VNI_TONES),
        ("o", "o", _VNI_TONES),
        ("ô", "ơ", _VNI_TONES),
        ("u", "u", _VNI_TONES),
        ("ö", "ư", _VNI_TONES),
        ("y", "y", {k: v for k, v in _VNI_TONES.items() if v != _DOT}),
    ):
        for mark, tone in tones.items():
            add(base + mark, unicode_base + tone)
    for base in "aeo":
        for mark, tone in _VNI_CIRCUMFLEX.items():
            add(base + mark, base + "\u0302" + tone)
    for mark, tone in _VNI_BREVE.items():
        add("a" + mark, "a\u0306" + tone)
    for seq, letter in _VNI_SINGLE.items():
        add(seq, letter)

    encode: dict[str, str] = {}
    for letter, seq in canonical.items():
        encode[letter] = seq
        encode[letter.upper()] = seq.upper()
    return encode


_VNI_ENCODE = _build_vni()
_VNI_MARKS = {
    **_VNI_TONES,
    **{mark: "\u0302" + tone for mark, tone in _VNI_CIRCUMFLEX.items()},
    **{mark: "\u0306" + tone for mark, tone in _VNI_BREVE.items()},
}
_VNI_TABLE = str.maketrans(
    {
        **{ch: v for mark, v in _VNI_MARKS.items() for ch in (mark, mark.upper())},
        **{ch: v for s, v in _VNI_SINGLE.items() for ch, v in ((s, v), (s.upper(), v.upper()))},
    }
)


def _decode_vni_text(text: str) -> str:
    """Windows-1252 reading of VNI bytes → NFC text.

    Like the VNI fonts, every mark byte is a mark whatever precedes it: it becomes combining
    characters that NFC composes with the base letter (``aù`` → ``á``, ``oä`` → ``ộ``).
    """
    return _nfc(text.translate(_VNI_TABLE))


# ---------------------------------------------------------------------------------------------
# VISCII (RFC 1456)

_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ"  # 0x80
    "ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"  # 0x90
    "Õắằặấầẩậẽẹếềểễệố"  # 0xA0
    "ồổỗỠƠộờởịỰỨỪỬơớƯ"  # 0xB0
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"  # 0xC0
    "ĐứÒÓÔạỷừửÙÚỹỵÝỡư"  # 0xD0
    "àáâãảăữẫèéêẻìíĩỉ"  # 0xE0
    "đựòóôõỏọụùúũủýợỮ"  # 0xF0
)
_VISCII_LOW = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
_VISCII_DECODE = {b: chr(b) for b in range(0x80)}
_VISCII_DECODE.update(_VISCII_LOW)
_VISCII_DECODE.update({0x80 + i: ch for i, ch in enumerate(_VISCII_HIGH)})
_VISCII_TABLE = str.maketrans({chr(b): ch for b, ch in _VISCII_DECODE.items() if chr(b) != ch})
_VISCII_ENCODE = {ch: b for b, ch in _VISCII_DECODE.items()}

# ---------------------------------------------------------------------------------------------
# Decoding and encoding one named encoding


def _check_encoding(encoding: str) -> str:
    name = encoding.lower().replace("-", "").replace("_", "")
    name = {"windows1258": "cp1258", "tcvn": "tcvn3", "abc": "tcvn3"}.get(name, name)
    if name not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")
    return name


def decode_legacy(data: bytes, encoding: str) -> str:
    """Bytes in one legacy ``encoding`` (see ``ENCODINGS``) → NFC text. Never fails on bytes."""
    encoding = _check_encoding(encoding)
    latin1 = data.decode("latin-1")
    if encoding == "tcvn3":
        return _decode_tcvn3_raw(latin1)
    if encoding == "vni":
        return _decode_vni_text(latin1.translate(_CP1252_TABLE))
    if encoding == "viscii":
        return latin1.translate(_VISCII_TABLE)
    return _nfc(latin1.translate(_CP1258_TABLE))


_TONE_MARKS = {_GRAVE: 1, _ACUTE: 2, _TILDE: 3, _HOOK: 4, _DOT: 5}


def _encode_char(ch: str, encoding: str) -> bytes | None:
    if ch.isascii() and not (encoding == "viscii" and ord(ch) in _VISCII_LOW):
        return ch.encode("ascii")
    if encoding == "tcvn3":
        if ch in _TCVN3_ENCODE:
            return bytes([_TCVN3_ENCODE[ch]])
        raw = ch.translate(_TO_RAW)
        if raw != ch or ch == "\u00a0":  # Windows-1252 punctuation (0x80–0x9F) and NBSP
            return raw.encode("latin-1")
        return None
    if encoding == "vni":
        seq = _VNI_ENCODE.get(ch)
        if seq is None:
            raw = ch.translate(_TO_RAW)
            if raw == ch and not 0xA0 <= ord(ch) <= 0xBF:  # 0xC0–0xFF are marks and letters
                return None
            seq = raw
        return seq.translate(_TO_RAW).encode("latin-1")
    if encoding == "viscii":
        byte = _VISCII_ENCODE.get(ch)
        return None if byte is None else bytes([byte])
    # cp1258: precomposed where the code page has it, else base letter + combining tone mark.
    try:
        return ch.encode("cp1258")
    except UnicodeEncodeError:
        pass
    decomposed = unicodedata.normalize("NFD", ch)
    tones = [c for c in decomposed if c in _TONE_MARKS]
    base = _nfc("".join(c for c in decomposed if c not in _TONE_MARKS))
    try:
        return (base + "".join(tones)).encode("cp1258")
    except UnicodeEncodeError:
        return None


def encode_legacy(text: str, encoding: str, *, errors: str = "strict") -> bytes:
    """Text → bytes in a legacy ``encoding`` (``tcvn3``, ``vni``, ``viscii``, ``cp1258``).

    For tests and fixtures: ``decode_legacy(encode_legacy(t, e), e) == nfc(t)`` for Vietnamese
    text, except that TCVN3 (VN3) has no codes for upper-case toned letters: they are written
    with the lower-case code, as in the ``.VnTimeH`` fonts, and the decoder restores their case
    from the word around them. ``errors``: ``"strict"`` (``UnicodeEncodeError``) or ``"replace"``
    (``?``) for characters the encoding cannot hold.
    """
    encoding = _check_encoding(encoding)
    if errors not in ("strict", "replace"):
        raise ValueError(f"errors must be 'strict' or 'replace', not {errors!r}")
    text = _nfc(text)
    out = bytearray()
    for index, ch in enumerate(text):
        encoded = _encode_char(ch, encoding)
        if encoded is None:
            if errors == "strict":
                raise UnicodeEncodeError(
                    encoding, text, index, index + 1, "character not in the encoding"
                )
            encoded = b"?"
        out += encoded
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# Plausibility: how much of a text is Vietnamese


_INITIALS = frozenset(
    [*"b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split(), ""]
)
_RHYMES = frozenset(
    """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oc oi om on ong op ot oo ooc oong
    oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
    oe oem oen oeo oet
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u uc ui um un ung up ut ua uân uâng uât uây uê uêch uênh uơ
    uy uya uych uyn uynh uyt uyu uyên uyêt uôc uôi uôm uôn uông uôt
    ư ưc ưi ưm ưn ưng ưt ưu ưa ươc ươi ươm ươn ương ươp ươt ươu
    y ych ynh yt yêm yên yêt yêu
    """.split()
)
_STOP_FINALS = ("c", "ch", "p", "t")


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` (any case, NFC or NFD) is a well-formed Vietnamese syllable.

    Initial consonant + rhyme from the closed lists of the language, at most one of the five
    tone marks, and only sắc or nặng on a syllable closed by c, ch, p or t.
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    base = _nfc("".join(c for c in decomposed if c not in _TONE_MARKS))
    for split in range(min(3, len(base)) + 1):
        initial, rhyme = base[:split], base[split:]
        if initial in _INITIALS and rhyme in _RHYMES:
            if rhyme.endswith(_STOP_FINALS) and (not tones or tones[0] not in (_ACUTE, _DOT)):
                continue
            return True
    return False


_WORD = re.compile(r"[^\W\d_]+")
# Non-ASCII characters that are neither letters nor ordinary typography: signs of a misreading.
_STRAY = re.compile(r"[^\x00-\x7f\w\u00a0\u00ab\u00b0\u00bb\u2000-\u206f\u20ac]|[\u0300-\u036f]")


@dataclass(frozen=True)
class _Score:
    valid: int  # words with a non-ASCII letter that are Vietnamese syllables
    invalid: int  # words with a non-ASCII letter that are not
    stray: int  # stray symbols

    @property
    def total(self) -> int:
        return self.valid - self.invalid - self.stray

    @property
    def ratio(self) -> float:
        judged = self.valid + self.invalid + self.stray
        return self.valid / judged if judged else 0.0


def _score(text: str) -> _Score:
    valid = invalid = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        if is_vietnamese_syllable(word) and (word.islower() or word.isupper() or word.istitle()):
            valid += 1
        else:
            invalid += 1
    return _Score(valid, invalid, len(_STRAY.findall(text)))


# ---------------------------------------------------------------------------------------------
# Bytes of a text file

_SAMPLE_BYTES = 128 * 1024
_HIGH_LINE = re.compile(rb"(?m)^[^\n]*[\x80-\xff][^\n]*")  # from a line's start: once a line
# C0 controls that text files do not hold (tab, LF, VT, FF, CR, SUB and ESC are allowed).
_BINARY_CONTROLS = re.compile(rb"[\x00-\x08\x0e-\x19\x1c-\x1f]")


def _sample(data: bytes) -> bytes:
    parts: list[bytes] = []
    size = 0
    for match in _HIGH_LINE.finditer(data):
        parts.append(match.group())
        size += len(match.group()) + 1
        if size >= _SAMPLE_BYTES:
            break
    return b"\n".join(parts)


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    head = data[:4096]
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    pairs = len(head) // 2
    for codec, nuls, other in (
        ("utf-16-le", odd_nuls, even_nuls),
        ("utf-16-be", even_nuls, odd_nuls),
    ):
        if nuls >= 0.4 * pairs and other <= 0.05 * pairs:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if not re.search("[\x00-\x08\x0e-\x1f]", text):
                return text
    return None


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    head = data[: 64 * 1024]
    controls = len(_BINARY_CONTROLS.findall(head))
    return controls > 4 and controls > 0.05 * len(head)


def _detect(data: bytes) -> tuple[str, str | None]:
    """(encoding name, the text when decoding it was part of the detection)."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            if name == "utf-32" and (len(data) - len(bom)) % 4:
                continue  # FF FE 00 00 … of a length UTF-32 cannot have: UTF-16 LE
            codec = {"utf-32": "utf-32", "utf-8-sig": "utf-8-sig", "utf-16": "utf-16"}[name]
            return name, data.decode(codec, errors="replace")
    text = _utf16_without_bom(data)
    if text is not None:
        return "utf-16", text
    if _looks_binary(data):
        return "binary", None
    if data.isascii():
        return "ascii", None
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = _sample(data)
    best, best_score = "cp1252", None
    for encoding in ENCODINGS:
        score = _score(decode_legacy(sample, encoding))
        if best_score is None or score.total > best_score.total:
            best, best_score = encoding, score
    if best_score is None or best_score.valid == 0 or best_score.total <= 0:
        return "cp1252", None
    return best, None


def detect_encoding(data: bytes) -> str:
    """The encoding ``decode_bytes`` reads ``data`` in.

    ``utf-8-sig``, ``utf-16``, ``utf-32`` (by their byte-order marks; ``utf-16`` also without
    one), ``ascii``, ``utf-8``, one of ``ENCODINGS``, ``cp1252`` (8-bit text in which no legacy
    Vietnamese encoding makes Vietnamese), or ``binary`` (not text).
    """
    return _detect(data)[0]


def decode_bytes(data: bytes, *, path: str | None = None) -> str:
    """Bytes of a text file → Unicode NFC text.

    A byte-order mark (UTF-8, UTF-16, UTF-32) decides; then UTF-16 without one; then valid
    UTF-8; else the legacy encoding whose reading has the most Vietnamese syllables
    (``ENCODINGS``), and Windows-1252 only when none of them makes Vietnamese. Raises
    ``UnreadableFile`` only for data that is clearly not text (NUL bytes, control characters).
    """
    encoding, text = _detect(data)
    if text is not None:
        return _nfc(text)
    if encoding == "binary":
        raise UnreadableFile(
            "không nhận ra bảng mã của tệp: tệp chứa dữ liệu nhị phân, không phải văn bản",
            path=path,
        )
    if encoding == "ascii":
        return data.decode("ascii")
    if encoding == "cp1252":
        return _nfc(data.decode("latin-1").translate(_CP1252_TABLE))
    return decode_legacy(data, encoding)


# ---------------------------------------------------------------------------------------------
# Unicode text typed in a legacy font

# Letters only Unicode text has (not in Latin-1 nor Windows-1252), and combining marks: a line
# holding one is genuine Unicode and is never "repaired".
_UNICODE_ONLY = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
    "\u1ea0-\u1ef9\u0300-\u036f]"
)
_LATIN1_HIGH = re.compile("[\u0080-\u00ff]")
_REPAIRABLE = ("tcvn3", "vni")


def _is_candidate_line(line: str) -> bool:
    return bool(_LATIN1_HIGH.search(line)) and not _UNICODE_ONLY.search(line)


def _repair_line(line: str, encoding: str) -> str:
    if encoding == "tcvn3":
        return _decode_tcvn3_raw(line.translate(_TO_RAW))
    return _decode_vni_text(line)


def detect_legacy_text(text: str) -> str | None:
    """``"tcvn3"`` or ``"vni"`` when ``text`` reads as a legacy font's bytes, else ``None``.

    Only lines without any Unicode-only Vietnamese letter are considered, and an encoding is
    reported only when its reading is clearly Vietnamese (most words valid syllables) and the
    text as it stands clearly is not. Genuine Unicode text and plain ASCII give ``None``.
    """
    lines = [line for line in text.splitlines() if _is_candidate_line(line)]
    if not lines:
        return None
    sample = _nfc("\n".join(lines))
    as_is = _score(sample)
    if as_is.ratio > 0.5:
        return None
    best: tuple[int, str] | None = None
    for encoding in _REPAIRABLE:
        score = _score(_repair_line(sample, encoding))
        if score.valid < 2 or score.ratio < 0.75 or score.total < as_is.total + 2:
            continue
        if best is None or score.total > best[0]:
            best = (score.total, encoding)
    return None if best is None else best[1]


def repair_legacy_text(text: str, *, encoding: str | None = None) -> str:
    """Text typed in a legacy font (TCVN3 or VNI, read as Windows-1252) → proper NFC text.

    ``encoding`` forces one (when the font said so); by default it is detected with
    ``detect_legacy_text`` and text where nothing is detected is returned unchanged. Either way
    a line is converted only when it has no Unicode-only letter and its conversion is not less
    Vietnamese than the line as it stands, so Unicode lines of a mixed text stay as they are.
    """
    if encoding is None:
        encoding = detect_legacy_text(text)
        if encoding is None:
            return text
    else:
        encoding = _check_encoding(encoding)
        if encoding not in _REPAIRABLE:
            raise ValueError(f"repair_legacy_text handles {_REPAIRABLE}, not {encoding!r}")
    out = []
    for line in text.splitlines(keepends=True):
        if _is_candidate_line(line):
            repaired = _repair_line(line, encoding)
            if _score(repaired).total >= _score(_nfc(line)).total:
                line = repaired
        out.append(line)
    return _nfc("".join(out))
