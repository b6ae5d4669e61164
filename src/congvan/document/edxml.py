"""edXML packages (QCVN 102:2016/BTTTT): the national document exchange format.

A *document package* carries a dispatch: ``edXML › edXMLEnvelope › edXMLHeader`` holds the
``MessageHeader`` (From, To…, DocumentId, Code, PromulgationInfo, DocumentType, Subject, Content,
SignerInfo, DueDate, OtherInfo, ResponseFor, SteeringType, ToPlaces), the ``TraceHeaderList``
(TraceHeader per hop, Bussiness: new/recall/update/replace) and an optional signature;
``edXMLBody › edXMLManifest`` lists the attachments, whose bytes follow base64-encoded in the
root's ``AttachmentEncoded``. A *status package* answers one: ``ResponseFor``, ``StatusCode``
(01 đã đến … 06 hoàn thành, 13/15/16 for recalls), ``Description``, ``Timestamp``.

- ``write_package(package) -> bytes`` and ``read_package(data) -> Package``; ``package_for(record,
  sender=…, attachments=…)`` builds a :class:`Package` from a dispatch record.
- ``write_status(status) -> bytes`` and ``read_status(data) -> Status``; ``read(data)`` returns
  whichever of the two the bytes are.

Record ↔ header: issuer → From (OrganName, OrganizationInCharge = parent), recipients → To
(OrganName each), number/notation → Code, place/date → PromulgationInfo, kind → DocumentType/
TypeName, subject → Subject (``V/v`` added for a công văn, removed on reading), signer →
SignerInfo (``KT. GIÁM ĐỐC`` / title / name), urgency → OtherInfo/Priority, distribution →
ToPlaces. References and tasks have no header field: congvan adds the whole record as one
attachment, ``congvan.document.json``, which a congvan reader takes back (header fields win where
both say something) and other systems show as an ordinary file.

Reading is tolerant of what real packages do (``shared/reference/edxml-samples/SOURCES.md``):
elements are matched by local name in any order and either namespace, ``cid:`` prefixes are
optional, attachments zipped by the exchange SDK are unpacked, dates in ``dd/MM/yyyy`` are
accepted, a missing signature is fine (a present one is kept but not verified). It is strict
about safety: no DTD or entity is accepted (billion laughs, external entities), no network, a
size cap on the package, each attachment and the unpacked size of zipped ones, and attachment
names that climb out of a folder are refused. Every refusal is an :class:`EdxmlError` (an
``UnreadableFile``) with a Vietnamese message, raised before anything is returned.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import json
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from congvan.document.errors import ZIP_ERRORS, UnreadableFile
from congvan.document.model import Document

__all__ = [
    "BUSINESS_TYPES",
    "MAX_ATTACHMENT_BYTES",
    "MAX_PACKAGE_BYTES",
    "NS",
    "PRIORITIES",
    "RECORD_ATTACHMENT",
    "STATUS_CODES",
    "Attachment",
    "Business",
    "EdxmlError",
    "Organ",
    "Package",
    "ResponseFor",
    "Staff",
    "Status",
    "UnsafePackage",
    "document_id",
    "is_organ_id",
    "package_for",
    "read",
    "read_package",
    "read_status",
    "write_package",
    "write_status",
]

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
XMLDSIG = "http://www.w3.org/2000/09/xmldsig#"

#: Largest package read, in bytes.
MAX_PACKAGE_BYTES = 100 * 1024 * 1024
#: Largest single attachment (decoded, and unpacked where the SDK zipped it).
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
#: Largest total of all attachments of one package.
MAX_TOTAL_ATTACHMENT_BYTES = 100 * 1024 * 1024
MAX_ATTACHMENTS = 200

#: The name of the attachment that carries the whole congvan record.
RECORD_ATTACHMENT = "congvan.document.json"

STATUS_CODES: dict[str, str] = {
    "01": "Đã đến",
    "02": "Từ chối tiếp nhận",
    "03": "Đã tiếp nhận (vào sổ)",
    "04": "Phân công xử lý",
    "05": "Đang xử lý",
    "06": "Hoàn thành",
    "13": "Yêu cầu lấy lại",
    "15": "Đồng ý lấy lại",
    "16": "Từ chối lấy lại",
}
#: Bussiness/BussinessDocType.
BUSINESS_TYPES: dict[int, str] = {
    0: "Văn bản điện tử mới",
    1: "Thu hồi văn bản điện tử",
    2: "Cập nhật văn bản điện tử",
    3: "Thay thế văn bản điện tử",
}
#: OtherInfo/Priority → urgency (4, hỏa tốc hẹn giờ, is read as Hỏa tốc).
PRIORITIES: dict[int, str | None] = {
    0: None,
    1: "Khẩn",
    2: "Thượng khẩn",
    3: "Hỏa tốc",
    4: "Hỏa tốc",
}
_URGENCY_PRIORITY = {"khẩn": 1, "thượng khẩn": 2, "hỏa tốc": 3, "hoả tốc": 3}

#: Kinds that are legal documents (DocumentType/Type 1); every other kind is 2 (hành chính).
_LEGAL_KINDS = {
    "luật",
    "pháp lệnh",
    "nghị định",
    "thông tư",
    "thông tư liên tịch",
    "nghị quyết liên tịch",
}
_ORGAN_ID = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
_SIGNING_FORM = re.compile(r"^\s*(KT|TM|TL|TUQ|Q)\s*[.,:]?\s*(.*)$", re.IGNORECASE)
_VV = re.compile(r"^\s*V/v\s*:?\s*", re.IGNORECASE)


class EdxmlError(UnreadableFile):
    """An edXML package that cannot be read (not XML, not edXML, damaged)."""


class UnsafePackage(EdxmlError):
    """A package refused for safety: entities, DTD, sizes, names leaving their folder."""


# ---------------------------------------------------------------------------------------------
# Records


@dataclass
class Organ:
    """An organisation of the exchange: mã định danh (``000.00.00.H41``) and contact data."""

    organ_id: str = ""
    name: str | None = None
    in_charge: str | None = None  # OrganizationInCharge: the governing body
    address: str | None = None
    email: str | None = None
    telephone: str | None = None
    fax: str | None = None
    website: str | None = None


@dataclass
class Staff:
    department: str | None = None
    name: str | None = None
    email: str | None = None
    mobile: str | None = None


@dataclass
class ResponseFor:
    """The document a package or status answers: its sender, ``số/ký hiệu``, date and id."""

    organ_id: str | None = None
    code: str | None = None
    promulgation_date: str | None = None  # ISO
    document_id: str | None = None


@dataclass
class Business:
    """TraceHeaderList/Bussiness: what the package does to the document."""

    doc_type: int = 0  # 0 new, 1 recall, 2 update, 3 replace
    reason: str | None = None
    document_id: str | None = None
    paper: str | None = None
    staff: Staff | None = None
    replaces: list[str] = field(default_factory=list)  # ReplacementInfo/DocumentId


@dataclass
class Trace:
    organ_id: str | None = None
    timestamp: str | None = None  # as written, ``yyyy/MM/dd HH:mm:ss``


@dataclass
class Attachment:
    name: str
    data: bytes
    content_type: str = "application/octet-stream"
    description: str | None = None
    content_id: str | None = None  # without ``cid:``


@dataclass
class Package:
    """A document package: the record, the exchange data around it and the attachments."""

    record: Document
    sender: Organ
    receivers: list[Organ] = field(default_factory=list)
    document_id: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    content: str | None = None
    due_date: str | None = None  # ISO
    steering_type: str | None = None
    type_code: str | None = None  # DocumentType/Type
    sphere: str | None = None  # SphereOfPromulgation
    typer_notation: str | None = None
    promulgation_amount: str | None = None
    page_amount: str | None = None
    appendixes: list[str] = field(default_factory=list)
    response_for: list[ResponseFor] = field(default_factory=list)
    business: Business = field(default_factory=Business)
    traces: list[Trace] = field(default_factory=list)
    signature: str = "none"  # none | empty | present (never verified here)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Status:
    """A status package: ``code`` (``01`` … ``16``) about the document of ``response_for``."""

    sender: Organ
    response_for: ResponseFor
    code: str
    description: str | None = None
    timestamp: str | None = None  # as written, ``yyyy/MM/dd HH:mm:ss``
    staff: Staff | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return STATUS_CODES.get(self.code, f"mã trạng thái {self.code} (không rõ)")


def is_organ_id(value: str | None) -> bool:
    """Whether ``value`` has the mã định danh form ``DDD.DD.DD.Xdd`` (``000.00.00.H41``)."""
    return bool(value and _ORGAN_ID.match(value.strip()))


def document_id(organ_id: str, date: str | None, number: str | None, notation: str | None) -> str:
    """``<OrganId>,<yyyy/MM/dd>,<số>/<ký hiệu>`` (QCVN 102, 1.14)."""
    code = f"{number}/{notation}" if number and notation else (number or notation or "")
    return f"{organ_id},{_edxml_date(date) or ''},{code}"


# ---------------------------------------------------------------------------------------------
# Writing


def package_for(
    record: Document,
    *,
    sender: Organ,
    receivers: Sequence[Organ] | None = None,
    attachments: Iterable[Attachment] = (),
    organ_id_for: Callable[[str], str | None] | None = None,
    include_record: bool = True,
    business: Business | None = None,
    **details: Any,
) -> Package:
    """A :class:`Package` for ``record`` sent by ``sender``.

    ``receivers`` default to the record's recipients (mã định danh from ``organ_id_for(name)``
    where it knows one); ``sender.name``/``in_charge`` default to the issuer. ``details`` set
    any other :class:`Package` field (``due_date``, ``response_for``, ``steering_type`` …).
    With ``include_record`` the record travels whole as ``congvan.document.json``.
    """
    sender = Organ(**{**sender.__dict__})
    sender.name = record.issuer.name or sender.name  # as the document writes it
    sender.in_charge = sender.in_charge or record.issuer.parent
    if receivers is None:
        receivers = [
            Organ(organ_id=(organ_id_for(name) if organ_id_for else None) or "", name=name)
            for name in record.recipients
        ]
    files = list(attachments)
    if include_record:
        files.append(
            Attachment(
                name=RECORD_ATTACHMENT,
                data=json.dumps(record.to_json(), ensure_ascii=False, indent=1).encode("utf-8"),
                content_type="application/json",
                description="Dữ liệu văn bản (congvan.document/1)",
            )
        )
    deadlines = sorted(t.deadline for t in record.tasks if t.deadline and len(t.deadline) == 10)
    package = Package(
        record=record,
        sender=sender,
        receivers=list(receivers),
        attachments=files,
        content=record.subject,
        due_date=deadlines[0] if deadlines else None,
        business=business or Business(doc_type=0, reason=BUSINESS_TYPES[0]),
    )
    for key, value in details.items():
        if not hasattr(package, key):
            raise TypeError(f"package_for: unknown field {key!r}")
        setattr(package, key, value)
    if package.document_id is None:
        package.document_id = document_id(
            sender.organ_id, record.date, record.number, record.notation
        )
    if package.business.document_id is None and package.business.doc_type in (0, 2):
        package.business.document_id = package.document_id
    return package


def _e(parent: Any, name: str, text: str | None = None) -> Any:
    element = etree.SubElement(parent, f"{{{NS}}}{name}")
    if text is not None:
        element.text = _xml_safe(str(text))
    return element


def _xml_safe(text: str) -> str:
    # Control characters other than tab/newline cannot be written in XML 1.0.
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)


def _organ(parent: Any, tag: str, organ: Organ) -> None:
    node = _e(parent, tag)
    _e(node, "OrganId", organ.organ_id or "")
    _e(node, "OrganizationInCharge", organ.in_charge or "")
    _e(node, "OrganName", organ.name or "")
    _e(node, "OrganAdd", organ.address or "")
    for name, value in (
        ("Email", organ.email),
        ("Telephone", organ.telephone),
        ("Fax", organ.fax),
        ("Website", organ.website),
    ):
        if value:
            _e(node, name, value)


def _staff(parent: Any, staff: Staff | None) -> None:
    if staff is None:
        return
    node = _e(parent, "StaffInfo")
    _e(node, "Department", staff.department or "")
    _e(node, "Staff", staff.name or "")
    _e(node, "Email", staff.email or "")
    _e(node, "Mobile", staff.mobile or "")


def _response_for(parent: Any, response: ResponseFor) -> None:
    node = _e(parent, "ResponseFor")
    _e(node, "OrganId", response.organ_id or "")
    _e(node, "Code", response.code or "")
    _e(node, "PromulgationDate", _edxml_date(response.promulgation_date) or "")
    _e(node, "DocumentId", response.document_id or "")


def _root() -> tuple[Any, Any]:
    root = etree.Element(f"{{{NS}}}edXML", nsmap={None: NS})
    envelope = etree.SubElement(root, f"{{{NS}}}edXMLEnvelope", nsmap={"edXML": NS})
    return root, envelope


def _serialise(root: Any) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _timestamp(moment: dt.datetime | None = None) -> str:
    return (moment or dt.datetime.now()).strftime("%Y/%m/%d %H:%M:%S")


def _competence(form: str | None, authority: str | None) -> str:
    if form and authority:
        return f"{form}. {authority}"
    if form:
        return f"{form}."
    return authority or ""


def write_package(
    package: Package, *, zip_attachments: bool = False, timestamp: dt.datetime | None = None
) -> bytes:
    """The bytes of an edXML document package (UTF-8, the SDK's element order and prefixes).

    With ``zip_attachments`` each attachment is zipped as the exchange SDK does (one entry,
    ``ContentType`` ``application/zip``); otherwise it is sent as it is.
    """
    record = package.record
    root, envelope = _root()
    header = _e(envelope, "edXMLHeader")
    message = _e(header, "MessageHeader")
    _organ(message, "From", package.sender)
    for receiver in package.receivers:
        _organ(message, "To", receiver)
    _e(message, "DocumentId", package.document_id or "")
    code = _e(message, "Code")
    _e(code, "CodeNumber", record.number or "")
    _e(code, "CodeNotation", record.notation or "")
    info = _e(message, "PromulgationInfo")
    _e(info, "Place", record.place or "")
    _e(info, "PromulgationDate", _edxml_date(record.date) or "")
    kind = _e(message, "DocumentType")
    type_code = package.type_code or (
        "1" if (record.kind or "").strip().lower() in _LEGAL_KINDS else "2"
    )
    _e(kind, "Type", type_code)
    _e(kind, "TypeDetail", "0")
    _e(kind, "TypeName", record.kind or "")
    subject = record.subject or ""
    if subject and (record.kind or "Công văn").lower() == "công văn":
        subject = f"V/v {subject}"
    _e(message, "Subject", subject)
    _e(message, "Content", package.content or record.subject or "")
    signer = _e(message, "SignerInfo")
    _e(signer, "Competence", _competence(record.signer.form, record.signer.authority))
    _e(signer, "Position", record.signer.title or "")
    _e(signer, "FullName", record.signer.name or "")
    _e(message, "DueDate", _edxml_date(package.due_date) or "")
    other = _e(message, "OtherInfo")
    urgency = (record.urgency or "").strip().lower()
    _e(other, "Priority", str(_URGENCY_PRIORITY.get(urgency, 0)))
    _e(other, "SphereOfPromulgation", package.sphere or "")
    _e(other, "TyperNotation", package.typer_notation or "")
    _e(other, "PromulgationAmount", package.promulgation_amount or "")
    _e(other, "PageAmount", package.page_amount or "")
    if package.appendixes:
        appendixes = _e(other, "Appendixes")
        for appendix in package.appendixes:
            _e(appendixes, "Appendix", appendix)
    for response in package.response_for:
        _response_for(message, response)
    _e(message, "SteeringType", package.steering_type or "1")
    places = _e(message, "ToPlaces")
    for place in record.distribution:
        _e(places, "Place", place)

    traces = _e(header, "TraceHeaderList")
    for trace in package.traces or [Trace(package.sender.organ_id, _timestamp(timestamp))]:
        node = _e(traces, "TraceHeader")
        _e(node, "OrganId", trace.organ_id or "")
        _e(node, "Timestamp", trace.timestamp or _timestamp(timestamp))
    business = package.business
    node = _e(traces, "Bussiness")
    if business.document_id:
        _e(node, "DocumentId", business.document_id)
    _e(node, "BussinessDocType", str(business.doc_type))
    _e(node, "BussinessDocReason", business.reason or BUSINESS_TYPES.get(business.doc_type, ""))
    _e(node, "Paper", business.paper or "0")
    if business.replaces:
        replacements = _e(node, "ReplacementInfoList")
        for replaced in business.replaces:
            item = _e(replacements, "ReplacementInfo")
            _e(item, "DocumentId", replaced)
            ids = _e(item, "OrganIdList")
            for receiver in package.receivers:
                if receiver.organ_id:
                    _e(ids, "OrganId", receiver.organ_id)
    _staff(node, business.staff)
    # No signature is made here: the sending system (or a signing service) adds its XMLDSig
    # <Signature> to the header; receivers accept packages without one.

    body = _e(envelope, "edXMLBody")
    manifest = _e(body, "edXMLManifest")
    manifest.set("version", "1.0")
    encoded = etree.SubElement(root, f"{{{NS}}}AttachmentEncoded")
    for index, attachment in enumerate(package.attachments, start=1):
        _check_name(attachment.name)
        content_id = f"cid:{attachment.content_id or index}"
        data, content_type = attachment.data, attachment.content_type
        if zip_attachments and attachment.name != RECORD_ATTACHMENT:
            data, content_type = _zip_one(attachment), "application/zip"
        reference = _e(manifest, "Reference")
        _e(reference, "ContentId", content_id)
        _e(reference, "ContentType", content_type)
        _e(reference, "Description", attachment.description or attachment.name)
        _e(reference, "AttachmentName", attachment.name)
        item = etree.SubElement(encoded, f"{{{NS}}}Attachment")
        for name, value in (
            ("ContentId", content_id),
            ("AttachmentName", attachment.name),
            ("Description", attachment.description or attachment.name),
            ("ContentType", content_type),
        ):
            etree.SubElement(item, f"{{{NS}}}{name}").text = _xml_safe(value)
        payload = etree.SubElement(item, f"{{{NS}}}ContentTransferEncoded")
        payload.text = base64.b64encode(data).decode("ascii")
    return _serialise(root)


def _zip_one(attachment: Attachment) -> bytes:
    buffer = io.BytesIO()
    suffix = attachment.name.rsplit(".", 1)[-1] if "." in attachment.name else "bin"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{attachment.content_id or 'attachment'}.{suffix}", attachment.data)
    return buffer.getvalue()


def write_status(status: Status) -> bytes:
    """The bytes of a status package (the SDK's layout: From, ResponseFor, StaffInfo,
    StatusCode, Description, Timestamp; no To, no trace, no body)."""
    if status.code not in STATUS_CODES:
        raise EdxmlError(f"mã trạng thái không hợp lệ: {status.code!r}")
    root, envelope = _root()
    header = _e(envelope, "edXMLHeader")
    message = _e(header, "MessageHeader")
    _organ(message, "From", status.sender)
    _response_for(message, status.response_for)
    _staff(message, status.staff)
    _e(message, "StatusCode", status.code)
    _e(message, "Description", status.description or STATUS_CODES[status.code])
    _e(message, "Timestamp", status.timestamp or _timestamp())
    return _serialise(root)


# ---------------------------------------------------------------------------------------------
# Reading: safety first


def _parse_xml(data: bytes, name: str | None) -> Any:
    if not isinstance(data, bytes | bytearray):
        raise TypeError("an edXML package is read from bytes")
    if len(data) > MAX_PACKAGE_BYTES:
        raise UnsafePackage(
            f"gói tin quá lớn ({_mb(len(data))}, giới hạn {_mb(MAX_PACKAGE_BYTES)})", path=name
        )
    if not data.strip():
        raise EdxmlError("gói tin rỗng", path=name)
    _refuse_dtd(bytes(data), name)
    options = dict(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(bytes(data), etree.XMLParser(huge_tree=False, **options))
    except etree.XMLSyntaxError as error:
        if "huge" not in str(error).lower():
            raise _syntax(error, name) from error
        # A text node over libxml2's 10 MB default: a large attachment. The package is under
        # the size cap and has no DTD, so read it again with that one limit lifted.
        try:
            root = etree.fromstring(bytes(data), etree.XMLParser(huge_tree=True, **options))
        except etree.XMLSyntaxError as again:
            raise _syntax(again, name) from again
        if _depth(root) > 256:
            raise UnsafePackage(
                "gói tin lồng quá sâu (trên 256 cấp): từ chối", path=name
            ) from error
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise UnsafePackage(_DTD_MESSAGE, path=name)
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise UnsafePackage(_DTD_MESSAGE, path=name)
    if etree.QName(root).localname != "edXML":
        raise EdxmlError(
            f"không phải gói tin edXML (phần tử gốc là <{etree.QName(root).localname}>)",
            path=name,
        )
    return root


_DTD_MESSAGE = (
    "gói tin có khai báo DOCTYPE/ENTITY (có thể là tấn công «billion laughs» hoặc thực thể "
    "ngoài đọc tệp, mạng): edXML không dùng DTD, từ chối gói tin"
)


def _refuse_dtd(data: bytes, name: str | None) -> None:
    text = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 1 and (data[0] == 0 or data[1] == 0)):
        for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding).encode("utf-8")
                break
            except UnicodeDecodeError:
                continue
    if re.search(rb"<!\s*(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise UnsafePackage(_DTD_MESSAGE, path=name)


def _syntax(error: etree.XMLSyntaxError, name: str | None) -> EdxmlError:
    line = getattr(error, "lineno", None)
    where = f" (dòng {line})" if line else ""
    detail = str(error.msg if hasattr(error, "msg") else error)
    return EdxmlError(f"gói tin edXML hỏng: không đúng cú pháp XML{where}: {detail}", path=name)


def _depth(root: Any) -> int:
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node if isinstance(child.tag, str))
    return deepest


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"


# Local-name helpers: real packages mix prefixes, default namespaces and even XMLDSig.


def _local(node: Any) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _child(node: Any | None, name: str) -> Any | None:
    if node is None:
        return None
    for child in node:
        if _local(child) == name:
            return child
    return None


def _children(node: Any | None, name: str) -> list[Any]:
    if node is None:
        return []
    return [child for child in node if _local(child) == name]


def _find(node: Any, name: str) -> Any | None:
    for child in node.iter():
        if _local(child) == name:
            return child
    return None


def _text(node: Any | None, *path: str) -> str | None:
    for name in path:
        node = _child(node, name)
    if node is None:
        return None
    value = re.sub(r"\s+", " ", unicodedata.normalize("NFC", node.text or "")).strip()
    return value or None


def _read_organ(node: Any | None) -> Organ:
    return Organ(
        organ_id=_text(node, "OrganId") or "",
        name=_text(node, "OrganName"),
        in_charge=_text(node, "OrganizationInCharge"),
        address=_text(node, "OrganAdd"),
        email=_text(node, "Email"),
        telephone=_text(node, "Telephone"),
        fax=_text(node, "Fax"),
        website=_text(node, "Website"),
    )


def _read_staff(node: Any | None) -> Staff | None:
    if node is None:
        return None
    return Staff(
        department=_text(node, "Department"),
        name=_text(node, "Staff"),
        email=_text(node, "Email"),
        mobile=_text(node, "Mobile"),
    )


def _read_response(node: Any) -> ResponseFor:
    return ResponseFor(
        organ_id=_text(node, "OrganId"),
        code=_text(node, "Code"),
        promulgation_date=_iso_date(_text(node, "PromulgationDate")),
        document_id=_text(node, "DocumentId"),
    )


def _header(root: Any, name: str | None) -> Any:
    message = _find(root, "MessageHeader")
    if message is None:
        raise EdxmlError("gói tin edXML thiếu phần MessageHeader", path=name)
    return message


def read(data: bytes, *, name: str | None = None) -> Package | Status:
    """A document package or a status package, whichever ``data`` is."""
    root = _parse_xml(data, name)
    message = _header(root, name)
    if _child(message, "StatusCode") is not None:
        return _status(message, name)
    return _package(root, message, name)


def read_package(data: bytes, *, name: str | None = None) -> Package:
    """The :class:`Package` in ``data``; a status package is an :class:`EdxmlError`."""
    result = read(data, name=name)
    if isinstance(result, Status):
        raise EdxmlError("đây là gói tin trạng thái, không phải gói tin văn bản", path=name)
    return result


def read_status(data: bytes, *, name: str | None = None) -> Status:
    result = read(data, name=name)
    if not isinstance(result, Status):
        raise EdxmlError("đây là gói tin văn bản, không phải gói tin trạng thái", path=name)
    return result


def _status(message: Any, name: str | None) -> Status:
    code = (_text(message, "StatusCode") or "").strip()
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    warnings = []
    if code not in STATUS_CODES:
        warnings.append(f"mã trạng thái {code!r} không có trong QCVN 102")
    response = _child(message, "ResponseFor")
    if response is None:
        raise EdxmlError("gói tin trạng thái thiếu ResponseFor (văn bản được trả lời)", path=name)
    return Status(
        sender=_read_organ(_child(message, "From")),
        response_for=_read_response(response),
        code=code,
        description=_text(message, "Description"),
        timestamp=_text(message, "Timestamp"),
        staff=_read_staff(_child(message, "StaffInfo")),
        warnings=warnings,
    )


def _package(root: Any, message: Any, name: str | None) -> Package:
    warnings: list[str] = []
    sender = _read_organ(_child(message, "From"))
    receivers = [_read_organ(node) for node in _children(message, "To")]
    code = _child(message, "Code")
    number = _text(code, "CodeNumber")
    notation = _text(code, "CodeNotation")
    the_id = _text(message, "DocumentId")
    if code is None and the_id:
        number, notation = _code_from_id(the_id)
    raw_date = _text(message, "PromulgationInfo", "PromulgationDate")
    date = _iso_date(raw_date)
    if raw_date and not date:
        warnings.append(f"ngày ban hành không đọc được: {raw_date!r}")
    kind = _text(message, "DocumentType", "TypeName")
    subject_text = _text(message, "Subject")
    subject = _VV.sub("", subject_text) if subject_text else None
    if kind is None and subject_text and _VV.match(subject_text):
        kind = "Công văn"
    form, authority = _read_competence(_text(message, "SignerInfo", "Competence"))
    priority = _int(_text(message, "OtherInfo", "Priority"))
    in_charge = sender.in_charge
    parent = None
    if in_charge and not is_organ_id(in_charge) and _key(in_charge) != _key(sender.name):
        parent = in_charge
    record = Document.from_json(
        {
            "kind": kind,
            "urgency": PRIORITIES.get(priority) if priority is not None else None,
            "issuer": {"name": sender.name, "parent": parent},
            "number": number,
            "notation": notation,
            "place": _text(message, "PromulgationInfo", "Place"),
            "date": date,
            "subject": subject or None,
            "recipients": [r.name for r in receivers if r.name],
            "distribution": [
                p for p in (_text(n) for n in _children(_child(message, "ToPlaces"), "Place")) if p
            ],
            "signer": {
                "form": form,
                "authority": authority,
                "title": _text(message, "SignerInfo", "Position"),
                "name": _text(message, "SignerInfo", "FullName"),
            },
        }
    )
    other = _child(message, "OtherInfo")
    package = Package(
        record=record,
        sender=sender,
        receivers=receivers,
        document_id=the_id,
        content=_text(message, "Content"),
        due_date=_iso_date(_text(message, "DueDate")),
        steering_type=_text(message, "SteeringType"),
        type_code=_text(message, "DocumentType", "Type"),
        sphere=_text(other, "SphereOfPromulgation"),
        typer_notation=_text(other, "TyperNotation"),
        promulgation_amount=_text(other, "PromulgationAmount"),
        page_amount=_text(other, "PageAmount"),
        appendixes=[
            a for a in (_text(n) for n in _children(_child(other, "Appendixes"), "Appendix")) if a
        ],
        response_for=[
            r
            for r in (_read_response(n) for n in _children(message, "ResponseFor"))
            if r.document_id or r.code
        ],
        warnings=warnings,
    )
    trace_list = _find(root, "TraceHeaderList")
    package.traces = [
        Trace(organ_id=_text(n, "OrganId"), timestamp=_text(n, "Timestamp"))
        for n in _children(trace_list, "TraceHeader")
    ]
    business = _child(trace_list, "Bussiness")
    if business is None:
        business = _child(trace_list, "Business")
    if business is not None:
        doc_type = _int(_text(business, "BussinessDocType"))
        package.business = Business(
            doc_type=doc_type if doc_type in BUSINESS_TYPES else 0,
            reason=_text(business, "BussinessDocReason"),
            document_id=_text(business, "DocumentId"),
            paper=_text(business, "Paper"),
            staff=_read_staff(_child(business, "StaffInfo")),
            replaces=[
                r
                for r in (
                    _text(n, "DocumentId")
                    for n in _children(_child(business, "ReplacementInfoList"), "ReplacementInfo")
                )
                if r
            ],
        )
        if doc_type is not None and doc_type not in BUSINESS_TYPES:
            warnings.append(f"BussinessDocType {doc_type} không rõ, coi là văn bản mới")
    package.signature = _signature(root)
    package.attachments = _attachments(root, name, warnings)
    _merge_record(package, warnings)
    return package


def _signature(root: Any) -> str:
    for tag in ("Signature", "DigitalSignature"):
        node = _find(root, tag)
        if node is not None:
            return "present" if len(node) or (node.text or "").strip() else "empty"
    return "none"


def _merge_record(package: Package, warnings: list[str]) -> None:
    """Take references and tasks (and fields the header left empty) from the congvan record
    attachment, then drop it from the attachments."""
    for attachment in list(package.attachments):
        if attachment.name != RECORD_ATTACHMENT:
            continue
        package.attachments.remove(attachment)
        try:
            carried = Document.from_json(json.loads(attachment.data.decode("utf-8")))
        except (ValueError, TypeError, AttributeError, RecursionError) as error:
            # RecursionError: JSON nested thousands deep, which json.loads does not bound
            reason = "lồng quá sâu" if isinstance(error, RecursionError) else error
            warnings.append(f"tệp {RECORD_ATTACHMENT} không đọc được ({reason}), bỏ qua")
            continue
        record = package.record
        record.references = carried.references
        record.tasks = carried.tasks
        for name in ("kind", "urgency", "number", "notation", "place", "date", "subject"):
            if getattr(record, name) is None:
                setattr(record, name, getattr(carried, name))
        # The header keeps names only; the record keeps them as the text wrote them.
        if carried.issuer.name and _key(carried.issuer.name) == _key(record.issuer.name):
            record.issuer.name = carried.issuer.name
        record.issuer.parent = record.issuer.parent or carried.issuer.parent
        if not record.recipients or [_key(r) for r in record.recipients] == [
            _key(r) for r in carried.recipients
        ]:
            record.recipients = carried.recipients
        if not record.distribution:
            record.distribution = carried.distribution
        for name in ("form", "authority", "title", "name"):
            if getattr(record.signer, name) is None:
                setattr(record.signer, name, getattr(carried.signer, name))


def _key(value: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value or "")).strip().casefold()


def _int(value: str | None) -> int | None:
    """The number a code field starts with; None for none, or for one too long to be a code
    (``int()`` refuses more than 4,300 digits: found by fuzz/fuzz.py)."""
    if value is None:
        return None
    match = re.match(r"\s*(\d{1,18})(?!\d)", value)
    return int(match.group(1)) if match else None


def _read_competence(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    match = _SIGNING_FORM.match(value)
    if match and (match.group(2) or value.strip().rstrip(".").upper() == match.group(1).upper()):
        return match.group(1).upper(), match.group(2).strip() or None
    return None, value.strip() or None


def _code_from_id(value: str) -> tuple[str | None, str | None]:
    parts = value.split(",", 2)
    if len(parts) == 3 and "/" in parts[2]:
        number, _, notation = parts[2].partition("/")
        return number.strip() or None, notation.strip() or None
    return None, None


def _edxml_date(iso: str | None) -> str | None:
    """ISO ``2020-07-05`` / ``2020-07`` / ``2020`` → ``2020/07/05`` / ``2020/07`` / ``2020``."""
    if not iso:
        return None
    return iso.replace("-", "/")


def _iso_date(value: str | None) -> str | None:
    """``yyyy/MM/dd`` (also ``yyyy-MM-dd``, ``dd/MM/yyyy``, a time after it, ``yyyy/MM``) → ISO;
    None where it is no date (impossible dates such as ``2014/02/30`` included)."""
    if not value:
        return None
    value = value.strip()
    match = re.match(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:\D|$)", value)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\D|$)", value)
        if match:
            day, month, year = (int(g) for g in match.groups())
        else:
            partial = re.match(r"^(\d{4})(?:[/.-](\d{1,2}))?$", value)
            if not partial:
                return None
            if partial.group(2):
                month = int(partial.group(2))
                return f"{partial.group(1)}-{month:02d}" if 1 <= month <= 12 else None
            return partial.group(1)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Attachments


_TRAVERSAL = re.compile(r"(^|[\\/])\.\.([\\/]|$)")


def _check_name(name: str, path: str | None = None) -> None:
    """Refuse an attachment name that could leave the folder it is saved in."""
    if (
        not name
        or "\x00" in name
        or _TRAVERSAL.search(name)
        or name.startswith(("/", "\\", "~"))
        or re.match(r"^[A-Za-z]:", name)
        or any(ord(c) < 32 for c in name)
        or name.strip() in (".", "..")
    ):
        raise UnsafePackage(
            f"tên tệp đính kèm không an toàn ({name!r}): có đường dẫn thư mục hoặc ký tự điều "
            "khiển (có thể là tấn công «path traversal»), từ chối gói tin",
            path=path,
        )


def safe_filename(name: str) -> str:
    """An attachment name as one file name: separators and reserved characters replaced."""
    cleaned = re.sub(r'[\\/:*?"<>|]', "_", unicodedata.normalize("NFC", name)).strip(" .")
    return cleaned[:200] or "tep-dinh-kem"


def _attachments(root: Any, name: str | None, warnings: list[str]) -> list[Attachment]:
    manifest: dict[str, tuple[str | None, str | None, str | None]] = {}
    manifest_node = _find(root, "edXMLManifest")
    for reference in _children(manifest_node, "Reference"):
        content_id = _text(reference, "ContentId")
        if not content_id:
            for attribute, value in reference.attrib.items():
                if etree.QName(attribute).localname == "href":
                    content_id = value
        if content_id:
            manifest[_cid(content_id)] = (
                _text(reference, "AttachmentName"),
                _text(reference, "ContentType"),
                _text(reference, "Description"),
            )
    found: list[Attachment] = []
    total = 0
    nodes = [n for n in root.iter() if _local(n) == "Attachment"]
    if len(nodes) > MAX_ATTACHMENTS:
        raise UnsafePackage(f"gói tin có quá nhiều tệp đính kèm ({len(nodes)})", path=name)
    for index, node in enumerate(nodes, start=1):
        payload = _child(node, "ContentTransferEncoded")
        if payload is None:
            continue
        content_id = _cid(_text(node, "ContentId") or "")
        listed = manifest.get(content_id, (None, None, None))
        file_name = _text(node, "AttachmentName") or listed[0] or f"tep-dinh-kem-{index}"
        _check_name(file_name, name)
        content_type = _text(node, "ContentType") or listed[1] or "application/octet-stream"
        description = _text(node, "Description") or listed[2]
        encoded = re.sub(rb"\s+", b"", (payload.text or "").encode("ascii", "replace"))
        declared = len(encoded) * 3 // 4
        if declared > MAX_ATTACHMENT_BYTES:
            raise UnsafePackage(
                f"tệp đính kèm {file_name!r} quá lớn ({_mb(declared)}, giới hạn "
                f"{_mb(MAX_ATTACHMENT_BYTES)}): từ chối gói tin",
                path=name,
            )
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            warnings.append(
                f"tệp đính kèm {file_name!r}: nội dung không phải base64 hợp lệ, bỏ qua"
            )
            continue
        if not data:
            warnings.append(f"tệp đính kèm {file_name!r} rỗng, bỏ qua")
            continue
        if data.startswith(b"PK\x03\x04") and not file_name.lower().endswith(_ZIP_NAMES):
            data, content_type = _unzip_one(data, file_name, content_type, name, warnings)
        total += len(data)
        if total > MAX_TOTAL_ATTACHMENT_BYTES:
            raise UnsafePackage(
                f"tổng dung lượng tệp đính kèm vượt giới hạn {_mb(MAX_TOTAL_ATTACHMENT_BYTES)}",
                path=name,
            )
        found.append(
            Attachment(
                name=file_name,
                data=data,
                content_type=content_type,
                description=description,
                content_id=content_id or None,
            )
        )
    return found


# Zip-based formats whose bytes are the file itself, not an SDK wrapper around it.
_ZIP_NAMES = (".zip", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".epub")


def _cid(value: str) -> str:
    value = value.strip().strip("<>")
    return value[4:] if value.lower().startswith("cid:") else value


def _unzip_one(
    data: bytes, file_name: str, content_type: str, name: str | None, warnings: list[str]
) -> tuple[bytes, str]:
    """The file inside an SDK-zipped attachment (one entry); the zip itself where it is not
    such a wrapper or cannot be opened."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        # (a member without a name is no file: ZipInfo.is_dir fails on it)
        members = [m for m in archive.infolist() if m.filename and not m.is_dir()]
    except ZIP_ERRORS:
        warnings.append(f"tệp đính kèm {file_name!r}: gói ZIP hỏng, giữ nguyên bytes nhận được")
        return data, content_type
    if len(members) != 1:
        return data, content_type  # a real zip file sent as such
    member = members[0]
    _check_name(member.filename, name)
    if member.file_size > MAX_ATTACHMENT_BYTES:
        raise UnsafePackage(
            f"tệp đính kèm {file_name!r} khai báo dung lượng giải nén "
            f"{_mb(member.file_size)}, vượt giới hạn {_mb(MAX_ATTACHMENT_BYTES)}: từ chối gói tin "
            "(có thể là «bom nén»)",
            path=name,
        )
    if member.flag_bits & 0x1:
        warnings.append(f"tệp đính kèm {file_name!r}: gói ZIP có mật khẩu, giữ nguyên")
        return data, content_type
    try:
        with archive.open(member) as handle:
            inner = handle.read(MAX_ATTACHMENT_BYTES + 1)
    except ZIP_ERRORS as error:  # zlib.error: damaged data (found by fuzz/fuzz.py)
        warnings.append(
            f"tệp đính kèm {file_name!r}: không giải nén được ({error}), giữ nguyên bytes"
        )
        return data, content_type
    if len(inner) == member.file_size and zlib.crc32(inner) != member.CRC:
        warnings.append(f"tệp đính kèm {file_name!r}: gói ZIP sai mã kiểm tra, giữ nguyên bytes")
        return data, content_type
    if len(inner) > MAX_ATTACHMENT_BYTES:
        raise UnsafePackage(
            f"tệp đính kèm {file_name!r} giải nén ra quá lớn (trên {_mb(MAX_ATTACHMENT_BYTES)}): "
            "từ chối gói tin (có thể là «bom nén»)",
            path=name,
        )
    import mimetypes

    guessed = mimetypes.guess_type(file_name)[0]
    if content_type.lower() in ("application/zip", "application/x-zip-compressed"):
        content_type = guessed or "application/octet-stream"
    return inner, content_type
