"""Events from the other apps: issuance, distribution, reports, views; the history snippet."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.test import RequestFactory

from congvan import audit
from congvan.audit.models import Event


def _actions(document_id):
    return list(
        Event.objects.filter(document_id=document_id)
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_issuance_is_recorded_with_the_clerk_and_the_number(people):
    from congvan.compose import services
    from tests.compose.builders import draft_record

    dispatch = services.create(draft_record(), by=people["officer"])
    services.sign(dispatch, by=people["leader"])
    version = services.issue(dispatch, by=people["clerk"], on=dt.date(2031, 3, 5))
    assert _actions(version.document_id) == [
        "document.created", "document.registered", "dispatch.issued",
    ]  # fmt: skip
    issued = Event.objects.get(action="dispatch.issued")
    assert issued.actor == "clerk"
    assert issued.detail == {"dispatch": dispatch.pk, "version": 1, "year": 2031, "number": 1}
    drafted = Event.objects.filter(object_type="compose.dispatch").values_list("action", flat=True)
    assert list(drafted)[:2] == ["dispatch.created", "dispatch.signed"]
    assert audit.verify()[1] == []


def test_distribution_and_report_are_recorded(store, people):
    from congvan.tracking.distribute import distribute
    from congvan.tracking.models import Task
    from congvan.tracking.reports import submit_report
    from congvan.tracking.roles import organisation_of

    document = store()
    org = organisation_of(people["recipient"])
    distribute(document, [org.pk], sender=people["officer"])
    assert "distribution.created" in _actions(document.pk)
    task = Task.objects.get(distribution__document=document)
    submit_report(task, people["recipient"], "Đã thực hiện.")
    report = Event.objects.get(action="report.submitted")
    assert report.document_id == document.pk and report.actor == "doc-gia"
    assert audit.verify()[1] == []


def test_viewing_a_document_that_is_not_public_is_recorded(store, people):
    document = store()
    request = RequestFactory().get("/")
    request.user = people["officer"]
    audit.document_viewed(request, document)
    audit.document_viewed(request, document, download=True)
    assert _actions(document.pk)[-2:] == ["document.viewed", "document.downloaded"]
    assert Event.objects.get(action="document.viewed").actor == "officer"


def test_viewing_a_public_document_is_not_recorded(store, people):
    from congvan.portal.publish import publish

    document = store()
    publish(document, people["admin"])
    request = RequestFactory().get("/")
    request.user = people["officer"]
    assert audit.document_viewed(request, document) is None
    assert "document.viewed" not in _actions(document.pk)


def test_bulk_helpers_record_one_event_each(store):
    documents = [store(number=str(700 + n)) for n in range(2)]
    before = Event.objects.count()
    audit.documents_created(documents)
    assert Event.objects.count() == before + 2
    assert audit.verify()[1] == []


def test_the_history_snippet_lists_the_events(store, people):
    with audit.acting_as(people["clerk"]):
        document = store(register="incoming")
    html = Template("{% load audit_tags %}{% document_history doc %}").render(
        Context({"doc": document})
    )
    assert "Lịch sử văn bản" in html
    assert "Vào hệ thống" in html and "Vào sổ" in html and "clerk" in html


def test_the_request_user_is_the_actor_of_a_page_change(store, people):
    from django.http import HttpResponse

    from congvan.audit.middleware import AuditActorMiddleware

    def view(request):
        store(number="800")
        return HttpResponse("ok")

    request = RequestFactory().post("/")
    request.user = people["clerk"]
    AuditActorMiddleware(view)(request)
    assert Event.objects.get(action="document.created").actor == "clerk"


def test_bulk_helpers_name_each_row(store, people):
    from congvan.registry.models import Entry
    from congvan.tracking.distribute import distribute
    from congvan.tracking.models import InboxEntry, Task
    from congvan.tracking.roles import organisation_of

    document = store(register="incoming")
    audit.entries_created(Entry.objects.filter(document=document).select_related("register"))
    registered = Event.objects.filter(action="document.registered").last()
    assert registered.detail["register"] == "incoming" and registered.document_id == document.pk
    distribution = distribute(document, [organisation_of(people["recipient"]).pk], sender=None)
    audit.inbox_delivered(distribution, InboxEntry.objects.filter(distribution=distribution))
    audit.tasks_created(distribution, Task.objects.filter(distribution=distribution))
    delivered = Event.objects.filter(action="inbox.delivered").last()
    assert delivered.document_id == document.pk
    assert Event.objects.filter(action="task.created", document_id=document.pk).exists()
    assert audit.verify()[1] == []
