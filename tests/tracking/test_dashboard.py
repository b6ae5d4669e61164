"""The dashboard's figures equal a direct count in the database; XLSX and DOCX hold them."""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal

from django.db.models import Sum
from docx import Document as Docx
from openpyxl import load_workbook

from congvan.tracking.compile import campaign_summary, dispatch_summary, to_docx, to_xlsx
from congvan.tracking.models import Figure, InboxEntry, Organisation, Task
from congvan.tracking.reports import submit_report
from tests.tracking.builders import make_org, make_user

TODAY = dt.date(2020, 8, 10)


def _fill(world, rng: random.Random):
    """Random receipts, reports, figures and deadlines over the world's dispatch."""
    from congvan.tracking.distribute import receive

    orgs = list(world["orgs"]) + [make_org(f"Đơn vị ngẫu nhiên {i}") for i in range(5)]
    people = {o.pk: make_user(f"p{o.pk}", "recipient", o) for o in orgs[3:]}
    people.update({o.pk: world["people"][k] for o, k in zip(orgs[:3], "abc", strict=True)})
    from congvan.tracking.distribute import distribute

    distribute(world["doc"], [o.pk for o in orgs], sender=world["people"]["officer"])
    for task in Task.objects.filter(distribution=world["dist"]):
        task.deadline = rng.choice([None, dt.date(2020, 8, 1), dt.date(2020, 9, 1)])
        task.save()
        if rng.random() < 0.5:
            submit_report(
                task,
                people[task.organisation_id],
                "Kết quả.",
                {"tin-bai": rng.randint(0, 30), "phat-song": rng.randint(0, 9)},
            )
    for entry in InboxEntry.objects.filter(distribution=world["dist"]):
        if rng.random() < 0.6:
            receive(entry, people[entry.organisation_id])


def test_dispatch_figures_equal_direct_counts(world):
    _fill(world, random.Random(5))
    dist = world["dist"]
    summary = dispatch_summary(dist, TODAY)
    tasks = Task.objects.filter(distribution=dist)
    assert summary.organisations == InboxEntry.objects.filter(distribution=dist).count()
    assert (
        summary.received
        == InboxEntry.objects.filter(distribution=dist, received_at__isnull=False).count()
    )
    assert summary.tasks == tasks.count()
    assert summary.reported == tasks.filter(status=Task.REPORTED).count()
    assert summary.overdue == tasks.filter(deadline__lt=TODAY).exclude(status=Task.REPORTED).count()
    complete = [
        o
        for o in Organisation.objects.filter(tasks__distribution=dist).distinct()
        if not tasks.filter(organisation=o).exclude(status=Task.REPORTED).exists()
    ]
    assert summary.reported_organisations == len(complete)
    assert {r.organisation.pk for r in summary.missing_rows} == set(
        tasks.exclude(status=Task.REPORTED).values_list("organisation_id", flat=True)
    )
    for metric, total in zip(summary.metrics, summary.totals(), strict=True):
        direct = Figure.objects.filter(report__task__distribution=dist, metric=metric).aggregate(
            s=Sum("value")
        )["s"] or Decimal(0)
        assert total == direct
    for row in summary.rows:
        for metric in summary.metrics:
            direct = Figure.objects.filter(
                report__task__distribution=dist,
                metric=metric,
                report__task__organisation=row.organisation,
            ).aggregate(s=Sum("value"))["s"] or Decimal(0)
            assert row.figures.get(metric.pk, Decimal(0)) == direct


def test_campaign_figures_equal_direct_counts(world):
    _fill(world, random.Random(9))
    summary = campaign_summary(world["campaign"], TODAY)
    tasks = Task.objects.filter(distribution__campaigns=world["campaign"])
    assert summary.tasks == tasks.count()
    assert summary.reported == tasks.filter(status=Task.REPORTED).count()
    assert summary.dispatch_count == 1
    for metric, total in zip(summary.metrics, summary.totals(), strict=True):
        direct = Figure.objects.filter(metric=metric).aggregate(s=Sum("value"))["s"] or 0
        assert total == direct
    assert sum(sum(v) for v in summary.series.values()) == sum(summary.totals())


def test_xlsx_holds_the_reports_and_the_missing(world):
    a, b, c = world["orgs"]
    for org, who, n in ((a, "a", 12), (b, "b", 3)):
        for task in Task.objects.filter(distribution=world["dist"], organisation=org):
            submit_report(task, world["people"][who], f"Báo cáo của {org.name}", {"tin-bai": n})
    book = load_workbook(io.BytesIO(to_xlsx(dispatch_summary(world["dist"], TODAY))))
    assert book.sheetnames == ["Tổng hợp", "Báo cáo", "Chưa báo cáo"]
    reports = list(book["Báo cáo"].iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in reports} == {a.name, b.name}
    assert all(r[3].startswith("Báo cáo của") for r in reports)
    missing = [r[0] for r in book["Chưa báo cáo"].iter_rows(min_row=2, values_only=True)]
    assert missing == [c.name]
    header = [c.value for c in book["Tổng hợp"][4]]
    column = header.index("Tin, bài (tin, bài)")
    total = list(book["Tổng hợp"].iter_rows(values_only=True))[-1]
    assert total[1] == "Tổng cộng" and total[column] == 12 * 2 + 3 * 2


def test_docx_report_in_decree_30_form(world):
    a = world["orgs"][0]
    for task in Task.objects.filter(distribution=world["dist"], organisation=a):
        submit_report(task, world["people"]["a"], "Đăng 5 tin", {"tin-bai": 5})
    word = Docx(io.BytesIO(to_docx(dispatch_summary(world["dist"], TODAY))))
    text = "\n".join(p.text for p in word.paragraphs)
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "BÁO CÁO" in text and "ngày 10 tháng 8 năm 2020" in "\n".join([text, *cells])
    assert "Đăng 5 tin" in text
    assert "Đơn vị chưa báo cáo: Cổng Thử Nghiệm, Đài Thử Nghiệm." in text
    assert "Tổng cộng" in cells and a.name in cells
