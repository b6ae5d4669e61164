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
    return _TOKEN.findall(fold(nfc(text)))


def folded(text: str) -> str:
    """The text as the engines index it: folded tokens joined by one space."""
    return " ".join(tokens(text))


def index_text(doc) -> tuple[str, str]:
    """(head, body) of a stored document: head is its code, kind, issuer and subject."""
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
    return folded(head), folded((doc.text or "")[:MAX_BODY_CHARS])


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


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return fold(ch)


def _folded_with_map(text: str) -> tuple[str, list[int] | range]:
    """The folded text and, for each folded character, the index of its source character."""
    flat = fold_same_length(text)
    if flat.isascii() and len(flat) == len(text):
        return flat, range(len(text))  # the usual case: one for one
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        f = ch if ch.isascii() and not ch.isupper() else _fold_char(ch)
        out.append(f)
        origin.extend([i] * len(f))
    return "".join(out), origin


def highlight(text: str, query: Query, width: int = 260) -> list[tuple[str, bool]]:
    """A passage of ``text`` around the best matches, as (piece, is_match) pairs.

    ``width`` is in characters; the whole text is returned when shorter. No match → its start.
    """
    text = nfc(text or "")
    if not text:
        return []
    flat, origin = _folded_with_map(text)
    found = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(flat)]
    words = query.words()
    marked = [False] * len(found)
    for i, (_, _, tok) in enumerate(found):
        if tok in query.terms:
            marked[i] = True
    for phrase in query.phrases:
        n = len(phrase)
        for i in range(len(found) - n + 1):
            if found[i][2] == phrase[0] and [t for _, _, t in found[i : i + n]] == phrase:
                for j in range(i, i + n):
                    marked[j] = True
    spans = [
        (origin[s], origin[e - 1] + 1, tok)
        for (s, e, tok), m in zip(found, marked, strict=True)
        if m and tok in words
    ]
    # one mark for a run of matched words (``lừa đảo``, ``21/CT-TTg``)
    merged: list[tuple[int, int, str]] = []
    for span in spans:
        if merged and _JOINER.fullmatch(text[merged[-1][1] : span[0]]):
            merged[-1] = (merged[-1][0], span[1], merged[-1][2])
        else:
            merged.append(span)
    spans = merged
    if len(text) <= width:
        start, end = 0, len(text)
    elif not spans:
        start, end = 0, width
    else:
        best, best_score = 0, -1
        for k, (s, _, _) in enumerate(spans[:200]):
            inside = {tok for (s2, e2, tok) in spans[k:] if e2 <= s + width - 40}
            score = len(inside) * 1000 + sum(1 for (s2, e2, _) in spans[k:] if e2 <= s + width)
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
