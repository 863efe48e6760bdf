"""What the timeline reads from an analysed article's record: its sentences, the time
expressions and names the analysis found in each. Nothing here tags, splits or finds names
again: the timeline's entry (:func:`thoisu.timeline.build_timeline`) has the articles
analysed first."""

from __future__ import annotations

from collections.abc import Callable

from thoisu.model import Article, Sentence, TimeExpr
from thoisu.timeline.attribution import Name


def sentence_dates(article: Article, sentences: list[Sentence]) -> list[list[TimeExpr]]:
    """Each sentence's time expressions, from ``article.dates``, in text order."""
    out: list[list[TimeExpr]] = [[] for _ in sentences]
    position = {s.index: i for i, s in enumerate(sentences)}
    for expr in article.dates:
        i = position.get(expr.sentence) if expr.sentence is not None else None
        if i is not None:
            out[i].append(expr)
    for exprs in out:
        exprs.sort(key=lambda e: e.start)
    return out


def mention_names(article: Article) -> Callable[[int, str], frozenset[str]]:
    """The canonical names the article's mentions give inside a clause of a sentence."""
    by_sentence: dict[int, list[tuple[str, str]]] = {}
    for m in article.mentions:
        if m.sentence is not None:
            by_sentence.setdefault(m.sentence, []).append((m.text, m.name))

    def names(sentence: int, text: str) -> frozenset[str]:
        return frozenset(name for written, name in by_sentence.get(sentence, ())
                         if written and written in text)

    return names


def written_names(article: Article) -> dict[int, list[Name]]:
    """Names written in each sentence of the article."""
    out: dict[int, list[Name]] = {}
    for m in article.mentions:
        if m.sentence is not None:
            out.setdefault(m.sentence, []).append(Name(m.text, m.type, m.start))
    return out
