"""``thoisu digest`` (the main job) and ``thoisu clean`` (one page, its lines and their roles)."""

from __future__ import annotations

import sys

import click

from thoisu.cli.common import (
    Tally,
    dump_json,
    format_option,
    get_settings,
    output_option,
    progress,
    quiet_option,
    stats_option,
    stdin_for,
    write_output,
    write_stats,
)
from thoisu.model import Article, Line
from thoisu.stories.features import Features


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option
@output_option
@quiet_option
@click.option("--length", type=click.IntRange(min=1), default=None, metavar="N",
              help="Summary length in syllables (default: the summary_syllables setting, 200).")
@click.option("--tone-style", type=click.Choice(["old", "new"]), default=None,
              help="Tone-mark placement: old (hòa, thủy) or new (hoà, thuỷ).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for cleaning and analysis (default: the jobs setting, 1).")
@click.option("--words", is_flag=True, default=None,
              help="Segment every sentence into words (underthesea CRF); the JSON then lists "
                   "each article's sentences with their words.")
@click.option("--explain", is_flag=True,
              help="Say why the statements of each disagreement between outlets were paired.")
@stats_option
def digest(paths: tuple[str, ...], fmt: str, output: str | None, quiet: bool,
           length: int | None, tone_style: str | None, jobs: int | None,
           words: bool | None, explain: bool, stats_file: str | None) -> None:
    """Read, clean and analyse news pages; report articles and stories.

    PATH is a file (.txt, .html, .jsonl, .warc, .warc.gz), a directory, or - for standard input.
    """
    from thoisu.pipeline import digest as run_digest
    from thoisu.pipeline import process

    settings = get_settings(tone_style=tone_style, jobs=jobs, segment_words=words or None)
    tally = Tally()

    features: dict[str, Features] = {}  # story features, made by the workers (jobs > 1)
    articles = process(list(paths), settings, tally.report, stdin=stdin_for(paths),
                       on_page=tally.count_page, story_features=features)
    with progress(articles, None, "Đọc bài", quiet) as items:
        collected = list(items)
    if not collected and (tally.failed or tally.skipped):
        # Every input was missing or unusable (a typo, an empty folder): an empty report would
        # look like a result; the problems above say what to fix.
        click.echo(tally.summary(), err=True)
        click.echo(f"thoisu: error: no article read from {', '.join(paths)}; nothing to "
                   "report (see the problems above)", err=True)
        sys.exit(1)
    result = run_digest(collected, settings, summary_syllables=length, features=features)
    stats = None
    if stats_file:
        from thoisu.stats import RunStats

        stats = RunStats()
        for article in result.articles:
            stats.count_article(article)
        stats.count_stories(result.stories)
    if fmt == "json":
        from thoisu.render.json_report import digest_to_json

        text = dump_json(digest_to_json(result))
    elif fmt == "html":
        from thoisu.render.html_report import digest_html

        text = digest_html(result)
    else:
        from thoisu.render.markdown import digest_markdown

        text = digest_markdown(result, explain)
    write_output(text, output)
    write_stats(stats, tally, stats_file)
    tally.finish(quiet)


def _explain(article: Article) -> str:
    width = max((len(line.role.value) for line in article.lines), default=5)
    out = [f"# {article.title or '(no title)'}  [{article.id}]  {article.origin}"]
    for line in article.lines:
        if line.role.value == "blank":
            continue
        out.append(f"{line.number:>4}  {line.role.value:<{width}}  {line.rule:<22}  {line.text}")
    return "\n".join(out)


def _plain(article: Article) -> str:
    out = [article.title or "(no title)", ""]
    if article.lead:
        out += [article.lead, ""]
    for para in article.paragraphs:
        out += [para, ""]
    for caption in article.captions:
        out.append(f"[ảnh] {caption}")
    if article.byline or article.source:
        out.append(" — ".join(x for x in [article.byline, article.source] if x))
    return "\n".join(out).rstrip()


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE...")
@click.option("--explain", is_flag=True, help="Show every line with its role and the rule.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@output_option
def clean(paths: tuple[str, ...], explain: bool, fmt: str, output: str | None) -> None:
    """Clean pages and show the article text (or, with --explain, each line's role)."""
    from thoisu.pipeline import process

    settings = get_settings()
    tally = Tally()

    articles = list(process(list(paths), settings, tally.report, stdin=stdin_for(paths),
                            on_page=tally.count_page, analysed=False))
    if fmt == "json":
        from thoisu.render.article_json import article_to_json

        payload = []
        for article in articles:
            data = article_to_json(article)
            if explain:
                data["lines"] = [_line_json(line) for line in article.lines]
            payload.append(data)
        text = dump_json(payload)
    else:
        text = "\n\n".join(_explain(a) if explain else _plain(a) for a in articles) + "\n"
    write_output(text, output)
    tally.finish(quiet=True)


def _line_json(line: Line) -> dict[str, object]:
    return {"line": line.number, "role": line.role.value, "rule": line.rule, "text": line.text}
