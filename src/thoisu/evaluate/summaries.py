"""The summary evaluation: every system on the same clusters, with the same ROUGE protocol.

Protocol: syllable tokens; ROUGE-1, ROUGE-2, ROUGE-L F1; with several references the mean of
the per-reference scores; every summary cut to the cluster's mean reference length in
syllables (rounded). thoisu's own row is 5-fold cross-validated over clusters: each cluster is
summarised by a model that never saw it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from thoisu.evaluate.baselines import SYSTEMS, oracle
from thoisu.evaluate.rouge import RougeScore, mean_score, rouge, truncate
from thoisu.evaluate.vims import VimsCluster
from thoisu.model import Origin
from thoisu.summarize.articles import article_from_text
from thoisu.summarize.features import GroupFeatures, group_features
from thoisu.text.syllables import syllable_tokens


@dataclass
class EvalCluster:
    id: str
    group: GroupFeatures
    references: list[list[str]]  # syllable tokens of each human summary
    budget: int  # mean reference length in syllables


@dataclass
class Row:
    system: str
    rouge1: float
    rouge2: float
    rougeL: float
    clusters: int
    note: str = ""


def prepare(clusters: Sequence[VimsCluster]) -> list[EvalCluster]:
    """Articles, features and reference tokens of every cluster that has a reference."""
    out = []
    for cluster in clusters:
        refs = [syllable_tokens(s) for s in cluster.summaries]
        refs = [r for r in refs if r]
        if not refs:
            continue
        articles = [article_from_text(a.title, a.text, Origin(str(a.path)))
                    for a in cluster.articles]
        budget = round(sum(len(r) for r in refs) / len(refs))
        out.append(EvalCluster(cluster.id, group_features(articles), refs, budget))
    return out


def tokens_of(cluster: EvalCluster, picked: Sequence[int]) -> list[str]:
    cands = cluster.group.candidates
    return [t for i in picked for t in cands[i].tokens]


def mean_row(name: str, scores: Sequence[RougeScore], note: str = "") -> Row:
    return Row(name, *mean_score(scores).as_percent(), len(scores), note)


def score_tokens(cluster: EvalCluster, tokens: Sequence[str]) -> RougeScore:
    return rouge(truncate(tokens, cluster.budget), cluster.references)


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
    from thoisu.evaluate.summary_model import cross_validate

    summaries, ms = cross_validate(clusters, folds=folds, seed=seed)
    scores = [score_tokens(c, syllable_tokens(summaries[c.id].text)) for c in clusters]
    return mean_row(f"thoisu ({folds}-fold CV)", scores, "held-out clusters only"), ms


def evaluate(clusters: Sequence[VimsCluster], folds: int = 5, seed: int = 0,
             with_oracle: bool = True) -> tuple[list[Row], dict[str, float]]:
    """All rows in one run, and timings (seconds, ms per cluster)."""
    t0 = time.perf_counter()
    prepared = prepare(clusters)
    rows, timing = evaluate_prepared(prepared, folds, seed, with_oracle)
    timing["prepare_s"] = time.perf_counter() - t0 - timing["rows_s"]
    return rows, timing


def evaluate_prepared(prepared: Sequence[EvalCluster], folds: int = 5, seed: int = 0,
                      with_oracle: bool = True) -> tuple[list[Row], dict[str, float]]:
    """:func:`evaluate` on clusters already prepared (features computed once per process)."""
    t0 = time.perf_counter()
    timing: dict[str, float] = {}
    own, ms = thoisu_row(prepared, folds, seed)
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
