"""What the timeline reads from an article's record: its sentences, the time expressions and
names the analysis found in each, and whether the analysis filled them."""

from __future__ import annotations

from collections.abc import Callable

from thoisu.model import Article, PartialDate, Sentence, TimeExpr
from thoisu.text.sentences import article_sentences
from thoisu.timeline.attribution import Name


def sentences_of(article: Article) -> list[Sentence]:
    return article.sentences or article_sentences(article.lead, article.paragraphs)


def analysed(article: Article) -> bool:
    """Whether the analysis filled the article's record (its dates are then read, never
    tagged again)."""
    return article.analysis_version is not None and bool(article.sentences)


def sentence_dates(article: Article, sentences: list[Sentence], published: PartialDate | None,
                   tag: Callable[[str, PartialDate | None], list[TimeExpr]] | None
                   ) -> list[list[TimeExpr]]:
    """Each sentence's time expressions: from ``article.dates`` for an analysed article
    (``tag`` None), else tagged now."""
    if tag is None and analysed(article):
        out: list[list[TimeExpr]] = [[] for _ in sentences]
        position = {s.index: i for i, s in enumerate(sentences)}
        for expr in article.dates:
            i = position.get(expr.sentence) if expr.sentence is not None else None
            if i is not None:
                out[i].append(expr)
        for exprs in out:
            exprs.sort(key=lambda e: e.start)
        return out
    if tag is None:
        from thoisu.dates import tag_dates

        tag = tag_dates
    return [tag(s.text, published) for s in sentences]


def mention_names(article: Article) -> Callable[[int, str], frozenset[str]] | None:
    """For an analysed article: the canonical names its mentions give inside a clause."""
    if not analysed(article):
        return None
    by_sentence: dict[int, list[tuple[str, str]]] = {}
    for m in article.mentions:
        if m.sentence is not None:
            by_sentence.setdefault(m.sentence, []).append((m.text, m.name))

    def names(sentence: int, text: str) -> frozenset[str]:
        return frozenset(name for written, name in by_sentence.get(sentence, ())
                         if written and written in text)

    return names


def written_names(article: Article) -> dict[int, list[Name]]:
    """Names written in each sentence of an analysed article (none for a hand-built one: a
    long speaker then stays whole)."""
    out: dict[int, list[Name]] = {}
    for m in article.mentions:
        if m.sentence is not None:
            out.setdefault(m.sentence, []).append(Name(m.text, m.type, m.start))
    return out
