"""Directory files as people send them: control characters in a cell."""

from __future__ import annotations

from congvan.tracking import directory
from congvan.tracking.models import Organisation


def test_control_characters_in_a_cell_are_spaces(db):
    """PostgreSQL refuses NUL in a value: the import was a 500 there."""
    data = "Tên đơn vị,Loại,Tên khác\nBáo\x00Mới,press,Báo M\nĐài\x01 Mới,broadcast,Đài M\n"
    result = directory.import_table(data.encode(), "don-vi.csv")
    assert (result.created, result.errors) == (2, [])
    assert Organisation.objects.filter(name__in=["Báo Mới", "Đài Mới"]).count() == 2


def test_a_value_longer_than_its_column_is_a_row_error(db):
    """PostgreSQL refuses a name over 300 characters (the import was a 500 there)."""
    data = (
        "Tên đơn vị,Loại,Tên viết tắt,Nhóm\n"
        f"{'B' * 301},press,,\n"
        f"Báo Dài,press,{'v' * 101},\n"
        f"Báo Nhóm,press,,{'N' * 301}\n"
        "Báo Ngắn,press,BN,\n"
    )
    result = directory.import_table(data.encode(), "don-vi.csv")
    assert result.created == 1
    assert [(row, message) for row, message in result.errors] == [
        (2, "tên đơn vị dài quá 300 ký tự"),
        (3, "tên viết tắt dài quá 100 ký tự"),
        (4, "tên nhóm dài quá 300 ký tự"),
    ]
