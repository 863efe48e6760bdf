"""The stages in order: read → clean → analyse, and the story-level stages of a digest.

A stage is a plain function; this module only chains them. Problems with an input are handed
to ``on_problem`` and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from thoisu.model import (
    Article,
    DateEvidence,
    Digest,
    PartialDate,
    Problem,
    RawPage,
    Story,
    TimeExpr,
)
from thoisu.settings import Settings

if TYPE_CHECKING:
    from thoisu.stories.features import Features


def _clean(page: RawPage, settings: Settings) -> list[Article] | Problem:
    from thoisu.clean import clean_page

    try:
        articles = clean_page(page, settings)
    except Exception as exc:  # one bad page must not stop the batch
        return Problem(page.origin.path, f"could not be cleaned ({type(exc).__name__}: {exc}); "
                       "please report this page", page.origin.line)
    if not articles:
        return Problem(page.origin.path, "no article text found (only boilerplate)",
                       page.origin.line, kind="skipped")
    return articles


def _articles(results: Iterable[Sequence[Article | Problem] | Problem],
              on_problem: Callable[[Problem], None]) -> Iterator[Article]:
    """The articles of each page's result; a page's (or an article's) problem goes to
    ``on_problem``."""
    for result in results:
        if isinstance(result, Problem):
            on_problem(result)
            continue
        for item in result:
            if isinstance(item, Problem):
                on_problem(item)
            else:
                yield item


def analyse(article: Article, settings: Settings) -> Article:
    """Fill in what every later stage needs: the stages of :mod:`thoisu.analyse` in order
    (sentences, words when ``settings.segment_words``, language, publication date, time
    expressions, names).

    Raises :class:`thoisu.analyse.TooLarge` for an article over ``settings.max_article_chars``.
    """
    from thoisu.analyse import analyse_article

    return analyse_article(article, settings)


def clean_and_analyse_page(page: RawPage, settings: Settings,
                           given: DateEvidence | None = None) -> list[Article | Problem]:
    """One page's analysed articles, in order, with a problem in the place of anything that
    could not be made: the one per-page path of ``digest``, ``ingest``, ``batch`` and the web
    upload. An article over ``settings.max_article_chars`` is skipped; one that fails
    analysis is a problem and the page's other articles go on. ``given``: a publication date
    that came with the page (an API item's ``published``), set before analysis.
    """
    from thoisu.analyse import TooLarge

    result = _clean(page, settings)
    if isinstance(result, Problem):
        return [result]
    done: list[Article | Problem] = []
    for article in result:
        if given is not None:
            article.published, article.published_evidence = given.value, given
        try:
            done.append(analyse(article, settings))
        except TooLarge as exc:
            done.append(Problem(page.origin.path, str(exc), page.origin.line, kind="skipped"))
        except Exception as exc:  # one bad article must not stop the batch
            done.append(Problem(page.origin.path, f"could not be analysed "
                                f"({type(exc).__name__}: {exc}); please report this page",
                                page.origin.line))
    return done


def _pages(paths: Sequence[str], settings: Settings, on_problem: Callable[[Problem], None],
           stdin: BinaryIO | None, on_page: Callable[[RawPage], None] | None) -> Iterator[RawPage]:
    from thoisu.read import iter_pages

    for item in iter_pages(paths, settings, stdin=stdin):
        if isinstance(item, Problem):
            on_problem(item)
            continue
        if on_page is not None:
            on_page(item)
        yield item


def process(
    paths: Sequence[str],
    settings: Settings,
    on_problem: Callable[[Problem], None],
    stdin: BinaryIO | None = None,
    on_page: Callable[[RawPage], None] | None = None,
    *,
    analysed: bool = True,
    story_features: dict[str, Features] | None = None,
) -> Iterator[Article]:
    """Read, clean and analyse: the articles of ``paths``, ready for stories and summaries.

    With ``settings.jobs`` above 1, cleaning and analysis run in that many worker processes
    (each loads its own models); articles still come out in input order. ``analysed=False``
    stops after cleaning (``thoisu clean``), in this process. ``story_features``: a dict the
    workers' story features of each article are put in, by id (:mod:`thoisu.stories.features`;
    with one job it is left empty: the clusterer computes them in this process either way).
    """
    if not analysed:
        pages = _pages(paths, settings, on_problem, stdin, on_page)
        yield from _articles((_clean(page, settings) for page in pages), on_problem)
        return
    pages = _pages(paths, settings, on_problem, stdin, on_page)
    if settings.jobs <= 1:
        yield from _articles((clean_and_analyse_page(page, settings) for page in pages),
                              on_problem)
        return
    yield from _articles(_in_pool(pages, settings, story_features), on_problem)


# Pages sent to a worker at a time, and chunks in flight per worker: enough that a worker
# never waits for this process to read the next pages, few enough that a large archive is
# never all in memory at once.
_CHUNK = 8
_AHEAD = 4


_Chunk = tuple[list[list[Article | Problem]], list[tuple[str, "Features"]]]


def _analyse_chunk(pages: list[RawPage], settings: Settings, features: bool) -> _Chunk:
    """The pages' analysed articles, and (``features``) each article's story features: the
    clustering's per-article work, done here in parallel instead of in the parent."""
    results = [clean_and_analyse_page(page, settings) for page in pages]
    found: list[tuple[str, Features]] = []
    if features:
        from thoisu.stories.features import features_of

        for result in results:
            for item in result:
                if isinstance(item, Article):
                    try:
                        found.append((item.id, features_of(item, settings)))
                    except Exception:  # the clusterer computes them again
                        continue
    return results, found


def _in_pool(pages: Iterator[RawPage], settings: Settings,
             story_features: dict[str, Features] | None = None
             ) -> Iterator[list[Article | Problem]]:
    """``clean_and_analyse_page`` of each page, in input order, in ``settings.jobs`` processes.

    Chunks are submitted as results are taken, not window by window: a window waited for its
    slowest chunk with a worker idle, then for this process to read the next window.
    """
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from itertools import islice

    with ProcessPoolExecutor(settings.jobs) as pool:
        pending: deque[Future[_Chunk]] = deque()
        while True:
            while len(pending) < _AHEAD * settings.jobs:
                chunk = list(islice(pages, _CHUNK))
                if not chunk:
                    break
                pending.append(pool.submit(_analyse_chunk, chunk, settings,
                                           story_features is not None))
            if not pending:
                return
            results, found = pending.popleft().result()
            if story_features is not None:
                for article_id, features in found:
                    story_features.setdefault(article_id, features)
            yield from results


def _own_date(article: Article) -> DateEvidence | None:
    """The article's date on its own, as the analysis recorded it."""
    if article.published_evidence is not None:
        return article.published_evidence
    if article.published is not None:
        return DateEvidence(article.published, 0.99, ["given with the article"])
    return None


def settle_dates(articles: Sequence[Article]) -> list[Article]:
    """Let articles of one story settle each other's partial publication dates.

    A story stage: the articles are analysed (:func:`describe_story` sees to it). Reads what
    analysis recorded (``published_evidence``) instead of inferring each date again; only an
    article whose own date lacks its year asks its siblings. An article whose date changed
    gets its time expressions re-anchored on the new date. Returns the articles whose date
    changed.
    """
    from thoisu.analyse import tag_article_dates
    from thoisu.dates.published import infer_published

    for article in articles:
        if article.analysis_version is None:
            raise ValueError(f"article {article.id!r} ({article.origin}) is not analysed: "
                             "settle_dates reads the analysis; run "
                             "thoisu.analyse.ensure_analysed on the story's articles first")
    own = {a.id: _own_date(a) for a in articles}
    changed = []
    for article in articles:
        if article.published is not None and article.published.precision == "day" and (
            article.published_evidence is None or article.published_evidence.confidence >= 0.9
        ):
            continue
        mine = own[article.id]
        if mine is None or mine.value.year is not None:
            continue  # siblings lend a missing year only: nothing to settle
        others = [a for a in articles if a is not article]
        evidence = infer_published(article, others, own_dates=own)
        if evidence is None:
            continue
        before = article.published
        article.published = evidence.value
        article.published_evidence = evidence
        if before != article.published:
            changed.append(article)
            tag_article_dates(article)
    return changed


Guard = Callable[[str, Callable[[], Any], Any], Any]


def _unguarded(_what: str, run: Callable[[], Any], _empty: Any) -> Any:
    return run()


def describe_story(story: Story, members: Sequence[Article], settings: Settings,
                   summary_syllables: int | None = None, guard: Guard = _unguarded) -> Story:
    """Fill ``story``'s facts, summary, timeline and names from its member articles (the
    story stages; members not analysed yet, such as articles built by hand, are analysed
    first, once, so no story stage needs a fallback of its own).

    ``guard(what, run, empty)`` runs each stage; the web app passes one that notes a failing
    stage and leaves its part empty instead of failing the page.
    """
    from thoisu.analyse import ensure_analysed
    from thoisu.disagree import find_disagreements
    from thoisu.entities import story_entities
    from thoisu.stories.facts import describe_facts
    from thoisu.summarize import summarize
    from thoisu.timeline import build_timeline

    ensure_analysed(members, settings)
    length = summary_syllables or settings.summary_syllables
    if members:
        guard("date settling", lambda: settle_dates(members), None)
    describe_facts(story, members)
    summary = guard("summary", lambda: summarize(members, length), None)
    story.summary = summary.sentences if summary is not None else []
    if summary is not None and summary.title:
        # The story is told by its latest development (summarize/headline.py), not by its
        # first article: title and teaser move when a new turn arrives.
        story.title, story.teaser = summary.title, summary.teaser
    story.timeline = guard("timeline", lambda: build_timeline(members), [])
    story.entities = guard("names", lambda: story_entities(members), [])
    story.disagreements = guard("disagreements", lambda: find_disagreements(members), [])
    from thoisu.analyse import analysis_version

    story.analysis_version = analysis_version(settings)
    return story


@dataclass
class _Described:
    """What describing a story in a worker process sends back: the story's derived parts and
    the members whose date settling changed (dates, evidence, time expressions)."""

    story: Story
    settled: list[tuple[str, PartialDate | None, DateEvidence | None, list[TimeExpr]]]


def _describe_task(task: tuple[Story, list[Article], Settings, int | None]) -> _Described:
    story, members, settings, summary_syllables = task
    before = {a.id: (a.published, a.published_evidence) for a in members}
    describe_story(story, members, settings, summary_syllables)
    settled = [(a.id, a.published, a.published_evidence, a.dates) for a in members
               if (a.published, a.published_evidence) != before[a.id]]
    return _Described(story, settled)


# The tasks a forked describing worker reads from the memory it shares with its parent.
_SHARED_TASKS: Sequence[tuple[Story, list[Article], Settings, int | None]] = ()


def _describe_shared(k: int) -> _Described:
    return _describe_task(_SHARED_TASKS[k])


def _describe_in_pool(tasks: Sequence[tuple[Story, list[Article], Settings, int | None]],
                      order: Sequence[int], jobs: int) -> Iterator[_Described]:
    """``_describe_task`` of ``tasks[k]`` for each ``k`` of ``order``, in ``jobs`` processes.

    Where the platform forks and this process runs one thread (the command line, not the web
    server), the workers are forked after the tasks exist and read them from the memory they
    share with this process: only a story's number goes out, where pickling every member
    article to a worker and back cost more than a second of a ViMs digest. Elsewhere the
    tasks are sent as they are.
    """
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    global _SHARED_TASKS
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        # Imported here, once, so the forked workers inherit the story stages' modules.
        import thoisu.dates
        import thoisu.disagree
        import thoisu.entities
        import thoisu.summarize
        import thoisu.timeline  # noqa: F401

        _SHARED_TASKS = tasks
        try:
            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                yield from pool.map(_describe_shared, order, chunksize=2)
        finally:
            _SHARED_TASKS = ()
        return
    with ProcessPoolExecutor(jobs) as pool:
        yield from pool.map(_describe_task, [tasks[k] for k in order], chunksize=2)


def describe_stories(stories: Sequence[Story], by_id: dict[str, Article], settings: Settings,
                     summary_syllables: int | None = None,
                     on_story: Callable[[Story], None] | None = None
                     ) -> tuple[list[Story], list[Article]]:
    """Describe each story from its members in ``by_id``: the stories (in the order given)
    and the member articles whose date settling changed.

    With ``settings.jobs`` above 1 the stories are described in that many worker processes,
    story by story; the result is the same as in one process (members' settled dates and
    re-anchored time expressions are copied back into ``by_id``'s articles).
    """
    tasks = [(story, [by_id[i] for i in story.articles if i in by_id], settings,
              summary_syllables) for story in stories]
    settled: dict[str, Article] = {}
    if settings.jobs <= 1 or len(tasks) < 2:
        out = []
        for task in tasks:
            done = _describe_task(task)
            settled.update((i, by_id[i]) for i, *_ in done.settled)
            out.append(done.story)
            if on_story is not None:
                on_story(done.story)
        return out, list(settled.values())
    # Largest stories first, so one big story does not finish last on its own.
    order = sorted(range(len(tasks)), key=lambda k: -len(tasks[k][1]))
    described: dict[int, _Described] = {}
    for k, done in zip(order, _describe_in_pool(tasks, order, settings.jobs), strict=True):
        described[k] = done
        if on_story is not None:
            on_story(done.story)
    out = []
    for k in range(len(tasks)):
        done = described[k]
        for article_id, published, evidence, dates in done.settled:
            article = by_id[article_id]
            article.published, article.published_evidence = published, evidence
            article.dates = dates
            settled[article_id] = article
        out.append(done.story)
    return out, list(settled.values())


def build_stories(articles: Sequence[Article], settings: Settings,
                  summary_syllables: int | None = None,
                  features: dict[str, Features] | None = None) -> list[Story]:
    """Group articles into stories; give each its summary, timeline and names (in
    ``settings.jobs`` processes, story by story, when above 1). ``features``: the articles'
    story features when :func:`process` computed them."""
    from thoisu.stories import group_stories

    by_id = {a.id: a for a in articles}
    stories = group_stories(list(articles), settings, features)
    described, _ = describe_stories(stories, by_id, settings, summary_syllables)
    return described


def digest(articles: Iterable[Article], settings: Settings,
           summary_syllables: int | None = None,
           features: dict[str, Features] | None = None) -> Digest:
    """Articles in, articles and their stories out (``features``: see :func:`build_stories`)."""
    kept = list(articles)
    return Digest(articles=kept,
                  stories=build_stories(kept, settings, summary_syllables, features))
