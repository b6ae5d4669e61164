"""The rules of Decree 30/2020/NĐ-CP a dispatch record can break, each problem in Vietnamese.

``validate(doc)`` returns a list of ``Problem(code, field, message, severity)``: empty for a
record that is complete and well-formed. ``severity`` is ``"error"`` (the document is not in the
prescribed form) or ``"warning"`` (unusual, worth a look). Used on the compose page (pass
``draft=True`` for a record not yet issued: the number and the day are filled in at issue) and
on incoming documents (what the sender got wrong).

Facts (``shared/reference/standards.md`` §1): types and abbreviations (Điều 7, Phụ lục III),
số/ký hiệu (Điều 15, Phụ lục I §II.3: a leading 0 below 10; ``<TYPE>-<AGENCY>`` for a typed
document, ``<AGENCY>-<UNIT>`` for a công văn, the year for a legal document), dates in full,
``Kính gửi`` for a công văn, Nơi nhận ending in ``Lưu: VT, …``, signing forms (Điều 13) and the
three urgency levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date

from congvan.document import decree30
from congvan.document.model import Document
from congvan.document.vntext import canonical_tones, fold

__all__ = ["Problem", "validate"]

ERROR, WARNING = "error", "warning"

# Legal documents (VBQPPL) whose notation carries the year: `30/2020/NĐ-CP`, `12/2020/TT-BTC`.
LEGAL_WITH_YEAR = {
    "Hiến pháp",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Nghị định",
    "Thông tư",
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
    "Lệnh",
}
# Abbreviations a legal document's notation may start with (after the year).
LEGAL_ABBREVIATIONS = {
    "Luật": ("QH",),
    "Bộ luật": ("QH",),
    "Hiến pháp": ("QH",),
    "Pháp lệnh": ("UBTVQH",),
    "Nghị định": ("NĐ",),
    "Thông tư": ("TT",),
    "Thông tư liên tịch": ("TTLT",),
    "Nghị quyết liên tịch": ("NQLT",),
    "Lệnh": ("L",),
    "Quyết định": ("QĐ",),
    "Nghị quyết": ("NQ",),
}
# Type abbreviations that no agency uses as its own: a công văn whose notation starts with one
# was probably numbered as that type (``CV`` itself is an invention, Phụ lục III has none).
DISPATCH_LOOKALIKES = {"QĐ", "KH", "TB", "BC", "GM", "NQ", "HD", "CTr", "BB", "GGT", "GUQ"}
OLD_ABBREVIATIONS = {"GN": "BGN", "TTh": "BTT", "UQ": "GUQ", "NP": "GNP", "QD": "QĐ"}
KNOWN_KINDS = {*decree30.ADMINISTRATIVE_TYPES, *decree30.LEGAL_TYPES}
# Kinds addressed to named recipients by `Kính gửi` (Mẫu 1.5; a Tờ trình too).
NEEDS_RECIPIENTS = {"Công văn", "Tờ trình"}
ACADEMIC = re.compile(r"^(?:GS|PGS|TS|ThS|TSKH|BS|KS|CN|Th\.S)\.?\s", re.IGNORECASE)
_GROUP = re.compile(r"^[A-Za-zĐđ0-9&.()]+$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
FIRST_YEAR = 1945  # the Democratic Republic's first documents


@dataclass(frozen=True)
class Problem:
    code: str
    field: str
    message: str
    severity: str = ERROR

    def to_json(self) -> dict[str, str]:
        return {
            "code": self.code,
            "field": self.field,
            "message": self.message,
            "severity": self.severity,
        }


def _blank(value: str | None) -> bool:
    return value is None or not str(value).strip()


def _check_date(value: str, field: str, what: str, out: list[Problem]) -> tuple[int, ...] | None:
    """(year, month, day) of an ISO date or a prefix of one; a problem where it is not one."""
    m = _ISO.match(value.strip())
    if not m:
        out.append(
            Problem(
                "date-format",
                field,
                f"{what} «{value}» không đúng dạng năm-tháng-ngày (YYYY-MM-DD, YYYY-MM hoặc YYYY).",
            )
        )
        return None
    parts = tuple(int(p) for p in m.groups() if p is not None)
    year = parts[0]
    if year < FIRST_YEAR or year > 2999:
        out.append(Problem("date-impossible", field, f"{what}: năm {year} không hợp lệ."))
        return None
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        out.append(Problem("date-impossible", field, f"{what}: tháng {parts[1]} không tồn tại."))
        return None
    if len(parts) == 3:
        try:
            _date(*parts)
        except ValueError:
            out.append(
                Problem(
                    "date-impossible",
                    field,
                    f"{what}: ngày {parts[2]:02d}/{parts[1]:02d}/{year} không có trong lịch.",
                )
            )
            return None
    return parts


def _later(a: str, b: str) -> bool:
    """Whether ISO date ``a`` is surely after ``b``, compared at the precision both have."""
    size = min(len(a), len(b))
    return a[:size] > b[:size]


def _groups(notation: str) -> tuple[str | None, list[str]]:
    """(year, the ``-`` groups) of a notation: ``2020/NĐ-CP`` → (``2020``, [``NĐ``, ``CP``])."""
    year = None
    m = re.match(r"^(\d{4})/(.*)$", notation)
    if m:
        year, notation = m.group(1), m.group(2)
    return year, notation.split("-")


def _check_notation(doc: Document, kind: str, out: list[Problem]) -> None:
    notation = doc.notation
    if _blank(notation):
        out.append(Problem("notation-missing", "notation", "Thiếu ký hiệu văn bản (sau dấu «/»)."))
        return
    assert notation is not None
    if notation != notation.strip() or re.search(r"\s", notation):
        out.append(
            Problem(
                "notation-spaces",
                "notation",
                f"Ký hiệu «{notation}» có khoảng trắng: các nhóm chữ viết tắt nối bằng «-», "
                "không cách.",
            )
        )
    year, groups = _groups(notation.strip())
    if any(not g or not _GROUP.match(g) for g in groups):
        out.append(
            Problem(
                "notation-format",
                "notation",
                f"Ký hiệu «{notation}» không đúng dạng: các nhóm chữ viết tắt nối với nhau bằng "
                "dấu «-» (ví dụ KH-UBND, STTTT-TTBCBC).",
            )
        )
        return
    head = groups[0]
    if year is not None or kind in LEGAL_WITH_YEAR:
        _check_legal_notation(doc, kind, year, groups, out)
        return
    if kind == "Công văn":
        if head.upper() == "CV" or head in DISPATCH_LOOKALIKES:
            named = decree30.TYPE_BY_ABBREVIATION.get(head, "Công văn")
            out.append(
                Problem(
                    "notation-dispatch-type",
                    "notation",
                    f"Công văn không có chữ viết tắt tên loại; ký hiệu «{notation}» bắt đầu bằng "
                    f"«{head}» ({named.lower()}). Ký hiệu công văn là <cơ quan>-<đơn vị soạn "
                    "thảo>, ví dụ STTTT-TTBCBC.",
                    ERROR if head.upper() == "CV" else WARNING,
                )
            )
        elif len(groups) < 2:
            out.append(
                Problem(
                    "notation-dispatch-unit",
                    "notation",
                    f"Ký hiệu công văn «{notation}» thiếu chữ viết tắt đơn vị soạn thảo hoặc lĩnh "
                    "vực: <cơ quan>-<đơn vị>, ví dụ STTTT-TTBCBC.",
                    WARNING,
                )
            )
        return
    expected = decree30.ABBREVIATION_BY_TYPE.get(kind)
    if expected is None:
        return  # a kind without an abbreviation (thư công) or one Phụ lục III does not list
    if head in OLD_ABBREVIATIONS and OLD_ABBREVIATIONS[head] == expected:
        out.append(
            Problem(
                "notation-old-abbreviation",
                "notation",
                f"«{head}» là chữ viết tắt cũ (Thông tư 01/2011); theo Nghị định 30/2020 "
                f"{kind.lower()} viết tắt là «{expected}».",
                WARNING,
            )
        )
    elif head != expected:
        out.append(
            Problem(
                "notation-type",
                "notation",
                f"Ký hiệu của {kind.lower()} phải bắt đầu bằng chữ viết tắt tên loại «{expected}» "
                f"(<{expected}>-<cơ quan>), ký hiệu «{notation}» bắt đầu bằng «{head}».",
            )
        )
    if len(groups) < 2:
        out.append(
            Problem(
                "notation-agency",
                "notation",
                f"Ký hiệu «{notation}» thiếu chữ viết tắt tên cơ quan ban hành: "
                f"<{expected}>-<cơ quan>, ví dụ {expected}-UBND.",
            )
        )


def _check_legal_notation(
    doc: Document, kind: str, year: str | None, groups: list[str], out: list[Problem]
) -> None:
    notation = doc.notation
    if year is None:
        out.append(
            Problem(
                "notation-legal-year",
                "notation",
                f"Ký hiệu của {kind.lower()} (văn bản quy phạm pháp luật) phải có năm ban hành: "
                f"<số>/<năm>/<loại>-<cơ quan>, ví dụ 30/2020/NĐ-CP; đang là «{notation}».",
            )
        )
    elif doc.date and _ISO.match(doc.date) and doc.date[:4] != year:
        out.append(
            Problem(
                "notation-legal-year",
                "notation",
                f"Năm trong ký hiệu ({year}) khác năm ban hành ({doc.date[:4]}).",
            )
        )
    allowed = LEGAL_ABBREVIATIONS.get(kind)
    if allowed and groups[0] not in allowed:
        out.append(
            Problem(
                "notation-type",
                "notation",
                f"Ký hiệu của {kind.lower()} bắt đầu bằng «{'/'.join(allowed)}», "
                f"ký hiệu «{notation}» bắt đầu bằng «{groups[0]}».",
            )
        )


def _check_number(doc: Document, draft: bool, out: list[Problem]) -> None:
    number = doc.number
    if _blank(number):
        if not draft:
            out.append(
                Problem(
                    "number-missing",
                    "number",
                    "Văn bản chưa có số: số được cấp khi phát hành, theo thứ tự trong năm "
                    "(Điều 15).",
                )
            )
        return
    assert number is not None
    text = number.strip()
    if not text.isdigit():
        out.append(
            Problem(
                "number-format",
                "number",
                f"Số văn bản «{number}» phải là số Ả Rập (ví dụ 05, 498).",
            )
        )
    elif int(text) == 0:
        out.append(Problem("number-format", "number", "Số văn bản bắt đầu từ 01, không có số 0."))
    elif len(text) == 1:
        out.append(
            Problem(
                "number-leading-zero",
                "number",
                f"Số nhỏ hơn 10 phải ghi thêm số 0 phía trước: «0{text}», không phải «{text}».",
            )
        )
    elif text.startswith("0") and int(text) >= 10:
        out.append(
            Problem(
                "number-leading-zero",
                "number",
                f"Chỉ số nhỏ hơn 10 mới có số 0 phía trước: «{int(text)}», không phải «{text}».",
                WARNING,
            )
        )


def _check_signer(doc: Document, out: list[Problem]) -> None:
    signer = doc.signer
    form = (signer.form or "").strip()
    if _blank(signer.name):
        out.append(Problem("signer-name-missing", "signer.name", "Thiếu họ tên người ký."))
    elif ACADEMIC.match(signer.name.strip()):  # type: ignore[union-attr]
        out.append(
            Problem(
                "signer-academic-title",
                "signer.name",
                f"Trước họ tên người ký không ghi học hàm, học vị (Điều 13): «{signer.name}».",
                WARNING,
            )
        )
    if form:
        bare = form.rstrip(".").strip()
        if bare not in decree30.SIGNING_FORMS:
            out.append(
                Problem(
                    "signer-form",
                    "signer.form",
                    f"Hình thức ký «{form}» không có trong Nghị định 30: chỉ có TM., KT., TL., "
                    "TUQ., Q.",
                )
            )
        elif bare != form:
            out.append(
                Problem(
                    "signer-form-dot",
                    "signer.form",
                    f"Ghi hình thức ký không có dấu chấm trong bản ghi: «{bare}».",
                    WARNING,
                )
            )
        if _blank(signer.authority):
            out.append(
                Problem(
                    "signer-authority-missing",
                    "signer.authority",
                    f"Ký «{bare}.» phải ghi kèm tập thể hoặc chức vụ người đứng đầu "
                    f"(ví dụ «{bare}. GIÁM ĐỐC»).",
                )
            )
        if bare == "KT" and _blank(signer.title):
            out.append(
                Problem(
                    "signer-title-missing",
                    "signer.title",
                    "Ký thay (KT.) phải ghi chức vụ của cấp phó ký (ví dụ PHÓ GIÁM ĐỐC).",
                )
            )
        elif bare == "KT" and not fold(signer.title or "").startswith(("pho ", "thu ")):
            out.append(
                Problem(
                    "signer-deputy",
                    "signer.title",
                    f"Ký thay (KT.) là cấp phó ký thay người đứng đầu; chức vụ «{signer.title}» "
                    "không phải cấp phó.",
                    WARNING,
                )
            )
    else:
        if not _blank(signer.authority):
            out.append(
                Problem(
                    "signer-form-missing",
                    "signer.form",
                    f"Có «{signer.authority}» nhưng thiếu hình thức ký (TM., KT., TL., TUQ., Q.).",
                )
            )
        if _blank(signer.title):
            out.append(
                Problem(
                    "signer-title-missing",
                    "signer.title",
                    "Thiếu chức vụ của người ký (ví dụ GIÁM ĐỐC).",
                    WARNING,
                )
            )


def _check_distribution(doc: Document, out: list[Problem]) -> None:
    items = [" ".join(item.split()) for item in doc.distribution if item and item.strip()]
    if not items:
        out.append(
            Problem(
                "distribution-missing",
                "distribution",
                "Thiếu «Nơi nhận»: liệt kê nơi nhận, dòng cuối là «Lưu: VT, …».",
            )
        )
        return
    archive = [i for i, item in enumerate(items) if fold(item).startswith("luu")]
    if not archive:
        out.append(
            Problem(
                "archive-missing",
                "distribution",
                "Nơi nhận thiếu dòng «Lưu: VT, <đơn vị soạn thảo>» ở cuối.",
            )
        )
        return
    if archive[-1] != len(items) - 1:
        out.append(
            Problem(
                "archive-not-last",
                "distribution",
                "Dòng «Lưu: VT, …» phải là dòng cuối cùng của Nơi nhận.",
            )
        )
    if not re.search(r"\bVT\b", items[archive[-1]]):
        out.append(
            Problem(
                "archive-clerk",
                "distribution",
                f"Dòng lưu «{items[archive[-1]]}» phải có «VT» (Văn thư): «Lưu: VT, …».",
                WARNING,
            )
        )
    if doc.recipients and not any(fold(item).startswith("nhu tren") for item in items):
        out.append(
            Problem(
                "distribution-as-above",
                "distribution",
                "Văn bản có «Kính gửi» thường ghi «Như trên» ở đầu Nơi nhận.",
                WARNING,
            )
        )


def validate(doc: Document, *, draft: bool = False) -> list[Problem]:
    """Every Decree 30 rule ``doc`` breaks (an empty list when none).

    ``draft``: the record is not issued yet, so a missing number and a date without its day
    are expected.
    """
    out: list[Problem] = []
    kind = (doc.kind or "").strip()
    issued: str | None = None  # the document's own date, where it is a real one

    # Tên loại
    if not kind:
        out.append(
            Problem(
                "kind-missing",
                "kind",
                "Thiếu tên loại văn bản (công văn, kế hoạch, quyết định, …).",
                WARNING,
            )
        )
        kind = "Công văn"
    elif kind not in KNOWN_KINDS:
        sentence = kind[:1].upper() + kind[1:].lower()
        if sentence in KNOWN_KINDS or canonical_tones(sentence) in KNOWN_KINDS:
            out.append(
                Problem(
                    "kind-spelling",
                    "kind",
                    f"Tên loại ghi là «{canonical_tones(sentence)}» (viết hoa chữ đầu).",
                    WARNING,
                )
            )
            kind = canonical_tones(sentence)
        else:
            out.append(
                Problem(
                    "kind-unknown",
                    "kind",
                    f"«{kind}» không phải tên loại văn bản hành chính của Điều 7 Nghị định 30.",
                )
            )

    # Cơ quan ban hành
    if _blank(doc.issuer.name):
        out.append(Problem("issuer-missing", "issuer.name", "Thiếu tên cơ quan ban hành."))
    elif doc.issuer.parent and fold(doc.issuer.parent) == fold(doc.issuer.name or ""):
        out.append(
            Problem(
                "issuer-parent-same",
                "issuer.parent",
                "Cơ quan chủ quản trùng với cơ quan ban hành.",
                WARNING,
            )
        )

    # Số, ký hiệu
    _check_number(doc, draft, out)
    _check_notation(doc, kind, out)

    # Địa danh, ngày tháng
    if _blank(doc.place):
        out.append(Problem("place-missing", "place", "Thiếu địa danh nơi ban hành."))
    if _blank(doc.date):
        if not draft:
            out.append(Problem("date-missing", "date", "Thiếu ngày, tháng, năm ban hành."))
    else:
        parts = _check_date(doc.date or "", "date", "Ngày ban hành", out)
        if parts is not None:
            issued = (doc.date or "").strip()
        if parts is not None and len(parts) < 3 and not draft:
            out.append(
                Problem(
                    "date-incomplete",
                    "date",
                    "Ngày ban hành phải ghi đủ ngày, tháng, năm (văn bản đã phát hành).",
                )
            )

    # Trích yếu
    if _blank(doc.subject):
        what = "trích yếu (V/v …)" if kind == "Công văn" else "trích yếu nội dung"
        out.append(Problem("subject-missing", "subject", f"Thiếu {what}."))
    elif fold(doc.subject or "").lstrip().startswith(("v/v", "v/ v")):
        out.append(
            Problem(
                "subject-prefix",
                "subject",
                "Trích yếu được lưu không kèm «V/v»: chữ «V/v» do mẫu công văn tự in.",
                WARNING,
            )
        )

    # Kính gửi
    if kind in NEEDS_RECIPIENTS and not [r for r in doc.recipients if r and r.strip()]:
        out.append(
            Problem(
                "recipients-missing",
                "recipients",
                f"{kind} phải có «Kính gửi» nêu cơ quan, tổ chức, cá nhân nhận văn bản.",
            )
        )
    seen: set[str] = set()
    for recipient in doc.recipients:
        key = fold(recipient).strip(" ;.,")
        if key in seen:
            out.append(
                Problem(
                    "recipients-duplicate",
                    "recipients",
                    f"«{recipient}» có hai lần trong Kính gửi.",
                    WARNING,
                )
            )
        seen.add(key)

    # Mức độ khẩn
    if doc.urgency is not None:
        urgency = doc.urgency.strip()
        if urgency not in decree30.URGENCY_LEVELS:
            canonical = canonical_tones(urgency[:1].upper() + urgency[1:].lower())
            if canonical in decree30.URGENCY_LEVELS:
                out.append(
                    Problem(
                        "urgency-spelling",
                        "urgency",
                        f"Mức độ khẩn ghi là «{canonical}».",
                        WARNING,
                    )
                )
            else:
                out.append(
                    Problem(
                        "urgency-level",
                        "urgency",
                        f"«{doc.urgency}» không phải mức độ khẩn: Nghị định 30 chỉ có Khẩn, "
                        "Thượng khẩn, Hỏa tốc.",
                    )
                )

    # Văn bản dẫn chiếu
    for i, ref in enumerate(doc.references):
        field = f"references[{i}]"
        if _blank(ref.number):
            out.append(
                Problem(
                    "reference-number",
                    field,
                    f"Văn bản dẫn chiếu «{ref.kind or ''} {ref.code}» thiếu số.".replace("  ", " "),
                )
            )
        if ref.date:
            parts = _check_date(ref.date, f"{field}.date", "Ngày của văn bản dẫn chiếu", out)
            if parts and issued and _later(ref.date, issued):
                out.append(
                    Problem(
                        "reference-later",
                        f"{field}.date",
                        f"Văn bản dẫn chiếu số {ref.code} ({ref.date}) ban hành sau văn bản này "
                        f"({doc.date}).",
                        WARNING,
                    )
                )

    # Nhiệm vụ
    labels: set[str] = set()
    for i, task in enumerate(doc.tasks):
        field = f"tasks[{i}]"
        if task.label in labels:
            out.append(Problem("task-label", f"{field}.label", f"Mục «{task.label}» bị lặp."))
        labels.add(task.label)
        if _blank(task.text):
            out.append(
                Problem("task-text", f"{field}.text", f"Mục {task.label} không có nội dung.")
            )
        if task.deadline:
            parts = _check_date(
                task.deadline, f"{field}.deadline", f"Hạn của mục {task.label}", out
            )
            if parts and issued and _later(issued, task.deadline):
                out.append(
                    Problem(
                        "task-deadline-past",
                        f"{field}.deadline",
                        f"Hạn của mục {task.label} ({task.deadline}) trước ngày ban hành "
                        f"({doc.date}).",
                        WARNING,
                    )
                )

    # Nơi nhận, người ký
    _check_distribution(doc, out)
    _check_signer(doc, out)
    return out
