"""Held-out evaluation of the Vietnamese time tagger on tests/fixtures/timex_blind.tsv.

The rows were written blind (before the tagger ever saw them, without reading its rules or its
own test set); see docs/dates_blind.md. Each row is one sentence holding exactly one gold time
expression (none for the class ``negative``), so every other predicted span in the sentence is a
false positive.

    python benchmarks/timex_blind_eval.py [--misses] [--path FILE]

Scoring (lenient overlap):
- a predicted span *matches* a row if it overlaps the gold expression (first occurrence of the
  expression text in the sentence);
- recall: rows with at least one matching span / rows of the class;
- precision: matching spans / all spans predicted in the sentences of the class;
- value accuracy: rows whose best-overlapping span has ``value == expected_value`` / rows of the
  class (for ranges the start value, ``value``; ``mod`` and ``end_value`` are not compared);
- negatives: rows where no predicted span overlaps the number that must stay untagged, and
  the count of any spans predicted in those sentences.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from thoisu.dates import tag_dates
from thoisu.evaluate.dates import CLASSES, GoldRow, load_gold

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "tests" / "fixtures" / "timex_blind.tsv"


@dataclass
class RowResult:
    row: GoldRow
    spans: list = field(default_factory=list)  # all predicted TimeExpr
    matched: list = field(default_factory=list)  # those overlapping the gold span
    value: str | None = None  # value of the best-overlapping span

    @property
    def found(self) -> bool:
        return bool(self.matched)

    @property
    def value_ok(self) -> bool:
        return self.value == self.row.expected

    @property
    def correct(self) -> bool:
        if self.row.cls == "negative":
            return not self.matched
        return self.value_ok


def load_rows(path: Path = DEFAULT_PATH) -> list[GoldRow]:
    return load_gold(path)


def run_row(row: GoldRow) -> RowResult:
    spans = tag_dates(row.sentence, row.document_date)
    g0 = row.sentence.find(row.expression)
    g1 = g0 + len(row.expression)
    res = RowResult(row, list(spans))
    best, best_ov = None, 0
    for t in spans:
        ov = min(t.end, g1) - max(t.start, g0)
        if ov > 0:
            res.matched.append(t)
            if ov > best_ov:
                best, best_ov = t, ov
    if best is not None:
        res.value = best.value
    return res


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def score(results: list[RowResult]) -> dict[str, dict]:
    """Per-class and overall figures (a ratio is None when its denominator is 0)."""
    out: dict[str, dict] = {}
    for cls in CLASSES:
        rs = [r for r in results if r.row.cls == cls]
        if not rs:
            continue
        n_spans = sum(len(r.spans) for r in rs)
        n_matched = sum(len(r.matched) for r in rs)
        if cls == "negative":
            out[cls] = {
                "rows": len(rs),
                "untagged": sum(not r.matched for r in rs),
                "spans_predicted": n_spans,
                "accuracy": _ratio(sum(not r.matched for r in rs), len(rs)),
            }
        else:
            out[cls] = {
                "rows": len(rs),
                "precision": _ratio(n_matched, n_spans),
                "recall": _ratio(sum(r.found for r in rs), len(rs)),
                "value_accuracy": _ratio(sum(r.value_ok for r in rs), len(rs)),
            }
    pos = [r for r in results if r.row.cls != "negative"]
    all_spans = sum(len(r.spans) for r in results)
    out["overall"] = {
        "rows": len(pos),
        # spans in negative sentences are all false positives
        "precision": _ratio(sum(len(r.matched) for r in pos), all_spans),
        "recall": _ratio(sum(r.found for r in pos), len(pos)),
        "value_accuracy": _ratio(sum(r.value_ok for r in pos), len(pos)),
    }
    out["all_rows"] = {
        "rows": len(results),
        "right": sum(r.correct for r in results),
        "accuracy": _ratio(sum(r.correct for r in results), len(results)),
    }
    return out


def evaluate(path: Path = DEFAULT_PATH) -> tuple[dict[str, dict], list[RowResult]]:
    results = [run_row(r) for r in load_rows(path)]
    return score(results), results


def _f(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def _miss_kind(r: RowResult) -> str | None:
    if r.row.cls == "negative":
        return "tagged" if r.matched else None
    if not r.found:
        return "missed"
    if not r.value_ok:
        return "value"
    if len(r.spans) > len(r.matched):
        return "extra"
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--misses", action="store_true", help="print the rows the tagger got wrong")
    ap.add_argument("--path", type=Path, default=DEFAULT_PATH)
    args = ap.parse_args(argv)
    figures, results = evaluate(args.path)
    print(f"{'class':<17} {'rows':>4}  {'prec':>5}  {'recall':>6}  {'value':>5}")
    for cls in CLASSES:
        s = figures.get(cls)
        if s is None:
            continue
        if cls == "negative":
            print(
                f"{cls:<17} {s['rows']:>4}  untagged {s['untagged']}/{s['rows']}"
                f" ({s['spans_predicted']} spans predicted in these sentences)"
            )
        else:
            print(
                f"{cls:<17} {s['rows']:>4}  {_f(s['precision'])}  {_f(s['recall']):>6}"
                f"  {_f(s['value_accuracy'])}"
            )
    s = figures["overall"]
    print(
        f"{'overall':<17} {s['rows']:>4}  {_f(s['precision'])}  {_f(s['recall']):>6}"
        f"  {_f(s['value_accuracy'])}"
    )
    a = figures["all_rows"]
    print(
        f"all rows right (values, negatives untagged): "
        f"{a['right']}/{a['rows']} = {_f(a['accuracy'])}"
    )
    if args.misses:
        print("\nmisses:")
        for r in results:
            kind = _miss_kind(r)
            if kind is None:
                continue
            got = (
                "; ".join(
                    f"{t.text!r}={t.value}"
                    + (f"..{t.end_value}" if t.end_value else "")
                    + (f"[{t.mod}]" if t.mod else "")
                    for t in r.spans
                )
                or "(nothing)"
            )
            doc = r.row.document_date.iso() if r.row.document_date else "-"
            print(f"  [{kind}] {r.row.cls} line {r.row.line} doc={doc}: {r.row.sentence}")
            print(f"      gold {r.row.expression!r}={r.row.expected}  got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
