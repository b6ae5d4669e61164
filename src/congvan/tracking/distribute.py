"""Distribution: a registered document into each recipient organisation's inbox.

:func:`propose` reads the document's ``Kính gửi`` and items against the directory and proposes
the organisations and tasks; the officer confirms or corrects them and :func:`distribute` stores
the result in one transaction. :func:`receive` records that an organisation opened its entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from congvan import audit
from congvan.document.vntext import fold
from congvan.registry.models import Document
from congvan.tracking.assign import TaskPlan, assign_tasks, plan_tasks
from congvan.tracking.directory import Directory, Resolution
from congvan.tracking.models import Campaign, Distribution, InboxEntry, Organisation, Task
from congvan.tracking.roles import DISTRIBUTE, SET_DEADLINE, require
from congvan.tracking.tally import keeping


@dataclass
class Proposal:
    document: Document
    recipients: list[Resolution] = field(default_factory=list)
    organisation_ids: list[int] = field(default_factory=list)
    tasks: list[TaskPlan] = field(default_factory=list)
    campaign_ids: list[int] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)  # recipients with no organisation


def suggest_campaigns(document: Document) -> list[int]:
    """Campaigns whose keywords the subject (or, lacking one, the text) mentions."""
    haystack = fold(" ".join(p for p in (document.subject, document.text[:4000]) if p))
    return [
        c.pk for c in Campaign.objects.all() if any(fold(k) in haystack for k in c.keyword_list())
    ]


def propose(document: Document) -> Proposal:
    directory = Directory()
    proposal = Proposal(document=document)
    ids: dict[int, None] = {}
    for phrase in document.recipients or []:
        found = directory.resolve(phrase)
        proposal.recipients.append(found)
        if not found.found:
            proposal.unresolved.append(phrase)
        ids.update(dict.fromkeys(found.ids))
    proposal.organisation_ids = list(ids)
    proposal.tasks = plan_tasks(list(document.tasks or []), proposal.organisation_ids, directory)
    proposal.campaign_ids = suggest_campaigns(document)
    return proposal


class DistributionError(ValueError):
    """A distribution that cannot be made (message in Vietnamese)."""


@transaction.atomic
def distribute(
    document: Document,
    organisation_ids: list[int],
    *,
    sender,
    tasks: list[TaskPlan] | None = None,
    mode: str = Distribution.ISSUE,
    campaign_ids: list[int] | None = None,
    note: str = "",
    deadline: dt.date | None = None,
) -> Distribution:
    """Put ``document`` in each organisation's inbox and create its tasks.

    ``tasks`` defaults to the proposal for the chosen organisations; ``deadline`` (set by the
    officer) applies to every task that has none of its own. Distributing the same document
    again adds the organisations and tasks it lacks and changes nothing else.
    """
    if sender is not None:
        require(sender, DISTRIBUTE)
        if deadline is not None or any(t.deadline_source == Task.FROM_OFFICER for t in tasks or []):
            require(sender, SET_DEADLINE)
    organisation_ids = list(dict.fromkeys(int(i) for i in organisation_ids))
    if not organisation_ids:
        raise DistributionError("Chưa chọn đơn vị nhận nào.")
    # ids that name no row would only fail at commit (a deferred foreign key: a 500)
    _require_rows(Organisation, organisation_ids, "Không có đơn vị nhận mã")
    _require_rows(Campaign, campaign_ids or [], "Không có chủ đề mã")
    distribution, _created = Distribution.objects.get_or_create(
        document=document, defaults={"sender": sender, "mode": mode, "note": note}
    )
    with keeping(distribution):
        _fill(distribution, document, organisation_ids, tasks, campaign_ids, deadline)
    _tell_sender(document)
    return distribution


def _require_rows(model, ids: list[int], message: str) -> None:
    wanted = {int(i) for i in ids}
    found = set(model.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    missing = sorted(wanted - found)
    if missing:
        raise DistributionError(f"{message} {', '.join(map(str, missing))}.")


def _tell_sender(document: Document) -> None:
    """edXML status 04 for a document received over the exchange, once this commits."""
    from congvan.exchange import hooks

    transaction.on_commit(lambda: hooks.document_distributed(document))


def _fill(distribution, document, organisation_ids, tasks, campaign_ids, deadline) -> None:
    if campaign_ids:
        distribution.campaigns.add(*campaign_ids)
    if tasks is None:
        chosen = set(organisation_ids)
        tasks = plan_tasks(list(document.tasks or []), organisation_ids, Directory())
        for plan in tasks:  # an item's addressees, within the organisations chosen
            plan.organisation_ids = [i for i in plan.organisation_ids if i in chosen] or list(
                organisation_ids
            )
    chosen = set(organisation_ids)
    for plan in tasks:  # the inbox is the organisations chosen: tasks stay within it
        plan.organisation_ids = [i for i in plan.organisation_ids if i in chosen]
    if deadline is not None:
        for plan in tasks:
            if plan.deadline is None:
                plan.deadline = deadline
                plan.deadline_source = Task.FROM_OFFICER
    have = set(distribution.entries.values_list("organisation_id", flat=True))
    delivered = InboxEntry.objects.bulk_create(
        [
            InboxEntry(distribution=distribution, organisation_id=i)
            for i in organisation_ids
            if i not in have
        ]
    )
    audit.inbox_delivered(distribution, delivered)  # bulk_create sends no signals
    assign_tasks(distribution, tasks)


def receive(entry: InboxEntry, user) -> InboxEntry:
    """Record that ``user`` of the entry's organisation opened it (the first opening counts)."""
    from congvan.tracking.roles import organisation_of

    org = organisation_of(user)
    if entry.received_at is None and org is not None and org.pk == entry.organisation_id:
        with keeping(entry.distribution_id, entry.organisation_id):
            updated = InboxEntry.objects.filter(pk=entry.pk, received_at__isnull=True).update(
                received_at=timezone.now(), received_by=user
            )
        if updated:
            entry.refresh_from_db(fields=["received_at", "received_by"])
    return entry
