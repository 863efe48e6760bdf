"""Train the sentence scorer on ViMs, and measure the summarizer by cross-validation.

Target: for each sentence, the share of its syllable bigrams that a human summary also has
(mean over the cluster's references). Selection under a length budget rewards dense
sentences, so this precision, not recall, is what the scorer should predict.

Model: ridge regression (``ALPHA``, heavy) over :data:`ROBUST_FEATURES`, the features that are
ratios or flags — shares of bigrams supported by other articles, positions as ratios, title
overlap — and none measured on a corpus scale (sentence length in syllables, group size,
log sums): those are what changes from one corpus or reference style to the next. Raw
features, no standardisation by ViMs' means. The scorer only adds a bonus to the concept
objective (``scorer_weight``), so even a model that has learned ViMs' style cannot take over
the choice. Nothing is tuned per fold: the same fixed settings in every fold.

Retrain the packaged model (and print its cross-validated ROUGE)::

    python -m thoisu.evaluate.summary_model --path ../shared/data/vims
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

import numpy as np

from thoisu.evaluate.rouge import mean_score
from thoisu.evaluate.summary_data import EvalCluster, score_tokens
from thoisu.summarize.core import Summarizer
from thoisu.summarize.features import FEATURES, GroupFeatures
from thoisu.summarize.scorer import MODEL_FILE, Scorer
from thoisu.summarize.selection import SelectionParams
from thoisu.summarize.summary import Summary
from thoisu.text.syllables import syllable_tokens

SEED = 0
PACKAGED_MODEL = Path(__file__).resolve().parent.parent / "summarize" / MODEL_FILE
ALPHA = 100.0  # ridge penalty: on ~60k sentences, enough to keep every weight small
SCALE_FEATURES = ("bigram_support_sum", "length", "short", "long", "articles", "article_share")
ROBUST_FEATURES: tuple[str, ...] = tuple(f for f in FEATURES if f not in SCALE_FEATURES)


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


def fit(clusters: Sequence[EvalCluster], seed: int = SEED,
        selection: SelectionParams | None = None,
        labels: dict[str, np.ndarray] | None = None) -> Scorer:
    """A ridge scorer fitted on the sentences of ``clusters`` (``labels`` by cluster id)."""
    cols = [FEATURES.index(f) for f in ROBUST_FEATURES]
    x = np.vstack([c.group.matrix[:, cols] for c in clusters])
    y = np.concatenate([labels[c.id] if labels and c.id in labels
                        else sentence_labels(c.group, c.references) for c in clusters])
    # Closed-form ridge with an unpenalised intercept.
    xm, ym = x.mean(axis=0), y.mean()
    xc = x - xm
    coef = np.linalg.solve(xc.T @ xc + ALPHA * np.eye(xc.shape[1]), xc.T @ (y - ym))
    intercept = float(ym - xm @ coef)
    k = len(ROBUST_FEATURES)
    return Scorer(kind="linear", features=list(ROBUST_FEATURES), mean=np.zeros(k),
                  scale=np.ones(k), coef=coef, intercept=intercept,
                  selection=asdict(selection or SelectionParams()),
                  meta={"trained_on": f"ViMs, {len(clusters)} clusters, {len(y)} sentences",
                        "target": "mean share of a sentence's syllable bigrams in the references",
                        "model": f"ridge, alpha {ALPHA}, raw ratio features", "seed": seed})


def folds_of(n: int, folds: int, seed: int = SEED) -> list[np.ndarray]:
    """Cluster positions of each fold: a seeded permutation cut into ``folds`` parts."""
    order = np.random.default_rng(seed).permutation(n)
    return [np.sort(part) for part in np.array_split(order, folds)]


def summaries_for_folds(clusters: Sequence[EvalCluster], folds: Sequence[Sequence[int]],
                        labels: dict[str, np.ndarray] | None = None,
                        params: SelectionParams | None = None
                        ) -> tuple[dict[str, Summary], float]:
    """Held-out summaries (each fold by a model fitted on the others) and ms per cluster."""
    out: dict[str, Summary] = {}
    elapsed = 0.0
    params = params or SelectionParams()
    for held in folds:
        held_set = {int(i) for i in held}
        train = [c for i, c in enumerate(clusters) if i not in held_set]
        summarizer = Summarizer(fit(train, SEED, params, labels), params)
        for i in sorted(held_set):
            c = clusters[i]
            t0 = time.perf_counter()
            out[c.id] = summarizer.summarize_features(c.group, c.budget)
            elapsed += time.perf_counter() - t0
    return out, 1000 * elapsed / max(len(clusters), 1)


def cross_validate(clusters: Sequence[EvalCluster], folds: int = 5,
                   seed: int = SEED) -> tuple[dict[str, Summary], float]:
    """Held-out summaries of every cluster, and mean milliseconds per cluster to make them."""
    return summaries_for_folds(clusters, folds_of(len(clusters), folds, seed))


def retrain(clusters: Sequence[EvalCluster], out: Path = PACKAGED_MODEL) -> Scorer:
    """Fit the scorer on every cluster and write it to ``out`` (the packaged model by default)."""
    scorer = fit(clusters, SEED, SelectionParams())
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

    from thoisu.evaluate.summary_data import prepare
    from thoisu.evaluate.vims import load_vims

    clusters = prepare(load_vims(args.path))
    if not args.no_cv:
        summaries, ms = cross_validate(clusters, args.folds, SEED)
        score = mean_score([score_tokens(c, syllable_tokens(summaries[c.id].text))
                            for c in clusters])
        r1, r2, rl = score.as_percent()
        print(f"thoisu ({args.folds}-fold CV) ROUGE-1 {r1:.1f}, ROUGE-2 {r2:.1f}, "
              f"ROUGE-L {rl:.1f} on {len(clusters)} clusters")
        print(f"{ms:.1f} ms per cluster (concepts, selection and ordering; features precomputed)")
    scorer = retrain(clusters, Path(args.out))
    print(f"wrote {args.out}: ridge over {len(scorer.features)} features, "
          f"selection {scorer.selection}")


if __name__ == "__main__":
    main()
