"""The record: every field always written, gold files with keys left out read back."""

from __future__ import annotations

import json

from congvan.document.model import Document, Reference, Signer, Task
from tests.conftest import FIXTURES

FIELDS = {"kind", "urgency", "issuer", "number", "notation", "place", "date", "subject",
          "recipients", "references", "tasks", "distribution", "signer"}  # fmt: skip


def test_every_field_is_present_in_the_json_of_an_empty_record():
    data = Document().to_json()
    assert set(data) == FIELDS
    assert data["issuer"] == {"name": None, "parent": None}
    assert data["signer"] == {"form": None, "authority": None, "title": None, "name": None}


def test_gold_records_round_trip():
    for path in sorted((FIXTURES / "seeds").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = Document.from_json(gold)
        again = doc.to_json()
        for key, value in gold.items():
            if isinstance(value, dict):
                for sub, subvalue in value.items():
                    assert again[key][sub] == subvalue
            else:
                assert again[key] == value
        assert Document.from_json(again) == doc


def test_codes():
    ref = Reference(kind="Chỉ thị", number="21", notation="CT-TTg")
    assert ref.code == "21/CT-TTg"
    doc = Document(number=None, notation="STTTT-TTBCXB")
    assert doc.code == "STTTT-TTBCXB"
    task = Task(label="1", text="Tăng cường.")
    assert Task.from_json(task.to_json()) == task
    assert Signer.from_json(None) == Signer()
