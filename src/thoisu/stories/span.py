"""The dates a story spans, from comparable publication dates only.

A story's span is computed by :func:`thoisu.render.dates_vi.span_of` over its articles'
publication dates (copies included): dates with a year win, dates without one are used only
when no article has a year, so ``XXXX-06-15`` and ``2025-06-15`` are never put side by side
and a span never runs backwards. Partial dates stay partial (``2011-03`` is a month).

>>> from thoisu.model import Article, Origin, PartialDate
>>> a = Article("a", Origin("a"), published=PartialDate(None, 6, 15))
>>> b = Article("b", Origin("b"), published=PartialDate(2025, 4, 29))
>>> c = Article("c", Origin("c"), published=PartialDate(2025, 5, 1))
>>> [d.iso() for d in story_span([a, b, c])]
['2025-04-29', '2025-05-01']
>>> story_span_text([a, b, c])
'29/4 – 1/5/2025'
>>> story_span_text([a])
'15/6 (chưa rõ năm)'
"""

from __future__ import annotations

from collections.abc import Iterable

from thoisu.model import Article, PartialDate
from thoisu.render.dates_vi import format_span, span_of


def story_span(articles: Iterable[Article]) -> tuple[PartialDate | None, PartialDate | None]:
    """First and last comparable publication dates of ``articles`` (None, None if none)."""
    return span_of(a.published for a in articles)


def story_span_text(articles: Iterable[Article]) -> str:
    """The span as Vietnamese readers write it ("" when no article is dated)."""
    return format_span(*story_span(articles))
