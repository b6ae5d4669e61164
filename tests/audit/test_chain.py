"""The audit trail: what is recorded, by whom, and that tampering is detected."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection

from congvan import audit
from congvan.audit.chain import GENESIS, content_of, digest
from congvan.audit.models import AppendOnly, Event, Head


def _actions(document_id=None):
    rows = Event.objects.order_by("seq")
    if document_id is not None:
        rows = rows.filter(document_id=document_id)
    return [e.action for e in rows]


def _sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_creation_registration_and_change_are_recorded_with_who(store, people):
    with audit.acting_as(people["clerk"]):
        document = store(register="incoming")
    assert _actions(document.pk) == ["document.created", "document.registered"]
    created = Event.objects.get(action="document.created")
    assert created.actor == "clerk" and created.actor_id == people["clerk"].pk
    assert created.object_type == "registry.document" and created.object_id == str(document.pk)
    assert created.detail == {"code": document.code}
    registered = Event.objects.get(action="document.registered")
    assert registered.detail == {"register": "incoming", "year": registered.detail["year"],
                                 "number": 1}  # fmt: skip

    document.subject = "nội dung khác"
    with audit.acting_as("cli:văn thư"):
        document.save()
    changed = Event.objects.get(action="document.changed")
    assert changed.detail == {"fields": ["subject"]} and changed.actor == "cli:văn thư"
    document.save()  # no change, no event
    assert _actions(document.pk).count("document.changed") == 1


def test_without_an_actor_the_system_account_is_named(store):
    store()
    assert Event.objects.get().actor.startswith("hệ thống")


def test_chain_links_every_event_to_the_one_before(store):
    for n in range(3):
        store(number=str(500 + n))
    events = list(Event.objects.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    for event in events:
        assert event.hash == digest(event.prev_hash, content_of(event))
    head = Head.objects.get()
    assert (head.seq, head.hash) == (3, events[-1].hash)
    assert audit.verify() == (3, [])


def test_a_rolled_back_change_leaves_no_event(store):
    from django.db import transaction

    store()
    with pytest.raises(RuntimeError), transaction.atomic():
        store(number="900")
        raise RuntimeError
    assert audit.verify() == (1, [])


def test_events_cannot_be_changed_or_deleted_through_django(store):
    store()
    event = Event.objects.get()
    event.actor = "ai đó"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        Event.objects.all().delete()
    with pytest.raises(AppendOnly):
        Event.objects.update(actor="ai đó")


@pytest.fixture
def chain(store):
    for n in range(5):
        store(number=str(600 + n))
    assert audit.verify() == (5, [])
    return list(Event.objects.order_by("seq"))


def _problems():
    _count, problems = audit.verify(chunk=2)  # small pages: the walk crosses page boundaries
    assert problems, "tampering went unnoticed"
    return [str(p) for p in problems]


def test_detects_an_edited_event(chain):
    _sql("UPDATE audit_event SET actor = %s WHERE seq = 3", ["kẻ xấu"])
    assert any("#3" in p and "bị sửa" in p for p in _problems())


def test_detects_an_edited_detail(chain):
    _sql("UPDATE audit_event SET detail = %s WHERE seq = 2", ['{"code": "khác"}'])
    assert any("#2" in p for p in _problems())


def test_detects_a_deleted_event(chain):
    _sql("DELETE FROM audit_event WHERE seq = 3")
    assert any("#4" in p for p in _problems())


def test_detects_a_deleted_last_event(chain):
    _sql("DELETE FROM audit_event WHERE seq = 5")
    assert any("đầu chuỗi" in p for p in _problems())


def test_detects_an_event_inserted_at_the_end(chain):
    """Even a well-formed event (right seq, right prev_hash, right hash) added behind the
    application's back no longer matches the head."""
    last = chain[-1]
    forged = Event(
        seq=6, at=last.at + dt.timedelta(seconds=1), actor="kẻ xấu", action="document.viewed",
        detail={}, prev_hash=last.hash,
    )  # fmt: skip
    forged.hash = digest(forged.prev_hash, content_of(forged))
    forged.save()
    assert any("đầu chuỗi" in p for p in _problems())


def test_detects_an_event_inserted_in_the_middle(chain):
    """Renumbering the later events to make room breaks their hashes."""
    _sql("UPDATE audit_event SET seq = seq + 100 WHERE seq >= 3")
    _sql("UPDATE audit_event SET seq = seq - 99 WHERE seq >= 103")
    second = chain[1]
    forged = Event(
        seq=3, at=second.at, actor="kẻ xấu", action="document.viewed", detail={},
        prev_hash=second.hash,
    )  # fmt: skip
    forged.hash = digest(forged.prev_hash, content_of(forged))
    forged.save()
    problems = _problems()
    assert any("#4" in p for p in problems)


def test_detects_a_moved_event(chain):
    _sql("UPDATE audit_event SET seq = 100 WHERE seq = 2")
    _sql("UPDATE audit_event SET seq = 2 WHERE seq = 4")
    _sql("UPDATE audit_event SET seq = 4 WHERE seq = 100")
    assert len(_problems()) >= 2


def test_audit_verify_command(chain, capsys):
    from congvan.commands import audit as command

    args = command_args(command, ["verify"])
    assert command.run(args) == 0
    assert "5 sự kiện" in capsys.readouterr().out
    _sql("UPDATE audit_event SET action = %s WHERE seq = 1", ["document.viewed"])
    assert command.run(args) == 1
    captured = capsys.readouterr()
    assert "KHÔNG toàn vẹn" in captured.out and "#1" in captured.err


def test_audit_history_and_head_commands(chain, capsys):
    from congvan.commands import audit as command

    assert command.run(command_args(command, ["head"])) == 0
    assert capsys.readouterr().out.split() == ["5", chain[-1].hash]
    assert command.run(command_args(command, ["history", str(chain[0].document_id)])) == 0
    assert "Vào hệ thống" in capsys.readouterr().out


def command_args(module, argv):
    import argparse

    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    return parser.parse_args(argv)
