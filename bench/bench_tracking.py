"""Tracking benchmarks (``make bench``): the inbox and dashboard pages at scale, p50 / p95.

    python bench/bench_tracking.py [--dispatches 100000] [--orgs 200] [--per-dispatch 5]
                                   [--requests 30]

A fresh ``CONGVAN_HOME`` (SQLite; ``CONGVAN_DATABASE_URL`` for another database) is filled with
``--orgs`` organisations and ``--dispatches`` distributed dispatches, each to ``--per-dispatch``
organisations drawn at random with one task each; a third of the dispatches belong to the
``lừa đảo`` campaign; about 60 % of the tasks are reported with a figure; half the entries are
opened. Rows are written with ``bulk_create`` (what is measured is reading them). Then each page
is requested ``--requests`` times through Django's test client (whole request: middleware,
session, queries, template), signed in as the person who uses it:

- inbox: a recipient organisation's inbox, first page and a deep page;
- sent: the department's list of dispatches sent, first page;
- dispatch dashboard: one dispatch's compilation, a different dispatch each request;
- campaign dashboard: the ``lừa đảo`` campaign over all its dispatches.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

BATCH = 5000


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[index]


def fill(dispatches: int, orgs: int, per_dispatch: int, rng: random.Random) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from congvan.registry.models import Document
    from congvan.tracking import tally
    from congvan.tracking.models import (
        Campaign,
        Distribution,
        Figure,
        InboxEntry,
        Metric,
        Organisation,
        Report,
        Task,
    )
    from congvan.tracking.roles import create_user
    from congvan.tracking.seed import seed_campaigns

    seed_campaigns()
    lua_dao = Campaign.objects.get(slug="lua-dao")
    metric = Metric.objects.get(campaign=lua_dao, key="tin-bai")
    start = Organisation.objects.count()
    Organisation.objects.bulk_create(
        [
            Organisation(name=f"Đơn vị thử {i:03d}", name_key=f"don vi thu {i:03d}", kind="press")
            for i in range(orgs)
        ]
    )
    org_ids = list(
        Organisation.objects.filter(name__startswith="Đơn vị thử").values_list("pk", flat=True)
    )
    assert len(org_ids) == orgs, (start, len(org_ids))
    recipient_org = org_ids[0]
    officer = create_user("bench-officer", "x", "officer")
    recipient = create_user(
        "bench-recipient", "x", "recipient", organisation=Organisation.objects.get(pk=recipient_org)
    )
    now = timezone.now()
    t0 = time.perf_counter()
    from django.db import connection

    if connection.vendor == "sqlite":  # a throwaway database: no need to wait for the disk
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
    User = get_user_model()
    assert User.objects.count() >= 2
    done = 0
    while done < dispatches:
        n = min(BATCH, dispatches - done)
        with transaction.atomic():
            docs = Document.objects.bulk_create(
                [
                    Document(
                        kind="Công văn",
                        issuer_name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                        issuer_key="so thong tin va truyen thong",
                        number=str(done + i + 1),
                        notation="STTTT-TTBCXB",
                        year=2020 + (done + i) % 6,
                        date=f"{2020 + (done + i) % 6}-07-17",
                        issued_on=dt.date(2020 + (done + i) % 6, 7, 17),
                        code_key=f"{done + i + 1}/sttttttbcxb",
                        subject=f"tuyên truyền phòng, chống lừa đảo đợt {done + i + 1}",
                        recipients=[],
                        tasks=[
                            {
                                "label": "1",
                                "addressee": None,
                                "text": "Tuyên truyền.",
                                "deadline": None,
                            }
                        ],
                    )
                    for i in range(n)
                ]
            )
            dists = Distribution.objects.bulk_create(
                [
                    Distribution(
                        document=d,
                        sender=officer,
                        created_at=now - dt.timedelta(minutes=dispatches - done - i),
                    )
                    for i, d in enumerate(docs)
                ]
            )
            Distribution.campaigns.through.objects.bulk_create(
                [
                    Distribution.campaigns.through(distribution_id=d.pk, campaign_id=lua_dao.pk)
                    for i, d in enumerate(dists)
                    if (done + i) % 3 == 0
                ]
            )
            entries, tasks = [], []
            for d in dists:
                chosen = rng.sample(org_ids, per_dispatch)
                if rng.random() < per_dispatch * 4 / orgs and recipient_org not in chosen:
                    chosen[0] = recipient_org
                for org in chosen:
                    entries.append(
                        InboxEntry(
                            distribution=d,
                            organisation_id=org,
                            received_at=now if rng.random() < 0.5 else None,
                        )
                    )
                    reported = rng.random() < 0.6
                    tasks.append(
                        Task(
                            distribution=d,
                            organisation_id=org,
                            label="1",
                            text="Tuyên truyền.",
                            status=Task.REPORTED if reported else Task.NEW,
                            deadline=dt.date(2020, 8, 1) if rng.random() < 0.3 else None,
                        )
                    )
            InboxEntry.objects.bulk_create(entries, batch_size=BATCH)
            Task.objects.bulk_create(tasks, batch_size=BATCH)
            reports = Report.objects.bulk_create(
                [
                    Report(
                        task=t,
                        text="Đã thực hiện.",
                        submitted_by=recipient,
                        submitted_at=now - dt.timedelta(days=rng.randint(0, 400)),
                    )
                    for t in tasks
                    if t.status == Task.REPORTED
                ],
                batch_size=BATCH,
            )
            Figure.objects.bulk_create(
                [Figure(report=r, metric=metric, value=rng.randint(0, 20)) for r in reports],
                batch_size=BATCH,
            )
        done += n
        print(f"\r  {done:,} / {dispatches:,} dispatches", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    t1 = time.perf_counter()
    tally.rebuild()  # rows written in bulk, past the service functions that keep the tallies
    print(f"  campaign tallies counted in {time.perf_counter() - t1:.1f} s", file=sys.stderr)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return filled(time.perf_counter() - t0)


def filled(seconds: float = 0.0) -> dict:
    """The people and counts of a filled database."""
    from django.contrib.auth import get_user_model

    from congvan.tracking.models import Distribution, InboxEntry, Report, Task

    User = get_user_model()
    recipient = User.objects.select_related("membership").get(username="bench-recipient")
    return {
        "officer": User.objects.get(username="bench-officer"),
        "recipient": recipient,
        "recipient_org": recipient.membership.organisation_id,
        "fill_seconds": seconds,
        "entries": InboxEntry.objects.count(),
        "tasks": Task.objects.count(),
        "reports": Report.objects.count(),
        "distribution_ids": list(Distribution.objects.values_list("pk", flat=True)),
    }


def measure(client, url: str, requests: int, expect: str) -> tuple[float, float]:
    times = []
    for i in range(requests + 1):
        target = url() if callable(url) else url
        t0 = time.perf_counter()
        response = client.get(target)
        elapsed = time.perf_counter() - t0
        if response.status_code != 200 or expect.encode() not in response.content:
            raise SystemExit(f"{target}: {response.status_code}")
        if i:  # the first request warms caches
            times.append(elapsed * 1000)
    return statistics.median(times), percentile(times, 95)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dispatches", type=int, default=100_000)
    parser.add_argument("--orgs", type=int, default=200)
    parser.add_argument("--per-dispatch", type=int, default=5)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--home",
        type=Path,
        help="keep the database in this folder; an already filled one is measured again as is",
    )
    args = parser.parse_args(argv)

    home = args.home or Path(tempfile.mkdtemp(prefix="congvan-bench-tracking-"))
    home.mkdir(parents=True, exist_ok=True)
    os.environ["CONGVAN_HOME"] = str(home)
    os.environ.setdefault("CONGVAN_ALLOWED_HOSTS", "testserver")
    os.environ["CONGVAN_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    try:
        from congvan.site.setup import setup_django

        setup_django(migrate=True)
        from django.conf import settings
        from django.test import Client

        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        rng = random.Random(args.seed)
        print(
            f"tracking: {args.dispatches:,} dispatches × {args.per_dispatch} of {args.orgs} "
            f"organisations ({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})"
        )
        from congvan.tracking.models import Distribution

        if Distribution.objects.exists():
            data = filled()
            print(f"  reused {home}: {data['entries']:,} inbox entries, {data['tasks']:,} tasks")
        else:
            data = fill(args.dispatches, args.orgs, args.per_dispatch, rng)
            print(
                f"  filled in {data['fill_seconds']:.0f} s: {data['entries']:,} inbox entries, "
                f"{data['tasks']:,} tasks, {data['reports']:,} reports"
            )
        officer, recipient = Client(), Client()
        officer.force_login(data["officer"])
        recipient.force_login(data["recipient"])
        from congvan.tracking.models import InboxEntry

        own = InboxEntry.objects.filter(organisation_id=data["recipient_org"]).count()
        deep = max(1, own // 20 // 2)
        ids = data["distribution_ids"]
        own_entries = list(
            InboxEntry.objects.filter(organisation_id=data["recipient_org"]).values_list(
                "pk", flat=True
            )
        )
        pages = [
            (
                f"inbox, first page ({own:,} entries)",
                recipient,
                "/theo-doi/hop-thu/",
                "Văn bản gửi đến",
            ),
            (
                f"inbox, page {deep}",
                recipient,
                f"/theo-doi/hop-thu/?page={deep}",
                "Văn bản gửi đến",
            ),
            ("inbox, unread only", recipient, "/theo-doi/hop-thu/?trang_thai=chua-doc", "Văn bản"),
            (
                "inbox entry (opens it)",
                recipient,
                lambda: f"/theo-doi/hop-thu/{rng.choice(own_entries)}/",
                "Nhiệm vụ",
            ),
            (
                "department: an organisation's inbox",
                officer,
                f"/theo-doi/hop-thu/?don_vi={data['recipient_org']}",
                "Văn bản gửi đến",
            ),
            ("sent, first page", officer, "/theo-doi/da-gui/", "Văn bản đã gửi"),
            ("sent, page 2000", officer, "/theo-doi/da-gui/?page=2000", "Văn bản đã gửi"),
            (
                "dispatch dashboard",
                officer,
                lambda: f"/theo-doi/da-gui/{rng.choice(ids)}/",
                "Tình hình theo đơn vị",
            ),
            ("campaigns", officer, "/theo-doi/chu-de/", "Chủ đề"),
            (
                "campaign dashboard (lừa đảo)",
                officer,
                "/theo-doi/chu-de/lua-dao/",
                "Tình hình theo đơn vị",
            ),
            ("campaign XLSX export", officer, "/theo-doi/chu-de/lua-dao/excel/", ""),
            ("directory", officer, "/theo-doi/don-vi/", "Danh bạ"),
            ("API: inbox", recipient, "/api/inbox/", "results"),
            ("API: tasks", recipient, "/api/tasks/", "results"),
            ("API: campaign summary", officer, "/api/campaigns/lua-dao/summary/", "rows"),
        ]
        print(f"  {'page':<40} {'p50 ms':>9} {'p95 ms':>9}")
        for name, client, url, expect in pages:
            p50, p95 = measure(client, url, args.requests, expect)
            print(f"  {name:<40} {p50:>9.1f} {p95:>9.1f}")
    finally:
        if args.home is None:
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
