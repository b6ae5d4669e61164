"""The directory: seed organisations, addressee phrases → organisations, CSV and XLSX import."""

from __future__ import annotations

import io

import pytest

from congvan.tracking import directory
from congvan.tracking.models import Organisation, OrganisationGroup
from congvan.tracking.seed import seed_all


@pytest.fixture
def seeded(db):
    seed_all()


def names(resolution) -> set[str]:
    return {o.name for o in resolution.organisations}


def test_press_phrase_means_newspapers_and_stations(seeded):
    found = directory.resolve("Các cơ quan báo chí trên địa bàn tỉnh")
    assert {"Báo Lạng Sơn", "Đài Phát thanh và Truyền hình tỉnh Lạng Sơn"} <= names(found)
    assert all(o.kind in ("press", "broadcast") for o in found.organisations)


def test_district_culture_offices_phrase(seeded):
    found = directory.resolve("Phòng Văn hóa và Thông tin các huyện, thành phố")
    assert len(found.organisations) == 11
    assert all(o.kind == "culture" for o in found.organisations)


def test_a_named_organisation_wins_over_its_group(seeded):
    found = directory.resolve("Phòng Văn hóa và Thông tin huyện Tràng Định")
    assert names(found) == {"Phòng Văn hóa và Thông tin huyện Tràng Định"}
    found = directory.resolve("Đài Phát thanh và Truyền hình tỉnh")
    assert names(found) == {"Đài Phát thanh và Truyền hình tỉnh Lạng Sơn"}


def test_a_phrase_naming_several_groups(seeded):
    found = directory.resolve(
        "Các cơ quan báo chí, hệ thống truyền thanh cơ sở, Công/trang thông tin và điện tử "
        "tỉnh, huyện, thành phố"
    )
    kinds = {o.kind for o in found.organisations}
    assert {"press", "broadcast", "centre", "portal"} <= kinds
    assert [m.kind for m in found.matches] == ["group", "group", "group"]


def test_matching_ignores_diacritics_case_and_punctuation(seeded):
    assert names(directory.resolve("CAC DOANH NGHIEP CUNG UNG DICH VU BUU CHINH")) == names(
        directory.resolve("Các doanh nghiệp cung ứng dịch vụ bưu chính")
    )


def test_an_unknown_phrase_finds_nothing(seeded):
    found = directory.resolve("Sở Ngoại vụ")
    assert not found.found and found.organisations == []


def test_every_seed_recipient_resolves(seeded):
    import json
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
    for gold in sorted(seeds.glob("*.json")):
        for phrase in json.loads(gold.read_text(encoding="utf-8"))["recipients"]:
            assert directory.resolve(phrase).found, phrase


def test_csv_import_creates_updates_and_reports_bad_rows(db):
    data = (
        "Tên đơn vị;Loại;Nhóm;Thư điện tử\n"
        "Báo Mới Thử;press;Nhóm Thử;bao@example.org\n"
        "Đài Mới Thử;Đài phát thanh, truyền hình;Nhóm Thử;\n"
        ";press;;\n"
        "Đơn vị Lạ;không có loại này;;\n"
        "Đơn vị Sai Thư;agency;;khong-phai-thu\n"
    ).encode()
    result = directory.import_table(data, "don-vi.csv")
    assert (result.created, result.updated, result.groups_created) == (2, 0, 1)
    assert [row for row, _ in result.errors] == [4, 5, 6]
    group = OrganisationGroup.objects.get(name="Nhóm Thử")
    assert {o.name for o in group.members.all()} == {"Báo Mới Thử", "Đài Mới Thử"}
    assert Organisation.objects.get(name="Đài Mới Thử").kind == "broadcast"
    again = directory.import_table(
        "Tên đơn vị,Thư điện tử\nbao moi thu,moi@example.org\n".encode(), "x.csv"
    )
    assert (again.created, again.updated) == (0, 1)
    assert Organisation.objects.get(name="bao moi thu").email == "moi@example.org"


def test_xlsx_import(db):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Tên đơn vị", "Tên viết tắt", "Loại", "Nhóm", "Tên gọi khác"])
    sheet.append(["Bưu điện Thử", "BĐT", "postal", "Doanh nghiệp bưu chính thử", "Bưu cục Thử"])
    out = io.BytesIO()
    book.save(out)
    result = directory.import_table(out.getvalue(), "don-vi.xlsx")
    assert result.created == 1 and not result.errors
    assert names(directory.resolve("Bưu cục Thử")) == {"Bưu điện Thử"}
    assert names(directory.resolve("Doanh nghiệp bưu chính thử")) == {"Bưu điện Thử"}


def test_a_file_without_a_name_column_is_refused(db):
    with pytest.raises(directory.ImportError_):
        directory.import_table(b"a,b\n1,2\n", "x.csv")
