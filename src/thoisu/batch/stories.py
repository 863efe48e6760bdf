"""Stories at archive scale: one clustering over every partition, then stories described as tasks.

1. **Features on the workers.** Each partition task computed its articles' story features
   (language, vector terms, syllables, MinHash signature:
   :func:`thoisu.stories.features.features_of`), the costly part of clustering.
2. **One clustering in the client**, through the same LSH duplicate index and vector index as
   ``thoisu digest`` (:class:`thoisu.stories.cluster.StoryClusterer`), fed with the
   precomputed features: only the placement itself runs here. With ``story_step`` 0 every
   article is placed in one call, which is what ``digest`` does, so the stories are the
   digest's; a step of N places them N at a time (less memory, stories a little different:
   docs/batch.md gives the B-cubed between the two).
3. **Describing on the cluster.** Stories are cut into buckets of about a partition's worth of
   articles; a *scatter* task per partition sends each article to its story's bucket (shared
   storage), and a *describe* task per bucket settles dates and makes each story's summary,
   timeline and names (:func:`thoisu.pipeline.describe_story`), then writes that bucket's
   ``articles`` and ``stories`` Parquet files.
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Sequence
from dataclasses import dataclass

from thoisu.batch.columns import (
    article_row,
    article_schema,
    story_row,
    story_schema,
    write_table,
)
from thoisu.batch.work import PICKLE_PROTOCOL, Features, load_items, write_atomic
from thoisu.model import Article, Problem, Story
from thoisu.settings import Settings


@dataclass
class Grouping:
    """The stories of a run and where each article goes."""

    stories: list[Story]
    story_of: dict[str, str]  # article id (canonical or copy) -> story id
    duplicate_of: dict[str, str]  # copy id -> canonical id
    bucket_of_story: dict[str, int]
    buckets: int


def group(slim_parts: Sequence[list[tuple[Article, Features]]], settings: Settings,
          story_step: int = 0, bucket_articles: int = 1000) -> Grouping:
    """Cluster the articles of every partition (in input order) into stories."""
    features: dict[str, Features] = {}
    articles: list[Article] = []
    for light in slim_parts:
        for article, feats in light:
            features.setdefault(article.id, feats)
            articles.append(article)
    from thoisu.stories.cluster import StoryClusterer

    clusterer = StoryClusterer(settings, features=features)
    step = story_step if story_step > 0 else max(1, len(articles))
    for start in range(0, len(articles), step):
        clusterer.add(articles[start:start + step])
    stories = clusterer.stories()
    duplicate_of = {d.copy: d.canonical for s in stories for d in s.duplicates}
    story_of: dict[str, str] = {}
    for story in stories:
        for article_id in story.articles:
            story_of[article_id] = story.id
        for link in story.duplicates:
            story_of.setdefault(link.copy, story.id)
    # Buckets of consecutive stories, about bucket_articles articles each.
    bucket_of: dict[str, int] = {}
    bucket = filled = 0
    for story in stories:
        size = len(story.articles) + len(story.duplicates)
        if filled and filled + size > bucket_articles:
            bucket, filled = bucket + 1, 0
        bucket_of[story.id] = bucket
        filled += size
    return Grouping(stories, story_of, duplicate_of, bucket_of, bucket + 1 if stories else 0)


# -- tasks ------------------------------------------------------------------------------------


def _bucket_dir(state: str, bucket: int) -> str:
    return os.path.join(state, "shuffle", f"{bucket:05d}")


def scatter_part(state: str, key: str, first_position: int,
                 bucket_of_article: dict[str, int]) -> int:
    """Send each article of a partition to its story's bucket; the number of articles."""
    items = load_items(state, key)
    out: dict[int, list[tuple[int, Article]]] = {}
    position = first_position
    for item in items:
        if isinstance(item, Problem):
            continue
        out.setdefault(bucket_of_article.get(item.id, 0), []).append((position, item))
        position += 1
    for bucket, rows in out.items():
        path = os.path.join(_bucket_dir(state, bucket), f"{key}.pkl")
        write_atomic(path, pickle.dumps((key, rows), protocol=PICKLE_PROTOCOL))
    return position - first_position


def describe_bucket(state: str, out: str, bucket: int, stories: list[tuple[int, Story]],
                    story_of: dict[str, str], duplicate_of: dict[str, str], settings: Settings,
                    summary_syllables: int | None) -> int:
    """Describe a bucket's stories; write its articles and stories; the number of articles."""
    from thoisu.pipeline import describe_story

    folder = _bucket_dir(state, bucket)
    rows: list[tuple[int, Article, str]] = []
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".pkl"):
                continue
            with open(os.path.join(folder, name), "rb") as stream:
                key, part_rows = pickle.load(stream)
            rows.extend((position, article, key) for position, article in part_rows)
    rows.sort(key=lambda r: r[0])
    by_id = {article.id: article for _, article, _ in rows}  # the last copy wins, as in digest
    for _, article, _ in rows:
        if article.id in duplicate_of:
            article.duplicate_of = duplicate_of[article.id]
    story_rows = []
    for position, story in stories:
        members = [by_id[i] for i in story.articles if i in by_id]
        describe_story(story, members, settings, summary_syllables)
        story_rows.append(story_row(story, position, members))
    name = f"part-{bucket:05d}.parquet"
    write_table(story_rows, story_schema(), os.path.join(out, "stories", name))
    write_table([article_row(a, p, story_of.get(a.id), k) for p, a, k in rows],
                article_schema(), os.path.join(out, "articles", name))
    return len(rows)


def clear_shuffle(state: str) -> None:
    shutil.rmtree(os.path.join(state, "shuffle"), ignore_errors=True)
