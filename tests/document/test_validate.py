"""validate: one test per Decree 30 rule a record can break, each problem in Vietnamese."""

from __future__ import annotations

import json

import pytest

from congvan.document.model import Document, Issuer, Reference, Signer, Task
from congvan.document.synthetic import generate
from congvan.document.validate import ERROR, WARNING, Problem, validate
from tests.conftest import FIXTURES


def good(**changes) -> Document:
    doc = Document(
        kind="Công văn",
        issuer=Issuer(name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", parent="UBND TỈNH KIÊN GIANG"),
        number="498",
        notation="STTTT-TTBCBC",
        place="Kiên Giang",
        date="2020-07-17",
        subject="tăng cường công tác thông tin, tuyên truyền",
        recipients=["Báo Kiên Giang", "Đài Phát thanh và Truyền hình Kiên Giang"],
        references=[Reference("Kế hoạch", "100", "KH-UBND", "2020-07-10", "UBND tỉnh")],
        tasks=[Task("1", "Tăng cường tuyên truyền.", deadline="2020-08-10")],
        distribution=["Như trên", "Lưu: VT, TTBCBC"],
        signer=Signer("KT", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Hải Yến"),
    )
    for key, value in changes.items():
        setattr(doc, key, value)
    return doc


def codes(doc: Document, **kwargs) -> set[str]:
    return {p.code for p in validate(doc, **kwargs)}


def only(doc: Document, code: str, **kwargs) -> Problem:
    problems = validate(doc, **kwargs)
    assert [p.code for p in problems] == [code], problems
    problem = problems[0]
    assert problem.message and any(ch in problem.message for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ")
    return problem


def test_a_complete_record_has_no_problem():
    assert validate(good()) == []


def test_problems_serialise_for_the_compose_page():
    problem = only(good(place=None), "place-missing")
    assert problem.to_json() == {
        "code": "place-missing",
        "field": "place",
        "message": problem.message,
        "severity": ERROR,
    }


def test_seed_gold_records_break_only_what_their_drafts_leave_out():
    found = {}
    for path in sorted((FIXTURES / "seeds").glob("*.json")):
        doc = Document.from_json(json.loads(path.read_text(encoding="utf-8")))
        found[path.stem[:3]] = [p.code for p in validate(doc, draft=doc.number is None)]
    assert found == {
        "000": [],
        "001": ["signer-title-missing"],  # the text shows no title above the name
        "003": [],
    }


def test_generated_issued_records_have_no_errors():
    for doc in generate(300, seed=3):
        errors = [p for p in validate(doc, draft=doc.number is None) if p.severity == ERROR]
        assert errors == [], (doc.kind, doc.notation, errors)


# --------------------------------------------------------------------------- Nơi nhận


def test_missing_distribution():
    assert only(good(distribution=[]), "distribution-missing").field == "distribution"


def test_missing_archive_line():
    only(good(distribution=["Như trên", "Lãnh đạo Sở"]), "archive-missing")


def test_archive_line_not_last():
    only(good(distribution=["Như trên", "Lưu: VT, TTBCBC", "Lãnh đạo Sở"]), "archive-not-last")


def test_archive_line_without_the_clerk():
    problem = only(good(distribution=["Như trên", "Lưu: TTBCBC"]), "archive-clerk")
    assert problem.severity == WARNING


def test_dispatch_with_recipients_lists_nhu_tren():
    problem = only(good(distribution=["Lãnh đạo Sở", "Lưu: VT, TTBCBC"]), "distribution-as-above")
    assert problem.severity == WARNING


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize("value", ["17/7/2020", "2020-7-17", "20-07-17", "ngày 17 tháng 7"])
def test_date_format(value):
    only(good(date=value), "date-format")


@pytest.mark.parametrize(
    "value", ["2020-02-30", "2021-02-29", "2020-13-01", "2020-00", "1900-01-01"]
)
def test_impossible_dates(value):
    only(good(date=value), "date-impossible")


def test_leap_day_is_a_date():
    assert validate(good(date="2020-02-29", references=[])) == []


def test_missing_date_unless_draft():
    only(good(date=None), "date-missing")
    assert validate(good(date=None, number=None), draft=True) == []


def test_an_issued_document_has_a_full_date():
    only(good(date="2020-07"), "date-incomplete")
    assert validate(good(date="2020-07", number=None), draft=True) == []


def test_reference_date_is_checked_too():
    refs = [Reference("Kế hoạch", "100", "KH-UBND", "2020-02-30", "UBND tỉnh")]
    assert only(good(references=refs), "date-impossible").field == "references[0].date"


def test_reference_issued_after_the_document():
    refs = [Reference("Kế hoạch", "100", "KH-UBND", "2020-08-01", "UBND tỉnh")]
    assert only(good(references=refs), "reference-later").severity == WARNING


def test_reference_needs_a_number():
    refs = [Reference("Kế hoạch", None, "KH-UBND", "2020-07-10", "UBND tỉnh")]
    only(good(references=refs), "reference-number")


def test_task_deadline_format_and_past_deadline():
    assert only(good(tasks=[Task("1", "Báo cáo.", deadline="10/8/2020")]), "date-format").field == (
        "tasks[0].deadline"
    )
    past = good(tasks=[Task("1", "Báo cáo.", deadline="2020-07-01")])
    assert only(past, "task-deadline-past").severity == WARNING


def test_task_labels_do_not_repeat():
    only(good(tasks=[Task("1", "Một."), Task("1", "Hai.")]), "task-label")


def test_task_has_text():
    only(good(tasks=[Task("1", "  ")]), "task-text")


# --------------------------------------------------------------------------- number


def test_number_below_ten_has_a_leading_zero():
    assert "«05»" in only(good(number="5"), "number-leading-zero").message
    assert validate(good(number="05")) == []


def test_leading_zero_only_below_ten():
    assert only(good(number="012"), "number-leading-zero").severity == WARNING


@pytest.mark.parametrize("value", ["12a", "IV", "số 5", "0"])
def test_number_format(value):
    only(good(number=value), "number-format")


def test_issued_document_has_a_number_a_draft_may_not():
    only(good(number=None), "number-missing")
    assert validate(good(number=None), draft=True) == []


# --------------------------------------------------------------------------- notation


def test_missing_notation():
    only(good(notation=None), "notation-missing")


def test_notation_groups_joined_by_hyphens():
    only(good(notation="STTTT--TTBCBC"), "notation-format")
    only(good(notation="STTTT_TTBCBC"), "notation-format")


def test_notation_without_spaces():
    assert "notation-spaces" in codes(good(notation="STTTT - TTBCBC"))


def test_dispatch_has_no_type_abbreviation():
    assert only(good(notation="CV-STTTT"), "notation-dispatch-type").severity == ERROR
    assert only(good(notation="KH-STTTT"), "notation-dispatch-type").severity == WARNING


def test_dispatch_notation_names_the_drafting_unit():
    assert only(good(notation="STTTT"), "notation-dispatch-unit").severity == WARNING


def test_many_groups_and_mixed_case_are_fine():
    assert validate(good(notation="SNgV-LS-NVNONN")) == []


def typed(kind: str, notation: str, **changes) -> Document:
    return good(kind=kind, notation=notation, subject="Triển khai công tác năm 2020", **changes)


def test_typed_document_notation_starts_with_its_type():
    assert validate(typed("Kế hoạch", "KH-UBND")) == []
    assert validate(typed("Quy định", "QyĐ-UBND")) == []
    assert "«KH»" in only(typed("Kế hoạch", "TB-UBND"), "notation-type").message


def test_typed_document_notation_names_the_agency():
    only(typed("Kế hoạch", "KH"), "notation-agency")


def test_old_abbreviations_are_flagged():
    assert only(typed("Giấy ủy quyền", "UQ-UBND"), "notation-old-abbreviation").severity == WARNING


def test_legal_document_notation_carries_the_year():
    decree = dict(kind="Nghị định", recipients=[], references=[], tasks=[])
    decree["subject"] = "Về công tác văn thư"
    decree["distribution"] = ["Lưu: VT, TCCV"]
    decree["signer"] = Signer("TM", "CHÍNH PHỦ", "THỦ TƯỚNG", "Nguyễn Xuân Phúc")
    assert validate(good(notation="2020/NĐ-CP", date="2020-03-05", number="30", **decree)) == []
    only(good(notation="NĐ-CP", date="2020-03-05", number="30", **decree), "notation-legal-year")
    wrong_year = good(notation="2019/NĐ-CP", date="2020-03-05", number="30", **decree)
    assert "2019" in only(wrong_year, "notation-legal-year").message
    only(good(notation="2020/QĐ-CP", date="2020-03-05", number="30", **decree), "notation-type")


# --------------------------------------------------------------------------- other components


def test_missing_subject():
    assert "V/v" in only(good(subject=None), "subject-missing").message


def test_subject_stored_without_vv():
    only(good(subject="V/v tăng cường tuyên truyền"), "subject-prefix")


def test_missing_issuer():
    only(good(issuer=Issuer(name=None, parent="UBND TỈNH KIÊN GIANG")), "issuer-missing")


def test_parent_same_as_issuer():
    issuer = Issuer(name="SỞ Y TẾ", parent="Sở Y tế")
    assert only(good(issuer=issuer), "issuer-parent-same").severity == WARNING


def test_missing_place():
    only(good(place=" "), "place-missing")


def test_dispatch_needs_recipients():
    only(good(recipients=[]), "recipients-missing")
    assert "recipients-missing" not in codes(typed("Kế hoạch", "KH-UBND", recipients=[]))


def test_submission_needs_its_recipient():
    only(typed("Tờ trình", "TTr-STTTT", recipients=[]), "recipients-missing")


def test_recipient_listed_twice():
    only(good(recipients=["Báo Kiên Giang", "báo Kiên Giang;"]), "recipients-duplicate")


def test_unknown_kind_and_spelling():
    only(good(kind="Công văn hỏa tốc"), "kind-unknown")
    only(good(kind="công văn"), "kind-spelling")
    only(good(kind=None), "kind-missing")


@pytest.mark.parametrize("level", ["Khẩn", "Thượng khẩn", "Hỏa tốc"])
def test_the_three_urgency_levels(level):
    assert validate(good(urgency=level)) == []


def test_urgency_outside_the_three_levels():
    only(good(urgency="Rất khẩn"), "urgency-level")
    only(good(urgency="Hỏa tốc hẹn giờ"), "urgency-level")


def test_urgency_spelling():
    assert only(good(urgency="Hoả tốc"), "urgency-spelling").severity == WARNING


# --------------------------------------------------------------------------- signing


def test_missing_signer_name():
    only(good(signer=Signer("KT", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", None)), "signer-name-missing")


def test_signing_form_without_authority():
    only(good(signer=Signer("KT", None, "PHÓ GIÁM ĐỐC", "Lê Hải Yến")), "signer-authority-missing")


def test_authority_without_signing_form():
    only(good(signer=Signer(None, "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Hải Yến")), "signer-form-missing")


def test_unknown_signing_form():
    only(good(signer=Signer("TT", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Hải Yến")), "signer-form")


def test_signing_form_written_with_its_dot():
    only(good(signer=Signer("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Hải Yến")), "signer-form-dot")


def test_signing_for_the_head_names_the_deputy():
    only(good(signer=Signer("KT", "GIÁM ĐỐC", None, "Lê Hải Yến")), "signer-title-missing")
    deputy = only(good(signer=Signer("KT", "GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "Lê Hải Yến")),
                  "signer-deputy")  # fmt: skip
    assert deputy.severity == WARNING


def test_head_signing_in_person_names_the_title():
    assert validate(good(signer=Signer(None, None, "GIÁM ĐỐC", "Lê Hải Yến"))) == []
    only(good(signer=Signer(None, None, None, "Lê Hải Yến")), "signer-title-missing")


@pytest.mark.parametrize("form", ["TM", "TL", "TUQ", "Q"])
def test_every_signing_form_of_the_decree(form):
    assert validate(good(signer=Signer(form, "GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "Lê Hải Yến"))) == []


def test_no_academic_title_before_the_name():
    signer = Signer("KT", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TS. Lê Hải Yến")
    assert only(good(signer=signer), "signer-academic-title").severity == WARNING
