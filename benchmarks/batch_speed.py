"""Articles per second: ``pipeline.process`` in one process beside ``run_batch`` on Dask.

    python benchmarks/batch_speed.py [--path ../shared/data/vims/data] [--repeat 3]
                                     [--workers 2] [--partition-size 32]

Both run read → clean → analyse (underthesea's CRF words) over every file under ``--path``.
The figures are medians of ``--repeat`` runs. The local cluster (``--workers`` processes, one
thread each) is started once, outside the timings; its first run, which loads each worker's
models, is timed apart as "first run". The one-process baseline loads its models before timing.
The machine is shared with other work, so compare the two columns, not the absolute figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timing import timed  # benchmarks/timing.py, beside this script

from thoisu.batch import DEFAULT_PARTITION_SIZE, local_client, run_batch
from thoisu.model import Article, Problem
from thoisu.pipeline import process
from thoisu.read import expand_paths
from thoisu.settings import Settings


def _in_one_process(files: list[str], settings: Settings) -> int:
    problems: list[Problem] = []
    count = sum(1 for _ in process(files, settings, problems.append))
    if any(p.kind == "failed" for p in problems):
        sys.exit(f"unexpected problem: {problems[0]}")
    return count


def _on_dask(files: list[str], settings: Settings, client: object, size: int) -> int:
    count = 0
    for item in run_batch(files, settings, client, size):  # type: ignore[arg-type]
        if isinstance(item, Article):
            count += 1
        elif item.kind == "failed":
            sys.exit(f"unexpected problem: {item}")
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(Path(__file__).resolve().parents[2] / "shared" /
                                              "data" / "vims" / "data"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION_SIZE)
    args = parser.parse_args(argv)
    files = expand_paths([args.path])
    if not files:
        sys.exit(f"{args.path}: no files to read")
    settings = Settings(segment_words=True)  # what the docstring and docs/batch.md measure
    _in_one_process(files[:1], settings)  # load the models outside the timings

    print(f"{len(files)} files under {args.path}; median of {args.repeat} runs")
    print(f"{'how':<50}{'articles':>10}{'seconds':>10}{'art/s':>10}")

    def row(name: str, seconds: float, n: int) -> None:
        print(f"{name:<50}{n:>10}{seconds:>10.2f}{n / seconds:>10.1f}", flush=True)

    seconds, n = timed(lambda: _in_one_process(files, settings), args.repeat)
    row("pipeline.process, 1 process", seconds, n)
    with local_client(args.workers) as client:
        name = f"run_batch, LocalCluster {args.workers} workers"
        first, n = timed(lambda: _on_dask(files, settings, client, args.partition_size), 1)
        row(f"{name} (first run)", first, n)
        seconds, n = timed(lambda: _on_dask(files, settings, client, args.partition_size),
                           args.repeat)
        row(name, seconds, n)


if __name__ == "__main__":
    main()
