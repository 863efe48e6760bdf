"""The summary evaluation: every system on the same clusters, with the same ROUGE protocol.

Protocol (:mod:`thoisu.evaluate.summary_data`): syllable tokens; ROUGE-1, ROUGE-2, ROUGE-L
F1; with several references the mean of the per-reference scores; every summary cut to the
cluster's mean reference length in syllables (rounded). thoisu's own row is 5-fold
cross-validated over clusters on ViMs (each cluster summarised by a model that never saw it),
and the packaged model as shipped on KTLAB (which it was never trained on).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from thoisu.evaluate.baselines import SYSTEMS, oracle
from thoisu.evaluate.rouge import RougeScore, mean_score, rouge, truncate
from thoisu.evaluate.summary_data import EvalCluster, prepare, score_tokens, tokens_of
from thoisu.evaluate.summary_model import cross_validate
from thoisu.evaluate.vims import VimsCluster
from thoisu.summarize import default_summarizer
from thoisu.text.syllables import syllable_tokens

__all__ = ["EvalCluster", "Row", "evaluate", "evaluate_prepared", "format_table", "prepare",
           "score_tokens", "tokens_of"]


@dataclass
class Row:
    system: str
    rouge1: float
    rouge2: float
    rougeL: float
    clusters: int
    note: str = ""


def mean_row(name: str, scores: Sequence[RougeScore], note: str = "") -> Row:
    return Row(name, *mean_score(scores).as_percent(), len(scores), note)


def system_row(name: str, clusters: Sequence[EvalCluster],
               pick: Callable[[EvalCluster], Sequence[int]], note: str = "") -> Row:
    return mean_row(name, [score_tokens(c, tokens_of(c, pick(c))) for c in clusters], note)


def human_row(clusters: Sequence[EvalCluster]) -> Row:
    """Each reference, cut to the mean reference length, scored against the other references."""
    scores = []
    for c in clusters:
        if len(c.references) < 2:
            continue
        per_ref = [rouge(truncate(ref, c.budget), c.references[:i] + c.references[i + 1:])
                   for i, ref in enumerate(c.references)]
        scores.append(mean_score(per_ref))
    return mean_row("Human agreement", scores, "clusters with 2+ references")


def baseline_rows(clusters: Sequence[EvalCluster]) -> list[Row]:
    rows = []
    for name, fn in SYSTEMS.items():

        def pick(c: EvalCluster, fn: Callable[..., list[int]] = fn) -> list[int]:
            return fn(c.group.candidates, c.budget)

        rows.append(system_row(name, clusters, pick))
    return rows


def oracle_row(clusters: Sequence[EvalCluster]) -> Row:
    return system_row("Oracle (greedy ROUGE-2)", clusters,
                      lambda c: oracle(c.group.candidates, c.budget, c.references),
                      "upper bound; sees the references")


def thoisu_row(clusters: Sequence[EvalCluster], folds: int = 5, seed: int = 0) -> tuple[Row, float]:
    """thoisu cross-validated over clusters, and its mean milliseconds per cluster."""
    summaries, ms = cross_validate(clusters, folds=folds, seed=seed)
    scores = [score_tokens(c, syllable_tokens(summaries[c.id].text)) for c in clusters]
    return mean_row(f"thoisu ({folds}-fold CV)", scores, "held-out clusters only"), ms


def packaged_row(clusters: Sequence[EvalCluster]) -> tuple[Row, float]:
    """thoisu as shipped (the packaged model, trained on ViMs), and its ms per cluster."""
    summarizer = default_summarizer()
    t0 = time.perf_counter()
    texts = {c.id: summarizer.summarize_features(c.group, c.budget).text for c in clusters}
    ms = 1000 * (time.perf_counter() - t0) / max(len(clusters), 1)
    scores = [score_tokens(c, syllable_tokens(texts[c.id])) for c in clusters]
    return mean_row("thoisu (packaged)", scores, "model trained on ViMs only"), ms


def evaluate(clusters: Sequence[VimsCluster], folds: int = 5, seed: int = 0,
             with_oracle: bool = True, packaged: bool = False
             ) -> tuple[list[Row], dict[str, float]]:
    """All rows in one run, and timings (seconds, ms per cluster)."""
    t0 = time.perf_counter()
    prepared = prepare(clusters)
    rows, timing = evaluate_prepared(prepared, folds, seed, with_oracle, packaged)
    timing["prepare_s"] = time.perf_counter() - t0 - timing["rows_s"]
    return rows, timing


def evaluate_prepared(prepared: Sequence[EvalCluster], folds: int = 5, seed: int = 0,
                      with_oracle: bool = True, packaged: bool = False
                      ) -> tuple[list[Row], dict[str, float]]:
    """:func:`evaluate` on clusters already prepared (features computed once per process).

    ``packaged``: thoisu's row is the shipped model (for a corpus it was not trained on)
    instead of the cross-validated one.
    """
    t0 = time.perf_counter()
    timing: dict[str, float] = {}
    own, ms = packaged_row(prepared) if packaged else thoisu_row(prepared, folds, seed)
    timing["thoisu_ms_per_cluster"] = ms
    rows = [own, *baseline_rows(prepared)]
    if with_oracle:
        rows.append(oracle_row(prepared))
    rows.append(human_row(prepared))
    timing["rows_s"] = time.perf_counter() - t0
    return rows, timing


def format_table(rows: Sequence[Row]) -> str:
    """A Markdown table, scores in percent."""
    lines = ["| System | ROUGE-1 | ROUGE-2 | ROUGE-L | clusters | note |",
             "|---|---:|---:|---:|---:|---|"]
    for r in rows:
        lines.append(f"| {r.system} | {r.rouge1:.1f} | {r.rouge2:.1f} | {r.rougeL:.1f} | "
                     f"{r.clusters} | {r.note} |")
    return "\n".join(lines)
