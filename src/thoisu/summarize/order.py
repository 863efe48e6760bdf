"""Reading order of the chosen sentences: by time, then by place in the source articles.

Articles with a publication date come in date order (undated ones after, in input order);
within that, a sentence's index in its article decides, so leads come before details and the
summary opens the way news reports open. Ties keep the articles' input order.
"""

from __future__ import annotations

from collections.abc import Sequence

from thoisu.model import Article


def reading_order(items: Sequence[tuple[int, int]], articles: Sequence[Article]) -> list[int]:
    """Positions of ``items`` ((article position, sentence index) pairs) in reading order."""

    def key(pos: int) -> tuple[int, tuple[int, int, int], int, int]:
        article_pos, index = items[pos]
        published = articles[article_pos].published
        if published is None or published.year is None:
            return (1, (0, 0, 0), index, article_pos)
        return (0, published.sort_key(), index, article_pos)

    return sorted(range(len(items)), key=key)
