"""Calendar arithmetic on partly known dates, and the checks that keep impossible dates out."""

from __future__ import annotations

import calendar as _cal
import datetime as dt

from thoisu.model import PartialDate

MIN_CALENDAR_YEAR, MAX_CALENDAR_YEAR = 1, 9999  # what ``datetime`` can count with


def calendar_year(year: int | None) -> int | None:
    """``year`` if dates can be counted in it, else None (unknown, never an overflow)."""
    return year if year is not None and MIN_CALENDAR_YEAR <= year <= MAX_CALENDAR_YEAR else None


def usable_anchor(anchor: PartialDate | None) -> PartialDate | None:
    """What of an anchor can be counted from: impossible parts left out, so that 31/2/2017
    anchors as February 2017 and a year outside 1-9999 as a day of no known year.

    >>> usable_anchor(PartialDate(2017, 2, 31)), usable_anchor(PartialDate(2017, 13, 1))
    (PartialDate(year=2017, month=2, day=None), PartialDate(year=2017, month=None, day=None))
    >>> usable_anchor(PartialDate(-5, 3, 28))
    PartialDate(year=None, month=3, day=28)
    """
    if anchor is None:
        return None
    year = calendar_year(anchor.year)
    month = anchor.month if anchor.month is not None and 1 <= anchor.month <= 12 else None
    day = anchor.day if month is not None and anchor.day is not None and valid_day(
        anchor.day, month, year) else None
    if (year, month, day) == (anchor.year, anchor.month, anchor.day):
        return anchor
    return PartialDate(year, month, day)


def valid_day(day: int, month: int, year: int | None = None) -> bool:
    """Whether ``day/month`` exists (in ``year`` when known): 31/2 and 0/5 do not."""
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:
        return day <= (29 if month == 2 else _cal.monthrange(2001, month)[1])
    return day <= _cal.monthrange(year, month)[1]


def nearest_year(month: int, day: int | None, anchor: PartialDate | None) -> int | None:
    """The year that puts ``day/month`` closest to the anchor (news talks about recent days).

    A mention of 28/12 in an article of 5 January is last year's; without an anchor year, None.
    """
    if anchor is None or anchor.year is None:
        return None
    if anchor.month is None:
        return anchor.year
    here = anchor.month * 31 + (anchor.day or 15)
    there = month * 31 + (day or 15)
    if there - here > 6 * 31:
        return calendar_year(anchor.year - 1)
    if here - there > 6 * 31:
        return calendar_year(anchor.year + 1)
    return anchor.year


def to_date(p: PartialDate) -> dt.date | None:
    if p.year is None or p.month is None or p.day is None:
        return None
    try:
        return dt.date(p.year, p.month, p.day)
    except ValueError:
        return None


def shift_days(anchor: PartialDate | None, days: int) -> PartialDate:
    """``anchor`` moved by ``days``. Without a year, the month and day are kept only when leap
    and common years agree; without a day, what is known of the anchor stands for the result."""
    if anchor is None:
        return PartialDate()
    if anchor.day is None or anchor.month is None:
        return anchor if days == 0 else PartialDate(anchor.year, anchor.month)
    if anchor.year is not None:
        try:
            d = dt.date(anchor.year, anchor.month, anchor.day) + dt.timedelta(days=days)
        except (OverflowError, ValueError):
            return PartialDate()  # before year 1 or after 9999: not a day anyone can name
        return PartialDate(d.year, d.month, d.day)
    results = set()
    for year in (2000, 2001):
        if not valid_day(anchor.day, anchor.month, year):
            continue
        d = dt.date(year, anchor.month, anchor.day) + dt.timedelta(days=days)
        results.add((d.month, d.day))
    if len(results) == 1:
        month, day = results.pop()
        return PartialDate(None, month, day)
    months = {m for m, _ in results}
    return PartialDate(None, months.pop()) if len(months) == 1 else PartialDate()


def shift_months(anchor: PartialDate | None, months: int) -> PartialDate:
    if anchor is None or anchor.month is None:
        return PartialDate()
    index = anchor.month - 1 + months
    year = calendar_year(anchor.year + index // 12) if anchor.year is not None else None
    if anchor.year is not None and year is None:
        return PartialDate()
    return PartialDate(year, index % 12 + 1)


def week_value(anchor: PartialDate | None, weeks: int) -> str:
    """TimeML week value, ``2016-W12``; ``XXXX-WXX`` when the anchor is not a full date."""
    d = to_date(anchor) if anchor else None
    if d is None:
        return "XXXX-WXX"
    try:
        year, week, _ = (d + dt.timedelta(weeks=weeks)).isocalendar()
    except OverflowError:
        return "XXXX-WXX"
    return f"{year:04d}-W{week:02d}"


def weekday_date(anchor: PartialDate | None, weekday: int, weeks: int | None,
                 future: bool) -> str:
    """The date of an ISO weekday relative to the anchor.

    ``weeks`` is the week offset when the text names one ("thứ Tư tuần tới" → +1); otherwise
    the nearest such day before the anchor (or after it, when the sentence speaks of the future).
    Without a full anchor the TimeML form ``XXXX-WXX-3`` keeps only the weekday.
    """
    d = to_date(anchor) if anchor else None
    if d is None:
        return f"XXXX-WXX-{weekday}"
    try:
        if weeks is not None:
            monday = d - dt.timedelta(days=d.isoweekday() - 1) + dt.timedelta(weeks=weeks)
            return (monday + dt.timedelta(days=weekday - 1)).isoformat()
        delta = (d.isoweekday() - weekday) % 7
        if future:
            return (d + dt.timedelta(days=(weekday - d.isoweekday()) % 7)).isoformat()
        return (d - dt.timedelta(days=delta)).isoformat()
    except OverflowError:
        return f"XXXX-WXX-{weekday}"


def years_with_weekday(month: int, day: int, weekday: int, start: int, stop: int) -> list[int]:
    """Years in ``[start, stop]`` whose ``day/month`` falls on ISO ``weekday``."""
    out = []
    for year in range(start, stop + 1):
        if valid_day(day, month, year) and dt.date(year, month, day).isoweekday() == weekday:
            out.append(year)
    return out
