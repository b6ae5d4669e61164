"""Compose, sign, issue and revise: one function per action, for the pages, the API and tests.

- :func:`create` / :func:`update` keep a draft (``Dispatch.record``, without number and date).
- :func:`sign` (leader) approves a draft with no blocking problem for issue.
- :func:`issue` (clerk), in one transaction: the next number of the year from the outgoing
  register (:func:`congvan.registry.registers.assign_number`, held until commit), the date, the
  DOCX rendered and stored as a registry document (``store_document``: searchable, its
  references linked as citations), its line in the register, and a frozen :class:`Version`.
  A failure anywhere rolls back everything, the number included: no gap, no half issue.
- :func:`revise` opens the next version of an issued dispatch as a new draft.

Permissions are checked when a user is given (``by=``); ``by=None`` is the system itself.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from congvan.compose import roles
from congvan.compose.models import Dispatch, Version
from congvan.document.errors import DocumentError
from congvan.document.model import Document as Record
from congvan.document.model import Issuer, Reference, Signer, Task
from congvan.document.render import number_text, render_docx
from congvan.document.validate import Problem, validate
from congvan.document.vntext import nfc

ERROR = "error"
# Problems that a draft cannot have yet: the number and the date are given on issue.
GIVEN_ON_ISSUE = {"number", "date"}


class ComposeError(DocumentError):
    """An action that cannot be done now (message in Vietnamese)."""


class Frozen(ComposeError):
    """The dispatch is issued: its text no longer changes (make a new version)."""


class NotReady(ComposeError):
    """The draft breaks rules that must hold before signing or issue."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def _require(user, permission: str) -> None:
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


# ----------------------------------------------------------------------------- the record


# What XML 1.0, so a DOCX, cannot hold (the DOCX of such a draft was a 500): characters pasted
# from other programs that show as nothing; each becomes a space.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _printable(text: str) -> str:
    return _UNPRINTABLE.sub(" ", text)


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(nfc(_printable(str(text))).split())
    return text or None


def _item(text: str) -> str | None:
    """A list entry as stored: list marks and trailing punctuation removed (spec)."""
    text = _clean(text) or ""
    text = re.sub(r"^[-+•]\s*", "", text).rstrip(" ;.,")
    return text or None


def normalise(record: Record) -> Record:
    """A composed record as the spec stores one: NFC, single spaces, no ``V/v``, items numbered
    1, 2, … in order, empty rows dropped. Number and date are left as they are."""
    subject = _clean(record.subject)
    if subject:
        subject = re.sub(r"^(?:V/v|V/V|v/v)\s*:?\s*", "", subject) or None
    tasks = []
    for task in record.tasks:
        text = " ".join(nfc(_printable(task.text or "")).split())
        if not text:
            continue
        tasks.append(
            Task(
                label=str(len(tasks) + 1),
                text=text,
                addressee=_clean(task.addressee),
                deadline=_clean(task.deadline),
            )
        )
    references = [
        Reference(
            kind=_clean(r.kind),
            number=_clean(r.number),
            notation=_clean(r.notation),
            date=_clean(r.date),
            issuer=_clean(r.issuer),
        )
        for r in record.references
        if _clean(r.number) or _clean(r.notation)
    ]
    form = (_clean(record.signer.form) or "").rstrip(".") or None
    return Record(
        kind=_clean(record.kind) or "Công văn",
        urgency=_clean(record.urgency),
        issuer=Issuer(name=_clean(record.issuer.name), parent=_clean(record.issuer.parent)),
        number=_clean(record.number),
        notation=_clean(record.notation),
        place=_clean(record.place),
        date=_clean(record.date),
        subject=subject,
        recipients=[r for r in (_item(x) for x in record.recipients) if r],
        references=references,
        tasks=tasks,
        distribution=[d for d in (_item(x) for x in record.distribution) if d],
        signer=Signer(
            form=form,
            authority=_clean(record.signer.authority),
            title=_clean(record.signer.title),
            name=_clean(record.signer.name),
        ),
    )


def defaults(user=None) -> Record:
    """A new draft: the department's letterhead (``CONGVAN_ISSUER_NAME``,
    ``CONGVAN_ISSUER_PARENT``, ``CONGVAN_PLACE``; else those of the last dispatch composed) and
    the usual Nơi nhận."""
    last = Dispatch.objects.order_by("-id").first()
    before = last.to_record() if last else Record()
    return Record(
        kind="Công văn",
        issuer=Issuer(
            name=os.environ.get("CONGVAN_ISSUER_NAME") or before.issuer.name,
            parent=os.environ.get("CONGVAN_ISSUER_PARENT") or before.issuer.parent,
        ),
        place=os.environ.get("CONGVAN_PLACE") or before.place,
        notation=before.notation if before.kind == "Công văn" else None,
        distribution=["Như trên", "Lưu: VT"],
    )


def draft_record(record: Record) -> Record:
    """The working copy of a draft: no number, no date (given on issue)."""
    record = normalise(record)
    record.number = None
    record.date = None
    return record


def preview_record(dispatch: Dispatch, today: dt.date | None = None) -> Record:
    """What the page will print: the issued record, or the draft dated with the month of
    ``today`` and a blank day, as a draft on paper is (``ngày    tháng 7 năm 2025``)."""
    record = dispatch.to_record()
    if dispatch.status != Dispatch.ISSUED and not record.date:
        today = today or timezone.localdate()
        record.date = f"{today:%Y-%m}"
    return record


def problems(dispatch: Dispatch | Record) -> list[Problem]:
    """``validate(…, draft=True)`` of the working copy (of the issued record once issued), and
    the values too long for the register (:func:`too_long`)."""
    if isinstance(dispatch, Dispatch):
        issued = dispatch.status == Dispatch.ISSUED
        record = dispatch.to_record()
        return validate(record, draft=not issued) + too_long(record)
    return validate(dispatch, draft=True) + too_long(dispatch)


def too_long(record: Record) -> list[Problem]:
    """Values longer than their columns: the registry's, where the issue stores the document,
    and the tasks', where its items go once sent. PostgreSQL refuses them (SQLite keeps them;
    the issue was a 500 there), so they stop signing and issue like the errors of form."""
    from congvan.registry.models import Citation
    from congvan.registry.models import Document as Row
    from congvan.tracking.models import Task as Assigned

    def label(column: str) -> str:
        return str(Row._meta.get_field(column).verbose_name)

    values = [  # (model, column, field of the record, what it is, value)
        (Row, column, field, label(column), value)
        for column, field, value in (
            ("kind", "kind", record.kind),
            ("urgency", "urgency", record.urgency),
            ("issuer_name", "issuer.name", record.issuer.name),
            ("issuer_parent", "issuer.parent", record.issuer.parent),
            ("notation", "notation", record.notation),
            ("place", "place", record.place),
            ("signer_form", "signer.form", record.signer.form),
            ("signer_authority", "signer.authority", record.signer.authority),
            ("signer_title", "signer.title", record.signer.title),
            ("signer_name", "signer.name", record.signer.name),
        )
    ]
    cited = {"kind": "kind", "number": "number", "notation": "notation", "date": "date"}
    for i, ref in enumerate(record.references):
        for name, column in (*cited.items(), ("issuer", "issuer_name")):
            what = f"văn bản dẫn chiếu {i + 1}, {label(column)}"
            values.append((Citation, name, f"references[{i}].{name}", what, getattr(ref, name)))
    for i, task in enumerate(record.tasks):
        what = f"mục {task.label or i + 1}, đối tượng thực hiện"
        values.append((Assigned, "addressee", f"tasks[{i}].addressee", what, task.addressee))
    out = []
    for model, column, field, what, value in values:
        limit = model._meta.get_field(column).max_length
        if value and len(value) > limit:
            message = f"{what.capitalize()} dài {len(value)} ký tự; chỉ lưu được tối đa {limit}."
            out.append(Problem("too-long", field, message))
    return out


def blocking(found: list[Problem]) -> list[Problem]:
    """The errors that stop signing and issue (warnings do not)."""
    return [p for p in found if p.severity == ERROR]


def render(dispatch: Dispatch, *, pdf: bool = False) -> bytes:
    """The DOCX (or PDF) of the dispatch as it stands: the issued file once issued."""
    if dispatch.status == Dispatch.ISSUED:
        latest = dispatch.latest
        if latest is not None and not pdf:
            path = latest.document.file_path
            if path is not None and path.exists():
                return path.read_bytes()
    record = preview_record(dispatch)
    data = render_docx(
        record, opening=dispatch.opening_paragraphs, closing=dispatch.closing_paragraphs
    )
    if pdf:
        from congvan.document.render import docx_to_pdf

        return docx_to_pdf(data)
    return data


# ----------------------------------------------------------------------------- actions


def create(record: Record, *, by=None, opening: str = "", closing: str = "") -> Dispatch:
    _require(by, roles.COMPOSE)
    return Dispatch.objects.create(
        record=draft_record(record).to_json(),
        opening=_printable(opening or "").strip(),
        closing=_printable(closing or "").strip(),
        created_by=by,
        updated_by=by,
    )


def update(
    dispatch: Dispatch | int,
    record: Record,
    *,
    by=None,
    opening: str | None = None,
    closing: str | None = None,
    reason: str | None = None,
) -> Dispatch:
    """Save the draft. An approved draft that changes goes back to ``draft`` (to be approved
    again); an issued one raises :class:`Frozen`."""
    _require(by, roles.COMPOSE)
    pk = dispatch.pk if isinstance(dispatch, Dispatch) else dispatch
    with transaction.atomic():
        current = Dispatch.objects.select_for_update().get(pk=pk)
        if current.status == Dispatch.ISSUED:
            raise Frozen("Văn bản đã phát hành, không sửa trực tiếp được: hãy tạo phiên bản mới.")
        new = draft_record(record).to_json()
        opening = current.opening if opening is None else _printable(opening).strip()
        closing = current.closing if closing is None else _printable(closing).strip()
        changed = (new, opening, closing) != (current.record, current.opening, current.closing)
        current.record, current.opening, current.closing = new, opening, closing
        if reason is not None:
            current.reason = reason.strip()
        if changed and current.status == Dispatch.SIGNED:
            current.status, current.signed_by, current.signed_at = Dispatch.DRAFT, None, None
        current.updated_by = by
        current.save()
    return current


def sign(dispatch: Dispatch | int, *, by=None) -> Dispatch:
    """The leader approves the draft for issue (``Duyệt ký``)."""
    _require(by, roles.SIGN)
    pk = dispatch.pk if isinstance(dispatch, Dispatch) else dispatch
    with transaction.atomic():
        current = Dispatch.objects.select_for_update().get(pk=pk)
        if current.status == Dispatch.ISSUED:
            raise Frozen("Văn bản đã phát hành.")
        errors = blocking(problems(current))
        if errors:
            raise NotReady("Dự thảo còn lỗi thể thức, chưa duyệt ký được.", errors)
        current.status = Dispatch.SIGNED
        current.signed_by = by
        current.signed_at = timezone.now()
        current.save()
    return current


def unsign(dispatch: Dispatch | int, *, by=None) -> Dispatch:
    """Return an approved draft to the drafter (the leader withdraws the approval)."""
    _require(by, roles.SIGN)
    pk = dispatch.pk if isinstance(dispatch, Dispatch) else dispatch
    with transaction.atomic():
        current = Dispatch.objects.select_for_update().get(pk=pk)
        if current.status == Dispatch.SIGNED:
            current.status, current.signed_by, current.signed_at = Dispatch.DRAFT, None, None
            current.save()
    return current


def _file_name(record: Record, version: int) -> str:
    code = re.sub(r"[^\w.-]+", "-", record.code, flags=re.UNICODE).strip("-") or "van-ban"
    return f"{code}.docx" if version == 1 else f"{code}-phien-ban-{version}.docx"


def issue(dispatch: Dispatch | int, *, by=None, on: dt.date | None = None) -> Version:
    """Number, date, render, store and freeze an approved draft; returns the new version."""
    from congvan.document.extract import extract_bytes
    from congvan.registry.ingest import store_document
    from congvan.registry.registers import assign_number, enter, get_register

    _require(by, roles.ISSUE)
    on = on or timezone.localdate()
    pk = dispatch.pk if isinstance(dispatch, Dispatch) else dispatch
    register = get_register("outgoing")  # created outside the transaction when missing
    with transaction.atomic():
        current = Dispatch.objects.select_for_update().get(pk=pk)
        if current.status == Dispatch.ISSUED:
            raise Frozen("Văn bản đã được phát hành.")
        if current.status != Dispatch.SIGNED:
            raise NotReady("Văn bản chưa được lãnh đạo duyệt ký.")
        record = current.to_record()
        number = assign_number(register, on.year)
        record.number = number_text(str(number))
        record.date = on.isoformat()
        errors = blocking(validate(record) + too_long(record))
        if errors:  # rolls back: the number is not used
            raise NotReady("Văn bản còn lỗi thể thức, chưa phát hành được.", errors)
        opening, closing = current.opening_paragraphs, current.closing_paragraphs
        data = render_docx(record, opening=opening, closing=closing)
        name = _file_name(record, current.version)
        text = nfc(extract_bytes(data, name))
        document, _ = store_document(record, text=text, data=data, filename=name)
        enter(document, "outgoing", on, number=number)
        version = Version.objects.create(
            dispatch=current,
            version=current.version,
            record=record.to_json(),
            opening=current.opening,
            closing=current.closing,
            reason=current.reason,
            document=document,
            year=on.year,
            register_number=number,
            issued_on=on,
            drafted_by=current.updated_by or current.created_by,
            signed_by=current.signed_by,
            signed_at=current.signed_at,
            issued_by=by,
        )
        current.record = record.to_json()
        current.status = Dispatch.ISSUED
        current.save()
    return version


def revise(dispatch: Dispatch | int, *, by=None, reason: str = "") -> Dispatch:
    """A new draft from the issued text: the next version, to be signed and issued again (with
    its own number); the issued versions stay as they are."""
    _require(by, roles.COMPOSE)
    pk = dispatch.pk if isinstance(dispatch, Dispatch) else dispatch
    with transaction.atomic():
        current = Dispatch.objects.select_for_update().get(pk=pk)
        if current.status != Dispatch.ISSUED:
            raise ComposeError("Văn bản đang là dự thảo: sửa trực tiếp, không cần phiên bản mới.")
        current.record = draft_record(current.to_record()).to_json()
        current.status = Dispatch.DRAFT
        current.version += 1
        current.reason = (reason or "").strip()
        current.signed_by = current.signed_at = None
        current.updated_by = by
        current.save()
    return current


# ----------------------------------------------------------------------------- references


def find_references(query: str, limit: int = 20):
    """Registry documents whose number/notation matches ``query`` (``21/CT-TTg``, ``498``,
    ``STTTT``), newest first: the references an officer picks."""
    from congvan.registry.keys import code_key, parse_code
    from congvan.registry.models import Document

    query = " ".join((query or "").split())
    if not query:
        return []
    documents = Document.objects.exclude(number__isnull=True).exclude(number="")
    code = parse_code(query)
    if code is not None:
        key = code_key(*code)
        found = documents.filter(code_key__startswith=key)
    else:
        folded = code_key(None, query).lstrip("/")
        if not folded:
            return []
        if folded.isdigit():
            found = documents.filter(code_key__startswith=f"{folded}/")
        else:
            found = documents.filter(code_key__contains=folded)
    return list(found.order_by("-issued_on", "-id")[:limit])


def reference_of(document) -> Reference:
    """A registry document as a reference of the record."""
    return Reference(
        kind=document.kind,
        number=document.number,
        notation=document.notation,
        date=document.date,
        issuer=document.issuer_name,
    )
