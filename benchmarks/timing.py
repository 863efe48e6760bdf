"""What the speed scripts share: the median wall time of a few runs of one job."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], int], repeat: int) -> tuple[float, int]:
    """The median seconds of ``repeat`` runs of ``fn``, and what its last run returned."""
    times, n = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        n = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), n
