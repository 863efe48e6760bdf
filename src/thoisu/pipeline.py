"""The stages in order: read → clean → analyse, and the story-level stages of a digest.

A stage is a plain function; this module only chains them. Problems with an input are handed
to ``on_problem`` and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, BinaryIO

from thoisu.model import Article, Digest, Problem, RawPage, Story
from thoisu.settings import Settings
from thoisu.text.language import detect_language
from thoisu.text.sentences import article_sentences
from thoisu.text.words import get_segmenter


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


def read_and_clean(
    paths: Sequence[str],
    settings: Settings,
    on_problem: Callable[[Problem], None],
    stdin: BinaryIO | None = None,
    on_page: Callable[[RawPage], None] | None = None,
) -> Iterator[Article]:
    """Clean articles from the inputs, in input order; bad inputs go to ``on_problem``."""
    pages = _pages(paths, settings, on_problem, stdin, on_page)
    yield from _articles((_clean(page, settings) for page in pages), on_problem)


def _articles(results: Iterable[list[Article] | Problem],
              on_problem: Callable[[Problem], None]) -> Iterator[Article]:
    """The articles of each page's result; a page's problem goes to ``on_problem``."""
    for result in results:
        if isinstance(result, Problem):
            on_problem(result)
        else:
            yield from result


def analyse(article: Article, settings: Settings) -> Article:
    """Fill in what every later stage needs: sentences, language, publication date.

    With ``settings.segment_words`` each sentence's words are filled in too.
    """
    article.sentences = article_sentences(article.lead, article.paragraphs)
    if settings.segment_words:
        segmenter = get_segmenter(settings.segmenter)
        for sentence in article.sentences:
            sentence.words = segmenter.segment(sentence.text)
    if not article.sentences:
        article.problems.append("no sentences in the article text")
    article.language = detect_language(article.full_text).code
    if article.published is None:
        from thoisu.dates.published import infer_published

        evidence = infer_published(article)
        if evidence is not None:
            article.published = evidence.value
            article.published_evidence = evidence
    return article


def _clean_and_analyse(page: RawPage, settings: Settings) -> list[Article] | Problem:
    result = _clean(page, settings)
    if isinstance(result, Problem):
        return result
    return [analyse(article, settings) for article in result]


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
) -> Iterator[Article]:
    """Read, clean and analyse: the articles of ``paths``, ready for stories and summaries.

    With ``settings.jobs`` above 1, cleaning and analysis run in that many worker processes
    (each loads its own models); articles still come out in input order.
    """
    pages = _pages(paths, settings, on_problem, stdin, on_page)
    if settings.jobs <= 1:
        yield from _articles((_clean_and_analyse(page, settings) for page in pages), on_problem)
        return
    from concurrent.futures import ProcessPoolExecutor
    from itertools import islice, repeat

    with ProcessPoolExecutor(settings.jobs) as pool:
        # A window of pages at a time, so a large archive is never all in memory at once.
        while window := list(islice(pages, 64 * settings.jobs)):
            results = pool.map(_clean_and_analyse, window, repeat(settings), chunksize=8)
            yield from _articles(results, on_problem)


def settle_dates(articles: Sequence[Article]) -> None:
    """Let articles of one story settle each other's partial publication dates."""
    from thoisu.dates.published import infer_published

    # Each article's date on its own, once: every article's siblings are looked up here.
    own = {a.id: infer_published(a) for a in articles}
    for article in articles:
        if article.published is not None and article.published.precision == "day" and (
            article.published_evidence is None or article.published_evidence.confidence >= 0.9
        ):
            continue
        others = [a for a in articles if a is not article]
        evidence = infer_published(article, others, own_dates=own)
        if evidence is not None:
            article.published = evidence.value
            article.published_evidence = evidence


Guard = Callable[[str, Callable[[], Any], Any], Any]


def _unguarded(_what: str, run: Callable[[], Any], _empty: Any) -> Any:
    return run()


def describe_story(story: Story, members: Sequence[Article], settings: Settings,
                   summary_syllables: int | None = None, guard: Guard = _unguarded) -> Story:
    """Fill ``story``'s summary, timeline and names from its member articles.

    ``guard(what, run, empty)`` runs each stage; the web app passes one that notes a failing
    stage and leaves its part empty instead of failing the page.
    """
    from thoisu.entities import story_entities
    from thoisu.summarize import summarize
    from thoisu.timeline import build_timeline

    length = summary_syllables or settings.summary_syllables
    if members:
        guard("date settling", lambda: settle_dates(members), None)
    story.summary = guard("summary", lambda: summarize(members, length).sentences, [])
    story.timeline = guard("timeline", lambda: build_timeline(members), [])
    story.entities = guard("names", lambda: story_entities(members, settings=settings), [])
    return story


def build_stories(articles: Sequence[Article], settings: Settings,
                  summary_syllables: int | None = None) -> list[Story]:
    """Group articles into stories; give each its summary, timeline and names."""
    from thoisu.stories import group_stories

    by_id = {a.id: a for a in articles}
    stories = group_stories(list(articles), settings)
    for story in stories:
        members = [by_id[i] for i in story.articles if i in by_id]
        describe_story(story, members, settings, summary_syllables)
    return stories


def digest(articles: Iterable[Article], settings: Settings,
           summary_syllables: int | None = None) -> Digest:
    """Articles in, articles and their stories out."""
    kept = list(articles)
    return Digest(articles=kept, stories=build_stories(kept, settings, summary_syllables))
