"""Throughput of read + clean + sentences + words over every ViMs article.

    python benchmarks/read_clean_speed.py [--path ../shared/data/vims] [--repeat 3] [--jobs 2]

Prints articles per second and MB per second for each stage added in turn (read only, + clean,
+ sentences, + words with underthesea's CRF), in one process and with ``--jobs`` worker
processes, each the median of ``--repeat`` runs. The issue's target is 200 articles/s on a
2-core machine; it is printed beside the figures. The machine is shared: compare the ratios.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from timing import timed  # benchmarks/timing.py, beside this script

from thoisu.clean import clean_page
from thoisu.model import Problem, RawPage
from thoisu.read import iter_pages
from thoisu.settings import Settings
from thoisu.text.sentences import article_sentences
from thoisu.text.words import segment

TARGET = 200.0


def _pages(paths: list[str], settings: Settings) -> list[RawPage]:
    pages = []
    for item in iter_pages(paths, settings):
        if isinstance(item, Problem):
            raise SystemExit(f"unexpected problem: {item}")
        pages.append(item)
    return pages


def run(paths: list[str], depth: int) -> int:
    """Run the first ``depth`` stages over ``paths``; return the number of articles made."""
    settings = Settings()
    pages = _pages(paths, settings)
    if depth == 0:
        return len(pages)
    count = 0
    for page in pages:
        for article in clean_page(page, settings):
            count += 1
            if depth >= 2:
                article.sentences = article_sentences(article.lead, article.paragraphs)
            if depth >= 3:
                for sentence in article.sentences:
                    sentence.words = segment(sentence.text)
    return count


def _parallel(paths: list[str], depth: int, jobs: int) -> int:
    chunks = [paths[k::jobs] for k in range(jobs)]
    with ProcessPoolExecutor(jobs) as pool:
        return sum(pool.map(run, chunks, [depth] * jobs))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(Path(__file__).resolve().parents[2] / "shared" /
                                              "data" / "vims"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    files = sorted(str(p) for p in Path(args.path, "data").rglob("*.txt"))
    if not files:
        sys.exit(f"{args.path}: no ViMs articles under data/")
    megabytes = sum(Path(f).stat().st_size for f in files) / 1e6
    segment("khởi động mô hình")  # load the CRF model outside the timings
    stages = ["read", "+ clean", "+ sentences", "+ words (underthesea CRF)"]
    print(f"{len(files)} ViMs files, {megabytes:.2f} MB; median of {args.repeat} runs; "
          f"target {TARGET:.0f} articles/s")
    print(f"{'stages':<28}{'processes':>10}{'articles':>10}{'seconds':>10}{'art/s':>10}"
          f"{'MB/s':>8}{'vs target':>11}")
    for depth, name in enumerate(stages):
        for jobs in sorted({1, args.jobs}):
            if jobs == 1:
                seconds, n = timed(lambda d=depth: run(files, d), args.repeat)
            else:
                seconds, n = timed(lambda d=depth, j=jobs: _parallel(files, d, j), args.repeat)
            rate = len(files) / seconds
            print(f"{name:<28}{jobs:>10}{n:>10}{seconds:>10.2f}{rate:>10.0f}"
                  f"{megabytes / seconds:>8.2f}{rate / TARGET:>10.2f}x")


if __name__ == "__main__":
    main()
