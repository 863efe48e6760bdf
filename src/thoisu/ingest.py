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

>>> from thoisu.model import Article, Origin
>>> from thoisu.store import Store
>>> bai = [Article(f"b{k}", Origin(f"b{k}.txt"), title="Bão số 3 vào Quảng Ninh",
...                lead="Bão số 3 đổ bộ vào Quảng Ninh, gió giật cấp 12.") for k in (1, 2)]
>>> with Store.open("sqlite://") as store:
...     result = ingest_articles(store, bai, Settings())
>>> len(result.added), result.described  # the second is a copy of the first: one story
(2, 1)
>>> [(s.articles, [d.copy for d in s.duplicates]) for s in result.stories]
[(['b1'], ['b2'])]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import ExitStack
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
        # Members stored without analysis (by an older thoisu, or added as they were) are
        # analysed now, so the story stages read a filled record.
        fresh = [a for a, problem in (_analyse_one(a, settings) for a in by_id.values()
                                      if a.analysis_version is None) if problem is None]
        described, settled = describe_stories(stories, by_id, settings, on_story=on_story)
        fresh_ids = {a.id for a in fresh}
        if fresh or settled:
            store.save_analysis([*fresh, *(a for a in settled if a.id not in fresh_ids)])
        store.save_derived(described)
        done += len(described)
        if stats is not None:
            stats.add("stories", "stories described", len(described))
            stats.add("stories", "dates settled by a story", len(settled))
            stats.add("stories", "timeline events", sum(len(s.timeline) for s in described))
            stats.add("stories", "story names", sum(len(s.entities) for s in described))
    return done


def regroup_store(store: Store, settings: Settings, stats: RunStats | None = None,
                  on_article: Callable[[Article], None] | None = None,
                  on_story: Callable[[Story], None] | None = None) -> IngestResult:
    """Group every stored article into stories from scratch (``thoisu stories rebuild``).

    The new stories replace all stored ones in one transaction, then each is described.
    Articles are taken in the order they were stored, as an ingest of them would.
    """
    from thoisu.stories.cluster import StoryClusterer

    by_id: dict[str, Article] = {}
    for article in store.iter_articles():
        by_id[article.id] = article
        if on_article is not None:
            on_article(article)
    clusterer = StoryClusterer(settings)
    clusterer.add(list(by_id.values()))
    stories = clusterer.stories()
    store.save_stories(stories, replace_all=True)
    result = IngestResult(stories=stories, grouped=len(by_id))
    if stats is not None:
        stats.add("stories", "articles grouped", len(by_id))
        stats.count_stories(stories)
    result.described = describe_stale(store, settings, by_id, stats, on_story=on_story,
                                      story_ids=[s.id for s in stories])
    return result


@dataclass
class ReanalyseResult:
    """What ``thoisu reanalyse`` did."""

    analysed: int = 0  # articles analysed again
    described: int = 0  # stories described again
    problems: list[str] = field(default_factory=list)  # articles that could not be analysed


def reanalyse_store(store: Store, settings: Settings, *, everything: bool = False,
                    stats: RunStats | None = None, batch: int = 200,
                    on_article: Callable[[str], None] | None = None,
                    on_story: Callable[[Story], None] | None = None) -> ReanalyseResult:
    """Analyse again the stored articles whose analysis version is not this one (all of them
    with ``everything``), then describe again the stories holding them and every story whose
    stored results are stale.

    A stored publication date is kept (the page's own layout, which some date evidence
    reads, is not stored); time expressions, names and mentions are made again.
    """
    from thoisu.analyse import analysis_version

    version = analysis_version(settings)
    ids = ([a.id for a in store.iter_articles()] if everything
           else store.stale_article_ids(version))
    result = ReanalyseResult()
    touched: set[str] = set()
    with ExitStack() as stack:
        pool = None
        if settings.jobs > 1 and len(ids) > 1:
            from concurrent.futures import ProcessPoolExecutor

            pool = stack.enter_context(ProcessPoolExecutor(settings.jobs))
        for start in range(0, len(ids), batch):
            touched.update(_reanalyse_chunk(store, settings, ids[start:start + batch], pool,
                                            result, stats, on_article))
    stale = set(store.stale_story_ids(version)) | store.stories_of(touched)
    result.described = describe_stale(store, settings, stats=stats, on_story=on_story,
                                      story_ids=sorted(stale))
    return result


def _reanalyse_chunk(store: Store, settings: Settings, ids: list[str], pool: Executor | None,
                     result: ReanalyseResult, stats: RunStats | None,
                     on_article: Callable[[str], None] | None) -> list[str]:
    """Analyse and store these articles again; the ids of those that were."""
    done = []
    for article, problem in _analysed(store.get_articles(ids), settings, pool):
        if problem is not None:
            result.problems.append(f"article {article.id} ({article.origin}): {problem}")
        else:
            done.append(article)
            if stats is not None:
                stats.count_article(article)
        if on_article is not None:
            on_article(article.id)
    store.save_analysis(done)
    result.analysed += len(done)
    return [a.id for a in done]


def _analyse_one(article: Article, settings: Settings) -> tuple[Article, str | None]:
    from thoisu.pipeline import analyse

    article.sentences, article.dates, article.entities, article.mentions = [], [], [], []
    article.problems = [p for p in article.problems if p != "no sentences in the article text"]
    try:
        return analyse(article, settings), None
    except Exception as exc:  # one bad article must not stop the run
        return article, f"not analysed ({type(exc).__name__}: {exc})"


def _analysed(articles: list[Article], settings: Settings, pool: Executor | None
              ) -> Iterator[tuple[Article, str | None]]:
    if pool is None:
        for article in articles:
            yield _analyse_one(article, settings)
        return
    from itertools import repeat

    yield from pool.map(_analyse_one, articles, repeat(settings), chunksize=8)
