"""Campaign tallies: the campaign dashboard's counts, kept as the rows change.

A campaign gathers thousands of dispatches; counting its tasks, reports and figures on every
page view grows with the campaign. Instead three small tables hold the counts per campaign ×
organisation (:class:`~congvan.tracking.models.CampaignTally`), per deadline of the unreported
tasks (:class:`~congvan.tracking.models.CampaignDue`) and per metric × organisation × month
(:class:`~congvan.tracking.models.FigureTally`).

They are kept by difference: every service function that changes a dispatch's inbox entries,
tasks, reports or campaigns runs inside :func:`keeping`, which locks the dispatch, measures its
contribution before and after (the rows of one dispatch, or of one organisation in it) and adds
the difference, in the same transaction. Campaigns added to or removed from a dispatch outside
:func:`keeping` (the admin) are followed by a signal; a deleted dispatch takes its contribution
with it. :func:`rebuild` recounts everything from the rows (after a bulk load: ``python -m
django rebuild_tallies``) and :func:`differences` lists any drift between the two.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.signals import m2m_changed, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from congvan.tracking.models import (
    CampaignDue,
    CampaignTally,
    Distribution,
    Figure,
    FigureTally,
    InboxEntry,
    Task,
)

# CampaignTally's counters, in this order in the tuples below
COUNTERS = ("entries", "received", "dispatches", "tasks", "reported")


@dataclass
class Part:
    """What some dispatches contribute: counters per (campaign, organisation), open tasks per
    (campaign, organisation, deadline), figures per (metric, organisation, month)."""

    orgs: dict[tuple[int, int], Counter] = field(default_factory=lambda: defaultdict(Counter))
    dues: Counter = field(default_factory=Counter)
    totals: dict[tuple[int, int, dt.date], Decimal] = field(
        default_factory=lambda: defaultdict(Decimal)
    )
    figures: Counter = field(default_factory=Counter)

    def minus(self, other: Part) -> Part:
        out = Part()
        for key in self.orgs.keys() | other.orgs.keys():
            diff = Counter(self.orgs.get(key, {}))
            diff.subtract(other.orgs.get(key, {}))
            diff = Counter({k: v for k, v in diff.items() if v})
            if diff:
                out.orgs[key] = diff
        due = Counter(self.dues)
        due.subtract(other.dues)
        out.dues = Counter({k: v for k, v in due.items() if v})
        for key in self.figures.keys() | other.figures.keys() | self.totals.keys():
            n = self.figures.get(key, 0) - other.figures.get(key, 0)
            total = self.totals.get(key, Decimal(0)) - other.totals.get(key, Decimal(0))
            if n or total:
                out.figures[key] = n
                out.totals[key] = total
        return out

    def negated(self) -> Part:
        return Part().minus(self)


def month_of(moment: dt.datetime) -> dt.date:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return local.date().replace(day=1)


def _campaigns(distribution_ids) -> dict[int, list[int]]:
    through = Distribution.campaigns.through
    out: dict[int, list[int]] = defaultdict(list)
    for d, c in through.objects.filter(distribution_id__in=distribution_ids).values_list(
        "distribution_id", "campaign_id"
    ):
        out[d].append(c)
    return out


def measure(
    distribution_ids, organisation_id: int | None = None, campaigns: dict | None = None
) -> Part:
    """The contribution of some dispatches (of one organisation in them, if given) to the
    tallies of ``campaigns`` (distribution id → campaign ids; by default their campaigns now)."""
    distribution_ids = list(distribution_ids)
    if campaigns is None:
        campaigns = _campaigns(distribution_ids)
    part = Part()
    scope = Q(distribution_id__in=distribution_ids)
    if organisation_id is not None:
        scope &= Q(organisation_id=organisation_id)
    if any(campaigns.get(d) for d in distribution_ids):
        for d, org, n, opened in (
            InboxEntry.objects.filter(scope)
            .values("distribution_id", "organisation_id")
            .annotate(n=Count("id"), opened=Count("id", filter=Q(received_at__isnull=False)))
            .values_list("distribution_id", "organisation_id", "n", "opened")
        ):
            for c in campaigns.get(d, ()):
                part.orgs[(c, org)].update(entries=n, received=opened)
        for d, org, n, reported in (
            Task.objects.filter(scope)
            .values("distribution_id", "organisation_id")
            .annotate(n=Count("id"), reported=Count("id", filter=Q(status=Task.REPORTED)))
            .values_list("distribution_id", "organisation_id", "n", "reported")
        ):
            for c in campaigns.get(d, ()):
                part.orgs[(c, org)].update(dispatches=1, tasks=n, reported=reported)
        for d, org, deadline, n in (
            Task.objects.filter(scope, deadline__isnull=False)
            .exclude(status=Task.REPORTED)
            .values("distribution_id", "organisation_id", "deadline")
            .annotate(n=Count("id"))
            .values_list("distribution_id", "organisation_id", "deadline", "n")
        ):
            for c in campaigns.get(d, ()):
                part.dues[(c, org, deadline)] += n
    figure_scope = Q(report__task__distribution_id__in=distribution_ids)
    if organisation_id is not None:
        figure_scope &= Q(report__task__organisation_id=organisation_id)
    for metric, org, submitted, value in Figure.objects.filter(figure_scope).values_list(
        "metric_id", "report__task__organisation_id", "report__submitted_at", "value"
    ):
        key = (metric, org, month_of(submitted))
        part.figures[key] += 1
        part.totals[key] += value
    return part


def apply(part: Part) -> None:
    """Add ``part`` to the stored tallies (rows created as needed, emptied ones removed)."""
    if part.orgs:
        CampaignTally.objects.bulk_create(
            [CampaignTally(campaign_id=c, organisation_id=o) for c, o in part.orgs],
            ignore_conflicts=True,
        )
        for (c, o), diff in part.orgs.items():
            CampaignTally.objects.filter(campaign_id=c, organisation_id=o).update(
                **{k: F(k) + v for k, v in diff.items()}
            )
        empty = Q()
        for c, o in part.orgs:
            empty |= Q(campaign_id=c, organisation_id=o)
        CampaignTally.objects.filter(empty, entries=0, tasks=0).delete()
    if part.dues:
        CampaignDue.objects.bulk_create(
            [CampaignDue(campaign_id=c, organisation_id=o, deadline=d) for c, o, d in part.dues],
            ignore_conflicts=True,
        )
        for (c, o, d), n in part.dues.items():
            CampaignDue.objects.filter(campaign_id=c, organisation_id=o, deadline=d).update(
                open=F("open") + n
            )
        CampaignDue.objects.filter(
            campaign_id__in={c for c, _, _ in part.dues},
            organisation_id__in={o for _, o, _ in part.dues},
            open=0,
        ).delete()
    if part.figures:
        FigureTally.objects.bulk_create(
            [FigureTally(metric_id=m, organisation_id=o, month=d) for m, o, d in part.figures],
            ignore_conflicts=True,
        )
        for key, n in part.figures.items():
            m, o, d = key
            FigureTally.objects.filter(metric_id=m, organisation_id=o, month=d).update(
                figures=F("figures") + n, total=F("total") + part.totals[key]
            )
        FigureTally.objects.filter(
            metric_id__in={m for m, _, _ in part.figures},
            organisation_id__in={o for _, o, _ in part.figures},
            figures=0,
        ).delete()


_active = threading.local()


def _keeping_now() -> set[int]:
    if not hasattr(_active, "ids"):
        _active.ids = set()
    return _active.ids


@contextmanager
def keeping(distribution: Distribution | int, organisation_id: int | None = None):
    """Run the block in a transaction that keeps the tallies of one dispatch (of one of its
    organisations, when the block changes only that organisation's rows) exact."""
    d = distribution if isinstance(distribution, int) else distribution.pk
    active = _keeping_now()
    if d in active:  # an outer block measures the whole dispatch already
        yield
        return
    with transaction.atomic():
        # one change to a dispatch at a time: the difference is measured against what is stored
        list(Distribution.objects.select_for_update().filter(pk=d).values_list("pk"))
        before_campaigns = _campaigns([d])
        before = measure([d], organisation_id, before_campaigns)
        active.add(d)
        try:
            yield
        finally:
            active.discard(d)
        after_campaigns = _campaigns([d])
        if organisation_id is not None and after_campaigns != before_campaigns:
            raise RuntimeError("a dispatch's campaigns change only in keeping(distribution)")
        apply(measure([d], organisation_id, after_campaigns).minus(before))


@receiver(m2m_changed, sender=Distribution.campaigns.through)
def _campaigns_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A campaign added to or removed from dispatches outside :func:`keeping`: the dispatches'
    whole contribution moves with it."""
    if action not in ("post_add", "pre_remove", "pre_clear"):
        return
    if reverse:  # campaign.distributions.add(...)
        campaign_id = instance.pk
        if action == "pre_clear":
            pk_set = set(
                sender.objects.filter(campaign_id=campaign_id).values_list(
                    "distribution_id", flat=True
                )
            )
        pairs = [(d, campaign_id) for d in pk_set or ()]
    else:
        if action == "pre_clear":
            pk_set = set(
                sender.objects.filter(distribution_id=instance.pk).values_list(
                    "campaign_id", flat=True
                )
            )
        pairs = [(instance.pk, c) for c in pk_set or ()]
    pairs = [(d, c) for d, c in pairs if d not in _keeping_now()]
    if action == "pre_remove" and pairs:  # Django names the ids asked for, present or not
        present = set(
            sender.objects.filter(
                distribution_id__in={d for d, _ in pairs}, campaign_id__in={c for _, c in pairs}
            ).values_list("distribution_id", "campaign_id")
        )
        pairs = [p for p in pairs if p in present]
    if not pairs:
        return
    by_dispatch: dict[int, list[int]] = defaultdict(list)
    for d, c in pairs:
        by_dispatch[d].append(c)
    part = measure(by_dispatch, campaigns=by_dispatch)
    part.figures.clear()  # figures belong to metrics, not to the dispatch's campaigns
    part.totals.clear()
    with transaction.atomic():
        apply(part if action == "post_add" else part.negated())


@receiver(pre_delete, sender=Distribution)
def _distribution_deleted(sender, instance, **kwargs):
    if instance.pk in _keeping_now():
        return
    apply(measure([instance.pk]).negated())


# ------------------------------------------------------------------------------- recount


def count_all() -> Part:
    """Every tally counted afresh from the rows, in grouped queries."""
    part = Part()
    through = Distribution.campaigns.through
    pairs = through.objects.values("distribution_id")
    entry_rows = (
        InboxEntry.objects.filter(distribution_id__in=pairs)
        .values("distribution__campaigns", "organisation_id")
        .annotate(n=Count("id"), opened=Count("id", filter=Q(received_at__isnull=False)))
        .values_list("distribution__campaigns", "organisation_id", "n", "opened")
    )
    for c, o, n, opened in entry_rows:
        part.orgs[(c, o)].update(entries=n, received=opened)
    task_rows = (
        Task.objects.filter(distribution_id__in=pairs)
        .values("distribution__campaigns", "organisation_id")
        .annotate(
            n=Count("id"),
            reported=Count("id", filter=Q(status=Task.REPORTED)),
            dispatches=Count("distribution_id", distinct=True),
        )
        .values_list("distribution__campaigns", "organisation_id", "n", "reported", "dispatches")
    )
    for c, o, n, reported, dispatches in task_rows:
        part.orgs[(c, o)].update(tasks=n, reported=reported, dispatches=dispatches)
    due_rows = (
        Task.objects.filter(distribution_id__in=pairs, deadline__isnull=False)
        .exclude(status=Task.REPORTED)
        .values("distribution__campaigns", "organisation_id", "deadline")
        .annotate(n=Count("id"))
        .values_list("distribution__campaigns", "organisation_id", "deadline", "n")
    )
    for c, o, deadline, n in due_rows:
        part.dues[(c, o, deadline)] += n
    figure_rows = Figure.objects.values_list(
        "metric_id", "report__task__organisation_id", "report__submitted_at", "value"
    ).iterator(chunk_size=10_000)
    for metric, org, submitted, value in figure_rows:
        key = (metric, org, month_of(submitted))
        part.figures[key] += 1
        part.totals[key] += value
    return part


def stored() -> Part:
    part = Part()
    for row in CampaignTally.objects.all():
        part.orgs[(row.campaign_id, row.organisation_id)].update(
            {k: getattr(row, k) for k in COUNTERS if getattr(row, k)}
        )
    for row in CampaignDue.objects.all():
        part.dues[(row.campaign_id, row.organisation_id, row.deadline)] = row.open
    for row in FigureTally.objects.all():
        key = (row.metric_id, row.organisation_id, row.month)
        part.figures[key] = row.figures
        part.totals[key] = row.total
    return part


def differences() -> Part:
    """Stored minus counted: empty when the tallies are exact."""
    return stored().minus(count_all())


@transaction.atomic
def rebuild() -> Part:
    """Replace the stored tallies by a fresh count; returns the count."""
    part = count_all()
    CampaignTally.objects.all().delete()
    CampaignDue.objects.all().delete()
    FigureTally.objects.all().delete()
    CampaignTally.objects.bulk_create(
        [
            CampaignTally(campaign_id=c, organisation_id=o, **dict(counts))
            for (c, o), counts in part.orgs.items()
        ],
        batch_size=2000,
    )
    CampaignDue.objects.bulk_create(
        [
            CampaignDue(campaign_id=c, organisation_id=o, deadline=d, open=n)
            for (c, o, d), n in part.dues.items()
            if n
        ],
        batch_size=2000,
    )
    FigureTally.objects.bulk_create(
        [
            FigureTally(metric_id=m, organisation_id=o, month=d, figures=n, total=part.totals[key])
            for key, n in part.figures.items()
            for m, o, d in [key]
        ],
        batch_size=2000,
    )
    return part
