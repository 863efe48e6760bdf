"""What belongs to a story as a whole, computed once and kept on the :class:`Story`.

Outlets (most articles first), the span of comparable publication dates and the latest full
date are one declared story stage: the digest, the store, Parquet, the web app and the command
line all read them from the story instead of each computing its own. An outlet is the page's
own ``source``, else its URL's host; a credit line ("Theo ...") never names it.

>>> from thoisu.model import Article, Origin, PartialDate, Story
>>> a = Article("a", Origin("a"), source="Tin Sông Hương", published=PartialDate(None, 6, 15))
>>> b = Article("b", Origin("b"), url="https://www.phuongnam.vn/x",
...             published=PartialDate(2025, 4, 29))
>>> c = Article("c", Origin("c"), source="Tin Sông Hương", published=PartialDate(2025, 5, 1))
>>> story = describe_facts(Story("s", "Lũ ở Huế", ["a", "b", "c"]), [a, b, c])
>>> story.outlets, story.span_start.iso(), story.span_end.iso(), story.latest.iso()
(['Tin Sông Hương', 'phuongnam.vn'], '2025-04-29', '2025-05-01', '2025-05-01')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from thoisu.model import Article, PartialDate, Story, comparable_span


@dataclass(frozen=True)
class Facts:
    """A story's outlets, span and latest full date."""

    outlets: list[str]
    span_start: PartialDate | None
    span_end: PartialDate | None
    latest: PartialDate | None


def outlet_of(source: str | None, url: str | None) -> str | None:
    """The page's outlet: its own ``source``, else its URL's host without ``www.``."""
    if source:
        return source
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def facts_of(members: Iterable[tuple[str | None, str | None, PartialDate | None]]) -> Facts:
    """Facts from each member's ``(source, url, published)``, copies included."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    dates: list[PartialDate | None] = []
    for source, url, published in members:
        outlet = outlet_of(source, url)
        if outlet:
            counts[outlet] += 1
            first_seen.setdefault(outlet, len(first_seen))
        dates.append(published)
    start, end = comparable_span(dates)
    full = [d for d in dates if d is not None and d.precision == "day"]
    return Facts(
        outlets=sorted(counts, key=lambda name: (-counts[name], first_seen[name])),
        span_start=start, span_end=end,
        latest=max(full, key=PartialDate.sort_key) if full else None,
    )


def describe_facts(story: Story, members: Sequence[Article]) -> Story:
    """Fill ``story``'s outlets, span and latest from its member articles; returns it."""
    facts = facts_of((a.source, a.url, a.published) for a in members)
    story.outlets = facts.outlets
    story.span_start, story.span_end = facts.span_start, facts.span_end
    story.latest = facts.latest
    return story
