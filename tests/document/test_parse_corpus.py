"""The parser on real dispatches: the seeds exactly, the shared dev corpus by the shared scorer,
and every document of the unlabeled bulk corpus without a crash."""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import unicodedata

import pytest

from congvan.document.errors import ParseError
from congvan.document.parse import parse_text
from tests.conftest import FIXTURES, shared_path


def _norm(value):
    """The spec's comparison: NFC, one space, no list mark or trailing punctuation, any case."""
    if value is None:
        return None
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(value))).strip()
    return re.sub(r"[;.,:]+$", "", re.sub(r"^[-+•*]\s*", "", text)).strip().casefold()


@pytest.mark.parametrize("path", sorted((FIXTURES / "seeds").glob("*.txt")), ids=lambda p: p.stem)
def test_seed_dispatches_parse_to_their_gold_record(path):
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    got = parse_text(path.read_text(encoding="utf-8")).to_json()
    for key, want in gold.items():
        if key == "tasks":
            assert [(t["label"], _norm(t["addressee"]), _norm(t["text"])) for t in got[key]] == [
                (t["label"], _norm(t["addressee"]), _norm(t["text"])) for t in want
            ]
        elif key == "references":
            assert [(r["number"], r["notation"], r["date"]) for r in got[key]] == [
                (r["number"], r["notation"], r["date"]) for r in want
            ]
        elif isinstance(want, dict):
            for sub, value in want.items():
                assert _norm(got[key][sub]) == _norm(value), f"{key}.{sub}"
        elif isinstance(want, list):
            assert [_norm(v) for v in got[key]] == [_norm(v) for v in want], key
        else:
            assert _norm(got[key]) == _norm(want), key


def _scorer():
    path = shared_path("eval", "score.py")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_corpus_scores_at_least_095_overall_and_090_per_field():
    corpus = shared_path("corpus", "dev")
    score = _scorer()
    totals: dict[str, list[float]] = {}
    for gold_path in sorted(corpus.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        pred = parse_text(text).to_json()
        for field, points in score.score_document(gold, pred, []).items():
            totals.setdefault(field, []).extend(points)
    every = [p for points in totals.values() for p in points]
    per_field = {field: sum(p) / len(p) for field, p in totals.items()}
    assert sum(every) / len(every) >= 0.95, per_field
    assert min(per_field.values()) >= 0.90, per_field


def test_every_bulk_document_gives_a_record_or_a_parse_error():
    path = shared_path("corpus", "bulk", "documents.jsonl.gz")
    parsed = refused = 0
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            try:
                parse_text(json.loads(line)["text"])
                parsed += 1
            except ParseError:
                refused += 1
    assert parsed > 0.95 * (parsed + refused)
