"""The web pages: list, search, document, original file, upload."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congvan.document.model import Reference
from tests.django_env import client_as, people  # noqa: F401


@pytest.fixture
def client(client, people):  # noqa: F811
    """The registers are the department's own records: the pages are read as its clerk."""
    client.force_login(people["clerk"])
    return client


@pytest.fixture
def docs(store):
    directive = store(
        kind="Chỉ thị",
        number="21",
        notation="CT-TTg",
        date="2020-05-25",
        issuer="THỦ TƯỚNG CHÍNH PHỦ",
        subject="phòng ngừa lừa đảo",
    )
    plan = store(
        kind="Kế hoạch",
        notation="KH-UBND",
        subject="thực hiện Chỉ thị 21/CT-TTg",
        text="Thực hiện Chỉ thị số 21/CT-TTg về phòng ngừa lừa đảo chiếm đoạt tài sản.",
        references=[Reference(kind="Chỉ thị", number="21", notation="CT-TTg", date="2020-05-25")],
        data="Kế hoạch thực hiện".encode(),
        register="incoming",
    )
    return directive, plan


def test_list_with_filters_and_paging(client, docs):
    page = client.get(reverse("registry:list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Danh sách văn bản" in html and "21/CT-TTg" in html and "2 văn bản" in html
    only_plans = client.get(reverse("registry:list"), {"kind": "Kế hoạch"}).content.decode()
    assert "1 văn bản" in only_plans and "số 21/CT-TTg" not in only_plans


def test_search_page_highlights(client, docs):
    html = client.get(reverse("registry:search"), {"q": "lua dao"}).content.decode()
    assert "<mark>lừa đảo</mark>" in html


def test_search_page_htmx_returns_only_results(client, docs):
    response = client.get(
        reverse("registry:search"),
        {"q": "lua dao"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="results",
    )
    html = response.content.decode()
    assert "<mark>" in html and "<html" not in html


def test_document_page_shows_fields_citations_both_ways_and_text(client, docs):
    directive, plan = docs
    html = client.get(reverse("registry:detail", args=[plan.pk])).content.decode()
    assert "KT. GIÁM ĐỐC" in html and "Sổ văn bản đến: số 01" in html
    assert reverse("registry:detail", args=[directive.pk]) in html
    assert "Thực hiện Chỉ thị số 21/CT-TTg" in html
    html = client.get(reverse("registry:detail", args=[directive.pk])).content.decode()
    assert reverse("registry:detail", args=[plan.pk]) in html


def test_original_file_download(client, docs):
    _, plan = docs
    response = client.get(reverse("registry:file", args=[plan.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == "Kế hoạch thực hiện".encode()
    assert "attachment" in response["Content-Disposition"]
    directive, _ = docs
    assert client.get(reverse("registry:file", args=[directive.pk])).status_code == 404


def test_upload_ingests_like_the_command(client, db):
    pytest.importorskip("congvan.document.parse")
    pytest.importorskip("congvan.document.extract")
    from congvan.registry.models import Document

    text = (
        "UBND TỈNH KIÊN GIANG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n\nSố: 498/STTTT-TTBCBC\n\n"
        "Kiên Giang, ngày 17 tháng 7 năm 2020\n\nV/v tăng cường công tác thông tin\n\n"
        "Kính gửi: Báo Kiên Giang.\n\n1. Tuyên truyền.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    ).encode()
    for _ in range(2):
        response = client.post(
            reverse("registry:upload"),
            {"files": [SimpleUploadedFile("cv498.txt", text)], "register": "incoming"},
        )
        assert response.status_code == 200
    assert Document.objects.count() == 1
    assert "đã có trong kho" in response.content.decode()
    bad = client.post(
        reverse("registry:upload"), {"files": [SimpleUploadedFile("x.xyz", b"\x00")]}
    ).content.decode()
    assert "lỗi:" in bad


def test_document_page_reads_dates_in_words_and_checks_the_form(client, docs, store):
    directive, _ = docs
    html = client.get(reverse("registry:detail", args=[directive.pk])).content.decode()
    assert "ngày 25 tháng 5 năm 2020" in html and "2020-05-25" not in html
    assert "Không phát hiện lỗi thể thức" in html
    incomplete = store(distribution=[], notation="STTTT-TTBCBC")
    html = client.get(reverse("registry:detail", args=[incomplete.pk])).content.decode()
    checks = html.split("Kiểm tra thể thức")[1]
    assert "Thiếu «Nơi nhận»" in checks


def test_a_scan_is_read_by_ocr_and_its_searchable_pdf_kept(client, db):
    from congvan.document import ocr
    from congvan.registry.ingest import ingest_bytes

    if not ocr.ocr_available():
        pytest.skip("tesseract-ocr-vie is not installed")
    from tests.document.test_ocr import scan_image

    outcome = ingest_bytes(scan_image("PNG"), "cong-van-scan.png")
    document = outcome.document
    assert document.ocr_sha256 and document.ocr_confidence is not None
    html = client.get(reverse("registry:detail", args=[document.pk])).content.decode()
    assert "Nhận dạng ký tự (OCR)" in html and "độ tin cậy" in html
    pdf = client.get(reverse("registry:searchable", args=[document.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_search_page_queries_do_not_grow_with_the_results(client, store):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from congvan.registry.models import Document

    def queries_for_page() -> int:
        client.get(reverse("registry:search"), {"q": "lua dao"})  # the index catches up first
        with CaptureQueriesContext(connection) as captured:
            html = client.get(reverse("registry:search"), {"q": "lua dao"}).content.decode()
        assert html.count("Sổ văn bản đến số") == Document.objects.count()
        return len(captured)

    store(subject="phòng chống lừa đảo", register="incoming")
    few = queries_for_page()
    for n in range(5):
        store(subject=f"phòng chống lừa đảo đợt {n}", register="incoming")
    assert queries_for_page() == few


REGISTRY_PAGES = [
    ("registry:list", False, "GET"),
    ("registry:search", False, "GET"),
    ("registry:detail", True, "GET"),
    ("registry:file", True, "GET"),
    ("registry:upload", False, "GET"),
    ("registry:upload", False, "POST"),
]
# who may open each page: the department reads the registers; the clerk and the officer add
READERS = {"clerk", "officer", "leader", "admin"}
ADDERS = {"clerk", "officer", "admin"}


@pytest.mark.parametrize(("name", "with_pk", "method"), REGISTRY_PAGES)
def test_the_registers_are_closed_to_guests_and_recipient_organisations(
    client_as,  # noqa: F811
    people,  # noqa: F811
    docs,
    name,
    with_pk,
    method,
):
    from congvan.registry.models import Document

    _, plan = docs
    url = reverse(name, args=[plan.pk] if with_pk else [])
    stored = Document.objects.count()
    guest = client_as().generic(method, url)
    assert guest.status_code == 302 and "dang-nhap" in guest["Location"]
    may = ADDERS if name == "registry:upload" else READERS
    for role, user in people.items():
        status = client_as(user).generic(method, url).status_code
        if role in may:
            assert status == 200, (role, status)
        else:
            assert status == 403, (role, status)
    assert Document.objects.count() == stored  # nobody's request stored anything


def test_the_kind_filter_offers_a_kind_as_soon_as_a_document_of_it_is_stored(client, store):
    store(kind="Kế hoạch")
    assert "Tờ trình" not in client.get(reverse("registry:list")).content.decode()
    store(kind="Tờ trình", notation="TTr-STTTT")
    assert '<option value="Tờ trình"' in client.get(reverse("registry:list")).content.decode()
