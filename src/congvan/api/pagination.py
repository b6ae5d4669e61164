"""Pages of the API: ``limit`` and ``offset`` as DRF reads them, but checked.

DRF quietly falls back to the first page of 50 when ``limit``/``offset`` are not numbers, and
passes any size on to the database (a huge one overflows SQLite's integers: a 500). Here a
value that is not a whole number in range is a 400 with a message, and the bounds are in the
schema.
"""

from __future__ import annotations

import re

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

from congvan.tracking.paging import rows_for

MAX_LIMIT = 1000
MAX_OFFSET = 10**9
WHOLE = re.compile(r"-?[0-9]{1,12}")


def _whole(request, name: str, default: int | None, low: int, high: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    # ASCII digits only: int() would also take "1_000" and other scripts' digits
    value = int(raw) if WHOLE.fullmatch(raw) else None
    if value is None or not low <= value <= high:
        raise ValidationError({name: [f"{name} phải là số nguyên từ {low} đến {high}."]})
    return value


class Pages(LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def get_limit(self, request):
        return _whole(request, self.limit_query_param, self.default_limit, 1, MAX_LIMIT)

    def get_offset(self, request):
        return _whole(request, self.offset_query_param, 0, 0, MAX_OFFSET)

    def get_schema_operation_parameters(self, view):
        bounds = {self.limit_query_param: (1, MAX_LIMIT), self.offset_query_param: (0, MAX_OFFSET)}
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            low, high = bounds[parameter["name"]]
            parameter["schema"].update(minimum=low, maximum=high)
        return parameters


class IdsFirst(Pages):
    """Limit and offset over the ids alone, then the page's rows with their joins."""

    def paginate_queryset(self, queryset, request, view=None):
        ids = super().paginate_queryset(queryset.values_list("pk", flat=True), request, view)
        return rows_for(queryset.order_by(), list(ids)) if ids is not None else None
