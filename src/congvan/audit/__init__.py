"""The audit trail (nhật ký kiểm tra): append-only, hash-chained events.

Public API (import from ``congvan.audit``):

- :func:`record` / :func:`record_many`: append events (signals call them for single saves;
  call ``record_many`` after a ``bulk_create``).
- :func:`acting_as`: name the actor of the events recorded in a block (command line, jobs).
- :func:`document_viewed`: record a view (or download) of a document that is not public.
- :func:`history`: a document's events, oldest first (the page shows them with the
  ``{% document_history doc %}`` tag of ``audit_tags``).
- :func:`verify`: check the whole chain (``congvan audit verify``).
"""

from __future__ import annotations


def record(*args, **kwargs):
    from congvan.audit.chain import record

    return record(*args, **kwargs)


def record_many(*args, **kwargs):
    from congvan.audit.chain import record_many

    return record_many(*args, **kwargs)


def acting_as(user_or_name):
    from congvan.audit.chain import acting_as

    return acting_as(user_or_name)


def history(document_id: int):
    from congvan.audit.chain import history

    return history(document_id)


def verify(chunk: int = 2000):
    from congvan.audit.chain import verify

    return verify(chunk)


def document_viewed(request, document, *, download: bool = False):
    """Record that ``request.user`` saw ``document`` (or downloaded its file), unless the
    document is public (published on the portal)."""
    from congvan.audit.chain import record

    if is_public(document):
        return None
    return record(
        "document.downloaded" if download else "document.viewed",
        document,
        actor=getattr(request, "user", None),
    )


def is_public(document) -> bool:
    try:
        from congvan.portal.models import Publication
    except Exception:  # no portal app
        return False
    return Publication.objects.filter(document_id=document.pk).exists()


# After a bulk_create (which sends no signal): one line at each call site.


def documents_created(documents) -> None:
    """``registry.ingest._store_bulk``: after ``Document.objects.bulk_create``."""
    from congvan.audit.chain import record_many

    documents = list(documents)
    record_many("document.created", documents, details=[{"code": d.code} for d in documents])


def entries_created(entries) -> None:
    """``registry.registers.enter_many``: after ``Entry.objects.bulk_create``."""
    from congvan.audit.chain import record_many

    entries = list(entries)
    record_many(
        "document.registered",
        entries,
        document_ids=[e.document_id for e in entries],
        details=[
            {"register": e.register.direction, "year": e.year, "number": e.number} for e in entries
        ],
    )


def inbox_delivered(distribution, entries) -> None:
    """``tracking.distribute._fill`` and ``tracking.assign._assign``: after
    ``InboxEntry.objects.bulk_create``."""
    from congvan.audit.chain import record_many

    entries = list(entries)
    record_many(
        "inbox.delivered",
        entries,
        document_ids=[distribution.document_id] * len(entries),
        details=[{"organisation": e.organisation_id} for e in entries],
    )


def tasks_created(distribution, tasks) -> None:
    """``tracking.assign._assign``: after ``Task.objects.bulk_create``."""
    from congvan.audit.chain import record_many

    tasks = list(tasks)
    record_many(
        "task.created",
        tasks,
        document_ids=[distribution.document_id] * len(tasks),
        details=[{"organisation": t.organisation_id} for t in tasks],
    )
