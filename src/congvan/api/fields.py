"""Fields of request bodies that take the JSON type the schema names, and nothing else.

DRF is lenient on purpose: a ``CharField`` takes ``0`` as ``"0"``, an ``IntegerField`` takes
``"12"`` and a primary key ``"12"``. The API's schema says ``string`` or ``integer``; a client
that sends another type has a bug worth a 400 rather than a guess. Text also refuses the control
characters XML and the databases cannot hold (a DOCX of the record would fail later, a 500).
"""

from __future__ import annotations

import re
from typing import ClassVar

from rest_framework import serializers

# XML 1.0 refuses these (tab, line feed and carriage return are fine), so a DOCX cannot hold them
CONTROL = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff"
SPACE = r" \t\n\r"  # in a pattern; what is blank: nothing but these
_control = re.compile(f"[{CONTROL}]")


def text_pattern(allow_blank: bool) -> str:
    """The schema's pattern of a :class:`Text` (the same rule as its check)."""
    if allow_blank:
        return f"^[^{CONTROL}]*$"
    return f"^[{SPACE}]*[^{SPACE}{CONTROL}][^{CONTROL}]*$"


class Text(serializers.CharField):
    """A JSON string without control characters; unless blank is allowed, with something more
    than spaces and line breaks. Kept as sent (the services tidy spaces their own way)."""

    default_error_messages: ClassVar[dict[str, str]] = {
        "not_a_string": "phải là một chuỗi ký tự (trong ngoặc kép).",
        "not_unicode": "có ký tự Unicode không hợp lệ.",
        "control": "không được chứa ký tự điều khiển (mã dưới U+0020, trừ tab và xuống dòng).",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        try:
            data.encode("utf-8")  # a lone surrogate ("\ud800" in JSON) cannot be stored
        except UnicodeEncodeError:
            self.fail("not_unicode")
        if _control.search(data):
            self.fail("control")
        if not self.allow_blank and not data.strip(" \t\n\r"):
            self.fail("blank")
        return super().to_internal_value(data)


class Whole(serializers.IntegerField):
    """A JSON integer (not ``"12"``, ``12.5`` or ``true``)."""

    default_error_messages: ClassVar[dict[str, str]] = {
        "not_a_whole_number": "phải là một số nguyên.",
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("not_a_whole_number")
        return super().to_internal_value(data)


MAX_ID = 2**63 - 1  # the largest id a database gives (a larger one overflowed: a 500)


class Id(Whole):
    """The id of a row in a list, as a JSON integer within the range of ids."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class RowId(serializers.PrimaryKeyRelatedField):
    """The id of a row, as a JSON integer."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)
