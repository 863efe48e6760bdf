"""How much of the hand-written seed timeline the system finds, and what else it adds.

    python benchmarks/timeline_seeds.py [--seeds ../shared/data/seeds] [-v]

Reads the seed pages through the real pipeline (read, clean, analyse, dates settled across
the story), builds one timeline, and compares it with tests/fixtures/seed_timeline.tsv.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thoisu.model import Problem
from thoisu.pipeline import process, settle_dates
from thoisu.settings import Settings
from thoisu.timeline import build_timeline
from thoisu.evaluate.timeline import read_expected, score_timeline

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default=str(REPO.parent / "shared" / "data" / "seeds"))
    parser.add_argument("--expected", default=str(REPO / "tests/fixtures/seed_timeline.tsv"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    paths = sorted(str(p) for p in Path(args.seeds).glob("*.txt"))
    problems: list[Problem] = []
    articles = list(process(paths, Settings(segmenter="syllable"), problems.append))
    settle_dates(articles)
    events = build_timeline(articles)
    file_of = {a.id: Path(a.origin.path).name for a in articles}
    score = score_timeline(events, read_expected(Path(args.expected)), file_of)
    print(f"seed pages: {len(paths)}, articles: {len(articles)}, problems: {len(problems)}")
    print(f"expected events: {score.expected}")
    print(f"found (date and keywords right): {len(score.found)} "
          f"(recall {score.recall:.2f}); ignoring the year: {score.found_ignoring_year}")
    print(f"timeline entries: {score.events}, extras (match no expected event): "
          f"{len(score.extras)} (precision {score.precision:.2f})")
    if args.verbose:
        for row in score.missed:
            print(f"  missed  {row.date}  {row.keywords}")
        for e in score.extras:
            print(f"  extra   {e.date.iso()}  {e.text[:90]}")


if __name__ == "__main__":
    sys.exit(main())
