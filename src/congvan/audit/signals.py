"""Events recorded from Django signals: saves of documents, register entries, drafts, issued
versions, distributions, inbox entries, tasks, reports and publications.

``bulk_create`` sends no signal: where another app creates rows in bulk, it calls
:func:`congvan.audit.record_many` after it.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save

from congvan.audit.chain import record

# Document fields whose change is worth naming in the event (the text is named, not copied).
_DOCUMENT_FIELDS = (
    "kind", "urgency", "issuer_name", "issuer_parent", "number", "notation", "place", "date",
    "subject", "recipients", "tasks", "distribution", "signer_form", "signer_authority",
    "signer_title", "signer_name", "text", "sha256",
)  # fmt: skip


def _document_pre_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).values(*_DOCUMENT_FIELDS).first()
    if old is not None:
        instance._audit_changed = [f for f in _DOCUMENT_FIELDS if old[f] != getattr(instance, f)]


def _document_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        record("document.created", instance, detail={"code": instance.code})
    else:
        changed = getattr(instance, "_audit_changed", None)
        if changed == []:
            return  # saved without a change
        record("document.changed", instance, detail={"fields": changed or []})


def _document_deleted(sender, instance, **kwargs):
    record("document.deleted", instance, detail={"code": instance.code})


def _entry_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    record(
        "document.registered",
        instance,
        document_id=instance.document_id,
        detail={
            "register": instance.register.direction,
            "year": instance.year,
            "number": instance.number,
        },
    )


def _dispatch_pre_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._audit_old_status = (
        sender.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    )


def _dispatch_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        record("dispatch.created", instance, detail={"version": instance.version})
        return
    old = getattr(instance, "_audit_old_status", None)
    if instance.status == sender.ISSUED and old != sender.ISSUED:
        return  # the issued Version is the event
    action = (
        "dispatch.signed" if instance.status == sender.SIGNED and old != sender.SIGNED else None
    )
    record(action or "dispatch.changed", instance, detail={"status": instance.status})


def _version_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    record(
        "dispatch.issued",
        instance,
        document_id=instance.document_id,
        actor=instance.issued_by,
        detail={
            "dispatch": instance.dispatch_id,
            "version": instance.version,
            "year": instance.year,
            "number": instance.register_number,
        },
    )


def _distribution_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    record(
        "distribution.created",
        instance,
        document_id=instance.document_id,
        actor=instance.sender,
        detail={"mode": instance.mode},
    )


def _inbox_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    record(
        "inbox.delivered",
        instance,
        document_id=_distribution_document(instance.distribution_id),
        detail={"organisation": instance.organisation_id},
    )


def _task_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    record(
        "task.created",
        instance,
        document_id=_distribution_document(instance.distribution_id),
        detail={"organisation": instance.organisation_id},
    )


def _report_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    from congvan.tracking.models import Task

    task = Task.objects.filter(pk=instance.task_id).values("distribution_id", "organisation_id")
    task = task.first() or {}
    record(
        "report.submitted" if created else "report.changed",
        instance,
        document_id=_distribution_document(task.get("distribution_id")),
        actor=instance.submitted_by,
        detail={"task": instance.task_id, "organisation": task.get("organisation_id")},
    )


def _publication_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    record(
        "document.published",
        instance,
        document_id=instance.document_id,
        actor=instance.published_by,
    )


def _publication_deleted(sender, instance, **kwargs):
    record("document.unpublished", instance, document_id=instance.document_id)


def _distribution_document(distribution_id) -> int | None:
    if distribution_id is None:
        return None
    from congvan.tracking.models import Distribution

    return (
        Distribution.objects.filter(pk=distribution_id)
        .values_list("document_id", flat=True)
        .first()
    )


def connect() -> None:
    from django.apps import apps

    def model(label):
        try:
            return apps.get_model(label)
        except LookupError:  # an app not installed in this deployment
            return None

    hooks = [
        ("registry.Document", pre_save, _document_pre_save),
        ("registry.Document", post_save, _document_saved),
        ("registry.Document", post_delete, _document_deleted),
        ("registry.Entry", post_save, _entry_saved),
        ("compose.Dispatch", pre_save, _dispatch_pre_save),
        ("compose.Dispatch", post_save, _dispatch_saved),
        ("compose.Version", post_save, _version_saved),
        ("tracking.Distribution", post_save, _distribution_saved),
        ("tracking.InboxEntry", post_save, _inbox_saved),
        ("tracking.Task", post_save, _task_saved),
        ("tracking.Report", post_save, _report_saved),
        ("portal.Publication", post_save, _publication_saved),
        ("portal.Publication", post_delete, _publication_deleted),
    ]
    for label, signal, handler in hooks:
        sender = model(label)
        if sender is not None:
            signal.connect(handler, sender=sender, dispatch_uid=f"congvan.audit.{handler.__name__}")
