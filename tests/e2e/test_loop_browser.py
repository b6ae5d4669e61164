"""The loop in a browser (Playwright driving Debian's Chromium): an officer sends a dispatch to
three organisations; two of them sign in, read it and report; the dashboard shows the third as
missing; the XLSX export holds the two reports.

Screenshots of the dashboard and an inbox are written to the test's folder, and also to
``$CONGVAN_SCREENSHOTS`` when set (``docs/screenshots`` keeps the ones in the README).
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM
from tests.tracking.builders import PASSWORD, campaign, make_document, make_org, make_user

sync_api = pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)


def sign_in(browser, base: str, username: str):
    context = browser.new_context(
        accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="vi-VN"
    )
    page = context.new_page()
    page.goto(f"{base}/theo-doi/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def keep(path: Path, name: str) -> None:
    target = os.environ.get("CONGVAN_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(target) / name)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_issue_read_report_and_compile(live_server, browser, tmp_path):
    from openpyxl import load_workbook

    from congvan.document.model import Task

    orgs = [
        make_org("Báo Lạng Sơn", kind="press"),
        make_org("Đài Phát thanh và Truyền hình tỉnh Lạng Sơn", kind="broadcast"),
        make_org("Cổng Thông tin điện tử tỉnh Lạng Sơn", kind="portal"),
    ]
    lua_dao = campaign("lua-dao")
    make_user("chuyenvien", "officer")
    make_user("baols", "recipient", orgs[0])
    make_user("daipt", "recipient", orgs[1])
    make_user("congttdt", "recipient", orgs[2])
    doc = make_document(
        number="498",
        subject="tăng cường tuyên truyền phòng, chống lừa đảo chiếm đoạt tài sản",
        recipients=[o.name for o in orgs],
        tasks=[Task(label="1", text="Tăng cường thông tin, tuyên truyền về thủ đoạn lừa đảo.")],
    )
    base = live_server.url

    # the officer confirms the proposed recipients and sends
    officer = sign_in(browser, base, "chuyenvien")
    officer.goto(f"{base}/theo-doi/gui/van-ban/{doc.pk}/")
    checked = officer.locator("input[name=org]:checked")
    assert sorted(checked.evaluate_all("els => els.map(e => e.value)")) == sorted(
        str(o.pk) for o in orgs
    )
    # the campaign is proposed from the subject (lừa đảo): only it is ticked
    ticked = officer.locator("input[name=campaign]:checked")
    assert ticked.evaluate_all("els => els.map(e => e.value)") == [str(lua_dao.pk)]
    officer.click("#send")
    officer.wait_for_selector("#rows")
    assert officer.inner_text("#n-orgs") == "3"
    assert officer.inner_text("#n-received") == "0"

    # two organisations read it and report
    for username, org, figure in (("baols", orgs[0], "12"), ("daipt", orgs[1], "7")):
        page = sign_in(browser, base, username)
        assert "/theo-doi/hop-thu/" in page.url
        if username == "baols":
            path = tmp_path / "inbox.png"
            page.screenshot(path=str(path), full_page=True)
            keep(path, "inbox.png")
        page.click("#inbox a >> nth=0")
        page.wait_for_selector(".report-form")
        assert "V/v tăng cường tuyên truyền" in page.content()
        page.fill(".report-form textarea[name=text]", f"{org.name} đã đăng {figure} tin, bài.")
        page.locator(".report-form input[type=number]").first.fill(figure)
        page.click(".report-form button[type=submit]")
        page.wait_for_selector(".msg")
        assert "Đã gửi báo cáo kết quả mục 1" in page.content()
        page.context.close()

    # the dashboard shows the third as missing
    officer.reload()
    assert officer.inner_text("#n-received") == "2"
    assert officer.inner_text("#n-reported") == "2"
    missing = officer.inner_text("#missing")
    assert orgs[2].name in missing
    assert orgs[0].name not in missing and orgs[1].name not in missing
    path = tmp_path / "dashboard.png"
    officer.screenshot(path=str(path), full_page=True)
    keep(path, "dashboard.png")

    # the XLSX export holds the two reports
    with officer.expect_download() as download:
        officer.click("#export-xlsx")
    saved = tmp_path / "tong-hop.xlsx"
    download.value.save_as(saved)
    book = load_workbook(io.BytesIO(saved.read_bytes()))
    reports = list(book["Báo cáo"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[0] for r in reports) == sorted([orgs[0].name, orgs[1].name])
    assert {r[4] for r in reports} == {12, 7}  # the first figure: tin, bài
    assert [r[0] for r in book["Chưa báo cáo"].iter_rows(min_row=2, values_only=True)] == [
        orgs[2].name
    ]
