"""Dates as metadata writes them, in URLs, and the fetch time: what dates a page from outside
its text (:mod:`thoisu.dates.published` reads them first).

>>> parse_date_value("Thứ hai, 28/3/2016 - 10:05")
PartialDate(year=2016, month=3, day=28)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate

from thoisu.dates.calendar import valid_day
from thoisu.dates.values import value_date
from thoisu.model import PartialDate

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


@dataclass(frozen=True)
class Bound:
    """An upper bound on the publication date: when the page was fetched or served."""

    date: PartialDate  # a full date
    name: str  # the field it came from
    raw: str


def ordinal(p: PartialDate) -> int:
    """Days since year 0 for sorting bounds: a year alone counts as its 1 January."""
    return dt.date(p.year or 1, p.month or 1, p.day or 1).toordinal()


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


def fetch_bound(meta: Mapping[str, object]) -> Bound | None:
    """The earliest full date among the fetch time and HTTP dates the input recorded."""
    best: Bound | None = None
    for name in FETCH_KEYS:
        raw = meta.get(name)
        if raw in (None, "") or not isinstance(raw, str | int | float):
            continue
        value = _timestamp_date(raw) if isinstance(raw, int | float) else parse_date_value(raw)
        if value is None or value.day is None:
            continue
        if best is None or ordinal(value) < ordinal(best.date):
            best = Bound(value, name, str(raw))
    return best


def _timestamp_date(raw: float) -> PartialDate | None:
    try:
        day = dt.datetime.fromtimestamp(raw / 1000 if raw > 1e11 else raw, dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
    return _checked(day.year, day.month, day.day)


def after_bound(value: PartialDate, upper: Bound | None) -> bool:
    return (upper is not None and value.day is not None and value.year is not None
            and ordinal(value) > ordinal(upper.date) + BOUND_SLACK_DAYS)

