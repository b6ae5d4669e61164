"""Values a draft keeps that the DOCX or the register could not: cleaned, or problems."""

from __future__ import annotations

import pytest

from congvan.compose import services
from congvan.compose.models import Dispatch
from congvan.document.model import Reference
from tests.compose.builders import draft_record


def test_control_characters_pasted_into_the_page_become_spaces(people, client_as):
    """The DOCX of such a draft was a 500 (XML cannot hold them)."""
    officer = client_as(people["officer"])
    page = {"kind": "Công văn", "subject": "thử\x01ký tự", "opening": "mở\x0bđầu", "place": "A"}
    assert officer.post("/soan-thao/moi/", page).status_code == 302
    dispatch = Dispatch.objects.get()
    assert dispatch.record["subject"] == "thử ký tự" and dispatch.opening == "mở đầu"
    assert officer.get(f"/soan-thao/{dispatch.pk}/tai-ve.docx").status_code == 200


def test_a_value_too_long_for_the_register_stops_signing_and_issue(people):
    """PostgreSQL refused the stored document on issue (a 500); SQLite kept it."""
    record = draft_record(place="Lạng Sơn " * 30)  # 269 characters once tidied
    record.references.append(Reference(kind="Chỉ thị", number="1" * 60, notation="CT-TTg"))
    record.tasks[1].addressee = "Các cơ quan báo chí " * 30  # a task's column holds 500
    found = {(p.code, p.field, p.severity) for p in services.problems(record)}
    assert ("too-long", "place", "error") in found
    assert ("too-long", "references[1].number", "error") in found
    assert ("too-long", "tasks[1].addressee", "error") in found
    dispatch = services.create(record, by=people["officer"])
    with pytest.raises(services.NotReady):
        services.sign(dispatch, by=people["leader"])
    Dispatch.objects.filter(pk=dispatch.pk).update(status=Dispatch.SIGNED)  # signed before
    with pytest.raises(services.NotReady) as refused:
        services.issue(dispatch.pk, by=people["clerk"])
    assert "Địa danh dài 269 ký tự; chỉ lưu được tối đa 200." in {
        p.message for p in refused.value.problems
    }
    assert not [p for p in services.problems(draft_record()) if p.code == "too-long"]
