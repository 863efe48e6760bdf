"""The stages in order: read → clean → analyse, and the story-level stages of a digest.

A stage is a plain function; this module only chains them. Problems with an input are handed
to ``on_problem`` and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from thoisu.model import Article, Problem, RawPage, Story
from thoisu.settings import Settings
from thoisu.text.language import detect_language
from thoisu.text.sentences import article_sentences


def read_and_clean(
    paths: Sequence[str],
    settings: Settings,
    on_problem: Callable[[Problem], None],
    stdin: BinaryIO | None = None,
    on_page: Callable[[RawPage], None] | None = None,
) -> Iterator[Article]:
    """Clean articles from the inputs, in input order; bad inputs go to ``on_problem``."""
    from thoisu.clean import clean_page
    from thoisu.read import iter_pages

    for item in iter_pages(paths, settings, stdin=stdin):
        if isinstance(item, Problem):
            on_problem(item)
            continue
        if on_page is not None:
            on_page(item)
        try:
            articles = clean_page(item, settings)
        except Exception as exc:  # one bad page must not stop the batch
            on_problem(Problem(str(item.origin), f"could not be cleaned ({type(exc).__name__}: "
                               f"{exc}); please report this page", item.origin.line))
            continue
        if not articles:
            on_problem(Problem(str(item.origin), "no article text found (only boilerplate)",
                               item.origin.line, kind="skipped"))
        yield from articles


def analyse(article: Article, settings: Settings) -> Article:
    """Fill in what every later stage needs: sentences, language, publication date."""
    article.sentences = article_sentences(article.lead, article.paragraphs)
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


def process(
    paths: Sequence[str],
    settings: Settings,
    on_problem: Callable[[Problem], None],
    stdin: BinaryIO | None = None,
    on_page: Callable[[RawPage], None] | None = None,
) -> Iterator[Article]:
    """Read, clean and analyse: the articles of ``paths``, ready for stories and summaries."""
    for article in read_and_clean(paths, settings, on_problem, stdin=stdin, on_page=on_page):
        yield analyse(article, settings)


def settle_dates(articles: Sequence[Article]) -> None:
    """Let articles of one story settle each other's partial publication dates."""
    from thoisu.dates.published import infer_published

    for article in articles:
        if article.published is not None and article.published.precision == "day" and (
            article.published_evidence is None or article.published_evidence.confidence >= 0.9
        ):
            continue
        others = [a for a in articles if a is not article]
        evidence = infer_published(article, others)
        if evidence is not None:
            article.published = evidence.value
            article.published_evidence = evidence


@dataclass
class Digest:
    """What ``thoisu digest`` reports: the articles and the stories made of them."""

    articles: list[Article]
    stories: list[Story] = field(default_factory=list)


def build_stories(articles: Sequence[Article], settings: Settings,
                  summary_syllables: int | None = None) -> list[Story]:
    """Group articles into stories; give each its summary, timeline and names."""
    from thoisu.entities import story_entities
    from thoisu.stories import group_stories
    from thoisu.summarize import summarize
    from thoisu.timeline import build_timeline

    by_id = {a.id: a for a in articles}
    stories = group_stories(list(articles), settings)
    for story in stories:
        members = [by_id[i] for i in story.articles if i in by_id]
        settle_dates(members)
        story.summary = summarize(members, summary_syllables or settings.summary_syllables).sentences
        story.timeline = build_timeline(members)
        story.entities = story_entities(members)
    return stories


def digest(articles: Iterable[Article], settings: Settings,
           summary_syllables: int | None = None) -> Digest:
    """Articles in, articles and their stories out."""
    kept = list(articles)
    return Digest(articles=kept, stories=build_stories(kept, settings, summary_syllables))
