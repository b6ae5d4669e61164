"""``/api/schema/`` as the API behaves: its error answers, its own fields' types.

drf-spectacular documents the success of each operation only; a client (and schemathesis)
also meets these, with a JSON body:

- 403 ``{"detail": …}`` on every operation that needs a signed-in person: not signed in (the
  session comes first, so DRF answers 403 rather than 401) or without the permission;
- 404 ``{"detail": …}`` on every operation with a path parameter: no such row, or a row the
  person may not see (another organisation's is 404, as on the pages);
- 400 on every operation with a request body or ``limit``/``offset``: the fields in error, each
  with its Vietnamese message (``{"field": ["…"]}``, ``{"detail": …}``, …);
- 415 ``{"detail": …}`` on every operation with a request body sent in another encoding.

Other answers (409 of a wrong state, 503 without LibreOffice) are declared by the view with
``extend_schema``; what a view declares is kept.
"""

from __future__ import annotations

import re

from drf_spectacular.extensions import OpenApiSerializerFieldExtension

from congvan.api.fields import text_pattern

FIGURE_MAX = 999_999_999_999.99  # 14 digits, 2 after the point

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# DRF's validation errors: a message, a list of messages or nested ones per field.
INVALID = {"type": "object", "additionalProperties": True}


def _json(name: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
    }


def _needs_sign_in(operation: dict) -> bool:
    security = operation.get("security")
    return bool(security) and {} not in security


EMPTY = {"type": "string", "maxLength": 0}


def _takes_empty(pattern: str | None) -> bool:
    try:
        return pattern is not None and re.search(pattern, "") is not None
    except re.error:  # an ECMA pattern Python does not read: leave the schema as it is
        return False


def _one_empty_string(node) -> None:
    """drf-spectacular offers ``oneOf: [pattern, ""]`` for a string with a pattern that may be
    blank; when the pattern itself takes "", "" matches both branches and ``oneOf`` refuses it.
    The pattern alone then says it all."""
    if isinstance(node, dict):
        branches = node.get("oneOf")
        if isinstance(branches, list) and len(branches) == 2 and branches[1] == EMPTY:
            if _takes_empty(branches[0].get("pattern")):
                node.update(node.pop("oneOf")[0])
        for value in node.values():
            _one_empty_string(value)
    elif isinstance(node, list):
        for value in node:
            _one_empty_string(value)


def one_empty_string(result, generator, request, public):
    """drf-spectacular post-processing hook: see :func:`_one_empty_string`."""
    _one_empty_string(result.get("components", {}))
    return result


def add_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook (``POSTPROCESSING_HOOKS``)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("ValidationError", INVALID)
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            located = {p.get("in") for p in operation.get("parameters", [])}
            names = {p.get("name") for p in operation.get("parameters", [])}
            if "requestBody" in operation or {"limit", "offset"} & names:
                responses.setdefault(
                    "400", _json("ValidationError", "Dữ liệu gửi lên không hợp lệ")
                )
            if "requestBody" in operation:
                responses.setdefault(
                    "415", _json("Error", "Kiểu dữ liệu gửi lên không được hỗ trợ")
                )
            if _needs_sign_in(operation):
                responses.setdefault(
                    "403", _json("Error", "Chưa đăng nhập hoặc không có quyền thực hiện")
                )
            if "path" in located:
                responses.setdefault("404", _json("Error", "Không tìm thấy"))
    return result


class TextSchema(OpenApiSerializerFieldExtension):
    """:class:`~congvan.api.fields.Text`: in a request, a string with the pattern of its check
    (an answer may hold older text that came in another way)."""

    target_class = "congvan.api.fields.Text"

    def map_serializer_field(self, auto_schema, direction):
        if direction != "request":
            return {"type": "string"}
        return {"type": "string", "pattern": text_pattern(self.target.allow_blank)}


class FigureSchema(OpenApiSerializerFieldExtension):
    target_class = "congvan.api.serializers.FigureField"

    def map_serializer_field(self, auto_schema, direction):
        return {
            "type": "number",
            "minimum": 0,
            "maximum": FIGURE_MAX,
            "description": "làm tròn đến hai chữ số thập phân",
        }
