"""Editorial checks of story summaries on the blind gold set, thoisu beside what came before.

The gold (tests/fixtures/editorial/blind.jsonl, 30 ktlab-dev clusters, labelled blind by an
annotator who had not read the rules) marks each cluster's latest development and the
sentences that need context; see thoisu.evaluate.editorial for what is counted.

    python benchmarks/summarize_editorial.py [--path ../shared/data/ktlab-dev]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from thoisu.evaluate.editorial import read_gold, score

GOLD = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "editorial" / "blind.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="../shared/data/ktlab-dev")
    parser.add_argument("--gold", default=str(GOLD))
    args = parser.parse_args()
    for outcome in score(read_gold(args.gold), args.path):
        print(outcome.line())


if __name__ == "__main__":
    main()
