"""``thoisu batch``: archives on a Dask cluster, into Parquet files, the store, or both.

See docs/batch.md. The run is resumable: finished partitions are kept with a completion
marker under ``--out`` (or ``--state``), and the same command run again skips them.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from types import FrameType
from typing import TYPE_CHECKING

import click

from thoisu.cli.common import Tally, db_option, get_settings, quiet_option
from thoisu.settings import Settings

if TYPE_CHECKING:
    from distributed import Client

    from thoisu.batch import Progress, RunReport


def _connect(scheduler: str | None, workers: int | None,
             dashboard: bool) -> AbstractContextManager[Client]:
    from thoisu.batch import local_client

    if scheduler is None:
        if dashboard:
            return local_client(workers, dashboard_address="127.0.0.1:0",
                                scheduler_kwargs={"dashboard": True,
                                                  "dashboard_address": "127.0.0.1:0"})
        return local_client(workers)
    from distributed import Client

    try:
        return Client(scheduler, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise click.ClickException(
            f"cannot reach the Dask scheduler at {scheduler} ({type(exc).__name__}: {exc}); "
            "check the address, e.g. tcp://10.0.0.5:8786, and that the scheduler is running"
        ) from exc


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """SIGTERM (a job scheduler stopping the job, ``kill``) stops the run as Ctrl-C does, so
    the cluster is closed and no worker process is left behind."""

    def stop(signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    old = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--out", "out", default=None, metavar="DIR",
              type=click.Path(file_okay=False),
              help="Write the Parquet datasets articles/, stories/ and problems/ here (and "
                   "the run's state, for resuming, under DIR/_batch).")
@db_option
@click.option("--state", "state", default=None, metavar="DIR",
              type=click.Path(file_okay=False),
              help="Where finished partitions are kept for resuming; default DIR/_batch with "
                   "--out, else a temporary folder removed at the end.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler to use, e.g. tcp://10.0.0.5:8786; default: start a local "
                   "cluster on this machine (loopback only).")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes of the local cluster; default: one per CPU.")
@click.option("--partition-size", type=click.IntRange(min=1), default=None, metavar="N",
              help="Files per partition (default: the batch_partition_files setting, 32).")
@click.option("--partition-bytes", type=click.IntRange(min=1), default=None, metavar="N",
              help="Bytes per partition; a larger JSON Lines or WARC file is cut into ranges "
                   "of about this size (default: batch_partition_bytes, 4000000).")
@click.option("--story-step", type=click.IntRange(min=0), default=None, metavar="N",
              help="Cluster stories N articles at a time (default: batch_story_step, 0 = all "
                   "at once, the stories of thoisu digest).")
@click.option("--rehash", is_flag=True,
              help="Also compare the SHA-256 of each finished partition's input bytes before "
                   "reusing it (default: size and modification time).")
@click.option("--dashboard", is_flag=True,
              help="Start the Dask dashboard of the local cluster (127.0.0.1) and print its "
                   "address; with --scheduler, print the scheduler's dashboard address.")
@quiet_option
def batch(paths: tuple[str, ...], out: str | None, db_url: str | None, state: str | None,
          scheduler: str | None, workers: int | None, partition_size: int | None,
          partition_bytes: int | None, story_step: int | None, rehash: bool,
          dashboard: bool, quiet: bool) -> None:
    """Read, clean and analyse PATH... on a Dask cluster; write Parquet, the store, or both.

    With --out only, the Parquet datasets are written and the store is not touched; with
    --db (or neither option) the articles go into the store as 'thoisu ingest' puts them.
    Paths must be readable by the workers under the same names, and --out (or --state) must
    be on storage every worker can write: with --scheduler, absolute paths on a shared file
    system. Run the same command again after an interruption: finished partitions are kept.
    """
    from thoisu.batch import DaskMissingError, require_dask, run_archive

    try:
        require_dask()
    except DaskMissingError as exc:
        raise click.ClickException(str(exc)) from exc
    if scheduler is not None and workers is not None:
        raise click.UsageError("--workers is for the local cluster; leave it out with "
                               "--scheduler (the cluster has its own workers)")
    if "-" in paths:
        raise click.UsageError("standard input cannot be sent to Dask workers; save it to a "
                               "file and give its path (or use 'thoisu ingest -')")
    settings = get_settings(db_url=db_url)
    use_store = db_url is not None or out is None
    tally = Tally()
    temporary = None
    if state is None and out is None:
        temporary = state = tempfile.mkdtemp(prefix="thoisu-batch-")

    def show(progress: Progress) -> None:
        if not quiet:
            click.echo(progress.line(), err=True)

    report = None
    try:
        with _stop_on_sigterm(), _connect(scheduler, workers, dashboard) as client:
            if dashboard:
                click.echo(f"dashboard: {client.dashboard_link}", err=True)
            try:
                report = run_archive(
                    list(paths), settings, client, out, state,
                    partition_files=partition_size or settings.batch_partition_files,
                    partition_bytes=partition_bytes or settings.batch_partition_bytes,
                    story_step=settings.batch_story_step if story_step is None else story_step,
                    rehash=rehash, on_progress=show, on_problem=tally.report)
            except RuntimeError as exc:
                raise click.ClickException(str(exc)) from exc
        pages = _pages(report)
        if use_store:
            _store(report, settings, tally, quiet)
    except KeyboardInterrupt:
        where = out or state
        click.echo("thoisu: batch stopped; the partitions finished so far are kept"
                   + (f" in {where}: run the same command again to go on" if not temporary
                      else ""), err=True)
        sys.exit(130)
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
    if out is not None:
        click.echo(f"{report.articles} articles, {report.stories} stories, "
                   f"{len(report.problems)} problems written to {out}")
    if not quiet:
        click.echo(f"partitions: {report.partitions} ({report.reused} reused, "
                   f"{report.analysed} analysed, {report.lost} lost)", err=True)
        if report.lost:
            click.echo(f"thoisu: {report.lost} partitions could not be processed; run the same "
                       "command again to redo them", err=True)
    if report.failed and not tally.failed:
        tally.failed = sum(1 for p in report.problems if p.kind == "failed")
    tally.read = pages
    tally.finish(quiet=quiet)


def _pages(report: RunReport) -> int:
    """Pages read by the run's finished partitions (reused ones included)."""
    import json

    total = 0
    for key in report.keys:
        try:
            with open(os.path.join(report.state, "done", f"{key}.json"),
                      encoding="utf-8") as stream:
                total += int(json.load(stream).get("pages", 0))
        except (OSError, ValueError):
            continue
    return total


def _store(report: RunReport, settings: Settings, tally: Tally, quiet: bool) -> None:
    """Put the finished partitions' articles into the store, as ``thoisu ingest`` does."""
    from thoisu.batch.archive import stored_articles
    from thoisu.ingest import ingest_articles
    from thoisu.store import Store

    with Store.open(settings.db_url or None) as store:
        result = ingest_articles(store, stored_articles(report.state, report.keys), settings,
                                 on_failure=tally.store_failed)
    click.echo(f"{len(result.added)} added, {len(result.already_present)} already in the store")
    if not quiet:
        click.echo(f"stories: {len(result.stories)} new or changed", err=True)
