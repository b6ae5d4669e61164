"""What is indexed and what is asked, in the folded form that every backend compares.

Both sides go through :func:`congvan.document.vntext.fold` and the same tokenizer, and the
folded tokens are handed to the engine joined by single spaces, so SQLite FTS5 and PostgreSQL
split them identically and the engines never see a diacritic or a ``đ``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from congvan.document.vntext import fold, fold_same_length, nfc
from congvan.registry.keys import code_key, parse_code

_TOKEN = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
_JOINER = re.compile(r"[ /\-]{1,3}")
# PostgreSQL refuses a tsvector over 1 MB; a dispatch's text is far smaller.
MAX_BODY_CHARS = 400_000


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


# every byte but the ASCII letters and digits (``_TOKEN``'s tokens in ASCII text) as a space
_NOT_TOKEN = bytes(b if chr(b).isascii() and chr(b).isalnum() else 32 for b in range(256))


def folded_tokens(text: str) -> list[bytes]:
    """The folded tokens of the text, as ASCII bytes (nearly always) or UTF-8."""
    text = fold(text)
    if text.isascii():  # nearly always: the same tokens, split in C at a third of the cost
        return text.encode().translate(_NOT_TOKEN).split()
    return [t.encode() for t in _TOKEN.findall(text)]


@dataclass
class Entry:
    """What an engine indexes for one document: folded head and body, and the filter fields."""

    id: int
    head: str  # folded tokens of code, kind, issuer, subject, joined by one space
    body: str  # folded tokens of the text
    kind: str | None = None
    issuer_key: str = ""
    year: int | None = None
    day: int | None = None  # ``issued_on`` as a proleptic ordinal
    registers: tuple[str, ...] = ()  # "incoming", "outgoing"
    # text fields in the engine's own form, made beforehand where the text was folded (by
    # ``congvan ingest``'s workers: ``_backend.prepared_entry``); read by that engine only
    engine_fields: dict[str, str] | None = None


def entry_for(doc, registers: tuple[str, ...] = (), tokens=None) -> Entry:
    """``tokens``: :func:`index_tokens` of ``doc``, when the caller has them already."""
    head, body = tokens or index_tokens(doc)
    return Entry(
        id=doc.pk,
        head=b" ".join(head).decode(),
        body=b" ".join(body).decode(),
        kind=doc.kind,
        issuer_key=doc.issuer_key or "",
        year=doc.year,
        day=doc.issued_on.toordinal() if doc.issued_on else None,
        registers=registers,
    )


def index_tokens(doc) -> tuple[list[bytes], list[bytes]]:
    """The folded tokens (:func:`folded_tokens`) of a stored document's head, its code, kind,
    issuer and subject, and of its body."""
    head = " ".join(
        p
        for p in (
            doc.number and doc.notation and f"{doc.number}/{doc.notation}",
            doc.notation,
            doc.kind,
            doc.issuer_name,
            doc.issuer_parent,
            doc.subject,
        )
        if p
    )
    return folded_tokens(head), folded_tokens((doc.text or "")[:MAX_BODY_CHARS])


@dataclass
class Query:
    """A parsed query: words (all must occur), phrases in quotes, document codes."""

    text: str
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # code keys, ``21/ctttg``

    @property
    def empty(self) -> bool:
        return not (self.terms or self.phrases or self.codes)

    def words(self) -> set[str]:
        return set(self.terms) | {t for p in self.phrases for t in p}


_PART = re.compile(r'"([^"]*)"?|(\S+)')


def parse_query(text: str) -> Query:
    """``lua dao "phong chong" 21/CT-TTg`` → terms, a phrase, and a code (kept as a phrase too,
    so documents that cite the code are found beside the document itself)."""
    query = Query(text=text)
    for quoted, bare in _PART.findall(nfc(text or "")):
        if bare:
            code = parse_code(bare)
            if code:
                query.codes.append(code_key(*code))
                query.phrases.append(tokens(bare))
                continue
            words = tokens(bare)
            if len(words) > 1:  # ``lừa-đảo``, ``CT-TTg``: parts kept together
                query.phrases.append(words)
            else:
                query.terms.extend(words)
        else:
            words = tokens(quoted)
            if len(words) > 1:
                query.phrases.append(words)
            else:
                query.terms.extend(words)
    # one occurrence of each, order kept
    query.terms = list(dict.fromkeys(query.terms))
    return query


def _letter_classes() -> dict[str, str]:
    """For each folded letter, every character that folds to it (``d``: ``dDđĐ``), so the text
    is searched as written, with no folding pass over it."""
    from congvan.document.vntext import _FOLD_TABLE

    classes: dict[str, set[str]] = {}
    for code, base in _FOLD_TABLE.items():
        if base.isalnum():
            classes.setdefault(base, {base, base.upper()}).add(chr(code))
    return {k: "[" + "".join(sorted(v)) + "]" for k, v in classes.items()}


_CLASSES = _letter_classes()


def _word_pattern(word: str) -> str:
    return "".join(_CLASSES.get(ch) or re.escape(ch) for ch in word)


@lru_cache(maxsize=512)
def _pattern(terms: tuple[str, ...], phrases: tuple[tuple[str, ...], ...]) -> re.Pattern | None:
    """One expression for every word and phrase of a query, over the text as written (each
    folded letter stands for all the letters that fold to it), whole tokens only: phrases first
    (their words are marked only together), then the single words."""
    alternatives = [
        r"[\W_]+".join(map(_word_pattern, p)) for p in sorted(phrases, key=len, reverse=True) if p
    ]
    alternatives += [_word_pattern(t) for t in sorted(terms, key=len, reverse=True)]
    if not alternatives:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])")


# enough matches to choose the snippet's window from: the best passages of a dispatch are among
# its first matches, and scoring every match of a common word costs more than the search
MAX_SPANS = 120
# snippets come from the first this many characters of a long text (the subject is whole)
MAX_SCAN = 50_000


@lru_cache(maxsize=8192)
def _word_key(matched: str) -> str:
    return fold_same_length(matched).lower()


def _spans(text: str, query: Query) -> list[tuple[int, int, str]]:
    """(start, end, folded words) of each match of the query in ``text``, in order."""
    pattern = _pattern(tuple(query.terms), tuple(tuple(p) for p in query.phrases))
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text, 0, MAX_SCAN):
        found.append((match.start(), match.end(), _word_key(match.group())))
        if len(found) >= MAX_SPANS:
            break
    return found


def highlight(text: str, query: Query, width: int = 260) -> list[tuple[str, bool]]:
    """A passage of ``text`` around the best matches, as (piece, is_match) pairs.

    ``width`` is in characters; the whole text is returned when shorter. No match → its start.
    """
    text = nfc(text or "")
    if not text:
        return []
    spans = _spans(text, query)
    # one mark for a run of matched words (``lừa đảo``, ``21/CT-TTg``)
    merged: list[tuple[int, int, str]] = []
    for span in spans:
        if merged and _JOINER.fullmatch(text[merged[-1][1] : span[0]]):
            merged[-1] = (merged[-1][0], span[1], merged[-1][2] + " " + span[2])
        else:
            merged.append(span)
    spans = merged
    if len(text) <= width:
        start, end = 0, len(text)
    elif not spans:
        start, end = 0, width
    else:
        # the window holding the most different words, then the most matches
        best, best_score = 0, -1
        for k in range(min(len(spans), 60)):
            limit = spans[k][0] + width - 40
            words, count = set(), 0
            for _, e2, w in spans[k:]:
                if e2 > limit:
                    break
                words.add(w)
                count += 1
            score = len(words) * 1000 + count
            if score > best_score:
                best, best_score = k, score
        start = max(0, spans[best][0] - 40)
        end = min(len(text), start + width)
        while start > 0 and not text[start - 1].isspace() and spans[best][0] - start < 60:
            start -= 1
        while end < len(text) and not text[end].isspace() and end - start < width + 20:
            end += 1
    pieces: list[tuple[str, bool]] = []
    pos = start
    for s, e, _ in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        if s > pos:
            pieces.append((text[pos:s], False))
        pieces.append((text[s:e], True))
        pos = e
    if pos < end:
        pieces.append((text[pos:end], False))
    # one line for a result list
    pieces = [(_SPACE.sub(" ", p), m) for p, m in pieces]
    if start > 0:
        pieces.insert(0, ("… ", False))
    if end < len(text):
        pieces.append((" …", False))
    return [(p, m) for p, m in pieces if p]
