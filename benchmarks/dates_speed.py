"""Time per article of the date stages over the ViMs articles.

    python benchmarks/dates_speed.py [PATH_TO_VIMS]

Prints median and mean milliseconds per article for tag_dates (anchored to a publication
date), for infer_published, and for both, over the 1,950 ViMs articles (title + text).
Each article is timed REPEATS times and its fastest run kept, in CPU time of this process:
on a shared machine wall-clock time mostly measures the other processes.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from thoisu.dates import tag_dates
from thoisu.dates.published import infer_published
from thoisu.evaluate.vims import load_vims
from thoisu.model import Article, Origin, PartialDate

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 3


def _best(fn: object, *args: object) -> float:
    """Fastest of REPEATS runs, CPU milliseconds."""
    runs = []
    for _ in range(REPEATS):
        start = time.process_time()
        fn(*args)  # type: ignore[operator]
        runs.append(time.process_time() - start)
    return min(runs) * 1000


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "vims"
    articles = []
    for cluster in load_vims(path):
        for k, a in enumerate(cluster.articles):
            articles.append(Article(id=f"{cluster.id}/{k}", origin=Origin(str(a.path)),
                                    title=a.title, paragraphs=a.text.split("\n")))
    anchor = PartialDate(2017, 6, 1)
    wall = time.perf_counter()
    for article in articles:
        tag_dates(article.full_text, anchor)
        infer_published(article)
    wall = (time.perf_counter() - wall) * 1000 / len(articles)
    tag_ms = [_best(tag_dates, a.full_text, anchor) for a in articles]
    infer_ms = [_best(infer_published, a) for a in articles]
    both = [a + b for a, b in zip(tag_ms, infer_ms, strict=True)]
    chars = statistics.mean(len(a.full_text) for a in articles)
    print(f"{len(articles)} ViMs articles, {chars:.0f} characters on average")
    for name, values in (("tag_dates", tag_ms), ("infer_published", infer_ms), ("both", both)):
        print(f"{name:<16} median {statistics.median(values):6.3f} ms   "
              f"mean {statistics.mean(values):6.3f} ms   max {max(values):6.2f} ms")
    print(f"one plain pass, wall clock: {wall:.3f} ms per article for both "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
