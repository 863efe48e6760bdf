"""Line-role accuracy of the page cleaner on twelve invented pages it was not written for.

    python benchmarks/blind_roles.py [--pages tests/fixtures/blind_pages] [--show-errors]

The pages in tests/fixtures/blind_pages/NN_name.txt imitate how different kinds of Vietnamese
outlets look when scraped to plain text; NN_name.tsv labels every non-blank line by hand
(line number, role, article number; 0 = page boilerplate). See docs/cleaning_blind.md.

Each page goes through ``thoisu.clean.clean_page`` as a ``RawPage``; a line's predicted role is
the one it has in the ``lines`` of the article that holds it (else in that article's
``removed``); a line no returned article holds counts as dropped (boilerplate). Printed per
page and overall: the share of non-blank lines whose role matches, the share whose role and
article match (a page-boilerplate label matches any article when the role does), the articles
found against the articles labelled, and a confusion summary (label → predicted: lines).
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from thoisu.evaluate.cleaning import predicted_roles, read_labels
from thoisu.settings import Settings

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "tests" / "fixtures" / "blind_pages"



@dataclass
class PageScore:
    name: str
    lines: int = 0
    role_ok: int = 0
    both_ok: int = 0
    articles_found: int = 0
    articles_expected: int = 0
    errors: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    # (line, label, got, rule, text)



def score_page(path: Path, labels: dict[int, tuple[str, int]], settings: Settings) -> PageScore:
    got, found = predicted_roles(path, settings)
    text_lines = path.read_text(encoding="utf-8").split("\n")
    score = PageScore(path.stem, articles_found=found,
                      articles_expected=max(a for _, a in labels.values()))
    for number, (want_role, want_part) in sorted(labels.items()):
        role, part, rule = got.get(number, ("boilerplate", 0, "(in no article)"))
        score.lines += 1
        if role == want_role:
            score.role_ok += 1
            score.both_ok += part == want_part or (want_part == 0 and role == "boilerplate")
        else:
            score.errors.append((number, want_role, role, rule, text_lines[number - 1].strip()))
    return score


def score_all(pages: Path, settings: Settings | None = None) -> list[PageScore]:
    settings = settings or Settings()
    return [score_page(tsv.with_suffix(".txt"), read_labels(tsv), settings)
            for tsv in sorted(pages.glob("*.tsv"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    scores = score_all(args.pages)
    confusion: Counter[tuple[str, str]] = Counter()
    print(f"{'page':28s} {'lines':>5s} {'role':>7s} {'role+article':>13s} {'articles':>9s}")
    for s in scores:
        print(f"{s.name:28s} {s.lines:5d} {s.role_ok / s.lines:7.1%} {s.both_ok / s.lines:13.1%} "
              f"{s.articles_found:4d}/{s.articles_expected:<4d}")
        for number, want, got, rule, text in s.errors:
            confusion[(want, got)] += 1
            if args.show_errors:
                print(f"    line {number}: label {want}, got {got} ({rule}): {text[:70]}")
    total = sum(s.lines for s in scores)
    role = sum(s.role_ok for s in scores)
    both = sum(s.both_ok for s in scores)
    pages_right = sum(s.articles_found == s.articles_expected for s in scores)
    print(f"{'overall':28s} {total:5d} {role / total:7.1%} {both / total:13.1%} "
          f"{pages_right:4d}/{len(scores):<4d}pages with the right article count")
    if confusion:
        print("\nconfusion (label → predicted: lines)")
        for (want, got), count in confusion.most_common():
            print(f"  {want:11s} → {got:11s} {count}")


if __name__ == "__main__":
    main()
