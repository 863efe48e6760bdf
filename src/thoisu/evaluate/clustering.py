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

BASELINE_THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


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
