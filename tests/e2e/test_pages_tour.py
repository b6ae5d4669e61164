"""Every page of the loop in a browser, as the person who uses it: Vietnamese throughout, dates
in words (``ngày 17 tháng 7 năm 2020``), nothing left unrendered.

Screenshots go to the test's folder, and to ``$CONGVAN_SCREENSHOTS/tour`` when set, to look
the pages over.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM
from tests.e2e.test_loop_browser import sign_in
from tests.tracking.builders import campaign, make_document, make_org, make_user

sync_api = pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ENGLISH = re.compile(
    r"\b(None|Page|Next|Previous|Submit|Login|Logout|Search|Not Found|Forbidden|This field)\b"
)


def look(page, tmp_path: Path, name: str) -> str:
    """The page's visible text, checked; a screenshot kept."""
    text = page.inner_text("body")
    assert not ISO_DATE.search(text), (name, ISO_DATE.search(text).group())
    assert not ENGLISH.search(text), (name, ENGLISH.search(text).group())
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    target = os.environ.get("CONGVAN_SCREENSHOTS")
    if target:
        (Path(target) / "tour").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(target) / "tour" / path.name)
    return text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_page_in_vietnamese(live_server, browser, tmp_path):
    from congvan.document.model import Task as Item
    from congvan.portal.publish import publish
    from congvan.tracking.distribute import distribute
    from congvan.tracking.models import InboxEntry, Task
    from congvan.tracking.reports import Upload, submit_report

    a = make_org("Báo Lạng Sơn", kind="press")
    b = make_org("Đài Phát thanh và Truyền hình tỉnh Lạng Sơn", kind="broadcast")
    officer = make_user("chuyenvien", "officer")
    officer.first_name = "Nguyễn Thị Hoa"
    officer.save()
    person = make_user("baols", "recipient", a)
    lua_dao = campaign("lua-dao")
    doc = make_document(
        number="498",
        date="2020-07-17",
        subject="tăng cường tuyên truyền phòng, chống lừa đảo chiếm đoạt tài sản",
        recipients=[a.name, b.name],
        tasks=[
            Item(label="1", text="Tăng cường thông tin, tuyên truyền.", deadline="2020-08-10"),
            Item(label="2", text="Báo cáo kết quả về Sở.", deadline=None),
        ],
    )
    dist = distribute(doc, [a.pk, b.pk], sender=officer, campaign_ids=[lua_dao.pk])
    task = Task.objects.get(distribution=dist, organisation=a, label="1")
    submit_report(task, person, "Đã đăng 12 tin.", {"tin-bai": 12}, [Upload("ket-qua.pdf", b"%")])
    waiting = make_document(number="512", subject="phòng, chống dịch bạch hầu")
    publish(doc, None)
    base = live_server.url

    page = browser.new_page(locale="vi-VN")
    page.goto(f"{base}/theo-doi/dang-nhap/")
    assert "Tên đăng nhập" in look(page, tmp_path, "login")
    page.goto(f"{base}/cong-khai/")
    look(page, tmp_path, "portal")
    page.close()

    staff = sign_in(browser, base, "chuyenvien")
    for name, url in (
        ("sent", "/theo-doi/da-gui/"),
        ("distribute", f"/theo-doi/gui/van-ban/{waiting.pk}/"),
        ("dispatch", f"/theo-doi/da-gui/{dist.pk}/"),
        ("campaigns", "/theo-doi/chu-de/"),
        ("campaign", f"/theo-doi/chu-de/{lua_dao.slug}/"),
        ("directory", "/theo-doi/don-vi/"),
        ("inbox-choose", "/theo-doi/hop-thu/"),
        ("inbox-of", f"/theo-doi/hop-thu/?don_vi={a.pk}"),
    ):
        staff.goto(base + url)
        text = look(staff, tmp_path, name)
        assert "Nguyễn Thị Hoa" in text
    staff.goto(f"{base}/theo-doi/da-gui/{dist.pk}/")
    assert "quá hạn" in staff.inner_text("#rows").lower()  # item 1 was due on 10/8/2020

    own = sign_in(browser, base, "baols")
    entry = InboxEntry.objects.get(distribution=dist, organisation=a)
    own.goto(f"{base}/theo-doi/hop-thu/{entry.pk}/")
    text = look(own, tmp_path, "entry")
    assert "ngày 17 tháng 7 năm 2020" in text
    assert "Hạn báo cáo: ngày 10 tháng 8 năm 2020" in text
    assert "khi có yêu cầu" in text
    assert "ket-qua.pdf" in text
    own.goto(f"{base}/theo-doi/hop-thu/")
    look(own, tmp_path, "inbox")
