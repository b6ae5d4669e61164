"""The compose pages: form → draft → edit → preview and problems → sign → issue → versions."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from congvan.compose import services
from congvan.compose.models import Dispatch
from tests.compose.builders import draft_record


def form_data(**over) -> dict:
    data = {
        "kind": "Công văn",
        "urgency": "Khẩn",
        "issuer_parent": "UBND TỈNH LẠNG SƠN",
        "issuer_name": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "notation": "STTTT-TTBCXB",
        "place": "Lạng Sơn",
        "subject": "tuyên truyền phòng, chống lừa đảo",
        "recipients": "Các cơ quan báo chí trên địa bàn tỉnh\nĐài Phát thanh và Truyền hình tỉnh",
        "ref-0-code": "21/CT-TTg",
        "ref-0-kind": "Chỉ thị",
        "ref-0-date": "2025-05-25",
        "ref-0-issuer": "Thủ tướng Chính phủ",
        "ref-1-code": "",
        "task-0-text": "Tăng cường thông tin, tuyên truyền.",
        "task-0-addressee": "",
        "task-0-deadline": "",
        "task-1-text": "Mở chuyên mục phòng, chống lừa đảo.",
        "task-1-addressee": "Các cơ quan báo chí trên địa bàn tỉnh",
        "task-1-deadline": "2031-12-31",
        "task-2-text": "",
        "opening": "",
        "closing": "",
        "distribution": "Như trên\nGiám đốc Sở\nLưu: VT, TTBCXB",
        "signer_form": "KT",
        "signer_authority": "GIÁM ĐỐC",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "signer_name": "Lê Văn A",
    }
    data.update(over)
    return data


def test_compose_form_saves_a_draft(people, client_as):
    client = client_as(people["officer"])
    page = client.get(reverse("compose:new"))
    assert page.status_code == 200
    assert "Soạn văn bản mới" in page.content.decode()
    assert "Báo Lạng Sơn" in page.content.decode()  # the directory, to pick recipients from
    response = client.post(reverse("compose:new"), form_data())
    assert response.status_code == 302
    dispatch = Dispatch.objects.get()
    assert response["Location"] == reverse("compose:detail", args=[dispatch.pk])
    record = dispatch.to_record()
    assert record.urgency == "Khẩn" and record.number is None
    assert record.recipients == [
        "Các cơ quan báo chí trên địa bàn tỉnh",
        "Đài Phát thanh và Truyền hình tỉnh",
    ]
    assert [(t.label, t.addressee, t.deadline) for t in record.tasks] == [
        ("1", None, None),
        ("2", "Các cơ quan báo chí trên địa bàn tỉnh", "2031-12-31"),
    ]
    assert [(r.kind, r.number, r.notation, r.date) for r in record.references] == [
        ("Chỉ thị", "21", "CT-TTg", "2025-05-25")
    ]
    assert record.distribution[-1] == "Lưu: VT, TTBCXB"
    assert dispatch.created_by == people["officer"]


def test_a_bad_deadline_is_shown_and_nothing_saved(people, client_as):
    client = client_as(people["officer"])
    response = client.post(reverse("compose:new"), form_data(**{"task-0-deadline": "31/02/2031"}))
    assert response.status_code == 400
    assert "không phải ngày" in response.content.decode()
    assert not Dispatch.objects.exists()


def test_the_page_previews_the_print_and_shows_the_problems(people, client_as):
    client = client_as(people["officer"])
    client.post(reverse("compose:new"), form_data(distribution="Như trên", signer_authority=""))
    dispatch = Dispatch.objects.get()
    html = client.get(reverse("compose:detail", args=[dispatch.pk])).content.decode()
    # the page as it will print
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "Độc lập - Tự do - Hạnh phúc" in html
    assert "UBND TỈNH LẠNG SƠN" in html
    assert "SỞ THÔNG TIN<br>VÀ TRUYỀN THÔNG" in html  # cut where the DOCX cuts it
    assert "V/v tuyên truyền phòng, chống lừa đảo" in html
    assert "KHẨN" in html
    assert "Kính gửi:" in html and "- Các cơ quan báo chí trên địa bàn tỉnh;" in html
    assert "Chỉ thị số 21/CT-TTg ngày 25/5/2025 của Thủ tướng Chính phủ" in html
    assert "1. Tăng cường thông tin, tuyên truyền." in html
    assert "2. Các cơ quan báo chí trên địa bàn tỉnh:" in html
    assert "Nơi nhận:" in html
    # the problems of validate(draft=True), in Vietnamese
    found = services.problems(dispatch)
    assert found
    for problem in found:
        assert escape(problem.message) in html
    assert any(p.field == "distribution" for p in services.problems(dispatch))
    assert 'data-code="' in html


def test_live_preview_of_the_form_being_typed(people, client_as):
    client = client_as(people["officer"])
    response = client.post(reverse("compose:live-preview"), form_data(subject=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-code="subject-missing"' in html
    assert "Số:" in html and "/STTTT-TTBCXB" in html
    assert not Dispatch.objects.exists()


def test_edit_sign_issue_distribute_and_new_version(people, client_as):
    officer, leader, clerk = (client_as(people[r]) for r in ("officer", "leader", "clerk"))
    officer.post(reverse("compose:new"), form_data())
    dispatch = Dispatch.objects.get()
    detail = reverse("compose:detail", args=[dispatch.pk])
    edit = reverse("compose:edit", args=[dispatch.pk])
    assert officer.get(edit).status_code == 200
    assert officer.post(edit, form_data(subject="nội dung đã sửa")).status_code == 302
    dispatch.refresh_from_db()
    assert dispatch.to_record().subject == "nội dung đã sửa"

    assert "Duyệt ký" in leader.get(detail).content.decode()
    assert leader.post(reverse("compose:sign", args=[dispatch.pk])).status_code == 302
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.SIGNED and dispatch.signed_by == people["leader"]

    assert "Cấp số và phát hành" in clerk.get(detail).content.decode()
    assert clerk.post(reverse("compose:issue", args=[dispatch.pk])).status_code == 302
    dispatch.refresh_from_db()
    version = dispatch.latest
    assert dispatch.status == Dispatch.ISSUED and version.to_record().number == "01"
    html = clerk.get(detail).content.decode()
    assert "Số: 01/STTTT-TTBCXB" in html
    assert reverse("tracking:distribute", args=[version.document_id]) in html
    assert "Phân phối" in html
    # the distribution page of tracking opens for that document
    assert clerk.get(reverse("tracking:distribute", args=[version.document_id])).status_code == 200

    # issued: the edit page refuses, a new version opens a draft
    assert officer.get(edit).status_code == 302
    response = officer.post(
        reverse("compose:revise", args=[dispatch.pk]), {"reason": "bổ sung nơi nhận"}
    )
    assert response["Location"] == edit
    dispatch.refresh_from_db()
    assert (dispatch.status, dispatch.version, dispatch.reason) == (
        Dispatch.DRAFT,
        2,
        "bổ sung nơi nhận",
    )
    officer.post(edit, form_data(subject="nội dung đã sửa", reason="bổ sung nơi nhận"))
    leader.post(reverse("compose:sign", args=[dispatch.pk]))
    clerk.post(reverse("compose:issue", args=[dispatch.pk]))
    html = officer.get(detail).content.decode()
    assert "Các phiên bản đã phát hành" in html
    assert "01/STTTT-TTBCXB" in html and "02/STTTT-TTBCXB" in html
    first = officer.get(reverse("compose:version", args=[dispatch.pk, 1])).content.decode()
    assert "Số: 01/STTTT-TTBCXB" in first and "không sửa được" in first


def test_downloads(people, client_as):
    from congvan.document.render import find_soffice

    dispatch = services.create(draft_record(), by=people["officer"])
    client = client_as(people["officer"])
    docx = client.get(reverse("compose:docx", args=[dispatch.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "du-thao" in docx["Content-Disposition"]
    services.sign(dispatch, by=people["leader"])
    version = services.issue(dispatch, by=people["clerk"])
    issued = client.get(reverse("compose:docx", args=[dispatch.pk]))
    assert issued.content == version.document.file_path.read_bytes()  # the file as issued
    if find_soffice() is None:
        assert client.get(reverse("compose:pdf", args=[dispatch.pk])).status_code == 503


def test_references_are_found_in_the_registry_by_number_and_notation(people, client_as):
    from tests.tracking.builders import make_document

    make_document(number="498", notation="STTTT-TTBCBC", subject="quản lý thông tin")
    client = client_as(people["officer"])
    for query in ("498/STTTT-TTBCBC", "498", "ttbcbc", "498/STTTT"):
        html = client.get(reverse("compose:references"), {"q": query}).content.decode()
        assert 'data-code="498/STTTT-TTBCBC"' in html, query
    html = client.get(reverse("compose:references"), {"q": "999/XYZ"}).content.decode()
    assert "Không có văn bản" in html
