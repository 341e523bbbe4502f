"""Drawn timelines: server-rendered SVG (no script), each event at its date and precision, coloured by kind.

A day is a dot, a month or a year a bar as long as the stretch the report allows; every mark is a link
(to the event's sources) with a tooltip. Sizes are SVG attributes and colours CSS classes, so the strict
Content-Security-Policy (no inline style) holds; the viewBox lets the chart shrink to a phone's width.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence
from datetime import date

from spyglass.serve.labels import EVENT_ORDER, event_words
from spyglass.serve.templates import e

LANE = 26
LEFT = 170
RIGHT = 20
TOP = 24


@dataclass
class Mark:
    """One event to draw: its ISO date prefix (the precision is its length), kind, tooltip and link."""

    date: str
    kind: str
    title: str
    href: str
    label: str = ""


def span(value: str) -> tuple[float, float]:
    """The stretch of time a date prefix allows, in fractional years: 2023 -> the whole year."""
    parts = [int(p) for p in value.split("-")[:3] if p.isdigit()]
    year = parts[0]
    if len(parts) == 1:
        return year, year + 1
    month = min(max(parts[1], 1), 12)
    start = _fraction(year, month, parts[2] if len(parts) > 2 else 1)
    if len(parts) == 2:
        end = _fraction(year + (month == 12), month % 12 + 1, 1)
        return start, end
    return start, start + 1 / 365


def _fraction(year: int, month: int, day: int) -> float:
    try:
        return year + (date(year, month, day).timetuple().tm_yday - 1) / 365
    except ValueError:
        return year + (month - 1) / 12


def chart(lanes: Sequence[tuple[str, str | None, list[Mark]]], width: int = 960, label: str = "timeline") -> str:
    """Lanes of marks on one time axis: each lane is (name, link or None, marks)."""
    dated = [m for _, _, marks in lanes for m in marks if m.date[:4].isdigit()]
    if not dated:
        return '<p class="empty">no dated events to draw</p>'
    spans = [span(m.date) for m in dated]
    first = int(min(a for a, _ in spans))
    last = int(max(b for _, b in spans) - 1e-9) + 1
    plot = width - LEFT - RIGHT

    def x(t: float) -> float:
        return round(LEFT + (t - first) / (last - first) * plot, 1)

    height = TOP + LANE * len(lanes) + 8
    step = max(1, (last - first) // 12 + 1)
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{e(label)}" preserveAspectRatio="xMinYMin meet">']
    for year in range(first, last + 1, step):
        out.append(f'<line class="tick" x1="{x(year)}" y1="{TOP - 6}" x2="{x(year)}" y2="{height - 4}"/>'
                   f'<text class="year" x="{x(year) + 3}" y="{TOP - 10}">{year}</text>')
    for i, (name, link, marks) in enumerate(lanes):
        y = TOP + i * LANE
        text = f'<text class="lane" x="4" y="{y + 17}">{e(_short(name))}</text>'
        out.append(f'<a href="{e(link)}">{text}</a>' if link else text)
        out.append(f'<line class="lane-line" x1="{LEFT}" y1="{y + 13}" x2="{width - RIGHT}" y2="{y + 13}"/>')
        for m in marks:
            if not m.date[:4].isdigit():
                continue
            a, b = span(m.date)
            kind = m.kind if m.kind in EVENT_ORDER else "other"
            if b - a > 2 / 365:
                shape = (f'<rect class="ev ev-{e(kind)}" x="{x(a)}" y="{y + 7}" width="{max(3.0, x(b) - x(a))}" '
                         'height="12" rx="3"/>')
            else:
                shape = f'<circle class="ev ev-{e(kind)}" cx="{x(a)}" cy="{y + 13}" r="6"/>'
            words = f'<text class="mark" x="{x(b) + 8}" y="{y + 17}">{e(m.label)}</text>' if m.label else ""
            out.append(f'<a href="{e(m.href)}"><title>{e(m.title)}</title>{shape}{words}</a>')
    out.append("</svg>")
    return "".join(out)


def legend(kinds: list[str]) -> str:
    shown = [k for k in EVENT_ORDER if k in kinds]
    return '<p class="legend">' + " ".join(
        f'<span class="key ev-{e(k)}">{e(event_words(k))}</span>' for k in shown) + "</p>"


def _short(name: str, most: int = 24) -> str:
    return name if len(name) <= most else name[: most - 1] + "…"
