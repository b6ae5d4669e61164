"""The dispatch record of ``spec/document-json.md`` (``congvan.document/1``) as dataclasses.

``to_json()`` always writes every field (unknown = ``None`` or ``[]``); ``from_json()`` accepts a
record with keys left out, as gold files do, and fills them with the same defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "congvan.document/1"


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass
class Issuer:
    name: str | None = None
    parent: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "parent": self.parent}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Issuer:
        data = data or {}
        return cls(name=_str_or_none(data.get("name")), parent=_str_or_none(data.get("parent")))


@dataclass
class Reference:
    """Another document the text cites by number."""

    kind: str | None = None
    number: str | None = None
    notation: str | None = None
    date: str | None = None
    issuer: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number": self.number,
            "notation": self.notation,
            "date": self.date,
            "issuer": self.issuer,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reference:
        return cls(**{k: _str_or_none(data.get(k)) for k in cls.__dataclass_fields__})

    @property
    def code(self) -> str:
        """``number/notation`` as cited, e.g. ``21/CT-TTg``."""
        return "/".join(part for part in (self.number, self.notation) if part)


@dataclass
class Task:
    """A top-level numbered item of the body."""

    label: str
    text: str
    addressee: str | None = None
    deadline: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "addressee": self.addressee,
            "text": self.text,
            "deadline": self.deadline,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Task:
        return cls(
            label=str(data.get("label") or ""),
            text=str(data.get("text") or ""),
            addressee=_str_or_none(data.get("addressee")),
            deadline=_str_or_none(data.get("deadline")),
        )


@dataclass
class Signer:
    form: str | None = None
    authority: str | None = None
    title: str | None = None
    name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "authority": self.authority,
            "title": self.title,
            "name": self.name,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Signer:
        data = data or {}
        return cls(**{k: _str_or_none(data.get(k)) for k in cls.__dataclass_fields__})


@dataclass
class Document:
    """One dispatch: every component of Decree 30/2020/NĐ-CP that a record keeps."""

    kind: str | None = None
    urgency: str | None = None
    issuer: Issuer = field(default_factory=Issuer)
    number: str | None = None
    notation: str | None = None
    place: str | None = None
    date: str | None = None
    subject: str | None = None
    recipients: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)

    @property
    def code(self) -> str:
        """``number/notation`` as printed on the Số line (``498/STTTT-TTBCBC``)."""
        return "/".join(part for part in (self.number, self.notation) if part)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "urgency": self.urgency,
            "issuer": self.issuer.to_json(),
            "number": self.number,
            "notation": self.notation,
            "place": self.place,
            "date": self.date,
            "subject": self.subject,
            "recipients": list(self.recipients),
            "references": [r.to_json() for r in self.references],
            "tasks": [t.to_json() for t in self.tasks],
            "distribution": list(self.distribution),
            "signer": self.signer.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        if not isinstance(data, dict):
            raise TypeError("a dispatch record is a JSON object")
        return cls(
            kind=_str_or_none(data.get("kind")),
            urgency=_str_or_none(data.get("urgency")),
            issuer=Issuer.from_json(data.get("issuer")),
            number=_str_or_none(data.get("number")),
            notation=_str_or_none(data.get("notation")),
            place=_str_or_none(data.get("place")),
            date=_str_or_none(data.get("date")),
            subject=_str_or_none(data.get("subject")),
            recipients=[str(x) for x in data.get("recipients") or []],
            references=[Reference.from_json(r) for r in data.get("references") or []],
            tasks=[Task.from_json(t) for t in data.get("tasks") or []],
            distribution=[str(x) for x in data.get("distribution") or []],
            signer=Signer.from_json(data.get("signer")),
        )
