"""Reports, statuses, overdue, requests for reports and reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from congvan.tracking.models import Task
from congvan.tracking.reports import (
    ReportError,
    Upload,
    request_reports,
    send_reminders,
    start_task,
    submit_report,
)


def task_of(world, org, label="1"):
    return Task.objects.get(distribution=world["dist"], organisation=org, label=label)


def test_report_with_figures_and_attachment(world):
    a = world["orgs"][0]
    task = task_of(world, a)
    start_task(task, world["people"]["a"])
    assert Task.objects.get(pk=task.pk).status == Task.IN_PROGRESS
    report = submit_report(
        task,
        world["people"]["a"],
        "Đăng 12 tin, bài.",
        {"tin-bai": "12", "thoi-luong": "7,5"},
        [Upload("anh.txt", b"noi dung")],
    )
    task.refresh_from_db()
    assert task.status == Task.REPORTED and task.shown_status() == Task.REPORTED
    assert {f.metric.key: f.value for f in report.figures.all()} == {
        "tin-bai": Decimal("12"),
        "thoi-luong": Decimal("7.5"),
    }
    assert report.attachments.get().size == len(b"noi dung")
    # a second submission replaces the first
    submit_report(task, world["people"]["a"], "Đăng 13 tin, bài.", {"tin-bai": 13})
    report.refresh_from_db()
    assert report.text == "Đăng 13 tin, bài."
    assert [(f.metric.key, f.value) for f in report.figures.all()] == [("tin-bai", 13)]


def test_another_organisation_cannot_report(world):
    a = world["orgs"][0]
    task = task_of(world, a)
    for who in ("b", "officer", "leader", "admin"):
        with pytest.raises(PermissionDenied):
            submit_report(task, world["people"][who], "Không phải việc của tôi.")
        with pytest.raises(PermissionDenied):
            start_task(task, world["people"][who])
    assert Task.objects.get(pk=task.pk).status == Task.NEW


@pytest.mark.parametrize(
    "text, figures",
    [("", {}), ("Có", {"khong-co": 1}), ("Có", {"tin-bai": "-1"}), ("Có", {"tin-bai": "nhiều"})],
)
def test_bad_reports_are_refused(world, text, figures):
    task = task_of(world, world["orgs"][0])
    with pytest.raises(ReportError):
        submit_report(task, world["people"]["a"], text, figures)
    assert Task.objects.get(pk=task.pk).status == Task.NEW


def test_overdue_is_shown_not_stored(world):
    task = task_of(world, world["orgs"][0])
    task.deadline = dt.date(2020, 8, 1)
    task.save()
    assert task.shown_status(dt.date(2020, 8, 1)) == Task.NEW
    assert task.shown_status(dt.date(2020, 8, 2)) == Task.OVERDUE
    assert task.status_label == "Quá hạn"
    submit_report(task, world["people"]["a"], "Xong.")
    assert task.shown_status(dt.date(2030, 1, 1)) == Task.REPORTED


def test_request_reports_sets_deadlines_and_mails_those_pending(world):
    a, _b, _c = world["orgs"]
    submit_report(task_of(world, a), world["people"]["a"], "Xong mục 1.")
    submit_report(task_of(world, a, "2"), world["people"]["a"], "Xong mục 2.")
    mail.outbox.clear()
    made = request_reports(
        world["dist"], world["people"]["officer"], deadline=dt.date(2020, 8, 15), message="Gấp."
    )
    assert made.recipients == 2  # b and c; a has reported everything
    assert sorted(addr for m in mail.outbox for addr in m.to) == sorted(
        [world["people"]["b"].email, world["people"]["c"].email]
    )
    assert "ngày 15 tháng 8 năm 2020" in mail.outbox[0].body
    pending = Task.objects.filter(distribution=world["dist"]).exclude(status=Task.REPORTED)
    assert set(pending.values_list("deadline", flat=True)) == {dt.date(2020, 8, 15)}
    with pytest.raises(PermissionDenied):
        request_reports(world["dist"], world["people"]["clerk"])


def test_reminders_go_to_organisations_with_tasks_due(world):
    _a, b, c = world["orgs"]
    Task.objects.filter(distribution=world["dist"], organisation=b).update(
        deadline=dt.date(2020, 8, 1)
    )
    Task.objects.filter(distribution=world["dist"], organisation=c).update(
        deadline=dt.date(2020, 9, 30)
    )
    mail.outbox.clear()
    assert send_reminders(dt.date(2020, 8, 5)) == 1
    assert mail.outbox[0].to == [world["people"]["b"].email]
    assert "đã quá hạn" in mail.outbox[0].body
    mail.outbox.clear()
    call_command("send_reminders", "--date", "2020-09-29", "--days", "2", stdout=None)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world["people"]["b"].email, world["people"]["c"].email]
    )
