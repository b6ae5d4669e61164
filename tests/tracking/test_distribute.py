"""Distribution: proposal from Kính gửi and items, inbox entries, tasks, receipt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from congvan.document.parse import parse_text
from congvan.tracking.assign import deadline_of
from congvan.tracking.distribute import DistributionError, distribute, propose, receive
from congvan.tracking.models import InboxEntry, Task
from congvan.tracking.seed import seed_all
from tests.tracking.builders import make_document, make_org, make_user, store_record

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


@pytest.fixture
def ma_tuy(db):
    seed_all()
    text = (SEEDS / "003_11c8057e2ecc0ab4.txt").read_text(encoding="utf-8")
    return store_record(parse_text(text), text)


def test_proposal_for_a_seed_dispatch(ma_tuy):
    proposal = propose(ma_tuy)
    assert not proposal.unresolved
    assert len(proposal.organisation_ids) >= 6 + 10
    by_label = {p.label: p for p in proposal.tasks}
    assert set(by_label) == {"1", "2", "3", "4"}
    from congvan.tracking.models import Organisation

    kinds = lambda p: {o.kind for o in Organisation.objects.filter(pk__in=p.organisation_ids)}  # noqa: E731
    assert kinds(by_label["1"]) == {"press", "broadcast"}
    assert kinds(by_label["2"]) == {"culture"}
    assert kinds(by_label["3"]) == {"telecom"}
    assert kinds(by_label["4"]) == {"postal"}
    assert all(p.deadline_source == Task.ON_REQUEST for p in proposal.tasks)
    assert [c for c in proposal.campaign_ids]  # ma túy is a campaign


def test_distributing_the_proposal(ma_tuy):
    officer = make_user("officer", "officer")
    proposal = propose(ma_tuy)
    dist = distribute(
        ma_tuy,
        proposal.organisation_ids,
        sender=officer,
        tasks=proposal.tasks,
        campaign_ids=proposal.campaign_ids,
    )
    assert dist.entries.count() == len(proposal.organisation_ids)
    assert dist.tasks.count() == sum(len(p.organisation_ids) for p in proposal.tasks)
    assert dist.campaigns.get().slug == "ma-tuy"
    # again: nothing new
    distribute(ma_tuy, proposal.organisation_ids, sender=officer, tasks=proposal.tasks)
    assert dist.entries.count() == len(proposal.organisation_ids)
    assert dist.tasks.count() == sum(len(p.organisation_ids) for p in proposal.tasks)


def test_default_tasks_keep_within_the_chosen_organisations(db):
    a, b = make_org("Đơn vị A"), make_org("Đơn vị B")
    doc = make_document(recipients=["Đơn vị A", "Đơn vị B"])
    dist = distribute(doc, [a.pk], sender=make_user("o", "officer"))
    assert list(dist.entries.values_list("organisation__name", flat=True)) == ["Đơn vị A"]
    assert list(dist.tasks.values_list("organisation_id", flat=True)) == [a.pk]
    assert b.tasks.count() == 0


def test_officer_deadline_applies_to_items_without_one(db):
    a = make_org("Đơn vị A")
    doc = make_document(recipients=["Đơn vị A"])
    dist = distribute(doc, [a.pk], sender=make_user("o", "officer"), deadline=dt.date(2020, 8, 1))
    task = dist.tasks.get()
    assert task.deadline == dt.date(2020, 8, 1) and task.deadline_source == Task.FROM_OFFICER


def test_item_deadlines():
    assert deadline_of("2025-08-10") == dt.date(2025, 8, 10)
    assert deadline_of("2025-12") == dt.date(2025, 12, 31)
    assert deadline_of("2024-02") == dt.date(2024, 2, 29)
    assert deadline_of(None) is None and deadline_of("sớm") is None


def test_nobody_chosen_is_an_error(db):
    doc = make_document()
    with pytest.raises(DistributionError):
        distribute(doc, [], sender=make_user("o", "officer"))


def test_only_those_allowed_distribute(db):
    a = make_org("Đơn vị A")
    doc = make_document()
    for role in ("leader", "recipient"):
        user = make_user(f"u-{role}", role, a if role == "recipient" else None)
        with pytest.raises(PermissionDenied):
            distribute(doc, [a.pk], sender=user)
    clerk = make_user("clerk", "clerk")
    assert distribute(doc, [a.pk], sender=clerk).entries.count() == 1
    with pytest.raises(PermissionDenied):  # a clerk sets no deadlines
        distribute(doc, [a.pk], sender=clerk, deadline=dt.date(2020, 1, 1))


def test_receipt_is_recorded_once_and_only_by_the_organisation(world):
    a, _b, _ = world["orgs"]
    entry = InboxEntry.objects.get(distribution=world["dist"], organisation=a)
    receive(entry, world["people"]["b"])  # another organisation's person
    receive(entry, world["people"]["officer"])  # the department
    entry.refresh_from_db()
    assert entry.received_at is None
    receive(entry, world["people"]["a"])
    first = entry.received_at
    assert first is not None and entry.received_by == world["people"]["a"]
    receive(entry, world["people"]["a"])
    entry.refresh_from_db()
    assert entry.received_at == first
