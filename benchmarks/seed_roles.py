"""Line-role accuracy of the page cleaner on the five seed pages, against hand labels.

    python benchmarks/seed_roles.py [--seeds ../shared/data/seeds] [--show-errors] [--vims]

Prints, per page and overall, the share of non-blank lines whose role matches the label in
tests/fixtures/seed_labels/<page>.tsv, the share whose article number matches too, and a
confusion summary (label → predicted, counts) for the lines that differ.

With ``--vims`` it also cleans the ViMs articles (../shared/data/vims/data), which are clean
text already, and prints the share of their lines kept as text and the rules that took the
rest: a check on pages the rules were not written for.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from thoisu.clean.page import analyse_page
from thoisu.evaluate.cleaning import read_labels
from thoisu.settings import Settings

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "tests" / "fixtures" / "seed_labels"
SEEDS = REPO.parent / "shared" / "data" / "seeds"
VIMS = REPO.parent / "shared" / "data" / "vims" / "data"
TEXT_ROLES = {"title", "lead", "body", "subheading"}


def score_page(text: str, labels: dict[int, tuple[str, int]], settings: Settings,
               ) -> tuple[int, int, int, list[tuple[int, str, str, str]]]:
    """(lines, roles right, roles and articles right, errors as (line, label, got, rule))."""
    infos, _ = analyse_page(text, settings)
    total = role_ok = both_ok = 0
    errors = []
    for info in infos:
        if info.blank or info.number not in labels:
            continue
        want_role, want_part = labels[info.number]
        got = info.role.value if info.role else "?"
        total += 1
        if got == want_role:
            role_ok += 1
            both_ok += info.part == want_part
        else:
            errors.append((info.number, want_role, got, info.rule))
    return total, role_ok, both_ok, errors


def vims_retention(root: Path, settings: Settings) -> None:
    """Share of ViMs article lines kept as text; the rules that took the others."""
    total = kept = 0
    taken: Counter[str] = Counter()
    files = sorted(root.glob("*/*.txt"))
    for path in files:
        infos, _ = analyse_page(path.read_text(encoding="utf-8", errors="replace"), settings)
        for info in infos:
            if info.blank:
                continue
            total += 1
            if info.role is not None and info.role.value in TEXT_ROLES:
                kept += 1
            else:
                taken[info.rule] += 1
    print(f"\nViMs: {len(files)} articles, {total} lines, {kept / total:.2%} kept as text")
    for rule, count in taken.most_common():
        print(f"  {rule:32s} {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--vims", action="store_true", help="also check ViMs line retention")
    args = parser.parse_args()
    settings = Settings()
    confusion: Counter[tuple[str, str]] = Counter()
    all_total = all_role = all_both = 0
    print(f"{'page':28s} {'lines':>5s} {'role':>7s} {'role+article':>13s}")
    for label_file in sorted(LABELS.glob("*.tsv")):
        page = args.seeds / f"{label_file.stem}.txt"
        text = page.read_text(encoding="utf-8")
        total, role_ok, both_ok, errors = score_page(text, read_labels(label_file), settings)
        all_total += total
        all_role += role_ok
        all_both += both_ok
        print(f"{label_file.stem:28s} {total:5d} {role_ok / total:7.1%} {both_ok / total:13.1%}")
        for number, want, got, rule in errors:
            confusion[(want, got)] += 1
            if args.show_errors:
                print(f"    line {number}: label {want}, got {got} ({rule})")
    print(f"{'overall':28s} {all_total:5d} {all_role / all_total:7.1%} "
          f"{all_both / all_total:13.1%}")
    if confusion:
        print("\nconfusion (label → predicted: lines)")
        for (want, got), count in confusion.most_common():
            print(f"  {want:11s} → {got:11s} {count}")
    if args.vims:
        vims_retention(VIMS, settings)


if __name__ == "__main__":
    main()
