"""Template filters: dates in words (``ngày 17 tháng 7 năm 2020``), figures, task states; the
rows of a dashboard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

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


_NOT_OPENED = '<td><span class="tag overdue">Chưa mở</span></td>'


@register.simple_tag
def dashboard_rows(summary, *, dispatch=None) -> SafeString:
    """The dashboard table's row per organisation, of one dispatch (its document given) or of a
    campaign: built here, as a template loop over a few hundred organisations spent most of the
    page's time resolving its variables (and ``format_html`` half of the rest)."""
    rows = []
    for row in summary.rows:
        if not dispatch:
            opened = f'<td class="num">{so(row.entries)}</td><td class="num">{so(row.opened)}</td>'
        elif row.received_at:
            opened = f"<td>{escape(gio(row.received_at))}</td>"
        else:
            opened = _NOT_OPENED
        state = "reported" if row.complete else "overdue" if row.overdue else "new"
        figures = "".join(
            f'<td class="num">{escape(so(v))}</td>' for v in row.figure_list(summary.metrics)
        )
        name = escape(row.organisation.name)
        rows.append(
            f'<tr class="{"" if row.complete else "missing"}" data-org="{name}">\n'
            f" <td>{name}</td>\n {opened}\n"
            f' <td class="num">{so(row.tasks)}</td><td class="num">{so(row.reported)}</td>\n'
            f' <td><span class="tag {state}">{escape(row.status)}</span></td>\n {figures}\n</tr>'
        )
    return mark_safe("\n".join(rows))
