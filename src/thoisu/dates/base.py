"""What the pattern modules share: a candidate span, the tagging context, a rule record."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from thoisu.model import PartialDate


@dataclass
class Candidate:
    """A span one rule proposes; the tagger keeps the longest of overlapping ones."""

    start: int
    end: int
    type: str  # date, time, duration, set
    value: str
    rule: str
    priority: int = 0  # breaks ties between spans of equal length; higher wins
    raw: PartialDate | None = None  # the calendar date as written, before anchoring
    date: PartialDate | None = None  # after anchoring
    end_value: str | None = None
    mod: str | None = None
    weekday: int | None = None  # ISO weekday named in the span
    part: str | None = None  # TimeML part of day: MO, MI, AF, EV, NI
    clock: tuple[int, int] | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class Context:
    """The text being tagged, the date it is anchored to, and the years accepted as dates."""

    text: str  # as given (NFC); the patterns run on its lower-case copy, same length
    anchor: PartialDate | None
    min_year: int
    max_year: int

    def before(self, pos: int, width: int = 24) -> str:
        return self.text[max(0, pos - width):pos]

    def after(self, pos: int, width: int = 24) -> str:
        return self.text[pos:pos + width]

    def year_ok(self, year: int) -> bool:
        return self.min_year <= year <= self.max_year


Handler = Callable[[re.Match[str], Context], "Candidate | list[Candidate] | None"]


@dataclass(frozen=True)
class Rule:
    """A pattern and what to make of its matches. ``needs``: words one of which a line must
    contain for the pattern to be tried on it; ``digits``: the line must hold a digit. Both
    only save time (most lines of an article have no date)."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    needs: tuple[str, ...] = ()
    digits: bool = False
    # What every match of ``pattern`` contains (a cheap pattern, no look-around): a line where
    # it is not found is not tried. Only saves time, like ``needs``.
    hint: re.Pattern[str] | None = None


def compile_vi(pattern: str) -> re.Pattern[str]:
    """Patterns are written in lower case and run on lower-cased text: matching without
    IGNORECASE is several times faster on Vietnamese letters."""
    return re.compile(pattern)


def lower_same_length(text: str) -> str:
    """``text.lower()`` unless that would change its length (offsets must stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def part_value(date: PartialDate | None, part: str | None) -> str:
    """A date value with a TimeML part of day when the day is known: ``2016-03-28TMO``."""
    if date is None:
        base = "XXXX-XX-XX"
    else:
        base = date.iso()
        if date.day is None and date.year is None and date.month is None:
            base = "XXXX-XX-XX"
    if part and (date is None or date.day is not None or base == "XXXX-XX-XX"):
        return f"{base}T{part}"
    return base
