"""Time of the disagreement stage per story, beside baselines in the same run.

    python benchmarks/disagree_speed.py [--corpus vims|ktlab] [--clusters N] [--repeat R]

Each cluster is analysed once (``thoisu.pipeline.analyse``, not timed), then timed per story:

- ``disagreements``: :func:`thoisu.disagree.find_disagreements` (the stage);
- ``timeline``: :func:`thoisu.timeline.build_timeline`, the story stage beside it;
- ``split``: lower-casing and splitting every sentence once, the floor of any pass that reads
  the text.

The machine is shared: compare the rows of one run, not runs of different moments.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from thoisu.disagree import find_disagreements
from thoisu.model import Article
from thoisu.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from disagree_dev import analysed, load_ktlab, load_vims


def _split(members: Sequence[Article]) -> None:
    for a in members:
        for s in a.sentences:
            s.text.lower().split()


def _timeline(members: Sequence[Article]) -> None:
    from thoisu.timeline import build_timeline

    build_timeline(list(members))


def per_story(groups: list[list[Article]], run: Callable[[Sequence[Article]], object],
              repeat: int) -> list[float]:
    """Milliseconds per story (the best of ``repeat`` runs of each story)."""
    out = []
    for members in groups:
        best = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            run(members)
            best = min(best, time.perf_counter() - t)
        out.append(1000 * best)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="vims", choices=["vims", "ktlab"])
    parser.add_argument("--clusters", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = Settings(segmenter="syllable")
    groups = [[analysed(a, settings) for a in g]
              for g in (load_vims if args.corpus == "vims" else load_ktlab)(args.clusters)]
    articles = sum(len(g) for g in groups)
    sentences = sum(len(a.sentences) for g in groups for a in g)
    print(f"{args.corpus}: {len(groups)} stories, {articles} articles, {sentences} sentences "
          f"(best of {args.repeat} per story)")
    for name, run in (("disagreements", find_disagreements), ("timeline", _timeline),
                      ("split", _split)):
        ms = per_story(groups, run, args.repeat)
        print(f"{name:<14} mean {statistics.mean(ms):7.2f} ms/story   median "
              f"{statistics.median(ms):7.2f}   max {max(ms):7.2f}")


if __name__ == "__main__":
    main()
