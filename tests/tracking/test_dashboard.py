"""The dashboard's figures equal a direct count in the database; XLSX and DOCX hold them."""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal
from unittest import mock

from django.db.models import Sum
from django.utils import timezone
from docx import Document as Docx
from openpyxl import load_workbook

from congvan.tracking import tally
from congvan.tracking.assign import set_deadline
from congvan.tracking.compile import (
    Row,
    Summary,
    campaign_summary,
    dispatch_summary,
    to_docx,
    to_xlsx,
)
from congvan.tracking.distribute import distribute, receive
from congvan.tracking.models import Figure, InboxEntry, Metric, Organisation, Task
from congvan.tracking.reports import request_reports, submit_report
from congvan.tracking.templatetags.congvan_tags import dashboard_rows
from tests.tracking.builders import make_document, make_org, make_user

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
        set_deadline(task, rng.choice([None, dt.date(2020, 8, 1), dt.date(2020, 9, 1)]))
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
    _campaign_equals_direct_counts(world["campaign"])


def _campaign_equals_direct_counts(campaign):
    """Every figure of the campaign's dashboard, against a count over the rows themselves."""
    summary = campaign_summary(campaign, TODAY)
    tasks = Task.objects.filter(distribution__campaigns=campaign)
    entries = InboxEntry.objects.filter(distribution__campaigns=campaign)
    assert summary.tasks == tasks.count()
    assert summary.reported == tasks.filter(status=Task.REPORTED).count()
    assert summary.overdue == tasks.filter(deadline__lt=TODAY).exclude(status=Task.REPORTED).count()
    assert summary.dispatch_count == campaign.distributions.count()
    by_org = {r.organisation.pk: r for r in summary.rows}
    assert {o for o in by_org if by_org[o].tasks or by_org[o].entries} == set(
        tasks.values_list("organisation_id", flat=True)
    ) | set(entries.values_list("organisation_id", flat=True))
    for org_id, row in by_org.items():
        mine = tasks.filter(organisation_id=org_id)
        assert row.tasks == mine.count()
        assert row.reported == mine.filter(status=Task.REPORTED).count()
        assert row.overdue == mine.filter(deadline__lt=TODAY).exclude(status=Task.REPORTED).count()
        assert row.dispatches == mine.values("distribution_id").distinct().count()
        assert row.entries == entries.filter(organisation_id=org_id).count()
        assert (
            row.opened == entries.filter(organisation_id=org_id, received_at__isnull=False).count()
        )
    for metric, total in zip(summary.metrics, summary.totals(), strict=True):
        direct = Figure.objects.filter(metric=metric).aggregate(s=Sum("value"))["s"] or 0
        assert total == direct
        for org_id, row in by_org.items():
            direct = Figure.objects.filter(
                metric=metric, report__task__organisation_id=org_id
            ).aggregate(s=Sum("value"))["s"] or Decimal(0)
            assert row.figures.get(metric.pk, Decimal(0)) == direct
    monthly: dict[tuple[str, int], Decimal] = {}
    for metric_id, submitted, value in Figure.objects.filter(metric__campaign=campaign).values_list(
        "metric_id", "report__submitted_at", "value"
    ):
        key = (timezone.localtime(submitted).strftime("%m/%Y"), metric_id)
        monthly[key] = monthly.get(key, Decimal(0)) + value
    assert sorted({p for p, _ in monthly}, key=lambda p: p[3:] + p[:2]) == summary.periods
    for (period, metric_id), value in monthly.items():
        assert summary.series[metric_id][summary.periods.index(period)] == value
    assert sum(sum(v) for v in summary.series.values()) == sum(summary.totals())
    diff = tally.differences()
    assert not (diff.orgs or diff.dues or diff.figures), diff


def test_campaign_tallies_follow_every_change(world, django_user_model):
    """Dispatches joining and leaving the campaign, deadlines set and lifted, reports replaced
    in another month, requests for reports, a dispatch deleted: the dashboard still equals
    a direct count after each step."""
    rng = random.Random(3)
    lua_dao = world["campaign"]
    officer = world["people"]["officer"]
    orgs = list(world["orgs"]) + [make_org(f"Đơn vị thêm {i}") for i in range(4)]
    people = {o.pk: make_user(f"q{o.pk}", "recipient", o) for o in orgs[3:]}
    people.update({o.pk: world["people"][k] for o, k in zip(orgs[:3], "abc", strict=True)})
    dists = [world["dist"]]
    for i in range(4):
        chosen = rng.sample([o.pk for o in orgs], 4)
        doc = make_document(subject=f"tuyên truyền phòng, chống lừa đảo đợt {i}")
        dists.append(
            distribute(doc, chosen, sender=officer, campaign_ids=[lua_dao.pk] if i % 2 else [])
        )
    _campaign_equals_direct_counts(lua_dao)

    # a dispatch joins the campaign after its reports came in
    late = dists[1]
    for task in Task.objects.filter(distribution=late):
        set_deadline(task, dt.date(2020, 8, 1))
        if rng.random() < 0.7:
            submit_report(task, people[task.organisation_id], "Đã làm.", {})
    late.campaigns.add(lua_dao)
    _campaign_equals_direct_counts(lua_dao)

    for dist in dists:
        for entry in InboxEntry.objects.filter(distribution=dist):
            if rng.random() < 0.5:
                receive(entry, people[entry.organisation_id])
        for task in Task.objects.filter(distribution=dist):
            if rng.random() < 0.4:
                set_deadline(task, rng.choice([None, dt.date(2020, 7, 1), dt.date(2020, 9, 1)]))
            if rng.random() < 0.5:
                with mock.patch(
                    "django.utils.timezone.now",
                    return_value=dt.datetime(2020, rng.randint(6, 9), 3, 20, tzinfo=dt.UTC),
                ):
                    submit_report(
                        task,
                        people[task.organisation_id],
                        "Kết quả.",
                        {"tin-bai": rng.randint(0, 9)} if dist.campaigns.exists() else {},
                    )
    _campaign_equals_direct_counts(lua_dao)

    request_reports(dists[3], officer, deadline=dt.date(2020, 8, 5))
    distribute(dists[3].document, [orgs[-1].pk, orgs[0].pk], sender=officer)  # adds one
    _campaign_equals_direct_counts(lua_dao)

    dists[3].campaigns.remove(lua_dao)
    _campaign_equals_direct_counts(lua_dao)
    lua_dao.distributions.add(dists[3], dists[4])
    _campaign_equals_direct_counts(lua_dao)
    dists[4].campaigns.clear()
    _campaign_equals_direct_counts(lua_dao)
    dists[1].document.delete()  # the dispatch goes with its document
    _campaign_equals_direct_counts(lua_dao)

    stored = campaign_summary(lua_dao, TODAY)
    tally.rebuild()
    again = campaign_summary(lua_dao, TODAY)
    assert [
        (r.organisation.pk, r.tasks, r.reported, r.overdue, r.figures) for r in stored.rows
    ] == [(r.organisation.pk, r.tasks, r.reported, r.overdue, r.figures) for r in again.rows]


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
    column = header.index("Tin, bài")
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


def test_rebuild_tallies_command_checks_and_recounts(world):
    from django.core.management import CommandError, call_command

    from congvan.tracking.models import CampaignTally

    _fill(world, random.Random(2))
    call_command("rebuild_tallies", "--check", stdout=io.StringIO())
    CampaignTally.objects.update(tasks=0)  # rows changed behind the service functions' back
    try:
        call_command("rebuild_tallies", "--check", stdout=io.StringIO(), stderr=io.StringIO())
    except CommandError as err:
        assert "lệch" in str(err)
    else:
        raise AssertionError("a drift went unnoticed")
    call_command("rebuild_tallies", stdout=io.StringIO())
    _campaign_equals_direct_counts(world["campaign"])


def test_dashboard_rows_show_receipt_status_and_figures_escaped():
    metric = Metric(pk=7, key="tin-bai", label="Tin, bài")
    opened = dt.datetime(2020, 7, 17, 14, 5, tzinfo=dt.UTC)
    rows = [
        Row(
            Organisation(name="Báo <Lai Châu>"),
            tasks=2,
            reported=2,
            received_at=opened,
            entries=3,
            opened=1,
            figures={7: Decimal("12500")},
        ),
        Row(Organisation(name="Đài PT-TH"), tasks=1, overdue=1),
    ]
    summary = Summary(title="", metrics=[metric], rows=rows, today=TODAY)
    done, late = dashboard_rows(summary, dispatch=True).split("</tr>")[:2]
    assert 'data-org="Báo &lt;Lai Châu&gt;"' in done and "<Lai" not in done
    assert "ngày 17 tháng 7 năm 2020" in done and "Đã báo cáo" in done
    assert '<td class="num">12.500</td>' in done
    assert "Chưa mở" in late and 'class="tag overdue">Quá hạn' in late and 'class="missing"' in late
    campaign = dashboard_rows(summary, dispatch=None)
    # a campaign's row counts its dispatches delivered and opened instead
    assert "Chưa mở" not in campaign and '<td class="num">3</td><td class="num">1</td>' in campaign
