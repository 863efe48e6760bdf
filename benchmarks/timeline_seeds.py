"""How much of the hand-written seed timeline the system finds, and what else it adds.

    python benchmarks/timeline_seeds.py [--seeds ../shared/data/seeds] [-v]

Reads the seed pages through the real pipeline (read, clean, analyse, dates settled across
the story), builds one timeline, and compares it with tests/fixtures/seed_timeline.tsv.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from thoisu.evaluate.timeline import GoldEvent, read_expected, score_blind, score_timeline
from thoisu.model import PartialDate, Problem
from thoisu.pipeline import process, settle_dates
from thoisu.settings import Settings
from thoisu.timeline import approx_year_of, build_timeline

REPO = Path(__file__).resolve().parents[1]


def _seed_gold(path: Path) -> list[GoldEvent]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [GoldEvent(PartialDate.parse(r["date"]), r["precision"],
                      tuple(tuple(t.split("|")) for t in r["keywords"].split(";")), r["event"])
            for r in data["gold"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default=str(REPO.parent / "shared" / "data" / "seeds"))
    parser.add_argument("--expected", default=str(REPO / "tests/fixtures/seed_timeline.tsv"))
    parser.add_argument("--gold", default=str(REPO / "tests/fixtures/timeline_seed_gold.json"))
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
    # The hand gold with the events' years and descriptions: a date is compatible when it
    # gives every part the gold knows, or leaves the year out (an approximate year must be
    # the gold's); no entry may be a fragment or give a wrong year.
    gold = _seed_gold(Path(args.gold))
    entries = [(e.date, approx_year_of(e), e.text) for e in events]
    blind = score_blind(entries, gold)
    print(f"hand gold ({args.gold.rsplit('/', 1)[-1]}): {blind.dates_found}/{blind.gold} events"
          f" with a compatible date; event P {blind.event_precision:.2f}; wrong years"
          f" {blind.wrong_years}; fragments {blind.fragments}; told twice {blind.told_twice}")
    if args.verbose:
        for row in score.missed:
            print(f"  missed  {row.date}  {row.keywords}")
        for e in score.extras:
            print(f"  extra   {e.date.iso()}  {e.text[:90]}")


if __name__ == "__main__":
    sys.exit(main())
