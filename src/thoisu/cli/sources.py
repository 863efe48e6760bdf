"""``thoisu sources add|list|remove``: the feeds, sitemaps and pages ``thoisu watch`` polls."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from thoisu.cli.common import db_option, dump_json, get_settings, write_output

if TYPE_CHECKING:
    from thoisu.model import Source
    from thoisu.settings import Settings
    from thoisu.store import Store


def open_store(db_url: str | None) -> tuple[Store, Settings]:
    from thoisu.store import Store

    settings = get_settings(db_url=db_url)
    return Store.open(settings.db_url or None), settings


@click.group(invoke_without_command=True)
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format of the listing.")
@click.pass_context
def sources(ctx: click.Context, db_url: str | None, fmt: str) -> None:
    """The sources thoisu follows, with how their polls went (or: sources add|remove)."""
    ctx.obj = {"db_url": db_url}
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_sources, db_url=db_url, fmt=fmt)


@sources.command("add")
@click.argument("url")
@click.option("--name", default=None, help="A name to show (default: the feed's title or host).")
@click.option("--every", default=None, metavar="INTERVAL",
              help="Time between polls: 15m, 2h, 1d, 90s (default: setting source_every).")
@click.option("--kind", type=click.Choice(["feed", "sitemap", "page"]), default=None,
              help="What URL is; default: fetched once and recognised.")
@db_option
@click.pass_context
def add(ctx: click.Context, url: str, name: str | None, every: str | None, kind: str | None,
        db_url: str | None) -> None:
    """Follow URL: an RSS or Atom feed, a (news) sitemap or sitemap index, or one page."""
    from thoisu.sources.dates import parse_every, show_every
    from thoisu.sources.urls import BadURL, check_url
    from thoisu.store.sources import SourceBook

    db_url = db_url or (ctx.obj or {}).get("db_url")
    try:
        url = check_url(url)
    except BadURL as exc:
        raise click.BadParameter(str(exc), param_hint="URL") from exc
    settings = get_settings(db_url=db_url)
    try:
        seconds = parse_every(every) if every is not None else settings.source_every
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    if kind is None or name is None:
        kind, found_name = _recognise(url, settings, kind)
        name = name or found_name
    store, _ = open_store(db_url)
    with store:
        try:
            source = SourceBook(store).add(url, name, kind, seconds)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"source {source.id}: {source.name} ({source.kind}, every "
               f"{show_every(source.every)}) {source.url}")


def _recognise(url: str, settings: Settings, kind: str | None) -> tuple[str, str]:
    """The kind and a name of the document at ``url``, fetched once (politely)."""
    from urllib.parse import urlsplit

    from thoisu.sources.fetch import Fetcher, FetchError
    from thoisu.sources.kinds import NotASource, detect_kind, read_feed_links, unpack
    from thoisu.watch import FEED_ACCEPT

    host = urlsplit(url).hostname or url
    try:
        with Fetcher(settings) as fetcher:
            response = fetcher.get(url, accept=FEED_ACCEPT)
        if response.status >= 400:
            raise click.ClickException(f"{url} answers HTTP {response.status}; check the "
                                       "address (or give --kind and --name to add it anyway)")
        data = unpack(response.content, settings.fetch_max_bytes)
        found = kind or detect_kind(data, response.content_type)
        title = read_feed_links(data, response.headers).title if found == "feed" else None
    except FetchError as exc:
        raise click.ClickException(f"cannot fetch {url} to see what it is: {exc}; give --kind "
                                   "(and --name) to add it anyway") from exc
    except NotASource as exc:
        raise click.ClickException(f"{url}: {exc}") from exc
    return found, title or host


@sources.command("list")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.pass_context
def list_sources(ctx: click.Context, db_url: str | None, fmt: str) -> None:
    """Each source: kind, schedule, last poll, articles found, errors with reasons, backoff."""
    from thoisu.store.sources import SourceBook

    db_url = db_url or (ctx.obj or {}).get("db_url")
    store, _ = open_store(db_url)
    with store:
        found = SourceBook(store).all()
    if fmt == "json":
        write_output(dump_json([s.to_json() for s in found]), None)
        return
    if not found:
        click.echo(f"no sources in the store at {store.url} yet; add one with "
                   "'thoisu sources add URL'", err=True)
        return
    _print_table(found)


def _when(value: datetime | None) -> str:
    """A stored time (UTC) in the reader's local time, with its zone: ``2024-03-12 08:30 +07``.

    A naive value (SQLite hands back what was stored, without the zone) is taken as UTC.
    """
    if value is None:
        return "never"
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone()
    name = local.tzname() or ""
    # A zone with a name says it ("ICT", "UTC"); one known only by its offset shows that.
    zone = name if name and name[0] not in "+-" else local.strftime("%z")
    return local.strftime("%Y-%m-%d %H:%M ") + zone


def state_of(source: Source) -> str:
    """``ok``, ``not polled yet``, or the failures in a row and the end of the backoff."""
    if source.failures:
        return (f"{source.failures} failed polls in a row; backoff until "
                f"{_when(source.backoff_until)}")
    return "ok" if source.last_poll else "not polled yet"


def _print_table(found: list[Source]) -> None:
    """A table of the sources, then one line per source with an error: its reason in full."""
    from rich.console import Console
    from rich.table import Table

    from thoisu.sources.dates import show_every

    table = Table()
    for name, options in (("id", {"justify": "right"}), ("name", {}), ("kind", {}),
                          ("every", {}), ("last poll", {"no_wrap": True}),
                          ("found", {"justify": "right"}), ("last poll's outcome", {})):
        table.add_column(name, **options)  # type: ignore[arg-type]
    for s in found:
        table.add_row(str(s.id), s.name, s.kind, show_every(s.every), _when(s.last_poll),
                      f"{s.articles_found} ({s.last_found} last)", s.last_outcome or "")
    console = Console(file=sys.stdout, highlight=False, soft_wrap=True)
    console.print(table)
    for s in found:
        click.echo(f"[{s.id}] {s.url}: {state_of(s)}")
        if s.last_error:
            when = _when(s.last_error_at)
            click.echo(f"    {'error' if s.failures else 'last error'} ({when}): {s.last_error}")


@sources.command("remove")
@click.argument("key", metavar="ID|URL")
@db_option
@click.pass_context
def remove(ctx: click.Context, key: str, db_url: str | None) -> None:
    """Stop following a source. Its articles stay, and the URLs it fetched stay known."""
    from thoisu.store.sources import SourceBook

    db_url = db_url or (ctx.obj or {}).get("db_url")
    store, _ = open_store(db_url)
    with store:
        gone = SourceBook(store).remove(key)
    if gone is None:
        raise click.ClickException(f"no source {key!r} in the store at {store.url}; see "
                                   "'thoisu sources list' for ids and URLs")
    click.echo(f"removed source {gone.id}: {gone.name} {gone.url}")
