"""Put analysed articles into a store and keep its stories whole: ``ingest_articles``.

Every way into a store goes through here: ``thoisu ingest``, the web upload and
``POST /api/articles``, ``thoisu watch`` and ``thoisu batch``. One call

1. adds the articles not yet stored (an article already there, same content id, is left alone);
2. groups **every** stored article that belongs to no story, not only this call's: an earlier
   run killed after storing its articles but before grouping them is healed by the next one;
3. derives summary, timeline and names for the stories that changed (or whose stored results
   are missing or were made by another analysis version), and stores them.

Steps 2 and 3 each write in one transaction, so an interruption at any point leaves a store
that the next call completes.

>>> from thoisu.store import Store                                  # doctest: +SKIP
>>> with Store.open("sqlite:///tin.db") as store:
...     result = ingest_articles(store, articles, settings)
>>> len(result.added), len(result.stories)                         # doctest: +SKIP
(12, 3)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from thoisu.model import Article, Story
from thoisu.settings import Settings
from thoisu.stats import RunStats

if TYPE_CHECKING:
    from thoisu.store import AddFailure, Store


@dataclass
class IngestResult:
    """What one ingest did: articles added or already there, and the stories it saved."""

    added: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)
    failed: list[AddFailure] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)  # new or changed, as saved
    grouped: int = 0  # articles placed into stories by this call
    healed: int = 0  # of those, articles an earlier (interrupted) run stored but never grouped
    described: int = 0  # stories whose summary, timeline and names were derived and stored


def ingest_articles(
    store: Store,
    articles: Iterable[Article],
    settings: Settings,
    stats: RunStats | None = None,
    on_failure: Callable[[AddFailure], None] | None = None,
    on_story: Callable[[Story], None] | None = None,
) -> IngestResult:
    """Add ``articles`` to ``store``, group every stored article in no story, describe stories.

    ``articles`` may be a generator (it is consumed once, stored a chunk at a time);
    ``on_failure`` hears each article that could not be stored, ``on_story`` each story
    described (for a progress bar).
    """
    made: dict[str, Article] = {}

    def keep(items: Iterable[Article]) -> Iterator[Article]:
        for article in items:
            made.setdefault(article.id, article)
            if stats is not None:
                stats.count_article(article)
            yield article

    added = store.add_articles(keep(articles), on_failure=on_failure)
    result = IngestResult(added=added.added, already_present=added.already_present,
                          failed=added.failed)
    if stats is not None:
        stats.add("store", "articles added", len(added.added))
        stats.add("store", "articles already stored", len(added.already_present))
        stats.add("store", "articles failed", len(added.failed))
    group_unassigned(store, settings, result, made, stats)
    result.described = describe_stale(store, settings, made, stats, on_story=on_story)
    return result


def group_unassigned(store: Store, settings: Settings, result: IngestResult,
                     made: dict[str, Article] | None = None,
                     stats: RunStats | None = None) -> list[Story]:
    """Place every stored article that is in no story; save and return the stories changed.

    Articles are taken in the order they were stored, so a run interrupted and re-run groups
    the same articles in the same order as one uninterrupted run. ``made`` holds this run's
    articles as analysed (no need to read them back).
    """
    from thoisu.stories.sync import update_stories

    made = made or {}
    loose = store.ids_without_story()
    missing = [i for i in loose if i not in made]
    loaded = {a.id: a for a in store.get_articles(missing)} if missing else {}
    pending = [made[i] if i in made else loaded[i] for i in loose if i in made or i in loaded]
    before = {s.id: len(s.articles) for s in store.list_stories()} if stats is not None else {}
    changed = update_stories(store, pending, settings) if pending else []
    result.stories = changed
    result.grouped = len(pending)
    result.healed = len([a for a in pending if a.id not in result.added])
    if stats is not None:
        stats.add("stories", "articles grouped", result.grouped)
        stats.add("stories", "articles healed from earlier runs", result.healed)
        stats.count_stories(changed, before)
    return changed


def describe_stale(store: Store, settings: Settings, made: dict[str, Article] | None = None,
                   stats: RunStats | None = None,
                   on_story: Callable[[Story], None] | None = None,
                   story_ids: Iterable[str] | None = None, batch: int = 200) -> int:
    """Derive and store summary, timeline and names of every story whose stored results are
    stale (changed members, never derived, or another analysis version), ``batch`` stories
    at a time; how many were described. Members whose date settling changed are stored again.

    ``made`` holds articles as analysed in this run (read from the store otherwise);
    ``story_ids`` limits the work to those stories (all stale ones by default).
    """
    from thoisu.analyse import analysis_version
    from thoisu.pipeline import describe_stories

    made = made or {}
    ids = list(story_ids) if story_ids is not None else store.stale_story_ids(
        analysis_version(settings))
    done = 0
    for start in range(0, len(ids), batch):
        stories = store.get_stories(ids[start:start + batch])
        wanted = [i for s in stories for i in s.articles]
        missing = [i for i in wanted if i not in made]
        by_id = {a.id: a for a in store.get_articles(missing)} if missing else {}
        by_id.update((i, made[i]) for i in wanted if i in made)
        described, settled = describe_stories(stories, by_id, settings, on_story=on_story)
        if settled:
            store.save_analysis(settled)
        store.save_derived(described)
        done += len(described)
        if stats is not None:
            stats.add("stories", "stories described", len(described))
            stats.add("stories", "dates settled by a story", len(settled))
            stats.add("stories", "timeline events", sum(len(s.timeline) for s in described))
            stats.add("stories", "story names", sum(len(s.entities) for s in described))
    return done
