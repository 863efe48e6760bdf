"""A story's title and teaser: its latest significant development, as an editor would lead.

The *latest development* is the central article of the story's newest day: among the articles
whose publication date is known to the day, those of the latest day; among them, the one whose
sentences the other articles repeat most (the story's core, not a side piece). With no such
date, the most central article of the whole group.

Its **teaser** is the first of its opening sentences (the first three) that can stand alone
(:mod:`thoisu.summarize.readable`) and is not *background*: a sentence whose own date, with a
year, lies more than a month before the article's publication ("Xung đột ở Syria bắt đầu từ
tháng 3/2011" in an article of 2017) tells what led to the news, not the news. Failing that,
the article's best-supported standalone sentence. Its **title** is the article's own title,
or the teaser when the page had none.

>>> from thoisu.model import Origin, PartialDate
>>> from thoisu.summarize.articles import article_from_text
>>> old = article_from_text("Khởi công cầu Rạch Miễu 2",
...     "Sáng 5/3, tỉnh Tiền Giang khởi công cầu Rạch Miễu 2 nối hai tỉnh.", Origin("a"))
>>> old.published = PartialDate(2023, 3, 5)
>>> new = article_from_text("Hợp long cầu Rạch Miễu 2",
...     "Chiều 20/8, cầu Rạch Miễu 2 nối Tiền Giang và Bến Tre đã hợp long.", Origin("b"))
>>> new.published = PartialDate(2024, 8, 20)
>>> story_headline([old, new])
('Hợp long cầu Rạch Miễu 2', 'Chiều 20/8, cầu Rạch Miễu 2 nối Tiền Giang và Bến Tre đã hợp long.')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from thoisu.model import Article, PartialDate
from thoisu.summarize.features import FEATURES, GroupFeatures, group_features
from thoisu.summarize.order import sentence_dates
from thoisu.summarize.readable import OK, standalone

OPENING = 3  # sentences of the article where its news is told
BACKGROUND_DAYS = 31  # a sentence dated this much before its article tells the past
MIN_TEASER = 8  # syllables: shorter openings are datelines or fragments


@dataclass(frozen=True)
class Headline:
    """The latest development: its article (position in the group), its teaser candidate."""

    article: int | None  # position in ``group.articles``; None: no article
    candidate: int | None  # position in ``group.candidates`` of the teaser; None: none
    title: str
    teaser: str
    reason: str  # why this article and this sentence


def _full(d: PartialDate | None) -> date | None:
    if d is None or d.year is None or d.month is None or d.day is None:
        return None
    try:
        return date(d.year, d.month, d.day)
    except ValueError:
        return None


def is_background(told: PartialDate | None, published: PartialDate | None) -> bool:
    """Whether a sentence dated ``told`` is background in an article of ``published``.

    >>> is_background(PartialDate(2011, 3), PartialDate(2017, 12, 11))
    True
    >>> is_background(PartialDate(2017, 12, 7), PartialDate(2017, 12, 11))
    False
    """
    if told is None or published is None or told.year is None or published.year is None:
        return False
    if told.year != published.year:
        return told.year < published.year
    if told.month is None or published.month is None:
        return False
    then = date(told.year, told.month, told.day or 1)
    now = date(published.year, published.month, published.day or 1)
    return (now - then).days > BACKGROUND_DAYS


def centrality(group: GroupFeatures) -> np.ndarray:
    """Per article of the group: how much of it the other articles repeat (0 when unknown)."""
    out = np.zeros(len(group.articles))
    if not group.candidates:
        return out
    column = group.matrix[:, FEATURES.index("article_centrality")]
    for k, c in enumerate(group.candidates):
        out[c.article] = column[k]
    return out


def latest_article(group: GroupFeatures) -> tuple[int | None, str]:
    """The central article of the newest day (position in the group) and why."""
    if not group.articles:
        return None, "no article"
    central = centrality(group)
    days = {k: _full(a.published) for k, a in enumerate(group.articles)}
    dated = {k: d for k, d in days.items() if d is not None}
    if dated:
        newest = max(dated.values())
        same = [k for k, d in dated.items() if d == newest]
        best = max(same, key=lambda k: (central[k], -k))
        return best, f"the central article of the newest day ({newest.isoformat()})"
    best = max(range(len(group.articles)), key=lambda k: (central[k], -k))
    return best, "no article dated to the day: the most central article"


def headline(group: GroupFeatures, min_syllables: int = 5) -> Headline:
    """Title and teaser of the group (see the module docstring)."""
    pos, why = latest_article(group)
    if pos is None:
        return Headline(None, None, "", "", why)
    article = group.articles[pos]
    told = sentence_dates(article)
    own = [k for k, c in enumerate(group.candidates) if c.article == pos]
    readable = [k for k in own
                if standalone(group.candidates[k].text, min_syllables,
                              syllables=group.candidates[k].syllables).status == OK]
    chosen, reason = None, ""
    for k in readable:
        c = group.candidates[k]
        if c.index >= OPENING:
            break
        if c.syllables < MIN_TEASER:
            continue
        if is_background(told.get(c.index), article.published):
            continue
        chosen, reason = k, f"its opening sentence {c.index}"
        break
    if chosen is None and readable:
        # Past the opening, background is still never the teaser while anything else stands.
        current = [k for k in readable
                   if not is_background(told.get(group.candidates[k].index), article.published)]
        support = group.matrix[:, FEATURES.index("content_support")]
        chosen = max(current or readable, key=lambda k: (support[k], -k))
        reason = "its best-supported sentence that stands alone (no usable opening)"
    teaser = group.candidates[chosen].text if chosen is not None else ""
    title = article.title.strip() or teaser
    return Headline(pos, chosen, title, teaser, f"{why}; {reason}" if reason else why)


def story_headline(members: Sequence[Article]) -> tuple[str, str]:
    """``(title, teaser)`` of a story from its member articles (``("", "")`` when empty)."""
    h = headline(group_features(members))
    return h.title, h.teaser
