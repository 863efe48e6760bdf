"""Where an article stands for story grouping: its language, the day it is placed at in time
(only a trusted publication date places it), the days its text tells of, and how a story
fades with the time between them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from thoisu.model import Article, PartialDate
from thoisu.settings import Settings
from thoisu.stories.state import StoryState


def day_number(date: PartialDate | None) -> int | None:
    """The day ordinal of a date known at least to its year (unknown month/day: the 1st)."""
    if date is None or date.year is None:
        return None
    try:
        return dt.date(date.year, date.month or 1, date.day or 1).toordinal()
    except ValueError:
        return None


# Below this confidence a publication date read from the text alone does not place an article
# in time: on ktlab-dev, text-only years are right for 40 of 222 dated articles (a guessed year
# puts two reports of one event a year apart). Metadata dates are given 0.99 by the dates stage.
TRUSTED_CONFIDENCE = 0.99


def article_day(article: Article) -> int | None:
    """The day an article is placed at in time, or None when its date is not to be trusted.

    Trusted: a date given with the article (no evidence: a feed, the caller), one from
    metadata, or any date when the input recorded when the page was fetched (the fetch time
    bounds the year). A day-month whose year was guessed from the text is not used: the story
    then decides on words and names alone, as for an undated article.
    """
    from thoisu.dates.published import fetch_bound

    evidence = article.published_evidence
    if evidence is None or evidence.confidence >= TRUSTED_CONFIDENCE:
        return day_number(article.published)
    if article.meta and fetch_bound(article.meta) is not None:
        return day_number(article.published)
    return None


_DAY_VALUE = re.compile(r"^(?:\d{4}|XXXX)-(\d{2})-(\d{2})")


def told_days(article: Article) -> frozenset[int]:
    """The days (month × 100 + day) the article's time expressions name, years aside.

    The year is left out because the text often does not give it ("ngày 23/10"); two reports
    of one event name the same day of the month, whatever year the analysis guessed.
    """
    out = set()
    for expr in article.dates:
        found = _DAY_VALUE.match(expr.value or "")
        if found and expr.type == "date":
            out.add(int(found.group(1)) * 100 + int(found.group(2)))
    return frozenset(out)


def time_factor(day: int | None, story: StoryState, window: int) -> float:
    """1 within ``window`` days of the story's span, then halving every ``window`` days."""
    if day is None or story.first_day is None or story.last_day is None or window <= 0:
        return 1.0
    gap = max(story.first_day - day, day - story.last_day, 0)
    if gap <= window:
        return 1.0
    return float(0.5 ** ((gap - window) / window))


def language_of(article: Article) -> str:
    """The article's language code, as the analysis recorded it (``Article.language``); ``vi``
    when too short to tell.

    Only an article no analysis has filled (``analysis_version`` None: a caller's own
    Article) has its language found here, by the analysis's own language stage (on a copy:
    the caller's article is left as it is).
    """
    if article.analysis_version is not None:
        code = article.language
    else:
        from thoisu.analyse import LANGUAGE

        probe = replace(article)
        LANGUAGE(probe, Settings())
        code = probe.language
    return "vi" if not code or code == "und" else code


def order_key(article: Article, position: int) -> tuple[int, int, str, int]:
    day = article_day(article)
    return (0 if day is not None else 1, day or 0, article.id, position)
