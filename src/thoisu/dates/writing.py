"""The day an article's text names as its own, and a year only from evidence that was measured
to be nearly always right (docs/published_dates.md gives the figures).

The day of writing, in order of trust: a day spelled out with "hôm nay" / "hôm qua" ("hôm qua
(27/3)" says the article is of 28/3); a day and month in the title; the date the lead opens
with ("Ngày 3/2, ...", "TTO - Chiều 28/6, ...", "Sáng 2/9/2025, ..."); the lead's latest day
and month; the text's latest day and month (a weak guess). A date introduced as future ("sẽ",
"dự kiến", "tuần tới") or as the edge of a span ("từ ngày 1/7", "đến hết ngày 25/10", "trước
ngày 30/11") is never the day of writing.

The year, from the text alone, only when: it is written with that day in the title, the lead's
opening or "hôm nay"; a weekday named with its day and month fits one year only between a
lower bound (the latest date the text names as past) and an upper bound (a year a plan names,
else the lower bound's year + :data:`WEEKDAY_SPAN_YEARS`); the text says "năm nay (2016)".
The old guesses (the only year named, the latest year named, "trong năm 2017", "cùng kỳ năm
2015") were right about one time in two on real news and are gone.

>>> from thoisu.model import Article, Origin
>>> a = Article(id="a", origin=Origin("x"), title="Biểu tình ở thủ đô",
...             paragraphs=["TTO - Sáng 2/9/2025, hàng nghìn người đổ về quảng trường."])
>>> found = writing_days(article_clues(a), a.paragraphs[0])[0]
>>> found.kind, found.date.iso()
('opening', '2025-09-02')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from thoisu.dates.calendar import shift_days, valid_day, years_with_weekday
from thoisu.dates.clues import Clues, Mention, article_clues
from thoisu.dates.metadata import ordinal
from thoisu.model import PartialDate

__all__ = ["Writing", "YearFound", "article_clues", "text_year", "writing_days"]

# A dateline: the outlet's short name and a dash, or its name in parentheses.
_DATELINE = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*[-–—:]?\s*|[\w.& ]{1,24}\s*[-–—]\s+)")
# Between the latest date the text names as past and the day of writing, at most this many
# years are assumed when no plan names a later year: within 5 consecutive years a day and month
# falls on a given weekday at most once.
WEEKDAY_SPAN_YEARS = 4
# How far (days) a weekday's date may be from the day of writing to lend it its year.
NEAR_DAYS = 45


@dataclass
class Writing:
    """A day the text names as the day of writing."""

    date: PartialDate  # day and month; the year when written with them
    kind: str  # "today", "title", "opening", "lead", "latest"
    text: str
    reason: str


@dataclass
class YearFound:
    year: int
    kind: str  # "written", "weekday", "this year"
    reason: str


def _latest_day_month(mentions: list[Mention]) -> Mention | None:
    """The latest day-month, reading January after December when the mentions straddle New
    Year (a story of 28/12 ... 3/1)."""
    if not mentions:
        return None
    months = {m.date.month for m in mentions if m.date.month}
    wraps = any(mo >= 10 for mo in months) and any(mo <= 3 for mo in months)

    def order(m: Mention) -> tuple[int, int]:
        month = m.date.month or 0
        return (month + 12 if wraps and month <= 3 else month, m.date.day or 0)

    return max(mentions, key=order)


def _opening(mentions: list[Mention], lead: str | None) -> Mention | None:
    """The date the lead opens with, after its dateline, set off by a comma: "Ngày 3/2, ...",
    "TTO - Chiều 28/6, ...", "Sáng 2/9/2025, ...". A date later in the lead's first clause
    ("Vụ án xảy ra ngày 20/8/2015") is not one: it may be background."""
    if lead is None:
        return None
    firsts = sorted((m for m in mentions if m.where == "lead"), key=lambda m: m.start)
    if not firsts or not firsts[0].day_month or firsts[0].future or firsts[0].edge:
        return None
    first = firsts[0]
    dateline = _DATELINE.match(lead)
    skip = dateline.end() if dateline else 0
    after = lead[first.start + len(first.text):first.start + len(first.text) + 2]
    if lead[skip:first.start].strip() == "" and (
            after.startswith(",") or first.date.year is None):
        return first
    return None


def writing_days(clues: Clues, lead: str | None = None) -> list[Writing]:
    """The days the text names as its own, most trusted first (at most one of each kind).

    ``lead``: the lead's text, to skip its dateline when finding its opening.
    """
    past = [m for m in clues.mentions if m.day_month and not m.future and not m.edge]
    out: list[Writing] = []
    for m in past:
        if m.offset is not None and -2 <= m.offset <= 0:
            day = shift_days(m.date, -m.offset)
            if day.month is not None and day.day is not None:
                out.append(Writing(day, "today", m.text,
                                   f"'{m.text}' names the day of writing"))
                break
    title = _latest_day_month([m for m in past if m.where == "title"])
    if title is not None:
        out.append(Writing(title.date, "title", title.text, f"day from the title: '{title.text}'"))
    opening = _opening(clues.mentions, lead)
    if opening is not None:
        out.append(Writing(opening.date, "opening", opening.text,
                           f"day from the lead's opening: '{opening.text}'"))
    lead_day = _latest_day_month([m for m in past if m.where == "lead" and m.date.year is None])
    if lead_day is not None:
        out.append(Writing(PartialDate(None, lead_day.date.month, lead_day.date.day), "lead",
                           lead_day.text, f"day from the lead: '{lead_day.text}'"))
    latest = _latest_day_month([m for m in past if m.date.year is None])
    if latest is not None:
        out.append(Writing(latest.date, "latest", latest.text,
                           f"day from the body: '{latest.text}' is the latest day named"))
    return out


def year_for(month: int, day: int, near: PartialDate, within: int = NEAR_DAYS) -> int | None:
    """The year that puts ``day/month`` within ``within`` days of the full date ``near``."""
    if near.year is None or near.month is None:
        return None
    target = dt.date(near.year, near.month, near.day or 15)
    best = None
    for year in (near.year - 1, near.year, near.year + 1):
        if not valid_day(day, month, year):
            continue
        gap = abs((dt.date(year, month, day) - target).days)
        if gap <= within and (best is None or gap < best[0]):
            best = (gap, year)
    return best[1] if best else None


def _weekday_year(day: Writing, clues: Clues) -> YearFound | None:
    """A weekday with its day and month that fits one year only between the bounds."""
    month, dom = day.date.month, day.date.day
    assert month is not None and dom is not None
    past = [m for m in clues.mentions if m.date.year is not None and not m.future
            and (not m.edge or m.since)]
    if not past:
        return None
    lower = max(past, key=lambda m: ordinal(m.date))
    assert lower.date.year is not None
    plans = [y for y, _ in clues.future_years] + [
        m.date.year for m in clues.mentions if m.future and m.date.year is not None]
    plans = [y for y in plans if y >= lower.date.year]
    upper = min(plans) if plans else lower.date.year + WEEKDAY_SPAN_YEARS
    why_upper = (f"a plan names {upper}" if plans else
                 f"at most {WEEKDAY_SPAN_YEARS} years after the lower bound")
    for m in clues.mentions:
        if (m.weekday is None or not m.day_month or m.date.year is not None or m.future
                or m.edge):
            continue
        assert m.date.month is not None and m.date.day is not None
        years = [y for y in years_with_weekday(m.date.month, m.date.day, m.weekday,
                                               lower.date.year, upper)
                 if ordinal(PartialDate(y, m.date.month, m.date.day)) >= ordinal(lower.date)]
        if len(years) != 1:
            continue
        found = year_for(month, dom, PartialDate(years[0], m.date.month, m.date.day))
        if found is not None:
            return YearFound(found, "weekday", (
                f"'{m.text}': {years[0]} is the only year from {lower.date.iso()} "
                f"('{lower.text}', named as past) to {upper} ({why_upper}) with that weekday"))
    return None


def text_year(day: Writing, clues: Clues) -> YearFound | None:
    """The year of the day of writing from the text alone, or None when nothing pins it."""
    if day.date.year is not None and day.kind in ("today", "title", "opening"):
        return YearFound(day.date.year, "written",
                         f"year written with the day of writing: '{day.text}'")
    weekday = _weekday_year(day, clues)
    if weekday is not None:
        return weekday
    for year, said in clues.this_year:
        return YearFound(year, "this year", f"'{said}' names this year")
    return None
