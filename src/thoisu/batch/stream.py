"""The same stages (read → clean → analyse) on a Dask cluster, for archives beyond one machine.

>>> from distributed import Client                                # doctest: +SKIP
>>> with Client("tcp://10.0.0.5:8786") as client:                # doctest: +SKIP
...     for item in run_batch(["luu-tru/"], Settings(), client):
...         print(item.id if isinstance(item, Article) else f"problem: {item}")

The input files are cut into partitions by the one planner of ``thoisu batch``
(:func:`thoisu.batch.partitions.plan_partitions`: ``partition_size`` files each; a large
JSON Lines or WARC archive is cut into byte ranges). Each partition is one task: the worker
reads, cleans and analyses its chunks as :func:`thoisu.pipeline.process` would, loading its
own models on first use (a loaded CRF model does not pickle), and sends back articles and
problems. Results come out in input order, the order
``process`` gives in one process, while later partitions are still running.

Memory stays bounded: at most ``window`` partitions are submitted or waiting to be handed on at
any time. Bad input never raises: a bad file is a :class:`~thoisu.model.Problem` in its place,
and so is a partition the cluster lost (a worker that died on it).

Workers must have thoisu installed and see the input files under the same paths: with a
:class:`distributed.LocalCluster` that is automatic; on a real cluster, use absolute paths on a
shared file system.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from thoisu.batch.partitions import Part, plan_partitions
from thoisu.model import Article, Problem
from thoisu.settings import Settings

if TYPE_CHECKING:
    from distributed import Client, Future

DASK_EXTRA = "pip install 'thoisu[dask]'"
# Files per task: big enough that Dask's per-task cost (a few ms) is small beside the work of
# cleaning and analysing the pages, small enough that two workers stay evenly busy.
DEFAULT_PARTITION_SIZE = 32


class DaskMissingError(ImportError):
    """Dask is an optional extra; the message says how to install it."""

    def __init__(self, what: str = "batch processing") -> None:
        super().__init__(f"{what} needs Dask, which is not installed; {DASK_EXTRA}")


def require_dask() -> None:
    """Raise :class:`DaskMissingError` if ``dask.distributed`` cannot be imported."""
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise DaskMissingError() from exc


@dataclass
class PartitionResult:
    """What a task sends back: its articles and problems in input order, and pages read."""

    items: list[Article | Problem]
    pages: int


# -- work (in a worker) -----------------------------------------------------------------------


def process_partition(part: Part, settings: Settings) -> PartitionResult:
    """Read, clean and analyse a partition's chunks exactly as :func:`thoisu.pipeline.process`
    does (a byte range of a file gives what reading the whole file gives).

    Runs in a worker. Never raises for bad input: an error while processing one chunk becomes
    a Problem for it (after the articles it already gave), and the next chunk goes on.
    """
    from thoisu.batch.work import part_items

    return PartitionResult(*part_items(part, settings))


def lost_partition(part: Part, error: BaseException) -> list[Problem]:
    """A Problem for each file of a partition whose task failed on the cluster."""
    detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
    why = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return [Problem(path, f"could not be processed on the Dask cluster ({why}); run the batch "
                    "again, or 'thoisu ingest' this file", kind="failed")
            for path in part.paths]


# -- running (in the client) ------------------------------------------------------------------


def _threads(client: Client) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # a scheduler that cannot answer now; the window just stays small
        return 1


def run_batch(
    paths: Sequence[str],
    settings: Settings,
    client: Client | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    *,
    window: int | None = None,
    on_pages: Callable[[int], None] | None = None,
) -> Iterator[Article | Problem]:
    """Articles and problems of ``paths``, made on a Dask cluster, in input order.

    ``client`` None means the current default client, or else a local cluster (worker
    processes on this machine, loopback only; ``settings.jobs`` of them if above 1, else one
    per CPU) for the length of the run. ``window`` is how
    many partitions may be in flight or waiting at once (default: twice the worker threads).
    ``on_pages`` is told how many pages each partition read, as it arrives.
    """
    require_dask()
    steps = plan_partitions(paths, partition_files=partition_size)
    if client is None:
        from distributed import default_client

        try:
            client = default_client()
        except ValueError:  # no client yet: bring a cluster up for this run only
            yield from _run_on_local(steps, settings, window, on_pages)
            return
    yield from _run(steps, settings, client, window, on_pages)


def _run_on_local(steps: list[Part | Problem], settings: Settings, window: int | None,
                  on_pages: Callable[[int], None] | None) -> Iterator[Article | Problem]:
    with local_client(settings.jobs if settings.jobs > 1 else None) as client:
        yield from _run(steps, settings, client, window, on_pages)


def _run(steps: list[Part | Problem], settings: Settings, client: Client,
         window: int | None, on_pages: Callable[[int], None] | None,
         ) -> Iterator[Article | Problem]:
    from distributed import as_completed

    worker_settings = settings.replace(jobs=1)  # a worker is one process of the pool already
    window = max(1, window or 2 * _threads(client))
    token = uuid.uuid4().hex[:12]
    done: dict[int, list[Article | Problem]] = {}  # finished steps waiting for their turn
    running: dict[Future, int] = {}
    pending = as_completed()
    submitted = handed = 0

    def submit_more() -> None:
        nonlocal submitted
        while submitted < len(steps) and submitted - handed < window:
            step = steps[submitted]
            if isinstance(step, Problem):
                done[submitted] = [step]
            else:
                future = client.submit(process_partition, step, worker_settings,
                                       key=f"thoisu-batch-{token}-{step.index}", pure=False)
                running[future] = submitted
                pending.add(future)
            submitted += 1

    def hand_on() -> Iterator[Article | Problem]:
        nonlocal handed
        while handed in done:
            yield from done.pop(handed)
            handed += 1

    try:
        submit_more()
        while True:
            yield from hand_on()
            if handed >= len(steps):
                break
            submit_more()
            if handed in done:  # a listing problem: nothing to wait for
                continue
            # The step due next is running (submit_more keeps it in the window), so this waits.
            future = next(pending)
            at = running.pop(future)
            done[at] = _collect(future, steps[at], on_pages)
    finally:
        # Stopped early (or failed): the cluster need not finish what nobody will read.
        if running:
            with suppress(Exception):  # a client already gone must not hide the first error
                client.cancel(list(running))


def _collect(future: Future, step: Part | Problem,
             on_pages: Callable[[int], None] | None) -> list[Article | Problem]:
    try:
        result: PartitionResult = future.result()
    except Exception as exc:  # the task failed: a worker died on it, or was lost
        return list(lost_partition(step, exc)) if isinstance(step, Part) else [step]
    finally:
        future.release()
    if on_pages is not None:
        on_pages(result.pages)
    return result.items


@contextmanager
def local_client(workers: int | None = None, **cluster: Any) -> Iterator[Client]:
    """A client of a new cluster of worker processes on this machine, closed on exit.

    One thread per worker (underthesea's CRF tagger is not known to be thread-safe), loopback
    only, no dashboard. ``workers`` None means one per CPU.
    """
    require_dask()
    from distributed import Client, LocalCluster

    options: dict[str, Any] = {
        "n_workers": workers or os.cpu_count() or 1,
        "threads_per_worker": 1,
        "processes": True,
        "host": "127.0.0.1",
        "dashboard_address": None,
        # Workers log only errors: cancelled tasks at Ctrl-C are expected, not news.
        "silence_logs": logging.ERROR,
        # The scheduler serves a few HTTP routes (health, metrics) even without a dashboard,
        # by default on port 8787 of every interface it listens on; a free loopback port
        # instead, so two clusters on one machine do not fight over it.
        "scheduler_kwargs": {"dashboard": False, "dashboard_address": "127.0.0.1:0"},
    }
    options.update(cluster)
    try:
        with _quiet_dask_logs(), LocalCluster(**options) as local, Client(local) as client:
            yield client
    finally:
        reap_children()


def reap_children(timeout: float = 10.0) -> int:
    """Wait for this process's child processes to end (killing those that outlive
    ``timeout``), so no worker, nanny or helper process outlives the command; the number
    that had to be killed.

    Closing a LocalCluster stops its nannies, which stop their workers, but a worker still
    busy is killed only after a delay and its process may not yet be reaped when the
    command exits; multiprocessing's resource tracker, too, lives until its parent ends.
    """
    import psutil

    with suppress(Exception):  # no tracker started, or one already gone
        from multiprocessing import resource_tracker

        resource_tracker._resource_tracker._stop()  # type: ignore[attr-defined]
    try:
        children = psutil.Process().children(recursive=True)
    except psutil.Error:
        return 0
    _, alive = psutil.wait_procs(children, timeout=timeout)
    for process in alive:
        with suppress(psutil.Error):
            process.kill()
    psutil.wait_procs(alive, timeout=timeout)
    return len(alive)


@contextmanager
def _quiet_dask_logs(level: int = logging.WARNING) -> Iterator[None]:
    """Keep the scheduler's INFO chatter (workers joining, leaving) off the user's terminal.

    LocalCluster's ``silence_logs`` only quiets Dask's own handlers while the cluster starts;
    when something configured the root logger before Dask was imported, the records go there.
    """
    logger = logging.getLogger("distributed")
    # The nanny warns when it has to kill a worker slow to stop at close; it is then stopped.
    nanny = logging.getLogger("distributed.nanny")
    old, old_nanny = logger.level, nanny.level
    logger.setLevel(max(level, old))
    nanny.setLevel(max(logging.ERROR, old_nanny))
    try:
        yield
    finally:
        logger.setLevel(old)
        nanny.setLevel(old_nanny)
