"""``thoisu timeline PATH...``: the dated events of a group of articles, merged and in order."""

from __future__ import annotations

import click

from thoisu.cli.common import (
    Tally,
    dump_json,
    format_option,
    get_settings,
    output_option,
    quiet_option,
    read_articles,
    write_output,
)


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option
@output_option
@quiet_option
@click.option("--explain", is_flag=True,
              help="Under each entry (Markdown), the evidence for its date and for its year "
                   "when inferred; JSON always carries it (evidence, year_evidence).")
def timeline(paths: tuple[str, ...], fmt: str, output: str | None, quiet: bool,
             explain: bool) -> None:
    """The dated events told by the articles in PATH..., each once, in date order.

    All articles are taken as one story. PATH is a file (.txt, .html, .jsonl, .warc), a
    directory, or - for standard input. Dates without a known year (28/3) stay partial; one
    whose article places it gets an approximate year, shown "15/3 (khoảng 2016)".
    """
    from thoisu.pipeline import settle_dates
    from thoisu.render.timeline_chart import timeline_html, timeline_json, timeline_markdown
    from thoisu.timeline import build_timeline

    settings = get_settings()
    tally = Tally()

    articles = list(read_articles(paths, settings, tally))
    settle_dates(articles)
    events = build_timeline(articles)
    if fmt == "json":
        text = dump_json(timeline_json(events, articles))
    elif fmt == "html":
        text = timeline_html(events, articles)
    else:
        text = timeline_markdown(events, articles, explain=explain)
    write_output(text, output)
    if not quiet:
        click.echo(f"timeline: {len(events)} events from {len(articles)} articles", err=True)
    tally.finish(quiet)
