"""Time tagger on the hand-written expression set, and publication dates on the seed pages.

    python benchmarks/timex_eval.py [--misses]

Prints per class: rows, precision, recall and value accuracy (right values over all rows);
for the negative class, how many numbers stayed untagged. Then the seed pages: the date each
page's own text supports (tests/fixtures/seed_dates.tsv) against what infer_published finds.
"""

from __future__ import annotations

import sys
from pathlib import Path

from thoisu.evaluate.dates import CLASSES, load_gold, score, score_seeds

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "timex.tsv"
SEED_GOLD = ROOT / "tests" / "fixtures" / "seed_dates.tsv"
SEEDS = ROOT.parent / "shared" / "data" / "seeds"


def main() -> None:
    show_misses = "--misses" in sys.argv
    scores = score(load_gold(GOLD))
    print(f"{'class':<18}{'rows':>6}{'P':>8}{'R':>8}{'value':>8}")
    for cls in (*CLASSES, "all"):
        s = scores[cls]
        if cls == "negative":
            kept = s.rows - len(s.misses)
            print(f"{cls:<18}{s.rows:>6}   untagged {kept}/{s.rows}")
            continue
        print(f"{cls:<18}{s.rows:>6}{s.precision:>8.3f}{s.recall:>8.3f}{s.accuracy:>8.3f}")
    if show_misses:
        for cls in CLASSES:
            for miss in scores[cls].misses:
                print(f"  {cls}: {miss}")
    if SEEDS.is_dir():
        results = score_seeds(SEEDS, SEED_GOLD)
        print()
        for r in results:
            mark = "ok" if r.exact else ("fits" if r.consistent else "WRONG")
            print(f"{r.name}  expected {r.expected:<11} got {r.got!s:<11} "
                  f"(with siblings {r.got_with_siblings})  {mark}")
        exact = sum(r.exact for r in results)
        fits = sum(r.consistent for r in results)
        print(f"seed publication dates: {exact}/{len(results)} exact, "
              f"{fits}/{len(results)} consistent")


if __name__ == "__main__":
    main()
