"""When was an article published? From its metadata when the input had it, else from its text.

The text gives clues, each recorded as evidence: a day and month in the title (the news of the
day), the latest day and month mentioned in the body, a weekday named with its date (only some
years put 23/1 on a Monday), ``năm nay (2016)``, the latest year named, and past dates that
bound the publication date from below. A year the text does not support is never written: the
value stays partial (``XXXX-03-28``). Lines the cleaner removed (sidebars, related news) are
not read. Sibling articles of the same story may settle a missing year.

>>> from thoisu.model import Article, Origin
>>> a = Article(id="a", origin=Origin("x"), title="Tình hình Syria 24/1",
...             paragraphs=["Hôm thứ Hai (23/1), đàm phán bắt đầu. Từ ngày 30/9/2015 Nga..."])
>>> infer_published(a).value.iso()
'2017-01-24'
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate

from thoisu.dates.base import Candidate
from thoisu.dates.calendar import shift_days, valid_day, years_with_weekday
from thoisu.dates.tagger import tag_candidates
from thoisu.dates.values import value_date
from thoisu.model import Article, DateEvidence, PartialDate, Role

META_KEYS = ("published", "date_published", "datePublished", "pubDate", "published_time",
             "date")
# How far apart (days) a past full date in the text may be from the estimated day to lend it
# its year, and how far a sibling article's date may be (a story's coverage of one event).
NEAR_DAYS = 45
SIBLING_DAYS = 14

# ---------------------------------------------------------------- metadata values

_ISO = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T\s].*)?$")
_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)")
_VERBAL = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,|/)\s*(\d{4}))?", re.I)
_MONTH_YEAR = re.compile(r"^\s*(?:tháng\s+)?(\d{1,2})\s*[/\-]\s*(\d{4})\s*$", re.I)
_EN_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_EN = re.compile(r"(?:(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})|([a-z]{3})[a-z]*\.?\s+(\d{1,2})"
                 r"(?:st|nd|rd|th)?,?\s+(\d{4}))", re.I)


def _checked(year: int | None, month: int | None, day: int | None) -> PartialDate | None:
    if year is not None and not 1900 <= year <= 2200:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and (month is None or not valid_day(day, month, year)):
        return None
    return PartialDate(year, month, day)


def parse_date_value(text: str) -> PartialDate | None:
    """A publication date as metadata writes it, to the precision it has.

    Reads ISO (``2016-03-28T10:00:00+07:00``, ``2016-03``), day-first forms
    (``28/03/2016 10:00``, ``Thứ hai, 28/3/2016 - 10:05``), ``ngày 28 tháng 3 năm 2016``,
    e-mail/RSS dates (``Mon, 28 Mar 2016 10:00:00 +0700``) and English month names. The date
    is the one written (the publisher's local day), not converted to another time zone.

    >>> parse_date_value("Thứ hai, 28/3/2016 - 10:05"), parse_date_value("2011-03")
    (PartialDate(year=2016, month=3, day=28), PartialDate(year=2011, month=3, day=None))
    """
    if not isinstance(text, str) or not text.strip():
        return None
    text = text.strip()
    m = _ISO.match(text)
    if m and (m.group(2) or len(text.strip()) == 4 or "T" in text):
        return _checked(int(m.group(1)), _int(m.group(2)), _int(m.group(3)))
    if m and not m.group(2):
        return _checked(int(m.group(1)), None, None)
    m2 = _DMY.search(text)
    if m2:
        return _checked(int(m2.group(3)), int(m2.group(2)), int(m2.group(1)))
    m3 = _VERBAL.search(text)
    if m3:
        return _checked(_int(m3.group(3)), int(m3.group(2)), int(m3.group(1)))
    m4 = _MONTH_YEAR.match(text)
    if m4:
        return _checked(int(m4.group(2)), int(m4.group(1)), None)
    parsed = parsedate(text)
    if parsed is not None and parsed[0]:
        return _checked(parsed[0], parsed[1], parsed[2])
    m5 = _EN.search(text)
    if m5:
        if m5.group(1):
            day, mon, year = m5.group(1), m5.group(2), m5.group(3)
        else:
            mon, day, year = m5.group(4), m5.group(5), m5.group(6)
        month = _EN_MONTHS.get(mon.lower())
        if month:
            return _checked(int(year), month, int(day))
    return None


def parse_anchor(text: str) -> PartialDate | None:
    """A date to anchor tagging to: what :func:`parse_date_value` reads, or a TimeML partial
    value whose year is unknown.

    >>> parse_anchor("XXXX-03-28"), parse_anchor("28/3/2016")
    (PartialDate(year=None, month=3, day=28), PartialDate(year=2016, month=3, day=28))
    """
    if text.startswith("XXXX"):
        return value_date(text)
    return parse_date_value(text)


def _int(s: str | None) -> int | None:
    return int(s) if s else None


# ---------------------------------------------------------------- clues in the text

_FUTURE_BEFORE = re.compile(r"(?:sẽ|sắp|dự\s+kiến|kế\s+hoạch|dự\s+định|hẹn)(?![\w])[^.!?]{0,40}$",
                            re.I)
_FUTURE_AFTER = re.compile(r"^\s*(?:tới|sắp\s+tới|tuần\s+tới|tháng\s+tới)(?![\w])", re.I)
# "năm nay (2016)", "năm 2016 (năm nay)"; not "năm 1983 này", which is "this 1983-born ...".
_THIS_YEAR = re.compile(r"năm\s+nay\s*[(,]\s*(?:năm\s+)?(\d{4})(?!\d)"
                        r"|năm\s+(\d{4})\s*[(,]\s*năm\s+nay", re.I)
# A weekday fits one year in seven or so; the first fit after the lower bound is only
# trusted when the bound is this close to it (else several years would do).
WEEKDAY_BOUND_YEARS = 2


@dataclass
class _Mention:
    date: PartialDate  # as written
    where: str  # "title", "lead", "body"
    text: str
    weekday: int | None = None
    future: bool = False
    offset: int | None = None  # days from the day of writing, for "hôm qua (27/3)"


@dataclass
class _Clues:
    mentions: list[_Mention] = field(default_factory=list)
    this_year: list[tuple[int, str]] = field(default_factory=list)


def _article_parts(article: Article) -> list[tuple[str, str]]:
    parts = [("title", article.title)] if article.title else []
    if article.lead:
        parts.append(("lead", article.lead))
    parts.extend(("body", p) for p in article.paragraphs if p)
    return parts


def _is_future(text: str, c: Candidate) -> bool:
    before = text[max(0, c.start - 60):c.start].rsplit("\n", 1)[-1]
    return bool(_FUTURE_BEFORE.search(before) or _FUTURE_AFTER.match(text[c.end:c.end + 16]))


def _clues(article: Article) -> _Clues:
    """Every dated mention of the title, lead and paragraphs, tagged in one pass."""
    clues = _Clues()
    parts = _article_parts(article)
    text = "\n".join(part for _, part in parts)
    starts = []
    pos = 0
    for _, part in parts:
        starts.append(pos)
        pos += len(part) + 1
    for c in tag_candidates(text):
        if c.type not in ("date", "time") or c.raw is None or c.mod == "LUNAR":
            continue
        where = parts[bisect_right(starts, c.start) - 1][0]
        offset = c.extra.get("offset") if c.rule in ("relative+date", "time+date") else None
        clues.mentions.append(_Mention(c.raw, where, text[c.start:c.end], c.weekday,
                                       _is_future(text, c),
                                       offset if isinstance(offset, int) else None))
    for m in _THIS_YEAR.finditer(text):
        year = int(next(g for g in m.groups() if g))
        clues.this_year.append((year, m.group(0)))
    return clues


def _ordinal(p: PartialDate) -> int:
    """Days since year 0 for sorting bounds: a year alone counts as its 1 January."""
    return dt.date(p.year or 1, p.month or 1, p.day or 1).toordinal()


def _latest_day_month(mentions: list[_Mention]) -> _Mention | None:
    """The latest day-month, reading January after December when the mentions straddle New
    Year (a story of 28/12 ... 3/1)."""
    if not mentions:
        return None
    months = {m.date.month for m in mentions if m.date.month}
    wraps = any(mo >= 10 for mo in months) and any(mo <= 3 for mo in months)

    def order(m: _Mention) -> tuple[int, int]:
        month = m.date.month or 0
        return (month + 12 if wraps and month <= 3 else month, m.date.day or 0)

    return max(mentions, key=order)


def _year_for(month: int, day: int, near: PartialDate, within: int = NEAR_DAYS) -> int | None:
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


def _today(m: _Mention) -> PartialDate | None:
    """The publication day a mention like "hôm qua (27/3)" or "sáng nay (1/6)" spells out."""
    if m.offset is None or m.date.month is None or m.date.day is None:
        return None
    return shift_days(m.date, -m.offset)


def _from_text(article: Article) -> DateEvidence | None:
    clues = _clues(article)
    past = [m for m in clues.mentions if not m.future]
    if not past:
        return None
    evidence: list[str] = []
    # Lower bound: the latest past date written with its year.
    dated = [m for m in past if m.date.year is not None]
    bound = max(dated, key=lambda m: _ordinal(m.date), default=None)
    if bound is not None:
        evidence.append(f"after {bound.date.iso()}: '{bound.text}' is named as past")
    # 1. "hôm nay (1/6)", "hôm qua (31/5)": the text says which day it is.
    for m in past:
        today = _today(m)
        if today is not None:
            evidence.append(f"'{m.text}' names the day of writing")
            estimate = _Mention(today, m.where, m.text)
            break
    else:
        # 2. A day-month in the title, else the latest year-less day-month of the text. News
        # drops the year for recent days and writes it for older ones: "ngày 30/9/2015" is
        # background (a lower bound), "hôm 23/1" the news.
        day_months = [m for m in past if m.date.month is not None and m.date.day is not None]
        title_days = [m for m in day_months if m.where == "title"]
        recent = [m for m in day_months if m.date.year is None]
        found = _latest_day_month(title_days) or _latest_day_month(recent)
        if found is None:
            return None
        estimate = found
        evidence.append(f"day from the {found.where}: '{found.text}'"
                        + ("" if found.where == "title" else " is the latest day named"))
    said_today = any(e.endswith("names the day of writing") for e in evidence)
    confidence = 0.8 if said_today or estimate.where == "title" else 0.5
    year, year_confidence, year_reason = _year(estimate, past, clues, bound)
    if year_reason:
        evidence.append(year_reason)
    assert estimate.date.month is not None and estimate.date.day is not None
    value = PartialDate(year, estimate.date.month, estimate.date.day)
    if year is None:
        evidence.append("no year: the text names none that must be this one")
        return DateEvidence(value, confidence, evidence)
    return DateEvidence(value, min(0.95, (confidence + year_confidence) / 2 + 0.1), evidence)


def _year(estimate: _Mention, past: list[_Mention], clues: _Clues,
          bound: _Mention | None) -> tuple[int | None, float, str]:
    """The publication year, how sure, and why; (None, 0, "") when nothing pins one.

    A year named elsewhere in the text is only a lower bound (articles of 2016 name 2009 and
    2014 as background, and 2020 as a plan), so it never becomes the year by itself.
    """
    floor = bound.date if bound is not None else None
    month, day = estimate.date.month, estimate.date.day
    assert month is not None and day is not None

    def fits(year: int) -> bool:
        if not valid_day(day, month, year):
            return False
        return floor is None or _ordinal(PartialDate(year, month, day)) >= _ordinal(floor)

    if estimate.date.year is not None:
        return estimate.date.year, 0.9, f"year written with the day: '{estimate.text}'"
    for year, said in clues.this_year:
        if fits(year):
            return year, 0.85, f"'{said}' names this year"
    # A weekday named with its day and month: only some years fit; take the first after the
    # lower bound.
    if floor is None or floor.year is None:
        return None, 0.0, ""
    for m in past:
        if m.weekday is None or m.date.month is None or m.date.day is None:
            continue
        if m.date.year is not None:
            years = [m.date.year]
        else:
            years = years_with_weekday(m.date.month, m.date.day, m.weekday, floor.year,
                                       floor.year + 28)
            years = [y for y in years
                     if _ordinal(PartialDate(y, m.date.month, m.date.day)) >= _ordinal(floor)]
        if not years or years[0] - floor.year > WEEKDAY_BOUND_YEARS:
            continue
        fitted = PartialDate(years[0], m.date.month, m.date.day)
        found = _year_for(month, day, fitted)
        if found is not None and fits(found):
            later = ", ".join(str(y) for y in years[1:3])
            return found, 0.8, (f"'{m.text}': the first year after the lower bound with that "
                               f"weekday is {years[0]}" + (f" (then {later})" if later else ""))
    return None, 0.0, ""


# ---------------------------------------------------------------- siblings and entry point


def _from_siblings(own: DateEvidence, article: Article, others: Sequence[Article],
                   own_dates: Mapping[str, DateEvidence | None]) -> DateEvidence:
    """A year-less date takes the year of a sibling article dated within SIBLING_DAYS of it."""
    value = own.value
    if value.year is not None or value.month is None or value.day is None:
        return own
    best: tuple[int, int, Article, DateEvidence] | None = None
    for other in others:
        if other is article or other.id == article.id:
            continue
        theirs = own_dates[other.id] if other.id in own_dates else infer_published(other)
        if theirs is None or theirs.value.year is None or theirs.value.month is None:
            continue
        year = _year_for(value.month, value.day, theirs.value, SIBLING_DAYS)
        if year is None:
            continue
        gap = abs((dt.date(year, value.month, value.day) - dt.date(
            theirs.value.year, theirs.value.month, theirs.value.day or 15)).days)
        if best is None or gap < best[0]:
            best = (gap, year, other, theirs)
    if best is None:
        return own
    gap, year, other, theirs = best
    reason = (f"year {year} from sibling article {other.id} of the same story, dated "
              f"{theirs.value.iso()} ({gap} days apart)")
    return DateEvidence(PartialDate(year, value.month, value.day),
                        min(own.confidence, theirs.confidence) * 0.9,
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
                    own_dates: Mapping[str, DateEvidence | None] | None = None
                    ) -> DateEvidence | None:
    """The publication date of ``article`` with its evidence, or None when nothing dates it.

    Metadata (``article.meta["published"]`` and its usual aliases) wins when readable; then the
    page's own timestamp line right above the lead or right after the article; then the title,
    lead and paragraphs (never other removed lines). ``others``: articles of the same story,
    which may lend a missing year. ``own_dates`` (article id → its date without siblings)
    spares recomputing the siblings' own dates when a whole story is settled.
    """
    problems: list[str] = []
    for name in META_KEYS:
        raw = article.meta.get(name)
        if raw in (None, ""):
            continue
        value = parse_date_value(str(raw))
        if value is not None:
            return DateEvidence(value, 0.99, [f"metadata {name} = {raw!r}"])
        problems.append(f"metadata {name} = {raw!r} is not a date I can read")
    stamp = _page_timestamp(article)
    if stamp is not None:
        return DateEvidence(stamp[0], 0.95, [*problems, stamp[1]])
    found = _from_text(article)
    if found is None:
        return None
    found.evidence = [*problems, *found.evidence]
    if others:
        found = _from_siblings(found, article, others, own_dates or {})
    return found
