"""Reading order of the chosen sentences: in the order of the events they tell.

Each chosen sentence is dated by the first dated expression of its own text that the
analysis found (``Article.dates`` with ``sentence`` set; contract 1 of the architecture),
else by its article's publication date. Only comparable dates are compared: when every
chosen sentence has a date with a year, they go by that date; sentences whose date has no
year come after those with one, among themselves by day and month; undated ones last. Ties
(and undated sentences) go by the sentence's index in its article, then the articles' order,
so leads come before details and each article keeps its own order.

A sentence that needs the one before it (:mod:`thoisu.summarize.readable`) always follows it
directly, whatever its own date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from thoisu.model import Article, PartialDate


def sentence_dates(article: Article) -> dict[int, PartialDate]:
    """The date each sentence of ``article`` tells, from its tagged expressions (first one)."""
    out: dict[int, tuple[int, PartialDate]] = {}
    for expr in article.dates:
        if expr.sentence is None or expr.type != "date" or (expr.mod or "") == "LUNAR":
            continue
        try:
            value = PartialDate.parse(expr.value)
        except ValueError:
            continue
        if value.month is None and value.year is None:
            continue
        seen = out.get(expr.sentence)
        if seen is None or expr.start < seen[0]:
            out[expr.sentence] = (expr.start, value)
    return {k: v for k, (_, v) in out.items()}


def _date_key(date: PartialDate | None) -> tuple[int, tuple[int, int, int]]:
    if date is None or (date.year is None and date.month is None):
        return (2, (0, 0, 0))
    if date.year is None:
        return (1, date.sort_key())
    return (0, date.sort_key())


def reading_order(items: Sequence[tuple[int, int]], articles: Sequence[Article],
                  follows: Mapping[int, int] | None = None) -> list[int]:
    """Positions of ``items`` ((article position, sentence index) pairs) in reading order.

    ``follows[k] = j``: item ``k`` must come right after item ``j``.
    """
    follows = dict(follows or {})
    dated = {pos: sentence_dates(a) for pos, a in enumerate(articles)}

    def key(pos: int) -> tuple[int, tuple[int, int, int], int, int]:
        article_pos, index = items[pos]
        date = dated[article_pos].get(index) or articles[article_pos].published
        rank, when = _date_key(date)
        return (rank, when, index, article_pos)

    heads = sorted((k for k in range(len(items)) if k not in follows), key=key)
    after: dict[int, list[int]] = {}
    for k, j in follows.items():
        after.setdefault(j, []).append(k)
    out: list[int] = []

    def emit(k: int) -> None:
        out.append(k)
        for nxt in sorted(after.get(k, []), key=lambda x: items[x][1]):
            emit(nxt)

    for k in heads:
        emit(k)
    return out
