"""Publication dates on invented articles with known dates: thoisu beside naive baselines.

    python benchmarks/published_dates.py [--set tests/fixtures/blind_published.jsonl]

Printed in one run, text only and with the fetch time given: year precision (right among the
years given), share of articles with the correct year, share whose day and month are within
a day of the truth; beside the naive baseline "latest full date written in the text" (and,
with the fetch time, "the fetch day itself"). See docs/published_dates.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from thoisu.evaluate.published import fetch_day, latest_full_date, read_set, score, thoisu_date
from thoisu.settings import Settings

SET = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "blind_published.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=SET)
    args = parser.parse_args()
    settings = Settings()
    articles = read_set(args.set)
    print(f"{len(articles)} articles from {args.set.name}")
    print(score(articles, latest_full_date).line("baseline: latest full date in text"))
    print(score(articles, lambda a: thoisu_date(a, settings, False)).line("thoisu, text only"))
    print(score(articles, fetch_day).line("baseline: the fetch day"))
    print(score(articles, lambda a: thoisu_date(a, settings, True)).line("thoisu, with fetch"))


if __name__ == "__main__":
    main()
