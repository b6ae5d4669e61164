"""The stored document: every field of the record, the original file, the text."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.db import IntegrityError, transaction

from congvan.document.model import Reference, Task
from congvan.registry.errors import NumberingConflict
from congvan.registry.keys import first_day
from congvan.registry.models import Document

from .factories import make_record


def test_every_record_field_round_trips(store):
    record = make_record(
        urgency="Hỏa tốc",
        references=[
            Reference(
                kind="Chỉ thị",
                number="21",
                notation="CT-TTg",
                date="2020-05-25",
                issuer="Thủ tướng Chính phủ",
            )
        ],
        tasks=[
            Task(label="1", text="Tuyên truyền.", addressee="Báo Lạng Sơn", deadline="2020-08-10"),
            Task(label="2", text="Báo cáo kết quả."),
        ],
        recipients=["Báo Lạng Sơn", "Đài Phát thanh và Truyền hình tỉnh"],
    )
    document = store(record, text="Nội dung văn bản")
    stored = Document.objects.get(pk=document.pk)
    assert stored.to_record().to_json() == record.to_json()
    assert stored.text == "Nội dung văn bản"


def test_original_bytes_hash_size_type_and_name_are_kept(store, settings):
    data = "Số: 498/STTTT-TTBCBC\nV/v thử\n".encode("utf-16")  # bytes exactly as received
    document = store(text="Số: 498/STTTT-TTBCBC", data=data)
    stored = Document.objects.get(pk=document.pk)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.size == len(data)
    assert stored.content_type == "text/plain"
    assert stored.original_name == "van-ban.txt"
    assert stored.file_path.read_bytes() == data
    assert str(stored.file_path).startswith(str(settings.FILES_DIR))


def test_partial_dates_give_year_and_first_day(store):
    document = store(date="2020-07", number=None)
    assert document.year == 2020
    assert str(document.issued_on) == "2020-07-01"
    assert document.number is None


def test_same_number_notation_year_and_issuer_is_refused(store):
    store(number="498", notation="STTTT-TTBCBC", date="2020-07-17")
    with pytest.raises(NumberingConflict) as err:
        store(number="498", notation="STTTT-TTBCBC", date="2020-09-01")
    assert "498/STTTT-TTBCBC" in str(err.value)
    assert Document.objects.filter(number="498").count() == 1


def test_same_number_is_allowed_another_year_or_for_another_issuer(store):
    store(number="498", notation="STTTT-TTBCBC", date="2020-07-17")
    store(number="498", notation="STTTT-TTBCBC", date="2021-07-17")
    store(number="498", notation="STTTT-TTBCBC", date="2020-07-17", issuer="SỞ NỘI VỤ")
    assert Document.objects.filter(number="498").count() == 3


def test_blank_numbers_do_not_collide(store):
    store(number=None, notation="STTTT-TTBCXB", date="2020-07")
    store(number=None, notation="STTTT-TTBCXB", date="2020-07")
    assert Document.objects.filter(number__isnull=True).count() == 2


def test_the_database_itself_enforces_the_number_constraint(store):
    first = store(number="7", notation="KH-UBND", date="2020-06-29")
    clone = Document.objects.get(pk=first.pk)
    clone.pk = None
    clone.sha256 = None
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()


@pytest.mark.parametrize("date", ["2020-13-01", "2020-02-30", "99999999999999999999-01-01", "x"])
def test_a_date_no_calendar_has_gives_no_first_day(date):
    assert first_day(date) is None and first_day("2020-07") == dt.date(2020, 7, 1)
