"""When was an article published? From its metadata when the input had it, else from the fetch
time and its text.

Clues in order of trust: metadata (the input's ``published``, a feed item's date, the page's
JSON-LD and date meta tags), the date in the URL, the page's own timestamp line; then the fetch
time with the text; then the text alone. The fetch time (``fetched``, ``crawled``, WARC-Date,
HTTP ``Date`` / ``Last-Modified``) is a floor the result never falls below: the publication
day is the fetch day, or a day the text names as the day of writing (see
:mod:`thoisu.dates.writing`) at most :data:`WRITING_WINDOW_DAYS` before it, never after it.
From the text alone, a year is given only from evidence measured to be nearly always right;
otherwise the value stays partial (``XXXX-03-28``) with its evidence.

>>> from thoisu.model import Article, Origin
>>> a = Article(id="a", origin=Origin("x"), title="Biểu tình ở thủ đô",
...             paragraphs=["TTO - Ngày 23-10, hàng nghìn người xuống đường."],
...             meta={"fetched": "2013-10-24T08:00:00+07:00"})
>>> infer_published(a).value.iso()
'2013-10-23'
>>> a.meta = {}
>>> infer_published(a).value.iso()
'XXXX-10-23'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from thoisu.dates.calendar import shift_days, valid_day
from thoisu.dates.clues import article_clues
from thoisu.dates.metadata import (
    FETCH_KEYS,
    Bound,
    after_bound,
    fetch_bound,
    ordinal,
    parse_anchor,
    parse_date_value,
    url_date,
)
from thoisu.dates.writing import Writing, text_year, writing_days, year_for
from thoisu.model import Article, DateEvidence, PartialDate, Role

__all__ = [
    "FETCH_KEYS",
    "WRITING_WINDOW_DAYS",
    "fetch_bound",
    "infer_published",
    "parse_anchor",
    "parse_date_value",
    "url_date",
]

META_KEYS = ("published", "date_published", "datePublished", "pubDate", "published_time",
             "date")
# How far apart (days) a sibling article's date may be to lend its year (one event's coverage).
SIBLING_DAYS = 14
# How many days before the fetch day a day the text names as the day of writing may be taken
# (measured on a simulated crawl of ktlab-dev: docs/published_dates.md).
WRITING_WINDOW_DAYS = 3
# The kinds of day of writing taken beside a fetch time, in this order.
FETCH_KINDS = ("today", "title", "opening", "lead", "latest")
# Calibrated on the development half of ktlab-dev (clusters numbered below 100; the benchmark
# benchmarks/published_ktlab.py prints them): the share of days within a day of the truth by
# the kind of day found, text only (today 13/13, opening 30/31, lead 22/26, body 32/40; the
# title had no case there and is given the body's figure).
DAY_CONFIDENCE = {"today": 0.95, "title": 0.8, "opening": 0.95, "lead": 0.85, "latest": 0.8}
# The share of right years by the kind of evidence; a year below YEAR_MIN_CONFIDENCE is not
# given (the date stays partial and its evidence says why). A full date written as the day of
# writing was right 2/2 on ktlab-dev; the weekday within bounds and "năm nay (2016)" had no case
# there (they are calendar arithmetic and the text's own word); a sibling dated from outside
# its text lends the year of an upper bound.
YEAR_CONFIDENCE = {"written": 0.97, "weekday": 0.9, "this year": 0.95, "sibling": 0.95}
YEAR_MIN_CONFIDENCE = 0.9
# Beside a fetch time (simulated 0-48 h crawl, dev half): a text day inside the window was
# within a day 100/101 times, the fetch day alone 43/65.
FETCH_DAY_CONFIDENCE = {"text": 0.95, "fetch": 0.65}
# Evidence that comes from outside the text: only such a sibling lends its year.
_OUTSIDE = ("metadata ", "the page's own timestamp", "fetch time", "given with the article")


def _outside(found: DateEvidence) -> bool:
    return any(e.startswith(_OUTSIDE) or " in the URL" in e for e in found.evidence)


# ---------------------------------------------------------------- the text, with or without a fetch


def _from_text(article: Article) -> DateEvidence | None:
    """The day the text names as its own, with a year only where measured evidence pins one."""
    clues = article_clues(article)
    days = writing_days(clues, _lead_text(article))
    if not days:
        return None
    day = days[0]
    assert day.date.month is not None and day.date.day is not None
    confidence = DAY_CONFIDENCE[day.kind]
    evidence = [day.reason]
    found = text_year(day, clues)
    if found is None:
        evidence.append("no year: nothing in the text pins one")
        return DateEvidence(PartialDate(None, day.date.month, day.date.day), confidence,
                            evidence)
    year_confidence = YEAR_CONFIDENCE[found.kind]
    if year_confidence < YEAR_MIN_CONFIDENCE or not valid_day(day.date.day, day.date.month,
                                                              found.year):
        evidence.append(f"no year: {found.year} from {found.reason} is not sure enough")
        return DateEvidence(PartialDate(None, day.date.month, day.date.day), confidence,
                            evidence)
    evidence.append(found.reason)
    return DateEvidence(PartialDate(found.year, day.date.month, day.date.day),
                        min(confidence, year_confidence), evidence)


def _lead_text(article: Article) -> str | None:
    if article.lead:
        return article.lead
    return next((p for p in article.paragraphs if p), None)


def _year_before(month: int, day: int, upper: PartialDate) -> int | None:
    """The year that puts ``day/month`` on or before ``upper``, at most a year before it."""
    assert upper.year is not None and upper.month is not None and upper.day is not None
    limit = dt.date(upper.year, upper.month, upper.day)
    for year in (upper.year, upper.year - 1):
        if valid_day(day, month, year) and dt.date(year, month, day) <= limit:
            return year
    return None


def _in_window(day: Writing, upper: Bound, window: int) -> tuple[PartialDate | None, str]:
    month, dom = day.date.month, day.date.day
    assert month is not None and dom is not None
    year = day.date.year or _year_before(month, dom, upper.date)
    if year is None or not valid_day(dom, month, year):
        return None, f"'{day.text}' fits no day before the fetch time"
    value = PartialDate(year, month, dom)
    gap = ordinal(upper.date) - ordinal(value)
    if gap < 0:
        return None, f"'{day.text}' is after the fetch time: not the day of writing"
    if gap > window:
        return None, (f"'{day.text}' is {gap} days before the fetch time, more than the "
                      f"{window}-day window: background, not the day of writing")
    return value, ""


def _with_fetch(article: Article, upper: Bound, window: int) -> DateEvidence:
    """The fetch day, or a day the text names as the day of writing at most ``window`` days
    before it: never after the fetch time, never further back."""
    clues = article_clues(article)
    notes = []
    for day in writing_days(clues, _lead_text(article)):
        if day.kind not in FETCH_KINDS:
            continue
        value, why = _in_window(day, upper, window)
        if value is None:
            notes.append(why)
            continue
        gap = ordinal(upper.date) - ordinal(value)
        said = (f"fetch time {upper.raw!r} ({upper.name}) is {gap} day(s) later: within the "
                f"{window}-day window, and it gives the year")
        if gap >= 2 and day.kind != "today":
            # The lead's day is the news day; the article came out then or the next day, and
            # the fetch later still: the day before the fetch day is within a day of them all.
            value = shift_days(upper.date, -1)
            said += "; published between them, the day before the fetch day is taken"
        return DateEvidence(value, FETCH_DAY_CONFIDENCE["text"], [*notes, day.reason, said])
    return DateEvidence(upper.date, FETCH_DAY_CONFIDENCE["fetch"], [
        *notes, f"fetch time {upper.raw!r} ({upper.name}): the text names no day of writing "
        f"within {window} days before it, so the fetch day is taken (a floor never fallen below)"])


# ---------------------------------------------------------------- siblings and entry point


def _from_siblings(own: DateEvidence, article: Article, others: Sequence[Article],
                   own_dates: Mapping[str, DateEvidence | None]) -> DateEvidence:
    """A year-less date takes the year of a sibling article dated within SIBLING_DAYS of it,
    only a sibling whose own date came from outside its text (metadata, its URL, its page's
    timestamp, a fetch time): years a text only suggested are never passed on."""
    value = own.value
    if value.year is not None or value.month is None or value.day is None:
        return own
    best: tuple[int, int, Article, DateEvidence] | None = None
    for other in others:
        if other is article or other.id == article.id:
            continue
        theirs = own_dates[other.id] if other.id in own_dates else infer_published(other)
        if (theirs is None or theirs.value.year is None or theirs.value.month is None
                or theirs.value.day is None or not _outside(theirs)):
            continue
        year = year_for(value.month, value.day, theirs.value, SIBLING_DAYS)
        if year is None:
            continue
        gap = abs((dt.date(year, value.month, value.day) - dt.date(
            theirs.value.year, theirs.value.month, theirs.value.day)).days)
        if best is None or gap < best[0]:
            best = (gap, year, other, theirs)
    if best is None:
        return own
    gap, year, other, theirs = best
    reason = (f"year {year} from sibling article {other.id} of the same story, dated "
              f"{theirs.value.iso()} from outside its text ({gap} days apart)")
    return DateEvidence(PartialDate(year, value.month, value.day),
                        min(own.confidence, YEAR_CONFIDENCE["sibling"]),
                        [*own.evidence, reason])


def _page_timestamp(article: Article) -> tuple[PartialDate, str] | None:
    """The page's own date line ("Thứ hai, 28/3/2016 10:05 (GMT+7)"), which the cleaner
    removes as page furniture. It is metadata printed on the page, not boilerplate text, so it
    counts, but only where outlets put it: right above the article's first text line (below
    the title), or right after its last line (body, byline or source) with nothing but blank
    lines between. Dates in sidebars, teasers and related-news lists never count."""
    title_line = next((ln.number for ln in article.lines if ln.role is Role.TITLE), 0)
    text_lines = [ln.number for ln in article.lines
                  if ln.role in (Role.LEAD, Role.BODY) and ln.number > title_line]
    if not text_lines:
        return None
    first_text = text_lines[0]
    last_kept = max(ln.number for ln in article.lines
                    if ln.role in (Role.LEAD, Role.BODY, Role.BYLINE, Role.SOURCE))
    blank = {ln.number for ln in article.lines if ln.role is Role.BLANK}
    for r in article.removed:
        if r.line is None or "timestamp" not in r.rule:
            continue
        above = title_line < r.line < first_text and first_text - r.line <= 3
        below = 0 < r.line - last_kept <= 3 and all(
            n in blank for n in range(last_kept + 1, r.line))
        if not (above or below):
            continue
        value = parse_date_value(r.text)
        if value is not None:
            where = "above the lead" if above else "right after the article"
            return value, (f"the page's own timestamp {where}, line {r.line}: {r.text!r} "
                           f"(removed by the cleaner as {r.rule})")
    return None


def infer_published(article: Article, others: Sequence[Article] = (),
                    own_dates: Mapping[str, DateEvidence | None] | None = None,
                    window: int = WRITING_WINDOW_DAYS) -> DateEvidence | None:
    """The publication date of ``article`` with its evidence, or None when nothing dates it.

    Clues in order of trust: metadata (``article.meta["published"]`` and its usual aliases:
    the input's, a feed item's date, or the page's JSON-LD / ``article:published_time`` /
    ``time[datetime]`` found by the HTML cleaner; ``meta["field_sources"]`` says which); the
    date in the URL (``/2017/12/07/``, 14- and 17-digit timestamp ids); the page's own
    timestamp line; then the title, lead and paragraphs (never other removed lines). The
    fetch time (``fetched``, ``crawled``, WARC-Date, HTTP ``Date`` / ``Last-Modified``) is an
    upper bound: a clue after it is refused; with it, the date is the fetch day or a day the
    text names as the day of writing at most ``window`` days before it. ``others``: articles
    of the same story, which may lend a missing year when their own came from outside their
    text.
    ``own_dates`` (article id → its date without siblings) spares recomputing the siblings'
    own dates when a whole story is settled.
    """
    problems: list[str] = []
    meta = article.meta or {}
    upper = fetch_bound(meta)
    sources = meta.get("field_sources") if isinstance(meta.get("field_sources"), dict) else {}
    assert isinstance(sources, dict)
    for name in (*META_KEYS, "html_published"):
        raw = meta.get(name)
        if raw in (None, ""):
            continue
        value = parse_date_value(str(raw))
        if value is not None and not after_bound(value, upper):
            how = sources.get(name)
            where = f" (from {how})" if how and how != "input" else ""
            return DateEvidence(value, 0.99, [*problems, f"metadata {name} = {raw!r}{where}"])
        if value is not None:
            problems.append(f"metadata {name} = {raw!r} is after the fetch time "
                            f"{upper.raw!r} ({upper.name}); not used" if upper else "")
        else:
            problems.append(f"metadata {name} = {raw!r} is not a date I can read")
    for name in ("url", "canonical"):
        raw = article.url if name == "url" and article.url else meta.get(name)
        found_url = url_date(str(raw)) if raw else None
        if found_url is not None and not after_bound(found_url[0], upper):
            return DateEvidence(found_url[0], 0.95, [*problems, f"{found_url[1]} ({raw})"])
    stamp = _page_timestamp(article)
    if stamp is not None and not after_bound(stamp[0], upper):
        return DateEvidence(stamp[0], 0.95, [*problems, stamp[1]])
    if upper is not None:
        fetched = _with_fetch(article, upper, window)
        fetched.evidence = [*problems, *fetched.evidence]
        return fetched
    found = _from_text(article)
    if found is None:
        return None
    found.evidence = [*problems, *found.evidence]
    if others:
        found = _from_siblings(found, article, others, own_dates or {})
    return found
