"""edXML packages: writing, reading real packages, status packages and hostile input."""

from __future__ import annotations

import base64
import io
import json
import struct
import zipfile
from pathlib import Path

import pytest

from congvan.document import edxml
from congvan.document.edxml import (
    Attachment,
    EdxmlError,
    Organ,
    ResponseFor,
    Status,
    UnsafePackage,
    package_for,
    read,
    read_package,
    read_status,
    write_package,
    write_status,
)
from congvan.document.errors import UnreadableFile
from congvan.document.model import Document, Issuer, Reference, Signer, Task

from ..conftest import FIXTURES, SHARED

SAMPLES = SHARED / "reference" / "edxml-samples"
SENDER = Organ(organ_id="000.00.00.H41", name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG")


def seed_records() -> list[tuple[str, Document]]:
    paths = sorted((FIXTURES / "seeds").glob("*.json"))
    for folder in ("seeds", "dev"):
        paths += sorted((SHARED / "corpus" / folder).glob("*.json"))
    return [(p.name, Document.from_json(json.loads(p.read_text("utf-8")))) for p in paths]


def full_record() -> Document:
    return Document(
        kind="Công văn",
        urgency="Thượng khẩn",
        issuer=Issuer(name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", parent="UBND TỈNH KIÊN GIANG"),
        number="498",
        notation="STTTT-TTBCBC",
        place="Kiên Giang",
        date="2020-07-05",
        subject="tuyên truyền phòng, chống dịch bệnh",
        recipients=["Báo Kiên Giang", "Đài Phát thanh và Truyền hình Kiên Giang"],
        references=[Reference("Công văn", "21", "CT-TTg", "2020-06-01", "Thủ tướng Chính phủ")],
        tasks=[Task("1", "Đăng tải tin, bài.", "Báo Kiên Giang", "2020-07-30")],
        distribution=["Như trên", "Lưu: VT, TTBCBC"],
        signer=Signer("KT", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A"),
    )


# --- round trip ------------------------------------------------------------------------------


def test_round_trip_gives_the_same_record_and_attachment_bytes():
    record = full_record()
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 40
    files = [
        Attachment("498-STTTT.pdf", pdf, "application/pdf"),
        Attachment("Phụ lục 1.docx", b"PK\x03\x04 not really a docx", "application/msword"),
    ]
    data = write_package(package_for(record, sender=SENDER, attachments=files))
    package = read_package(data)
    assert package.record == record
    assert [(a.name, a.data, a.content_type) for a in package.attachments] == [
        (f.name, f.data, f.content_type) for f in files
    ]
    assert package.document_id == "000.00.00.H41,2020/07/05,498/STTTT-TTBCBC"
    assert package.sender.organ_id == "000.00.00.H41"
    assert package.due_date == "2020-07-30"
    assert package.signature == "none"
    assert package.warnings == []


def test_zipped_attachments_come_back_unzipped():
    pdf = b"%PDF-1.4 zipped"
    package = package_for(
        full_record(), sender=SENDER, attachments=[Attachment("a.pdf", pdf, "application/pdf")]
    )
    data = write_package(package, zip_attachments=True)
    assert b"application/zip" in data
    back = read_package(data)
    assert [(a.name, a.data, a.content_type) for a in back.attachments] == [
        ("a.pdf", pdf, "application/pdf")
    ]


@pytest.mark.parametrize("include_record", [True, False])
def test_every_gold_record_round_trips(include_record):
    records = seed_records()
    assert records
    for name, record in records:
        data = write_package(package_for(record, sender=SENDER, include_record=include_record))
        back = read_package(data).record
        if include_record:
            assert back == record, name
        else:  # the header alone carries every field but references and tasks
            expected = record.to_json() | {"references": [], "tasks": []}
            assert back.to_json() == expected, name


def test_header_fields_are_where_qcvn_102_puts_them():
    data = write_package(package_for(full_record(), sender=SENDER, include_record=False))
    text = data.decode("utf-8")
    for fragment in (
        'xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"',
        "<edXML:CodeNumber>498</edXML:CodeNumber>",
        "<edXML:CodeNotation>STTTT-TTBCBC</edXML:CodeNotation>",
        "<edXML:PromulgationDate>2020/07/05</edXML:PromulgationDate>",
        "<edXML:Subject>V/v tuyên truyền phòng, chống dịch bệnh</edXML:Subject>",
        "<edXML:Competence>KT. GIÁM ĐỐC</edXML:Competence>",
        "<edXML:Priority>2</edXML:Priority>",
        "<edXML:OrganizationInCharge>UBND TỈNH KIÊN GIANG</edXML:OrganizationInCharge>",
        "<edXML:Place>Lưu: VT, TTBCBC</edXML:Place>",
        "<edXML:BussinessDocType>0</edXML:BussinessDocType>",
        "<edXML:DueDate>2020/07/30</edXML:DueDate>",
    ):
        assert fragment in text, fragment


def test_response_for_and_recipients_with_organ_ids():
    ids = {"Báo Kiên Giang": "000.00.12.H33"}
    package = package_for(
        full_record(),
        sender=SENDER,
        organ_id_for=ids.get,
        response_for=[ResponseFor("000.00.00.G22", "7816/VPCP-TTĐT", "2018-09-28", "x,y,z")],
    )
    back = read_package(write_package(package))
    assert [r.organ_id for r in back.receivers] == ["000.00.12.H33", ""]
    assert back.response_for == [
        ResponseFor("000.00.00.G22", "7816/VPCP-TTĐT", "2018-09-28", "x,y,z")
    ]


# --- status packages -------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(edxml.STATUS_CODES))
def test_status_round_trip(code):
    status = Status(
        sender=SENDER,
        response_for=ResponseFor(
            "000.00.00.G22", "7816/VPCP-TTĐT", "2018-09-28", "000.00.00.G22,2018/09/28,7816/VPCP"
        ),
        code=code,
        description="Văn thư: " + edxml.STATUS_CODES[code],
        timestamp="2018/09/28 17:25:11",
        staff=edxml.Staff("Văn thư", "Nguyễn Thị Ngọc Trâm", "vt@gov.vn", "0912"),
    )
    data = write_status(status)
    assert read(data) == status
    assert read_status(data).label == edxml.STATUS_CODES[code]


def test_status_code_must_be_known():
    with pytest.raises(EdxmlError, match="mã trạng thái"):
        write_status(Status(SENDER, ResponseFor(), "99"))


def test_a_status_is_not_a_document_and_back():
    status = write_status(Status(SENDER, ResponseFor(document_id="a"), "01"))
    with pytest.raises(EdxmlError, match="trạng thái"):
        read_package(status)
    document = write_package(package_for(full_record(), sender=SENDER))
    with pytest.raises(EdxmlError, match="văn bản"):
        read_status(document)


# --- the real packages of shared/reference/edxml-samples --------------------------------------


def sample(name: str) -> bytes:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} is not present in this checkout")
    return path.read_bytes()


def all_samples() -> list[Path]:
    return sorted(SAMPLES.glob("*.edxml")) if SAMPLES.exists() else []


@pytest.mark.skipif(not SAMPLES.exists(), reason="shared/reference/edxml-samples is absent")
@pytest.mark.parametrize("path", all_samples(), ids=lambda p: p.name)
def test_every_sample_is_read_or_refused_clearly(path):
    data = path.read_bytes()
    if path.name == "sample_05.edxml":  # not well-formed on purpose
        with pytest.raises(EdxmlError) as caught:
            read(data, name=path.name)
        message = str(caught.value)
        assert "không đúng cú pháp XML" in message and "dòng 74" in message
        assert isinstance(caught.value, UnreadableFile)
        return
    result = read(data, name=path.name)
    if isinstance(result, Status):
        assert result.code in edxml.STATUS_CODES
        assert result.response_for.document_id == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
        assert result.sender.organ_id
        assert result.timestamp
    else:
        assert result.sender.organ_id
        assert result.record.issuer.name
        assert result.record.number and result.record.notation
        assert result.document_id


def test_sample_02_fields_mapped():
    package = read_package(sample("sample_02.edxml"))
    record = package.record
    assert record.kind == "Công văn"
    assert record.issuer.name == "Văn phòng Chính phủ"
    assert record.issuer.parent is None  # OrganizationInCharge repeats the name
    assert (record.number, record.notation) == ("7816", "VPCP-TTĐT")
    assert (record.place, record.date) == ("Hà Nội", "2018-09-28")
    assert record.subject == "kết nối, liên thông phần mềm quản lý văn bản"
    assert record.recipients == [
        "UBND Tỉnh Nghệ An",
        "UBND Tỉnh Cao Bằng",
        "Sở Thông tin truyền thông Hải Phòng",
    ]
    assert [r.organ_id for r in package.receivers] == [
        "000.00.00.H41",
        "000.00.00.H14",
        "000.00.00.G17",
    ]
    assert record.distribution == ["Cac bo va co quan ngang bo", "Uy ban nhan dan cac tinh, TP"]
    assert record.signer == Signer(
        "TL", "BO TRUONG", "Cuc truong cuc ung dung cong nghe thong tin", "Nguyen Thanh Phuc"
    )
    assert record.urgency is None
    assert package.document_id == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
    assert package.due_date == "2018-09-28"
    assert package.steering_type == "1"
    assert package.appendixes == ["Công văn về việc kết nối, liên thông phần mềm quản lý văn bản"]
    assert package.business.doc_type == 2
    assert package.business.staff.name == "Nguyễn Thị Ngọc Trâm"
    assert package.traces[0].organ_id == "000.00.00.G22"
    assert package.signature == "present"
    # The SDK zips each file: the original name stays, the bytes are the zip's single entry.
    [attachment] = package.attachments
    assert attachment.name == "1896_QD-TTg_m_294779.doc"
    assert not attachment.data.startswith(b"PK")
    assert attachment.content_type == "application/msword"


def test_sample_03_recall_and_04_replacement():
    recall = read_package(sample("sample_03.edxml"))
    assert recall.business.doc_type == 1
    assert recall.response_for[0].code == "267/VPCP-TTĐT"
    assert recall.response_for[0].document_id == "000.00.04.G14,2012/08/06,267/VPCP-TTĐT"
    replacement = read_package(sample("sample_04.edxml"))
    assert replacement.business.doc_type == 3
    assert len(replacement.business.replaces) == 2


def test_sample_17_day_first_date_and_empty_signer():
    package = read_package(sample("sample_17.edxml"))
    assert package.record.date == "2020-10-30"
    assert package.record.signer == Signer()
    assert package.due_date is None


def test_sample_23_minimal_and_25_template_are_tolerated():
    minimal = read_package(sample("sample_23.edxml"))
    assert minimal.signature == "none"
    assert minimal.record.subject == "Test Subject"
    assert minimal.traces == []
    assert [a.name for a in minimal.attachments] == ["test.txt"]  # a truncated zip: kept as is
    assert minimal.warnings
    template = read_package(sample("sample_25.edxml"))
    assert template.signature == "empty"
    assert template.attachments == []  # "File đính kèm dạng base64" is no base64
    assert any("base64" in w for w in template.warnings)
    assert template.record.date == "2020-06-02"


def test_status_samples_codes():
    codes = {
        f"sample_{n:02d}.edxml": code
        for n, code in [
            (6, "01"),
            (7, "01"),
            (8, "02"),
            (9, "03"),
            (10, "04"),
            (11, "05"),
            (12, "06"),
            (13, "13"),
            (14, "15"),
            (15, "16"),
        ]
    }
    for name, code in codes.items():
        status = read_status(sample(name))
        assert status.code == code, name
    recall = read_status(sample("sample_13.edxml"))
    assert recall.sender.organ_id == "000.00.00.G22"
    assert recall.response_for.organ_id == "000.00.00.H41"


# --- tolerance -------------------------------------------------------------------------------


def test_element_order_prefixes_and_xlink_references_do_not_matter():
    payload = base64.b64encode(b"hello").decode()
    data = f"""<?xml version="1.0" encoding="utf-8"?>
<edXML xmlns="{edxml.NS}" xmlns:xlink="http://www.w3.org/1999/xlink">
  <Boundary>x</Boundary>
  <edXMLEnvelope><edXMLHeader><MessageHeader>
    <Subject>V/v: thử</Subject>
    <Code><CodeNotation>UBND-VP</CodeNotation><CodeNumber>12</CodeNumber></Code>
    <PromulgationInfo><PromulgationDate>2021-03-04</PromulgationDate></PromulgationInfo>
    <From><OrganName>UBND TỈNH</OrganName><OrganId>000.00.00.H30</OrganId></From>
    <DocumentId>000.00.00.H30,2021/03/04,12/UBND-VP</DocumentId>
    <OtherInfo><Priority>3</Priority></OtherInfo>
  </MessageHeader>
  <TraceHeaderList><Bussiness><BussinessDocType>0</BussinessDocType></Bussiness>
  <TraceHeader><OrganId>000.00.00.H30</OrganId></TraceHeader></TraceHeaderList>
  </edXMLHeader>
  <edXMLBody><edXMLManifest><Reference xlink:href="cid:abc">
    <AttachmentName>ghi chú.txt</AttachmentName></Reference></edXMLManifest></edXMLBody>
  </edXMLEnvelope>
  <AttachmentEncoded><Attachment><ContentId>abc</ContentId>
    <ContentTransferEncoded>{payload}</ContentTransferEncoded></Attachment></AttachmentEncoded>
</edXML>""".encode()
    package = read_package(data)
    assert package.record.kind == "Công văn"
    assert package.record.subject == "thử"
    assert (package.record.number, package.record.notation) == ("12", "UBND-VP")
    assert package.record.date == "2021-03-04"
    assert package.record.urgency == "Hỏa tốc"
    assert [(a.name, a.data) for a in package.attachments] == [("ghi chú.txt", b"hello")]


def test_dates():
    assert edxml._iso_date("2014/02/30") is None  # an impossible date seen in the SDK samples
    assert edxml._iso_date("30/10/2020") == "2020-10-30"
    assert edxml._iso_date("2018/09/28 17:25:11") == "2018-09-28"
    assert edxml._iso_date("2020/07") == "2020-07"
    assert edxml.is_organ_id("000.00.00.H41")
    assert not edxml.is_organ_id("vxp.saas.03")


# --- hostile packages ------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader>
<MessageHeader><Subject>&lol9;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader>
<MessageHeader><Subject>&xxe;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>"""


def package_with(name: str, data: bytes, content_type: str = "application/pdf") -> bytes:
    return write_package(
        package_for(
            full_record(),
            sender=SENDER,
            attachments=[Attachment("ok.pdf", b"%PDF-1.4", "application/pdf")],
            include_record=False,
        )
    ).replace(
        b"</AttachmentEncoded>",
        (
            f"<Attachment><ContentId>cid:9</ContentId><AttachmentName>{name}</AttachmentName>"
            f"<ContentType>{content_type}</ContentType><ContentTransferEncoded>"
            f"{base64.b64encode(data).decode()}</ContentTransferEncoded></Attachment>"
            "</AttachmentEncoded>"
        ).encode(),
    )


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "xxe"])
def test_entities_are_refused(data):
    with pytest.raises(UnsafePackage, match="DOCTYPE/ENTITY"):
        read(data, name="x.edxml")


def test_entities_in_utf16_are_refused_too():
    with pytest.raises(UnsafePackage, match="DOCTYPE/ENTITY"):
        read(
            EXTERNAL_ENTITY.replace(b'"1.0"?>', b'"1.0" encoding="UTF-16"?>')
            .decode()
            .encode("utf-16")
        )


def test_parameter_entity_without_entity_keyword_is_refused():
    data = b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://127.0.0.1:1/x.dtd"><edXML/>'
    with pytest.raises(UnsafePackage):
        read(data)


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "..\\..\\Windows\\win.ini", "/etc/cron.d/x", "C:\\boot.ini", "a/../../b"],
)
def test_path_traversal_in_attachment_names_is_refused(name):
    with pytest.raises(UnsafePackage, match="tên tệp đính kèm không an toàn"):
        read_package(package_with(name, b"%PDF-1.4"))


def test_path_traversal_is_refused_when_writing():
    package = package_for(full_record(), sender=SENDER, attachments=[Attachment("../x.pdf", b"x")])
    with pytest.raises(UnsafePackage):
        write_package(package)


def test_slash_inside_a_name_is_not_traversal():
    data = package_with("CV 12/UBND-VP.pdf", b"%PDF-1.4")
    names = [a.name for a in read_package(data).attachments]
    assert names == ["ok.pdf", "CV 12/UBND-VP.pdf"]
    assert edxml.safe_filename(names[1]) == "CV 12_UBND-VP.pdf"


def zip_declaring(size: int) -> bytes:
    """A zip of one small entry whose directory says it unpacks to ``size`` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.pdf", b"%PDF-1.4" * 10)
    data = bytearray(buffer.getvalue())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", size)
    local = data.find(b"PK\x03\x04")
    data[local + 22 : local + 26] = struct.pack("<I", size)
    return bytes(data)


def test_a_declared_2gb_attachment_is_refused():
    data = package_with("big.pdf", zip_declaring(2 * 1024**3 - 1), "application/zip")
    with pytest.raises(UnsafePackage, match="giải nén"):
        read_package(data)


def test_an_attachment_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(edxml, "MAX_ATTACHMENT_BYTES", 1000)
    with pytest.raises(UnsafePackage, match="quá lớn"):
        read_package(package_with("big.pdf", b"x" * 5000))


def test_a_package_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(edxml, "MAX_PACKAGE_BYTES", 1000)
    with pytest.raises(UnsafePackage, match="gói tin quá lớn"):
        read(b"<edXML>" + b" " * 2000 + b"</edXML>")


def test_a_zip_bomb_that_lies_about_its_size_is_stopped(monkeypatch):
    monkeypatch.setattr(edxml, "MAX_ATTACHMENT_BYTES", 10_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.pdf", b"\0" * 100_000)
    bomb = bytearray(buffer.getvalue())
    central = bomb.rfind(b"PK\x01\x02")
    bomb[central + 24 : central + 28] = struct.pack("<I", 10)  # claims 10 bytes
    package = read_package(package_with("a.pdf", bytes(bomb), "application/zip"))
    # never unpacked past what it declares: kept as received, with a warning
    assert package.attachments[-1].data == bytes(bomb)
    assert package.warnings


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "rỗng"),
        (b"not xml at all", "cú pháp XML"),
        (b"<html><body/></html>", "không phải gói tin edXML"),
        (b'<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>', "MessageHeader"),
    ],
)
def test_bad_packages_have_clear_messages(data, message):
    with pytest.raises(EdxmlError, match=message):
        read(data, name="x.edxml")


def test_a_zipped_attachment_whose_member_has_no_name_is_kept_as_received():
    # found by make fuzz: zipfile's is_dir() fails on a member without a name
    import io
    import zipfile

    from congvan.document import edxml

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(""), b"noi dung")
    data = buffer.getvalue()
    kept, _ = edxml._unzip_one(data, "a.zip", "application/zip", "goi.edxml", [])
    assert kept == data
