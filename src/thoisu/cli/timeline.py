"""``thoisu timeline PATH...``: the dated events of a group of articles, merged and in order."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from html import escape
from typing import Any

import click

from thoisu.cli.common import (
    Tally,
    dump_json,
    format_option,
    get_settings,
    output_option,
    quiet_option,
    write_output,
)
from thoisu.model import Article, Event, PartialDate


def _date_label(date: PartialDate, end: PartialDate | None) -> str:
    from thoisu.render.timeline_chart import _label

    label = _label(date, end)
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
    from thoisu.render.timeline_chart import timeline_svg

    titles = {a.id: a.title or a.id for a in articles}
    items = "".join(
        f"<li><b>{escape(_date_label(e.date, e.end))}</b> — {escape(e.text)} "
        f"<small>({escape(', '.join(titles.get(i, i) for i in e.articles))})</small></li>"
        for e in events)
    return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
            "<title>Dòng thời gian</title></head><body><h1>Dòng thời gian</h1>"
            f"{timeline_svg(events)}<ol>{items}</ol></body></html>\n")


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option
@output_option
@quiet_option
def timeline(paths: tuple[str, ...], fmt: str, output: str | None, quiet: bool) -> None:
    """The dated events told by the articles in PATH..., each once, in date order.

    All articles are taken as one story. PATH is a file (.txt, .html, .jsonl, .warc), a
    directory, or - for standard input. Dates without a known year (28/3) stay partial.
    """
    from thoisu.pipeline import process, settle_dates
    from thoisu.timeline import build_timeline

    settings = get_settings()
    tally = Tally()

    def count_page(_page: object) -> None:
        tally.read += 1

    stdin = sys.stdin.buffer if "-" in paths else None
    articles = list(process(list(paths), settings, tally.report, stdin=stdin,
                            on_page=count_page))
    settle_dates(articles)
    events = build_timeline(articles)
    if fmt == "json":
        text = dump_json(timeline_json(events, articles))
    elif fmt == "html":
        text = timeline_html(events, articles)
    else:
        text = timeline_markdown(events, articles)
    write_output(text, output)
    if not quiet:
        click.echo(f"timeline: {len(events)} events from {len(articles)} articles", err=True)
    tally.finish(quiet)
