"""Per-article analysis: ordered stages, each declaring what it requires and what it assigns.

The stages fill the fields of one :class:`~thoisu.model.Article`, once, in this order:

========================  =====================================  ==============================
stage                     requires                               assigns
========================  =====================================  ==============================
``sentences``             lead, paragraphs                       sentences
``words`` (when asked)    sentences                              sentences.words
``language``              title, lead, paragraphs                language
``publication date``      title, lead, paragraphs, meta, lines,  published, published_evidence
                          removed
``time expressions``      sentences, published                   dates
``names``                 title, sentences                       entities, mentions
========================  =====================================  ==============================

Later (story) stages read those fields and never tag the text again. A pipeline can be checked
before it runs (:func:`check_pipeline`):

>>> [s.name for s in article_stages(Settings())]
['sentences', 'language', 'publication date', 'time expressions', 'names']
>>> check_pipeline([NAMES, SENTENCES])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
thoisu.analyse.PipelineError: stage 'names' requires 'sentences', which no earlier stage ...

An article whose text is longer than ``settings.max_article_chars`` is not analysed: it raises
:class:`TooLarge`, which the pipeline turns into one problem line naming the page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from thoisu.model import Article
from thoisu.settings import Settings

# The analysis as a whole: bump it when a stage's output changes, so stored results made by
# an older analysis are recomputed (``thoisu reanalyse``). Settings that change what a stage
# finds (names CRF, extra gazetteer) are added to it by :func:`analysis_version`.
ANALYSIS_VERSION = "2026.12-3"

# What the cleaner fills: a stage may require these without an earlier stage assigning them.
CLEANED = frozenset({"id", "origin", "title", "lead", "paragraphs", "captions", "byline",
                     "source", "url", "meta", "removed", "lines", "problems"})
_ARTICLE_FIELDS = frozenset(f.name for f in fields(Article))


class PipelineError(ValueError):
    """A pipeline that cannot run as ordered: a stage needs a field no earlier stage fills."""


class TooLarge(ValueError):
    """An article whose text is over the per-document work limit; the message says which."""


@dataclass(frozen=True)
class Stage:
    """One per-article analysis step: ``run(article, settings)`` fills ``assigns``.

    Names in ``requires`` and ``assigns`` are fields of :class:`Article`; ``sentences.words``
    names the words of each sentence.
    """

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Article, Settings], None]

    def __call__(self, article: Article, settings: Settings) -> None:
        self.run(article, settings)


def _sentences(article: Article, settings: Settings) -> None:
    from thoisu.text.sentences import article_sentences

    article.sentences = article_sentences(article.lead, article.paragraphs)
    if not article.sentences:
        article.problems.append("no sentences in the article text")


def _words(article: Article, settings: Settings) -> None:
    from thoisu.text.words import get_segmenter

    segmenter = get_segmenter(settings.segmenter)
    for sentence in article.sentences:
        sentence.words = segmenter.segment(sentence.text)


def _language(article: Article, settings: Settings) -> None:
    from thoisu.text.language import detect_language

    article.language = detect_language(article.full_text).code


def _published(article: Article, settings: Settings) -> None:
    # A date given with the article (set by hand or by an earlier run) is kept as it is.
    if article.published is not None:
        return
    from thoisu.dates.published import infer_published

    evidence = infer_published(article)
    if evidence is not None:
        article.published = evidence.value
        article.published_evidence = evidence


def tag_article_dates(article: Article, settings: Settings | None = None) -> None:
    """The time expressions of each sentence, anchored on the article's publication date.

    Also what re-anchors an article whose date was settled later by its story.

    >>> from thoisu.model import Origin, PartialDate, Sentence
    >>> a = Article("a1", Origin("x.txt"), published=PartialDate(2017, 3, 29),
    ...             sentences=[Sentence("Hôm qua, đoàn đến Huế.", 0, 0)])
    >>> tag_article_dates(a)
    >>> [(d.text, d.value, d.sentence) for d in a.dates]
    [('Hôm qua', '2017-03-28', 0)]
    """
    from thoisu.dates import tag_dates

    found = []
    for index, sentence in enumerate(article.sentences):
        for expr in tag_dates(sentence.text, article.published):
            expr.sentence = index
            found.append(expr)
    article.dates = found


def _names(article: Article, settings: Settings) -> None:
    from thoisu.entities import article_names

    article.entities, article.mentions = article_names(article, settings)


SENTENCES = Stage("sentences", ("lead", "paragraphs"), ("sentences",), _sentences)
WORDS = Stage("words", ("sentences",), ("sentences.words",), _words)
LANGUAGE = Stage("language", ("title", "lead", "paragraphs"), ("language",), _language)
PUBLISHED = Stage("publication date", ("title", "lead", "paragraphs", "meta", "lines", "removed"),
                  ("published", "published_evidence"), _published)
TIME_EXPRESSIONS = Stage("time expressions", ("sentences", "published"), ("dates",),
                         lambda article, settings: tag_article_dates(article, settings))
NAMES = Stage("names", ("title", "sentences"), ("entities", "mentions"), _names)


def article_stages(settings: Settings) -> list[Stage]:
    """The analysis for these settings, in order (words only with ``segment_words``)."""
    stages = [SENTENCES]
    if settings.segment_words:
        stages.append(WORDS)
    stages += [LANGUAGE, PUBLISHED, TIME_EXPRESSIONS, NAMES]
    return stages


def check_pipeline(stages: Sequence[Stage]) -> None:
    """Raise :class:`PipelineError` naming the first stage whose requirement is missing."""
    filled = set(CLEANED)
    order = ", ".join(s.name for s in stages)
    for stage in stages:
        for name in (*stage.requires, *stage.assigns):
            if name.split(".")[0] not in _ARTICLE_FIELDS:
                raise PipelineError(f"stage {stage.name!r} names {name!r}, which is not a "
                                    "field of Article")
        for need in stage.requires:
            if need not in filled:
                raise PipelineError(f"stage {stage.name!r} requires {need!r}, which no earlier "
                                    f"stage assigns (stages in order: {order})")
        filled.update(stage.assigns)


@lru_cache(maxsize=16)
def _file_digest(path: str, mtime: float) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:8]


def analysis_version(settings: Settings) -> str:
    """The version recorded with what the analysis made under these settings.

    >>> analysis_version(Settings()) == ANALYSIS_VERSION
    True
    >>> analysis_version(Settings(ner_crf=True))
    '2026.12-3+crf'
    """
    version = ANALYSIS_VERSION
    if settings.ner_crf:
        version += "+crf"
    if settings.gazetteer_file:
        path = Path(settings.gazetteer_file)
        try:
            version += "+gaz-" + _file_digest(str(path), path.stat().st_mtime)
        except OSError:
            version += "+gaz-missing"
    return version


def check_size(article: Article, settings: Settings) -> None:
    """Raise :class:`TooLarge` when the article's text is over ``settings.max_article_chars``."""
    limit = settings.max_article_chars
    size = len(article.title) + sum(len(p) for p in (article.lead, *article.paragraphs))
    if limit and size > limit:
        raise TooLarge(f"article {article.title[:60]!r} has {size:,} characters of text, over "
                       f"the per-article limit of {limit:,} (max_article_chars): not analysed; "
                       "split the page or raise the setting")


def analyse_article(article: Article, settings: Settings,
                    stages: Sequence[Stage] | None = None) -> Article:
    """Run the analysis stages on ``article`` (all of them for these settings by default).

    >>> from thoisu.model import Origin
    >>> a = analyse_article(Article("a1", Origin("x.txt"), title="Mưa lớn ở Huế",
    ...     lead="Ngày 12/3/2017, mưa lớn kéo dài ở Huế. Ông Nguyễn Văn An nói nước dâng."),
    ...     Settings())
    >>> len(a.sentences), a.dates[0].value, a.entities[0].name
    (2, '2017-03-12', 'Huế')
    """
    chosen = list(stages) if stages is not None else article_stages(settings)
    check_pipeline(chosen)
    check_size(article, settings)
    for stage in chosen:
        stage(article, settings)
    article.analysis_version = analysis_version(settings)
    return article


def ensure_analysed(articles: Sequence[Article], settings: Settings) -> None:
    """Analyse, in place, each of ``articles`` that no analysis has filled yet: the one check
    at the entry of the story stages."""
    for article in articles:
        if article.analysis_version is None:
            analyse_article(article, settings)


def is_current(article: Article, settings: Settings) -> bool:
    """Whether the article was analysed by the analysis these settings make."""
    return article.analysis_version == analysis_version(settings)
