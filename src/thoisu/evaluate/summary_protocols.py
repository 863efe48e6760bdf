"""Robustness protocols for the summarizer: does its quality hold off the folds it knows?

Each protocol cuts ViMs' clusters into folds, summarises every fold with a scorer fitted on
the other folds only, and scores thoisu beside the unsupervised baselines (Lead, Centroid,
LexRank, MMR) on the same clusters. Besides the mean over clusters, each protocol reports,
over its folds, the *worst* margin of thoisu's ROUGE-2 over the best baseline of that fold
and over Lead: a learned model that transfers must never fall below them on any fold.

* ``5-fold``: a seeded random split (the main table's protocol);
* ``by size``: folds of clusters with ≤ 5, 6–7 and ≥ 8 articles (train on the other sizes);
* ``by topic``: folds by a coarse topic read off the cluster's titles by keyword
  (:func:`topic_of`; ViMs carries no category label, so this is our own rule);
* ``leave-cluster-out``: one fold per cluster;
* ``mixed groups``: each cluster with two articles of an unrelated cluster added (what a
  clustering mistake hands the summarizer), against the first cluster's references; folds
  as in 5-fold, neither cluster's sentences seen in training.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from thoisu.evaluate.baselines import centroid, lead, lexrank, mmr
from thoisu.evaluate.rouge import RougeScore, mean_score
from thoisu.evaluate.summary_data import EvalCluster, score_tokens, tokens_of
from thoisu.evaluate.summary_model import folds_of, sentence_labels, summaries_for_folds
from thoisu.summarize.features import group_features
from thoisu.text.syllables import syllable_tokens

BASELINES: dict[str, Callable[..., list[int]]] = {
    "Lead": lead, "Centroid": centroid, "LexRank": lexrank, "MMR": mmr}

# Coarse topics by title keywords (lower case), checked in this order; invented for this
# evaluation from how Vietnamese news names its subjects, not read off ViMs.
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sport", ("bóng đá", "tuyển", "hlv", "cầu thủ", "euro", "world cup", "thể thao", "trận",
               "vô địch", "sea games", "olympic", "copa", "ngoại hạng", "champions")),
    ("law", ("bắt", "khởi tố", "xét xử", "tử hình", "án ", "tù", "công an", "ma túy", "trộm",
             "cướp", "giết", "lừa đảo", "truy nã", "tạm giam", "nghi phạm", "hung thủ")),
    ("world", ("mỹ", "trung quốc", "nga", "triều tiên", "nhật", "syria", "is ", "tổng thống",
               "thủ tướng", "biển đông", "châu âu", "anh ", "pháp", "đức", "ấn độ", "iraq")),
    ("economy", ("giá", "tỷ", "đồng", "doanh nghiệp", "ngân hàng", "xăng", "thuế", "chứng khoán",
                 "kinh tế", "đầu tư", "thị trường", "lãi suất", "xuất khẩu")),
)


def topic_of(titles: Sequence[str]) -> str:
    """The topic most of ``titles`` name (``other`` when none)."""
    votes: dict[str, int] = {}
    for title in titles:
        low = f" {' '.join(syllable_tokens(title))} "  # whole syllables: "tranh" is not "anh"
        for topic, words in TOPICS:
            if any(f" {w.strip()} " in low for w in words):
                votes[topic] = votes.get(topic, 0) + 1
                break
    if not votes:
        return "other"
    return max(votes.items(), key=lambda kv: (kv[1], -[t for t, _ in TOPICS].index(kv[0])))[0]


def size_of(cluster: EvalCluster) -> str:
    n = len(cluster.group.articles)
    return "≤5 articles" if n <= 5 else ("6-7 articles" if n <= 7 else "≥8 articles")


@dataclass
class ProtocolResult:
    name: str
    folds: int
    clusters: int
    means: dict[str, RougeScore]  # system -> mean over clusters
    worst_margin: float  # min over folds of thoisu R-2 minus the fold's best baseline R-2
    worst_fold: str
    worst_lead_margin: float  # min over folds of thoisu R-2 minus Lead's R-2


def _baseline_scores(clusters: Sequence[EvalCluster]) -> dict[str, dict[str, RougeScore]]:
    return {name: {c.id: score_tokens(c, tokens_of(c, fn(c.group.candidates, c.budget)))
                   for c in clusters} for name, fn in BASELINES.items()}


def run_protocol(name: str, clusters: Sequence[EvalCluster], folds: dict[str, list[int]],
                 labels: dict[str, np.ndarray],
                 baselines: dict[str, dict[str, RougeScore]] | None = None) -> ProtocolResult:
    """thoisu and the baselines over ``folds`` (fold name -> cluster positions)."""
    summaries, _ = summaries_for_folds(clusters, list(folds.values()), labels)
    own = {c.id: score_tokens(c, syllable_tokens(summaries[c.id].text)) for c in clusters}
    base = baselines or _baseline_scores(clusters)
    return _result(name, {f: [clusters[i].id for i in m] for f, m in folds.items()}, own, base)


def _result(name: str, folds: dict[str, list[str]], own: dict[str, RougeScore],
            base: dict[str, dict[str, RougeScore]]) -> ProtocolResult:
    """Means over every cluster, and the worst fold's ROUGE-2 margin over the best baseline
    and over Lead (``folds``: fold name -> cluster ids)."""
    worst, worst_fold, worst_lead = np.inf, "", np.inf
    for fold, ids in folds.items():
        mine = mean_score([own[i] for i in ids]).rouge2
        best = max(mean_score([base[b][i] for i in ids]).rouge2 for b in base)
        if mine - best < worst:
            worst, worst_fold = mine - best, fold
        worst_lead = min(worst_lead, mine - mean_score([base["Lead"][i] for i in ids]).rouge2)
    means = {"thoisu": mean_score(list(own.values()))}
    means.update({b: mean_score([base[b][i] for i in own]) for b in base})
    return ProtocolResult(name, len(folds), len(own), means, 100 * worst, worst_fold,
                          100 * worst_lead)


def mixed_clusters(clusters: Sequence[EvalCluster], intruders: int = 2) -> list[EvalCluster]:
    """Each cluster with ``intruders`` articles of the cluster half the corpus away."""
    n = len(clusters)
    out = []
    for i, c in enumerate(clusters):
        other = clusters[(i + n // 2) % n]
        articles = [*c.group.articles, *other.group.articles[:intruders]]
        out.append(EvalCluster(c.id, group_features(articles), c.references, c.budget))
    return out


def held_out(folds: dict[str, list[int]]) -> bool:
    """Whether every fold of ``folds`` leaves some cluster to train on."""
    return len([f for f in folds.values() if f]) >= 2


def run_all(clusters: Sequence[EvalCluster], seed: int = 0,
            leave_one_out: bool = True) -> list[ProtocolResult]:
    """Every protocol of the module docstring, in one run."""
    labels = {c.id: sentence_labels(c.group, c.references) for c in clusters}
    base = _baseline_scores(clusters)
    random_folds = {f"fold {k + 1}": part.tolist()
                    for k, part in enumerate(folds_of(len(clusters), 5, seed))}
    by_size: dict[str, list[int]] = {}
    by_topic: dict[str, list[int]] = {}
    for i, c in enumerate(clusters):
        by_size.setdefault(size_of(c), []).append(i)
        by_topic.setdefault(topic_of([a.title for a in c.group.articles]), []).append(i)
    out = [run_protocol("5-fold", clusters, random_folds, labels, base)]
    # A grouping that puts every cluster in one group holds nothing out (ktlab-dev's clusters
    # are all of five articles or fewer): it is left out rather than trained on nothing.
    out += [run_protocol(name, clusters, folds, labels, base)
            for name, folds in (("by size", by_size), ("by topic", by_topic))
            if held_out(folds)]
    if leave_one_out:
        out.append(run_protocol("leave-cluster-out", clusters,
                                {c.id: [i] for i, c in enumerate(clusters)}, labels, base))
    out.append(_run_mixed(mixed_clusters(clusters), clusters, random_folds, labels))
    return out


def _run_mixed(mixed: Sequence[EvalCluster], clean: Sequence[EvalCluster],
               folds: dict[str, list[int]], labels: dict[str, np.ndarray]) -> ProtocolResult:
    """Mixed groups, each fold summarised by a scorer fitted without either of its clusters."""
    from thoisu.evaluate.summary_model import fit
    from thoisu.summarize.core import Summarizer
    from thoisu.summarize.selection import SelectionParams

    n = len(clean)
    params = SelectionParams()
    own: dict[str, RougeScore] = {}
    for members in folds.values():
        banned = set(members) | {(i + n // 2) % n for i in members}
        train = [c for i, c in enumerate(clean) if i not in banned]
        summarizer = Summarizer(fit(train, 0, params, labels), params)
        for i in members:
            c = mixed[i]
            own[c.id] = score_tokens(c, syllable_tokens(
                summarizer.summarize_features(c.group, c.budget).text))
    return _result("mixed groups", {f: [mixed[i].id for i in m] for f, m in folds.items()},
                   own, _baseline_scores(mixed))


def format_protocols(results: Sequence[ProtocolResult]) -> str:
    """A Markdown table: ROUGE-1/2/L of every system per protocol, and the worst fold."""
    systems = ["thoisu", *BASELINES]
    lines = ["| protocol | folds | " + " | ".join(f"{s} R-1/R-2/R-L" for s in systems) +
             " | worst fold: thoisu − best baseline (R-2) | worst fold: thoisu − Lead |",
             "|---|---:|" + "---|" * len(systems) + "---|---|"]
    for r in results:
        cells = [" / ".join(f"{v:.1f}" for v in r.means[s].as_percent()) for s in systems]
        lines.append(f"| {r.name} | {r.folds} | " + " | ".join(cells) +
                     f" | {r.worst_margin:+.1f} ({r.worst_fold}) | {r.worst_lead_margin:+.1f} |")
    return "\n".join(lines)
