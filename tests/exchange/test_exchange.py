"""Exchange services: import of document and status packages, export, statuses and hooks."""

from __future__ import annotations

import base64
import io
import zipfile

import pytest

from congvan.document import edxml
from congvan.document.edxml import Attachment, Organ, ResponseFor, Status
from congvan.document.errors import DocumentError
from congvan.document.model import Document as Record
from congvan.document.model import Issuer, Signer, Task
from congvan.exchange import hooks
from congvan.exchange.models import Agency, Delivery, Message
from congvan.exchange.models import Attachment as StoredAttachment
from congvan.exchange.services import (
    ExchangeError,
    answer_recall,
    export_document,
    import_package,
    send_status,
)
from congvan.registry.models import Document, Entry

from ..conftest import SHARED

SAMPLES = SHARED / "reference" / "edxml-samples"
G22 = Organ(organ_id="000.00.00.G22", name="Văn phòng Chính phủ")


def sample(name: str) -> bytes:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} is not present in this checkout")
    return path.read_bytes()


def record(**fields) -> Record:
    base = dict(
        kind="Công văn",
        issuer=Issuer(name="VĂN PHÒNG CHÍNH PHỦ"),
        number="7816",
        notation="VPCP-TTĐT",
        place="Hà Nội",
        date="2018-09-28",
        subject="kết nối, liên thông phần mềm quản lý văn bản",
        recipients=["UBND Tỉnh Nghệ An"],
        tasks=[Task("1", "Kết nối trước ngày 30/10/2018.", None, "2018-10-30")],
        distribution=["Như trên", "Lưu: VT"],
        signer=Signer("TL", "BỘ TRƯỞNG", "CỤC TRƯỞNG", "Nguyễn Thành Phúc"),
    )
    base.update(fields)
    return Record(**base)


def package_bytes(rec: Record | None = None, **kwargs) -> bytes:
    text = (
        "VĂN PHÒNG CHÍNH PHỦ\nSố: 7816/VPCP-TTĐT\nV/v kết nối, liên thông phần mềm\n"
        "Kính gửi: UBND Tỉnh Nghệ An\n"
    ).encode()
    kwargs.setdefault("attachments", [Attachment("7816-VPCP.txt", text, "text/plain")])
    kwargs.setdefault("receivers", [Organ("000.00.00.H41", "UBND Tỉnh Nghệ An")])
    return edxml.write_package(edxml.package_for(rec or record(), sender=G22, **kwargs))


def counts() -> tuple[int, ...]:
    return (
        Document.objects.count(),
        Message.objects.count(),
        StoredAttachment.objects.count(),
        Entry.objects.count(),
    )


# --- import of document packages -------------------------------------------------------------


def test_import_registers_the_document_with_its_attachments_and_tells_the_sender(me):
    outcome = import_package(package_bytes(), "7816.edxml")
    assert outcome.created
    document = outcome.document
    assert document.to_record() == record()
    assert "Kính gửi: UBND Tỉnh Nghệ An" in document.text  # the attachment's text
    assert document.entries.count() == 1  # in the incoming register
    message = outcome.message
    assert message.edxml_id == "000.00.00.G22,2018/09/28,7816/VPCP-TTĐT"
    assert message.sender_id == "000.00.00.G22"
    [attachment] = message.attachments.all()
    assert attachment.name == "7816-VPCP.txt"
    assert attachment.file_path.read_bytes().startswith("VĂN PHÒNG".encode())
    # the sender is told: 01 đã đến, 03 đã tiếp nhận
    assert [m.status_code for m in outcome.outbox] == ["01", "03"]
    status = edxml.read_status(outcome.outbox[1].file_path.read_bytes())
    assert status.sender.organ_id == "000.00.00.H41"
    assert status.response_for.document_id == message.edxml_id
    assert message.status_code == "03"
    assert Agency.objects.filter(organ_id="000.00.00.G22").exists()


def test_the_same_package_twice_changes_nothing(me):
    data = package_bytes()
    import_package(data, "a.edxml")
    before = counts()
    again = import_package(data, "a.edxml")
    assert not again.created
    assert counts() == before


def test_without_register_only_01(me):
    outcome = import_package(package_bytes(), "a.edxml", register=None)
    assert [m.status_code for m in outcome.outbox] == ["01"]
    assert outcome.document.entries.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><edXML/>',
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><edXML/>',
        b"<edXML><From>",
    ],
    ids=["laughs", "xxe", "broken"],
)
def test_bad_packages_store_nothing(me, data):
    before = counts()
    with pytest.raises(edxml.EdxmlError):
        import_package(data, "bad.edxml")
    assert counts() == before


def test_path_traversal_stores_nothing(me):
    data = package_bytes(attachments=[Attachment("ok.txt", b"x")]).replace(
        b"<AttachmentName>ok.txt</AttachmentName>", b"<AttachmentName>../../x</AttachmentName>"
    )
    before = counts()
    with pytest.raises(edxml.UnsafePackage):
        import_package(data, "bad.edxml")
    assert counts() == before


def test_a_declared_2gb_attachment_stores_nothing(me):
    from ..document.test_edxml import zip_declaring

    zipped = base64.b64encode(zip_declaring(2 * 1024**3 - 1))
    data = package_bytes(attachments=[Attachment("big.pdf", b"%PDF")])
    data = data.replace(base64.b64encode(b"%PDF"), zipped)
    before = counts()
    with pytest.raises(edxml.UnsafePackage, match="giải nén"):
        import_package(data, "big.edxml")
    assert counts() == before


def test_a_record_attachment_nested_too_deep_is_skipped_with_a_warning(me):
    # found by fuzz/fuzz.py: json.loads raised RecursionError out of edxml.read
    data = package_bytes(include_record=False, attachments=[Attachment("a.txt", b"x")])
    deep = base64.b64encode(b"[" * 100_000 + b"]" * 100_000).decode()
    data = data.replace(
        b"</AttachmentEncoded>",
        (
            "<Attachment><AttachmentName>congvan.document.json</AttachmentName>"
            f"<ContentTransferEncoded>{deep}</ContentTransferEncoded></Attachment>"
            "</AttachmentEncoded>"
        ).encode(),
    )
    package = edxml.read_package(data)
    assert any("lồng quá sâu" in warning for warning in package.warnings)
    outcome = import_package(data, "deep.edxml")
    assert outcome.created and outcome.document.number == "7816"


def test_an_sdk_zipped_attachment_with_damaged_data_is_kept_as_received(me):
    # found by fuzz/fuzz.py: zlib.error escaped from unzipping the attachment
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("cong-van.txt", "Số: 7816/VPCP-TTĐT " * 50)
    damaged = bytearray(buffer.getvalue())
    damaged[42] ^= 0x55  # the first byte of the deflate data: «invalid block type»
    data = package_bytes(attachments=[Attachment("cong-van.pdf", bytes(damaged))])
    package = edxml.read_package(data)
    assert package.attachments[0].data == bytes(damaged)
    assert any("không giải nén được" in warning for warning in package.warnings)
    assert import_package(data, "hong.edxml").created


def test_a_code_field_of_thousands_of_digits_is_no_code(me):
    # found by fuzz/fuzz.py: int() refuses strings of more than 4,300 digits
    data = package_bytes().replace(b"Priority>0<", b"Priority>" + b"9" * 5000 + b"<")
    assert b"9" * 5000 in data
    assert edxml.read_package(data).record.urgency is None
    assert import_package(data, "so-dai.edxml").created


def test_a_failure_inside_the_transaction_rolls_everything_back(me, monkeypatch):
    from congvan.exchange import services

    def broken(*args, **kwargs):
        raise ExchangeError("hỏng giữa chừng")

    monkeypatch.setattr(services, "send_status", broken)
    before = counts()
    with pytest.raises(ExchangeError):
        import_package(package_bytes(), "a.edxml")
    assert counts() == before


def test_update_recall_and_replacement(me):
    first = import_package(package_bytes(), "new.edxml")
    update = edxml.package_for(
        record(), sender=G22, business=edxml.Business(doc_type=2), attachments=[]
    )
    updated = import_package(edxml.write_package(update), "update.edxml")
    assert updated.document == first.document  # kept with the document it updates
    assert Document.objects.count() == 1
    recall = edxml.package_for(record(), sender=G22, business=edxml.Business(doc_type=1))
    recalled = import_package(edxml.write_package(recall), "recall.edxml")
    assert recalled.outbox == []
    first.message.refresh_from_db()
    assert first.message.revoked
    replacement = edxml.package_for(
        record(number="7900"),
        sender=G22,
        business=edxml.Business(doc_type=3, replaces=[first.message.edxml_id]),
    )
    replaced = import_package(edxml.write_package(replacement), "replace.edxml")
    first.message.refresh_from_db()
    assert first.message.replaced_by == replaced.message
    assert replaced.document != first.document


# --- the samples -----------------------------------------------------------------------------


@pytest.mark.skipif(not SAMPLES.exists(), reason="shared/reference/edxml-samples is absent")
def test_every_sample_package_is_imported_or_refused(me):
    failures = {}
    for path in sorted(SAMPLES.glob("*.edxml")):
        try:
            import_package(path.read_bytes(), path.name, source=str(path))
        except DocumentError as error:
            failures[path.name] = str(error)
    # 05 is not well-formed; the status packages 06–15 name G22's document 7816, which the
    # document packages 01–04 carry with G22 as sender, so they apply (as answers to a
    # received document only 13 means something: the sender wants it back).
    assert set(failures) == {"sample_05.edxml"}, failures
    assert "cú pháp XML" in failures["sample_05.edxml"]
    received = Message.objects.filter(
        direction=Message.INCOMING, kind=Message.DOCUMENT, sender_id="000.00.00.G22"
    ).earliest("created_at")
    assert received.name == "sample_02.edxml"  # 01 names another sender (000.00.00.A80)
    assert received.recall_requested  # sample 13
    assert received.revoked  # sample 03


@pytest.mark.skipif(not SAMPLES.exists(), reason="shared/reference/edxml-samples is absent")
def test_status_samples_move_the_receivers_state_of_a_document_we_sent(db, monkeypatch):
    monkeypatch.setenv("CONGVAN_ORGAN_ID", "000.00.00.G22")
    monkeypatch.setenv("CONGVAN_ISSUER_NAME", "Văn phòng Chính phủ")
    stored = Document.objects.create(kind="Công văn", number="7816", notation="VPCP-TTĐT")
    message, _ = export_document(
        stored, receivers=[Organ("000.00.00.H41", "UBND Tỉnh Nghệ An")], include_file=False
    )
    # the samples name the document by this id
    message.edxml_id = "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
    message.save()
    delivery = Delivery.objects.get(message=message, organ_id="000.00.00.H41")
    assert delivery.status_code == ""
    for number, code in [(6, "01"), (8, "02"), (9, "03"), (10, "04"), (11, "05"), (12, "06")]:
        outcome = import_package(sample(f"sample_{number:02d}.edxml"), f"s{number}.edxml")
        assert outcome.document == stored
        delivery.refresh_from_db()
        assert delivery.status_code == code
    import_package(sample("sample_14.edxml"), "s14.edxml")
    delivery.refresh_from_db()
    assert (delivery.status_code, delivery.status_label) == ("15", "Đồng ý lấy lại")


def test_a_status_about_an_unknown_document_is_refused(me):
    data = edxml.write_status(Status(G22, ResponseFor(document_id="khong,co,x"), "03"))
    before = counts()
    with pytest.raises(ExchangeError, match="chưa có trong hệ thống"):
        import_package(data, "s.edxml")
    assert counts() == before


# --- statuses we send, hooks for tracking ----------------------------------------------------


def test_recall_request_and_answer(me):
    received = import_package(package_bytes(), "a.edxml").message
    ask = Status(
        G22,
        ResponseFor("000.00.00.H41", "7816/VPCP-TTĐT", "2018-09-28", received.edxml_id),
        "13",
    )
    import_package(edxml.write_status(ask), "13.edxml")
    received.refresh_from_db()
    assert received.recall_requested
    answer = answer_recall(received, accept=True)
    received.refresh_from_db()
    assert answer.status_code == "15"
    assert received.revoked and not received.recall_requested


def test_hooks_send_04_05_06_once_each(me):
    outcome = import_package(package_bytes(), "a.edxml")
    document = outcome.document
    assert hooks.document_distributed(document).status_code == "04"
    assert hooks.document_distributed(document) is None  # not twice
    message = outcome.message
    message.refresh_from_db()
    assert message.status_code == "04"
    assert send_status(message, "05").status_code == "05"
    message.refresh_from_db()
    assert message.status_code == "05"
    codes = list(
        Message.objects.filter(direction=Message.OUTGOING, kind=Message.STATUS)
        .order_by("id")
        .values_list("status_code", flat=True)
    )
    assert codes == ["01", "03", "04", "05"]


def test_hooks_ignore_documents_not_from_the_exchange(me):
    stored = Document.objects.create(kind="Công văn", number="1", notation="X")
    assert hooks.document_distributed(stored) is None
    assert hooks.document_progress(stored) is None
    assert hooks.document_rejected(stored) is None


# --- export ----------------------------------------------------------------------------------


def test_export_round_trips_through_import(db, monkeypatch, tmp_path):
    from congvan.registry.ingest import store_document

    monkeypatch.setenv("CONGVAN_ORGAN_ID", "000.00.00.G22")
    Agency.objects.create(organ_id="000.00.00.H41", name="UBND Tỉnh Nghệ An")
    original = record()
    pdf = b"%PDF-1.4 the signed dispatch"
    stored, _ = store_document(original, text="...", data=pdf, filename="7816.pdf")
    message, data = export_document(stored)
    assert [(d.organ_id, d.name) for d in message.deliveries.all()] == [
        ("000.00.00.H41", "UBND Tỉnh Nghệ An")
    ]
    package = edxml.read_package(data)
    assert package.record == original
    assert [(a.name, a.data) for a in package.attachments] == [("7816.pdf", pdf)]
    assert package.document_id == "000.00.00.G22,2018/09/28,7816/VPCP-TTĐT"


def test_export_needs_our_organ_id(db, monkeypatch):
    monkeypatch.delenv("CONGVAN_ORGAN_ID", raising=False)
    stored = Document.objects.create(kind="Công văn", number="1", notation="X")
    with pytest.raises(ExchangeError, match="CONGVAN_ORGAN_ID"):
        export_document(stored)


# --- commands --------------------------------------------------------------------------------


def test_import_command_one_line_per_bad_package_and_exit_code(me, tmp_path, capsys):
    from congvan.commands import import_edxml

    good = tmp_path / "in" / "good.edxml"
    good.parent.mkdir()
    good.write_bytes(package_bytes())
    (tmp_path / "in" / "bad.edxml").write_bytes(b"<edXML><oops>")
    (tmp_path / "in" / "notes.txt").write_text("not a package")
    code = import_edxml.run(_args(import_edxml, [str(tmp_path / "in")]))
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("lỗi:") == 1 and "bad.edxml" in err
    assert "1 mới" in err and "1 lỗi" in err
    assert Document.objects.count() == 1


def test_export_command_writes_a_package(db, monkeypatch, tmp_path, capsys):
    from congvan.commands import export_edxml

    monkeypatch.setenv("CONGVAN_ORGAN_ID", "000.00.00.G22")
    stored = Document.objects.create(kind="Công văn", number="5", notation="VPCP-TTĐT")
    code = export_edxml.run(_args(export_edxml, [str(stored.pk), "-o", str(tmp_path)]))
    assert code == 0
    [written] = list(tmp_path.glob("*.edxml"))
    assert edxml.read_package(written.read_bytes()).record.number == "5"
    assert export_edxml.run(_args(export_edxml, ["999999", "-o", str(tmp_path)])) == 1


@pytest.fixture(autouse=True)
def _no_setup(monkeypatch):
    """The commands set Django up and migrate; the tests have done both already."""
    monkeypatch.setattr("congvan.site.setup.setup_django", lambda **kwargs: None)


def _args(module, argv):
    import argparse

    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    return parser.parse_args(argv)
