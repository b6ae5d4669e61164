"""Small charts as inline SVG, drawn on the server (no script, prints as is)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COLOURS = ["#8b1a1a", "#1f5f8b", "#2e7d32", "#b26a00", "#6a1b9a", "#00838f"]


def _fmt(value) -> str:
    if isinstance(value, Decimal):
        value = value.normalize()
        return f"{value:f}" if value == value.to_integral() else str(value)
    return str(value)


def bars(title: str, items: list[tuple[str, float]], *, colour: str = COLOURS[0]) -> SafeString:
    """Horizontal bars, one per (label, value), longest label on the left."""
    row, label_w, chart_w, pad = 22, 300, 360, 8
    height = pad * 2 + 24 + row * max(len(items), 1)
    top = max((float(v) for _, v in items), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + chart_w + 60}" '
        f'height="{height}" aria-label="{escape(title)}" class="chart">',
        f'<text x="{pad}" y="{pad + 14}" font-weight="bold" font-size="14">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(items):
        y = pad + 24 + i * row
        w = float(value) / top * chart_w
        short = label if len(label) <= 46 else label[:45] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"<title>{escape(label)}</title>{escape(short)}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 7}" '
            f'fill="{colour}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" font-size="12">{_fmt(value)}</text>'
        )
    if not items:
        parts.append(f'<text x="{pad}" y="{pad + 40}" font-size="12">Chưa có số liệu.</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def columns(title: str, periods: list[str], series: list[tuple[str, list[float]]]) -> SafeString:
    """Grouped columns over time: one group per period, one colour per series."""
    group_w, pad, chart_h = max(24, 14 * max(len(series), 1) + 10), 10, 160
    width = max(360, pad * 2 + 40 + group_w * max(len(periods), 1))
    legend_h = 18 * len(series)
    height = pad * 2 + 24 + chart_h + 30 + legend_h
    top = max((float(v) for _, vals in series for v in vals), default=0) or 1
    bar_w = (group_w - 10) / max(len(series), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'aria-label="{escape(title)}" class="chart">',
        f'<text x="{pad}" y="{pad + 14}" font-weight="bold" font-size="14">{escape(title)}</text>',
    ]
    base = pad + 24 + chart_h
    parts.append(
        f'<line x1="{pad + 40}" y1="{base}" x2="{width - pad}" y2="{base}" stroke="#889"/>'
    )
    for p, period in enumerate(periods):
        x0 = pad + 40 + p * group_w + 5
        for s, (_, values) in enumerate(series):
            value = float(values[p]) if p < len(values) else 0
            h = value / top * chart_h
            parts.append(
                f'<rect x="{x0 + s * bar_w:.1f}" y="{base - h:.1f}" width="{bar_w - 1:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[s % len(COLOURS)]}">'
                f"<title>{escape(period)}: {_fmt(values[p])}</title></rect>"
            )
        parts.append(f'<text x="{x0}" y="{base + 14}" font-size="10">{escape(period)}</text>')
    for s, (name, _) in enumerate(series):
        y = base + 30 + s * 18
        parts.append(
            f'<rect x="{pad + 40}" y="{y - 10}" width="12" height="12" '
            f'fill="{COLOURS[s % len(COLOURS)]}"/>'
            f'<text x="{pad + 58}" y="{y}" font-size="12">{escape(name)}</text>'
        )
    if not periods:
        parts.append(f'<text x="{pad + 40}" y="{base - 20}" font-size="12">Chưa có số liệu.</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
