"""Builders for the tracking, portal, API and browser tests: documents, organisations, people,
a distributed dispatch."""

from __future__ import annotations

import itertools

from congvan.document.model import Document as Record
from congvan.document.model import Issuer, Signer, Task

_numbers = itertools.count(700)
PASSWORD = "mat-khau-thu-nghiem"


def make_document(**fields):
    """A registered công văn of the department."""
    record = Record(
        kind="Công văn",
        issuer=Issuer(name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", parent="UBND TỈNH LẠNG SƠN"),
        number=fields.pop("number", str(next(_numbers))),
        notation=fields.pop("notation", "STTTT-TTBCXB"),
        place="Lạng Sơn",
        date=fields.pop("date", "2020-07-17"),
        subject=fields.pop("subject", "tuyên truyền phòng, chống lừa đảo chiếm đoạt tài sản"),
        recipients=fields.pop("recipients", ["Báo Lạng Sơn"]),
        tasks=fields.pop(
            "tasks",
            [Task(label="1", text="Tăng cường thông tin, tuyên truyền.")],
        ),
        distribution=["Như trên", "Lưu: VT"],
        signer=Signer(form="KT", authority="GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Lê Văn A"),
    )
    text = fields.pop("text", f"V/v {record.subject}")
    if fields:
        raise TypeError(f"unknown fields: {sorted(fields)}")
    return store_record(record, text)


def store_record(record: Record, text: str = ""):
    """A registry ``Document`` row for ``record``, saved directly: the row the registry's own
    ``document_of`` makes, without its search index, which the tracking tests do not need."""
    from congvan.registry.ingest import document_of

    document = document_of(record, text, "")
    document.save()
    return document


def make_org(name: str, **fields):
    from congvan.tracking.models import Organisation

    org, _ = Organisation.objects.get_or_create(name=name, defaults=fields)
    return org


def make_user(username: str, role: str, organisation=None, email: str = ""):
    from congvan.tracking.roles import create_user

    return create_user(
        username,
        PASSWORD,
        role,
        organisation=organisation,
        email=email or f"{username}@example.org",
        full_name=username,
    )


def campaign(slug: str = "lua-dao"):
    from congvan.tracking.models import Campaign
    from congvan.tracking.seed import seed_campaigns

    seed_campaigns()
    return Campaign.objects.get(slug=slug)
