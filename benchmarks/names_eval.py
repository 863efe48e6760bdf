"""Names on hand-labelled sentences: thoisu beside underthesea's CRF, in one run.

Reads the labelled sentences of ``tests/fixtures/entities/blind/`` (default; or ``--set DIR``,
``--set FILE.tsv``, or ``--set tests/fixtures/entities/real_blind/gold.jsonl``: real sentences
located in ``../shared/data``, labelled blind) and prints, for each system, micro precision /
recall / F1 and F1 per type (PER, LOC, ORG), then the same per news section (one file a
section). Spans are compared after dropping leading lower-case words on both sides
(``tỉnh Quảng Nam`` = ``Quảng Nam``).

Systems:
* ``thoisu``: the names stage as it runs by default (rules + gazetteer + the names model
  trained on silver labels, article path);
* ``rules alone``: the same without the names model (the stage before issue #21);
* ``thoisu+crf``: thoisu with ``ner_crf`` on (underthesea types the names left open), with
  ``--backstop`` only (slow);
* ``crf``: underthesea's packaged CRF NER alone (``underthesea.ner``, offline).

    python benchmarks/names_eval.py
    python benchmarks/names_eval.py --misses 20      # also the first sentences thoisu gets wrong
"""

from __future__ import annotations

import argparse
from pathlib import Path

from train_names import held_out

from thoisu.evaluate.entities import (
    TYPES,
    Labelled,
    Scores,
    crf,
    read_dir,
    read_jsonl,
    read_labelled,
    resolved,
    rules_alone,
    score,
    with_crf,
)

BLIND = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "entities" / "blind"
REAL = BLIND.parent / "real_blind" / "gold.jsonl"
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SYSTEMS = {"thoisu": resolved, "rules alone": rules_alone, "crf": crf}


def _row(label: str, s: Scores) -> str:
    m = s.micro
    per_type = " ".join(f"{s.by_type[t].f1:6.3f}" for t in TYPES)
    return f"{label:<24} {m.precision:6.3f} {m.recall:6.3f} {m.f1:6.3f}  {per_type}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=BLIND, help="a folder of .tsv or one .tsv")
    parser.add_argument("--misses", type=int, default=0, help="print this many thoisu misses")
    parser.add_argument("--backstop", action="store_true", help="also thoisu + underthesea")
    args = parser.parse_args()
    if args.backstop:
        SYSTEMS["thoisu+crf"] = with_crf
    sections: dict[str, list[Labelled]]
    if args.set.suffix == ".jsonl":  # real sentences located in ../shared/data
        sections = read_jsonl(args.set, DATA)
        data = [row for rows in sections.values() for row in rows]
        # The names model trained on four fifths of the ViMs and ktlab-dev clusters (silver
        # labels, not these): the sentences of the held-out fifth are shown apart as well.
        split = read_jsonl(args.set, DATA, by=lambda item: "model held out" if held_out(
            item["file"].split("/")[-2]) else "model trained on")
        sections.update(split)
    else:
        files = sorted(args.set.glob("*.tsv")) if args.set.is_dir() else [args.set]
        sections = {f.stem: read_labelled(f) for f in files}
        data = read_dir(args.set) if args.set.is_dir() else sections[args.set.stem]
    gold = sum(len(g) for _, g in data)
    print(f"{len(data)} sentences, {gold} names ({', '.join(sections)})")
    print(f"{'system':<24} {'P':>6} {'R':>6} {'F1':>6}  " + " ".join(f"{t:>6}" for t in TYPES))
    results = {name: score(data, tagger) for name, tagger in SYSTEMS.items()}
    for name, s in results.items():
        print(_row(name, s))
    print("\nper section (micro F1):")
    print(f"{'section':<14} {'n':>4} " + " ".join(f"{n:>11}" for n in SYSTEMS))
    for section, rows in sections.items():
        f1s = " ".join(f"{score(rows, t).micro.f1:11.3f}" for t in SYSTEMS.values())
        print(f"{section:<14} {len(rows):4d} {f1s}")
    for sentence, missed, extra in results["thoisu"].misses[: args.misses]:
        print(f"\n{sentence}\n  missed: {sorted(missed)}\n  extra:  {sorted(extra)}")


if __name__ == "__main__":
    main()
