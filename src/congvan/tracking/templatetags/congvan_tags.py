"""Template filters: dates in words (``ngày 17 tháng 7 năm 2020``), figures, task states."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import timezone

from congvan.document.decree30 import format_date

register = template.Library()


@register.filter
def ngay(value) -> str:
    """A date, a datetime (local time) or an ISO string as ``ngày 17 tháng 7 năm 2020``."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return format_date(value.date().isoformat())
    if isinstance(value, dt.date):
        return format_date(value.isoformat())
    return format_date(str(value))


@register.filter
def gio(value) -> str:
    """``14:05 ngày 17 tháng 7 năm 2020``."""
    if not isinstance(value, dt.datetime):
        return ngay(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%H:%M} {format_date(local.date().isoformat())}"


@register.filter
def so(value) -> str:
    """A figure without trailing zeros, thousands with a dot: ``12.500``."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral():
            value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value).replace(".", ",")


@register.filter
def nhap(value) -> str:
    """A figure as a number field's value: ``12`` or ``2.5`` (never localised, no trailing
    zeros), empty for none."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
        return f"{value:f}"
    return str(value)


@register.filter
def get(mapping, key):
    return mapping.get(key, "") if mapping else ""


@register.filter
def figure_values(row, metrics):
    """A dashboard row's figures in the order of ``metrics``."""
    return row.figure_list(metrics)
