"""Story clustering measured on ViMs: its 300 clusters are the gold stories.

Runs thoisu's incremental clusterer (all articles in one batch, and in a random order in
several batches) next to a baseline, TF-IDF over syllables with average-link agglomerative
clustering, swept over thresholds so the baseline is shown at its best. Scores are B-cubed
(:mod:`thoisu.evaluate.bcubed`); copies found by the deduplicator count in their canonical's
story. Article ids are content hashes, so no id carries its gold cluster.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

from thoisu.clean.identity import content_id
from thoisu.evaluate.bcubed import BCubed, bcubed
from thoisu.evaluate.vims import VimsCluster
from thoisu.model import Article, Origin, Story
from thoisu.settings import Settings

BASELINE_THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


@dataclass
class Run:
    """One line of the report: a method, how it was fed, its scores and time."""

    method: str
    feed: str
    scores: BCubed
    seconds: float
    best: bool = False  # the baseline's best threshold


def vims_articles(clusters: Sequence[VimsCluster]) -> tuple[list[Article], dict[str, str]]:
    """ViMs as articles (id: content hash and a serial number) and the gold story of each."""
    articles: list[Article] = []
    gold: dict[str, str] = {}
    for cluster in clusters:
        for item in cluster.articles:
            paragraphs = [p for p in item.text.split("\n") if p.strip()]
            article_id = f"{content_id(item.title, '', paragraphs)}-{len(articles):04d}"
            articles.append(Article(id=article_id, origin=Origin(str(item.path)),
                                    title=item.title, paragraphs=paragraphs))
            gold[article_id] = cluster.id
    return articles, gold


def story_labels(stories: Sequence[Story]) -> dict[str, str]:
    """Article id -> story id, copies included."""
    labels: dict[str, str] = {}
    for story in stories:
        for article_id in story.articles:
            labels[article_id] = story.id
        for link in story.duplicates:
            labels[link.copy] = story.id
    return labels


def batches_of(articles: Sequence[Article], batches: int, seed: int | None) -> list[list[Article]]:
    """``articles`` shuffled with ``seed`` (unless None), cut into ``batches`` near-equal parts."""
    items = list(articles)
    if seed is not None:
        random.Random(seed).shuffle(items)
    batches = max(1, min(batches, len(items) or 1))
    size, extra = divmod(len(items), batches)
    out, start = [], 0
    for b in range(batches):
        end = start + size + (1 if b < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def run_clusterer(articles: Sequence[Article], gold: dict[str, str], settings: Settings,
                  batches: int = 1, seed: int | None = None) -> Run:
    """thoisu's clusterer fed ``batches`` batches (shuffled with ``seed``)."""
    from thoisu.stories.cluster import StoryClusterer

    parts = batches_of(articles, batches, seed)
    start = time.perf_counter()
    clusterer = StoryClusterer(settings)
    for part in parts:
        clusterer.add(part)
    stories = clusterer.stories()
    seconds = time.perf_counter() - start
    feed = "1 batch" if batches == 1 and seed is None else (
        f"{len(parts)} batches, shuffled (seed {seed})" if seed is not None
        else f"{len(parts)} batches")
    return Run("thoisu", feed, bcubed(gold, story_labels(stories)), seconds)


def run_baseline(articles: Sequence[Article], gold: dict[str, str],
                 thresholds: Sequence[float] = BASELINE_THRESHOLDS) -> list[Run]:
    """TF-IDF (syllables) + average-link agglomerative clustering at each cosine threshold."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    from thoisu.text.syllables import syllable_tokens

    start = time.perf_counter()
    matrix = TfidfVectorizer(analyzer=syllable_tokens).fit_transform(
        [a.full_text for a in articles])
    distance = 1.0 - (matrix @ matrix.T).toarray()
    prepared = time.perf_counter() - start
    runs = []
    for threshold in thresholds:
        t0 = time.perf_counter()
        model = AgglomerativeClustering(n_clusters=None, metric="precomputed",
                                        linkage="average", distance_threshold=1.0 - threshold)
        labels = model.fit_predict(distance)
        predicted = {a.id: int(label) for a, label in zip(articles, labels, strict=True)}
        runs.append(Run(f"baseline @ {threshold:.2f}", "all at once", bcubed(gold, predicted),
                        prepared + time.perf_counter() - t0))
    best = max(runs, key=lambda r: r.scores.f1)
    best.best = True
    return runs


def format_runs(runs: Sequence[Run], gold_stories: int) -> str:
    """A plain-text table of the runs."""
    lines = [f"{'method':<18} {'fed':<30} {'P':>6} {'R':>6} {'F1':>6} {'stories':>7} "
             f"{'sec':>6}",
             f"{'gold':<18} {'':<30} {'':>6} {'':>6} {'':>6} {gold_stories:>7} {'':>6}"]
    for run in runs:
        s = run.scores
        mark = "  <- best baseline" if run.best else ""
        lines.append(f"{run.method:<18} {run.feed:<30} {s.precision:6.4f} {s.recall:6.4f} "
                     f"{s.f1:6.4f} {s.clusters:7d} {run.seconds:6.1f}{mark}")
    return "\n".join(lines)


def order_check(articles: Sequence[Article], settings: Settings,
                feeds: Sequence[tuple[int, int | None]] = ((2, None), (2, 1), (4, 2), (10, 3))
                ) -> list[tuple[str, BCubed]]:
    """B-cubed between the stories of one batch and those of other feeds of the same articles
    (``(batches, shuffle seed)``): 1.0 when the order of arrival changes nothing."""
    from thoisu.stories.cluster import StoryClusterer

    def labels(batches: int, seed: int | None) -> dict[str, str]:
        clusterer = StoryClusterer(settings)
        for part in batches_of(articles, batches, seed):
            clusterer.add(part)
        return story_labels(clusterer.stories())

    reference = labels(1, None)
    out = []
    for batches, seed in feeds:
        feed = f"{batches} batches" + (f", shuffled (seed {seed})" if seed is not None else "")
        out.append((feed, bcubed(reference, labels(batches, seed))))
    return out


THOISU_THRESHOLDS = (0.10, 0.12, 0.15, 0.18, 0.21)


@dataclass
class HeldOutRun:
    """One direction of the split-half check: tuned on one half, scored on the other."""

    tuned_on: str
    tested_on: str
    default: BCubed  # thoisu at the shipped story_threshold
    tuned_threshold: float  # thoisu's best story_threshold on the tuning half
    tuned: BCubed  # thoisu at that threshold, on the test half
    baseline_threshold: float  # the baseline's best threshold on the tuning half
    baseline: BCubed  # the baseline at that threshold, on the test half


def _subset(clusters: Sequence[VimsCluster]) -> tuple[list[Article], dict[str, str]]:
    return vims_articles(clusters)


def split_half(clusters: Sequence[VimsCluster], settings: Settings, seed: int = 0,
               thresholds: Sequence[float] = THOISU_THRESHOLDS) -> list[HeldOutRun]:
    """Were the clustering parameters fitted to ViMs? Tune on half the clusters, test on the
    other half, and swap. The baseline's threshold is also chosen on the tuning half only."""
    from dataclasses import replace

    order = list(range(len(clusters)))
    random.Random(seed).shuffle(order)
    halves = {"half A": sorted(order[: len(order) // 2]), "half B": sorted(order[len(order) // 2:])}
    data = {name: _subset([clusters[i] for i in idx]) for name, idx in halves.items()}
    out = []
    for tune, test in (("half A", "half B"), ("half B", "half A")):
        tune_articles, tune_gold = data[tune]
        test_articles, test_gold = data[test]
        sweep = {t: run_clusterer(tune_articles, tune_gold,
                                  replace(settings, story_threshold=t)).scores.f1
                 for t in thresholds}
        best_t = max(sweep, key=lambda t: (sweep[t], -abs(t - settings.story_threshold)))
        base_tune = run_baseline(tune_articles, tune_gold)
        best_base = next(r for r in base_tune if r.best)
        base_t = float(best_base.method.split("@")[1])
        base_test = run_baseline(test_articles, test_gold, thresholds=(base_t,))[0]
        out.append(HeldOutRun(
            tune, test, run_clusterer(test_articles, test_gold, settings).scores, best_t,
            run_clusterer(test_articles, test_gold,
                          replace(settings, story_threshold=best_t)).scores,
            base_t, base_test.scores))
    return out


def format_held_out(runs: Sequence[HeldOutRun], default_threshold: float) -> str:
    """The split-half check as a plain-text table (B-cubed F1 on the test half)."""
    lines = [f"{'tuned on':<8} {'tested on':<9} {'thoisu @ default':>17} "
             f"{'thoisu @ tuned':>20} {'baseline @ tuned':>20}"]
    for r in runs:
        lines.append(f"{r.tuned_on:<8} {r.tested_on:<9} "
                     f"{r.default.f1:>10.4f} ({default_threshold:.2f}) "
                     f"{r.tuned.f1:>13.4f} ({r.tuned_threshold:.2f}) "
                     f"{r.baseline.f1:>13.4f} ({r.baseline_threshold:.2f})")
    return "\n".join(lines)
