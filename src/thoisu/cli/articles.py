"""``thoisu ingest`` puts articles in the store; ``thoisu articles`` lists and shows them."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from thoisu.cli.common import (
    Tally,
    db_option,
    dump_json,
    get_settings,
    open_existing_store,
    progress,
    quiet_option,
    read_articles,
    stats_option,
    write_output,
    write_stats,
)
from thoisu.model import Article
from thoisu.render.dates_vi import format_date
from thoisu.stats import RunStats

if TYPE_CHECKING:
    from thoisu.ingest import IngestResult
    from thoisu.store import Store


def _open_store(db_url: str | None) -> Store:
    """The store named by ``--db``, else by the settings, else the default SQLite file (which
    must exist: these commands only read)."""
    return open_existing_store(db_url)


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@quiet_option
@stats_option
def ingest(paths: tuple[str, ...], db_url: str | None, quiet: bool,
           stats_file: str | None) -> None:
    """Read, clean and analyse PATH... (files, directories, - for stdin) into the store.

    An article already stored (same content id) is not added again.
    """
    from thoisu.ingest import ingest_articles
    from thoisu.store import Store

    settings = get_settings(db_url=db_url)
    tally = Tally()
    stats = RunStats() if stats_file else None

    try:
        with (Store.open(settings.db_url or None) as store,
              progress(read_articles(paths, settings, tally), None, "Ingest", quiet) as items):
            result = ingest_articles(store, items, settings, stats=stats,
                                     on_failure=tally.store_failed)
    except KeyboardInterrupt:
        # 130 as for any program stopped by Ctrl-C (and as thoisu batch does).
        click.echo("thoisu: ingest stopped; the articles stored so far are kept: run the "
                   "same command again to go on", err=True)
        sys.exit(130)
    click.echo(f"{len(result.added)} added, {len(result.already_present)} already in the store")
    if not quiet:
        click.echo(stories_line(result), err=True)
    write_stats(stats, tally, stats_file)
    tally.finish(quiet=quiet)


def stories_line(result: IngestResult) -> str:
    """What the ingest did to stories, the work an interrupted earlier run left included.

    >>> from thoisu.ingest import IngestResult
    >>> line = stories_line(IngestResult(described=53))
    >>> line.startswith("stories: 0 new or changed; 53 described"), line.split(", ")[-1]
    (True, '53 of them left undescribed by an earlier run')
    """
    line = f"stories: {len(result.stories)} new or changed"
    if result.healed:
        line += f" ({result.healed} articles left over by an earlier run grouped)"
    earlier = result.described - len(result.stories)
    if earlier > 0:  # a run stopped while describing left these: say that this one did them
        line += (f"; {result.described} described (summary, timeline, names), {earlier} of "
                 "them left undescribed by an earlier run")
    return line


@click.group(invoke_without_command=True)
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N",
              help="Show at most N articles.")
@click.option("--offset", type=click.IntRange(min=0), default=0, metavar="N",
              help="Skip the first N articles (past the last one: an empty list).")
@click.pass_context
def articles(ctx: click.Context, db_url: str | None, fmt: str, limit: int | None,
             offset: int) -> None:
    """List the stored articles, in the order they were added (or see: articles show ID)."""
    ctx.obj = {"db_url": db_url}
    if ctx.invoked_subcommand is not None:
        return
    with _open_store(db_url) as store:
        found = store.list_articles(limit=limit, offset=offset)
        total = store.count_articles()
    if fmt == "json":
        from thoisu.render.article_json import article_to_json

        write_output(dump_json([article_to_json(a) for a in found]), None)
        return
    if total == 0:
        click.echo(f"no articles in the store at {store.url} yet; add some with "
                   "'thoisu ingest PATH...'", err=True)
        return
    _print_table(found, total, offset)


def _print_table(found: list[Article], total: int, offset: int) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(caption=f"{offset + 1 if found else offset}–{offset + len(found)} of {total}")
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("published", no_wrap=True)
    table.add_column("source")
    table.add_column("title", ratio=1)
    table.add_column("¶", justify="right", no_wrap=True)
    for article in found:
        table.add_row(article.id, format_date(article.published) if article.published else "",
                      article.source or "", article.title, str(len(article.paragraphs)))
    Console(file=sys.stdout, highlight=False).print(table)


@articles.command("show")
@click.argument("article_id", metavar="ID")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.pass_context
def show(ctx: click.Context, article_id: str, db_url: str | None, fmt: str) -> None:
    """Show one article: its text, date, source and the lines removed from it, with why.

    ID may be the start of an id, as long as only one article starts with it.
    """
    db_url = db_url or (ctx.obj or {}).get("db_url")
    with _open_store(db_url) as store:
        article = store.get_article(article_id)
        if article is None:
            raise click.ClickException(
                f"no article with id {article_id!r} in the store at {store.url}; "
                "see 'thoisu articles' for the ids")
    if fmt == "json":
        from thoisu.render.article_json import article_to_json

        write_output(dump_json(article_to_json(article)), None)
    else:
        write_output(article_text(article), None)


def article_text(article: Article) -> str:
    """An article as plain text: heading, facts, text, captions, then what was removed."""
    out = [article.title or "(no title)", ""]
    facts = [("id", article.id), ("published", _published(article)), ("source", article.source),
             ("byline", article.byline), ("url", article.url), ("origin", str(article.origin))]
    out.extend(f"{name}: {value}" for name, value in facts if value)
    if article.lead:
        out += ["", article.lead]
    for paragraph in article.paragraphs:
        out += ["", paragraph]
    if article.captions:
        out += ["", "Captions:"]
        out.extend(f"  - {caption}" for caption in article.captions)
    if article.removed:
        out += ["", f"Removed lines ({len(article.removed)}):"]
        out.extend(f"  [{r.role} · {r.rule}] {r.text}" for r in article.removed)
    return "\n".join(out) + "\n"


def _published(article: Article) -> str | None:
    if article.published is None:
        return None
    evidence = article.published_evidence
    if evidence is None or not evidence.evidence:
        return format_date(article.published)
    return f"{format_date(article.published)} ({'; '.join(evidence.evidence)})"
