"""Train the sentence scorer on ViMs, and measure it by cross-validation over clusters.

Target: for each sentence, the share of its syllable bigrams that a human summary also has
(mean over the cluster's references). Selection under a length budget rewards dense
sentences, so this precision, not recall, is what the scorer should rank by.

Model: gradient-boosted regression trees (scikit-learn), exported as plain arrays into
``model.json``; prediction needs only numpy. Reproducible: fixed seed, deterministic folds.

Retrain the packaged model (and print its cross-validated ROUGE)::

    python -m thoisu.summarize.train --path ../shared/data/vims
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from thoisu.summarize.core import Summarizer
from thoisu.summarize.features import FEATURES, GroupFeatures
from thoisu.summarize.scorer import MODEL_FILE, Scorer, Tree
from thoisu.summarize.selection import SelectionParams
from thoisu.summarize.summary import Summary

if TYPE_CHECKING:
    from thoisu.evaluate.summaries import EvalCluster

SEED = 0
PACKAGED_MODEL = Path(__file__).with_name(MODEL_FILE)
TREES = {"n_estimators": 150, "max_depth": 3, "learning_rate": 0.05, "subsample": 0.8,
         "min_samples_leaf": 20}
# Selection is tuned on training clusters only (an inner split), never on held-out ones.
PENALTIES = (0.3, 0.5, 0.8)
REDUNDANCY = 0.5


def _bigrams(tokens: Sequence[str]) -> Counter[tuple[str, str]]:
    return Counter(itertools.pairwise(tokens))


def sentence_labels(group: GroupFeatures, references: Sequence[Sequence[str]]) -> np.ndarray:
    """Per candidate: mean over references of the share of its bigrams the reference has."""
    refs = [_bigrams(r) for r in references]
    out = np.zeros(len(group.candidates))
    for i, c in enumerate(group.candidates):
        grams = _bigrams(c.tokens)
        total = sum(grams.values())
        if not total or not refs:
            continue
        out[i] = sum(sum(min(k, ref[g]) for g, k in grams.items()) / total
                     for ref in refs) / len(refs)
    return out


def _rouge2(cluster: EvalCluster, summary: Summary) -> float:
    from thoisu.evaluate.rouge import rouge_n, truncate
    from thoisu.text.syllables import syllable_tokens

    tokens = truncate(syllable_tokens(summary.text), cluster.budget)
    return sum(rouge_n(tokens, r, 2) for r in cluster.references) / len(cluster.references)


def tune_selection(clusters: Sequence[EvalCluster], seed: int = SEED) -> SelectionParams:
    """The redundancy penalty that does best on a held-out fifth of ``clusters``."""
    inner = folds_of(len(clusters), 5, seed + 1)[0]
    held = set(inner.tolist())
    scorer = fit([c for i, c in enumerate(clusters) if i not in held], seed)
    best, best_score = SelectionParams(REDUNDANCY, PENALTIES[0], coverage=True), -1.0
    for penalty in PENALTIES:
        params = SelectionParams(REDUNDANCY, penalty, coverage=True)
        summarizer = Summarizer(scorer, params)
        score = sum(_rouge2(clusters[i], summarizer.summarize_features(clusters[i].group,
                                                                       clusters[i].budget))
                    for i in inner)
        if score > best_score:
            best, best_score = params, score
    return best


def fit(clusters: Sequence[EvalCluster], seed: int = SEED,
        selection: SelectionParams | None = None) -> Scorer:
    """A tree scorer fitted on the sentences of ``clusters``."""
    from sklearn.ensemble import GradientBoostingRegressor

    x = np.vstack([c.group.matrix for c in clusters])
    y = np.concatenate([sentence_labels(c.group, c.references) for c in clusters])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = GradientBoostingRegressor(random_state=seed, **TREES)  # type: ignore[arg-type]
    model.fit((x - mean) / scale, y)
    trees = []
    for est in model.estimators_[:, 0]:
        t = est.tree_
        trees.append(Tree(t.feature.astype(np.int64), t.threshold.copy(),
                          t.children_left.astype(np.int64), t.children_right.astype(np.int64),
                          t.value[:, 0, 0].copy()))
    init = float(model.init_.constant_[0][0]) if hasattr(model.init_, "constant_") else float(
        np.mean(y))
    return Scorer(kind="trees", features=list(FEATURES), mean=mean, scale=scale, intercept=init,
                  trees=trees, learning_rate=TREES["learning_rate"],
                  selection=asdict(selection or SelectionParams()),
                  meta={"trained_on": f"ViMs, {len(clusters)} clusters, {len(y)} sentences",
                        "target": "mean share of a sentence's syllable bigrams in the references",
                        "seed": seed, "trees": TREES})


def folds_of(n: int, folds: int, seed: int = SEED) -> list[np.ndarray]:
    """Cluster positions of each fold: a seeded permutation cut into ``folds`` parts."""
    order = np.random.default_rng(seed).permutation(n)
    return [np.sort(part) for part in np.array_split(order, folds)]


def cross_validate(clusters: Sequence[EvalCluster], folds: int = 5,
                   seed: int = SEED) -> tuple[dict[str, Summary], float]:
    """Held-out summaries of every cluster, and mean milliseconds per cluster to make them."""
    out: dict[str, Summary] = {}
    elapsed = 0.0
    for held in folds_of(len(clusters), folds, seed):
        held_set = set(held.tolist())
        train = [c for i, c in enumerate(clusters) if i not in held_set]
        params = tune_selection(train, seed)
        summarizer = Summarizer(fit(train, seed, params), params)
        for i in held:
            c = clusters[int(i)]
            t0 = time.perf_counter()
            out[c.id] = summarizer.summarize_features(c.group, c.budget)
            elapsed += time.perf_counter() - t0
    return out, 1000 * elapsed / max(len(clusters), 1)


def retrain(clusters: Sequence[EvalCluster], out: Path = PACKAGED_MODEL) -> Scorer:
    """Fit the scorer on every cluster and write it to ``out`` (the packaged model by default)."""
    scorer = fit(clusters, SEED, tune_selection(clusters, SEED))
    out.write_text(json.dumps(scorer.to_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    return scorer


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Retrain thoisu's summary model on ViMs.")
    parser.add_argument("--path", required=True, help="the ViMs folder (holding data/, summary/)")
    parser.add_argument("--out", default=str(PACKAGED_MODEL),
                        help="where to write the model (default: the packaged model.json)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation report")
    args = parser.parse_args(argv)

    from thoisu.evaluate.summaries import format_table, prepare, thoisu_row
    from thoisu.evaluate.vims import load_vims

    clusters = prepare(load_vims(args.path))
    if not args.no_cv:
        row, ms = thoisu_row(clusters, args.folds, SEED)
        print(format_table([row]))
        print(f"{ms:.1f} ms per cluster (selection and ordering, features precomputed)")
    scorer = retrain(clusters, Path(args.out))
    print(f"wrote {args.out}: {len(scorer.trees)} trees over {len(FEATURES)} features, "
          f"selection {scorer.selection}")


if __name__ == "__main__":
    main()
