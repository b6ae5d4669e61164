"""Decree 30 facts shared by parser, renderer and validator."""

from __future__ import annotations

import re

import pytest

from congvan.document import decree30


@pytest.mark.parametrize(
    ("iso", "text"),
    [
        ("2020-07-17", "ngày 17 tháng 7 năm 2020"),
        ("2023-02-05", "ngày 05 tháng 02 năm 2023"),
        ("2023-01-31", "ngày 31 tháng 01 năm 2023"),
        ("2020-12-09", "ngày 09 tháng 12 năm 2020"),
    ],
)
def test_dates_follow_the_leading_zero_rule(iso, text):
    assert decree30.format_date(iso) == text


def test_a_partial_date_leaves_the_unknown_parts_blank_for_the_pen():
    assert re.fullmatch(r"ngày {3,}tháng 7 năm 2020", decree30.format_date("2020-07"))
    assert re.fullmatch(r"ngày {3,}tháng {3,}năm 2020", decree30.format_date("2020"))


def test_every_administrative_type_but_cong_van_and_thu_cong_has_an_abbreviation():
    without = set(decree30.ADMINISTRATIVE_TYPES) - set(decree30.ABBREVIATION_BY_TYPE)
    assert without == {"Công văn", "Thư công"}
    assert len(decree30.ADMINISTRATIVE_TYPES) == 29
