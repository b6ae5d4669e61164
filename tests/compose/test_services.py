"""Draft → edit → sign → issue → new version, through the service functions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from congvan.compose import services
from congvan.compose.models import Dispatch, FrozenVersion, Version
from congvan.registry.models import Citation, Counter, Entry
from congvan.registry.models import Document as Stored
from tests.compose.builders import draft_record

ON = dt.date(2031, 3, 5)


def _issued(people, record=None, on=ON):
    dispatch = services.create(record or draft_record(), by=people["officer"])
    services.sign(dispatch, by=people["leader"])
    return services.issue(dispatch, by=people["clerk"], on=on)


def test_a_draft_keeps_no_number_or_date_and_is_normalised(people):
    record = draft_record(number="12", date="2031-01-01", subject="V/v thử nghiệm")
    record.recipients.append("  - Sở Nội vụ; ")
    dispatch = services.create(record, by=people["officer"])
    stored = dispatch.to_record()
    assert stored.number is None and stored.date is None
    assert stored.subject == "thử nghiệm"
    assert stored.recipients[-1] == "Sở Nội vụ"
    assert [t.label for t in stored.tasks] == ["1", "2"]
    assert dispatch.status == Dispatch.DRAFT


def test_editing_a_draft_and_its_problems(people):
    dispatch = services.create(draft_record(), by=people["officer"])
    assert services.blocking(services.problems(dispatch)) == []
    broken = draft_record(distribution=["Như trên"], subject=None)
    services.update(dispatch, broken, by=people["officer"])
    dispatch.refresh_from_db()
    codes = {p.code for p in services.problems(dispatch)}
    assert "subject-missing" in codes
    assert any(p.field == "distribution" for p in services.problems(dispatch))
    with pytest.raises(services.NotReady) as refused:
        services.sign(dispatch, by=people["leader"])
    assert any(p.code == "subject-missing" for p in refused.value.problems)


def test_issue_numbers_dates_stores_and_freezes(people):
    version = _issued(people)
    record = version.to_record()
    assert record.number == "01"  # a leading 0 below 10
    assert record.date == "2031-03-05"
    assert record.code == "01/STTTT-TTBCXB"
    assert (version.register_number, version.year, version.version) == (1, 2031, 1)
    stored = version.document
    assert (stored.number, stored.notation, stored.date, stored.year) == (
        "01",
        "STTTT-TTBCXB",
        "2031-03-05",
        2031,
    )
    assert stored.original_name.endswith(".docx") and stored.sha256
    assert stored.file_path.read_bytes()[:2] == b"PK"
    assert "Số: 01/STTTT-TTBCXB" in stored.text
    assert "ngày 05 tháng 3 năm 2031" in stored.text
    entry = Entry.objects.get(document=stored)
    assert (entry.register.direction, entry.year, entry.number) == ("outgoing", 2031, 1)
    assert entry.entered_on == ON
    # its reference is a citation of the registry, so the cited document will link to it
    assert Citation.objects.filter(source=stored, number="21", notation="CT-TTg").exists()
    dispatch = version.dispatch
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.ISSUED
    assert dispatch.to_record().number == "01"


def test_numbers_follow_on_through_the_year_and_start_again(people):
    numbers = [_issued(people).to_record().number for _ in range(11)]
    assert numbers == ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11"]
    assert _issued(people, on=dt.date(2032, 1, 2)).to_record().number == "01"


def test_an_issued_dispatch_is_searchable_and_citable(people):
    from congvan.registry.search import search

    version = _issued(people)
    hits = search("lừa đảo chiếm đoạt").hits
    assert version.document.pk in [h.document.pk for h in hits]
    exact = search("01/STTTT-TTBCXB").hits
    assert exact and exact[0].document.pk == version.document.pk
    # a later dispatch citing it finds it as a reference and links to it
    found = services.find_references("01/STTTT")
    assert [d.pk for d in found] == [version.document.pk]
    ref = services.reference_of(found[0])
    citing = draft_record(references=[ref], notation="STTTT-VP")
    second = _issued(people, citing)
    citation = Citation.objects.get(source=second.document, number="01")
    assert citation.target_id == version.document.pk


def test_issued_text_never_changes_in_place(people):
    version = _issued(people)
    dispatch = version.dispatch
    with pytest.raises(services.Frozen):
        services.update(dispatch, draft_record(subject="khác"), by=people["officer"])
    with pytest.raises(services.Frozen):
        services.issue(dispatch, by=people["clerk"], on=ON)
    with pytest.raises(FrozenVersion):
        version.save()
    with pytest.raises(FrozenVersion):
        version.delete()


def test_a_new_version_keeps_the_history(people):
    first = _issued(people)
    dispatch = services.revise(first.dispatch, by=people["officer"], reason="sửa thời hạn")
    assert dispatch.status == Dispatch.DRAFT and dispatch.version == 2
    assert dispatch.to_record().number is None  # numbered again on issue
    changed = dispatch.to_record()
    changed.tasks[1].deadline = "2031-06-30"
    changed.subject = "tăng cường tuyên truyền phòng, chống lừa đảo (thay thế)"
    services.update(dispatch, changed, by=people["officer"])
    with pytest.raises(services.NotReady):  # not signed again yet
        services.issue(dispatch, by=people["clerk"], on=ON)
    services.sign(dispatch, by=people["leader"])
    second = services.issue(dispatch, by=people["clerk"], on=dt.date(2031, 3, 9))
    versions = list(Version.objects.filter(dispatch=dispatch).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[1].reason == "sửa thời hạn"
    old, new = versions[0].to_record(), versions[1].to_record()
    assert (old.number, old.date) == ("01", "2031-03-05")
    assert (new.number, new.date) == ("02", "2031-03-09")
    assert old.subject != new.subject and old.tasks[1].deadline == "2025-12-31"
    # the first issued file and registry record are untouched
    first_doc = Stored.objects.get(pk=first.document_id)
    assert first_doc.subject == old.subject and first_doc.number == "01"
    assert first_doc.sha256 != second.document.sha256


def test_editing_an_approved_draft_sends_it_back_for_approval(people):
    dispatch = services.create(draft_record(), by=people["officer"])
    services.sign(dispatch, by=people["leader"])
    services.update(dispatch, draft_record(), by=people["officer"])  # no change
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.SIGNED
    services.update(dispatch, draft_record(subject="nội dung khác"), by=people["officer"])
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.DRAFT and dispatch.signed_by is None


def test_a_refused_issue_leaves_no_gap_in_the_register(people):
    from congvan.registry.registers import get_register

    dispatch = services.create(draft_record(), by=people["officer"])
    services.sign(dispatch, by=people["leader"])
    # a record that passes as a draft but not once dated: the place is cleared behind the
    # service's back (say, by an administrator) after approval
    Dispatch.objects.filter(pk=dispatch.pk).update(record={**dispatch.record, "place": None})
    with pytest.raises(services.NotReady):
        services.issue(dispatch, by=people["clerk"], on=ON)
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.SIGNED and not dispatch.versions.exists()
    counter = Counter.objects.filter(register=get_register("outgoing"), year=2031).first()
    assert counter is None or counter.last == 0
    assert _issued(people).to_record().number == "01"


def test_permissions_of_the_services(people):
    with pytest.raises(PermissionDenied):
        services.create(draft_record(), by=people["clerk"])
    dispatch = services.create(draft_record(), by=people["officer"])
    with pytest.raises(PermissionDenied):
        services.sign(dispatch, by=people["officer"])
    services.sign(dispatch, by=people["leader"])
    for who in ("officer", "leader", "recipient"):
        with pytest.raises(PermissionDenied):
            services.issue(dispatch, by=people[who], on=ON)
    assert services.issue(dispatch, by=people["clerk"], on=ON).version == 1


def test_a_typed_document_gets_its_number_too(people):
    record = draft_record(kind="Kế hoạch", notation="KH-STTTT", recipients=[])
    version = _issued(people, record)
    assert version.to_record().code == "01/KH-STTTT"
    assert "KẾ HOẠCH" in version.document.text
