"""Tasks: each numbered item of a dispatch × each organisation it addresses.

:func:`plan_tasks` proposes, from the record's items and the directory, which organisations each
item is for (the item's addressee when it names one, else every recipient) and its deadline (the
item's date, else ``khi có yêu cầu``). :func:`assign_tasks` stores a confirmed plan.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from congvan import audit
from congvan.tracking.models import Distribution, Organisation, Task
from congvan.tracking.roles import SET_DEADLINE, require
from congvan.tracking.tally import keeping


@dataclass
class TaskPlan:
    label: str
    text: str
    addressee: str = ""
    organisation_ids: list[int] = field(default_factory=list)
    deadline: dt.date | None = None
    deadline_source: str = Task.ON_REQUEST


def deadline_of(iso: str | None) -> dt.date | None:
    """An item's deadline as a date: ``2025-08-10`` as is, ``2025-12`` → the month's last day,
    ``2025`` → 31 December."""
    if not iso:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", iso.strip())
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2) or 12)
    try:
        if match.group(3):
            return dt.date(year, month, int(match.group(3)))
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None


def plan_tasks(tasks: list[dict], recipients_ids: list[int], directory) -> list[TaskPlan]:
    """A proposal for the officer: ``tasks`` are the record's items (``label, addressee, text,
    deadline``); ``directory`` a :class:`congvan.tracking.directory.Directory`."""
    plans = []
    for item in tasks:
        addressee = item.get("addressee") or ""
        ids = list(recipients_ids)
        if addressee:
            found = directory.resolve(addressee)
            if found.found:  # those the item names, among the recipients where it can
                among = [i for i in found.ids if i in set(recipients_ids)]
                ids = among or found.ids
        deadline = deadline_of(item.get("deadline"))
        plans.append(
            TaskPlan(
                label=str(item.get("label") or len(plans) + 1),
                text=item.get("text") or "",
                addressee=addressee,
                organisation_ids=ids,
                deadline=deadline,
                deadline_source=Task.FROM_ITEM if deadline else Task.ON_REQUEST,
            )
        )
    if not plans and recipients_ids:  # a dispatch without numbered items: one task, all of it
        plans.append(
            TaskPlan(
                label="1", text="Thực hiện nội dung văn bản.", organisation_ids=list(recipients_ids)
            )
        )
    return plans


def assign_tasks(distribution: Distribution, plans: list[TaskPlan]) -> list[Task]:
    """Store one task per item × organisation (an existing one is kept, its deadline updated
    when the plan sets one). Organisations are added to the distribution's inbox if missing."""
    with keeping(distribution):
        return _assign(distribution, plans)


def set_deadline(task: Task, deadline: dt.date | None, user=None) -> Task:
    """The officer sets (or, with ``None``, lifts: ``khi có yêu cầu``) a task's deadline."""
    if user is not None:
        require(user, SET_DEADLINE)
    with keeping(task.distribution_id, task.organisation_id):
        task.deadline = deadline
        task.deadline_source = Task.FROM_OFFICER if deadline else Task.ON_REQUEST
        task.save(update_fields=["deadline", "deadline_source", "updated_at"])
    return task


def _assign(distribution: Distribution, plans: list[TaskPlan]) -> list[Task]:
    from congvan.tracking.models import InboxEntry

    known = set(
        Organisation.objects.filter(
            pk__in={i for p in plans for i in p.organisation_ids}
        ).values_list("pk", flat=True)
    )
    have_entry = set(distribution.entries.values_list("organisation_id", flat=True))
    delivered = InboxEntry.objects.bulk_create(
        [
            InboxEntry(distribution=distribution, organisation_id=i)
            for i in sorted(known - have_entry)
        ]
    )
    audit.inbox_delivered(distribution, delivered)  # bulk_create sends no signals
    existing = {(t.label, t.organisation_id): t for t in distribution.tasks.all()}
    created: list[Task] = []
    for plan in plans:
        for org_id in dict.fromkeys(plan.organisation_ids):
            if org_id not in known:
                continue
            task = existing.get((plan.label, org_id))
            if task is None:
                created.append(
                    Task(
                        distribution=distribution,
                        organisation_id=org_id,
                        label=plan.label[:20],
                        addressee=plan.addressee[:500],
                        text=plan.text,
                        deadline=plan.deadline,
                        deadline_source=plan.deadline_source,
                    )
                )
            elif plan.deadline and task.deadline != plan.deadline:
                task.deadline = plan.deadline
                task.deadline_source = plan.deadline_source
                task.save(update_fields=["deadline", "deadline_source", "updated_at"])
    Task.objects.bulk_create(created)
    audit.tasks_created(distribution, created)
    return created
