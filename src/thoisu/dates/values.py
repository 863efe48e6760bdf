"""Reading tagger values back as calendar dates."""

from __future__ import annotations

import re

from thoisu.model import PartialDate

_DATE = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?(?:T.*)?$")


def value_date(value: str) -> PartialDate | None:
    """The calendar date a TimeML value names, or None when it names none (a week
    ``2016-W12``, a weekday ``XXXX-WXX-3``, a quarter ``2011-Q3``, a duration ``P3D``,
    ``PAST_REF``). Times keep their day: ``2016-03-28T09:30`` → 2016-03-28.

    >>> value_date("XXXX-03-28"), value_date("2011-Q3")
    (PartialDate(year=None, month=3, day=28), None)
    """
    m = _DATE.match(value)
    if m is None:
        return None
    def num(s: str | None) -> int | None:
        return None if s is None or s.startswith("X") else int(s)

    return PartialDate(num(m.group(1)), num(m.group(2)), num(m.group(3)))
