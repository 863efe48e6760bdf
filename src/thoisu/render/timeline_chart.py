"""A timeline as an inline SVG chart: no script, no downloaded library, readable without CSS.
Also the timeline as Markdown, JSON and a small HTML page, for ``thoisu timeline``.

Dates run down a vertical axis, one row per event, so the Vietnamese text fits beside its mark.
Rows are evenly spaced (a story mixes a 2011 background year with days of one week in 2017;
a linear scale would crush the days); a rule and a label mark each new year instead. Marks:

* a filled dot: a day; a bar: a month, a year or a range (``23-24/1``), its length showing
  the span;
* a hollow dashed dot, in a section headed "Chưa rõ năm": a date whose year is unknown
  (``XXXX-03-28``), never given a made-up year;
* a number beside the mark: how many articles tell the event.

Each row carries a ``<title>`` (the browser's tooltip): full text, date, sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from thoisu.model import Article, Event, PartialDate

WIDTH = 860
ROW = 30
TOP = 36
AXIS_X = 130
TEXT_X = 170
LABEL_CHARS = 95
COLORS = {"day": "#1f6feb", "month": "#8250df", "year": "#bf8700", "partial": "#6e7781"}


def date_label(date: PartialDate, end: PartialDate | None) -> str:
    """``28/3/2016``, ``3/2011``, ``2015``, ``28/3`` (year unknown), ``23–24/1/2017``."""
    def one(d: PartialDate) -> str:
        parts = [str(x) for x in (d.day, d.month) if x is not None]
        if d.year is not None:
            parts.append(str(d.year))
        return "/".join(parts) if parts else d.iso()

    if end is None or end == date:
        return one(date)
    if (end.year, end.month) == (date.year, date.month) and date.day and end.day:
        return f"{date.day}–{one(end)}"
    return f"{one(date)} – {one(end)}"


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _mark(event: Event, y: float) -> str:
    precision = event.date.precision
    color = COLORS[precision]
    if precision == "partial":
        return (f'<circle cx="{AXIS_X}" cy="{y}" r="6" fill="#fff" stroke="{color}" '
                f'stroke-width="2" stroke-dasharray="3 2"/>')
    if event.end is not None or precision in {"month", "year"}:
        height = {"month": 14, "year": 20}.get(precision, 16)
        return (f'<rect x="{AXIS_X - 5}" y="{y - height / 2}" width="10" height="{height}" '
                f'rx="3" fill="{color}"/>')
    return f'<circle cx="{AXIS_X}" cy="{y}" r="6" fill="{color}"/>'


def timeline_svg(events: Sequence[Event], title: str = "Dòng thời gian") -> str:
    """An ``<svg>`` element drawing ``events`` (already in timeline order).

    >>> from thoisu.model import Event, PartialDate
    >>> event = Event(PartialDate(2016, 3, 28), "Quân đội chiếm lại Palmyra", ["a"])
    >>> svg = timeline_svg([event])
    >>> svg.startswith("<svg") and "28/3/2016" in svg
    True
    """
    rows: list[str] = []
    y = TOP
    year: int | None = -1
    partial_started = False
    for event in events:
        if event.date.year is None and not partial_started:
            partial_started = True
            if rows:
                y += 10
            rows.append(f'<text x="8" y="{y + 4}" class="yr">Chưa rõ năm</text>'
                        f'<line x1="8" x2="{WIDTH - 8}" y1="{y + 10}" y2="{y + 10}" '
                        f'stroke="#d0d7de" stroke-dasharray="4 3"/>')
            y += ROW
        elif event.date.year is not None and event.date.year != year:
            year = event.date.year
            if rows:
                y += 10
            rows.append(f'<text x="8" y="{y + 4}" class="yr">{year}</text>'
                        f'<line x1="8" x2="{WIDTH - 8}" y1="{y + 10}" y2="{y + 10}" '
                        f'stroke="#d0d7de"/>')
            y += ROW
        label = date_label(event.date, event.end)
        sources = len(event.articles)
        tip = (f"{label} ({event.date.precision}): {event.text}\n"
               f"Nguồn: {', '.join(event.articles)}")
        badge = (f'<text x="{AXIS_X + 14}" y="{y + 4}" class="n">×{sources}</text>'
                 if sources > 1 else "")
        rows.append(
            f'<g class="ev {event.date.precision}"><title>{escape(tip)}</title>'
            f'<text x="{AXIS_X - 14}" y="{y + 4}" text-anchor="end" class="d">{escape(label)}'
            f'</text>{_mark(event, y)}{badge}'
            f'<text x="{TEXT_X}" y="{y + 4}" class="t">{escape(_short(event.text))}</text></g>')
        y += ROW
    if not events:
        rows.append(f'<text x="{TEXT_X}" y="{y + 4}" class="t">Không có sự kiện có ngày tháng'
                    '</text>')
        y += ROW
    height = y + 8
    axis = (f'<line x1="{AXIS_X}" x2="{AXIS_X}" y1="{TOP - 10}" y2="{height - 12}" '
            'stroke="#8c959f" stroke-width="2"/>')
    style = ("<style>.d{font:12px sans-serif;fill:#57606a}.t{font:13px sans-serif;fill:#24292f}"
             ".yr{font:bold 13px sans-serif;fill:#24292f}.n{font:11px sans-serif;fill:#57606a}"
             ".ev:hover .t{fill:#0969da}</style>")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-chart" role="img" '
            f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
            f'font-family="sans-serif"><title>{escape(title)}</title>{style}'
            f'<text x="8" y="18" class="yr">{escape(title)}</text>{_legend()}{axis}'
            f'{"".join(rows)}</svg>')


def _legend() -> str:
    """What the marks mean, top right: day, span (month, year, range), year unknown."""
    x = WIDTH - 330
    day, span, partial = COLORS["day"], COLORS["month"], COLORS["partial"]
    return (f'<g class="legend"><circle cx="{x}" cy="14" r="5" fill="{day}"/>'
            f'<text x="{x + 9}" y="18" class="d">ngày</text>'
            f'<rect x="{x + 50}" y="7" width="8" height="14" rx="2" fill="{span}"/>'
            f'<text x="{x + 63}" y="18" class="d">tháng, năm, khoảng</text>'
            f'<circle cx="{x + 190}" cy="14" r="5" fill="#fff" stroke="{partial}" '
            f'stroke-width="2" stroke-dasharray="3 2"/>'
            f'<text x="{x + 199}" y="18" class="d">chưa rõ năm</text>'
            f'<text x="{x + 282}" y="18" class="d">×N: số bài</text></g>')


def _date_label(date: PartialDate, end: PartialDate | None) -> str:
    label = date_label(date, end)
    return f"{label} (chưa rõ năm)" if date.year is None else label


def timeline_markdown(events: Sequence[Event], articles: Sequence[Article]) -> str:
    titles = {a.id: a.title or a.id for a in articles}
    out = ["# Dòng thời gian", ""]
    if not events:
        out.append("_Không tìm thấy sự kiện nào có ngày tháng._")
    for event in events:
        sources = ", ".join(event.articles)
        out.append(f"- **{_date_label(event.date, event.end)}** — {event.text} "
                   f"_(nguồn: {sources})_")
    out += ["", "## Bài", ""]
    for a in articles:
        published = a.published.iso() if a.published else "?"
        out.append(f"- `{a.id}` {titles[a.id]} ({published})")
    return "\n".join(out) + "\n"


def timeline_json(events: Sequence[Event], articles: Sequence[Article]) -> dict[str, Any]:
    return {
        "timeline": [{**e.to_json(), "evidence": e.evidence} for e in events],
        "articles": [{"id": a.id, "title": a.title, "origin": a.origin.to_json(),
                      "published": a.published.iso() if a.published else None}
                     for a in articles],
    }


def timeline_html(events: Sequence[Event], articles: Sequence[Article]) -> str:
    titles = {a.id: a.title or a.id for a in articles}
    items = "".join(
        f"<li><b>{escape(_date_label(e.date, e.end))}</b> — {escape(e.text)} "
        f"<small>({escape(', '.join(titles.get(i, i) for i in e.articles))})</small></li>"
        for e in events)
    return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
            "<title>Dòng thời gian</title></head><body><h1>Dòng thời gian</h1>"
            f"{timeline_svg(events)}<ol>{items}</ol></body></html>\n")
