"""Generated dispatches in every converter style read back as the records they were made from:
the parser's rules on text it was not tuned on, in volume."""

from __future__ import annotations

import re
import unicodedata

import pytest

from congvan.document import synthetic
from congvan.document.parse import parse_text

SCALARS = ("kind", "urgency", "number", "notation", "place", "date", "subject")
ARTICLE_KINDS = {"Quyết định", "Nghị quyết", "Nghị định", "Thông tư", "Quy chế", "Quy định"}


def _norm(value):
    if value is None:
        return None
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(value))).strip()
    return re.sub(r"[;.,:]+$", "", text).casefold()


def _points(doc, got) -> list[bool]:
    want = doc.to_json()
    points = [_norm(want[f]) == _norm(got[f]) for f in SCALARS]
    points += [_norm(want["issuer"][k]) == _norm(got["issuer"][k]) for k in ("name", "parent")]
    points += [_norm(want["signer"][k]) == _norm(got["signer"][k]) for k in want["signer"]]
    for field in ("recipients", "distribution"):
        points.append([_norm(v) for v in want[field]] == [_norm(v) for v in got[field]])
    points.append(
        [(r["number"], r["notation"], r["date"]) for r in want["references"]]
        == [(r["number"], r["notation"], r["date"]) for r in got["references"]]
    )
    if want["tasks"] or doc.kind not in ARTICLE_KINDS:
        points.append(
            [(t["label"], _norm(t["addressee"])) for t in want["tasks"]]
            == [(t["label"], _norm(t["addressee"])) for t in got["tasks"]]
        )
    return points


@pytest.mark.parametrize("style", synthetic.STYLES)
def test_generated_dispatches_round_trip_through_text(style):
    points = []
    for doc in synthetic.generate(150, seed=23):
        points += _points(doc, parse_text(synthetic.to_text(doc, style=style)).to_json())
    assert sum(points) / len(points) >= 0.97
