"""Dates as Vietnamese readers write them, for every page and report that shows one.

TimeML values (``2016-03-15``, ``XXXX-03-15``, ``2011-03``) are for machines; people read
"15/3/2016", "15/3 (chưa rõ năm)", "tháng 3/2011". A span is printed only from dates that can
be compared, so it never runs backwards.

>>> from thoisu.model import Event, PartialDate
>>> format_date(PartialDate(2016, 3, 15))
'15/3/2016'
>>> format_date(PartialDate(None, 3, 15))
'15/3 (chưa rõ năm)'
>>> format_date(PartialDate(None, 3, 15), approx_year=2016)
'15/3 (khoảng 2016)'
>>> format_date(PartialDate(2011, 3))
'tháng 3/2011'
>>> format_span(PartialDate(2017, 1, 23), PartialDate(2017, 1, 24))
'23–24/1/2017'
>>> format_span(PartialDate(2016, 3, 15), PartialDate(2017, 1, 24))
'15/3/2016 – 24/1/2017'
>>> format_span(PartialDate(None, 1, 23), PartialDate(None, 1, 24))
'23–24/1 (chưa rõ năm)'
"""

from __future__ import annotations

from collections.abc import Iterable

from thoisu.model import Event, PartialDate, comparable_span

UNKNOWN_YEAR = "chưa rõ năm"


def _day_month(d: PartialDate) -> str:
    if d.month is None:
        return f"ngày {d.day}" if d.day is not None else ""
    if d.day is None:
        return f"tháng {d.month}"
    return f"{d.day}/{d.month}"


def format_date(d: PartialDate | None, approx_year: int | None = None) -> str:
    """One date: "15/3/2016", "tháng 3/2011", "năm 2015", "15/3 (chưa rõ năm)".

    ``approx_year`` is a year inferred from context rather than written: it is shown as
    "(khoảng 2016)" so the reader knows it was not in the text.
    """
    if d is None:
        return "không rõ ngày"
    if d.year is not None:
        if d.month is None and d.day is None:
            return f"năm {d.year}"
        if d.month is None:
            return f"ngày {d.day} năm {d.year}"
        if d.day is None:
            return f"tháng {d.month}/{d.year}"
        return f"{d.day}/{d.month}/{d.year}"
    head = _day_month(d)
    if not head:
        return "không rõ ngày"
    if approx_year is not None:
        return f"{head} (khoảng {approx_year})"
    return f"{head} ({UNKNOWN_YEAR})"


def html_datetime(d: PartialDate | None) -> str:
    """A ``<time datetime>`` value HTML accepts: ``2016-03-28``, ``2016-03``, ``2016``, and
    ``--03-28`` for a day whose year is unknown (HTML's yearless date); "" when none fits
    (a month without a year). Never ``XXXX``.

    >>> html_datetime(PartialDate(None, 3, 28)), html_datetime(PartialDate(2011, 3))
    ('--03-28', '2011-03')
    """
    if d is None or (d.year is None and (d.month is None or d.day is None)):
        return ""
    if d.year is None:
        return f"--{d.month:02d}-{d.day:02d}"
    return d.iso()


def comparable(a: PartialDate, b: PartialDate) -> bool:
    """Whether ``a`` and ``b`` can be ordered: both have a year, or both lack one."""
    return (a.year is None) == (b.year is None)


def format_span(start: PartialDate | None, end: PartialDate | None) -> str:
    """A span: "23–24/1/2017", "15/3 – 2/4/2016", "15/3/2016 – 24/1/2017".

    Dates that cannot be compared (one without a year) or that run backwards are not printed
    as a span: the known one is shown alone.
    """
    if start is None and end is None:
        return ""
    if start is None or end is None:
        return format_date(start or end)
    if not comparable(start, end):
        return format_date(start if start.year is not None else end)
    if end.sort_key() < start.sort_key():
        start, end = end, start
    if start == end:
        return format_date(start)
    if start.year is None:
        # Two days of no known year: "23–24/1 (chưa rõ năm)", the year said once.
        head, tail = _day_month(start), _day_month(end)
        if not head or not tail:
            return format_date(start)
        if start.month == end.month and start.day is not None and end.day is not None:
            return f"{start.day}–{tail} ({UNKNOWN_YEAR})"
        return f"{head} – {tail} ({UNKNOWN_YEAR})"
    if start.month is None or end.month is None:
        return f"{format_date(start)} – {format_date(end)}"
    if start.day is not None and end.day is not None and start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{format_date(end)}"
        return f"{start.day}/{start.month} – {format_date(end)}"
    if start.day is None and end.day is None and start.year == end.year:
        return f"tháng {start.month} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"


def format_event_date(event: Event) -> str:
    """An event's date or span as a reader writes it, with the approximate year the timeline
    inferred for a date written without one: "15/3 (khoảng 2016)".

    >>> from thoisu.model import Event
    >>> format_event_date(Event(PartialDate(2017, 1, 23), "x", [], end=PartialDate(2017, 1, 24)))
    '23–24/1/2017'
    >>> format_event_date(Event(PartialDate(None, 1, 23), "x", [], end=PartialDate(None, 1, 24)))
    '23–24/1 (chưa rõ năm)'
    """
    from thoisu.timeline import approx_year_of

    year = approx_year_of(event)
    if year is None:
        return format_span(event.date, event.end) if event.end else format_date(event.date)
    if event.end is None or event.end == event.date:
        return format_date(event.date, approx_year=year)
    dated = format_span(PartialDate(year, event.date.month, event.date.day),
                        PartialDate(year, event.end.month, event.end.day))
    return dated.removesuffix(f"/{year}") + f" (khoảng {year})"


def span_of(dates: Iterable[PartialDate | None]) -> tuple[PartialDate | None, PartialDate | None]:
    """First and last of ``dates`` among those that can be compared (the story-facts rule,
    :func:`thoisu.model.comparable_span`)."""
    return comparable_span(dates)


def format_dates_span(dates: Iterable[PartialDate | None]) -> str:
    """The span of ``dates`` as Vietnamese readers write it (see :func:`span_of`)."""
    return format_span(*span_of(dates))
