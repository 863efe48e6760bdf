"""Analysis off the event loop: a few worker processes, a short queue, a time limit per job.

Cleaning, analysing, grouping and summarising sent pages is CPU work of seconds (or, for a
hostile page, much more). It runs in separate processes so that the server's own process —
which answers every read page from stored results — never waits for it, not even for the
GIL. At most ``workers`` jobs run and ``queue`` more wait; beyond that :class:`PoolFull`
(the app answers 503 with ``Retry-After``). A job that runs longer than ``timeout`` seconds
is stopped in its worker by an alarm (:class:`JobTimeout`, 503); one that does not stop (stuck
in C code) is killed with its worker, which is replaced: a worker is never left behind grinding
through a pathological page.

>>> import asyncio
>>> pool = AnalysisPool(workers=1, queue=1, timeout=30)
>>> asyncio.run(pool.run(pow, 2, 10))
1024
>>> pool.close()
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")


class PoolFull(Exception):
    """Every worker is busy and the queue is full; try again in ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the analysis queue is full; retry in {retry_after} s")
        self.retry_after = retry_after


class JobTimeout(Exception):
    """The job ran past the pool's time limit and was stopped."""


class AnalysisPool:
    def __init__(self, workers: int = 1, queue: int = 4, timeout: float = 120.0,
                 warm: Callable[[], Any] | None = None) -> None:
        self.warm = warm or _warm
        self.workers = max(1, workers)
        self.queue = max(0, queue)
        self.timeout = timeout
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(self.workers + self.queue)
        self._running = 0
        self._closed = False

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                # spawn: a fresh interpreter, no copy of the server's open database
                # connections or threads.
                self._executor = ProcessPoolExecutor(
                    self.workers, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_die_with_parent)
                # Start the workers and import the stages now, not in the first job's time.
                for _ in range(self.workers):
                    self._executor.submit(self.warm)
            return self._executor

    def start(self) -> None:
        """Start the workers now (the server does, so the first request finds them ready)."""
        self._pool()

    @property
    def busy(self) -> int:
        """Jobs running or waiting now."""
        return self._running

    def retry_after(self) -> int:
        """Seconds a refused client should wait: a rough share of the time limit."""
        return max(1, min(60, int(self.timeout // 4) or 1))

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker process; :class:`PoolFull` at once when none is free."""
        if self._closed:
            raise PoolFull(self.retry_after())
        if not self._slots.acquire(blocking=False):
            raise PoolFull(self.retry_after())
        self._running += 1
        try:
            future = self._pool().submit(_limited, self.timeout, fn, *args)
            try:
                # The worker stops the job itself at the time limit (counted from when the job
                # starts, not while it waits); this is the backstop for a job stuck in C code.
                return await asyncio.wait_for(asyncio.wrap_future(future),
                                              self.timeout * 2 + 30)
            except TimeoutError as exc:
                self._kill()
                if not self._closed:
                    self.start()
                raise JobTimeout(f"the job took more than {self.timeout:g} s and was "
                                 "stopped; send smaller pages or fewer at once") from exc
            except BrokenProcessPool as exc:
                self._kill()
                if not self._closed:
                    self.start()
                raise JobTimeout("the analysis worker stopped unexpectedly; the job was "
                                 "not finished, send it again") from exc
        finally:
            self._running -= 1
            self._slots.release()

    def _kill(self, wait: bool = False) -> None:
        """Stop every worker now (the only way to stop a running job) and start afresh."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list(getattr(executor, "_processes", {}).values())
        for process in processes:
            if process.is_alive():
                process.kill()
        # With wait, the pool's manager thread is joined, so its queues and their semaphores
        # are released before the interpreter ends (else: "leaked semaphore objects").
        executor.shutdown(wait=wait, cancel_futures=True)
        if wait:
            for process in processes:
                process.join(5)

    def close(self) -> None:
        """Stop the workers at once (server shutdown must not wait for a long job)."""
        self._closed = True
        self._kill(wait=True)


def end_with_parent(signum: int | None = None) -> None:
    """Have this process sent ``signum`` (default SIGKILL) when its parent ends, even when
    the parent is killed (SIGKILL gives it no chance to stop its children); Linux only."""
    import contextlib
    import os
    import signal
    import sys

    if sys.platform.startswith("linux"):
        import ctypes

        # PR_SET_PDEATHSIG (1): this signal when the parent thread or process ends
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, int(signum or signal.SIGKILL))
    if os.getppid() == 1:  # the parent ended while this process was starting
        os._exit(0)


def _die_with_parent() -> None:
    """In a worker: end when the server ends, instead of lingering as an orphan waiting for
    jobs."""
    end_with_parent()


class _Expired(BaseException):
    """Raised in a worker by its alarm (a BaseException: job code cannot swallow it)."""


def _limited(seconds: float, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in the worker, stopped with :class:`JobTimeout` after ``seconds``."""
    import signal

    def expire(_signum: int, _frame: Any) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args)
    except _Expired:
        raise JobTimeout(f"the job took more than {seconds:g} s and was stopped; send "
                         "smaller pages or fewer at once") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _warm() -> None:
    """Import what the jobs use, in a worker that has just started."""
    import thoisu.ingest
    import thoisu.pipeline
    import thoisu.web.jobs  # noqa: F401
