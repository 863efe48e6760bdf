"""What two sentences share: names, days and words, read from the analysed record.

Two statements can be about the same thing only when their sentences do not name different
participants (the names the analysis found in each) and do not date different days.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from thoisu.disagree.words import content_of
from thoisu.model import Article, PartialDate, TimeExpr

# Date rules whose day is written out ("ngày 12/3", "12 tháng 3"): only those are trusted to
# say an event's day; a relative one ("hôm qua") moves with the anchor the analysis chose.
WRITTEN_DAY_RULES = frozenset({"date:numeric", "date:verbal", "range:days", "weekday+date"})


def _solar_date(expr: TimeExpr) -> PartialDate | None:
    """The solar calendar value of a date or time expression, None for anything else."""
    if expr.type not in ("date", "time") or expr.mod == "LUNAR":
        return None
    try:
        return PartialDate.parse(expr.value)
    except ValueError:
        return None


def day_of(expr: TimeExpr) -> PartialDate | None:
    """The day a date expression gives (``XXXX-03-12`` when its year is unknown), or None
    for anything coarser than a day or not a date."""
    date = _solar_date(expr)
    return date if date is not None and date.day is not None and date.month is not None \
        else None


def consistent(a: PartialDate, b: PartialDate) -> bool:
    """Whether two partial dates can be one: every part both know is equal."""
    return all(x is None or y is None or x == y for x, y in
               ((a.year, b.year), (a.month, b.month), (a.day, b.day)))


def date_of(expr: TimeExpr) -> PartialDate | None:
    """The calendar date of a date expression at whatever precision, None if it has none."""
    date = None if expr.end_value else _solar_date(expr)
    return date if date is not None and (date.year is not None or date.month is not None) \
        else None


# Words naming how wide a count reaches: "toàn huyện có 22 tổ" and "toàn xã có 10 tổ" count
# in different places.
SCOPES = ("xã", "phường", "huyện", "quận", "tỉnh", "thành phố", "cả nước", "toàn quốc",
          "thế giới", "toàn cầu", "châu")
_SCOPE = re.compile(r"(?<!\w)(" + "|".join(SCOPES) + r")(?!\w)")


def outlet_pairs(ids: Iterable[str], outlets: dict[str, str],
                 skip: set[frozenset[str]]) -> Iterator[tuple[str, str]]:
    """Every two article ids, in order, whose outlets differ and which ``skip`` does not name
    (a copy and its original): the only pairs that may disagree."""
    ids = list(ids)
    for i, x in enumerate(ids):
        for y in ids[i + 1:]:
            if outlets[x] != outlets[y] and frozenset((x, y)) not in skip:
                yield x, y


def same_day(a: PartialDate, b: PartialDate) -> bool:
    """Whether two days can be the same: month and day equal, years equal when both known."""
    return (a.month == b.month and a.day == b.day
            and (a.year is None or b.year is None or a.year == b.year))


@dataclass
class SentenceFacts:
    """What one sentence holds, for pairing: its names, its days and its content syllables."""

    names: frozenset[str]
    days: tuple[PartialDate, ...]
    text: str
    dates: tuple[PartialDate, ...] = ()  # every date, at any precision
    periods: frozenset[str] = frozenset()  # "P9M" (9 tháng), "Q3" (quý 3): what a sum covers
    _words: frozenset[str] | None = None
    _scopes: frozenset[str] | None = None

    @property
    def scopes(self) -> frozenset[str]:
        if self._scopes is None:
            self._scopes = frozenset(_SCOPE.findall(self.text.lower()))
        return self._scopes

    def compatible_dates(self, other: SentenceFacts) -> bool:
        """No sign that the sentences date different times ("năm 1990" against "năm 2012")."""
        return not (self.dates and other.dates and not any(
            consistent(a, b) for a in self.dates for b in other.dates))

    def compatible_periods(self, other: SentenceFacts) -> bool:
        """"Lũy kế 9 tháng" and "quý 3" sum over different periods."""
        return not (self.periods and other.periods and not self.periods & other.periods)

    def compatible_scopes(self, other: SentenceFacts) -> bool:
        a, b = self.scopes, other.scopes
        return not (a and b and not a & b)

    @property
    def words(self) -> frozenset[str]:
        """Content syllables, read when first asked (most sentences never are)."""
        if self._words is None:
            self._words = content_of(self.text)
        return self._words

    def compatible_days(self, other: SentenceFacts) -> bool:
        """No sign that the sentences date different days: a day in common when both give one."""
        return not (self.days and other.days and not any(
            same_day(a, b) for a in self.days for b in other.days))


def sentence_facts(article: Article) -> list[SentenceFacts]:
    """The facts of each of the article's sentences, by index."""
    names: list[set[str]] = [set() for _ in article.sentences]
    for m in article.mentions:
        if m.sentence is not None and 0 <= m.sentence < len(names):
            names[m.sentence].add(m.name)
    days: list[list[PartialDate]] = [[] for _ in article.sentences]
    dates: list[list[PartialDate]] = [[] for _ in article.sentences]
    periods: list[set[str]] = [set() for _ in article.sentences]
    for d in article.dates:
        if d.sentence is not None and 0 <= d.sentence < len(days):
            if d.type == "duration":
                periods[d.sentence].add(d.value)
            elif "-Q" in d.value or "-H" in d.value:
                periods[d.sentence].add(d.value.split("-", 1)[1])
            day = day_of(d)
            if day is not None:
                days[d.sentence].append(day)
            date = date_of(d)
            if date is not None:
                dates[d.sentence].append(date)
    return [SentenceFacts(frozenset(names[k]), tuple(days[k]), s.text, tuple(dates[k]),
                          frozenset(periods[k]))
            for k, s in enumerate(article.sentences)]
