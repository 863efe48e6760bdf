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

_FUTURE_BEFORE = re.compile(r"(?:sẽ|sắp|dự\s+kiến|kế\s+hoạch|dự\s+định|hẹn|chậm\s+nhất|hạn\s+chót"
                            r"|mục\s+tiêu|từ\s+nay\s+đến)(?![\w])[^.!?]{0,80}$",
                            re.I)
_FUTURE_AFTER = re.compile(r"^\s*(?:tới|sắp\s+tới|tuần\s+tới|tháng\s+tới)(?![\w])", re.I)
# "năm nay (2016)", "năm 2016 (năm nay)"; not "năm 1983 này", which is "this 1983-born ...".
_THIS_YEAR = re.compile(r"năm\s+nay\s*[(,]\s*(?:năm\s+)?(\d{4})(?!\d)"
                        r"|năm\s+(\d{4})\s*[(,]\s*năm\s+nay"
                        # "trong năm 2017", "từ đầu năm 2017 đến nay", "năm 2017 này"
                        r"|(?<!\w)(?:trong|từ\s+đầu)\s+năm\s+((?:19|20)\d\d)(?!\d)"
                        r"(?!\s*(?:tới|sắp\s+tới|trước|vừa\s+qua|qua))"
                        r"|năm\s+((?:19|20)\d\d)\s+này(?!\w)", re.I)
# "năm ngoái (2015)", "năm trước (2015)": the year before the current one; "cùng kỳ năm 2015"
# (the same period last year) too, when it is the only year the text names.
_LAST_YEAR = re.compile(r"năm\s+(?:ngoái|trước)\s*[(,]\s*(?:năm\s+)?((?:19|20)\d\d)(?!\d)"
                        r"|(cùng\s+kỳ)\s+năm\s+((?:19|20)\d\d)(?!\d)", re.I)
# "năm 2017", "năm 2016-2017": a year the text names (a lower bound, or the current year
# when it is the only one and the day is late in it).
_YEAR_NAMED = re.compile(r"(?<!\w)(?:năm|niên\s+khóa|mùa\s+giải)\s+((?:19|20)\d\d)(?!\d)", re.I)
# A text's only year is taken as the current one when its day is this month or later (an
# article of January that names "năm 2017" reviews the year just ended).
CURRENT_YEAR_MONTH = 10
# With several years named, the latest is taken as the current one only for a day this late.
LATEST_YEAR_MONTH = 10
# "kể từ năm 1998", "hồi năm 2015", "cách đây ... năm 2010": a year named as the past.
_SINCE = re.compile(r"(?:kể\s+từ|từ|hồi|trước|sau|cách\s+đây|đến|tới|vào|của)\s*$", re.I)
# "sáng nay", "hôm qua", "đêm kia": words that name a day (not "năm nay", "tuần qua").
_DAY_WORDS = re.compile(r"(?:hôm|sáng|trưa|chiều|tối|đêm|khuya|rạng\s+sáng)\s+(?:nay|qua|kia)"
                        r"|\bhôm\s+nay\b|\bhôm\s+qua\b", re.I)
# "tỷ lệ chọi 1/3", "chiếm 1/4": a fraction, not a day.
_FRACTION_BEFORE = re.compile(r"(?:tỷ\s+lệ|tỉ\s+lệ|chọi|chiếm|gấp|khoảng|hơn|gần|tới)\s*$", re.I)
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
    # years named ("năm 2017"): year, text, introduced as future
    years: list[tuple[int, str, bool]] = field(default_factory=list)
    # years named as the past ("kể từ năm 1998"): never the current year
    past_years: set[int] = field(default_factory=set)
    # the current year from "năm ngoái (2015)" / "cùng kỳ năm 2015": year, text, loose
    last_year: list[tuple[int, str, bool]] = field(default_factory=list)
    # "sáng nay", "hôm qua" in the title or lead without a date: offset, future, text
    relative: list[tuple[int, bool, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Bound:
    """An upper bound on the publication date: when the page was fetched or served."""

    date: PartialDate  # a full date
    name: str  # the field it came from
    raw: str


def _article_parts(article: Article) -> list[tuple[str, str]]:
    parts = [("title", article.title)] if article.title else []
    paragraphs = [p for p in article.paragraphs if p]
    if article.lead:
        parts.append(("lead", article.lead))
    elif paragraphs:
        parts.append(("lead", paragraphs.pop(0)))  # no sapo: the first paragraph opens it
    parts.extend(("body", p) for p in paragraphs)
    return parts


def _is_future(text: str, c: Candidate) -> bool:
    before = text[max(0, c.start - 100):c.start].rsplit("\n", 1)[-1]
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
        where = parts[bisect_right(starts, c.start) - 1][0]
        if (c.raw is None and where in ("title", "lead")
                and isinstance(c.extra.get("offset"), int)
                and _DAY_WORDS.search(text[c.start:c.end])):
            offset = c.extra["offset"]
            assert isinstance(offset, int)
            if -2 <= offset <= 0:
                clues.relative.append((offset, _is_future(text, c), text[c.start:c.end]))
        if c.type not in ("date", "time") or c.raw is None or c.mod == "LUNAR":
            continue
        if c.raw.year is None and _FRACTION_BEFORE.search(text[max(0, c.start - 16):c.start]):
            continue  # "tỷ lệ chọi 1/3" is a ratio
        offset = c.extra.get("offset") if c.rule in ("relative+date", "time+date") else None
        raw = c.raw
        if c.rule == "range" and c.end_value:
            last = value_date(c.end_value)  # "từ 30/12 đến 1/1": the range's last day
            if last is not None and last.month is not None and last.day is not None:
                raw = PartialDate(raw.year if last.year is None and raw.month is not None
                                  and last.month >= raw.month else last.year,
                                  last.month, last.day)
        clues.mentions.append(_Mention(raw, where, text[c.start:c.end], c.weekday,
                                       _is_future(text, c),
                                       offset if isinstance(offset, int) else None))
    for m in _THIS_YEAR.finditer(text):
        if _is_future(text, Candidate(m.start(), m.end(), "date", "", "year")):
            continue  # "dự kiến thông xe trong năm 2026" is a plan, not this year
        year = int(next(g for g in m.groups() if g))
        clues.this_year.append((year, m.group(0)))
    for m in _LAST_YEAR.finditer(text):
        if m.group(1):
            clues.last_year.append((int(m.group(1)) + 1, m.group(0), False))
        else:
            clues.last_year.append((int(m.group(3)) + 1, m.group(0), True))
    for m in _YEAR_NAMED.finditer(text):
        c = Candidate(m.start(), m.end(), "date", "", "year")
        clues.years.append((int(m.group(1)), m.group(0), _is_future(text, c)))
        if _SINCE.search(text[max(0, m.start() - 12):m.start()]):
            clues.past_years.add(int(m.group(1)))
    for mention in clues.mentions:
        if mention.date.year is not None:
            clues.years.append((mention.date.year, mention.text, mention.future))
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


def _lead_day(past: list[_Mention]) -> _Mention | None:
    """The lead's day ("Ngày 3/2, ...", "Chiều 28/6"): its latest past day-month written
    without a year (a range "từ 30/12 đến 1/1" ends on its last day). A full date in the lead
    ("vụ án xảy ra ngày 20/8/2015") is background, as in the body."""
    return _latest_day_month([m for m in past if m.where == "lead" and m.date.month is not None
                              and m.date.day is not None and m.date.year is None])


def _from_text(article: Article, upper: _Bound | None = None) -> DateEvidence | None:
    """The day the text names as its own, and a year only where a clue pins one.

    ``upper``: the fetch time (or HTTP date), an upper bound that gives the year of a day-month
    (the latest such day not after it) and, when the text names no day, the day itself.
    """
    clues = _clues(article)
    past = [m for m in clues.mentions if not m.future]
    evidence: list[str] = []
    dated = [m for m in past if m.date.year is not None and (
        upper is None or _ordinal(m.date) <= _ordinal(upper.date) + 1)]
    bound = max(dated, key=lambda m: _ordinal(m.date), default=None)
    if bound is not None:
        evidence.append(f"after {bound.date.iso()}: '{bound.text}' is named as past")
    estimate: _Mention | None = None
    # 1. "hôm nay (1/6)", "hôm qua (31/5)": the text says which day it is.
    for m in past:
        today = _today(m)
        if today is not None:
            evidence.append(f"'{m.text}' names the day of writing")
            estimate = _Mention(today, m.where, m.text)
            break
    if estimate is None:
        # 2. A day-month in the title, else the lead's opening day ("Ngày 3/2, ..."), else the
        # latest year-less day-month of the text. News drops the year for recent days and
        # writes it for older ones: "ngày 30/9/2015" in the body is background (a lower
        # bound), "hôm 23/1" the news; a full date opening the lead is the news day.
        day_months = [m for m in past if m.date.month is not None and m.date.day is not None]
        title_days = [m for m in day_months if m.where == "title"]
        recent = [m for m in day_months if m.date.year is None]
        lead = _lead_day(day_months)
        found = _latest_day_month(title_days) or lead
        relative = next((r for r in clues.relative if not r[1]), None)
        if found is None and relative is not None and upper is not None:
            # "Khoảng 3h sáng nay, ..." in the lead: the fetch time says which day that is;
            # the body's dates are background.
            day = shift_days(upper.date, relative[0])
            return DateEvidence(day, 0.5, [*evidence, f"'{relative[2]}' in the lead, counted "
                                           f"from the fetch time {upper.raw!r} ({upper.name})"])
        found = found or _latest_day_month(recent)
        if found is not None:
            estimate = found
            where = ("title" if found.where == "title" else "lead's opening"
                     if found is lead else found.where)
            evidence.append(f"day from the {where}: '{found.text}'"
                            + ("" if found.where == "title" or found is lead
                               else " is the latest day named"))
    if estimate is None:
        if upper is None:
            current = _current_year(clues)
            if current is None:
                return None
            # No day, but the text says which year it is: the year alone, never a day.
            return DateEvidence(PartialDate(current[0]), 0.5, [*evidence, current[1]])
        relative = next((m for m in clues.relative if not m[1]), None)
        day = upper.date
        if relative is not None:
            day = shift_days(upper.date, relative[0])
            evidence.append(f"'{relative[2]}' counted from the fetch time {upper.raw!r} "
                            f"({upper.name})")
        else:
            evidence.append(f"no day in the text: the fetch time {upper.raw!r} ({upper.name}) "
                            "is the upper bound taken as the day")
        return DateEvidence(day, 0.45 if relative is not None else 0.35, evidence)
    said_today = any(e.endswith("names the day of writing") for e in evidence)
    confidence = 0.8 if said_today or estimate.where in ("title", "lead") else 0.5
    year, year_confidence, year_reason = _year(estimate, past, clues, bound, upper)
    if year_reason:
        evidence.append(year_reason)
    assert estimate.date.month is not None and estimate.date.day is not None
    value = PartialDate(year, estimate.date.month, estimate.date.day)
    if year is None:
        evidence.append("no year: the text names none that must be this one")
        return DateEvidence(value, confidence, evidence)
    return DateEvidence(value, min(0.95, (confidence + year_confidence) / 2 + 0.1), evidence)


def _current_year(clues: _Clues) -> tuple[int, str] | None:
    """The year the text names as current: "năm nay (2016)", "trong năm 2017", "năm ngoái
    (2015)" (so 2016), "cùng kỳ năm 2015" when 2015 is the only year it names."""
    if clues.this_year:
        year, said = clues.this_year[0]
        return year, f"'{said}' names this year"
    named = {y for y, _, _ in clues.years}
    for year, said, loose in clues.last_year:
        if loose and named != {year - 1}:
            continue  # "cùng kỳ năm 2019" beside other years may be a pre-2020 baseline
        if any(y > year for y in named):
            continue
        return year, f"'{said}' names the year before this one, so this is {year}"
    return None


def _year_before(month: int, day: int, upper: PartialDate) -> int | None:
    """The year that puts ``day/month`` on or before ``upper`` (a day later allowed: time
    zones) and at most a year before it."""
    assert upper.year is not None and upper.month is not None and upper.day is not None
    limit = dt.date(upper.year, upper.month, upper.day) + dt.timedelta(days=1)
    for year in (upper.year, upper.year - 1):
        if valid_day(day, month, year) and dt.date(year, month, day) <= limit:
            return year
    return None


def _year(estimate: _Mention, past: list[_Mention], clues: _Clues,
          bound: _Mention | None, upper: _Bound | None = None) -> tuple[int | None, float, str]:
    """The publication year, how sure, and why; (None, 0, "") when nothing pins one.

    A year named elsewhere in the text is only a lower bound (articles of 2016 name 2009 and
    2014 as background, and 2020 as a plan), so it never becomes the year by itself, except
    when the text names it as the current year ("năm nay (2016)", "trong năm 2017"), or it is
    the only year the text names and the day is late in it (see :data:`CURRENT_YEAR_MONTH`).
    """
    floor = bound.date if bound is not None else None
    month, day = estimate.date.month, estimate.date.day
    assert month is not None and day is not None

    def fits(year: int) -> bool:
        if not valid_day(day, month, year):
            return False
        if upper is not None and _ordinal(PartialDate(year, month, day)) > _ordinal(
                upper.date) + 1:
            return False
        return floor is None or _ordinal(PartialDate(year, month, day)) >= _ordinal(floor)

    if estimate.date.year is not None:
        return estimate.date.year, 0.9, f"year written with the day: '{estimate.text}'"
    if upper is not None:
        year = _year_before(month, day, upper.date)
        if year is not None:
            return year, 0.9, (f"year {year}: the latest {day}/{month} not after the fetch time "
                               f"{upper.raw!r} ({upper.name})")
    for year, said in clues.this_year:
        if fits(year):
            return year, 0.85, f"'{said}' names this year"
    current = _current_year(clues)
    if current is not None and fits(current[0]):
        return current[0], 0.8, current[1]
    named = {y for y, _, future in clues.years if not future}
    if named and not any(future and y >= max(named) for y, _, future in clues.years):
        latest = max(named)
        said = next(t for y, t, _ in clues.years if y == latest)
        late = CURRENT_YEAR_MONTH if len(named) == 1 else LATEST_YEAR_MONTH
        if month >= late and fits(latest) and latest not in clues.past_years:
            which = "the only year" if len(named) == 1 else "the latest of the years"
            return latest, 0.7, (f"'{said}' is {which} the text names, and {day}/{month} is "
                                 "late in it: the year being written about")
    # A weekday named with its day and month: only some years fit; take the first after the
    # lower bound (a full date named as past, else the latest year the text names).
    floor_year = floor.year if floor is not None and floor.year is not None else (
        max(named) if named else None)
    if floor_year is None:
        return None, 0.0, ""
    floor_date = floor if floor is not None else PartialDate(floor_year, 1, 1)
    for m in past:
        if m.weekday is None or m.date.month is None or m.date.day is None:
            continue
        if m.date.year is not None:
            years = [m.date.year]
        else:
            years = years_with_weekday(m.date.month, m.date.day, m.weekday, floor_year,
                                       floor_year + 28)
            years = [y for y in years
                     if _ordinal(PartialDate(y, m.date.month, m.date.day)) >= _ordinal(
                         floor_date)]
        if not years or years[0] - floor_year > WEEKDAY_BOUND_YEARS:
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


# ---------------------------------------------------------------- URL and fetch time

# /2017/12/07/, /2017-12-07/, /20171207/ in a URL's path.
_URL_YMD = re.compile(r"(?<![\d])((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])"
                      r"(?=[/_.\-]|$)")
# Timestamp ids: 14 digits yyyymmddHHMMSS, 17 with milliseconds (Vietnamese outlets end
# article URLs with them, "...-20171207093015.htm", "...-20171207093015123.htm"); 18 digits
# as some CMSs write them, a 3-digit site or section code then yymmddHHMMSSmmm
# ("...-185171207093015123.htm").
_URL_STAMP = re.compile(r"(?<!\d)(\d{14}|\d{17}|\d{18})(?!\d)")
# How far the fetch time may be before a metadata or URL date (time zones, clock skew).
BOUND_SLACK_DAYS = 1
FETCH_KEYS = ("fetched", "crawled", "fetch_time", "crawl_time", "warc_date", "http_date",
              "date_header", "last_modified")


def url_date(url: str) -> tuple[PartialDate, str] | None:
    """The date a URL's path carries, and how it was read.

    >>> url_date("https://bao.vn/thoi-su/cau-moi-thong-xe-20171207093015.htm")[0]
    PartialDate(year=2017, month=12, day=7)
    >>> url_date("https://bao.vn/2016/03/28/mua-lon.html")[0]
    PartialDate(year=2016, month=3, day=28)
    >>> url_date("https://bao.vn/tin-12345678901.htm") is None
    True
    """
    if not isinstance(url, str) or not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.I)
    path = path.split("?", 1)[0].split("#", 1)[0]
    for m in _URL_STAMP.finditer(path):
        digits = m.group(1)
        stamp = digits if len(digits) != 18 else "20" + digits[3:]
        year, month, day = int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])
        hour, minute, second = int(stamp[8:10]), int(stamp[10:12]), int(stamp[12:14])
        if hour > 23 or minute > 59 or second > 59 or not 1990 <= year <= 2100:
            continue
        value = _checked(year, month, day)
        if value is not None:
            return value, f"{len(digits)}-digit timestamp id {digits} in the URL"
    for m in _URL_YMD.finditer(path):
        value = _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if value is not None and 1990 <= (value.year or 0) <= 2100:
            return value, f"date {m.group(0)} in the URL path"
    return None


def fetch_bound(meta: Mapping[str, object]) -> _Bound | None:
    """The earliest full date among the fetch time and HTTP dates the input recorded."""
    best: _Bound | None = None
    for name in FETCH_KEYS:
        raw = meta.get(name)
        if raw in (None, "") or not isinstance(raw, str | int | float):
            continue
        value = _timestamp_date(raw) if isinstance(raw, int | float) else parse_date_value(raw)
        if value is None or value.day is None:
            continue
        if best is None or _ordinal(value) < _ordinal(best.date):
            best = _Bound(value, name, str(raw))
    return best


def _timestamp_date(raw: float) -> PartialDate | None:
    try:
        day = dt.datetime.fromtimestamp(raw / 1000 if raw > 1e11 else raw, dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
    return _checked(day.year, day.month, day.day)


def _after_bound(value: PartialDate, upper: _Bound | None) -> bool:
    return (upper is not None and value.day is not None and value.year is not None
            and _ordinal(value) > _ordinal(upper.date) + BOUND_SLACK_DAYS)


def infer_published(article: Article, others: Sequence[Article] = (),
                    own_dates: Mapping[str, DateEvidence | None] | None = None
                    ) -> DateEvidence | None:
    """The publication date of ``article`` with its evidence, or None when nothing dates it.

    Clues in order of trust: metadata (``article.meta["published"]`` and its usual aliases:
    the input's, a feed item's date, or the page's JSON-LD / ``article:published_time`` /
    ``time[datetime]`` found by the HTML cleaner; ``meta["field_sources"]`` says which); the
    date in the URL (``/2017/12/07/``, 14- and 17-digit timestamp ids); the page's own
    timestamp line; then the title, lead and paragraphs (never other removed lines). The
    fetch time (``fetched``, ``crawled``, WARC-Date, HTTP ``Date`` / ``Last-Modified``) is an
    upper bound: a clue after it is refused, and it gives the year of a day-month from the
    text. ``others``: articles of the same story, which may lend a missing year.
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
        if value is not None and not _after_bound(value, upper):
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
        if found_url is not None and not _after_bound(found_url[0], upper):
            return DateEvidence(found_url[0], 0.95, [*problems, f"{found_url[1]} ({raw})"])
    stamp = _page_timestamp(article)
    if stamp is not None and not _after_bound(stamp[0], upper):
        return DateEvidence(stamp[0], 0.95, [*problems, stamp[1]])
    found = _from_text(article, upper)
    if found is None:
        return None
    found.evidence = [*problems, *found.evidence]
    if others:
        found = _from_siblings(found, article, others, own_dates or {})
    return found
