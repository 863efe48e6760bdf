"""``thoisu watch``: poll the due sources, fetch their new articles, keep stories up to date."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import click

from thoisu.cli.common import db_option, quiet_option
from thoisu.cli.sources import open_store


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Ctrl-C or SIGTERM sets ``stop`` (the article in hand is finished, then the round
    ends); a second Ctrl-C interrupts at once (the article in hand is rolled back)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def ask(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        click.echo("thoisu: stopping after the article in hand (Ctrl-C again to stop now)",
                   err=True)

    previous = {sig: signal.signal(sig, ask) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@click.command()
@click.option("--once", is_flag=True, help="One round, then exit (for cron).")
@click.option("--all", "poll_all", is_flag=True,
              help="Poll every source now, due or not (sources backed off still wait).")
@click.option("--refetch", is_flag=True,
              help="Fetch again the URLs the sources list even if fetched before.")
@db_option
@quiet_option
def watch(once: bool, poll_all: bool, refetch: bool, db_url: str | None, quiet: bool) -> None:
    """Poll the due sources; fetch, read and store their new articles; update the stories.

    Without --once it runs until stopped (Ctrl-C or SIGTERM end it cleanly). The exit status
    of --once is 1 when a source could not be polled.
    """
    from thoisu.store.sources import SourceBook
    from thoisu.watch import RoundReport, Watcher

    store, settings = open_store(db_url)
    stop = threading.Event()
    failed = False

    def report(result: RoundReport) -> None:
        nonlocal failed
        failed = failed or any(s.error for s in result.sources)
        _print_round(result, quiet)

    with store, stop_on_signals(stop):
        if not SourceBook(store).all():
            raise click.ClickException(f"no sources in the store at {store.url}; add one with "
                                       "'thoisu sources add URL'")
        watcher = Watcher(store, settings, stop=stop, refetch=refetch)
        try:
            watcher.run(rounds=1 if once else None, ignore_schedule=poll_all, on_round=report)
        finally:
            watcher.close()
    if once and failed:
        raise SystemExit(1)


def _print_round(result: object, quiet: bool) -> None:
    from thoisu.watch import RoundReport

    assert isinstance(result, RoundReport)
    if not result.sources and quiet:
        return
    for s in result.sources:
        click.echo(f"[{s.source.id}] {s.source.name}: {s.outcome}")
        if s.error:
            click.echo(f"    error: {s.error}")
        for url, reason in s.failed if not quiet else []:
            click.echo(f"    {url}: {reason}" if url not in reason else f"    {reason}")
    seconds = ((result.finished or result.started) - result.started).total_seconds()
    polled = len(result.sources)
    line = (f"round: {polled} sources polled, {len(result.added)} articles added, "
            f"{result.stories_changed} stories changed, {result.requests} requests, "
            f"{seconds:.1f} s")
    if result.stopped:
        line += " (stopped early; the rest is taken up next round)"
    click.echo(line, err=True)
