"""B-cubed precision, recall and F1 of a clustering against gold clusters (Bagga & Baldwin).

For each item: precision is the share of its predicted cluster that shares its gold cluster,
recall the share of its gold cluster that shares its predicted cluster; both are averaged
over items, and F1 is their harmonic mean. Items missing from the prediction count as
singletons. ``bcubed({"a": 1, "b": 1}, {"a": "x", "b": "y"})`` → precision 1, recall 0.5.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float
    f1: float
    clusters: int  # number of predicted clusters


def bcubed(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> BCubed:
    """Scores of ``predicted`` (item -> cluster label) against ``gold`` (item -> label).

    Only the items of ``gold`` are scored; a gold item absent from ``predicted`` is a singleton.
    """
    if not gold:
        return BCubed(1.0, 1.0, 1.0, 0)
    pred = {item: predicted.get(item, ("singleton", item)) for item in gold}
    pair = Counter((gold[i], pred[i]) for i in gold)
    gold_size = Counter(gold.values())
    pred_size = Counter(pred.values())
    precision = recall = 0.0
    for (g, p), n in pair.items():
        precision += n * n / pred_size[p]
        recall += n * n / gold_size[g]
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1, len(pred_size))
