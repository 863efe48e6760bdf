"""A timeline as an inline SVG chart: no script, no downloaded library, readable without CSS.
Also the timeline as Markdown, JSON and a small HTML page, for ``thoisu timeline``.

Dates run down a vertical axis, one row per event: the date (as readers write it) beside its
mark, the text wrapped under it, so that the chart reads on a 400 px phone screen. Rows are
evenly spaced (a story mixes a 2011 background year with days of one week in 2017;
a linear scale would crush the days); a rule and a label mark each new year instead. Marks:

* a filled dot: a day; a bar: a month, a year or a range (``23-24/1``), its length showing
  the span;
* a hollow dashed dot: a date whose year is unknown (``XXXX-03-28``), never given a made-up
  year: among the dated rows with "(khoảng 2016)" when the timeline placed it, else in a
  section headed "Chưa rõ năm";
* "· N bài" after the date: how many articles tell the event.

Each row carries a ``<title>`` (the browser's tooltip): full text, date, sources.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any
from urllib.parse import urlsplit

from thoisu.model import Article, Event, PartialDate
from thoisu.render.dates_vi import format_date, format_event_date, format_span
from thoisu.timeline import approx_year_of

# Laid out for a phone: 380 units wide, shown at most 560 px wide. At a 400 px window the
# chart is drawn about 1:1, so the 14 px text stays above 13 px; wider windows enlarge it.
WIDTH = 380
MAX_WIDTH = 560
AXIS_X = 14
TEXT_X = 30
LINE = 19  # height of a line of event text
LABEL_CHARS = 44  # characters per wrapped line of event text at 14 px
MAX_LINES = 4
COLORS = {"day": "#1f6feb", "month": "#8250df", "year": "#bf8700", "partial": "#6e7781"}


def date_label(date: PartialDate, end: PartialDate | None) -> str:
    """The date as readers write it (:mod:`thoisu.render.dates_vi`): ``28/3/2016``,
    ``tháng 3/2011``, ``năm 2015``, ``28/3 (chưa rõ năm)``, ``23–24/1/2017``."""
    return format_span(date, end) if end is not None else format_date(date)


def wrap(text: str, width: int = LABEL_CHARS, lines: int = MAX_LINES) -> list[str]:
    """``text`` in lines of at most ``width`` characters, cut at spaces, at most ``lines``
    of them (the last ending with "…" when the text is longer).

    >>> wrap("Mưa lớn kéo dài khiến nhiều tuyến phố ngập sâu", 20)
    ['Mưa lớn kéo dài', 'khiến nhiều tuyến', 'phố ngập sâu']
    """
    out: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > width:  # one very long token: cut it
            if current:
                out.append(current)
                current = ""
            out.append(word[:width])
            word = word[width:]
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


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


def _unplaced_from(events: Sequence[Event]) -> int:
    """Where the trailing group of events with no year and no place begins."""
    k = len(events)
    while k > 0 and events[k - 1].date.year is None and approx_year_of(events[k - 1]) is None \
            and not getattr(events[k - 1], "approximate", False):
        k -= 1
    return k


def _heading(text: str, y: float, dashed: bool = False) -> str:
    dash = ' stroke-dasharray="4 3"' if dashed else ""
    return (f'<text x="4" y="{y + 5}" class="yr">{escape(text)}</text>'
            f'<line x1="4" x2="{WIDTH - 4}" y1="{y + 11}" y2="{y + 11}" stroke="#d0d7de"'
            f'{dash}/>')


def timeline_svg(events: Sequence[Event], title: str = "Dòng thời gian",
                 sources: Mapping[str, str] | None = None) -> str:
    """An ``<svg>`` element drawing ``events`` (already in timeline order); ``sources``
    maps an article id to how it is cited ("Báo X [1]"), for the tooltips.

    >>> from thoisu.model import Event, PartialDate
    >>> event = Event(PartialDate(2016, 3, 28), "Quân đội chiếm lại Palmyra", ["a"])
    >>> svg = timeline_svg([event])
    >>> svg.startswith("<svg") and "28/3/2016" in svg
    True
    """
    cite = sources or {}
    rows: list[str] = []
    y = 78.0  # below the title and the two-line legend
    year: int | None = -1
    unplaced = _unplaced_from(events)
    for i, event in enumerate(events):
        shown_year = event.date.year if event.date.year is not None else approx_year_of(event)
        if i == unplaced:
            rows.append(_heading("Chưa rõ năm", y, dashed=True))
            y += 30
        elif i < unplaced and shown_year is not None and shown_year != year:
            year = shown_year
            rows.append(_heading(str(year), y))
            y += 30
        label = format_event_date(event)
        named = [cite.get(a, a) for a in event.articles]
        tip = f"{label}: {event.text}\nNguồn: {', '.join(named)}"
        badge = (f' <tspan class="n">· {len(event.articles)} bài</tspan>'
                 if len(event.articles) > 1 else "")
        lines = wrap(event.text)
        text = "".join(f'<tspan x="{TEXT_X}" dy="{LINE if k else 0}">{escape(line)}</tspan>'
                       for k, line in enumerate(lines))
        rows.append(
            f'<g class="ev {event.date.precision}"><title>{escape(tip)}</title>'
            f'{_mark(event, y)}<text x="{TEXT_X}" y="{y + 5}" class="d">{escape(label)}'
            f'{badge}</text><text x="{TEXT_X}" y="{y + 5 + LINE}" class="t">{text}</text></g>')
        y += LINE * (len(lines) + 1) + 12
    if not events:
        rows.append(f'<text x="{TEXT_X}" y="{y + 5}" class="t">Không có sự kiện có ngày tháng'
                    '</text>')
        y += 30
    height = int(y + 4)
    axis = (f'<line x1="{AXIS_X}" x2="{AXIS_X}" y1="70" y2="{height - 8}" '
            'stroke="#d0d7de" stroke-width="2"/>')
    style = ("<style>.d{font:bold 14px sans-serif;fill:#24292f}"
             ".t{font:14px sans-serif;fill:#24292f}.yr{font:bold 15px sans-serif;fill:#24292f}"
             ".n{font:13px sans-serif;fill:#57606a}.lg{font:13px sans-serif;fill:#57606a}"
             ".ev:hover .t{fill:#0969da}</style>")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-chart" role="img" '
            f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
            f'style="width:100%;max-width:{MAX_WIDTH}px;height:auto" '
            f'font-family="sans-serif"><title>{escape(title)}</title>{style}'
            f'<text x="4" y="18" class="yr">{escape(title)}</text>{_legend()}{axis}'
            f'{"".join(rows)}</svg>')


def _legend() -> str:
    """What the marks mean, on two lines under the title so that it fits 380 units."""
    day, span, partial = COLORS["day"], COLORS["month"], COLORS["partial"]
    return (f'<g class="legend"><circle cx="10" cy="33" r="5" fill="{day}"/>'
            f'<text x="20" y="37" class="lg">ngày</text>'
            f'<rect x="62" y="26" width="8" height="14" rx="2" fill="{span}"/>'
            f'<text x="75" y="37" class="lg">tháng, năm, khoảng ngày</text>'
            f'<circle cx="10" cy="51" r="5" fill="#fff" stroke="{partial}" '
            f'stroke-width="2" stroke-dasharray="3 2"/>'
            f'<text x="20" y="55" class="lg">chưa rõ năm (hoặc năm ước đoán)</text></g>')


def outlet_name(article: Article) -> str:
    """How a reader names the article's source: its outlet ("Báo X"), else the site's host
    name, else the outlet it credits ("theo Báo X": a page of unknown outlet that says it
    copies one), else "nguồn không rõ"; never a hex id, and never the input file's name (a
    page saved as ``trang-web.html`` is not from an outlet called "trang-web")."""
    if article.source and article.source.strip():
        name = article.source.strip()
        return name[5:].strip() if name.lower().startswith("theo ") else name
    if article.url:
        host = urlsplit(article.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    credit = article.meta.get("credit")
    if isinstance(credit, str) and credit.strip():
        return f"theo {credit.strip()}"
    return "nguồn không rõ"


def source_labels(articles: Sequence[Article]) -> dict[str, str]:
    """Each article id → "Outlet [n]", numbered in the order given."""
    return {a.id: f"{outlet_name(a)} [{k}]" for k, a in enumerate(articles, 1)}


def _date_label(date: PartialDate, end: PartialDate | None) -> str:
    return date_label(date, end)


def timeline_markdown(events: Sequence[Event], articles: Sequence[Article],
                      explain: bool = False) -> str:
    """The timeline as Markdown: dates as readers write them, sources by outlet and number;
    with ``explain``, under each entry the evidence for its date and year."""
    cite = source_labels(articles)
    out = ["# Dòng thời gian", ""]
    if not events:
        out.append("_Không tìm thấy sự kiện nào có ngày tháng._")
    for event in events:
        sources = ", ".join(cite.get(a, a) for a in event.articles)
        out.append(f"- **{format_event_date(event)}** — {event.text} _(nguồn: {sources})_")
        if explain:
            year = getattr(event, "year_evidence", "")
            if year:
                out.append(f"  - năm: {year}")
            out.append(f"  - căn cứ: {event.evidence}")
    out += ["", "## Nguồn", ""]
    for k, a in enumerate(articles, 1):
        published = format_date(a.published) if a.published else "không rõ ngày"
        out.append(f"{k}. {outlet_name(a)} — {a.title or '(không tiêu đề)'} ({published})")
    return "\n".join(out) + "\n"


def timeline_json(events: Sequence[Event], articles: Sequence[Article]) -> dict[str, Any]:
    return {
        "timeline": [{**e.to_json(), "evidence": e.evidence} for e in events],
        "articles": [{"id": a.id, "title": a.title, "origin": a.origin.to_json(),
                      "published": a.published.iso() if a.published else None}
                     for a in articles],
    }


def timeline_html(events: Sequence[Event], articles: Sequence[Article]) -> str:
    cite = source_labels(articles)
    items = "".join(
        f"<li><b>{escape(format_event_date(e))}</b> — {escape(e.text)} "
        f"<small>({escape(', '.join(cite.get(i, i) for i in e.articles))})</small></li>"
        for e in events)
    sources = "".join(f"<li>{escape(outlet_name(a))} — {escape(a.title or '(không tiêu đề)')}"
                      "</li>" for a in articles)
    return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Dòng thời gian</title><style>body{font:16px/1.5 sans-serif;margin:1rem;"
            "max-width:40rem}</style></head><body><h1>Dòng thời gian</h1>"
            f"{timeline_svg(events, sources=cite)}<ol>{items}</ol><h2>Nguồn</h2>"
            f"<ol>{sources}</ol></body></html>\n")
