"""``thoisu batch``: read, clean and analyse on a Dask cluster into the store (docs/batch.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import click

from thoisu.batch import DEFAULT_PARTITION_SIZE
from thoisu.cli.common import Tally, db_option, get_settings, progress, quiet_option
from thoisu.model import Article, Problem
from thoisu.settings import Settings

if TYPE_CHECKING:
    from distributed import Client

    from thoisu.store import Store

# New articles are handed to the story clustering this many at a time, loaded back from the
# store, so a long run never holds more of them in memory (each call also reloads the stored
# stories' members, so a much smaller step would cost more).
STORY_STEP = 5000


def _connect(scheduler: str | None, workers: int | None) -> AbstractContextManager[Client]:
    from thoisu.batch import local_client

    if scheduler is None:
        return local_client(workers)
    from distributed import Client

    try:
        return Client(scheduler, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise click.ClickException(
            f"cannot reach the Dask scheduler at {scheduler} ({type(exc).__name__}: {exc}); "
            "check the address, e.g. tcp://10.0.0.5:8786, and that the scheduler is running"
        ) from exc


def grow_stories(store: Store, added: Sequence[str], settings: Settings) -> set[str]:
    """Let the newly stored articles join the stored stories; the ids of stories changed."""
    from thoisu.stories.sync import update_stories

    changed: set[str] = set()
    for start in range(0, len(added), STORY_STEP):
        new = store.get_articles(added[start:start + STORY_STEP])
        changed.update(story.id for story in update_stories(store, new, settings))
    return changed


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler to use, e.g. tcp://10.0.0.5:8786; default: start a local "
                   "cluster on this machine (loopback only).")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes of the local cluster; default: one per CPU.")
@click.option("--partition-size", type=click.IntRange(min=1), default=DEFAULT_PARTITION_SIZE,
              show_default=True, metavar="N",
              help="Files per task (a large file is a task of its own).")
@quiet_option
def batch(paths: tuple[str, ...], db_url: str | None, scheduler: str | None,
          workers: int | None, partition_size: int, quiet: bool) -> None:
    """Read, clean and analyse PATH... (files, directories) on a Dask cluster into the store.

    Articles are stored as they arrive, in input order; an article already stored (same
    content id) is not added again. Paths must be readable by the workers under the same
    names: with --scheduler, give absolute paths on a shared file system.
    """
    from thoisu.batch import DaskMissingError, require_dask, run_batch
    from thoisu.store import Store

    try:
        require_dask()
    except DaskMissingError as exc:
        raise click.ClickException(str(exc)) from exc
    if scheduler is not None and workers is not None:
        raise click.UsageError("--workers is for the local cluster; leave it out with "
                               "--scheduler (the cluster has its own workers)")
    settings = get_settings(db_url=db_url)
    tally = Tally()

    def count_pages(n: int) -> None:
        tally.read += n

    def articles_of(items: Iterable[Article | Problem]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, Problem):
                tally.report(item)
            else:
                yield item

    with Store.open(settings.db_url or None) as store:
        with _connect(scheduler, workers) as client:
            items = run_batch(list(paths), settings, client, partition_size,
                              on_pages=count_pages)
            # Stored as they arrive, a chunk at a time: only ids are kept.
            with progress(articles_of(items), None, "Batch", quiet) as articles:
                result = store.add_articles(articles, on_failure=tally.store_failed)
        changed = grow_stories(store, result.added, settings)
    click.echo(f"{len(result.added)} added, {len(result.already_present)} already in the store")
    if not quiet:
        click.echo(f"stories: {len(changed)} new or changed", err=True)
    tally.finish(quiet=quiet)
