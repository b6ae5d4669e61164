"""The organisation directory: addressee phrase → organisations, and import from CSV / XLSX.

:func:`resolve` reads a phrase as written in a dispatch (``Các cơ quan báo chí trên địa bàn
tỉnh``, ``Phòng Văn hóa và Thông tin các huyện, thành phố``) and finds the groups and
organisations it names, longest name first, on folded text (no diacritics, any punctuation a
space), so ``Công/trang thông tin`` and ``cong trang thong tin`` match alike. The result is a
proposal: the officer confirms or corrects it on the distribution page.

:func:`import_table` reads rows of a CSV or XLSX file (headers in Vietnamese or English, see
``COLUMNS``) and creates or updates organisations and their groups in one transaction.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from congvan.document.vntext import fold, nfc

SEED_FILE = Path(__file__).with_name("data") / "directory.csv"

_NON_WORD = re.compile(r"[^a-z0-9]+")


def key(text: str) -> str:
    """Folded words joined by one space: ``Công/trang thông tin`` → ``cong trang thong tin``."""
    return " ".join(_NON_WORD.sub(" ", fold(nfc(text or ""))).split())


# ------------------------------------------------------------------------------- resolution


@dataclass
class Match:
    text: str  # the words of the phrase that matched (folded)
    kind: str  # "group" or "organisation"
    name: str
    organisations: list  # Organisation objects


@dataclass
class Resolution:
    phrase: str
    matches: list[Match] = field(default_factory=list)
    organisations: list = field(default_factory=list)  # Organisation objects, by name

    @property
    def found(self) -> bool:
        return bool(self.organisations)

    @property
    def ids(self) -> list[int]:
        return [o.pk for o in self.organisations]


class Directory:
    """The names to look for, loaded once (one resolution page makes many look-ups)."""

    def __init__(self) -> None:
        from congvan.tracking.models import Organisation, OrganisationGroup

        orgs = list(Organisation.objects.filter(active=True))
        self.by_id = {o.pk: o for o in orgs}
        # (folded name, kind, display name, organisation ids)
        names: list[tuple[str, str, str, tuple[int, ...]]] = []
        for org in orgs:
            for name in [org.name, org.short_name, *org.alias_list()]:
                if key(name):
                    names.append((key(name), "organisation", org.name, (org.pk,)))
        members: dict[int, list[int]] = {}
        for group_id, org_id in OrganisationGroup.members.through.objects.values_list(
            "organisationgroup_id", "organisation_id"
        ):
            if org_id in self.by_id:
                members.setdefault(group_id, []).append(org_id)
        for group in OrganisationGroup.objects.all():
            ids = tuple(members.get(group.pk, ()))
            for name in [group.name, *group.alias_list()]:
                if key(name):
                    names.append((key(name), "group", group.name, ids))
        # longest first: ``Đài Phát thanh và Truyền hình tỉnh Lạng Sơn`` before ``… tỉnh``
        names.sort(key=lambda n: (-len(n[0]), n[1] != "organisation"))
        self.names = names

    def resolve(self, phrase: str) -> Resolution:
        folded = f" {key(phrase)} "
        taken: list[tuple[int, int]] = []
        result = Resolution(phrase=phrase)
        chosen: dict[int, object] = {}
        for name, kind, display, ids in self.names:
            needle = f" {name} "
            start = folded.find(needle)
            while start != -1:
                end = start + len(needle)
                if not any(start + 1 < e - 1 and s + 1 < end - 1 for s, e in taken):
                    taken.append((start, end))
                    orgs = [self.by_id[i] for i in ids]
                    result.matches.append(Match(name, kind, display, orgs))
                    for org in orgs:
                        chosen[org.pk] = org
                    break
                start = folded.find(needle, start + 1)
        result.matches.sort(key=lambda m: folded.find(f" {m.text} "))
        result.organisations = sorted(chosen.values(), key=lambda o: o.name)
        return result


def resolve(phrase: str) -> Resolution:
    """The organisations ``phrase`` names (a proposal for the officer to confirm)."""
    return Directory().resolve(phrase)


def resolve_all(phrases: Iterable[str]) -> list[Resolution]:
    directory = Directory()
    return [directory.resolve(p) for p in phrases]


# ------------------------------------------------------------------------------- import

# column → accepted headers (folded)
COLUMNS = {
    "name": ("ten don vi", "ten", "name", "organisation", "organization"),
    "short_name": ("ten viet tat", "viet tat", "short name", "short_name"),
    "kind": ("loai", "loai don vi", "kind", "type"),
    "groups": ("nhom", "nhom don vi", "groups", "group"),
    "aliases": ("ten goi khac", "ten khac", "aliases", "alias"),
    "email": ("thu dien tu", "email", "e mail", "hop thu"),
}


class ImportError_(ValueError):
    """A file that is not a table of organisations (message in Vietnamese)."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    groups_created: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)


def _split(value: str) -> list[str]:
    return [nfc(p).strip() for p in re.split(r"[;\n]", value or "") if p.strip()]


def read_rows(data: bytes, filename: str) -> list[list[str]]:
    """The cells of a CSV (UTF-8, with or without BOM; ``,`` or ``;``) or XLSX file."""
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as err:  # openpyxl raises many kinds on a bad file
            raise ImportError_(f"không đọc được tệp Excel ({err})") from err
        sheet = book.worksheets[0]
        rows = [
            ["" if c is None else _cell(str(c)) for c in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        book.close()
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ImportError_("tệp CSV phải ở mã UTF-8") from err
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        pass
    return [[_cell(c) for c in row] for row in csv.reader(io.StringIO(text), dialect)]


# Control characters (line breaks aside, which part aliases) are only spaces in a cell: a NUL
# cannot be stored by PostgreSQL (the import was a 500 there) nor printed in a DOCX.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _cell(text: str) -> str:
    return _CONTROL.sub(" ", text).strip()


def _header(row: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        k = key(cell).replace("_", " ")
        for column, names in COLUMNS.items():
            if k in names and column not in found:
                found[column] = index
    if "name" not in found:
        raise ImportError_("thiếu cột “Tên đơn vị” ở dòng tiêu đề")
    return found


def _kind(value: str) -> str | None:
    from congvan.tracking.models import Organisation

    if not value:
        return "agency"
    k = key(value)
    for code, label in Organisation.KINDS:
        if k in (code, key(label)):
            return code
    return None


def import_rows(rows: Sequence[Sequence[str]]) -> ImportResult:
    """Create or update organisations (matched by folded name) and their groups; one
    transaction: a row with an error is reported and skipped, the others are kept."""
    from congvan.tracking.models import Organisation, OrganisationGroup

    rows = [r for r in rows if any((c or "").strip() for c in r)]
    if not rows:
        raise ImportError_("tệp không có dòng nào")
    columns = _header(rows[0])
    result = ImportResult()

    def cell(row: Sequence[str], column: str) -> str:
        index = columns.get(column)
        if index is None or index >= len(row):
            return ""
        return " ".join(nfc(str(row[index] or "")).split()) if column != "aliases" else row[index]

    with transaction.atomic():
        existing = {o.name_key: o for o in Organisation.objects.all()}
        groups = {key(g.name): g for g in OrganisationGroup.objects.all()}
        for number, row in enumerate(rows[1:], start=2):
            name = cell(row, "name")
            if not name:
                result.errors.append((number, "thiếu tên đơn vị"))
                continue
            kind = _kind(cell(row, "kind"))
            if kind is None:
                result.errors.append((number, f"loại đơn vị không rõ: “{cell(row, 'kind')}”"))
                continue
            email = cell(row, "email")
            if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
                result.errors.append((number, f"thư điện tử không hợp lệ: “{email}”"))
                continue
            group_names = _split(cell(row, "groups"))
            long = _too_long(
                (Organisation, "name", name),
                (Organisation, "short_name", cell(row, "short_name")),
                (Organisation, "email", email),
                *((OrganisationGroup, "name", g) for g in group_names),
            )
            if long:  # PostgreSQL refuses what SQLite would keep (the import was a 500 there)
                result.errors.append((number, long))
                continue
            org = existing.get(key(name))
            if org is None:
                org = Organisation(name=name)
                result.created += 1
            else:
                result.updated += 1
            org.name = name
            org.short_name = cell(row, "short_name") or org.short_name
            org.kind = kind if columns.get("kind") is not None else org.kind
            aliases = _split(cell(row, "aliases"))
            if aliases:
                org.aliases = "\n".join(dict.fromkeys([*org.alias_list(), *aliases]))
            org.email = email or org.email
            org.save()
            existing[org.name_key] = org
            for group_name in group_names:
                group = groups.get(key(group_name))
                if group is None:
                    group = OrganisationGroup.objects.create(name=group_name)
                    groups[key(group_name)] = group
                    result.groups_created += 1
                group.members.add(org)
    return result


def _too_long(*values) -> str | None:
    """The first of ``(model, field, value)`` longer than its column, as a row's error."""
    for model, name, value in values:
        column = model._meta.get_field(name)
        if column.max_length and len(value) > column.max_length:
            return f"{column.verbose_name} dài quá {column.max_length} ký tự"
    return None


def import_table(data: bytes, filename: str) -> ImportResult:
    """Import organisations from the bytes of a CSV or XLSX file."""
    return import_rows(read_rows(data, filename))


# Groups of the seed directory: name → phrases that name the whole group.
SEED_GROUPS = {
    "Các cơ quan báo chí trên địa bàn tỉnh": [
        "cơ quan báo chí",
        "các cơ quan báo chí",
    ],
    "Phòng Văn hóa và Thông tin các huyện, thành phố": [
        "Phòng Văn hóa và Thông tin",
        "Phòng Văn hóa - Thông tin",
    ],
    "Công/trang thông tin điện tử tỉnh, huyện, thành phố": [
        "Công/trang thông tin",
        "Cổng/trang thông tin",
        "trang thông tin điện tử",
    ],
    "Hệ thống truyền thanh cơ sở": [
        "hệ thống truyền thanh cơ sở",
        "Trung tâm Văn hóa, Thể thao và Truyền thanh",
        "Đài Truyền thanh các huyện",
        "đài truyền thanh cấp xã",
    ],
    "Doanh nghiệp cung cấp dịch vụ viễn thông và internet": [
        "doanh nghiệp cung cấp dịch vụ viễn thông",
        "doanh nghiệp viễn thông",
    ],
    "Các doanh nghiệp cung ứng dịch vụ bưu chính": [
        "doanh nghiệp cung ứng dịch vụ bưu chính",
        "doanh nghiệp bưu chính",
    ],
}


def load_seed() -> ImportResult:
    """The organisations named by the seed dispatches, and their groups (idempotent)."""
    from congvan.tracking.models import OrganisationGroup

    result = import_table(SEED_FILE.read_bytes(), SEED_FILE.name)
    for name, aliases in SEED_GROUPS.items():
        group, _ = OrganisationGroup.objects.get_or_create(name=name)
        group.aliases = "\n".join(dict.fromkeys([*group.alias_list(), *aliases]))
        group.save()
    return result
