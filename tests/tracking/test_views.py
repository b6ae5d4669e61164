"""Pages: the officer corrects the proposal; opening an entry records receipt; reports."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from congvan.document.model import Task as Item
from congvan.tracking.models import Distribution, InboxEntry, Task
from tests.tracking.builders import make_document, make_org, make_user


def test_officer_corrects_the_proposed_organisations(db):
    a, b, c = make_org("Đơn vị A"), make_org("Đơn vị B"), make_org("Đơn vị C")
    doc = make_document(
        recipients=["Đơn vị A", "Đơn vị B", "Một đơn vị chưa có trong danh bạ"],
        tasks=[
            Item(label="1", text="Chung."),
            Item(label="2", text="Riêng.", addressee="Đơn vị B"),
        ],
    )
    client = Client()
    client.force_login(make_user("officer", "officer"))
    page = client.get(reverse("tracking:distribute", args=[doc.pk])).content.decode()
    assert "chưa xác định được" in page
    # the officer drops B from item 2's addressees? no: keeps it; adds C, drops A
    response = client.post(
        reverse("tracking:distribute", args=[doc.pk]),
        {"org": [b.pk, c.pk], "task-1-org": [b.pk], "task-0-deadline": "2020-08-20"},
    )
    dist = Distribution.objects.get(document=doc)
    assert response.status_code == 302
    assert set(dist.entries.values_list("organisation_id", flat=True)) == {b.pk, c.pk}
    assert sorted(dist.tasks.values_list("label", "organisation_id")) == sorted(
        [("1", b.pk), ("1", c.pk), ("2", b.pk)]
    )
    assert {t.deadline.isoformat() for t in dist.tasks.filter(label="1")} == {"2020-08-20"}
    assert all(t.deadline_source == Task.FROM_OFFICER for t in dist.tasks.filter(label="1"))
    assert a.inbox.count() == 0


def test_opening_records_receipt_and_the_report_form_works(world):
    a = world["orgs"][0]
    entry = InboxEntry.objects.get(distribution=world["dist"], organisation=a)
    staff = Client()
    staff.force_login(world["people"]["officer"])
    staff.get(reverse("tracking:entry", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.received_at is None  # the department looking is not receipt
    client = Client()
    client.force_login(world["people"]["a"])
    page = client.get(reverse("tracking:entry", args=[entry.pk])).content.decode()
    entry.refresh_from_db()
    assert entry.received_at is not None
    assert "Tin, bài" in page  # the campaign's figures are asked for
    task = Task.objects.get(distribution=world["dist"], organisation=a, label="1")
    metric = task.distribution.campaigns.get().metrics.get(key="tin-bai")
    client.post(
        reverse("tracking:task-report", args=[task.pk]),
        {"text": "Đã đăng 4 tin.", f"m-{metric.pk}": "4"},
    )
    task.refresh_from_db()
    assert task.status == Task.REPORTED and task.report.figures.get().value == 4
    dashboard = staff.get(reverse("tracking:dispatch", args=[world["dist"].pk])).content.decode()
    assert "Đã đăng 4 tin." in dashboard
    assert "<svg" in dashboard


def test_inbox_pages_keep_the_filter(world):
    from django.test import Client

    from congvan.tracking.distribute import distribute
    from tests.tracking.builders import make_document

    a = world["orgs"][0]
    for i in range(25):
        distribute(make_document(subject=f"văn bản thử {i}"), [a.pk], sender=None)
    client = Client()
    client.force_login(world["people"]["a"])
    page = client.get("/theo-doi/hop-thu/?trang_thai=chua-doc").content.decode()
    assert "26 văn bản" in page
    assert "?trang_thai=chua-doc&amp;page=2" in page
    second = client.get("/theo-doi/hop-thu/?trang_thai=chua-doc&page=2").content.decode()
    assert second.count("/theo-doi/hop-thu/") >= 6 and "Trang 2/2" in second
