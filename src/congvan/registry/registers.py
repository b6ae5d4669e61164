"""Registers (sổ văn bản đến / đi) and their numbering: per calendar year, from 01, atomic.

:func:`assign_number` increments the register's counter for the year with one ``UPDATE`` inside
the caller's transaction: the row (PostgreSQL) or the database (SQLite, whose transactions start
``IMMEDIATE``) stays locked until that transaction commits, so two clerks never get the same
number and a failed registration leaves no gap. The unique constraint on (register, year, number)
backs this up in the database itself.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F

from congvan import audit
from congvan.registry.models import Counter, Document, Entry, Register

NAMES = dict(Register.DIRECTIONS)


def get_register(direction: str) -> Register:
    if direction not in NAMES:
        raise ValueError(f"không có sổ {direction!r}: chọn 'incoming' (đến) hoặc 'outgoing' (đi)")
    register = Register.objects.filter(direction=direction).first()
    if register is None:
        try:
            with transaction.atomic():
                register = Register.objects.create(direction=direction, name=NAMES[direction])
        except IntegrityError:
            register = Register.objects.get(direction=direction)
    return register


def assign_number(register: Register, year: int) -> int:
    """The next number of ``register`` in ``year`` (1, 2, …), held until the transaction ends."""
    with transaction.atomic():
        counters = Counter.objects.filter(register=register, year=year)
        if not counters.update(last=F("last") + 1):
            try:
                with transaction.atomic():
                    Counter.objects.create(register=register, year=year, last=1)
                return 1
            except IntegrityError:  # another clerk opened the year first
                counters.update(last=F("last") + 1)
        return counters.values_list("last", flat=True).get()


def enter(
    document: Document, direction: str, on: dt.date, *, number: int | None = None
) -> tuple[Entry, bool]:
    """Put ``document`` in the register with the next number of ``on``'s year (once), or with
    ``number`` already taken by :func:`assign_number` in the caller's transaction."""
    from congvan.registry.search import document_changed

    register = get_register(direction)
    with transaction.atomic():
        entry = Entry.objects.filter(register=register, document=document).first()
        if entry is not None:
            return entry, False
        if number is None:
            number = assign_number(register, on.year)
        entry = Entry.objects.create(
            register=register, document=document, year=on.year, number=number, entered_on=on
        )
        document_changed(document)  # the register filter of the search index
        return entry, True


def assign_numbers(register: Register, years: list[int]) -> list[int]:
    """The next numbers of ``register`` for entries of these years, in the order given: one
    counter update per year (in the caller's transaction)."""
    by_year: dict[int, list[int]] = {}
    for i, year in enumerate(years):
        by_year.setdefault(year, []).append(i)
    numbers = [0] * len(years)
    for year, positions in by_year.items():
        first = assign_number(register, year)
        if len(positions) > 1:
            Counter.objects.filter(register=register, year=year).update(
                last=F("last") + len(positions) - 1
            )
        for k, i in enumerate(positions):
            numbers[i] = first + k
    return numbers


def enter_many(items: list[tuple[Document, dt.date]], direction: str) -> list[Entry]:
    """:func:`enter` for documents not yet in the register, numbered in the order given: one
    counter update per year instead of one per document."""
    from congvan.registry.search import touch_documents

    register = get_register(direction)
    with transaction.atomic():
        numbers = assign_numbers(register, [on.year for _, on in items])
        entries = Entry.objects.bulk_create(
            [
                Entry(register=register, document=d, year=on.year, number=n, entered_on=on)
                for (d, on), n in zip(items, numbers, strict=True)
            ]
        )
        audit.entries_created(entries)  # bulk_create sends no signals
        touch_documents([d.pk for d, _ in items])
    return entries
